//! Open311 GeoReport v2 (`/open311/v2/…`, JSON or XML by the file
//! extension): discovery, services (the kinds of threat a client may file),
//! filing a request with the channel's API key, and the public list of what
//! was filed that way — which says only what may be said of any concern in
//! public (`aman_app::open311`). Errors are Open311's error array.

use crate::gate::Gate;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::channels::{self, ChannelKind};
use aman_app::open311::{self, NewRequest, PublicRequest};
use axum::extract::{DefaultBodyLimit, Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

const MAX_BODY: usize = 32 << 10;
/// The most requests one list answers.
const MAX_LISTED: i64 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/discovery.json", get(discovery))
        .route("/open311/v2/services.json", get(|t| services(t, Format::Json)))
        .route("/open311/v2/services.xml", get(|t| services(t, Format::Xml)))
        .route("/open311/v2/services/{file}", get(service))
        .route(
            "/open311/v2/requests.json",
            get(|s, t, q| list(s, t, q, Format::Json)).post(|s, t, g, f| post(s, t, g, f, Format::Json)),
        )
        .route(
            "/open311/v2/requests.xml",
            get(|s, t, q| list(s, t, q, Format::Xml)).post(|s, t, g, f| post(s, t, g, f, Format::Xml)),
        )
        .route("/open311/v2/requests/{file}", get(request))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

impl Format {
    /// `crime.json` → (`crime`, JSON).
    fn split(file: &str) -> Option<(&str, Format)> {
        file.strip_suffix(".json")
            .map(|s| (s, Format::Json))
            .or_else(|| file.strip_suffix(".xml").map(|s| (s, Format::Xml)))
    }
}

/// Writes `items` as Open311 XML: `<root><item><key>value</key>…</item>…</root>`.
fn xml(root: &str, item: &str, items: &[Value]) -> String {
    use quick_xml::escape::escape;
    let mut out = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{root}>");
    for value in items {
        out.push_str(&format!("<{item}>"));
        if let Some(fields) = value.as_object() {
            for (key, value) in fields {
                let text = match value {
                    Value::Null => String::new(),
                    Value::String(s) => escape(s).into_owned(),
                    other => escape(other.to_string()).into_owned(),
                };
                out.push_str(&format!("<{key}>{text}</{key}>"));
            }
        }
        out.push_str(&format!("</{item}>"));
    }
    out.push_str(&format!("</{root}>"));
    out
}

fn answer(status: StatusCode, format: Format, root: &str, item: &str, items: Vec<Value>) -> Response {
    match format {
        Format::Json => (status, Json(Value::Array(items))).into_response(),
        Format::Xml => {
            (status, [(header::CONTENT_TYPE, "text/xml; charset=utf-8")], xml(root, item, &items)).into_response()
        }
    }
}

/// Open311's error array.
fn error(status: StatusCode, format: Format, description: &str) -> Response {
    answer(status, format, "errors", "error", vec![json!({"code": status.as_u16(), "description": description})])
}

fn time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.to_rfc3339()).unwrap_or_default()
}

async fn discovery() -> Json<Value> {
    Json(json!({
        "changeset": "2026-12-07T00:00:00Z",
        "contact": "See /about for who runs this service.",
        "key_service": "API keys are issued by the operator: aman channel add --kind open311",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": "/open311/v2",
            "changeset": "2026-12-07T00:00:00Z",
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    }))
}

fn service_item(t: Tr, category: aman_core::category::Category) -> Value {
    json!({
        "service_code": category.as_str(),
        "service_name": t.category(category.as_str()),
        "description": t.category(category.as_str()),
        "metadata": false,
        "type": "realtime",
        "keywords": "",
        "group": "community security",
    })
}

async fn services(t: Tr, format: Format) -> Response {
    let items = open311::services().map(|c| service_item(t, c)).collect();
    answer(StatusCode::OK, format, "services", "service", items)
}

/// A service's definition: Aman asks for no attributes beyond the standard fields.
async fn service(Path(file): Path<String>) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    match open311::services().find(|c| c.as_str() == code) {
        Some(category) => {
            let definition = json!({"service_code": category.as_str(), "attributes": []});
            match format {
                Format::Json => Json(definition).into_response(),
                Format::Xml => answer(StatusCode::OK, format, "service_definition", "service", vec![definition]),
            }
        }
        None => error(StatusCode::NOT_FOUND, format, "no such service"),
    }
}

fn request_item(state: &AppState, t: Tr, r: &PublicRequest) -> Value {
    let area = state.areas().get(&r.area).map(|a| t.area_name(a).to_owned()).unwrap_or_default();
    json!({
        "service_request_id": r.id.to_string(),
        "status": r.status,
        "service_name": t.category(r.category.as_str()),
        "service_code": r.category.as_str(),
        "requested_datetime": time(r.requested_at),
        "updated_datetime": time(r.updated_at),
        "address": area,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    service_request_id: String,
    service_code: String,
    status: String,
    start_date: String,
    end_date: String,
}

async fn list(State(state): State<AppState>, t: Tr, Query(query): Query<ListQuery>, format: Format) -> Response {
    let ids: Vec<i64> = query.service_request_id.split(',').filter_map(|id| id.trim().parse().ok()).collect();
    let requests = match open311::requests(&state, (!ids.is_empty()).then_some(ids.as_slice()), MAX_LISTED).await {
        Ok(requests) => requests,
        Err(_) => return error(StatusCode::SERVICE_UNAVAILABLE, format, "unavailable"),
    };
    let since = chrono::DateTime::parse_from_rfc3339(query.start_date.trim()).ok().map(|d| d.timestamp_millis());
    let until = chrono::DateTime::parse_from_rfc3339(query.end_date.trim()).ok().map(|d| d.timestamp_millis());
    let codes: Vec<&str> = query.service_code.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
    let items = requests
        .iter()
        .filter(|r| codes.is_empty() || codes.contains(&r.category.as_str()))
        .filter(|r| query.status.trim().is_empty() || query.status.split(',').any(|s| s.trim() == r.status))
        .filter(|r| since.is_none_or(|s| r.requested_at >= s) && until.is_none_or(|u| r.requested_at <= u))
        .map(|r| request_item(&state, t, r))
        .collect();
    answer(StatusCode::OK, format, "service_requests", "request", items)
}

async fn request(State(state): State<AppState>, t: Tr, Path(file): Path<String>) -> Response {
    let Some((id, format)) = Format::split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    let Ok(id) = id.parse::<i64>() else { return error(StatusCode::NOT_FOUND, format, "no such request") };
    match open311::requests(&state, Some(&[id]), 1).await {
        Ok(found) if !found.is_empty() => {
            let items = found.iter().map(|r| request_item(&state, t, r)).collect();
            answer(StatusCode::OK, format, "service_requests", "request", items)
        }
        Ok(_) => error(StatusCode::NOT_FOUND, format, "no such request"),
        Err(_) => error(StatusCode::SERVICE_UNAVAILABLE, format, "unavailable"),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Posted {
    api_key: String,
    #[serde(flatten)]
    request: NewRequest,
}

async fn post(
    State(state): State<AppState>,
    t: Tr,
    gate: Gate,
    form: Result<Form<Posted>, axum::extract::rejection::FormRejection>,
    format: Format,
) -> Response {
    let Ok(Form(posted)) = form else {
        return error(StatusCode::BAD_REQUEST, format, "a form-encoded request is expected");
    };
    if channels::authenticate(&state, ChannelKind::Open311, &posted.api_key).await.is_err() {
        return error(StatusCode::FORBIDDEN, format, "invalid api_key");
    }
    if gate.spend_submission(&state).is_err() {
        return error(StatusCode::TOO_MANY_REQUESTS, format, "too many requests; try again later");
    }
    match open311::file(&state, &posted.request).await {
        Ok((id, receipt)) => {
            let item = json!({"service_request_id": id.to_string(), "service_notice": open311::notice(t.0, &receipt), "account_id": null});
            answer(StatusCode::CREATED, format, "service_requests", "request", vec![item])
        }
        Err(aman_app::Error::Invalid(fields)) => {
            let problems: Vec<String> = fields
                .iter()
                .map(|(f, code)| format!("{}: {}", t.get(&format!("field-{f}")), t.field_error(code)))
                .collect();
            error(StatusCode::BAD_REQUEST, format, &problems.join("; "))
        }
        Err(_) => error(StatusCode::SERVICE_UNAVAILABLE, format, "unavailable"),
    }
}
