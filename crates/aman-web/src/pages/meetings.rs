//! Staff pages of a committee's meetings: the agenda, attendance and quorum,
//! minutes, members' ballots and the priority list with each constituency's
//! own, and the printable agenda and minutes. Every form carries the
//! session's CSRF token.

use super::forms::{Fields, all, back, checked, constituency_label, field};
use super::layout::{Nav, area_label, render};
use super::staff::{PageStaff, nav};
use crate::auth::Staff;
use crate::committees::{self, Minutes};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::items;
use aman_core::committee::ranking::{Method, Prioritisation};
use aman_core::role::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/meetings/{id}", get(meeting_page))
        .route("/staff/meetings/{id}/print", get(print_page))
        .route("/staff/meetings/{id}/attendance", post(attendance))
        .route("/staff/meetings/{id}/minutes", post(minutes))
        .route("/staff/meetings/{id}/ballot", post(ballot))
        .route("/staff/meetings/{id}/priorities", post(priorities))
}

struct AttendanceRow {
    id: i64,
    name: String,
    constituency: String,
    present: bool,
}

struct RankingView {
    heading: String,
    items: Vec<String>,
    dissent: Option<String>,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    t: Tr,
    nav: Nav,
    title: String,
    id: i64,
    committee_id: i64,
    committee: String,
    held_on: String,
    place: String,
    agenda: Vec<(String, String)>,
    attendance: Vec<AttendanceRow>,
    quorum: String,
    quorum_met: bool,
    minutes: String,
    decisions: String,
    version: i64,
    rankings: Vec<RankingView>,
    ballots: String,
    may_manage: bool,
    csrf: String,
    print: bool,
}

/// A human label for an agenda item key.
async fn item_label(state: &AppState, t: Tr, committee_id: i64, key: &str) -> String {
    match key {
        items::HIDDEN_CONCERN => return t.get("item-confidential-concern"),
        items::HIDDEN_ALERT => return t.get("item-confidential-alert"),
        _ => {}
    }
    let Some((kind, id)) = key.split_once(':') else { return key.to_owned() };
    let Ok(id) = id.parse::<i64>() else { return key.to_owned() };
    match kind {
        "concern" => match state.db().concern(id).await {
            Ok(Some(c)) => {
                format!("#{id} — {} — {}", t.category(c.category.as_str()), area_label(state, t, c.area.as_str()))
            }
            _ => key.to_owned(),
        },
        "issue" => match state.db().issues(committee_id).await {
            Ok(issues) => issues.into_iter().find(|i| i.id == id).map_or_else(|| key.to_owned(), |i| i.title),
            Err(_) => key.to_owned(),
        },
        "alert" => match state.db().alert(id).await {
            Ok(Some(a)) => format!("{} — {}", t.get("nav-alerts"), t.category(a.category.as_str())),
            _ => key.to_owned(),
        },
        _ => key.to_owned(),
    }
}

async fn meeting_view(state: &AppState, t: Tr, staff: &Staff, id: i64, print: bool) -> Result<MeetingPage, AppError> {
    let (committee, meeting) = committees::load_meeting(state, staff, id, Action::ViewCommittees).await?;
    let members = state.db().members(committee.id).await?;
    let quorum = committees::quorum(&members, &meeting);
    let mut reader = items::Reader::new(state, staff);
    let agenda = reader.redact(&meeting.agenda).await?;
    let mut labels = BTreeMap::new();
    for key in &agenda {
        labels.insert(key.clone(), item_label(state, t, committee.id, key).await);
    }
    let label = |key: &str| labels.get(key).cloned().unwrap_or_else(|| key.to_owned());
    let mut rankings = Vec::new();
    let mut ballots = String::new();
    let stored = state.db().priorities(id).await?;
    let parsed = stored
        .and_then(|(method, result)| Some((method, serde_json::from_str::<Prioritisation<String>>(&result).ok()?)));
    if let Some((method, result)) = parsed {
        let result = reader.redact_priorities(result).await?;
        ballots = t.num("meeting-ballots", "count", result.ballots as i64);
        let method = Method::from_code(&method).map_or(method.clone(), |m| t.get(&format!("method-{}", m.as_str())));
        rankings.push(RankingView {
            heading: t.text("meeting-committee-ranking", &[("method", &method)]),
            items: result.committee.iter().map(|s| label(&s.item)).collect(),
            dissent: None,
        });
        for c in &result.constituencies {
            rankings.push(RankingView {
                heading: constituency_label(t, c.constituency.as_str()),
                items: c.ranking.iter().map(|s| label(&s.item)).collect(),
                dissent: Some(format!("{:.2}", c.dissent.distance)),
            });
        }
    }
    Ok(MeetingPage {
        t,
        nav: nav(staff, &format!("/staff/meetings/{id}")),
        title: t.text("meeting-title", &[("date", &meeting.held_on.to_string())]),
        id,
        committee_id: committee.id,
        committee: committee.name.clone(),
        held_on: meeting.held_on.to_string(),
        place: meeting.place.clone(),
        agenda: agenda.iter().map(|k| (k.clone(), label(k))).collect(),
        attendance: members
            .iter()
            .filter(|m| m.active)
            .map(|m| AttendanceRow {
                id: m.id,
                name: m.name.clone(),
                constituency: constituency_label(t, m.constituency.as_str()),
                present: meeting.attendance.iter().any(|(id, p)| *id == m.id && *p),
            })
            .collect(),
        quorum: t.text(
            if quorum.met { "meeting-quorum-met" } else { "meeting-quorum-unmet" },
            &[("present", &quorum.present.to_string()), ("needed", &quorum.needed.to_string())],
        ),
        quorum_met: quorum.met,
        minutes: meeting.minutes.clone(),
        decisions: meeting.decisions.clone(),
        version: meeting.version,
        rankings,
        ballots,
        may_manage: staff.user.role.may(Action::ManageCommittees) && !print,
        csrf: staff.session.csrf_token.clone(),
        print,
    })
}

async fn meeting_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    Ok(render(&meeting_view(&state, t, &staff, id, false).await?))
}

async fn print_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    Ok(render(&meeting_view(&state, t, &staff, id, true).await?))
}

async fn attendance(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let present: Vec<i64> = all(&f, "present").filter_map(|p| p.parse().ok()).collect();
    committees::set_attendance(&state, &staff, id, &present).await?;
    Ok(back(format!("/staff/meetings/{id}")))
}

async fn minutes(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let input = Minutes {
        minutes: field(&f, "minutes").to_owned(),
        decisions: field(&f, "decisions").to_owned(),
        version: field(&f, "version").parse().ok(),
    };
    committees::set_minutes(&state, &staff, id, &input).await?;
    Ok(back(format!("/staff/meetings/{id}")))
}

/// A ballot from the form: each item's rank number (1 = most important);
/// items left blank are not ranked.
async fn ballot(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let member: i64 = field(&f, "member").parse().map_err(|_| AppError::field("member", "unknown_member"))?;
    let mut ranked: Vec<(u32, String)> = f
        .iter()
        .filter_map(|(k, v)| Some((v.trim().parse::<u32>().ok()?, k.strip_prefix("rank:")?.to_owned())))
        .filter(|(_, item)| item != items::HIDDEN_CONCERN && item != items::HIDDEN_ALERT)
        .collect();
    ranked.sort();
    let ranking: Vec<String> = ranked.into_iter().map(|(_, item)| item).collect();
    committees::set_ballot(&state, &staff, id, member, &ranking).await?;
    Ok(back(format!("/staff/meetings/{id}")))
}

async fn priorities(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    committees::prioritise(&state, &staff, id, field(&f, "method")).await?;
    Ok(back(format!("/staff/meetings/{id}")))
}
