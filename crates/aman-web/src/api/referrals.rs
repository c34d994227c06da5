//! The referral routes of the JSON API, over `aman_app::referrals`.

use super::body::Body;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use aman_app::concerns;
use aman_app::referrals::*;
use aman_core::role::Action;
use aman_db::ReferralRecord;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

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

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/concerns/{id}/referrals", post(api_refer).get(api_of_concern))
        .route("/referrals", get(api_mine))
        .route("/referrals/{id}/answer", post(api_answer))
}

async fn api_refer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<ReferRequest>,
) -> Result<Response, AppError> {
    let referral = refer(&state, &staff, id, &request).await?;
    Ok((StatusCode::CREATED, Json(Created { id: referral })).into_response())
}

async fn api_of_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ReferralList>, AppError> {
    concerns::load(&state, &staff, id, Action::ViewConcerns).await?;
    Ok(referral_list(state.db().referrals(Some(id), None).await?))
}

/// The referrals sent to the caller's organisation.
async fn api_mine(State(state): State<AppState>, staff: Staff) -> Result<Json<ReferralList>, AppError> {
    let referrals = inbox(&state, &staff).await?.into_iter().map(|(r, c)| inbox_body(&state, r, c)).collect();
    Ok(Json(ReferralList { referrals }))
}

async fn api_answer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<Answer>,
) -> Result<Json<ReferralBody>, AppError> {
    Ok(Json(referral_body(answer(&state, &staff, id, &request).await?)))
}
