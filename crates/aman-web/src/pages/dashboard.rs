//! The public dashboard (no login, no JavaScript): an area's map of the
//! areas below it shaded by the concerns they received, each category's
//! monthly trend, and its accountability figures — every chart drawn here
//! as inline SVG from the real boundaries, with a table of the same
//! figures behind it for screen readers. Numbers come protected from
//! `aman_app::dashboard`. The situation report of an area and month
//! (`aman_app::sitrep`) is printed from here too: publicly with every
//! section, and from the staff side with the sections staff choose.

use super::accountability::cells;
use super::layout::{Nav, area_label, render};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::dashboard::{Dashboard, compute};
use aman_core::committee::disclosure::{Protected, Threshold};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(country))
        .route("/dashboard/{pcode}", get(area))
        .route("/dashboard/{pcode}/sitrep/{month}", get(sitrep_page))
        .route("/staff/sitrep", get(staff_sitrep))
}

/// The accountability figures' names, in the order `cells` gives them.
const FIGURES: [&str; 8] = [
    "accountability-received",
    "accountability-verified",
    "accountability-median-days",
    "accountability-referrals-on-time",
    "accountability-actions-done",
    "accountability-actions-overdue",
    "accountability-better",
    "accountability-disputed",
];

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

/// A map drawn and shaded, with its legend.
struct DrawnMap {
    height: f64,
    places: Vec<Place>,
    shades: Vec<Shade>,
}

/// Shades the areas below `area` by their published counts (or the area
/// alone when nothing lies below it).
fn draw_map(
    state: &AppState,
    t: Tr,
    area: &str,
    total: Protected<u64>,
    children: &[(String, Protected<u64>)],
) -> DrawnMap {
    let threshold = state.settings().small_numbers;
    let areas = state.areas();
    let shown: Vec<(String, Protected<u64>)> =
        if children.is_empty() { vec![(area.to_owned(), total)] } else { children.to_vec() };
    let map = areas.map_of(shown.iter().map(|(p, _)| p.as_str()));
    let most = shown.iter().filter_map(|(_, n)| n.shown()).max().unwrap_or(0).max(1);
    let shade = |n: u64| (n * SHADES).div_ceil(most).clamp(1, SHADES);
    let places = map
        .shapes
        .into_iter()
        .filter_map(|shape| {
            let (_, count) = shown.iter().find(|(p, _)| *p == shape.pcode)?;
            let place = areas.get(&shape.pcode)?;
            Some(Place {
                name: t.area_name(place).to_owned(),
                class: count.shown().map_or_else(|| "hidden".to_owned(), |n| format!("shade-{}", shade(n))),
                label: rounded(*count, threshold),
                link: areas.children(&shape.pcode).next().is_some() && shape.pcode != area,
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
    DrawnMap { height: map.height, places, shades }
}

/// One row of the trends: its bars on a scale whose top is `tallest`.
fn trend_row(name: String, monthly: &[Protected<u64>], tallest: u64, threshold: Threshold) -> TrendRow {
    TrendRow {
        name,
        labels: monthly.iter().map(|m| rounded(*m, threshold)).collect(),
        bars: monthly
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let height = m.shown().map_or(0.0, |n| 40.0 * n as f64 / tallest as f64);
                Bar { x: i as f64 * 20.0 + 2.0, y: 44.0 - height, height, hidden: m.is_suppressed() }
            })
            .collect(),
    }
}

/// A rounded count as published: "≈15", or "<11" when hidden.
fn rounded(count: Protected<u64>, threshold: Threshold) -> String {
    count.shown().map_or_else(|| count.label(threshold), |n| format!("≈{n}"))
}

fn page(state: &AppState, t: Tr, d: &Dashboard) -> Page {
    let threshold = d.threshold;
    let areas = state.areas();
    let drawn = draw_map(state, t, &d.area, d.total, &d.children);
    // The trends: one row of bars per category, on one scale for all.
    // All kinds together first, on a scale of its own; then each kind, on one scale.
    let tallest = |rows: &[&[Protected<u64>]]| {
        rows.iter().flat_map(|r| r.iter().filter_map(|m| m.shown())).max().unwrap_or(1).max(1)
    };
    let kinds: Vec<&[Protected<u64>]> = d.trends.iter().map(|r| r.monthly.as_slice()).collect();
    let (all_scale, kinds_scale) = (tallest(&[d.all.as_slice()]), tallest(&kinds));
    let mut trends = Vec::new();
    if d.all.iter().any(|m| !m.is_suppressed()) {
        trends.push(trend_row(t.get("dashboard-all-kinds"), &d.all, all_scale, threshold));
    }
    trends.extend(
        d.trends.iter().map(|row| trend_row(t.category(row.category.as_str()), &row.monthly, kinds_scale, threshold)),
    );

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
    let name = area_label(state, t, &d.area);
    Page {
        t,
        nav: Nav::public(&if d.area == "IQ" { "/dashboard".to_owned() } else { format!("/dashboard/{}", d.area) }),
        title: t.text("dashboard-title", &[("area", &name)]),
        trail,
        period: t.text("dashboard-period", &[("from", &isolated(first)), ("to", &isolated(last))]),
        total: t.text("dashboard-total", &[("count", &rounded(d.total, threshold))]),
        map_height: drawn.height,
        places: drawn.places,
        shades: drawn.shades,
        hidden_label: t.num("dashboard-hidden", "min", threshold.get() as i64),
        month_labels: d.months.iter().map(|m| m.format("%Y-%m").to_string()).collect(),
        trends,
        figures: FIGURES.iter().map(|k| t.get(k)).zip(cells(&d.figures, threshold)).collect(),
        note: t.num("dashboard-note", "min", threshold.get() as i64),
        accountability: if d.area == "IQ" {
            "/accountability".to_owned()
        } else {
            format!("/accountability?area={}", d.area)
        },
    }
}

/// One category's line of a situation report.
struct CategoryLine {
    name: String,
    this_month: String,
    last_month: String,
    change: String,
}

/// An alert as a situation report lists it.
struct AlertView {
    /// Where staff open it (public reports do not link).
    link: Option<String>,
    category: String,
    area: String,
    source: String,
    since: String,
    status: String,
}

/// Which parts a situation report holds.
struct Sections {
    map: bool,
    categories: bool,
    alerts: bool,
    response: bool,
}

/// The staff page's form: the area, the month and the sections chosen.
struct SitrepForm {
    area: String,
    month: String,
    area_choices: Vec<super::layout::Choice>,
}

#[derive(Template)]
#[template(path = "sitrep.html")]
pub struct SitrepPage {
    t: Tr,
    nav: Nav,
    title: String,
    period: String,
    received: String,
    sections: Sections,
    map_height: f64,
    places: Vec<Place>,
    shades: Vec<Shade>,
    hidden_label: String,
    categories: Vec<CategoryLine>,
    alerts: Vec<AlertView>,
    figures: Vec<(String, String)>,
    note: String,
    form: Option<SitrepForm>,
    dashboard: String,
}

/// The situation report as a page (`staff` adds links to the alerts).
async fn sitrep_view(
    state: &AppState,
    t: Tr,
    area: &str,
    month: chrono::NaiveDate,
    sections: Sections,
    staff: bool,
) -> Result<SitrepPage, AppError> {
    let report = aman_app::sitrep::compute(state, area, month).await?;
    let threshold = report.threshold;
    let drawn = draw_map(state, t, &report.area, report.received, &report.children);
    let name = area_label(state, t, &report.area);
    let month_text = report.month.format("%Y-%m").to_string();
    let change = |now: Protected<u64>, before: Protected<u64>| match (now.shown(), before.shown()) {
        (Some(a), Some(b)) => format!("{:+}", a as i64 - b as i64),
        _ => "—".to_owned(),
    };
    let mut figures: Vec<(String, String)> =
        FIGURES.iter().map(|k| t.get(k)).zip(cells(&report.figures, threshold)).collect();
    if let Some(first) = figures.first_mut() {
        first.1 = rounded(report.received, threshold);
    }
    Ok(SitrepPage {
        t,
        nav: Nav::public(&format!("/dashboard/{}/sitrep/{month_text}", report.area)),
        title: t.text("sitrep-title", &[("area", &name), ("month", &format!("\u{2068}{month_text}\u{2069}"))]),
        period: t.text("sitrep-period", &[("month", &format!("\u{2068}{month_text}\u{2069}"))]),
        received: t.text(
            "sitrep-received",
            &[
                ("count", &rounded(report.received, threshold)),
                ("before", &rounded(report.received_last_month, threshold)),
            ],
        ),
        sections,
        map_height: drawn.height,
        places: drawn.places,
        shades: drawn.shades,
        hidden_label: t.num("dashboard-hidden", "min", threshold.get() as i64),
        categories: report
            .categories
            .iter()
            .map(|row| CategoryLine {
                name: t.category(row.category.as_str()),
                this_month: rounded(row.this_month, threshold),
                last_month: rounded(row.last_month, threshold),
                change: change(row.this_month, row.last_month),
            })
            .collect(),
        alerts: report
            .alerts
            .iter()
            .map(|a| AlertView {
                link: staff.then(|| format!("/staff/alerts/{}", a.id)),
                category: t.category(a.category.as_str()),
                area: area_label(state, t, &a.area),
                source: t.get(&format!("alerts-source-{}", a.source.as_str())),
                since: a.first_day.to_string(),
                status: t.get(&format!("alert-status-{}", a.status.as_str())),
            })
            .collect(),
        figures,
        note: t.num("dashboard-note", "min", threshold.get() as i64),
        form: None,
        dashboard: if report.area == "IQ" { "/dashboard".to_owned() } else { format!("/dashboard/{}", report.area) },
    })
}

/// Renders a situation report on its own, for `aman report sitrep`.
pub async fn sitrep_html(state: &AppState, t: Tr, area: &str, month: chrono::NaiveDate) -> Result<String, AppError> {
    let all = Sections { map: true, categories: true, alerts: true, response: true };
    let page = sitrep_view(state, t, area, month, all, false).await?;
    page.render().map_err(AppError::internal)
}

async fn sitrep_page(
    State(state): State<AppState>,
    t: Tr,
    Path((pcode, month)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let month = aman_app::sitrep::parse_month(&month).ok_or_else(|| AppError::field("month", "invalid_month"))?;
    let all = Sections { map: true, categories: true, alerts: true, response: true };
    Ok(render(&sitrep_view(&state, t, &pcode.trim().to_ascii_uppercase(), month, all, false).await?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SitrepQuery {
    area: String,
    month: String,
    /// Present when the form was sent (then unticked sections are left out).
    chosen: String,
    map: String,
    categories: String,
    alerts: String,
    response: String,
}

/// The staff's situation report: any area (their own by default), the
/// last month that is over by default, the sections they tick.
async fn staff_sitrep(
    State(state): State<AppState>,
    t: Tr,
    super::staff::PageStaff(staff): super::staff::PageStaff,
    axum::extract::Query(query): axum::extract::Query<SitrepQuery>,
) -> Result<Response, AppError> {
    let area = match query.area.trim() {
        "" => staff.user.area.to_string(),
        typed => aman_app::places::resolve(state.areas(), typed)
            .map(|p| p.to_string())
            .ok_or_else(|| AppError::field("area", "unknown_area"))?,
    };
    let last_over = aman_app::dashboard::months(state.today())[aman_app::dashboard::MONTHS - 1];
    let month = match query.month.trim() {
        "" => last_over,
        typed => aman_app::sitrep::parse_month(typed).ok_or_else(|| AppError::field("month", "invalid_month"))?,
    };
    let ticked = |value: &str| query.chosen.is_empty() || !value.is_empty();
    let sections = Sections {
        map: ticked(&query.map),
        categories: ticked(&query.categories),
        alerts: ticked(&query.alerts),
        response: ticked(&query.response),
    };
    let mut page = sitrep_view(&state, t, &area, month, sections, true).await?;
    page.nav = super::staff::nav(&staff, "/staff/sitrep");
    page.form = Some(SitrepForm {
        area: super::layout::area_value(&state, t, &area),
        month: month.format("%Y-%m").to_string(),
        area_choices: super::layout::area_choices(&state, t, staff.user.area.as_str()),
    });
    Ok(render(&page))
}
