//! The Community Security Index of a deployment, per governorate and
//! quarter: its survey indicators are weighted shares from the perception
//! surveys (with their standard errors, which the rank intervals carry),
//! its rates are reports per 10,000 people from the daily series and the
//! imported populations. The method is `aman_survey::index`
//! (docs/index-method.md); this module only gathers the inputs.

use crate::App;
use crate::Error;
use crate::surveys::{self, EstimateQuery};
use aman_core::alert::SeriesSource;
use aman_survey::index::{IndexConfig, IndexResult, IndicatorValue, Observation, compute_index};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The index Aman ships, bound to the perception item bank.
pub const DEFAULT_CONFIG: &str = include_str!("../../../data/index/aman-csi.toml");

/// Where an indicator's values come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Source {
    /// The weighted share of respondents choosing one of `values`.
    Survey { survey: String, question: String, values: Vec<String> },
    /// Reports per 10,000 people of a category in a series.
    Series { series: String, category: String },
}

/// An index configuration with the sources of its indicators.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSetup {
    pub index: IndexConfig,
    pub sources: BTreeMap<String, Source>,
}

impl IndexSetup {
    pub fn parse(text: &str) -> Result<IndexSetup, String> {
        let setup: IndexSetup = toml::from_str(text).map_err(|e| e.to_string())?;
        setup.index.validate().map_err(|e| e.to_string())?;
        if let Some(missing) = setup.index.indicators.iter().find(|i| !setup.sources.contains_key(&i.id)) {
            return Err(format!("indicator `{}` has no entry in [sources]", missing.id));
        }
        Ok(setup)
    }
}

/// A quarter, written `2026-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quarter {
    pub year: i32,
    pub quarter: u32,
}

impl Quarter {
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, quarter) = text.trim().split_once("-Q")?;
        let quarter: u32 = quarter.parse().ok().filter(|q| (1..=4).contains(q))?;
        Some(Quarter { year: year.parse().ok()?, quarter })
    }

    pub fn containing(date: NaiveDate) -> Quarter {
        Quarter { year: date.year(), quarter: date.month0() / 3 + 1 }
    }

    pub fn previous(self) -> Quarter {
        if self.quarter == 1 {
            Quarter { year: self.year - 1, quarter: 4 }
        } else {
            Quarter { quarter: self.quarter - 1, ..self }
        }
    }

    /// First and last day.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        let first = NaiveDate::from_ymd_opt(self.year, self.quarter * 3 - 2, 1).unwrap_or_default();
        let next = Quarter { year: self.year + i32::from(self.quarter == 4), quarter: self.quarter % 4 + 1 };
        let next_first = NaiveDate::from_ymd_opt(next.year, next.quarter * 3 - 2, 1).unwrap_or_default();
        (first, next_first.pred_opt().unwrap_or(next_first))
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

/// The index for every governorate in one quarter. Survey shares from too
/// few respondents and rates without a population are missing, and flagged.
pub async fn compute(state: &App, setup: &IndexSetup, quarter: Quarter, seed: u64) -> Result<IndexResult, Error> {
    let period = quarter.to_string();
    let governorates: Vec<String> = state.areas().children("IQ").map(|a| a.pcode.clone()).collect();
    let populations: BTreeMap<String, i64> = state.db().populations().await?.into_iter().collect();
    let (first, last) = quarter.days();
    let mut counts: BTreeMap<(SeriesSource, String, String), i64> = BTreeMap::new();
    for source in SeriesSource::ALL {
        let days = state.db().daily_counts(source, aman_db::day_number(first), aman_db::day_number(last)).await?;
        for c in days {
            *counts.entry((source, c.area, c.category)).or_default() += c.count;
        }
    }
    let mut observations = Vec::new();
    let mut forms: BTreeMap<String, Option<surveys::LoadedForm>> = BTreeMap::new();
    // Each survey's responses in each governorate, loaded once for all its indicators.
    let mut responses: BTreeMap<(String, String), Vec<aman_db::ResponseRecord>> = BTreeMap::new();
    for indicator in &setup.index.indicators {
        let Some(source) = setup.sources.get(&indicator.id) else { continue };
        for area in &governorates {
            let value = match source {
                Source::Survey { survey, question, values } => {
                    if !forms.contains_key(survey) {
                        let form = match surveys::load_form(state, survey).await {
                            Ok(form) => Some(form),
                            Err(Error::NotFound) => None,
                            Err(error) => return Err(error),
                        };
                        forms.insert(survey.clone(), form);
                    }
                    let Some(Some(form)) = forms.get(survey) else { continue };
                    let query = EstimateQuery {
                        var: question.clone(),
                        value: values.join(","),
                        by: "period".to_owned(),
                        area: area.clone(),
                    };
                    let key = (survey.clone(), area.clone());
                    if !responses.contains_key(&key) {
                        let loaded = state.db().survey_responses(survey, area).await?;
                        responses.insert(key.clone(), loaded);
                    }
                    let rows = surveys::estimate_among(form, &responses[&key], &query, state.today())?;
                    let Some(v) = rows.iter().find(|r| r.domain == period).and_then(|r| r.estimate.values) else {
                        continue;
                    };
                    IndicatorValue::Survey { estimate: v.estimate, se: v.se }
                }
                Source::Series { series, category } => {
                    let Some(source) = SeriesSource::from_code(series) else {
                        return Err(Error::internal(format!("unknown series {series}")));
                    };
                    let Some(population) = populations.get(area).filter(|p| **p > 0) else { continue };
                    let count = counts.get(&(source, area.clone(), category.clone())).copied().unwrap_or(0);
                    IndicatorValue::Rate { count: count as f64, population: *population as f64 }
                }
            };
            observations.push(Observation {
                area: area.clone(),
                period: period.clone(),
                indicator: indicator.id.clone(),
                value,
            });
        }
    }
    if observations.is_empty() {
        return Ok(IndexResult { rows: Vec::new(), draws: 0, seed });
    }
    compute_index(&setup.index, &observations, seed).map_err(Error::internal)
}
