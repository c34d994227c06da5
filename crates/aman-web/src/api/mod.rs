//! The JSON API, `/api/v1`. The contract for intake, receipts and areas is
//! fixed by the project; errors are always `{"error": {"code", "message",
//! "fields"}}` with the codes of `docs/api-errors.md`.

mod actions;
mod committees;
mod referrals;

use crate::alerts;
use crate::auth::{self, Staff};
use crate::concerns::{self, MoveRequest, QueueQuery};
use crate::error::{AppError, ErrorCode};
use crate::gate::{Gate, challenge_response};
use crate::state::AppState;
use crate::surveys;
use aman_core::concern::ConcernInput;
use aman_db::{AlertRecord, ConcernRecord, EventKind};
use aman_geo::Area;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/concerns", post(create_concern).get(list_concerns))
        .route("/concerns/{id}", get(show_concern))
        .route("/concerns/{id}/transitions", post(move_concern))
        .route("/concerns/{id}/notes", post(add_note))
        .route("/concerns/{id}/updates", post(add_update))
        .route("/receipts/{receipt}", get(show_receipt))
        .route("/areas", get(list_areas))
        .route("/areas/locate", get(locate))
        .route("/areas/{pcode}", get(show_area))
        .route("/sessions", post(create_session).delete(end_session))
        .route("/sessions/all", axum::routing::delete(end_all_sessions))
        .route("/audit", get(audit_log))
        .route("/alerts", get(list_alerts))
        .route("/alerts/{id}/transitions", post(move_alert))
        .route("/public/accountability", get(public_accountability))
        .route("/surveys", get(list_surveys))
        .route("/surveys/{key}/estimates", get(survey_estimates))
        .merge(committees::api_router())
        .merge(referrals::api_router())
        .merge(actions::api_router())
}

/// A JSON body, with axum's rejections turned into our error codes.
pub(crate) struct Body<T>(pub(crate) T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        let Json(value) =
            Json::<T>::from_request(request, state).await.map_err(|e: JsonRejection| AppError::from(e))?;
        Ok(Body(value))
    }
}

pub fn area_json(area: &Area) -> Value {
    json!({
        "pcode": area.pcode,
        "level": area.level,
        "parent": area.parent,
        "name": {"ar": area.name_ar, "en": area.name_en},
    })
}

fn time(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).map(|t| t.to_rfc3339()).unwrap_or_default()
}

async fn create_concern(
    State(state): State<AppState>,
    gate: Gate,
    Body(input): Body<ConcernInput>,
) -> Result<Response, AppError> {
    if let Err(challenge) = gate.admit(&state) {
        return Ok(challenge_response(&challenge));
    }
    let submitted = concerns::submit(&state, &input).await?;
    let body = json!({
        "receipt": submitted.receipt.grouped(),
        "status": "submitted",
        "area": area_json(&submitted.area),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn show_receipt(State(state): State<AppState>, Path(receipt): Path<String>) -> Result<Json<Value>, AppError> {
    let record = concerns::track(&state, &receipt).await?;
    let area = state.areas().get(record.area.as_str()).map(area_json);
    let updates: Vec<Value> = record.updates.iter().map(|(at, text)| json!({"at": time(*at), "text": text})).collect();
    let actions: Vec<Value> = crate::actions::for_reporter(&state, record.id)
        .await?
        .iter()
        .map(|a| {
            json!({"id": a.id, "title": a.title, "organisation": {"ar": a.organisation_ar, "en": a.organisation_en},
                "due_on": a.due_on.to_string(), "status": a.status})
        })
        .collect();
    Ok(Json(json!({
        "status": record.status.as_str(),
        "category": record.category.as_str(),
        "area": area,
        "submitted_at": time(record.submitted_at),
        "updated_at": time(record.updated_at),
        "updates": updates,
        "actions": actions,
        "on_agenda": state.db().agenda_days(record.id).await?.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct AreaQuery {
    level: Option<String>,
    parent: Option<String>,
}

async fn list_areas(State(state): State<AppState>, Query(query): Query<AreaQuery>) -> Result<Json<Value>, AppError> {
    let areas = state.areas();
    let level = match query.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => Some(
            l.parse::<u8>()
                .ok()
                .filter(|l| (1..=3).contains(l))
                .ok_or_else(|| AppError::field("level", "out_of_range"))?,
        ),
    };
    let list: Vec<&Area> = match query.parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(parent) => {
            let parent = parent.to_ascii_uppercase();
            if areas.get(&parent).is_none() {
                return Err(AppError::field("parent", "unknown_area"));
            }
            areas.children(&parent).filter(|a| level.is_none_or(|l| a.level == l)).collect()
        }
        None => areas.at_level(level.unwrap_or(1)).collect(),
    };
    Ok(Json(json!({ "areas": list.into_iter().map(area_json).collect::<Vec<_>>() })))
}

#[derive(Deserialize)]
struct LocateQuery {
    lat: Option<String>,
    lon: Option<String>,
}

async fn locate(State(state): State<AppState>, Query(query): Query<LocateQuery>) -> Result<Json<Value>, AppError> {
    let number = |field: &str, value: Option<String>| -> Result<f64, AppError> {
        let value = value.filter(|v| !v.trim().is_empty()).ok_or_else(|| AppError::field(field, "required"))?;
        value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| AppError::field(field, "invalid_number"))
    };
    let (lat, lon) = (number("lat", query.lat)?, number("lon", query.lon)?);
    let area = state.areas().locate(lat, lon).ok_or_else(|| AppError::field("lat", "outside_iraq"))?;
    Ok(Json(json!({ "area": area_json(area), "path": path_json(&state, area) })))
}

/// The area and its ancestors, governorate first.
fn path_json(state: &AppState, area: &Area) -> Vec<Value> {
    let mut path = vec![area_json(area)];
    let mut parent = area.parent.clone();
    while let Some(code) = parent {
        match state.areas().get(&code) {
            Some(up) if up.level > 0 => {
                path.push(area_json(up));
                parent = up.parent.clone();
            }
            _ => break,
        }
    }
    path.reverse();
    path
}

async fn show_area(State(state): State<AppState>, Path(pcode): Path<String>) -> Result<Json<Value>, AppError> {
    let area = state.areas().get(&pcode.to_ascii_uppercase()).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let children: Vec<Value> = state.areas().children(&area.pcode).map(area_json).collect();
    Ok(Json(json!({ "area": area_json(area), "path": path_json(&state, area), "children": children })))
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
    /// The TOTP code, for accounts with a second factor.
    #[serde(default)]
    code: String,
}

async fn create_session(
    State(state): State<AppState>,
    Body(credentials): Body<Credentials>,
) -> Result<Response, AppError> {
    let token = auth::login(&state, &credentials.email, &credentials.password, &credentials.code).await?;
    let body = json!({
        "token": token,
        "idle_timeout_minutes": state.settings().session_idle_minutes,
        "absolute_timeout_hours": state.settings().session_absolute_hours,
    });
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

fn concern_summary(state: &AppState, record: &ConcernRecord) -> Value {
    json!({
        "id": record.id,
        "category": record.category.as_str(),
        "status": record.status.as_str(),
        "area": state.areas().get(record.area.as_str()).map(area_json),
        "description": record.description,
        "occurred_on": record.occurred_on.to_string(),
        "language": record.language,
        "duplicate_of": record.duplicate_of,
        "submitted_at": time(record.submitted_at),
        "updated_at": time(record.updated_at),
        "version": record.version,
    })
}

async fn list_concerns(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<QueueQuery>,
) -> Result<Json<Value>, AppError> {
    let (records, total, page) = concerns::queue(&state, &staff, &query).await?;
    let list: Vec<Value> = records.iter().map(|r| concern_summary(&state, r)).collect();
    Ok(Json(json!({ "total": total, "page": page, "page_size": concerns::PAGE_SIZE, "concerns": list })))
}

async fn show_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Json<Value>, AppError> {
    let view = concerns::staff_view(&state, &staff, id).await?;
    let mut body = concern_summary(&state, &view.record);
    if let Some(identity) = &view.identity {
        body["contact"] = json!(identity.contact);
        body["point"] = json!(identity.point.map(|(lat, lon)| json!({"lat": lat, "lon": lon})));
    }
    body["allowed_transitions"] = json!(if view.may_triage {
        view.record.status.next().iter().map(|s| s.as_str()).collect::<Vec<_>>()
    } else {
        Vec::new()
    });
    body["history"] = view
        .events
        .iter()
        .map(|e| {
            json!({
                "kind": match e.kind { EventKind::Transition => "transition", EventKind::Note => "note", EventKind::PublicUpdate => "public_update" },
                "from": e.from_status.map(|s| s.as_str()),
                "to": e.to_status.map(|s| s.as_str()),
                "text": e.body,
                "public": e.public,
                "by": e.actor_name,
                "at": time(e.created_at),
            })
        })
        .collect();
    Ok(Json(body))
}

async fn move_concern(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<MoveRequest>,
) -> Result<Json<Value>, AppError> {
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

async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<concerns::AuditQuery>,
) -> Result<Json<Value>, AppError> {
    let (entries, total, page) = concerns::audit_log(&state, &staff, &query).await?;
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "seq": e.seq,
                "at": time(e.event.at_ms),
                "actor": e.event.actor_id,
                "action": e.event.action,
                "subject": e.event.subject,
                "detail": e.event.detail,
                "hash": e.hash,
            })
        })
        .collect();
    Ok(Json(json!({ "total": total, "page": page, "page_size": concerns::PAGE_SIZE, "entries": list })))
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> AppError {
        AppError::new(code)
    }
}

fn day(date: chrono::NaiveDate) -> String {
    date.to_string()
}

fn alert_json(alert: &AlertRecord) -> Value {
    json!({
        "id": alert.id,
        "source": alert.source.as_str(),
        "area": alert.area.as_str(),
        "category": alert.category.as_str(),
        "method": alert.method,
        "status": alert.status.as_str(),
        "first_day": day(alert.first_day),
        "last_day": day(alert.last_day),
        "observed": alert.observed,
        "expected": alert.expected,
        "threshold": alert.threshold,
        "score": alert.score,
        "escalated_to": alert.escalated_to.as_ref().map(|p| p.as_str()),
        "reason": alert.reason,
        "allowed_transitions": alert.status.next().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "version": alert.version,
    })
}

async fn list_alerts(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<alerts::AlertQuery>,
) -> Result<Json<Value>, AppError> {
    let list = alerts::list(&state, &staff, &query).await?;
    Ok(Json(json!({"alerts": list.iter().map(alert_json).collect::<Vec<_>>()})))
}

async fn move_alert(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<alerts::AlertMove>,
) -> Result<Json<Value>, AppError> {
    Ok(Json(alert_json(&alerts::move_alert(&state, &staff, id, &request).await?)))
}

async fn list_surveys(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    let forms = state.db().survey_forms().await?;
    let list: Vec<Value> =
        forms.iter().map(|f| json!({"id": f.form_key, "version": f.version, "title": f.title})).collect();
    Ok(Json(json!({"surveys": list})))
}

#[derive(Deserialize)]
struct EstimateFormat {
    #[serde(default)]
    format: String,
}

/// Estimates for one question, overall or by group, as JSON or (with
/// `format=csv`) CSV; suppressed groups carry no values.
async fn survey_estimates(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<surveys::EstimateQuery>,
    Query(format): Query<EstimateFormat>,
) -> Result<Response, AppError> {
    let form = surveys::load_form(&state, &key).await?;
    let rows = surveys::estimate(&state, &form, &query).await?;
    if format.format == "csv" {
        let mut csv = String::from("domain,n,estimate,se,ci_low,ci_high,df\n");
        for row in &rows {
            let values = row
                .estimate
                .values
                .map_or_else(|| ",,,".to_owned(), |v| format!("{},{},{},{}", v.estimate, v.se, v.ci_low, v.ci_high));
            csv.push_str(&format!("{},{},{values},{}\n", row.domain, row.estimate.n, row.estimate.df));
        }
        return Ok(([(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response());
    }
    let estimates: Vec<Value> = rows
        .iter()
        .map(|row| {
            let v = row.estimate.values;
            json!({
                "domain": row.domain,
                "n": row.estimate.n,
                "df": row.estimate.df,
                "suppressed": v.is_none(),
                "estimate": v.map(|v| v.estimate),
                "se": v.map(|v| v.se),
                "ci_low": v.map(|v| v.ci_low),
                "ci_high": v.map(|v| v.ci_high),
            })
        })
        .collect();
    Ok(Json(json!({"survey": key, "var": query.var, "value": query.value, "by": query.by, "estimates": estimates}))
        .into_response())
}

/// Public accountability figures (no login; small numbers protected).
async fn public_accountability(
    State(state): State<AppState>,
    Query(query): Query<crate::accountability::AccountabilityQuery>,
) -> Result<Json<crate::accountability::Accountability>, AppError> {
    Ok(Json(crate::accountability::compute(&state, &query).await?))
}
