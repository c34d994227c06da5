//! The referral routes of the JSON API, over `aman_app::referrals`.

use super::body::Body;
use super::describe::Conflict;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::concerns;
use aman_app::referrals::*;
use aman_core::role::Action;
use aman_db::ReferralRecord;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A referral in the receiving organisation's inbox, with its concern.
fn inbox_body(state: &AppState, r: ReferralRecord, concern: aman_db::ConcernRecord) -> ReferralBody {
    let names = state.areas().get(concern.area.as_str()).map(Names::of);
    let referred = ReferredConcern {
        id: concern.id,
        description: concern.description,
        category: concern.category.as_str().to_owned(),
        area: concern.area.to_string(),
        area_name: names.unwrap_or_else(|| Names::pair(String::new(), String::new())),
        urgency: r.severity,
        due_on: aman_app::iraq_date(r.deadline_at),
    };
    ReferralBody { concern: Some(referred), ..referral_body(r) }
}

fn referral_body(r: ReferralRecord) -> ReferralBody {
    ReferralBody {
        id: r.id,
        concern_id: r.concern_id,
        organisation_id: r.organisation_id,
        severity: r.severity,
        sent_at: time(r.sent_at),
        deadline_at: time(r.deadline_at),
        status: r.status,
        acknowledged_at: r.acknowledged_at.map(time),
        responded_at: r.responded_at.map(time),
        response: r.response,
        escalation: r.escalation,
        version: r.version,
        concern: None,
    }
}

fn referral_list(list: Vec<ReferralRecord>) -> Json<ReferralList> {
    Json(ReferralList { referrals: list.into_iter().map(referral_body).collect() })
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_refer, api_of_concern))
        .routes(routes!(api_mine))
        .routes(routes!(api_answer))
}

/// Refer a concern to an organisation serving its area.
#[utoipa::path(post, path = "/concerns/{id}/referrals", tag = "referrals", operation_id = "refer_concern",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The concern's id.", example = 1)),
    request_body(content = ReferRequest, example = json!({"organisation_id": 1, "severity": "urgent"})),
    responses((status = CREATED, description = "The referral's id.", body = Created)))]
async fn api_refer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<ReferRequest>,
) -> Result<Response, AppError> {
    let referral = refer(&state, &staff, id, &request).await?;
    Ok((StatusCode::CREATED, Json(Created { id: referral })).into_response())
}

/// The referrals of a concern.
#[utoipa::path(get, path = "/concerns/{id}/referrals", tag = "referrals", operation_id = "concern_referrals",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The concern's id.", example = 1)),
    responses((status = OK, description = "The referrals.", body = ReferralList)))]
async fn api_of_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ReferralList>, AppError> {
    concerns::load(&state, &staff, id, Action::ViewConcerns).await?;
    Ok(referral_list(state.db().referrals(Some(id), None).await?))
}

/// The referrals sent to the caller's organisation, each with its concern.
#[utoipa::path(get, path = "/referrals", tag = "referrals", operation_id = "referral_inbox",
    security(("bearer" = [])),
    responses((status = OK, description = "The organisation's referrals.", body = ReferralList)))]
async fn api_mine(State(state): State<AppState>, staff: Staff) -> Result<Json<ReferralList>, AppError> {
    let referrals = inbox(&state, &staff).await?.into_iter().map(|(r, c)| inbox_body(&state, r, c)).collect();
    Ok(Json(ReferralList { referrals }))
}

/// Answer a referral sent to one's organisation: acknowledge, respond or decline.
#[utoipa::path(post, path = "/referrals/{id}/answer", tag = "referrals", operation_id = "answer_referral",
    security(("bearer" = [])), params(("id" = i64, Path, description = "The referral's id.", example = 1)),
    request_body(content = Answer, example = json!({"action": "acknowledge"})),
    responses(
        (status = OK, description = "The referral as it now is.", body = ReferralBody),
        (status = CONFLICT, response = Conflict),
    ))]
async fn api_answer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<Answer>,
) -> Result<Json<ReferralBody>, AppError> {
    Ok(Json(referral_body(answer(&state, &staff, id, &request).await?)))
}
