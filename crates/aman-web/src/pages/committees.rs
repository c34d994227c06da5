//! Staff pages of the joint committees: the committees of one's area with
//! their composition, and a committee (members, issues, meetings, its action
//! plan, and the forms to add them); meetings are `meetings.rs`. Every form
//! carries the session's CSRF token.

use super::forms::{Fields, all, back, checked, constituency_label, field};
use super::layout::{Choice, Nav, area_choices, area_label, area_value, render};
use super::staff::{PageStaff, nav};
use crate::actions::{NewActionInput, Progress};
use crate::auth::Staff;
use crate::committees::{self, NewIssue, NewMeeting, NewMember};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::queue::{self, QueueQuery};
use crate::state::AppState;
use aman_core::committee::composition::{Constituency, Finding};
use aman_core::lifecycle::Status;
use aman_core::role::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/committees", get(list).post(create))
        .route("/staff/committees/{id}", get(committee_page))
        .route("/staff/committees/{id}/members", post(add_member))
        .route("/staff/committees/{id}/issues", post(add_issue))
        .route("/staff/committees/{id}/meetings", post(add_meeting))
        .route("/staff/committees/{id}/actions", post(add_action))
        .route("/staff/actions/{id}/progress", post(action_progress))
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
    /// The areas the form offers.
    area_choices: Vec<Choice>,
}

async fn list(State(state): State<AppState>, t: Tr, PageStaff(staff): PageStaff) -> Result<Response, AppError> {
    let mut rows = Vec::new();
    for (committee, members) in committees::list(&state, &staff, "").await? {
        rows.push(CommitteeRow {
            id: committee.id,
            name: committee.name.clone(),
            area: area_label(&state, t, committee.area.as_str()),
            members: t.num("committees-members", "count", members.iter().filter(|m| m.active).count() as i64),
            met: committees::composition(&committee, &members).met,
        });
    }
    let create = staff
        .user
        .role
        .may(Action::ManageCommittees)
        .then(|| (area_value(&state, t, staff.user.area.as_str()), staff.session.csrf_token.clone()));
    let area_choices = if create.is_some() { area_choices(&state, t, staff.user.area.as_str()) } else { Vec::new() };
    Ok(render(&ListPage {
        t,
        nav: nav(&staff, "/staff/committees"),
        title: t.get("committees-title"),
        rows,
        create,
        area_choices,
    }))
}

async fn create(State(state): State<AppState>, staff: Staff, Form(f): Form<Fields>) -> Result<Response, AppError> {
    checked(&staff, &f)?;
    // The area as typed or picked: a name in any language, or a P-code.
    let typed = field(&f, "area");
    let area = aman_app::places::resolve(state.areas(), typed).map_or_else(|| typed.to_owned(), |p| p.to_string());
    let input = committees::NewCommittee { area, name: field(&f, "name").to_owned(), rule: None };
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
    let concerns = match queue::queue(&state, &staff, &query).await {
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
        csrf: staff.session.csrf_token.clone(),
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
