//! The index configuration: which indicators, in which pillar, which way is
//! better, where each comes from, and how to normalise, weight and aggregate.
//! Written in TOML (see `fixtures/csi_example.toml` and docs/index-method.md).

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::error::IndexError;

/// The four pillars (مرتكزات) of the Community Security Index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    /// Cohesion, relations between groups.
    Social,
    /// Livelihoods, services.
    Economic,
    /// Shared values, acceptance of diversity, citizenship.
    Cultural,
    /// Capable, trusted, accountable police, courts and local authority.
    Institutional,
}

impl Pillar {
    /// All pillars, in the order of `AreaScore::pillars`.
    pub const ALL: [Pillar; 4] = [Pillar::Social, Pillar::Economic, Pillar::Cultural, Pillar::Institutional];

    /// Position in [`Pillar::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The code used in configurations and output (`social`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Pillar::Social => "social",
            Pillar::Economic => "economic",
            Pillar::Cultural => "cultural",
            Pillar::Institutional => "institutional",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// e.g. the share who feel safe walking at night.
    HigherIsBetter,
    /// e.g. reported incidents per 10,000 people.
    LowerIsBetter,
}

/// Where an indicator's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A design-based survey estimate with its standard error.
    Survey,
    /// A count per 10,000 people, from a count and a population.
    #[serde(rename = "rate_per_10k")]
    RatePer10k,
    /// An accountability figure (e.g. share of referrals answered on time).
    Accountability,
}

impl SourceKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            SourceKind::Survey => "survey",
            SourceKind::RatePer10k => "rate_per_10k",
            SourceKind::Accountability => "accountability",
        }
    }
}

/// An indicator's name in Arabic, Sorani Kurdish and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub ar: String,
    pub ckb: String,
    pub en: String,
}

/// One indicator of the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: String,
    pub label: Labels,
    pub pillar: Pillar,
    pub direction: Direction,
    pub source: SourceKind,
    /// Weight within its pillar, relative to the pillar's other indicators.
    pub weight: f64,
}

/// How indicators are put on a common scale across areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Normalisation {
    /// (x − min)/(max − min), 0 = worst area, 1 = best.
    #[default]
    #[serde(rename = "min-max")]
    MinMax,
    /// (x − mean)/sd (sd with n − 1), negated when lower is better.
    #[serde(rename = "z-score")]
    ZScore,
}

/// How scores are combined (within pillars, and pillars into the index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Weighted arithmetic mean: full compensation between components.
    #[default]
    Arithmetic,
    /// Weighted geometric mean of shifted values: partial compensation.
    Geometric,
}

/// How the Monte Carlo perturbs the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightDraws {
    /// Keep the configured weights.
    Fixed,
    /// Dirichlet(κ·w) around the configured weights w (each set normalised
    /// to sum to 1), within every pillar and for the pillar weights.
    #[default]
    Dirichlet,
}

/// The rank-uncertainty Monte Carlo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Uncertainty {
    /// Number of draws (0 = no rank intervals).
    pub draws: usize,
    pub weights: WeightDraws,
    /// κ of the Dirichlet: a weight w has mean w and variance w(1 − w)/(κ + 1).
    pub concentration: f64,
    /// Draw survey indicators from Normal(estimate, SE²).
    pub sampling_error: bool,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty { draws: 1000, weights: WeightDraws::Dirichlet, concentration: 20.0, sampling_error: true }
    }
}

/// A whole index configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexConfig {
    #[serde(default)]
    pub normalisation: Normalisation,
    /// Indicators into pillar scores.
    #[serde(default)]
    pub pillar_aggregation: Aggregation,
    /// Pillar scores into the overall score.
    #[serde(default)]
    pub overall_aggregation: Aggregation,
    /// One weight per pillar that has indicators (relative; normalised).
    pub pillar_weights: BTreeMap<Pillar, f64>,
    /// Areas whose data cover less than this share of the total weight get
    /// scores but no rank (0 = rank every area with any data).
    #[serde(default)]
    pub min_coverage: f64,
    #[serde(default)]
    pub uncertainty: Uncertainty,
    #[serde(rename = "indicator")]
    pub indicators: Vec<IndicatorSpec>,
}

impl IndexConfig {
    /// Parses and validates a TOML configuration.
    pub fn from_toml(text: &str) -> Result<Self, IndexError> {
        let config: IndexConfig = toml::from_str(text).map_err(|e| IndexError::Config(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks ids, weights and settings.
    pub fn validate(&self) -> Result<(), IndexError> {
        let bad = |msg: String| Err(IndexError::Config(msg));
        if self.indicators.is_empty() {
            return bad("no indicators".into());
        }
        let mut seen = HashSet::new();
        for ind in &self.indicators {
            if ind.id.trim().is_empty() {
                return bad("an indicator has an empty id".into());
            }
            if !seen.insert(ind.id.as_str()) {
                return bad(format!("indicator `{}` is listed twice", ind.id));
            }
            if !(ind.weight.is_finite() && ind.weight > 0.0) {
                return bad(format!("indicator `{}` needs a positive weight", ind.id));
            }
        }
        for pillar in Pillar::ALL {
            let used = self.indicators.iter().any(|i| i.pillar == pillar);
            match (used, self.pillar_weights.get(&pillar)) {
                (true, None) => return bad(format!("pillar `{}` has indicators but no weight", pillar.as_str())),
                (false, Some(_)) => return bad(format!("pillar `{}` has a weight but no indicators", pillar.as_str())),
                (true, Some(w)) if !(w.is_finite() && *w > 0.0) => {
                    return bad(format!("pillar `{}` needs a positive weight", pillar.as_str()));
                }
                _ => {}
            }
        }
        if !(0.0..=1.0).contains(&self.min_coverage) {
            return bad("min_coverage must be between 0 and 1".into());
        }
        let u = &self.uncertainty;
        if u.weights == WeightDraws::Dirichlet && !(u.concentration.is_finite() && u.concentration > 0.0) {
            return bad("uncertainty.concentration must be positive".into());
        }
        Ok(())
    }

    /// The pillar weights normalised to sum to 1, in [`Pillar::ALL`] order
    /// (0 for a pillar without indicators).
    pub(super) fn pillar_shares(&self) -> [f64; 4] {
        let total: f64 = self.pillar_weights.values().sum();
        let mut out = [0.0; 4];
        for (p, w) in &self.pillar_weights {
            out[p.index()] = w / total;
        }
        out
    }

    /// Each indicator's weight normalised within its pillar.
    pub(super) fn indicator_shares(&self) -> Vec<f64> {
        let mut totals = [0.0; 4];
        for ind in &self.indicators {
            totals[ind.pillar.index()] += ind.weight;
        }
        self.indicators.iter().map(|i| i.weight / totals[i.pillar.index()]).collect()
    }
}
