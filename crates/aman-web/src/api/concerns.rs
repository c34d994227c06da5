//! Concerns: submission (`POST /concerns`, the fixed intake contract), the
//! reporter's receipt lookup, and staff triage: the queue, a concern, moves,
//! notes, public updates, and the audit log.

use super::body::Body;
use super::describe::{ChallengeRequired, Conflict, PayloadTooLarge, RateLimited, ValidationFailed};
use crate::auth::Staff;
use crate::bodies::*;
use crate::concerns::{self, MoveRequest};
use crate::error::AppError;
use crate::gate::{Gate, challenge_response};
use crate::queue::{self, QueueQuery};
use crate::state::AppState;
use aman_core::concern::ConcernInput;
use aman_db::{ConcernRecord, EventKind};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_concern, list_concerns))
        .routes(routes!(show_concern))
        .routes(routes!(move_concern))
        .routes(routes!(add_note))
        .routes(routes!(add_update))
        .routes(routes!(ask_reporter))
        .routes(routes!(assign))
        .routes(routes!(tag))
        .routes(routes!(show_receipt))
        .routes(routes!(reporter_reply))
        .routes(routes!(add_attachment).layer(axum::extract::DefaultBodyLimit::max(aman_app::attachments::MAX_BYTES)))
        .routes(routes!(list_attachments))
        .routes(routes!(open_attachment))
        .routes(routes!(audit_log))
}

const CONCERN_ID: &str = "The concern's id.";
const RECEIPT: &str = "The receipt (case, dashes and spaces do not matter).";

/// File a concern (no login): the fixed intake contract.
///
/// The answer is sent only after the concern is durably stored; the receipt
/// is shown once. During a flood the answer may be `428` with a challenge.
#[utoipa::path(post, path = "/concerns", tag = "intake", operation_id = "submit_concern",
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "16–200 printable characters made once per concern: the same request sent again with it within a day files nothing new and answers the same receipt."),
        ("Aman-Challenge" = Option<String>, Header, description = "During a flood: the challenge token of an earlier `428`."),
        ("Aman-Solution" = Option<String>, Header, description = "During a flood: the challenge's solution (or none, after waiting)."),
    ),
    request_body(content = ConcernInput, example = json!({"category": "armed_groups_weapons", "description": "Armed men fire in the air near the market every night.", "area": "IQG15Q05N04", "language": "en"})),
    responses(
        (status = CREATED, description = "Filed: the receipt and the area it was filed under.", body = Submitted),
        (status = PRECONDITION_REQUIRED, response = ChallengeRequired),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
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

/// Follow a concern by its receipt (no login): status, updates for the
/// reporter, actions answering it, the conversation with staff.
#[utoipa::path(get, path = "/receipts/{receipt}", tag = "intake", operation_id = "track_receipt",
    params(("receipt" = String, Path, description = RECEIPT)),
    responses(
        (status = OK, description = "The concern as its reporter may see it.", body = ReceiptStatus),
        (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: not a receipt (`invalid_receipt`).", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
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

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
struct ListFormat {
    /// `csv`: every matching concern as a spreadsheet, not a page of JSON.
    format: String,
}

/// The triage queue: the concerns the reader may see, newest first, a page
/// of 50 at a time (or every match as CSV with `format=csv`).
#[utoipa::path(get, path = "/concerns", tag = "triage", operation_id = "list_concerns",
    security(("bearer" = [])), params(queue::QueueQuery, ListFormat),
    responses(
        (status = OK, description = "A page of the queue, or with `format=csv` every matching concern as CSV.",
            content((ConcernPage = "application/json"), (String = "text/csv"))),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
async fn list_concerns(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<QueueQuery>,
    Query(format): Query<ListFormat>,
) -> Result<Response, AppError> {
    if format.format == "csv" {
        return crate::csv_out::concerns(&state, &queue::export(&state, &staff, &query).await?);
    }
    let (records, counted, page) = queue::queue(&state, &staff, &query).await?;
    let concerns = records.iter().map(|r| concern_summary(&state, r)).collect();
    let (total, more) = (counted.total, counted.more);
    Ok(Json(ConcernPage { total, more, page, page_size: queue::PAGE_SIZE, concerns }).into_response())
}

/// A concern as staff see it: its history, tags, assignee, and (for roles that
/// may see it) the reporter's identity.
#[utoipa::path(get, path = "/concerns/{id}", tag = "triage", operation_id = "show_concern",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)),
    responses((status = OK, description = "The concern.", body = ConcernDetail)))]
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

/// Move a concern along its life-cycle (verify, mark duplicate, close, …).
#[utoipa::path(post, path = "/concerns/{id}/transitions", tag = "triage", operation_id = "move_concern",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)),
    request_body(content = MoveRequest, example = json!({"to": "under_review", "reason": "Checking with the local committee."})),
    responses(
        (status = OK, description = "The concern as it now is.", body = ConcernDetail),
        (status = CONFLICT, response = Conflict),
    ))]
async fn move_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<MoveRequest>,
) -> Result<Json<ConcernDetail>, AppError> {
    concerns::move_concern(&state, &staff, id, &request).await?;
    show_concern(State(state), staff, Path(id)).await
}

/// A text: a note, an update for the reporter, a message.
#[derive(Deserialize, utoipa::ToSchema)]
struct Text {
    #[serde(default)]
    body: String,
}

/// Add an internal note to a concern (staff only ever read it).
#[utoipa::path(post, path = "/concerns/{id}/notes", tag = "triage", operation_id = "add_note",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)), request_body(content = Text, example = json!({"body": "Can you say which street it was?"})),
    responses((status = CREATED, description = "The note is added.")))]
async fn add_note(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    concerns::add_event(&state, &staff, id.0, EventKind::Note, &text.body).await?;
    Ok(StatusCode::CREATED)
}

/// Add an update the reporter reads with their receipt.
#[utoipa::path(post, path = "/concerns/{id}/updates", tag = "triage", operation_id = "add_update",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)), request_body(content = Text, example = json!({"body": "Can you say which street it was?"})),
    responses((status = CREATED, description = "The update is added.")))]
async fn add_update(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    concerns::add_event(&state, &staff, id.0, EventKind::PublicUpdate, &text.body).await?;
    Ok(StatusCode::CREATED)
}

/// Assign a concern to a colleague who may see it (`null` to unassign).
#[utoipa::path(put, path = "/concerns/{id}/assignee", tag = "triage", operation_id = "assign_concern",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)), request_body(content = AssigneeRequest, example = json!({"user_id": 2})),
    responses((status = NO_CONTENT, description = "Assigned.")))]
async fn assign(
    state: State<AppState>,
    staff: Staff,
    id: Path<i64>,
    Body(request): Body<AssigneeRequest>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::assign(&state, &staff, id.0, request.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set a concern's tags.
#[utoipa::path(put, path = "/concerns/{id}/tags", tag = "triage", operation_id = "tag_concern",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)), request_body(content = TagsRequest, example = json!({"tags": ["market", "night"]})),
    responses((status = NO_CONTENT, description = "The tags are set.")))]
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
#[utoipa::path(post, path = "/concerns/{id}/messages", tag = "triage", operation_id = "ask_reporter",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)), request_body(content = Text, example = json!({"body": "Can you say which street it was?"})),
    responses((status = CREATED, description = "The message is sent.")))]
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
///
/// At most 10 MB and 5 per concern. The photo is decoded and encoded again,
/// which drops its metadata (EXIF, GPS).
#[utoipa::path(post, path = "/receipts/{receipt}/attachments", tag = "intake", operation_id = "add_photo",
    params(("receipt" = String, Path, description = RECEIPT)),
    request_body(description = "The photo itself.", content(("image/jpeg"), ("image/png"))),
    responses(
        (status = CREATED, description = "The photo's id.", body = Created),
        (status = PAYLOAD_TOO_LARGE, response = PayloadTooLarge),
        (status = UNSUPPORTED_MEDIA_TYPE, description = "`unsupported_media_type`: not a JPEG or PNG photo.", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: not a receipt (`invalid_receipt`), an unreadable image (`unreadable_image`), or the concern has its 5 photos (`too_many_attachments`).", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
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

/// The photos of a concern.
#[utoipa::path(get, path = "/concerns/{id}/attachments", tag = "triage", operation_id = "list_photos",
    security(("bearer" = [])), params(("id" = i64, Path, description = CONCERN_ID, example = 1)),
    responses((status = OK, description = "The photos.", body = AttachmentList)))]
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
///
/// Each opening is audited.
#[utoipa::path(get, path = "/concerns/{id}/attachments/{attachment}", tag = "triage", operation_id = "open_photo",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = CONCERN_ID, example = 1), ("attachment" = i64, Path, description = "The photo's id.", example = 1)),
    responses((status = OK, description = "The photo.", content(("image/jpeg"), ("image/png")))))]
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
#[utoipa::path(post, path = "/receipts/{receipt}/messages", tag = "intake", operation_id = "reporter_reply",
    params(("receipt" = String, Path, description = RECEIPT)), request_body(content = Text, example = json!({"body": "Can you say which street it was?"})),
    responses(
        (status = CREATED, description = "The message is sent."),
        (status = TOO_MANY_REQUESTS, response = RateLimited),
    ))]
async fn reporter_reply(
    state: State<AppState>,
    Path(receipt): Path<String>,
    Body(text): Body<Text>,
) -> Result<StatusCode, AppError> {
    aman_app::casework::reply(&state, &receipt, &text.body).await?;
    Ok(StatusCode::CREATED)
}

/// The audit log, newest first, 50 entries a page (administrators; browsing
/// it is audited too).
#[utoipa::path(get, path = "/audit", tag = "triage", operation_id = "audit_log",
    security(("bearer" = [])), params(queue::AuditQuery),
    responses(
        (status = OK, description = "A page of the log.", body = AuditPage),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
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
