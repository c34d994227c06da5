//! Server-rendered pages (askama templates, no JavaScript): the public side in
//! `public`, the staff side in `staff`, one module per part of the cycle, and
//! what they share in `layout`.

mod accountability;
mod alerts;
mod assisted;
mod audit;
mod committees;
mod concern;
mod dashboard;
mod forms;
mod index;
mod layout;
mod meetings;
mod public;
mod referrals;
mod staff;
mod surveys;
mod track;

pub use dashboard::sitrep_html;
pub use layout::error_page;

/// The site's one stylesheet.
pub const STYLESHEET: &str = include_str!("../../static/aman.css");

use crate::state::AppState;
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(track::router())
        .merge(staff::router())
        .merge(concern::router())
        .merge(audit::router())
        .merge(alerts::router())
        .merge(surveys::router())
        .merge(index::router())
        .merge(committees::router())
        .merge(meetings::router())
        .merge(accountability::router())
        .merge(dashboard::router())
        .merge(referrals::router())
        .merge(assisted::router())
        .route("/static/aman.css", get(stylesheet))
        .route("/static/challenge.js", get(challenge_script))
        .route("/static/exit.js", get(exit_script))
        .route("/static/locate.js", get(locate_script))
        .route("/static/receipt.js", get(receipt_script))
}

/// The receipt's copy and print buttons (the receipt is written down without it).
async fn receipt_script() -> Response {
    static_file("text/javascript; charset=utf-8", include_str!("../../static/receipt.js"))
}

/// "Use my location" on the report form (the fields are typed without it).
async fn locate_script() -> Response {
    static_file("text/javascript; charset=utf-8", include_str!("../../static/locate.js"))
}

/// The quick exit's history replacement and Escape shortcut (the link works without it).
async fn exit_script() -> Response {
    static_file("text/javascript; charset=utf-8", include_str!("../../static/exit.js"))
}

async fn stylesheet() -> Response {
    static_file("text/css; charset=utf-8", STYLESHEET)
}

/// Answers the flood challenge in the background (see `crate::challenge`);
/// the form works without it.
async fn challenge_script() -> Response {
    static_file("text/javascript; charset=utf-8", include_str!("../../static/challenge.js"))
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=86400")], body).into_response()
}
