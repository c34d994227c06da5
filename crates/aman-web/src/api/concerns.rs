//! Concerns: submission (`POST /concerns`, the fixed intake contract), the
//! reporter's receipt lookup, and staff triage: the queue, a concern, moves,
//! notes, public updates, and the audit log.

use super::body::Body;
use crate::auth::Staff;
use crate::bodies::*;
use crate::concerns::{self, MoveRequest};
use crate::error::AppError;
use crate::gate::{Gate, challenge_response};
use crate::queue::{self, QueueQuery};
use crate::state::AppState;
use aman_core::concern::ConcernInput;
use aman_db::{ConcernRecord, EventKind};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/concerns", post(create_concern).get(list_concerns))
        .route("/concerns/{id}", get(show_concern))
        .route("/concerns/{id}/transitions", post(move_concern))
        .route("/concerns/{id}/notes", post(add_note))
        .route("/concerns/{id}/updates", post(add_update))
        .route("/concerns/{id}/messages", post(ask_reporter))
        .route("/concerns/{id}/assignee", put(assign))
        .route("/concerns/{id}/tags", put(tag))
        .route("/receipts/{receipt}", get(show_receipt))
        .route("/receipts/{receipt}/messages", post(reporter_reply))
        .route(
            "/receipts/{receipt}/attachments",
            post(add_attachment).layer(axum::extract::DefaultBodyLimit::max(aman_app::attachments::MAX_BYTES)),
        )
        .route("/concerns/{id}/attachments", get(list_attachments))
        .route("/concerns/{id}/attachments/{attachment}", get(open_attachment))
        .route("/audit", get(audit_log))
}

async fn create_concern(
    State(state): State<AppState>,
    gate: Gate,
    headers: axum::http::HeaderMap,
    Body(input): Body<ConcernInput>,
) -> Result<Response, AppError> {
    if let Err(challenge) = gate.admit(&state) {
        return Ok(challenge_response(&challenge));
    }
    let idempotency = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(key)) => Some(key),
        Some(Err(_)) => return Err(aman_app::Error::field("idempotency_key", "invalid_idempotency_key").into()),
    };
    let submitted = concerns::submit(&state, &input, concerns::Arrival::web(idempotency)).await?;
    let body = Submitted {
        receipt: submitted.receipt.grouped(),
        status: "submitted".to_owned(),
        area: AreaBody::from(&submitted.area),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn show_receipt(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> Result<Json<ReceiptStatus>, AppError> {
    let record = concerns::track(&state, &receipt).await?;
    let actions = crate::actions::for_reporter(&state, record.id)
        .await?
        .into_iter()
        .map(|a| ReporterActionBody {
            id: a.id,
            title: a.title,
            organisation: Names::pair(a.organisation_ar, a.organisation_en),
            due_on: a.due_on,
            status: a.status,
        })
        .collect();
    Ok(Json(ReceiptStatus {
        status: record.status.as_str().to_owned(),
        category: record.category.as_str().to_owned(),
        area: state.areas().get(record.area.as_str()).map(AreaBody::from),
        submitted_at: time(record.submitted_at),
        updated_at: time(record.updated_at),
        updates: record.updates.iter().map(|(at, text)| Update { at: time(*at), text: text.clone() }).collect(),
        actions,
        on_agenda: state.db().agenda_days(record.id).await?,
        messages: record
            .messages
            .iter()
            .map(|(at, from_reporter, body)| MessageBody {
                at: time(*at),
                from: if *from_reporter { "reporter" } else { "staff" }.to_owned(),
                body: body.clone(),
            })
            .collect(),
    }))
}

fn concern_summary(state: &AppState, record: &ConcernRecord) -> ConcernSummary {
    ConcernSummary {
        id: record.id,
        category: record.category.as_str().to_owned(),
        status: record.status.as_str().to_owned(),
        area: state.areas().get(record.area.as_str()).map(AreaBody::from),
        description: record.description.clone(),
        occurred_on: record.occurred_on,
        language: record.language.clone(),
        duplicate_of: record.duplicate_of,
        submitted_at: time(record.submitted_at),
        updated_at: time(record.updated_at),
        version: record.version,
        assignee_id: record.assignee_id,
        channel: record.channel.as_str().to_owned(),
        consent: record.consent.clone(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListFormat {
    /// `csv`: every matching concern as a spreadsheet, not a page of JSON.
    format: String,
}

async fn list_concerns(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<QueueQuery>,
    Query(format): Query<ListFormat>,
) -> Result<Response, AppError> {
    if format.format == "csv" {
        return crate::csv_out::concerns(&state, &queue::export(&state, &staff, &query).await?);
    }
    let (records, total, page) = queue::queue(&state, &staff, &query).await?;
    let concerns = records.iter().map(|r| concern_summary(&state, r)).collect();
    Ok(Json(ConcernPage { total, page, page_size: queue::PAGE_SIZE, concerns }).into_response())
}

async fn show_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<ConcernDetail>, AppError> {
    let view = concerns::staff_view(&state, &staff, id).await?;
    let allowed_transitions = if view.may_triage {
        view.record.status.next().iter().map(|s| s.as_str().to_owned()).collect()
    } else {
        Vec::new()
    };
    let history = view
        .events
        .iter()
        .map(|e| HistoryEntry {
            kind: e.kind.as_str().to_owned(),
            from: e.from_status.map(|s| s.as_str().to_owned()),
            to: e.to_status.map(|s| s.as_str().to_owned()),
            text: e.body.clone(),
            public: e.public,
            by: e.actor_name.clone(),
            at: time(e.created_at),
        })
        .collect();
    Ok(Json(ConcernDetail {
        concern: concern_summary(&state, &view.record),
        identity: view.identity.map(|identity| IdentityBody {
            contact: identity.contact,
            point: identity.point.map(|(lat, lon)| Point { lat, lon }),
        }),
        allowed_transitions,
        history,
        tags: view.tags,
        assignee: view.assignee.map(|(id, name)| Assignee { id, name }),
    }))
}

async fn move_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<MoveRequest>,
) -> Result<Json<ConcernDetail>, AppError> {
    concerns::move_concern(&state, &staff, id, &request).await?;
    show_concern(State(state), staff, Path(id)).await
}

#[derive(Deserialize)]
struct Text {
    #[serde(default)]
    body: String,
}

async fn add_note(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    concerns::add_event(&state, &staff, id.0, EventKind::Note, &text.body).await?;
    Ok(StatusCode::CREATED)
}

async fn add_update(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    concerns::add_event(&state, &staff, id.0, EventKind::PublicUpdate, &text.body).await?;
    Ok(StatusCode::CREATED)
}

async fn assign(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(request): Body<AssigneeRequest>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::assign(&state, &staff, id.0, request.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn tag(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(request): Body<TagsRequest>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::set_tags(&state, &staff, id.0, &request.tags).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Staff ask the reporter a question (read on `/track`).
async fn ask_reporter(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::ask(&state, &staff, id.0, &text.body).await?;
    Ok(StatusCode::CREATED)
}

/// The reporter adds a photo (the raw file, its type in `Content-Type`).
async fn add_attachment(
    state: State<AppState>,
    Path(receipt): Path<String>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let id = aman_app::attachments::add(&state, &receipt, content_type, &body).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

async fn list_attachments(
    state: State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<AttachmentList>, AppError> {
    let list = aman_app::attachments::list(&state, &staff, id).await?;
    Ok(Json(AttachmentList {
        attachments: list
            .into_iter()
            .map(|a| AttachmentBody { id: a.id, content_type: a.content_type, size: a.size })
            .collect(),
    }))
}

/// The stored file: re-encoded, metadata-free; never cached, never guessed.
async fn open_attachment(
    state: State<AppState>,
    staff: Staff,
    Path((id, attachment)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (content_type, bytes) = aman_app::attachments::open(&state, &staff, id, attachment).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (axum::http::header::CACHE_CONTROL, "no-store".to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, "inline".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The reporter answers with their receipt.
async fn reporter_reply(
    state: State<AppState>,
    Path(receipt): Path<String>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::reply(&state, &receipt, &text.body).await?;
    Ok(StatusCode::CREATED)
}

async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<queue::AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    let (entries, total, page) = queue::audit_log(&state, &staff, &query).await?;
    let entries = entries
        .into_iter()
        .map(|e| AuditEntry {
            seq: e.seq,
            at: time(e.event.at_ms),
            actor: e.event.actor_id,
            action: e.event.action,
            subject: e.event.subject,
            detail: e.event.detail,
            hash: e.hash,
        })
        .collect();
    Ok(Json(AuditPage { total, page, page_size: queue::PAGE_SIZE, entries }))
}
