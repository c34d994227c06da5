//! The staff pages: log in and out, the triage queue with filters, a concern's
//! page with its history, and the forms that move it through its life-cycle.
//! Every form carries the session's CSRF token.

use super::layout::{Choice, Nav, NavStaff, format_time, render};
use crate::auth::{self, Staff};
use crate::concerns::{self, MoveRequest, QueueQuery};
use crate::error::{AppError, ErrorCode};
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::category::Category;
use aman_core::lifecycle::Status;
use aman_db::EventKind;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/login", get(login_form).post(login_submit))
        .route("/staff/logout", post(logout))
        .route("/staff", get(queue))
        .route("/staff/concerns/{id}", get(concern_page))
        .route("/staff/audit", get(audit_page))
        .route("/staff/concerns/{id}/move", post(move_submit))
        .route("/staff/concerns/{id}/note", post(note_submit))
        .route("/staff/concerns/{id}/update", post(update_submit))
}

pub(super) fn nav(staff: &Staff, path: &str) -> Nav {
    let sees_audit = staff.user.role.may(aman_core::role::Action::ViewAudit);
    Nav { path: path.to_owned(), staff: Some(NavStaff { csrf: staff.csrf_token.clone(), sees_audit }) }
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

async fn login_submit(State(state): State<AppState>, t: Tr, Form(form): Form<LoginForm>) -> Result<Response, AppError> {
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

async fn queue_page(state: &AppState, t: Tr, staff: &Staff, query: QueueQuery) -> Result<QueuePage, AppError> {
    let (records, total, page) = concerns::queue(state, staff, &query).await?;
    let open = crate::alerts::AlertQuery { open: "1".to_owned(), ..Default::default() };
    let open_alerts = crate::alerts::list(state, staff, &open).await?.len() as i64;
    let alerts_text = (open_alerts > 0).then(|| t.num("queue-alerts", "count", open_alerts));
    let pages = ((total + concerns::PAGE_SIZE - 1) / concerns::PAGE_SIZE).max(1);
    let filters = [
        ("area", &query.area),
        ("category", &query.category),
        ("status", &query.status),
        ("from", &query.from),
        ("to", &query.to),
    ];
    let link = |page: i64| page_link("/staff", page, &filters);
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
        rows,
        page_text: t.text("queue-page", &[("page", &page.to_string()), ("pages", &pages.to_string())]),
        newer: (page > 1).then(|| link(page - 1)),
        older: (page < pages).then(|| link(page + 1)),
        query: QueueQueryText { area: current(&query.area), from: current(&query.from), to: current(&query.to) },
    })
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    t: Tr,
    nav: Nav,
    title: String,
    action: String,
    actor: String,
    subject: String,
    from: String,
    to: String,
    count_text: String,
    rows: Vec<AuditRow>,
    page_text: String,
    newer: Option<String>,
    older: Option<String>,
}

struct AuditRow {
    seq: i64,
    when: String,
    actor: String,
    action: String,
    subject: String,
    detail: String,
}

async fn audit_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Query(query): Query<concerns::AuditQuery>,
) -> Response {
    let (entries, total, page) = match concerns::audit_log(&state, &staff, &query).await.map_err(AppError::from) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let pages = ((total + concerns::PAGE_SIZE - 1) / concerns::PAGE_SIZE).max(1);
    let current = |value: &Option<String>| value.clone().unwrap_or_default();
    let filters = [
        ("action", &query.action),
        ("actor", &query.actor),
        ("subject", &query.subject),
        ("from", &query.from),
        ("to", &query.to),
    ];
    let link = |page: i64| page_link("/staff/audit", page, &filters);
    render(&AuditPage {
        t,
        nav: nav(&staff, "/staff/audit"),
        title: t.get("audit-title"),
        action: current(&query.action),
        actor: current(&query.actor),
        subject: current(&query.subject),
        from: current(&query.from),
        to: current(&query.to),
        count_text: t.num("audit-count", "count", total),
        rows: entries
            .iter()
            .map(|e| AuditRow {
                seq: e.seq,
                when: format_time(e.event.at_ms),
                actor: e.event.actor_id.map_or_else(|| "—".to_owned(), |id| format!("user:{id}")),
                action: e.event.action.clone(),
                subject: e.event.subject.clone(),
                detail: e.event.detail.clone(),
            })
            .collect(),
        page_text: t.text("queue-page", &[("page", &page.to_string()), ("pages", &pages.to_string())]),
        newer: (page > 1).then(|| link(page - 1)),
        older: (page < pages).then(|| link(page + 1)),
    })
}

/// A link to another page of a filtered list, keeping the filters.
fn page_link(base: &str, page: i64, filters: &[(&str, &Option<String>)]) -> String {
    let mut parts = vec![format!("page={page}")];
    for (name, value) in filters {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{name}={}", urlencode(value)));
        }
    }
    format!("{base}?{}", parts.join("&"))
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

#[derive(Template)]
#[template(path = "concern.html")]
struct ConcernPage {
    t: Tr,
    nav: Nav,
    title: String,
    id: i64,
    csrf: String,
    status_code: &'static str,
    status: String,
    category: String,
    duplicate_text: Option<String>,
    description: String,
    area_path: String,
    area_code: String,
    occurred: String,
    received: String,
    language: String,
    identity: Option<IdentityText>,
    history: Vec<HistoryRow>,
    may_triage: bool,
    may_update: bool,
    moves: Vec<Choice>,
    version: i64,
    /// Set when a move was refused because someone changed the concern first.
    conflict: bool,
}

struct IdentityText {
    contact: Option<String>,
    point: Option<String>,
}

struct HistoryRow {
    class: &'static str,
    when: String,
    what: String,
    body: Option<String>,
    by: String,
}

async fn concern_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
) -> Response {
    concern_response(&state, t, &staff, id, false).await
}

/// The concern page; with `conflict`, explains (status 409) that a change was
/// refused because someone else changed the concern first, and shows what is
/// there now.
async fn concern_response(state: &AppState, t: Tr, staff: &Staff, id: i64, conflict: bool) -> Response {
    let view = match concerns::staff_view(state, staff, id).await.map_err(AppError::from) {
        Ok(view) => view,
        Err(error) => return error.into_response(),
    };
    let record = &view.record;
    let mut path = vec![t.area_name(&view.area).to_owned()];
    let mut parent = view.area.parent.clone();
    while let Some(code) = parent {
        match state.areas().get(&code) {
            Some(area) if area.level > 0 => {
                path.push(t.area_name(area).to_owned());
                parent = area.parent.clone();
            }
            _ => break,
        }
    }
    path.reverse();
    let history = view
        .events
        .iter()
        .map(|e| HistoryRow {
            class: match e.kind {
                EventKind::Transition => "transition",
                EventKind::Note => "note",
                EventKind::PublicUpdate => "public",
            },
            when: format_time(e.created_at),
            what: match (e.kind, e.from_status, e.to_status) {
                (EventKind::Transition, Some(from), Some(to)) => t.text(
                    "concern-event-transition",
                    &[("from", &t.status(from.as_str())), ("to", &t.status(to.as_str()))],
                ),
                (EventKind::PublicUpdate, ..) => t.get("concern-event-public_update"),
                _ => t.get("concern-event-note"),
            },
            body: e.body.clone(),
            by: e.actor_name.as_ref().map(|n| t.text("concern-by", &[("name", n)])).unwrap_or_default(),
        })
        .collect();
    let identity = view.identity.as_ref().map(|identity| IdentityText {
        contact: identity
            .contact
            .as_ref()
            .map(|c| [c.name.as_deref(), c.phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
        point: identity.point.map(|(lat, lon)| format!("{lat:.5}, {lon:.5}")),
    });
    let mut response = render(&ConcernPage {
        t,
        nav: nav(staff, &format!("/staff/concerns/{id}")),
        title: t.num("concern-title", "id", id),
        id,
        csrf: staff.csrf_token.clone(),
        status_code: record.status.as_str(),
        status: t.status(record.status.as_str()),
        category: t.category(record.category.as_str()),
        duplicate_text: record.duplicate_of.map(|d| t.num("concern-duplicate-of", "id", d)),
        description: record.description.clone(),
        area_path: path.join(" › "),
        area_code: record.area.to_string(),
        occurred: record.occurred_on.to_string(),
        received: format_time(record.submitted_at),
        language: record.language.clone(),
        identity,
        history,
        may_triage: view.may_triage,
        may_update: view.may_update,
        version: record.version,
        conflict,
        moves: record.status.next().iter().map(|s| Choice::new(s.as_str(), t.status(s.as_str()), "")).collect(),
    });
    if conflict {
        *response.status_mut() = StatusCode::CONFLICT;
    }
    response
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    duplicate_of: String,
    #[serde(default)]
    public_note: String,
    #[serde(default)]
    version: Option<i64>,
}

fn back_to(id: i64) -> Response {
    Redirect::to(&format!("/staff/concerns/{id}")).into_response()
}

async fn move_submit(
    State(state): State<AppState>,
    t: Tr,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    let request = MoveRequest {
        to: form.to,
        reason: form.reason,
        duplicate_of: Some(form.duplicate_of),
        public_note: Some(form.public_note),
        version: form.version,
    };
    match concerns::move_concern(&state, &staff, id, &request).await.map_err(AppError::from) {
        Ok(()) => Ok(back_to(id)),
        Err(error) if error.code == ErrorCode::EditConflict => Ok(concern_response(&state, t, &staff, id, true).await),
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

async fn note_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    concerns::add_event(&state, &staff, id, EventKind::Note, &form.body).await?;
    Ok(back_to(id))
}

async fn update_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    concerns::add_event(&state, &staff, id, EventKind::PublicUpdate, &form.body).await?;
    Ok(back_to(id))
}
