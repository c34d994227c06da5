//! Staff sessions for API clients: a bearer token from credentials, logout
//! here or everywhere.

use super::body::Body;
use crate::auth;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions", post(create_session).delete(end_session))
        .route("/sessions/all", axum::routing::delete(end_all_sessions))
}

async fn create_session(
    State(state): State<AppState>,
    Body(credentials): Body<Credentials>,
) -> Result<Response, AppError> {
    let token = auth::login(&state, &credentials.email, &credentials.password, &credentials.code).await?;
    let body = SessionOpened {
        token,
        idle_timeout_minutes: state.settings().session_idle_minutes,
        absolute_timeout_hours: state.settings().session_absolute_hours,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn end_session(State(state): State<AppState>, staff: Staff) -> Result<StatusCode, AppError> {
    staff.logout(&state).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn end_all_sessions(State(state): State<AppState>, staff: Staff) -> Result<StatusCode, AppError> {
    staff.logout_everywhere(&state).await?;
    Ok(StatusCode::NO_CONTENT)
}
