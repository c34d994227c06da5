//! Following a concern by its receipt (`/track`): its status and the
//! updates staff made public, the actions on it and the resident's verdict,
//! the conversation with staff, and adding a photo — all without JavaScript.

use super::layout::{Nav, format_time, render};
use super::public::{ReceiptForm, photo_message};
use crate::concerns;
use crate::error::{AppError, ErrorCode, field_message};
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::committee::action::ActionStatus;
use askama::Template;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/track", get(track_form).post(track_submit))
        .route("/track/confirm", post(track_confirm))
        .route("/track/reply", post(track_reply))
        .route(
            "/track/photo",
            post(track_photo)
                .layer(axum::extract::DefaultBodyLimit::max(aman_app::attachments::MAX_BYTES + (64 << 10))),
        )
}

#[derive(Template)]
#[template(path = "track.html")]
struct TrackPage {
    t: Tr,
    nav: Nav,
    title: String,
    typed: String,
    error: Option<String>,
    result: Option<TrackView>,
    /// Thanks after a verdict on an action or a message.
    notice: Option<String>,
    /// The reporter's message, kept as typed when it could not be sent, and why.
    reply: String,
    reply_error: Option<String>,
    /// Why a photo was not taken.
    photo_error: Option<String>,
}

/// An action on the reporter's concern, as they may read it.
struct TrackAction {
    id: i64,
    text: String,
    status: String,
    /// Done: the reporter may say whether it is better now.
    done: bool,
}

struct TrackView {
    status_code: &'static str,
    status: String,
    category: String,
    area: String,
    submitted: String,
    updated: String,
    updates: Vec<(String, String)>,
    actions: Vec<TrackAction>,
    /// "On the committee's agenda on DATE", one per meeting.
    agenda: Vec<String>,
    /// The conversation with staff: when, whether the reporter wrote it, what.
    messages: Vec<(String, bool, String)>,
    /// Staff have asked something: the reporter may answer.
    may_reply: bool,
}

async fn track_form(t: Tr) -> Response {
    render(&TrackPage {
        t,
        nav: Nav::public("/track"),
        title: t.get("track-title"),
        typed: String::new(),
        error: None,
        result: None,
        notice: None,
        reply: String::new(),
        reply_error: None,
        photo_error: None,
    })
}

/// Posted rather than sent in the URL, so receipts stay out of browser
/// history and any proxy's logs.
async fn track_submit(State(state): State<AppState>, t: Tr, Form(form): Form<ReceiptForm>) -> Response {
    track_page(&state, t, &form.receipt, None, Problem::None).await
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    action: i64,
    #[serde(default)]
    verdict: String,
}

/// The reporter says whether an action on their concern made it better.
async fn track_confirm(State(state): State<AppState>, t: Tr, Form(form): Form<ConfirmForm>) -> Response {
    match crate::actions::reporter_verdict(&state, &form.receipt, form.action, &form.verdict)
        .await
        .map_err(AppError::from)
    {
        Ok(recorded) => {
            let notice = t.get(if recorded { "track-confirm-thanks" } else { "track-confirm-already" });
            track_page(&state, t, &form.receipt, Some(notice), Problem::None).await
        }
        Err(error) => error.into_response(),
    }
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    body: String,
}

/// The reporter answers staff's question; on a problem the page comes back
/// with what they typed and why it was not sent.
async fn track_reply(State(state): State<AppState>, t: Tr, Form(form): Form<ReplyForm>) -> Response {
    match aman_app::casework::reply(&state, &form.receipt, &form.body).await.map_err(AppError::from) {
        Ok(()) => track_page(&state, t, &form.receipt, Some(t.get("track-reply-thanks")), Problem::None).await,
        Err(error) if error.code == ErrorCode::ValidationFailed && error.fields.contains_key("body") => {
            let message = field_message(t, &error.fields["body"]);
            let mut response = track_page(&state, t, &form.receipt, None, Problem::Reply(form.body, message)).await;
            if response.status() == StatusCode::OK {
                *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            }
            response
        }
        Err(error) => error.into_response(),
    }
}

/// What the tracking page says went wrong with what the reporter sent.
enum Problem {
    None,
    /// A message, kept as typed, and why it was not sent.
    Reply(String, String),
    /// Why a photo was not taken.
    Photo(String),
}

/// The reporter adds a photo from the tracking page (a form, no JavaScript).
async fn track_photo(State(state): State<AppState>, t: Tr, mut form: axum::extract::Multipart) -> Response {
    let (mut receipt, mut photo) = (String::new(), None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("receipt") => receipt = field.text().await.unwrap_or_default(),
                Some("photo") => {
                    let content_type = field.content_type().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(bytes) => photo = Some((content_type, bytes)),
                        Err(_) => return AppError::new(ErrorCode::PayloadTooLarge).into_response(),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return AppError::new(ErrorCode::BadRequest).into_response(),
        }
    }
    let Some((content_type, bytes)) = photo.filter(|(_, b)| !b.is_empty()) else {
        return track_page(&state, t, &receipt, None, Problem::Photo(t.get("track-photo-none"))).await;
    };
    match aman_app::attachments::add(&state, &receipt, &content_type, &bytes).await.map_err(AppError::from) {
        Ok(_) => track_page(&state, t, &receipt, Some(t.get("track-photo-thanks")), Problem::None).await,
        Err(error) => match photo_message(t, &error) {
            Some(message) => {
                let mut response = track_page(&state, t, &receipt, None, Problem::Photo(message)).await;
                if response.status() == StatusCode::OK {
                    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                }
                response
            }
            None => error.into_response(),
        },
    }
}

/// The tracking page for a receipt, with a notice or a problem.
async fn track_page(state: &AppState, t: Tr, receipt: &str, notice: Option<String>, problem: Problem) -> Response {
    let (reply, reply_error, photo_error) = match problem {
        Problem::None => (String::new(), None, None),
        Problem::Reply(typed, error) => (typed, Some(error), None),
        Problem::Photo(error) => (String::new(), None, Some(error)),
    };
    let mut page = TrackPage {
        t,
        nav: Nav::public("/track"),
        title: t.get("track-title"),
        typed: receipt.to_owned(),
        error: None,
        result: None,
        notice,
        reply,
        reply_error,
        photo_error,
    };
    let status = match concerns::track(state, receipt).await.map_err(AppError::from) {
        Ok(record) => {
            let actions = match crate::actions::for_reporter(state, record.id).await.map_err(AppError::from) {
                Ok(actions) => actions,
                Err(error) => return error.into_response(),
            };
            let actions = actions
                .into_iter()
                .map(|a| {
                    let organisation = if t.lang_code() == "en" { a.organisation_en } else { a.organisation_ar };
                    let due = a.due_on.to_string();
                    TrackAction {
                        id: a.id,
                        text: t.text(
                            "track-action",
                            &[("title", &a.title), ("organisation", &organisation), ("date", &due)],
                        ),
                        status: t.get(&format!("action-status-{}", a.status.as_str())),
                        done: a.status == ActionStatus::Done,
                    }
                })
                .collect();
            page.result = Some(TrackView {
                status_code: record.status.as_str(),
                status: t.status(record.status.as_str()),
                category: t.category(record.category.as_str()),
                area: state.areas().get(record.area.as_str()).map(|a| t.area_name(a).to_owned()).unwrap_or_default(),
                submitted: format_time(record.submitted_at),
                updated: format_time(record.updated_at),
                updates: record.updates.iter().map(|(at, text)| (format_time(*at), text.clone())).collect(),
                actions,
                agenda: match state.db().agenda_days(record.id).await {
                    Ok(days) => days.iter().map(|d| t.text("track-on-agenda", &[("date", &d.to_string())])).collect(),
                    Err(error) => return AppError::from(error).into_response(),
                },
                may_reply: record.messages.iter().any(|(_, from_reporter, _)| !from_reporter),
                messages: record
                    .messages
                    .iter()
                    .map(|(at, from, body)| (format_time(*at), *from, body.clone()))
                    .collect(),
            });
            StatusCode::OK
        }
        Err(error) if error.code == ErrorCode::NotFound => {
            page.error = Some(t.get("track-not-found"));
            StatusCode::NOT_FOUND
        }
        Err(error) if error.code == ErrorCode::ValidationFailed => {
            page.error = Some(field_message(t, "invalid_receipt"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(error) => return error.into_response(),
    };
    let mut response = render(&page);
    *response.status_mut() = status;
    response
}
