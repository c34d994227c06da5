//! The Community Security Index: a composite indicator per area and period,
//! built as the OECD/JRC *Handbook on Constructing Composite Indicators*
//! (2008) describes, with rank uncertainty from a seeded Monte Carlo.
//! Pure: configuration, data and a seed in, scores out. The method in plain
//! words is in docs/index-method.md.
//!
//! # Steps
//! 1. **Values.** A survey indicator is an estimate with its SE (e.g. the
//!    share who feel safe, from [`crate::estimate_domains`]); a rate is
//!    count/population × 10,000; an accountability figure is taken as is.
//! 2. **Normalisation** ([`Normalisation`]) of each indicator across all rows
//!    (every area in every period, pooled, so that scores of different periods
//!    are on one scale), direction applied so that higher is always better.
//! 3. **Pillar scores**: weighted mean (arithmetic or geometric) of the
//!    pillar's normalised indicators, weights renormalised over the
//!    indicators the row has.
//! 4. **Overall score**: weighted mean of the pillar scores, weights
//!    renormalised over the pillars the row has.
//! 5. **Rank** within each period, 1 = best; ties share the average rank.
//!
//! A geometric mean needs positive values: it is taken of s + c, and c is
//! subtracted again, with c = 1 − min(0, smallest value being aggregated over
//! all rows), so every shifted value is ≥ 1 (c = 1 for min-max scores).
//!
//! # Missing data
//! An indicator missing for a row (no observation, or a non-finite value) is
//! left out of the row's pillar and the remaining weights are renormalised; a
//! pillar with none of its indicators is left out of the overall score the
//! same way. Normalisation uses the rows that have the indicator. Every row
//! reports its [`AreaScore::missing_indicators`], [`AreaScore::missing_pillars`]
//! and [`AreaScore::coverage`]; rows below [`IndexConfig::min_coverage`] get
//! no rank.
//!
//! # Rank uncertainty
//! [`Uncertainty::draws`] times (with a [`rand::rngs::StdRng`] seeded by the
//! caller): weights are drawn from Dirichlet(κ·w) around the configured
//! weights (within each pillar and across pillars; [`WeightDraws`]), survey
//! indicators from Normal(estimate, SE²) independently per row; rates and
//! accountability figures are treated as exact. The whole index is
//! recomputed (normalisation included) and ranked. Each row reports the
//! median rank and the 5th–95th percentile of its ranks (R's type-7
//! quantiles): a 90 % rank interval.

mod config;
mod error;
mod monte_carlo;
mod score;

pub use error::IndexError;
pub use monte_carlo::RankInterval;
use monte_carlo::rank_intervals;
use std::collections::{BTreeMap, HashMap};

pub use config::{
    Aggregation, Direction, IndexConfig, IndicatorSpec, Labels, Normalisation, Pillar, SourceKind, Uncertainty,
    WeightDraws,
};

/// One indicator value, of the kind its configuration declares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IndicatorValue {
    /// A survey estimate and its standard error (0 if unknown).
    Survey { estimate: f64, se: f64 },
    /// A count of events and the population, giving count/population × 10,000.
    Rate { count: f64, population: f64 },
    /// An accountability figure.
    Accountability { value: f64 },
}

impl IndicatorValue {
    fn kind(&self) -> SourceKind {
        match self {
            IndicatorValue::Survey { .. } => SourceKind::Survey,
            IndicatorValue::Rate { .. } => SourceKind::RatePer10k,
            IndicatorValue::Accountability { .. } => SourceKind::Accountability,
        }
    }

    /// The value and its SE; NaN value = missing.
    fn value_se(&self) -> Result<(f64, f64), &'static str> {
        match *self {
            IndicatorValue::Survey { estimate, se } => {
                if !(se.is_finite() && se >= 0.0) {
                    return Err("the standard error must be finite and non-negative");
                }
                Ok((if estimate.is_finite() { estimate } else { f64::NAN }, se))
            }
            IndicatorValue::Rate { count, population } => {
                if !(population.is_finite() && population > 0.0) {
                    return Err("the population must be positive");
                }
                if count < 0.0 {
                    return Err("the count must not be negative");
                }
                let rate = count / population * 10_000.0;
                Ok((if rate.is_finite() { rate } else { f64::NAN }, 0.0))
            }
            IndicatorValue::Accountability { value } => Ok((if value.is_finite() { value } else { f64::NAN }, 0.0)),
        }
    }
}

/// One indicator value for one area (P-code) and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub area: String,
    pub period: String,
    pub indicator: String,
    pub value: IndicatorValue,
}

/// The index for one area in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    pub area: String,
    pub period: String,
    /// Pillar scores in [`Pillar::ALL`] order; `None` when the pillar has no
    /// indicators configured or none with data for this row.
    pub pillars: [Option<f64>; 4],
    pub overall: Option<f64>,
    /// 1 = best in the period; `None` without a score or below
    /// [`IndexConfig::min_coverage`].
    pub rank: Option<f64>,
    /// `None` without draws or rank.
    pub rank_interval: Option<RankInterval>,
    /// Ids of the configured indicators without a value, in configuration order.
    pub missing_indicators: Vec<String>,
    /// Configured pillars without any indicator value.
    pub missing_pillars: Vec<Pillar>,
    /// Share of the total configured weight (pillar share × indicator share
    /// within the pillar) that this row's data cover, 0–1.
    pub coverage: f64,
}

impl AreaScore {
    /// The score of one pillar.
    pub fn pillar(&self, pillar: Pillar) -> Option<f64> {
        self.pillars[pillar.index()]
    }
}

/// The index for every area and period, sorted by period, then area.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexResult {
    pub rows: Vec<AreaScore>,
    pub draws: usize,
    pub seed: u64,
}

impl IndexResult {
    /// The row of one area in one period.
    pub fn get(&self, area: &str, period: &str) -> Option<&AreaScore> {
        self.rows.iter().find(|r| r.area == area && r.period == period)
    }
}

/// Computes the index, its ranks and (with `config.uncertainty.draws > 0`)
/// the Monte Carlo rank intervals, reproducibly for a given `seed`.
pub fn compute_index(config: &IndexConfig, observations: &[Observation], seed: u64) -> Result<IndexResult, IndexError> {
    config.validate()?;
    let position: HashMap<&str, usize> =
        config.indicators.iter().enumerate().map(|(i, spec)| (spec.id.as_str(), i)).collect();

    // rows: (period, area), sorted
    let mut row_of: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for obs in observations {
        row_of.insert((obs.period.as_str(), obs.area.as_str()), 0);
    }
    let mut periods: Vec<&str> = Vec::new();
    let mut period_of_row = Vec::with_capacity(row_of.len());
    for (r, ((period, _), slot)) in row_of.iter_mut().enumerate() {
        *slot = r;
        if periods.last() != Some(period) {
            periods.push(period);
        }
        period_of_row.push(periods.len() - 1);
    }
    let n_rows = row_of.len();
    let n_ind = config.indicators.len();
    let mut values = vec![vec![f64::NAN; n_rows]; n_ind];
    let mut ses = vec![vec![0.0; n_rows]; n_ind];
    let mut given = vec![vec![false; n_rows]; n_ind];
    for obs in observations {
        let context = || (obs.indicator.clone(), obs.area.clone(), obs.period.clone());
        let &i =
            position.get(obs.indicator.as_str()).ok_or_else(|| IndexError::UnknownIndicator(obs.indicator.clone()))?;
        let expected = config.indicators[i].source;
        if obs.value.kind() != expected {
            let (indicator, area, period) = context();
            let (expected, got) = (expected.as_str(), obs.value.kind().as_str());
            return Err(IndexError::KindMismatch { indicator, area, period, expected, got });
        }
        let r = row_of[&(obs.period.as_str(), obs.area.as_str())];
        if std::mem::replace(&mut given[i][r], true) {
            let (indicator, area, period) = context();
            return Err(IndexError::Duplicate { indicator, area, period });
        }
        let (value, se) = obs.value.value_se().map_err(|problem| {
            let (indicator, area, period) = context();
            IndexError::BadValue { indicator, area, period, problem }
        })?;
        values[i][r] = value;
        ses[i][r] = se;
    }

    let indicator_w = config.indicator_shares();
    let pillar_w = config.pillar_shares();
    let coverage: Vec<f64> = (0..n_rows)
        .map(|r| {
            let mut total = 0.0;
            for (i, spec) in config.indicators.iter().enumerate() {
                if !values[i][r].is_nan() {
                    total += pillar_w[spec.pillar.index()] * indicator_w[i];
                }
            }
            total
        })
        .collect();
    let eligible: Vec<bool> = coverage.iter().map(|&c| c > 0.0 && c >= config.min_coverage - 1e-12).collect();
    let layout = score::Layout { config, period_of_row: &period_of_row, n_periods: periods.len(), eligible: &eligible };
    let point = score::score(&layout, &values, &indicator_w, &pillar_w);
    let intervals = rank_intervals(&layout, &values, &ses, seed);

    let rows = row_of
        .keys()
        .enumerate()
        .map(|(r, &(period, area))| {
            let missing_indicators =
                config.indicators.iter().enumerate().filter(|(i, _)| values[*i][r].is_nan()).map(|(_, s)| s.id.clone());
            let missing_pillars = Pillar::ALL
                .into_iter()
                .filter(|p| config.pillar_weights.contains_key(p) && point.pillars[r][p.index()].is_none());
            AreaScore {
                area: area.to_string(),
                period: period.to_string(),
                pillars: point.pillars[r],
                overall: point.overall[r],
                rank: point.ranks[r],
                rank_interval: point.ranks[r].and(intervals[r]),
                missing_indicators: missing_indicators.collect(),
                missing_pillars: missing_pillars.collect(),
                coverage: coverage[r],
            }
        })
        .collect();
    Ok(IndexResult { rows, draws: config.uncertainty.draws, seed })
}
