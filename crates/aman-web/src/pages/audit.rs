//! The administrators' audit log page, filtered and paged.

use super::layout::{Nav, format_time, page_link, render};
use super::staff::{PageStaff, nav};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::queue;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/audit", get(audit_page))
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
    Query(query): Query<queue::AuditQuery>,
) -> Response {
    let (entries, total, page) = match queue::audit_log(&state, &staff, &query).await.map_err(AppError::from) {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    let pages = ((total + queue::PAGE_SIZE - 1) / queue::PAGE_SIZE).max(1);
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
