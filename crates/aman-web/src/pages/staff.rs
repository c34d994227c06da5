//! The staff side's entrance: log in and out, the staff navigation and page
//! extractor, and the triage queue with filters (a concern's own page is
//! `concern.rs`, the audit log `audit.rs`). Every form carries the session's
//! CSRF token.

use super::layout::{Choice, Nav, NavStaff, area_choices, area_value, format_time, page_link, render};
use crate::auth::{self, Staff};
use crate::error::{AppError, ErrorCode, field_message};
use crate::i18n::Tr;
use crate::queue::{self, QueueQuery};
use crate::state::AppState;
use aman_app::casework::{self, BulkChange, BulkError};
use aman_core::category::Category;
use aman_core::lifecycle::Status;
use aman_core::role::Action;
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
        .route("/staff/concerns/bulk", post(bulk_submit))
}

pub(super) fn nav(staff: &Staff, path: &str) -> Nav {
    let sees_audit = staff.user.role.may(aman_core::role::Action::ViewAudit);
    let answers_referrals = staff.user.organisation_id.is_some();
    let files_assisted = staff.user.role.may(aman_core::role::Action::FileAssisted);
    let csrf = staff.session.csrf_token.clone();
    Nav { path: path.to_owned(), staff: Some(NavStaff { csrf, sees_audit, answers_referrals, files_assisted }) }
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
    /// The bulk change form, for those who may triage.
    bulk: Option<BulkView>,
    /// The areas the area filter offers.
    area_choices: Vec<Choice>,
}

/// The queue's bulk change form: whom concerns may be assigned to, what
/// was chosen and typed, and why the last try was refused.
#[derive(Default)]
struct BulkView {
    colleagues: Vec<Choice>,
    selected: Vec<i64>,
    change: String,
    user_id: String,
    duplicate_of: String,
    reason: String,
    error: Option<String>,
    /// "N concerns changed", after a bulk change.
    done: Option<String>,
    /// The queue's filters and page, to come back to.
    back: String,
    csrf: String,
}

/// What the queue says after a bulk change (`?changed=N`).
#[derive(Deserialize)]
struct Done {
    changed: Option<i64>,
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
    /// The door it came through, in words.
    channel: String,
    /// Ticked for a bulk change.
    picked: bool,
    /// "Choose concern #N", what its box says to a screen reader.
    pick_label: String,
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
    Query(done): Query<Done>,
) -> Response {
    let bulk = BulkView {
        done: done.changed.filter(|n| *n > 0).map(|n| t.num("queue-bulk-done", "count", n)),
        ..BulkView::default()
    };
    match queue_page(&state, t, &staff, query, bulk).await {
        Ok(page) => render(&page),
        Err(error) => error.into_response(),
    }
}

/// The bulk change form as posted: the concerns ticked (`concern`, repeated)
/// and the change.
async fn bulk_submit(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    staff.check_csrf(&field("csrf"))?;
    let mut bad_id = false;
    let ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "concern")
        .filter_map(|(_, v)| v.trim().parse().map_err(|_| bad_id = true).ok())
        .collect();
    // The queue as it was (its filters and page), re-encoded.
    let back: Vec<(String, String)> = serde_urlencoded::from_str(&field("back")).unwrap_or_default();
    let back = serde_urlencoded::to_string(&back).unwrap_or_default();
    let query: QueueQuery = serde_urlencoded::from_str(&back).unwrap_or_default();
    let mut view = BulkView {
        selected: ids.clone(),
        change: field("change"),
        user_id: field("user_id"),
        duplicate_of: field("duplicate_of"),
        reason: field("reason"),
        ..BulkView::default()
    };
    let change = match view.change.as_str() {
        "assign" => match field("user_id").trim() {
            "" => Ok(BulkChange::Assign(None)),
            text => {
                text.parse().map(|id| BulkChange::Assign(Some(id))).map_err(|_| field_error("user_id", "not_eligible"))
            }
        },
        "duplicate" => Ok(BulkChange::Duplicate { of: view.duplicate_of.clone(), reason: view.reason.clone() }),
        _ => Err(field_error("change", "required")),
    };
    let result = match change {
        _ if bad_id => Err(BulkError { concern: None, error: aman_app::Error::NotFound }),
        Ok(change) => casework::bulk(&state, &staff, &ids, &change).await,
        Err(error) => Err(error),
    };
    let error = match result {
        Ok(changed) => return Ok(Redirect::to(&format!("/staff?{back}&changed={changed}")).into_response()),
        Err(error) => error,
    };
    // Refused outright (not found, not allowed): the error page, as for one
    // concern. A problem with what was chosen: the queue again, as it was.
    let concern = error.concern;
    let error = AppError::from(error.error);
    if error.code != ErrorCode::ValidationFailed
        && error.code != ErrorCode::IllegalTransition
        && error.code != ErrorCode::EditConflict
    {
        return Err(error);
    }
    let message = error
        .fields
        .iter()
        .map(|(field, code)| format!("{}: {}", t.get(&format!("field-{field}")), field_message(t, code)))
        .next()
        .unwrap_or_else(|| t.get(&format!("error-{}", error.code.as_str())));
    view.error = Some(match concern {
        Some(id) => format!("#{id} — {message}"),
        None => message,
    });
    let status = error.code.status();
    let mut response = render(&queue_page(&state, t, &staff, query, view).await?);
    *response.status_mut() = status;
    Ok(response)
}

fn field_error(field: &'static str, code: &'static str) -> BulkError {
    aman_app::Error::field(field, code).into()
}

/// The queue's concerns, every page of them, as a spreadsheet.
async fn export(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    crate::csv_out::concerns(&state, &queue::export(&state, &staff, &query).await?)
}

async fn queue_page(
    state: &AppState,
    t: Tr,
    staff: &Staff,
    query: QueueQuery,
    mut bulk: BulkView,
) -> Result<QueuePage, AppError> {
    let (records, counted, page) = queue::queue(state, staff, &query).await?;
    let open = crate::alerts::AlertQuery { open: "1".to_owned(), ..Default::default() };
    let open_alerts = crate::alerts::list(state, staff, &open).await?.len() as i64;
    let alerts_text = (open_alerts > 0).then(|| t.num("queue-alerts", "count", open_alerts));
    let waiting = match staff.user.organisation_id {
        Some(_) => crate::referrals::inbox(state, staff).await?.iter().filter(|(r, _)| r.status.is_open()).count(),
        None => 0,
    } as i64;
    let referrals_text = (waiting > 0).then(|| t.num("queue-referrals", "count", waiting));
    let pages = ((counted.total + queue::PAGE_SIZE - 1) / queue::PAGE_SIZE).max(1);
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
            channel: t.get(&format!("channel-name-{}", r.channel.as_str())),
            picked: bulk.selected.contains(&r.id),
            pick_label: t.text("queue-pick", &[("id", &r.id.to_string())]),
        })
        .collect();
    bulk.back = link(page).trim_start_matches("/staff?").to_owned();
    bulk.csrf = staff.session.csrf_token.clone();
    let bulk = if staff.user.role.may(Action::Triage) {
        bulk.colleagues = casework::colleagues(state, staff)
            .await?
            .into_iter()
            .map(|(id, name)| Choice::new(&id.to_string(), name, &bulk.user_id))
            .collect();
        Some(bulk)
    } else {
        None
    };
    Ok(QueuePage {
        t,
        bulk,
        nav: nav(staff, "/staff"),
        title: t.get("queue-title"),
        who: who(t, staff, state),
        scope: area_value(state, t, staff.user.area.as_str()),
        area_choices: area_choices(state, t, staff.user.area.as_str()),
        categories: Category::ALL
            .iter()
            .filter(|c| staff.grant().may_see_category(**c))
            .map(|c| Choice::new(c.as_str(), t.category(c.as_str()), &current(&query.category)))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), t.status(s.as_str()), &current(&query.status)))
            .collect(),
        count_text: if counted.more {
            t.num("queue-count-more", "count", counted.total)
        } else {
            t.num("queue-count", "count", counted.total)
        },
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
