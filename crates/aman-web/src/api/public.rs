//! Public figures: survey lists and estimates (JSON or CSV), and public
//! accountability; no login, small numbers protected.

use super::describe::ValidationFailed;
use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use crate::surveys;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public_accountability))
        .routes(routes!(public_aggregates))
        .routes(routes!(list_surveys))
        .routes(routes!(survey_estimates))
}

/// The surveys whose estimates are published.
#[utoipa::path(get, path = "/surveys", tag = "public", operation_id = "list_surveys",
    responses((status = OK, description = "The surveys.", body = SurveyList)))]
async fn list_surveys(State(state): State<AppState>) -> Result<Json<SurveyList>, AppError> {
    let forms = state.db().survey_forms().await?;
    let surveys =
        forms.into_iter().map(|f| SurveySummary { id: f.form_key, version: f.version, title: f.title }).collect();
    Ok(Json(SurveyList { surveys }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct EstimateFormat {
    /// `csv` for a spreadsheet; JSON otherwise.
    #[serde(default)]
    format: String,
}

/// Estimates for one question, overall or by group, as JSON or (with
/// `format=csv`) CSV; suppressed groups carry no values.
#[utoipa::path(get, path = "/surveys/{key}/estimates", tag = "public", operation_id = "survey_estimates",
    params(("key" = String, Path, description = "The survey's id.", example = "aman_perception"), surveys::EstimateQuery, EstimateFormat),
    responses(
        (status = OK, description = "The estimates: JSON, or CSV with `format=csv` (columns domain, n, estimate, se, ci_low, ci_high, df).",
            content((Estimates = "application/json"), (String = "text/csv"))),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
async fn survey_estimates(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<surveys::EstimateQuery>,
    Query(format): Query<EstimateFormat>,
) -> Result<Response, AppError> {
    let form = surveys::load_form(&state, &key).await?;
    let rows = surveys::estimate(&state, &form, &query).await?;
    if format.format == "csv" {
        let value = |v: &Option<aman_survey::Values>, f: fn(&aman_survey::Values) -> f64| {
            v.as_ref().map(f).map_or(String::new(), |x| x.to_string())
        };
        let lines = rows.iter().map(|row| {
            let v = row.estimate.values;
            [
                crate::csv_out::spreadsheet_safe(&row.domain),
                row.n.map(|n| n.to_string()).unwrap_or_default(),
                value(&v, |v| v.estimate),
                value(&v, |v| v.se),
                value(&v, |v| v.ci_low),
                value(&v, |v| v.ci_high),
                row.estimate.df.to_string(),
            ]
        });
        return crate::csv_out::csv_response(["domain", "n", "estimate", "se", "ci_low", "ci_high", "df"], lines);
    }
    let estimates = rows
        .iter()
        .map(|row| {
            let v = row.estimate.values;
            EstimateBody {
                domain: row.domain.clone(),
                n: row.n,
                df: row.estimate.df,
                suppressed: v.is_none(),
                estimate: v.map(|v| v.estimate),
                se: v.map(|v| v.se),
                ci_low: v.map(|v| v.ci_low),
                ci_high: v.map(|v| v.ci_high),
            }
        })
        .collect();
    Ok(Json(Estimates { survey: key, var: query.var, value: query.value, by: query.by, estimates }).into_response())
}

/// Public accountability figures (no login; small numbers protected).
///
/// One finished quarter, for an area and each area directly below it, and for
/// the organisations serving it.
#[utoipa::path(get, path = "/public/accountability", tag = "public", operation_id = "public_accountability",
    params(crate::accountability::AccountabilityQuery),
    responses(
        (status = OK, description = "The figures.", body = AccountabilityBody),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
async fn public_accountability(
    State(state): State<AppState>,
    Query(query): Query<crate::accountability::AccountabilityQuery>,
) -> Result<Json<crate::accountability::Accountability>, AppError> {
    Ok(Json(crate::accountability::compute(&state, &query).await?))
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
struct AggregatesQuery {
    /// The areas' level: 1 (the default), 2 or 3.
    level: String,
    /// `YYYY-MM`, a month that is over (the last one by default).
    month: String,
    /// `hxl` (HXL-tagged CSV, the default) or `geojson`.
    format: String,
}

/// Open data: concerns received per area of a level and per category, for
/// one month that is over (the last one by default), as HXL-tagged CSV
/// (`format=hxl`, the default) or GeoJSON points (`format=geojson`).
/// Counts are protected (hidden cells left out, the rest rounded to 5).
#[utoipa::path(get, path = "/public/aggregates", tag = "public", operation_id = "public_aggregates",
    params(AggregatesQuery),
    responses(
        (status = OK, description = "HXL-tagged CSV, or a GeoJSON FeatureCollection of points with `format=geojson`.",
            content((String = "text/csv"), (Object = "application/geo+json"))),
        (status = UNPROCESSABLE_ENTITY, response = ValidationFailed),
    ))]
async fn public_aggregates(
    State(state): State<AppState>,
    Query(query): Query<AggregatesQuery>,
) -> Result<Response, AppError> {
    let level: u8 = match query.level.trim() {
        "" => 1,
        text => text.parse().map_err(|_| AppError::field("level", "out_of_range"))?,
    };
    let month = match query.month.trim() {
        "" => aman_app::dashboard::months(state.today())[aman_app::dashboard::MONTHS - 1],
        text => aman_app::sitrep::parse_month(text).ok_or_else(|| AppError::field("month", "invalid_month"))?,
    };
    let rows = aman_app::open_data::aggregates(&state, level, month).await?;
    let month_text = month.format("%Y-%m").to_string();
    let areas = state.areas();
    match query.format.trim() {
        "" | "hxl" => {
            let mut csv = csv::Writer::from_writer(Vec::new());
            let mut labels = vec!["Month".to_owned()];
            let mut tags = vec!["#date+month".to_owned()];
            for l in 1..=level {
                labels.extend([format!("Admin {l} P-code"), format!("Admin {l} name")]);
                tags.extend([format!("#adm{l}+code"), format!("#adm{l}+name")]);
            }
            labels.extend(["Kind of threat".to_owned(), "Concerns received (rounded to 5)".to_owned()]);
            tags.extend(["#indicator+name".to_owned(), "#indicator+num".to_owned()]);
            csv.write_record(&labels).map_err(AppError::internal)?;
            csv.write_record(&tags).map_err(AppError::internal)?;
            for row in &rows {
                // The area and the areas above it, governorate first.
                let mut path = areas.ancestry(&row.pcode);
                path.retain(|p| areas.get(p).is_some_and(|a| a.level >= 1));
                path.reverse();
                for (category, count) in &row.counts {
                    let mut record = vec![month_text.clone()];
                    for pcode in &path {
                        let name = areas.get(pcode).map(|a| a.name_en.clone()).unwrap_or_default();
                        record.extend([pcode.clone(), crate::csv_out::spreadsheet_safe(&name)]);
                    }
                    record.extend([category.as_str().to_owned(), count.to_string()]);
                    csv.write_record(&record).map_err(AppError::internal)?;
                }
            }
            let body = csv.into_inner().map_err(AppError::internal)?;
            Ok(([(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response())
        }
        "geojson" => {
            let features: Vec<serde_json::Value> = rows
                .iter()
                .filter_map(|row| {
                    let area = areas.get(&row.pcode)?;
                    let counts: serde_json::Map<String, serde_json::Value> =
                        row.counts.iter().map(|(c, n)| (c.as_str().to_owned(), (*n).into())).collect();
                    Some(serde_json::json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [area.inner_point.1, area.inner_point.0]},
                        "properties": {"pcode": area.pcode, "name_ar": area.name_ar, "name_en": area.name_en,
                            "level": area.level, "month": month_text, "counts": counts},
                    }))
                })
                .collect();
            let body = serde_json::json!({"type": "FeatureCollection", "features": features});
            Ok(([(axum::http::header::CONTENT_TYPE, "application/geo+json")], Json(body)).into_response())
        }
        _ => Err(AppError::field("format", "unknown_format")),
    }
}
