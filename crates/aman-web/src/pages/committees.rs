//! Staff pages of the joint committees: the committees of one's area with
//! their composition, a committee (members, issues, meetings, and the forms
//! to add them), a meeting (agenda, attendance and quorum, minutes, ballots,
//! the priority list with each constituency's own), and a printable agenda
//! and minutes. Every form carries the session's CSRF token.

use super::staff::{PageStaff, nav};
use super::{Choice, Nav, area_label, render};
use crate::actions::{NewActionInput, Progress};
use crate::auth::Staff;
use crate::committees::{self, Minutes, NewIssue, NewMeeting, NewMember};
use crate::concerns::{self, QueueQuery};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::committee::composition::{Constituency, Finding};
use aman_core::committee::ranking::{Method, Prioritisation};
use aman_core::lifecycle::Status;
use aman_core::role::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/committees", get(list).post(create))
        .route("/staff/committees/{id}", get(committee_page))
        .route("/staff/committees/{id}/members", post(add_member))
        .route("/staff/committees/{id}/issues", post(add_issue))
        .route("/staff/committees/{id}/meetings", post(add_meeting))
        .route("/staff/committees/{id}/actions", post(add_action))
        .route("/staff/actions/{id}/progress", post(action_progress))
        .route("/staff/meetings/{id}", get(meeting_page))
        .route("/staff/meetings/{id}/print", get(print_page))
        .route("/staff/meetings/{id}/attendance", post(attendance))
        .route("/staff/meetings/{id}/minutes", post(minutes))
        .route("/staff/meetings/{id}/ballot", post(ballot))
        .route("/staff/meetings/{id}/priorities", post(priorities))
}

/// A posted form: every field, repeated names kept (checkboxes).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn all<'a>(fields: &'a Fields, name: &str) -> impl Iterator<Item = &'a str> {
    fields.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn checked(staff: &Staff, fields: &Fields) -> Result<(), AppError> {
    staff.check_csrf(field(fields, "csrf"))
}

fn constituency_label(t: Tr, code: &str) -> String {
    t.get(&format!("constituency-{code}"))
}

struct CommitteeRow {
    id: i64,
    name: String,
    area: String,
    members: String,
    met: bool,
}

#[derive(Template)]
#[template(path = "committees.html")]
struct ListPage {
    t: Tr,
    nav: Nav,
    title: String,
    rows: Vec<CommitteeRow>,
    /// For those who may create one: the form's area (their own) and token.
    create: Option<(String, String)>,
}

async fn list(State(state): State<AppState>, t: Tr, PageStaff(staff): PageStaff) -> Result<Response, AppError> {
    if !staff.user.role.may(Action::ViewCommittees) {
        return Err(AppError::new(crate::error::ErrorCode::Forbidden));
    }
    let mut rows = Vec::new();
    for committee in state.db().committees(staff.user.area.as_str()).await? {
        let members = state.db().members(committee.id).await?;
        rows.push(CommitteeRow {
            id: committee.id,
            name: committee.name.clone(),
            area: area_label(&state, t, committee.area.as_str()),
            members: t.num("committees-members", "count", members.iter().filter(|m| m.active).count() as i64),
            met: committees::composition(&committee, &members).met,
        });
    }
    let create =
        staff.user.role.may(Action::ManageCommittees).then(|| (staff.user.area.to_string(), staff.csrf_token.clone()));
    Ok(render(&ListPage { t, nav: nav(&staff, "/staff/committees"), title: t.get("committees-title"), rows, create }))
}

async fn create(State(state): State<AppState>, staff: Staff, Form(f): Form<Fields>) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let input =
        committees::NewCommittee { area: field(&f, "area").to_owned(), name: field(&f, "name").to_owned(), rule: None };
    let id = committees::create(&state, &staff, &input).await?;
    Ok(back(format!("/staff/committees/{id}")))
}

struct MemberRow {
    name: String,
    constituency: String,
    sex: String,
}

#[derive(Template)]
#[template(path = "committee.html")]
struct CommitteePage {
    t: Tr,
    nav: Nav,
    title: String,
    id: i64,
    area: String,
    members: Vec<MemberRow>,
    met: bool,
    findings: Vec<String>,
    issues: Vec<(i64, String, String)>,
    meetings: Vec<(i64, String, String)>,
    concerns: Vec<Choice>,
    constituencies: Vec<Choice>,
    actions: Vec<ActionRow>,
    owners: Vec<Choice>,
    may_manage: bool,
    csrf: String,
    today: String,
}

struct ActionRow {
    id: i64,
    version: i64,
    title: String,
    owner: String,
    due: String,
    status: String,
    overdue: bool,
    confirmations: String,
    next: Vec<Choice>,
}

async fn committee_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let committee = committees::load(&state, &staff, id, Action::ViewCommittees).await?;
    let members = state.db().members(id).await?;
    let report = committees::composition(&committee, &members);
    let query = QueueQuery { area: Some(committee.area.to_string()), ..Default::default() };
    let concerns = match concerns::queue(&state, &staff, &query).await {
        Ok((records, _, _)) => records
            .iter()
            .filter(|r| !matches!(r.status, Status::Closed | Status::Rejected | Status::Duplicate | Status::Resolved))
            .map(|r| Choice::new(&r.id.to_string(), format!("#{} {}", r.id, t.category(r.category.as_str())), ""))
            .collect(),
        Err(_) => Vec::new(),
    };
    let page = CommitteePage {
        t,
        nav: nav(&staff, "/staff/committees"),
        title: committee.name.clone(),
        id,
        area: area_label(&state, t, committee.area.as_str()),
        members: members
            .iter()
            .filter(|m| m.active)
            .map(|m| MemberRow {
                name: m.name.clone(),
                constituency: constituency_label(t, m.constituency.as_str()),
                sex: t.get(&format!("sex-{}", m.sex.as_str())),
            })
            .collect(),
        met: report.met,
        findings: report.findings.iter().map(|f| finding_text(t, f)).collect(),
        issues: state
            .db()
            .issues(id)
            .await?
            .into_iter()
            .map(|i| (i.id, i.title, t.num("committee-issue-concerns", "count", i.concerns.len() as i64)))
            .collect(),
        meetings: state.db().meetings(id).await?.into_iter().map(|m| (m.id, m.held_on.to_string(), m.place)).collect(),
        concerns,
        constituencies: Constituency::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), constituency_label(t, c.as_str()), ""))
            .collect(),
        actions: action_rows(&state, t, id).await?,
        owners: state
            .db()
            .organisations(committee.area.as_str())
            .await?
            .into_iter()
            .map(|o| Choice::new(&o.id.to_string(), o.name(t.lang_code()).to_owned(), ""))
            .collect(),
        may_manage: staff.user.role.may(Action::ManageCommittees),
        csrf: staff.csrf_token.clone(),
        today: state.today().to_string(),
    };
    Ok(render(&page))
}

async fn action_rows(state: &AppState, t: Tr, committee: i64) -> Result<Vec<ActionRow>, AppError> {
    let mut rows = Vec::new();
    for a in state.db().actions(committee).await? {
        let owner = state.db().organisation(a.owner_id).await?;
        let (better, disputed) = state.db().confirmations(a.id).await?;
        rows.push(ActionRow {
            id: a.id,
            version: a.version,
            title: a.title.clone(),
            owner: owner.map_or_else(String::new, |o| o.name(t.lang_code()).to_owned()),
            due: a.due_on.to_string(),
            status: t.get(&format!("action-status-{}", a.status.as_str())),
            overdue: a.status.is_open() && a.due_on < state.today(),
            confirmations: t
                .text("action-confirmations", &[("better", &better.to_string()), ("disputed", &disputed.to_string())]),
            next: a
                .status
                .next()
                .iter()
                .map(|n| Choice::new(n.as_str(), t.get(&format!("action-status-{}", n.as_str())), ""))
                .collect(),
        });
    }
    Ok(rows)
}

async fn add_action(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let items = all(&f, "issue")
        .map(|i| format!("issue:{i}"))
        .chain(all(&f, "concern").map(|c| format!("concern:{c}")))
        .collect();
    let input = NewActionInput {
        title: field(&f, "title").to_owned(),
        owner_id: field(&f, "owner_id").parse().unwrap_or_default(),
        partners: Vec::new(),
        due_on: field(&f, "due_on").to_owned(),
        items,
    };
    crate::actions::create(&state, &staff, id, &input).await?;
    Ok(back(format!("/staff/committees/{id}")))
}

async fn action_progress(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let input = Progress {
        status: field(&f, "status").to_owned(),
        body: field(&f, "body").to_owned(),
        version: field(&f, "version").parse().ok(),
    };
    crate::actions::progress(&state, &staff, id, &input).await?;
    let committee = state.db().action(id).await?.map_or(0, |a| a.committee_id);
    Ok(back(format!("/staff/committees/{committee}")))
}

/// A composition finding in the reader's language.
fn finding_text(t: Tr, finding: &Finding) -> String {
    let percent = |part: u32, whole: u32| (part * 100).checked_div(whole).unwrap_or(0).to_string();
    match finding {
        Finding::NoMembers => t.get("finding-no-members"),
        Finding::TooFewWomen { women, members, min_share, needed } => t.text(
            "finding-too-few-women",
            &[
                ("women", &women.to_string()),
                ("members", &members.to_string()),
                ("percent", &percent(*women, *members)),
                ("min", &format!("{:.0}", min_share * 100.0)),
                ("needed", &needed.to_string()),
            ],
        ),
        Finding::TooFewSeats { constituency, seats, min_seats } => t.text(
            "finding-too-few-seats",
            &[
                ("constituency", &constituency_label(t, constituency.as_str())),
                ("seats", &seats.to_string()),
                ("min", &min_seats.to_string()),
            ],
        ),
        Finding::TooManyOfficials { officials, members, max_share } => t.text(
            "finding-too-many-officials",
            &[
                ("officials", &officials.to_string()),
                ("members", &members.to_string()),
                ("percent", &percent(*officials, *members)),
                ("max", &format!("{:.0}", max_share * 100.0)),
            ],
        ),
        Finding::SexNotRecorded { members } => t.text("finding-sex-not-recorded", &[("members", &members.to_string())]),
        Finding::WomenSeatHeldByMan { members } => {
            t.text("finding-women-seat-held-by-man", &[("members", &members.to_string())])
        }
    }
}

fn back(path: String) -> Response {
    Redirect::to(&path).into_response()
}

async fn add_member(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let input = NewMember {
        name: field(&f, "name").to_owned(),
        constituency: field(&f, "constituency").to_owned(),
        sex: field(&f, "sex").to_owned(),
        organisation_id: None,
    };
    committees::add_member(&state, &staff, id, &input).await?;
    Ok(back(format!("/staff/committees/{id}")))
}

async fn add_issue(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let concerns = all(&f, "concern").filter_map(|c| c.parse().ok()).collect();
    committees::create_issue(&state, &staff, id, &NewIssue { title: field(&f, "title").to_owned(), concerns }).await?;
    Ok(back(format!("/staff/committees/{id}")))
}

async fn add_meeting(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    let agenda = all(&f, "issue")
        .map(|i| format!("issue:{i}"))
        .chain(all(&f, "concern").map(|c| format!("concern:{c}")))
        .collect();
    let input = NewMeeting { held_on: field(&f, "held_on").to_owned(), place: field(&f, "place").to_owned(), agenda };
    let meeting = committees::create_meeting(&state, &staff, id, &input).await?;
    Ok(back(format!("/staff/meetings/{meeting}")))
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
    let mut labels = BTreeMap::new();
    for key in &meeting.agenda {
        labels.insert(key.clone(), item_label(state, t, committee.id, key).await);
    }
    let label = |key: &str| labels.get(key).cloned().unwrap_or_else(|| key.to_owned());
    let mut rankings = Vec::new();
    let mut ballots = String::new();
    let stored = state.db().priorities(id).await?;
    let parsed = stored
        .and_then(|(method, result)| Some((method, serde_json::from_str::<Prioritisation<String>>(&result).ok()?)));
    if let Some((method, result)) = parsed {
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
        agenda: meeting.agenda.iter().map(|k| (k.clone(), label(k))).collect(),
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
        csrf: staff.csrf_token.clone(),
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
