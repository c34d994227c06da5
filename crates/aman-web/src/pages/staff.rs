//! The staff side's entrance: log in and out, the staff navigation and page
//! extractor, and the triage queue with filters (a concern's own page is
//! `concern.rs`, the audit log `audit.rs`). Every form carries the session's
//! CSRF token.

use super::layout::{Choice, Nav, NavStaff, format_time, page_link, render};
use crate::auth::{self, Staff};
use crate::concerns::{self, QueueQuery};
use crate::error::{AppError, ErrorCode};
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::category::Category;
use aman_core::lifecycle::Status;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/login", get(login_form).post(login_submit))
        .route("/staff/logout", post(logout))
        .route("/staff", get(queue))
        .route("/staff/concerns.csv", get(export))
}

pub(super) fn nav(staff: &Staff, path: &str) -> Nav {
    let sees_audit = staff.user.role.may(aman_core::role::Action::ViewAudit);
    let answers_referrals = staff.user.organisation_id.is_some();
    let csrf = staff.session.csrf_token.clone();
    Nav { path: path.to_owned(), staff: Some(NavStaff { csrf, sees_audit, answers_referrals }) }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    nav: Nav,
    title: String,
    email: String,
    failed: bool,
}

async fn login_form(t: Tr) -> Response {
    render(&LoginPage {
        t,
        nav: Nav::public("/staff/login"),
        title: t.get("login-title"),
        email: String::new(),
        failed: false,
    })
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

async fn login_submit(
    State(state): State<AppState>,
    t: Tr,
    headers: axum::http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    auth::same_origin(&headers)?;
    match auth::login(&state, &form.email, &form.password, &form.code).await.map_err(AppError::from) {
        Ok(token) => Ok((
            StatusCode::SEE_OTHER,
            [(header::SET_COOKIE, auth::session_cookie(&state, &token)), (header::LOCATION, "/staff".to_owned())],
        )
            .into_response()),
        Err(error) if error.code == ErrorCode::InvalidCredentials => {
            let page = LoginPage {
                t,
                nav: Nav::public("/staff/login"),
                title: t.get("login-title"),
                email: form.email,
                failed: true,
            };
            let mut response = render(&page);
            *response.status_mut() = StatusCode::UNAUTHORIZED;
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(State(state): State<AppState>, staff: Staff, Form(form): Form<CsrfForm>) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    staff.logout(&state).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::SET_COOKIE, auth::session_cookie(&state, "")), (header::LOCATION, "/".to_owned())],
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    t: Tr,
    nav: Nav,
    title: String,
    who: String,
    scope: String,
    query: QueueQueryText,
    categories: Vec<Choice>,
    statuses: Vec<Choice>,
    count_text: String,
    /// "N open early-warning alerts in your area", when there are any.
    alerts_text: Option<String>,
    /// "N referrals wait for your organisation's answer", when there are any.
    referrals_text: Option<String>,
    /// The same filters, every page, as a spreadsheet.
    export: String,
    rows: Vec<QueueRow>,
    page_text: String,
    newer: Option<String>,
    older: Option<String>,
}

#[derive(Default)]
struct QueueQueryText {
    area: String,
    from: String,
    to: String,
    q: String,
    tag: String,
    mine: bool,
}

struct QueueRow {
    id: i64,
    category: String,
    status_code: &'static str,
    status: String,
    area: String,
    received: String,
    occurred: String,
    excerpt: String,
}

fn who(t: Tr, staff: &Staff, state: &AppState) -> String {
    let area = state
        .areas()
        .get(staff.user.area.as_str())
        .map(|a| t.area_name(a).to_owned())
        .unwrap_or_else(|| staff.user.area.to_string());
    let role = t.role(staff.user.role.as_str());
    t.text("login-as", &[("name", &staff.user.display_name), ("role", &role), ("area", &area)])
}

/// A staff member on a page; without a session the browser is sent to the
/// login form instead of an error page.
pub(super) struct PageStaff(pub(super) Staff);

impl axum::extract::FromRequestParts<AppState> for PageStaff {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<PageStaff, Response> {
        match Staff::from_request_parts(parts, state).await {
            Ok(staff) => Ok(PageStaff(staff)),
            Err(error) if error.code == ErrorCode::Unauthorized => Err(Redirect::to("/staff/login").into_response()),
            Err(error) => Err(error.into_response()),
        }
    }
}

async fn queue(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Query(query): Query<QueueQuery>,
) -> Response {
    match queue_page(&state, t, &staff, query).await {
        Ok(page) => render(&page),
        Err(error) => error.into_response(),
    }
}

/// The queue's concerns, every page of them, as a spreadsheet.
async fn export(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    crate::csv_out::concerns(&state, &concerns::export(&state, &staff, &query).await?)
}

async fn queue_page(state: &AppState, t: Tr, staff: &Staff, query: QueueQuery) -> Result<QueuePage, AppError> {
    let (records, total, page) = concerns::queue(state, staff, &query).await?;
    let open = crate::alerts::AlertQuery { open: "1".to_owned(), ..Default::default() };
    let open_alerts = crate::alerts::list(state, staff, &open).await?.len() as i64;
    let alerts_text = (open_alerts > 0).then(|| t.num("queue-alerts", "count", open_alerts));
    let waiting = match staff.user.organisation_id {
        Some(_) => crate::referrals::inbox(state, staff).await?.iter().filter(|(r, _)| r.status.is_open()).count(),
        None => 0,
    } as i64;
    let referrals_text = (waiting > 0).then(|| t.num("queue-referrals", "count", waiting));
    let pages = ((total + concerns::PAGE_SIZE - 1) / concerns::PAGE_SIZE).max(1);
    let filters = [
        ("area", &query.area),
        ("category", &query.category),
        ("status", &query.status),
        ("from", &query.from),
        ("to", &query.to),
        ("q", &query.q),
        ("tag", &query.tag),
        ("assignee", &query.assignee),
    ];
    let link = |page: i64| page_link("/staff", page, &filters);
    let export = page_link("/staff/concerns.csv", 1, &filters);
    let current = |value: &Option<String>| value.clone().unwrap_or_default();
    let rows = records
        .iter()
        .map(|r| QueueRow {
            id: r.id,
            category: t.category(r.category.as_str()),
            status_code: r.status.as_str(),
            status: t.status(r.status.as_str()),
            area: state.areas().get(r.area.as_str()).map(|a| t.area_name(a).to_owned()).unwrap_or_default(),
            received: format_time(r.submitted_at),
            occurred: r.occurred_on.to_string(),
            excerpt: excerpt(&r.description, 160),
        })
        .collect();
    Ok(QueuePage {
        t,
        nav: nav(staff, "/staff"),
        title: t.get("queue-title"),
        who: who(t, staff, state),
        scope: staff.user.area.to_string(),
        categories: Category::ALL
            .iter()
            .filter(|c| staff.grant().may_see_category(**c))
            .map(|c| Choice::new(c.as_str(), t.category(c.as_str()), &current(&query.category)))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), t.status(s.as_str()), &current(&query.status)))
            .collect(),
        count_text: t.num("queue-count", "count", total),
        alerts_text,
        referrals_text,
        export,
        rows,
        page_text: t.text("queue-page", &[("page", &page.to_string()), ("pages", &pages.to_string())]),
        newer: (page > 1).then(|| link(page - 1)),
        older: (page < pages).then(|| link(page + 1)),
        query: QueueQueryText {
            area: current(&query.area),
            from: current(&query.from),
            to: current(&query.to),
            q: current(&query.q),
            tag: current(&query.tag),
            mine: query.assignee.as_deref() == Some("me"),
        },
    })
}

fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}
