//! The JSON API, `/api/v1`, one module per resource. The contract for
//! intake, receipts and areas is fixed by the project; every body is a type in
//! `crate::bodies`; errors are always `{"error": {"code", "message",
//! "fields"}}` with the codes of `docs/api-errors.md`. Every route is
//! registered from its handler's `#[utoipa::path]` description, which makes
//! the OpenAPI document served at `/api/v1/openapi.json` (`describe.rs`).

mod actions;
mod alerts;
mod areas;
mod body;
mod committees;
mod concerns;
mod describe;
mod public;
mod referrals;
mod sessions;

use crate::state::AppState;
use axum::Json;
use std::sync::OnceLock;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Where the API is served.
pub const PREFIX: &str = "/api/v1";

/// The API's routes, each with its description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(concerns::router())
        .merge(areas::router())
        .merge(sessions::router())
        .merge(alerts::router())
        .merge(public::router())
        .merge(committees::api_router())
        .merge(referrals::api_router())
        .merge(actions::api_router())
        .routes(routes!(openapi_json))
}

/// The OpenAPI 3.1 document of every route under [`PREFIX`], with the
/// routes' full paths.
pub fn openapi() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| describe::complete(OpenApiRouter::new().nest(PREFIX, router()).into_openapi()))
}

/// This description of the API.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", operation_id = "openapi",
    responses((status = OK, description = "The OpenAPI 3.1 document of this API.", body = Object)))]
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(openapi())
}
