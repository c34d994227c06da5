//! The public accountability page (no login): the figures of
//! `crate::accountability` for an area and the areas below it, and for the
//! organisations that received referrals or own actions there; protected
//! small numbers read "<11".

use super::layout::{Choice, Nav, area_label, render};
use crate::accountability::{AccountabilityQuery, Figures, compute};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::committee::disclosure::{Protected, Threshold};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;

pub fn router() -> Router<AppState> {
    Router::new().route("/accountability", get(page))
}

struct Row {
    name: String,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "accountability.html")]
struct Page {
    t: Tr,
    nav: Nav,
    title: String,
    areas: Vec<Choice>,
    /// The quarter shown, in words (its dates isolated so that they read
    /// left to right inside Arabic and Kurdish text).
    period: String,
    /// What was typed as the quarter, kept when it could not be used.
    typed: String,
    /// Why the typed quarter could not be used (the last quarter over is shown).
    error: Option<String>,
    /// Areas, then organisations: a heading and its rows.
    sections: Vec<(String, Vec<Row>)>,
    note: String,
}

pub(super) fn cells(f: &Figures, threshold: Threshold) -> Vec<String> {
    let percent = |p: &Protected<f64>| match p {
        Protected::Shown(v) => format!("{:.0}%", v * 100.0),
        Protected::Suppressed => format!("<{}", threshold.get()),
    };
    vec![
        f.received.label(threshold),
        percent(&f.verified_share),
        f.median_days_to_first_response.label(threshold),
        percent(&f.referrals_answered_on_time_share),
        f.actions_done.label(threshold),
        f.actions_overdue.label(threshold),
        f.confirmations_better.label(threshold),
        f.confirmations_disputed.label(threshold),
    ]
}

async fn page(
    State(state): State<AppState>,
    t: Tr,
    Query(query): Query<AccountabilityQuery>,
) -> Result<Response, AppError> {
    // A quarter that cannot be shown (not over yet, not a date) is explained
    // above the form, which keeps what was typed; the last quarter over is shown.
    let (figures, error) = match compute(&state, &query).await {
        Err(aman_app::Error::Invalid(fields)) if fields.keys().all(|f| f == "from" || f == "to") => {
            let message = fields.values().next().map(|code| crate::error::field_message(t, code));
            let default = AccountabilityQuery { area: query.area.clone(), ..AccountabilityQuery::default() };
            (compute(&state, &default).await?, message)
        }
        result => (result?, None),
    };
    let threshold = state.settings().small_numbers;
    let area_name = |pcode: &str| area_label(&state, t, pcode);
    let mut organisation_rows = Vec::new();
    for f in &figures.organisations {
        let id: i64 = f.id.trim_start_matches("organisation:").parse().unwrap_or_default();
        let name =
            state.db().organisation(id).await?.map_or_else(|| f.id.clone(), |o| o.name(t.lang_code()).to_owned());
        organisation_rows.push(Row { name, cells: cells(f, threshold) });
    }
    let mut areas = vec![Choice::new("IQ", area_name("IQ"), &figures.area)];
    let mut governorates: Vec<Choice> =
        state.areas().children("IQ").map(|a| Choice::new(&a.pcode, t.area_name(a).to_owned(), &figures.area)).collect();
    governorates.sort_by(|a, b| a.label.cmp(&b.label));
    areas.extend(governorates);
    let page = Page {
        t,
        nav: Nav::public("/accountability"),
        title: t.get("accountability-title"),
        areas,
        period: {
            let isolated = |date: NaiveDate| format!("\u{2068}{date}\u{2069}");
            t.text("accountability-period", &[("from", &isolated(figures.from)), ("to", &isolated(figures.to))])
        },
        typed: if error.is_some() { query.to.clone() } else { figures.to.to_string() },
        error,
        sections: vec![
            (
                t.get("accountability-areas"),
                figures.areas.iter().map(|f| Row { name: area_name(&f.id), cells: cells(f, threshold) }).collect(),
            ),
            (t.get("accountability-organisations"), organisation_rows),
        ],
        note: t.num("accountability-small", "min", threshold.get() as i64),
    };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, render(&page)).into_response())
}
