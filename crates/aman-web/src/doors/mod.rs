//! The doors other systems use, each speaking its own protocol over the
//! application's operations (no door writes to the database itself):
//! RapidPro flows (`rapidpro`), an SMS gateway (`smssync`), Open311 clients
//! (`open311`), field devices with ODK Collect, KoboCollect or Enketo
//! (`openrosa`).

mod open311;
mod openrosa;
mod rapidpro;
mod smssync;

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().merge(rapidpro::router()).merge(smssync::router()).merge(open311::router()).merge(openrosa::router())
}
