//! Early-warning alerts in the staff's area, and their moves.

use super::body::Body;
use crate::alerts;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_db::AlertRecord;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/alerts", get(list_alerts))
        .route("/alerts/{id}", get(show_alert))
        .route("/alerts/{id}/transitions", post(move_alert))
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

async fn list_alerts(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<alerts::AlertQuery>,
) -> Result<Json<AlertList>, AppError> {
    let list = alerts::list(&state, &staff, &query).await?;
    Ok(Json(AlertList { alerts: list.iter().map(alert_body).collect() }))
}

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

async fn move_alert(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<alerts::AlertMove>,
) -> Result<Json<AlertBody>, AppError> {
    Ok(Json(alert_body(&alerts::move_alert(&state, &staff, id, &request).await?)))
}
