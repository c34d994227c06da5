//! Public figures: survey lists and estimates (JSON or CSV), and public
//! accountability; no login, small numbers protected.

use crate::bodies::*;
use crate::error::AppError;
use crate::state::AppState;
use crate::surveys;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/public/accountability", get(public_accountability))
        .route("/surveys", get(list_surveys))
        .route("/surveys/{key}/estimates", get(survey_estimates))
}

async fn list_surveys(State(state): State<AppState>) -> Result<Json<SurveyList>, AppError> {
    let forms = state.db().survey_forms().await?;
    let surveys =
        forms.into_iter().map(|f| SurveySummary { id: f.form_key, version: f.version, title: f.title }).collect();
    Ok(Json(SurveyList { surveys }))
}

#[derive(Deserialize)]
struct EstimateFormat {
    #[serde(default)]
    format: String,
}

/// Estimates for one question, overall or by group, as JSON or (with
/// `format=csv`) CSV; suppressed groups carry no values.
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
async fn public_accountability(
    State(state): State<AppState>,
    Query(query): Query<crate::accountability::AccountabilityQuery>,
) -> Result<Json<crate::accountability::Accountability>, AppError> {
    Ok(Json(crate::accountability::compute(&state, &query).await?))
}
