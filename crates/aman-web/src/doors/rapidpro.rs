//! RapidPro's webhooks: `POST /channels/rapidpro/concerns` files a concern
//! from a flow's results, `POST /channels/rapidpro/status` answers a
//! receipt's status, `POST /channels/rapidpro/surveys/{key}` stores a youth
//! poll's run as a survey response; both with the channel's secret as
//! `Authorization: Token SECRET`, both answering
//! `{"receipt", "status", "message"}` with the message to send the contact
//! in their language (also when the request is refused, with a 4xx status
//! the flow can branch on).

use crate::error::{AppError, ErrorCode};
use crate::gate::Gate;
use crate::state::AppState;
use aman_app::channels::{self, ChannelKind};
use aman_app::i18n::Tr;
use aman_app::rapidpro::{self, Reply, Run};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};

/// The largest webhook body read (a run's results are a few kilobytes).
const MAX_BODY: usize = 64 << 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/channels/rapidpro/concerns", post(concerns))
        .route("/channels/rapidpro/status", post(status))
        .route("/channels/rapidpro/surveys/{key}", post(poll))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

#[derive(serde::Serialize)]
struct Answer {
    receipt: Option<String>,
    status: String,
    message: String,
}

fn answer(code: StatusCode, reply: Reply) -> Response {
    (code, Json(Answer { receipt: reply.receipt, status: reply.status, message: reply.message })).into_response()
}

/// The channel's secret, and the run it sent.
async fn authorised(state: &AppState, headers: &HeaderMap, body: &Bytes) -> Result<Run, AppError> {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Token "))
        .unwrap_or_default();
    channels::authenticate(state, ChannelKind::RapidPro, secret).await?;
    serde_json::from_slice(body).map_err(|_| AppError::new(ErrorCode::BadRequest))
}

/// A refusal the flow can read out to the contact.
fn refused(lang: aman_core::concern::Language, error: aman_app::Error) -> Response {
    let message = rapidpro::refusal(Tr::new(lang), &error);
    let code = AppError::from(error).code.status();
    answer(code, Reply { receipt: None, status: "refused".to_owned(), message })
}

async fn concerns(State(state): State<AppState>, gate: Gate, headers: HeaderMap, body: Bytes) -> Response {
    let run = match authorised(&state, &headers, &body).await {
        Ok(run) => run,
        Err(error) => return error.into_response(),
    };
    if let Err(too_many) = gate.spend_submission(&state) {
        return too_many.into_response();
    }
    match rapidpro::file(&state, &run).await {
        Ok(reply) => answer(StatusCode::CREATED, reply),
        Err((lang, error)) => refused(lang, error),
    }
}

async fn status(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let run = match authorised(&state, &headers, &body).await {
        Ok(run) => run,
        Err(error) => return error.into_response(),
    };
    match rapidpro::status(&state, &run).await {
        Ok(reply) => answer(StatusCode::OK, reply),
        Err((lang, error)) => refused(lang, error),
    }
}

/// A youth poll's run, stored as a survey response.
async fn poll(
    State(state): State<AppState>,
    axum::extract::Path(key): axum::extract::Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let run = match authorised(&state, &headers, &body).await {
        Ok(run) => run,
        Err(error) => return error.into_response(),
    };
    match rapidpro::poll(&state, &key, &run).await {
        Ok(reply) => answer(StatusCode::CREATED, reply),
        Err((lang, error)) => refused(lang, error),
    }
}
