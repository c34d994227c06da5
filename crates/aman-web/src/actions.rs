//! Committees' action plans: an action answers concerns or issues of its
//! committee, is owned by an organisation serving the area (with partners),
//! has a due date and a status moved by the one table in
//! `aman_core::committee::action`, each move a dated progress update. Once
//! done, members confirm or dispute it, and so do the reporters of the
//! concerns it answers, from `/track` with their receipt; a dispute reopens
//! it. The reporter's `/track` shows each action on their concern.

use crate::api::Body;
use crate::auth::Staff;
use crate::committees;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use aman_core::committee::action::{ActionStatus, Verdict, after_confirmation};
use aman_core::role::Action;
use aman_core::text;
use aman_db::{ActionRecord, NewAction};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewActionInput {
    pub title: String,
    pub owner_id: i64,
    pub partners: Vec<i64>,
    pub due_on: String,
    /// `concern:ID` or `issue:ID` of the committee.
    pub items: Vec<String>,
}

pub async fn create(state: &AppState, staff: &Staff, committee: i64, input: &NewActionInput) -> Result<i64, AppError> {
    let record = committees::load(state, staff, committee, Action::ManageCommittees).await?;
    let title = text::clean(&input.title);
    if title.is_empty() {
        return Err(AppError::field("title", "required"));
    }
    let due_on: NaiveDate = input.due_on.trim().parse().map_err(|_| AppError::field("due_on", "invalid_date"))?;
    let serving: Vec<i64> = state.db().organisations(record.area.as_str()).await?.iter().map(|o| o.id).collect();
    if !serving.contains(&input.owner_id) {
        return Err(AppError::field("owner_id", "unknown_organisation"));
    }
    if input.partners.iter().any(|p| !serving.contains(p)) {
        return Err(AppError::field("partners", "unknown_organisation"));
    }
    if input.items.is_empty() || input.items.iter().any(|i| i.starts_with("alert:")) {
        return Err(AppError::field("items", "unknown_item"));
    }
    committees::check_items(state, &record, &input.items)
        .await
        .map_err(|_| AppError::field("items", "unknown_item"))?;
    let action = NewAction {
        committee_id: committee,
        title: &title,
        owner_id: input.owner_id,
        partners: &input.partners,
        due_on,
        items: &input.items,
    };
    let id = state.db().create_action(&action, state.now_ms()).await?;
    state
        .audit(Some(staff.user.id), "action.create", &format!("action:{id}"), &format!("committee:{committee}"))
        .await?;
    Ok(id)
}

async fn load(state: &AppState, staff: &Staff, id: i64, action: Action) -> Result<ActionRecord, AppError> {
    let record = state.db().action(id).await?.ok_or(AppError::new(ErrorCode::NotFound))?;
    committees::load(state, staff, record.committee_id, action).await?;
    Ok(record)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub status: String,
    pub body: String,
    pub version: Option<i64>,
}

pub async fn progress(state: &AppState, staff: &Staff, id: i64, input: &Progress) -> Result<(), AppError> {
    let record = load(state, staff, id, Action::ManageCommittees).await?;
    if input.version.is_some_and(|v| v != record.version) {
        return Err(AppError::new(ErrorCode::EditConflict));
    }
    let from = ActionStatus::from_code(&record.status).ok_or(AppError::new(ErrorCode::Internal))?;
    let to = ActionStatus::from_code(input.status.trim()).ok_or_else(|| AppError::field("status", "unknown_status"))?;
    if to != from && !from.next().contains(&to) {
        return Err(AppError::new(ErrorCode::IllegalTransition));
    }
    let body = text::clean(&input.body);
    state.db().update_action(&record, to.as_str(), &body, Some(staff.user.id), state.now_ms()).await?;
    state.audit(Some(staff.user.id), "action.progress", &format!("action:{id}"), to.as_str()).await?;
    Ok(())
}

/// Records a verdict on a done action (a dispute reopens it); false when
/// this member or reporter already gave one.
async fn record_verdict(
    state: &AppState,
    record: &ActionRecord,
    concern: Option<i64>,
    member: Option<i64>,
    verdict: &str,
    actor: Option<i64>,
) -> Result<bool, AppError> {
    let verdict = Verdict::from_code(verdict.trim()).ok_or_else(|| AppError::field("verdict", "unknown_verdict"))?;
    let status = ActionStatus::from_code(&record.status).ok_or(AppError::new(ErrorCode::Internal))?;
    let after = after_confirmation(status, verdict).ok_or(AppError::new(ErrorCode::IllegalTransition))?;
    if !state.db().confirm_action(record.id, concern, member, verdict.as_str(), state.now_ms()).await? {
        return Ok(false);
    }
    if after != status {
        state.db().update_action(record, after.as_str(), "disputed", actor, state.now_ms()).await?;
    }
    let who = concern.map_or_else(|| format!("member:{}", member.unwrap_or_default()), |_| "reporter".to_owned());
    state
        .audit(actor, "action.confirmation", &format!("action:{}", record.id), &format!("{who} {}", verdict.as_str()))
        .await?;
    Ok(true)
}

pub async fn member_verdict(
    state: &AppState,
    staff: &Staff,
    id: i64,
    member: i64,
    verdict: &str,
) -> Result<bool, AppError> {
    let record = load(state, staff, id, Action::ManageCommittees).await?;
    if !state.db().members(record.committee_id).await?.iter().any(|m| m.id == member && m.active) {
        return Err(AppError::field("member", "unknown_member"));
    }
    record_verdict(state, &record, None, Some(member), verdict, Some(staff.user.id)).await
}

/// A reporter's verdict, through their receipt, on an action answering
/// their concern.
pub async fn reporter_verdict(state: &AppState, receipt: &str, action: i64, verdict: &str) -> Result<bool, AppError> {
    let tracked = crate::concerns::track(state, receipt).await?;
    let record = state
        .db()
        .actions_for_concern(tracked.id)
        .await?
        .into_iter()
        .find(|a| a.id == action)
        .ok_or(AppError::new(ErrorCode::NotFound))?;
    record_verdict(state, &record, Some(tracked.id), None, verdict, None).await
}

/// What the reporter may read of an action on their concern (no internal
/// notes, no member names).
pub struct ReporterAction {
    pub id: i64,
    pub title: String,
    pub organisation_ar: String,
    pub organisation_en: String,
    pub due_on: NaiveDate,
    pub status: String,
}

pub async fn for_reporter(state: &AppState, concern: i64) -> Result<Vec<ReporterAction>, AppError> {
    let mut out = Vec::new();
    for a in state.db().actions_for_concern(concern).await? {
        let owner = state.db().organisation(a.owner_id).await?;
        out.push(ReporterAction {
            id: a.id,
            title: a.title,
            organisation_ar: owner.as_ref().map(|o| o.name_ar.clone()).unwrap_or_default(),
            organisation_en: owner.map(|o| o.name_en).unwrap_or_default(),
            due_on: a.due_on,
            status: a.status,
        });
    }
    Ok(out)
}

fn action_json(a: &ActionRecord) -> Value {
    json!({"id": a.id, "committee_id": a.committee_id, "title": a.title, "owner_id": a.owner_id, "partners": a.partners,
        "due_on": a.due_on.to_string(), "status": a.status, "items": a.items, "version": a.version})
}

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/committees/{id}/actions", post(api_create).get(api_list))
        .route("/actions/{id}", get(api_show))
        .route("/actions/{id}/progress", post(api_progress))
        .route("/actions/{id}/confirmations", post(api_member_verdict))
        .route("/receipts/{receipt}/confirmations", post(api_reporter_verdict))
}

async fn api_create(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<NewActionInput>,
) -> Result<Response, AppError> {
    let action = create(&state, &staff, id, &input).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": action}))).into_response())
}

async fn api_list(State(state): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Result<Json<Value>, AppError> {
    committees::load(&state, &staff, id, Action::ViewCommittees).await?;
    let list = state.db().actions(id).await?;
    Ok(Json(json!({"actions": list.iter().map(action_json).collect::<Vec<_>>()})))
}

async fn api_show(State(state): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Result<Json<Value>, AppError> {
    let record = load(&state, &staff, id, Action::ViewCommittees).await?;
    let mut body = action_json(&record);
    let updates = state.db().action_updates(id).await?;
    body["updates"] = json!(updates.iter().map(|u| json!({"status": u.status, "body": u.body})).collect::<Vec<_>>());
    let (better, disputed) = state.db().confirmations(id).await?;
    body["confirmations"] = json!({"better": better, "disputed": disputed});
    Ok(Json(body))
}

async fn api_progress(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<Progress>,
) -> Result<Json<Value>, AppError> {
    progress(&state, &staff, id, &input).await?;
    api_show(State(state), staff, Path(id)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct VerdictInput {
    member_id: i64,
    action_id: i64,
    verdict: String,
}

fn verdict_response(recorded: bool) -> Response {
    let status = if recorded { StatusCode::CREATED } else { StatusCode::OK };
    (status, Json(json!({"recorded": recorded}))).into_response()
}

async fn api_member_verdict(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(member_verdict(&state, &staff, id, input.member_id, &input.verdict).await?))
}

async fn api_reporter_verdict(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
    Body(input): Body<VerdictInput>,
) -> Result<Response, AppError> {
    Ok(verdict_response(reporter_verdict(&state, &receipt, input.action_id, &input.verdict).await?))
}
