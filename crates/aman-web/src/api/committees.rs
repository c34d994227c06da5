//! The committee routes of the JSON API: committees, members, issues,
//! meetings (attendance, minutes, ballots, priorities) and organisations,
//! over the operations of `aman_app::committees`.

use super::body::Body;
use super::describe::Conflict;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::committees::*;
use aman_app::items;
use aman_core::committee::ranking::Prioritisation;
use aman_core::role::Action;
use aman_db::{CommitteeRecord, MemberRecord};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_list, api_create))
        .routes(routes!(api_show))
        .routes(routes!(api_add_member))
        .routes(routes!(api_create_issue))
        .routes(routes!(api_create_meeting))
        .routes(routes!(api_meeting))
        .routes(routes!(api_attendance))
        .routes(routes!(api_minutes))
        .routes(routes!(api_ballot))
        .routes(routes!(api_prioritise))
        .routes(routes!(api_organisations))
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
struct AreaQuery {
    /// A P-code within the reader's area: only what is there (the reader's whole area by default).
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

/// The committees in the reader's area, with their members and composition.
#[utoipa::path(get, path = "/committees", tag = "committees", operation_id = "list_committees",
    security(("bearer" = [])), params(AreaQuery),
    responses((status = OK, description = "The committees.", body = CommitteeList)))]
async fn api_list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AreaQuery>,
) -> Result<Json<CommitteeList>, AppError> {
    let committees = list(&state, &staff, &q.area).await?.iter().map(|(c, m)| committee_body(c, m)).collect();
    Ok(Json(CommitteeList { committees }))
}

/// Create a committee for an area, with its composition rule.
#[utoipa::path(post, path = "/committees", tag = "committees", operation_id = "create_committee",
    security(("bearer" = [])), request_body(content = NewCommittee, example = json!({"area": "IQG02Q01", "name": "Abu Al-Khaseeb joint committee"})),
    responses((status = CREATED, description = "The committee's id.", body = Created)))]
async fn api_create(
    State(state): State<AppState>,
    staff: Staff,
    Body(input): Body<NewCommittee>,
) -> Result<Response, AppError> {
    created(create(&state, &staff, &input).await).await
}

/// A committee with its meetings and issues.
#[utoipa::path(get, path = "/committees/{id}", tag = "committees", operation_id = "show_committee",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)),
    responses((status = OK, description = "The committee.", body = CommitteeDetail)))]
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

/// Add a member to a committee.
#[utoipa::path(post, path = "/committees/{id}/members", tag = "committees", operation_id = "add_member",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)), request_body(content = NewMember, example = json!({"name": "Umm Ali", "constituency": "women", "sex": "female"})),
    responses((status = CREATED, description = "The member's id.", body = Created)))]
async fn api_add_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewMember>,
) -> Result<Response, AppError> {
    created(add_member(&state, &staff, id, &input).await).await
}

/// Group concerns of the committee's area into an issue.
#[utoipa::path(post, path = "/committees/{id}/issues", tag = "committees", operation_id = "create_issue",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)), request_body(content = NewIssue, example = json!({"title": "Shooting at weddings", "concerns": [1]})),
    responses((status = CREATED, description = "The issue's id.", body = Created)))]
async fn api_create_issue(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewIssue>,
) -> Result<Response, AppError> {
    created(create_issue(&state, &staff, id, &input).await).await
}

/// Plan a meeting of a committee, with its agenda.
#[utoipa::path(post, path = "/committees/{id}/meetings", tag = "committees", operation_id = "create_meeting",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)), request_body(content = NewMeeting, example = json!({"held_on": "2030-01-15", "place": "Community hall", "agenda": ["concern:1"]})),
    responses((status = CREATED, description = "The meeting's id.", body = Created)))]
async fn api_create_meeting(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewMeeting>,
) -> Result<Response, AppError> {
    created(create_meeting(&state, &staff, id, &input).await).await
}

/// A meeting: agenda, attendance and quorum, minutes and priorities.
#[utoipa::path(get, path = "/meetings/{id}", tag = "committees", operation_id = "show_meeting",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The meeting's id.", example = 1)),
    responses((status = OK, description = "The meeting.", body = MeetingBody)))]
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

/// The members present.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
struct Present {
    present: Vec<i64>,
}

/// Record who attended a meeting.
#[utoipa::path(put, path = "/meetings/{id}/attendance", tag = "committees", operation_id = "set_attendance",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The meeting's id.", example = 1)), request_body(content = Present, example = json!({"present": [1]})),
    responses((status = OK, description = "The meeting as it now is.", body = MeetingBody)))]
async fn api_attendance(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Present>,
) -> Result<Json<MeetingBody>, AppError> {
    set_attendance(&state, &staff, id, &input.present).await?;
    api_meeting(State(state), staff, Path(id)).await
}

/// Record a meeting's minutes and decisions.
#[utoipa::path(put, path = "/meetings/{id}/minutes", tag = "committees", operation_id = "set_minutes",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The meeting's id.", example = 1)), request_body(content = Minutes, example = json!({"minutes": "Ten members met.", "decisions": "Ask the police for patrols."})),
    responses(
        (status = OK, description = "The meeting as it now is.", body = MeetingBody),
        (status = CONFLICT, response = Conflict),
    ))]
async fn api_minutes(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Minutes>,
) -> Result<Json<MeetingBody>, AppError> {
    set_minutes(&state, &staff, id, &input).await?;
    api_meeting(State(state), staff, Path(id)).await
}

/// A member's ballot: the meeting's concerns and issues (`concern:ID`,
/// `issue:ID`), most important first.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
struct Ranking {
    ranking: Vec<String>,
}

/// Record a member's ballot for a meeting's priorities.
#[utoipa::path(put, path = "/meetings/{id}/ballots/{member}", tag = "committees", operation_id = "set_ballot",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The meeting's id.", example = 1), ("member" = i64, Path, description = "The member's id.", example = 1)),
    request_body(content = Ranking, example = json!({"ranking": ["concern:1"]})),
    responses((status = NO_CONTENT, description = "The ballot is recorded.")))]
async fn api_ballot(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, member)): Path<(i64, i64)>,
    Body(input): Body<Ranking>,
) -> Result<StatusCode, AppError> {
    set_ballot(&state, &staff, id, member, &input.ranking).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The counting method: `borda` or `schulze`.
#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
struct MethodChoice {
    method: String,
}

/// Count a meeting's ballots into the committee's priority list (stored with the meeting).
#[utoipa::path(post, path = "/meetings/{id}/priorities", tag = "committees", operation_id = "prioritise",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The meeting's id.", example = 1)), request_body(content = MethodChoice, example = json!({"method": "borda"})),
    responses((status = OK, description = "The priority list, overall and per constituency.", body = Prioritisation<String>)))]
async fn api_prioritise(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<MethodChoice>,
) -> Result<Json<Prioritisation<String>>, AppError> {
    Ok(Json(prioritise(&state, &staff, id, &input.method).await?))
}

/// The organisations serving the reader's area (referral targets, action owners).
#[utoipa::path(get, path = "/organisations", tag = "committees", operation_id = "list_organisations",
    security(("bearer" = [])), params(AreaQuery),
    responses((status = OK, description = "The organisations.", body = OrganisationList)))]
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
