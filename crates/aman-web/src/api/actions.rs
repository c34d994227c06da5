//! The action-plan routes of the JSON API, over `aman_app::actions`.

use super::body::Body;
use super::describe::{Conflict, RateLimited};
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::actions::*;
use aman_app::{committees, items};
use aman_core::role::Action;
use aman_db::ActionRecord;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

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

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_create, api_list))
        .routes(routes!(api_show))
        .routes(routes!(api_progress))
        .routes(routes!(api_member_verdict))
        .routes(routes!(api_reporter_verdict))
}

/// Plan an action of a committee: an owner organisation, partners, a due
/// day, and the concerns or issues it answers.
#[utoipa::path(post, path = "/committees/{id}/actions", tag = "actions", operation_id = "create_action",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)),
    request_body(content = NewActionInput, example = json!({"title": "Lighting on the market road", "owner_id": 1, "partners": [], "due_on": "2030-01-31", "items": ["concern:1"]})),
    responses((status = CREATED, description = "The action's id.", body = Created)))]
async fn api_create(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewActionInput>,
) -> Result<Response, AppError> {
    let action = create(&state, &staff, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id: action })).into_response())
}

/// A committee's actions.
#[utoipa::path(get, path = "/committees/{id}/actions", tag = "actions", operation_id = "list_actions",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The committee's id.", example = 1)),
    responses((status = OK, description = "The actions.", body = ActionList)))]
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

/// An action with its progress and the confirmations it received.
#[utoipa::path(get, path = "/actions/{id}", tag = "actions", operation_id = "show_action",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The action's id.", example = 1)),
    responses((status = OK, description = "The action.", body = ActionDetail)))]
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

/// Record an action's progress (a new status and a note).
#[utoipa::path(post, path = "/actions/{id}/progress", tag = "actions", operation_id = "action_progress",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The action's id.", example = 1)),
    request_body(content = Progress, example = json!({"status": "in_progress", "body": "The lamps are ordered."})),
    responses(
        (status = OK, description = "The action as it now is.", body = ActionDetail),
        (status = CONFLICT, response = Conflict),
    ))]
async fn api_progress(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Progress>,
) -> Result<Json<ActionDetail>, AppError> {
    progress(&state, &staff, id, &input).await?;
    api_show(State(state), staff, Path(id)).await
}

/// A verdict on a done action: `better` or `disputed`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct VerdictInput {
    /// The committee member giving it (`/actions/{id}/confirmations`).
    member_id: i64,
    /// The action (`/receipts/{receipt}/confirmations`).
    action_id: i64,
    verdict: String,
}

fn verdict_response(recorded: bool) -> Response {
    let status = if recorded { StatusCode::CREATED } else { StatusCode::OK };
    (status, Json(VerdictRecorded { recorded })).into_response()
}

/// A committee member's verdict on a done action (a dispute reopens it).
#[utoipa::path(post, path = "/actions/{id}/confirmations", tag = "actions", operation_id = "member_verdict",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The action's id.", example = 1)),
    request_body(content = VerdictInput, example = json!({"member_id": 1, "verdict": "better"})),
    responses(
        (status = CREATED, description = "Recorded.", body = VerdictRecorded),
        (status = OK, description = "This member had already given a verdict: nothing recorded.", body = VerdictRecorded),
        (status = CONFLICT, response = Conflict),
    ))]
async fn api_member_verdict(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(member_verdict(&state, &staff, id, input.member_id, &input.verdict).await?))
}

/// The reporter's verdict, by receipt, on a done action answering their concern.
#[utoipa::path(post, path = "/receipts/{receipt}/confirmations", tag = "intake", operation_id = "reporter_verdict",
    params(("receipt" = String, Path, description = "The receipt (case, dashes and spaces do not matter).")),
    request_body(content = VerdictInput, example = json!({"action_id": 1, "verdict": "better"})),
    responses(
        (status = CREATED, description = "Recorded.", body = VerdictRecorded),
        (status = OK, description = "This receipt had already given a verdict: nothing recorded.", body = VerdictRecorded),
        (status = CONFLICT, response = Conflict),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
async fn api_reporter_verdict(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(reporter_verdict(&state, &receipt, input.action_id, &input.verdict).await?))
}
