//! The committee routes of the JSON API: committees, members, issues,
//! meetings (attendance, minutes, ballots, priorities) and organisations,
//! over the operations of `aman_app::committees`.

use super::body::Body;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::committees::*;
use aman_app::items;
use aman_core::committee::ranking::Prioritisation;
use aman_core::role::Action;
use aman_db::{CommitteeRecord, MemberRecord};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/committees", get(api_list).post(api_create))
        .route("/committees/{id}", get(api_show))
        .route("/committees/{id}/members", post(api_add_member))
        .route("/committees/{id}/issues", post(api_create_issue))
        .route("/committees/{id}/meetings", post(api_create_meeting))
        .route("/meetings/{id}", get(api_meeting))
        .route("/meetings/{id}/attendance", put(api_attendance))
        .route("/meetings/{id}/minutes", put(api_minutes))
        .route("/meetings/{id}/ballots/{member}", put(api_ballot))
        .route("/meetings/{id}/priorities", post(api_prioritise))
        .route("/organisations", get(api_organisations))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AreaQuery {
    area: String,
}

fn committee_body(committee: &CommitteeRecord, members: &[MemberRecord]) -> CommitteeBody {
    CommitteeBody {
        id: committee.id,
        area: committee.area.as_str().to_owned(),
        name: committee.name.clone(),
        rule: rule(committee),
        composition: composition(committee, members),
        members: members
            .iter()
            .map(|m| MemberBody {
                id: m.id,
                name: m.name.clone(),
                constituency: m.constituency,
                sex: m.sex,
                organisation_id: m.organisation_id,
                active: m.active,
            })
            .collect(),
    }
}

async fn api_list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AreaQuery>,
) -> Result<Json<CommitteeList>, AppError> {
    let committees = list(&state, &staff, &q.area).await?.iter().map(|(c, m)| committee_body(c, m)).collect();
    Ok(Json(CommitteeList { committees }))
}

async fn api_create(
    State(state): State<AppState>,
    staff: Staff,
    Body(input): Body<NewCommittee>,
) -> Result<Response, AppError> {
    created(create(&state, &staff, &input).await).await
}

async fn api_show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<CommitteeDetail>, AppError> {
    let committee = load(&state, &staff, id, Action::ViewCommittees).await?;
    let members = state.db().members(id).await?;
    let meetings = state.db().meetings(id).await?;
    let issues = state.db().issues(id).await?;
    Ok(Json(CommitteeDetail {
        committee: committee_body(&committee, &members),
        meetings: meetings
            .into_iter()
            .map(|m| MeetingSummary { id: m.id, held_on: m.held_on, place: m.place })
            .collect(),
        issues: issue_bodies(&state, &staff, issues).await?,
    }))
}

async fn created(id: Result<i64, aman_app::Error>) -> Result<Response, AppError> {
    Ok((StatusCode::CREATED, Json(Created { id: id? })).into_response())
}

async fn api_add_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewMember>,
) -> Result<Response, AppError> {
    created(add_member(&state, &staff, id, &input).await).await
}

async fn api_create_issue(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewIssue>,
) -> Result<Response, AppError> {
    created(create_issue(&state, &staff, id, &input).await).await
}

async fn api_create_meeting(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewMeeting>,
) -> Result<Response, AppError> {
    created(create_meeting(&state, &staff, id, &input).await).await
}

async fn api_meeting(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<MeetingBody>, AppError> {
    let (committee, meeting) = load_meeting(&state, &staff, id, Action::ViewCommittees).await?;
    let members = state.db().members(committee.id).await?;
    let mut reader = items::Reader::new(&state, &staff);
    let priorities = match state.db().priorities(id).await? {
        Some((method, result)) => {
            let result = match serde_json::from_str(&result).ok() {
                Some(list) => Some(reader.redact_priorities(list).await?),
                None => None,
            };
            Some(PrioritiesBody { method, result })
        }
        None => None,
    };
    Ok(Json(MeetingBody {
        id: meeting.id,
        committee_id: committee.id,
        held_on: meeting.held_on,
        place: meeting.place.clone(),
        agenda: reader.redact(&meeting.agenda).await?,
        attendance: meeting
            .attendance
            .iter()
            .map(|&(member_id, present)| AttendanceBody { member_id, present })
            .collect(),
        quorum: quorum(&members, &meeting),
        minutes: meeting.minutes,
        decisions: meeting.decisions,
        version: meeting.version,
        priorities,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Present {
    present: Vec<i64>,
}

async fn api_attendance(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Present>,
) -> Result<Json<MeetingBody>, AppError> {
    set_attendance(&state, &staff, id, &input.present).await?;
    api_meeting(State(state), staff, Path(id)).await
}

async fn api_minutes(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Minutes>,
) -> Result<Json<MeetingBody>, AppError> {
    set_minutes(&state, &staff, id, &input).await?;
    api_meeting(State(state), staff, Path(id)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Ranking {
    ranking: Vec<String>,
}

async fn api_ballot(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, member)): Path<(i64, i64)>,
    Body(input): Body<Ranking>,
) -> Result<StatusCode, AppError> {
    set_ballot(&state, &staff, id, member, &input.ranking).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MethodChoice {
    method: String,
}

async fn api_prioritise(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<MethodChoice>,
) -> Result<Json<Prioritisation<String>>, AppError> {
    Ok(Json(prioritise(&state, &staff, id, &input.method).await?))
}

async fn api_organisations(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AreaQuery>,
) -> Result<Json<OrganisationList>, AppError> {
    let organisations = organisations(&state, &staff, &q.area)
        .await?
        .into_iter()
        .map(|o| OrganisationBody {
            id: o.id,
            kind: o.kind,
            name: Names::pair(o.name_ar, o.name_en),
            area: o.area,
            categories: o.categories,
            confidential: o.confidential,
            contact: o.contact,
        })
        .collect();
    Ok(Json(OrganisationList { organisations }))
}

/// A committee's issues, each concern the reader may not see counted but not named.
async fn issue_bodies(
    state: &AppState,
    staff: &Staff,
    issues: Vec<aman_db::IssueRecord>,
) -> Result<Vec<IssueBody>, AppError> {
    let mut reader = items::Reader::new(state, staff);
    let mut out = Vec::with_capacity(issues.len());
    for issue in issues {
        let (concerns, confidential_concerns) = reader.concerns(&issue.concerns).await?;
        out.push(IssueBody { id: issue.id, title: issue.title, concerns, confidential_concerns });
    }
    Ok(out)
}
