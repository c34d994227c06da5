//! The staff page of early-warning alerts: filters, each alert with what was
//! seen against what was expected, and a form to move it along its
//! life-cycle (acknowledge, plan the response, close, or dismiss with a
//! reason). The form carries the session's CSRF token.

use super::layout::{Choice, Nav, area_label, render};
use super::staff::{PageStaff, nav};
use crate::alerts::{self, AlertMove, AlertQuery};
use crate::auth::Staff;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::alert::{AlertStatus, SeriesSource};
use aman_core::category::Category;
use aman_core::role::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/alerts", get(alerts_page)).route("/staff/alerts/{id}", axum::routing::post(move_submit))
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct AlertsPage {
    t: Tr,
    nav: Nav,
    title: String,
    categories: Vec<Choice>,
    statuses: Vec<Choice>,
    sources: Vec<Choice>,
    open_only: bool,
    rows: Vec<AlertRow>,
    may_respond: bool,
    csrf: String,
}

struct AlertRow {
    id: i64,
    version: i64,
    area: String,
    category: String,
    source: String,
    status_code: &'static str,
    status: String,
    days: String,
    observed: i64,
    expected: String,
    threshold: String,
    escalated_to: Option<String>,
    reason: Option<String>,
    next: Vec<Choice>,
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

async fn alerts_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Query(query): Query<AlertQuery>,
) -> Result<Response, AppError> {
    let list = alerts::list(&state, &staff, &query).await?;
    let rows = list
        .iter()
        .map(|a| AlertRow {
            id: a.id,
            version: a.version,
            area: area_label(&state, t, a.area.as_str()),
            category: t.category(a.category.as_str()),
            source: t.get(&format!("alerts-source-{}", a.source.as_str())),
            status_code: a.status.as_str(),
            status: t.get(&format!("alert-status-{}", a.status.as_str())),
            days: if a.first_day == a.last_day {
                a.first_day.to_string()
            } else {
                format!("{} – {}", a.first_day, a.last_day)
            },
            observed: a.observed,
            expected: number(a.expected),
            threshold: number(a.threshold),
            escalated_to: a.escalated_to.as_ref().map(|p| area_label(&state, t, p.as_str())),
            reason: a.reason.clone(),
            next: a
                .status
                .next()
                .iter()
                .map(|s| Choice::new(s.as_str(), t.get(&format!("alert-status-{}", s.as_str())), ""))
                .collect(),
        })
        .collect();
    let choices = |codes: Vec<(&str, String)>, current: &str| -> Vec<Choice> {
        codes.into_iter().map(|(code, label)| Choice::new(code, label, current)).collect()
    };
    let grant = staff.grant();
    let page = AlertsPage {
        t,
        nav: nav(&staff, "/staff/alerts"),
        title: t.get("alerts-title"),
        categories: choices(
            Category::ALL
                .iter()
                .filter(|c| grant.may_see_category(**c))
                .map(|c| (c.as_str(), t.category(c.as_str())))
                .collect(),
            &query.category,
        ),
        statuses: choices(
            AlertStatus::ALL.iter().map(|s| (s.as_str(), t.get(&format!("alert-status-{}", s.as_str())))).collect(),
            &query.status,
        ),
        sources: choices(
            SeriesSource::ALL.iter().map(|s| (s.as_str(), t.get(&format!("alerts-source-{}", s.as_str())))).collect(),
            &query.source,
        ),
        open_only: matches!(query.open.as_str(), "1" | "true"),
        rows,
        may_respond: staff.user.role.may(Action::RespondToAlerts),
        csrf: staff.session.csrf_token.clone(),
    };
    Ok(render(&page))
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    version: Option<i64>,
}

async fn move_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    let request = AlertMove { to: form.to, reason: form.reason, version: form.version };
    alerts::move_alert(&state, &staff, id, &request).await?;
    Ok(Redirect::to("/staff/alerts").into_response())
}
