//! Iraq's areas: the hierarchy, one area with its path and children, and
//! locating a point (the fixed contract of the area API).

use super::describe::ValidationFailed;
use crate::bodies::*;
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use aman_geo::Area;
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_areas))
        .routes(routes!(locate))
        .routes(routes!(geocode))
        .routes(routes!(show_area))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct AreaQuery {
    /// 1 (governorates, the default), 2 (districts) or 3 (sub-districts).
    level: Option<String>,
    /// A P-code: the areas directly below it.
    #[param(example = "IQG02")]
    parent: Option<String>,
    /// A name in any language (or part of one): the matching areas, best first.
    q: Option<String>,
}

/// The most areas a name search answers.
const MAX_FOUND: usize = 20;

/// Iraq's areas: a level, the areas below one, or those a name matches.
#[utoipa::path(get, path = "/areas", tag = "areas", operation_id = "list_areas", params(AreaQuery),
    responses(
        (status = OK, description = "The areas.", body = AreaList),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LocateQuery {
    /// Latitude (decimal degrees).
    #[param(example = "30.5")]
    lat: Option<String>,
    /// Longitude (decimal degrees).
    #[param(example = "47.8")]
    lon: Option<String>,
}

/// The deepest area containing a point, with the areas above it.
#[utoipa::path(get, path = "/areas/locate", tag = "areas", operation_id = "locate", params(LocateQuery),
    responses(
        (status = OK, description = "The area and its path, governorate first.", body = Located),
        (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: `lat` or `lon` missing or not a number (`required`, `invalid_number`), or the point is outside Iraq (`outside_iraq`).", body = ErrorBody),
    ))]
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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct GeocodeQuery {
    /// A place as people write it, in any language ("قرب جسر الائمة في الاعظمية").
    #[param(example = "li Şingalê")]
    q: Option<String>,
    /// Candidates answered, 1 to 20 (5 by default).
    limit: Option<String>,
}

/// The most characters of a text read for places.
const MAX_GEOCODE_CHARS: usize = 1_000;

/// The areas a text names, best first, each with a score from 0 to 1: places
/// written in words in Arabic, Sorani, Kurmanji or English, told apart by the
/// other places the text names.
#[utoipa::path(get, path = "/areas/geocode", tag = "areas", operation_id = "geocode", params(GeocodeQuery),
    responses(
        (status = OK, description = "The candidate areas (none when the text names no place).", body = Geocoded),
        (status = UNPROCESSABLE_ENTITY, description = "`validation_failed`: `q` missing (`required`) or longer than 1,000 characters (`too_long`), or `limit` not from 1 to 20 (`out_of_range`).", body = ErrorBody),
    ))]
async fn geocode(State(state): State<AppState>, Query(query): Query<GeocodeQuery>) -> Result<Json<Geocoded>, AppError> {
    let text =
        query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).ok_or_else(|| AppError::field("q", "required"))?;
    if text.chars().count() > MAX_GEOCODE_CHARS {
        return Err(AppError::field("q", "too_long"));
    }
    let limit = match query.limit.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => 5,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=20).contains(l))
            .ok_or_else(|| AppError::field("limit", "out_of_range"))?,
    };
    let candidates = state
        .gazetteer()
        .candidates(text, limit)
        .into_iter()
        .map(|c| GeocodeCandidate { pcode: c.pcode, level: c.level, name: c.name, score: c.score })
        .collect();
    Ok(Json(Geocoded { candidates }))
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

/// One area, with the areas above and below it.
#[utoipa::path(get, path = "/areas/{pcode}", tag = "areas", operation_id = "show_area",
    params(("pcode" = String, Path, description = "The area's P-code (any case).", example = "IQG02Q01")),
    responses((status = OK, description = "The area.", body = AreaDetail)))]
async fn show_area(State(state): State<AppState>, Path(pcode): Path<String>) -> Result<Json<AreaDetail>, AppError> {
    let area = state.areas().get(&pcode.to_ascii_uppercase()).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let children = state.areas().children(&area.pcode).map(AreaBody::from).collect();
    Ok(Json(AreaDetail { area: area.into(), path: path(&state, area), children }))
}
