//! The action-plan routes of the JSON API, over `aman_app::actions`.

use super::body::Body;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::actions::*;
use aman_app::{committees, items};
use aman_core::role::Action;
use aman_db::ActionRecord;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

/// An action as the reader may see it (items they may not see replaced).
async fn action_body(reader: &mut items::Reader<'_>, a: ActionRecord) -> Result<ActionBody, AppError> {
    Ok(ActionBody {
        id: a.id,
        committee_id: a.committee_id,
        title: a.title,
        owner_id: a.owner_id,
        partners: a.partners,
        due_on: a.due_on,
        status: a.status,
        items: reader.redact(&a.items).await?,
        version: a.version,
    })
}

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/committees/{id}/actions", post(api_create).get(api_list))
        .route("/actions/{id}", get(api_show))
        .route("/actions/{id}/progress", post(api_progress))
        .route("/actions/{id}/confirmations", post(api_member_verdict))
        .route("/receipts/{receipt}/confirmations", post(api_reporter_verdict))
}

async fn api_create(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewActionInput>,
) -> Result<Response, AppError> {
    let action = create(&state, &staff, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id: action })).into_response())
}

async fn api_list(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ActionList>, AppError> {
    committees::load(&state, &staff, id, Action::ViewCommittees).await?;
    let mut reader = items::Reader::new(&state, &staff);
    let mut actions = Vec::new();
    for record in state.db().actions(id).await? {
        actions.push(action_body(&mut reader, record).await?);
    }
    Ok(Json(ActionList { actions }))
}

async fn api_show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ActionDetail>, AppError> {
    let record = aman_app::actions::load(&state, &staff, id, Action::ViewCommittees).await?;
    let updates = state.db().action_updates(id).await?;
    let (better, disputed) = state.db().confirmations(id).await?;
    Ok(Json(ActionDetail {
        action: action_body(&mut items::Reader::new(&state, &staff), record).await?,
        updates: updates.into_iter().map(|u| ActionUpdateBody { status: u.status, body: u.body }).collect(),
        confirmations: Confirmations { better, disputed },
    }))
}

async fn api_progress(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Progress>,
) -> Result<Json<ActionDetail>, AppError> {
    progress(&state, &staff, id, &input).await?;
    api_show(State(state), staff, Path(id)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct VerdictInput {
    member_id: i64,
    action_id: i64,
    verdict: String,
}

fn verdict_response(recorded: bool) -> Response {
    let status = if recorded { StatusCode::CREATED } else { StatusCode::OK };
    (status, Json(VerdictRecorded { recorded })).into_response()
}

async fn api_member_verdict(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(member_verdict(&state, &staff, id, input.member_id, &input.verdict).await?))
}

async fn api_reporter_verdict(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(reporter_verdict(&state, &receipt, input.action_id, &input.verdict).await?))
}
