//! The JSON API, `/api/v1`. The contract for intake, receipts and areas is
//! fixed by the project; errors are always `{"error": {"code", "message",
//! "fields"}}` with the codes of `docs/api-errors.md`.

mod actions;
mod committees;
mod referrals;

use crate::alerts;
use crate::auth::{self, Staff};
use crate::bodies::*;
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
use serde::Deserialize;

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

async fn create_concern(
    State(state): State<AppState>,
    gate: Gate,
    Body(input): Body<ConcernInput>,
) -> Result<Response, AppError> {
    if let Err(challenge) = gate.admit(&state) {
        return Ok(challenge_response(&challenge));
    }
    let submitted = concerns::submit(&state, &input).await?;
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
            organisation: Names { ar: a.organisation_ar, en: a.organisation_en },
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
    }))
}

#[derive(Deserialize)]
struct AreaQuery {
    level: Option<String>,
    parent: Option<String>,
}

async fn list_areas(State(state): State<AppState>, Query(query): Query<AreaQuery>) -> Result<Json<AreaList>, AppError> {
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
    Ok(Json(AreaList { areas: list.into_iter().map(AreaBody::from).collect() }))
}

#[derive(Deserialize)]
struct LocateQuery {
    lat: Option<String>,
    lon: Option<String>,
}

async fn locate(State(state): State<AppState>, Query(query): Query<LocateQuery>) -> Result<Json<Located>, AppError> {
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
    Ok(Json(Located { area: area.into(), path: path(&state, area) }))
}

/// The area and its ancestors, governorate first.
fn path(state: &AppState, area: &Area) -> Vec<AreaBody> {
    let mut path = vec![AreaBody::from(area)];
    let mut parent = area.parent.clone();
    while let Some(code) = parent {
        match state.areas().get(&code) {
            Some(up) if up.level > 0 => {
                path.push(up.into());
                parent = up.parent.clone();
            }
            _ => break,
        }
    }
    path.reverse();
    path
}

async fn show_area(State(state): State<AppState>, Path(pcode): Path<String>) -> Result<Json<AreaDetail>, AppError> {
    let area = state.areas().get(&pcode.to_ascii_uppercase()).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let children = state.areas().children(&area.pcode).map(AreaBody::from).collect();
    Ok(Json(AreaDetail { area: area.into(), path: path(&state, area), children }))
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
    }
}

async fn list_concerns(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<QueueQuery>,
) -> Result<Json<ConcernPage>, AppError> {
    let (records, total, page) = concerns::queue(&state, &staff, &query).await?;
    let concerns = records.iter().map(|r| concern_summary(&state, r)).collect();
    Ok(Json(ConcernPage { total, page, page_size: concerns::PAGE_SIZE, concerns }))
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
            kind: match e.kind {
                EventKind::Transition => "transition",
                EventKind::Note => "note",
                EventKind::PublicUpdate => "public_update",
            }
            .to_owned(),
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

async fn audit_log(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<concerns::AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    let (entries, total, page) = concerns::audit_log(&state, &staff, &query).await?;
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
    Ok(Json(AuditPage { total, page, page_size: concerns::PAGE_SIZE, entries }))
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> AppError {
        AppError::new(code)
    }
}

fn alert_body(alert: &AlertRecord) -> AlertBody {
    AlertBody {
        id: alert.id,
        source: alert.source.as_str().to_owned(),
        area: alert.area.as_str().to_owned(),
        category: alert.category.as_str().to_owned(),
        method: alert.method,
        status: alert.status.as_str().to_owned(),
        first_day: alert.first_day,
        last_day: alert.last_day,
        observed: alert.observed,
        expected: alert.expected,
        threshold: alert.threshold,
        score: alert.score,
        escalated_to: alert.escalated_to.as_ref().map(|p| p.as_str().to_owned()),
        reason: alert.reason.clone(),
        allowed_transitions: alert.status.next().iter().map(|s| s.as_str().to_owned()).collect(),
        version: alert.version,
    }
}

async fn list_alerts(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<alerts::AlertQuery>,
) -> Result<Json<AlertList>, AppError> {
    let list = alerts::list(&state, &staff, &query).await?;
    Ok(Json(AlertList { alerts: list.iter().map(alert_body).collect() }))
}

async fn move_alert(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Body(request): Body<alerts::AlertMove>,
) -> Result<Json<AlertBody>, AppError> {
    Ok(Json(alert_body(&alerts::move_alert(&state, &staff, id, &request).await?)))
}

async fn list_surveys(State(state): State<AppState>) -> Result<Json<SurveyList>, AppError> {
    let forms = state.db().survey_forms().await?;
    let surveys =
        forms.into_iter().map(|f| SurveySummary { id: f.form_key, version: f.version, title: f.title }).collect();
    Ok(Json(SurveyList { surveys }))
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
        let mut csv = csv::Writer::from_writer(Vec::new());
        let mut write = |row: [String; 7]| csv.write_record(row).map_err(AppError::internal);
        write(["domain", "n", "estimate", "se", "ci_low", "ci_high", "df"].map(String::from))?;
        for row in &rows {
            let v = row.estimate.values;
            let value = |f: fn(&aman_survey::Values) -> f64| v.as_ref().map(f).map_or(String::new(), |x| x.to_string());
            write([
                row.domain.clone(),
                row.estimate.n.to_string(),
                value(|v| v.estimate),
                value(|v| v.se),
                value(|v| v.ci_low),
                value(|v| v.ci_high),
                row.estimate.df.to_string(),
            ])?;
        }
        let csv = csv.into_inner().map_err(AppError::internal)?;
        return Ok(([(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response());
    }
    let estimates = rows
        .iter()
        .map(|row| {
            let v = row.estimate.values;
            EstimateBody {
                domain: row.domain.clone(),
                n: row.estimate.n,
                df: row.estimate.df,
                suppressed: v.is_none(),
                estimate: v.map(|v| v.estimate),
                se: v.map(|v| v.se),
                ci_low: v.map(|v| v.ci_low),
                ci_high: v.map(|v| v.ci_high),
            }
        })
        .collect();
    Ok(Json(Estimates { survey: key, var: query.var, value: query.value, by: query.by, estimates }).into_response())
}

/// Public accountability figures (no login; small numbers protected).
async fn public_accountability(
    State(state): State<AppState>,
    Query(query): Query<crate::accountability::AccountabilityQuery>,
) -> Result<Json<crate::accountability::Accountability>, AppError> {
    Ok(Json(crate::accountability::compute(&state, &query).await?))
}
