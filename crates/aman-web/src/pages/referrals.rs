//! Referral pages: a concern's referrals with the form to refer it (triage
//! officers), and an organisation's inbox where its own staff acknowledge,
//! respond or decline. Forms carry the session's CSRF token.

use super::layout::{Choice, Nav, area_label, format_time, render};
use super::staff::{PageStaff, nav};
use crate::auth::Staff;
use crate::concerns;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::referrals::{self, Answer, ReferRequest};
use crate::state::AppState;
use aman_core::committee::referral::{EscalationLevel, Severity};
use aman_core::role::Action;
use aman_db::{ConcernRecord, ReferralRecord};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/concerns/{id}/referrals", get(concern_referrals).post(refer))
        .route("/staff/referrals", get(inbox))
        .route("/staff/referrals/{id}/answer", axum::routing::post(answer))
}

struct Row {
    id: i64,
    version: i64,
    concern_id: i64,
    concern: String,
    /// What happened, where (to sub-district) and how urgent.
    description: String,
    place: String,
    urgent: bool,
    organisation: String,
    sent: String,
    deadline: String,
    status: String,
    escalation: Option<String>,
    response: String,
    open: bool,
}

async fn rows(state: &AppState, t: Tr, referrals: &[(ReferralRecord, ConcernRecord)]) -> Result<Vec<Row>, AppError> {
    let mut out = Vec::new();
    for (r, concern) in referrals {
        let organisation = state.db().organisation(r.organisation_id).await?;
        out.push(Row {
            id: r.id,
            version: r.version,
            concern_id: concern.id,
            concern: format!("#{} — {}", concern.id, t.category(concern.category.as_str())),
            description: concern.description.clone(),
            place: area_label(state, t, concern.area.as_str()),
            urgent: r.severity == Severity::Urgent,
            organisation: organisation.map_or_else(String::new, |o| o.name(t.lang_code()).to_owned()),
            sent: format_time(r.sent_at),
            deadline: format_time(r.deadline_at),
            status: t.get(&format!("referral-status-{}", r.status.as_str())),
            escalation: (r.escalation != EscalationLevel::None)
                .then(|| t.get(&format!("referral-escalation-{}", r.escalation.as_str()))),
            response: r.response.clone(),
            open: r.status.is_open(),
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct ReferralsPage {
    t: Tr,
    nav: Nav,
    title: String,
    rows: Vec<Row>,
    /// On a concern's page: where the form posts, and the organisations offered.
    refer: Option<(i64, Vec<Choice>)>,
    /// In an organisation's inbox: the answer forms.
    answering: bool,
    csrf: String,
}

async fn concern_referrals(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let concern = concerns::load(&state, &staff, id, Action::ViewConcerns).await?;
    let list: Vec<(ReferralRecord, ConcernRecord)> =
        state.db().referrals(Some(id), None).await?.into_iter().map(|r| (r, concern.clone())).collect();
    let organisations = state
        .db()
        .organisations(concern.area.as_str())
        .await?
        .into_iter()
        .map(|o| Choice::new(&o.id.to_string(), o.name(t.lang_code()).to_owned(), ""))
        .collect();
    let page = ReferralsPage {
        t,
        nav: nav(&staff, &format!("/staff/concerns/{id}/referrals")),
        title: t.text("referrals-of-concern", &[("id", &id.to_string())]),
        rows: rows(&state, t, &list).await?,
        refer: staff.user.role.may(Action::Triage).then_some((id, organisations)),
        answering: false,
        csrf: staff.session.csrf_token.clone(),
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
struct ReferForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    organisation_id: i64,
    #[serde(default)]
    severity: String,
}

async fn refer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ReferForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&f.csrf)?;
    referrals::refer(&state, &staff, id, &ReferRequest { organisation_id: f.organisation_id, severity: f.severity })
        .await?;
    Ok(Redirect::to(&format!("/staff/concerns/{id}/referrals")).into_response())
}

async fn inbox(State(state): State<AppState>, t: Tr, PageStaff(staff): PageStaff) -> Result<Response, AppError> {
    let list = referrals::inbox(&state, &staff).await?;
    let page = ReferralsPage {
        t,
        nav: nav(&staff, "/staff/referrals"),
        title: t.get("referrals-inbox"),
        rows: rows(&state, t, &list).await?,
        refer: None,
        answering: true,
        csrf: staff.session.csrf_token.clone(),
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    response: String,
    version: Option<i64>,
    /// Checked: the reporter reads the response's own words.
    #[serde(default)]
    public: Option<String>,
}

async fn answer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<AnswerForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&f.csrf)?;
    let answer = Answer { action: f.action, response: f.response, version: f.version, public: f.public.is_some() };
    referrals::answer(&state, &staff, id, &answer).await?;
    Ok(Redirect::to("/staff/referrals").into_response())
}
