//! Iraq's areas: the hierarchy, one area with its path and children, and
//! locating a point (the fixed contract of the area API).

use crate::bodies::*;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use aman_geo::Area;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/areas", get(list_areas))
        .route("/areas/locate", get(locate))
        .route("/areas/{pcode}", get(show_area))
}

#[derive(Deserialize)]
struct AreaQuery {
    level: Option<String>,
    parent: Option<String>,
    /// A name in any language (or part of one): the matching areas, best first.
    q: Option<String>,
}

/// The most areas a name search answers.
const MAX_FOUND: usize = 20;

async fn list_areas(State(state): State<AppState>, Query(query): Query<AreaQuery>) -> Result<Json<AreaList>, AppError> {
    let areas = state.areas();
    let level = match query.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => Some(
            l.parse::<u8>()
                .ok()
                .filter(|l| (1..=3).contains(l))
                .ok_or_else(|| AppError::field("level", "out_of_range"))?,
        ),
    };
    if let Some(typed) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // No name is longer than a hundred letters: the rest cannot match.
        let typed: String = typed.chars().take(100).collect();
        let found = aman_app::places::find(areas, &typed, MAX_FOUND);
        return Ok(Json(AreaList { areas: found.into_iter().map(AreaBody::from).collect() }));
    }
    let list: Vec<&Area> = match query.parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(parent) => {
            let parent = parent.to_ascii_uppercase();
            if areas.get(&parent).is_none() {
                return Err(AppError::field("parent", "unknown_area"));
            }
            areas.children(&parent).filter(|a| level.is_none_or(|l| a.level == l)).collect()
        }
        None => areas.at_level(level.unwrap_or(1)).collect(),
    };
    Ok(Json(AreaList { areas: list.into_iter().map(AreaBody::from).collect() }))
}

#[derive(Deserialize)]
struct LocateQuery {
    lat: Option<String>,
    lon: Option<String>,
}

async fn locate(State(state): State<AppState>, Query(query): Query<LocateQuery>) -> Result<Json<Located>, AppError> {
    let number = |field: &str, value: Option<String>| -> Result<f64, AppError> {
        let value = value.filter(|v| !v.trim().is_empty()).ok_or_else(|| AppError::field(field, "required"))?;
        value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| AppError::field(field, "invalid_number"))
    };
    let (lat, lon) = (number("lat", query.lat)?, number("lon", query.lon)?);
    let area = state.areas().locate(lat, lon).ok_or_else(|| AppError::field("lat", "outside_iraq"))?;
    Ok(Json(Located { area: area.into(), path: path(&state, area) }))
}

/// The area and its ancestors, governorate first.
fn path(state: &AppState, area: &Area) -> Vec<AreaBody> {
    let mut path = vec![AreaBody::from(area)];
    let mut parent = area.parent.clone();
    while let Some(code) = parent {
        match state.areas().get(&code) {
            Some(up) if up.level > 0 => {
                path.push(up.into());
                parent = up.parent.clone();
            }
            _ => break,
        }
    }
    path.reverse();
    path
}

async fn show_area(State(state): State<AppState>, Path(pcode): Path<String>) -> Result<Json<AreaDetail>, AppError> {
    let area = state.areas().get(&pcode.to_ascii_uppercase()).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let children = state.areas().children(&area.pcode).map(AreaBody::from).collect();
    Ok(Json(AreaDetail { area: area.into(), path: path(&state, area), children }))
}
