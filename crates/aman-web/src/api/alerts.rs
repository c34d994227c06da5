//! Early-warning alerts in the staff's area, and their moves.

use super::body::Body;
use super::describe::Conflict;
use crate::alerts;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_db::AlertRecord;
use axum::Json;
use axum::extract::{Path, Query, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_alerts)).routes(routes!(show_alert)).routes(routes!(move_alert))
}

fn alert_body(alert: &AlertRecord) -> AlertBody {
    AlertBody {
        id: alert.id,
        source: alert.source.as_str().to_owned(),
        area: alert.area.as_str().to_owned(),
        category: alert.category.as_str().to_owned(),
        method: alert.method,
        status: alert.status.as_str().to_owned(),
        first_day: alert.first_day,
        last_day: alert.last_day,
        observed: alert.observed,
        expected: alert.expected,
        threshold: alert.threshold,
        score: alert.score,
        escalated_to: alert.escalated_to.as_ref().map(|p| p.as_str().to_owned()),
        reason: alert.reason.clone(),
        allowed_transitions: alert.status.next().iter().map(|s| s.as_str().to_owned()).collect(),
        version: alert.version,
    }
}

/// The early-warning alerts in the reader's area (at most 200, newest first).
#[utoipa::path(get, path = "/alerts", tag = "alerts", operation_id = "list_alerts",
    security(("bearer" = [])), params(alerts::AlertQuery),
    responses((status = OK, description = "The alerts.", body = AlertList)))]
async fn list_alerts(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<alerts::AlertQuery>,
) -> Result<Json<AlertList>, AppError> {
    let list = alerts::list(&state, &staff, &query).await?;
    Ok(Json(AlertList { alerts: list.iter().map(alert_body).collect() }))
}

/// An alert, the concerns that raised it and the alerts below it.
#[utoipa::path(get, path = "/alerts/{id}", tag = "alerts", operation_id = "show_alert",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The alert's id.", example = 1)),
    responses((status = OK, description = "The alert.", body = AlertDetailBody)))]
async fn show_alert(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<AlertDetailBody>, AppError> {
    let detail = alerts::detail(&state, &staff, id).await?;
    Ok(Json(AlertDetailBody {
        alert: alert_body(&detail.alert),
        concerns: detail.concerns,
        children: detail.children.iter().map(alert_body).collect(),
    }))
}

/// Move an alert along its life-cycle (acknowledge, escalate, dismiss, close).
#[utoipa::path(post, path = "/alerts/{id}/transitions", tag = "alerts", operation_id = "move_alert",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The alert's id.", example = 1)),
    request_body(content = alerts::AlertMove, example = json!({"to": "acknowledged", "reason": "The committee is looking into it."})),
    responses(
        (status = OK, description = "The alert as it now is.", body = AlertBody),
        (status = CONFLICT, response = Conflict),
    ))]
async fn move_alert(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<alerts::AlertMove>,
) -> Result<Json<AlertBody>, AppError> {
    Ok(Json(alert_body(&alerts::move_alert(&state, &staff, id, &request).await?)))
}
