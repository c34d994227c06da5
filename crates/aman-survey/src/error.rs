//! Errors of the estimation core.

use thiserror::Error;

/// What can go wrong when building a design or estimating from it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SurveyError {
    /// A per-respondent input does not have one entry per respondent.
    #[error("{what} has {got} entries but the design has {expected} respondents")]
    LengthMismatch {
        /// Which input (e.g. "weights", "strata", "variable").
        what: &'static str,
        /// Number of respondents in the design.
        expected: usize,
        /// Number of entries supplied.
        got: usize,
    },
    /// A weight is negative, infinite or NaN (`row` is 0-based).
    #[error("weight of respondent {row} is {value}: weights must be finite and >= 0")]
    BadWeight {
        /// 0-based respondent index.
        row: usize,
        /// The offending weight.
        value: f64,
    },
    /// A domain code is neither a valid index into the labels nor [`crate::NO_DOMAIN`].
    #[error("domain code {code} of respondent {row} is out of range (there are {n_domains} domains)")]
    BadDomainCode {
        /// 0-based respondent index.
        row: usize,
        /// The offending code.
        code: u32,
        /// Number of domain labels.
        n_domains: usize,
    },
    /// A stratum code given to [`crate::DesignBuilder::strata_codes`] has no label.
    #[error("stratum code {code} of respondent {row} is out of range (there are {n_strata} strata)")]
    BadStratumCode {
        /// 0-based respondent index.
        row: usize,
        /// The offending code.
        code: u32,
        /// Number of stratum labels.
        n_strata: usize,
    },
    /// Too many strata, PSUs or respondents for the 32-bit indices used internally.
    #[error("too many {0} (at most 4294967294)")]
    TooMany(&'static str),
    /// A stratum has a single PSU and [`crate::LonelyPsu::Fail`] is in force
    /// (R: `Stratum (S7) has only one PSU at stage 1`).
    #[error(
        "stratum {stratum:?} has only one PSU{}; choose a lonely-PSU rule (remove, certainty, adjust or average)",
        domain.as_ref().map(|d| format!(" (estimating domain {d:?})")).unwrap_or_default()
    )]
    LonelyPsu {
        /// Label of the stratum.
        stratum: String,
        /// Label of the domain being estimated, if any.
        domain: Option<String>,
    },
    /// `ssu`/`fpc2` without each other or without a first-stage `fpc`.
    #[error("a two-stage design needs the SSU, the first-stage fpc and the second-stage fpc together")]
    TwoStageNeedsFpc,
    /// An fpc value that is not positive, or a population smaller than the sample.
    #[error(
        "stage-{stage} fpc of {group} is {value}: not a population of at least {units} units (or a sampling fraction in (0, 1])"
    )]
    BadFpc {
        /// 1 or 2.
        stage: u8,
        /// The stratum or PSU.
        group: String,
        /// The value found.
        value: f64,
        /// Units sampled in the group.
        units: usize,
    },
    /// Some fpc values are fractions (< 1) and others population sizes (> 1).
    #[error("stage-{stage} fpc mixes sampling fractions (below 1) and population sizes (above 1)")]
    MixedFpc {
        /// 1 or 2.
        stage: u8,
    },
    /// The fpc differs between respondents of the same stratum (stage 1) or PSU (stage 2).
    #[error("stage-{stage} fpc is not constant within {group}")]
    FpcNotConstant {
        /// 1 or 2.
        stage: u8,
        /// The stratum or PSU.
        group: String,
    },
    /// A quantile probability outside (0, 1).
    #[error("quantile probability {0} is not in (0, 1)")]
    BadProbability(f64),
    /// Replicate weights that do not fit their type.
    #[error("replicate weights: {0}")]
    BadReplicates(String),
    /// A combination the crate does not estimate.
    #[error("{0} are not supported")]
    Unsupported(&'static str),
    /// Stage 2 of a two-stage design: a PSU of this stratum has a single
    /// sampled SSU (and more in its population) and [`crate::LonelyPsu::Fail`]
    /// is in force (R: `Stratum (...) has only one PSU at stage 2`).
    #[error(
        "a PSU of stratum {stratum:?} has only one sampled SSU{}; choose a lonely-PSU rule (remove, certainty, adjust or average)",
        domain.as_ref().map(|d| format!(" (estimating domain {d:?})")).unwrap_or_default()
    )]
    LonelySsu {
        /// Label of the stratum.
        stratum: String,
        /// Label of the domain being estimated, if any.
        domain: Option<String>,
    },
}
