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
use axum::response::Response;
use axum::routing::get;

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
    from: String,
    to: String,
    /// Areas, then organisations: a heading and its rows.
    sections: Vec<(String, Vec<Row>)>,
    note: String,
}

fn cells(f: &Figures, threshold: Threshold) -> Vec<String> {
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
    let figures = compute(&state, &query).await?;
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
        from: figures.from.to_string(),
        to: figures.to.to_string(),
        sections: vec![
            (
                t.get("accountability-areas"),
                figures.areas.iter().map(|f| Row { name: area_name(&f.id), cells: cells(f, threshold) }).collect(),
            ),
            (t.get("accountability-organisations"), organisation_rows),
        ],
        note: t.num("accountability-small", "min", threshold.get() as i64),
    };
    Ok(render(&page))
}
