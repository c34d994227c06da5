//! An SMS gateway speaking SMSSync's protocol (the Android gateway used with
//! Ushahidi): `POST /channels/smssync`, form-encoded `from`, `message`,
//! `message_id`, `sent_timestamp` and the channel's `secret`; the answer
//! tells the gateway to send the reply:
//! `{"payload": {"success": true, "task": "send", "messages": [{"to", "message", "uuid"}]}}`.
//! A refusal is `{"payload": {"success": false, "error": "…"}}`.

use crate::gate::Gate;
use crate::state::AppState;
use aman_app::channels::{self, ChannelKind};
use aman_app::sms::{self, Incoming};
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;

/// The largest form read (a message of a few SMS and its fields).
const MAX_BODY: usize = 16 << 10;

pub fn router() -> Router<AppState> {
    Router::new().route("/channels/smssync", post(receive)).layer(DefaultBodyLimit::max(MAX_BODY))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Message {
    secret: String,
    from: String,
    message: String,
    message_id: String,
}

fn refused(status: StatusCode, error: &str) -> Response {
    (status, Json(json!({"payload": {"success": false, "error": error}}))).into_response()
}

async fn receive(
    State(state): State<AppState>,
    gate: Gate,
    form: Result<Form<Message>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(message)) = form else { return refused(StatusCode::BAD_REQUEST, "bad_request") };
    let Ok(channel) = channels::authenticate(&state, ChannelKind::SmsSync, &message.secret).await else {
        return refused(StatusCode::UNAUTHORIZED, "unauthorized");
    };
    if message.from.trim().is_empty() || message.message.trim().is_empty() {
        return refused(StatusCode::BAD_REQUEST, "bad_request");
    }
    if gate.spend_submission(&state).is_err() {
        return refused(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    }
    let incoming = Incoming {
        channel_id: channel.id,
        from: &message.from,
        text: &message.message,
        message_id: &message.message_id,
    };
    match sms::receive(&state, &incoming).await {
        Ok(reply) => {
            let uuid = hex::encode(aman_app::random::<16>());
            let to = message.from.trim();
            Json(json!({"payload": {"success": true, "error": null, "task": "send",
                "messages": [{"to": to, "message": reply, "uuid": uuid}]}}))
            .into_response()
        }
        Err(_) => refused(StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
    }
}
