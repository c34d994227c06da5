//! The public page of the Community Security Index: every governorate's
//! score for a quarter, its pillars, its rank and the interval its rank could
//! plausibly take (drawn, so that areas whose intervals overlap are not read
//! as different), and which indicators were missing.

use super::layout::{Choice, Nav, area_label, render};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::index::{DEFAULT_CONFIG, IndexSetup, Quarter, compute};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/index", get(index_page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IndexQuery {
    period: String,
    /// A governorate: its index over the last four quarters.
    area: String,
}

/// One quarter of a governorate's trend.
struct TrendRow {
    period: String,
    overall: String,
    pillars: [String; 4],
    rank: String,
    interval: String,
}

struct Row {
    area: String,
    overall: String,
    pillars: [String; 4],
    rank: String,
    interval: String,
    /// The interval on a 0–100 scale (rank 1 at the left).
    low: f64,
    width: f64,
    mark: f64,
    missing: usize,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    t: Tr,
    nav: Nav,
    title: String,
    periods: Vec<Choice>,
    rows: Vec<Row>,
    unranked: Vec<String>,
    /// The governorate whose trend is shown, and its quarters (oldest first).
    trend_area: Option<String>,
    trend: Vec<TrendRow>,
    governorates: Vec<Choice>,
}

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{:.0}", v * 100.0))
}

async fn index_page(
    State(state): State<AppState>,
    t: Tr,
    Query(query): Query<IndexQuery>,
) -> Result<Response, AppError> {
    let setup = IndexSetup::parse(DEFAULT_CONFIG).map_err(AppError::internal)?;
    let latest = Quarter::containing(state.today()).previous();
    let quarter = Quarter::parse(&query.period).unwrap_or(latest);
    let result = compute(&state, &setup, quarter, 2026).await?;
    let areas = result.rows.len().max(1) as f64;
    let at = |rank: f64| ((rank - 1.0) / (areas - 1.0).max(1.0) * 98.0).clamp(0.0, 98.0);
    let name = |pcode: &str| area_label(&state, t, pcode);
    let mut ranked: Vec<_> = result.rows.iter().filter(|r| r.rank.is_some()).collect();
    ranked.sort_by(|a, b| a.rank.partial_cmp(&b.rank).unwrap_or(std::cmp::Ordering::Equal));
    let rows = ranked
        .iter()
        .map(|r| {
            let interval = r.rank_interval;
            Row {
                area: name(&r.area),
                overall: score(r.overall),
                pillars: r.pillars.map(score),
                rank: r.rank.map(|k| format!("{k:.0}")).unwrap_or_default(),
                interval: interval.map(|i| format!("{:.0}–{:.0}", i.low, i.high)).unwrap_or_default(),
                low: interval.map_or(0.0, |i| at(i.low)),
                width: interval.map_or(0.0, |i| (at(i.high) - at(i.low)).max(1.0)),
                mark: r.rank.map_or(0.0, at),
                missing: r.missing_indicators.len(),
            }
        })
        .collect();
    let unranked = result.rows.iter().filter(|r| r.rank.is_none()).map(|r| name(&r.area)).collect();
    let mut periods = Vec::new();
    let mut q = latest;
    for _ in 0..4 {
        periods.push(Choice::new(&q.to_string(), q.to_string(), &quarter.to_string()));
        q = q.previous();
    }
    let mut governorates: Vec<Choice> =
        state.areas().children("IQ").map(|a| Choice::new(&a.pcode, t.area_name(a).to_owned(), &query.area)).collect();
    governorates.sort_by(|a, b| a.label.cmp(&b.label));
    let trend_area = state.areas().get(query.area.trim()).filter(|a| a.level == 1).map(|a| a.pcode.clone());
    let mut trend = Vec::new();
    if let Some(area) = &trend_area {
        let mut q = latest;
        for _ in 0..4 {
            let result = compute(&state, &setup, q, 2026).await?;
            if let Some(r) = result.get(area, &q.to_string()) {
                trend.push(TrendRow {
                    period: q.to_string(),
                    overall: score(r.overall),
                    pillars: r.pillars.map(score),
                    rank: r.rank.map(|k| format!("{k:.0} / {}", result.rows.len())).unwrap_or_default(),
                    interval: r.rank_interval.map(|i| format!("{:.0}–{:.0}", i.low, i.high)).unwrap_or_default(),
                });
            }
            q = q.previous();
        }
        trend.reverse();
    }
    let trend_area = trend_area.map(|p| name(&p));
    let page = IndexPage {
        t,
        nav: Nav::public("/index"),
        title: t.get("index-title"),
        periods,
        rows,
        unranked,
        trend_area,
        trend,
        governorates,
    };
    Ok(render(&page))
}
