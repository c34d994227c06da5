//! The JSON API, `/api/v1`, one module per resource. The contract for
//! intake, receipts and areas is fixed by the project; every body is a type in
//! `crate::bodies`; errors are always `{"error": {"code", "message",
//! "fields"}}` with the codes of `docs/api-errors.md`.

mod actions;
mod alerts;
mod areas;
mod body;
mod committees;
mod concerns;
mod public;
mod referrals;
mod sessions;

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(concerns::router())
        .merge(areas::router())
        .merge(sessions::router())
        .merge(alerts::router())
        .merge(public::router())
        .merge(committees::api_router())
        .merge(referrals::api_router())
        .merge(actions::api_router())
}
