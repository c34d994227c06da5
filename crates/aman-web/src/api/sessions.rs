//! Staff sessions for API clients: a bearer token from credentials, logout
//! here or everywhere.

use super::body::Body;
use super::describe::RateLimited;
use crate::auth;
use crate::auth::Staff;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_session, end_session)).routes(routes!(end_all_sessions))
}

/// Log in: a bearer token for the staff routes.
///
/// Accounts whose role needs a second factor send the authenticator's `code`.
/// Logins are limited per connection (`429`).
#[utoipa::path(post, path = "/sessions", tag = "sessions", operation_id = "open_session",
    request_body(content = Credentials, example = json!({"email": "triage@demo.aman", "password": "…", "code": "123456"})),
    responses(
        (status = CREATED, description = "A new session.", body = SessionOpened),
        (status = UNAUTHORIZED, description = "`invalid_credentials`: wrong email, password or two-factor code (the same answer for an unknown email).", body = ErrorBody),
        (status = FORBIDDEN, description = "`second_factor_not_enrolled`: the role needs a second factor and none is set up.", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
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

/// Log out: end this session.
#[utoipa::path(delete, path = "/sessions", tag = "sessions", operation_id = "end_session",
    security(("bearer" = [])),
    responses((status = NO_CONTENT, description = "The session is over.")))]
async fn end_session(State(state): State<AppState>, staff: Staff) -> Result<StatusCode, AppError> {
    staff.logout(&state).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Log out everywhere: end every session of this account.
#[utoipa::path(delete, path = "/sessions/all", tag = "sessions", operation_id = "end_all_sessions",
    security(("bearer" = [])),
    responses((status = NO_CONTENT, description = "Every session of the account is over.")))]
async fn end_all_sessions(State(state): State<AppState>, staff: Staff) -> Result<StatusCode, AppError> {
    staff.logout_everywhere(&state).await?;
    Ok(StatusCode::NO_CONTENT)
}
