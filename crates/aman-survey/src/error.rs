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
}
