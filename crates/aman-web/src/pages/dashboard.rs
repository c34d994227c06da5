//! The public dashboard (no login, no JavaScript): an area's map of the
//! areas below it shaded by the concerns they received, each category's
//! monthly trend, and its accountability figures — every chart drawn here
//! as inline SVG from the real boundaries, with a table of the same
//! figures behind it for screen readers. Numbers come protected from
//! `aman_app::dashboard`.

use super::accountability::cells;
use super::layout::{Nav, area_label, render};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::dashboard::{Dashboard, compute};
use aman_core::committee::disclosure::Protected;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(country)).route("/dashboard/{pcode}", get(area))
}

/// How many shades the map uses for areas whose count is shown.
const SHADES: u64 = 5;

/// One area on the map.
struct Place {
    pcode: String,
    name: String,
    path: String,
    /// `shade-1` … `shade-5`, or `hidden`.
    class: String,
    /// The count as published ("<11" when hidden).
    label: String,
    /// Whether it links to a dashboard of its own (it has areas below).
    link: bool,
}

/// One category's row: its name, each month's published label, and its bars.
struct TrendRow {
    name: String,
    labels: Vec<String>,
    bars: Vec<Bar>,
}

/// One month's bar on a trend chart (SVG units), or a dash when hidden.
struct Bar {
    x: f64,
    y: f64,
    height: f64,
    hidden: bool,
}

/// What one shade covers, for the legend.
struct Shade {
    class: String,
    label: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Page {
    t: Tr,
    nav: Nav,
    title: String,
    /// The areas above, from the country down: (link, name).
    trail: Vec<(String, String)>,
    period: String,
    total: String,
    map_height: f64,
    places: Vec<Place>,
    shades: Vec<Shade>,
    hidden_label: String,
    month_labels: Vec<String>,
    trends: Vec<TrendRow>,
    /// The accountability figures of the last quarter, labelled.
    figures: Vec<(String, String)>,
    note: String,
    accountability: String,
}

async fn country(state: State<AppState>, t: Tr) -> Result<Response, AppError> {
    area(state, t, Path("IQ".to_owned())).await
}

async fn area(State(state): State<AppState>, t: Tr, Path(pcode): Path<String>) -> Result<Response, AppError> {
    let pcode = pcode.trim().to_ascii_uppercase();
    let dashboard = compute(&state, &pcode).await?;
    Ok(render(&page(&state, t, &dashboard)))
}

fn page(state: &AppState, t: Tr, d: &Dashboard) -> Page {
    let threshold = d.threshold;
    let areas = state.areas();
    // The map: the areas below, or the area alone when there are none.
    let shown: Vec<(String, Protected<u64>)> =
        if d.children.is_empty() { vec![(d.area.clone(), d.total)] } else { d.children.clone() };
    let map = areas.map_of(shown.iter().map(|(p, _)| p.as_str()));
    let most = shown.iter().filter_map(|(_, n)| n.shown()).max().unwrap_or(0).max(1);
    let shade = |n: u64| (n * SHADES).div_ceil(most).clamp(1, SHADES);
    let places = map
        .shapes
        .into_iter()
        .filter_map(|shape| {
            let (_, count) = shown.iter().find(|(p, _)| *p == shape.pcode)?;
            let area = areas.get(&shape.pcode)?;
            Some(Place {
                name: t.area_name(area).to_owned(),
                class: count.shown().map_or_else(|| "hidden".to_owned(), |n| format!("shade-{}", shade(n))),
                label: count.label(threshold),
                link: areas.children(&shape.pcode).next().is_some() && shape.pcode != d.area,
                pcode: shape.pcode,
                path: shape.path,
            })
        })
        .collect();
    let shades = (1..=SHADES)
        .map(|s| {
            let low = (most * (s - 1)) / SHADES + 1;
            let high = (most * s) / SHADES;
            Shade {
                class: format!("shade-{s}"),
                label: if low >= high { high.to_string() } else { format!("{low}–{high}") },
            }
        })
        .filter(|s| !s.label.starts_with('0'))
        .collect();

    // The trends: one row of bars per category, on one scale for all.
    let tallest = d.trends.iter().flat_map(|r| r.monthly.iter().filter_map(|m| m.shown())).max().unwrap_or(1).max(1);
    let trends = d
        .trends
        .iter()
        .map(|row| TrendRow {
            name: t.category(row.category.as_str()),
            labels: row
                .monthly
                .iter()
                .map(|m| m.shown().map_or_else(|| m.label(threshold), |n| format!("≈{n}")))
                .collect(),
            bars: row
                .monthly
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let height = m.shown().map_or(0.0, |n| 40.0 * n as f64 / tallest as f64);
                    Bar { x: i as f64 * 20.0 + 2.0, y: 44.0 - height, height, hidden: m.is_suppressed() }
                })
                .collect(),
        })
        .collect();

    let mut trail = Vec::new();
    let mut up = areas.get(&d.area).and_then(|a| a.parent.clone());
    while let Some(code) = up {
        let name = area_label(state, t, &code);
        up = areas.get(&code).and_then(|a| a.parent.clone());
        trail.insert(0, (if code == "IQ" { "/dashboard".to_owned() } else { format!("/dashboard/{code}") }, name));
    }
    let isolated = |text: String| format!("\u{2068}{text}\u{2069}");
    let first = d.months.first().map(|m| m.format("%Y-%m").to_string()).unwrap_or_default();
    let last = d.months.last().map(|m| m.format("%Y-%m").to_string()).unwrap_or_default();
    let headings = [
        "accountability-received",
        "accountability-verified",
        "accountability-median-days",
        "accountability-referrals-on-time",
        "accountability-actions-done",
        "accountability-actions-overdue",
        "accountability-better",
        "accountability-disputed",
    ];
    let name = area_label(state, t, &d.area);
    Page {
        t,
        nav: Nav::public(&if d.area == "IQ" { "/dashboard".to_owned() } else { format!("/dashboard/{}", d.area) }),
        title: t.text("dashboard-title", &[("area", &name)]),
        trail,
        period: t.text("dashboard-period", &[("from", &isolated(first)), ("to", &isolated(last))]),
        total: t.text("dashboard-total", &[("count", &d.total.label(threshold))]),
        map_height: map.height,
        places,
        shades,
        hidden_label: t.num("dashboard-hidden", "min", threshold.get() as i64),
        month_labels: d.months.iter().map(|m| m.format("%Y-%m").to_string()).collect(),
        trends,
        figures: headings.iter().map(|k| t.get(k)).zip(cells(&d.figures, threshold)).collect(),
        note: t.num("dashboard-note", "min", threshold.get() as i64),
        accountability: if d.area == "IQ" {
            "/accountability".to_owned()
        } else {
            format!("/accountability?area={}", d.area)
        },
    }
}
