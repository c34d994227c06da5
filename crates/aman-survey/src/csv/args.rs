//! The arguments and errors of the CSV front end.

use thiserror::Error;

use crate::error::SurveyError;
use crate::options::{DomainDf, LonelyPsu, Options};
use crate::replicate::RepType;

/// The largest survey file read: a CSV of responses or an export.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Arguments of `aman survey estimate` (minus the file names).
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateArgs {
    /// `--var`: the variable to estimate.
    pub var: String,
    /// `--proportion VALUE`: estimate the proportion of respondents whose
    /// `var` equals VALUE (string equality after trimming, or numeric
    /// equality when both parse as numbers) instead of the mean of `var`.
    pub proportion: Option<String>,
    /// `--weight`: sampling weights (default 1).
    pub weight: Option<String>,
    /// `--strata`: stratum column (default one stratum).
    pub strata: Option<String>,
    /// `--psu`: PSU column, nested in strata (default each respondent).
    pub psu: Option<String>,
    /// `--by`: domain column; respondents with an empty value belong to no domain.
    pub by: Option<String>,
    /// `--lonely-psu` (default fail, as R).
    pub lonely_psu: LonelyPsu,
    /// `--min-n`: suppression threshold (default 30).
    pub min_n: usize,
    /// Confidence level (default 0.95).
    pub level: f64,
    /// Degrees of freedom of domain estimates (default: the domain's, as R's `svyby`).
    pub domain_df: DomainDf,
    /// `--fpc`: first-stage finite population correction (population size of
    /// the stratum in PSUs, or the sampling fraction when every value ≤ 1).
    pub fpc: Option<String>,
    /// `--ssu`: second-stage units, nested in PSUs (needs `fpc` and `fpc2`).
    pub ssu: Option<String>,
    /// `--fpc2`: second-stage finite population correction (SSUs in the PSU's
    /// population, or the fraction sampled).
    pub fpc2: Option<String>,
    /// `--total`: estimate the population total instead of the mean.
    pub total: bool,
    /// `--ratio-to COL`: estimate the ratio of the totals of `var` and COL.
    pub ratio_to: Option<String>,
    /// `--quantile P`: estimate the quantile at probability P.
    pub quantile: Option<f64>,
    /// `--repweights PREFIX`: replicate analysis weights, every column whose
    /// name starts with PREFIX (but `--weight` and `--var`).
    pub repweights: Option<String>,
    /// `--rep-type`: how the replicate weights were made.
    pub rep_type: Option<RepType>,
    /// `--rho`: Fay's factor (with `--rep-type fay`).
    pub rho: Option<f64>,
    /// `--rep-scale`: the replicate variance's overall scale, instead of the
    /// type's default.
    pub rep_scale: Option<f64>,
    /// `--deff`: append a `deff` column (design effect, as R's `deff = TRUE`).
    pub deff: bool,
}

impl EstimateArgs {
    /// Arguments with defaults for everything but `--var`.
    pub fn new(var: impl Into<String>) -> Self {
        let defaults = Options::default();
        EstimateArgs {
            var: var.into(),
            proportion: None,
            weight: None,
            strata: None,
            psu: None,
            by: None,
            lonely_psu: defaults.lonely_psu,
            min_n: defaults.min_n,
            level: defaults.level,
            domain_df: defaults.domain_df,
            fpc: None,
            ssu: None,
            fpc2: None,
            total: false,
            ratio_to: None,
            quantile: None,
            repweights: None,
            rep_type: None,
            rho: None,
            rep_scale: None,
            deff: false,
        }
    }
}

/// Problems with the CSV input; each names the column and line (the header
/// is line 1).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CsvError {
    /// More than [`MAX_INPUT_BYTES`].
    #[error("the input is {0} bytes; at most {MAX_INPUT_BYTES} are read")]
    TooLarge(usize),
    /// No header line.
    #[error("the input is empty: expected a header line")]
    Empty,
    /// A named column is not in the header.
    #[error("column {column:?} (--{option}) not found; the header has: {header}")]
    MissingColumn {
        /// Column name.
        column: String,
        /// Command-line option that named it.
        option: &'static str,
        /// The header's columns, comma separated.
        header: String,
    },
    /// Malformed CSV (e.g. a row with the wrong number of fields).
    #[error("line {line}: {message}")]
    Malformed {
        /// Line number.
        line: u64,
        /// The CSV reader's message.
        message: String,
    },
    /// A value that must be a number is not.
    #[error("line {line}, column {column:?}: {value:?} is not a finite number")]
    NotANumber {
        /// Line number.
        line: u64,
        /// Column name.
        column: String,
        /// The text found.
        value: String,
    },
    /// Options that cannot go together, or one missing its partner.
    #[error("{0}")]
    Options(String),
    /// A weight column whose weights are all zero.
    #[error("column {column:?}: every weight is zero")]
    ZeroWeights {
        /// Column name.
        column: String,
    },
    /// A negative weight.
    #[error("line {line}, column {column:?}: weight {value} is negative")]
    NegativeWeight {
        /// Line number.
        line: u64,
        /// Column name.
        column: String,
        /// The text found.
        value: String,
    },
    /// An empty weight, stratum or PSU.
    #[error("line {line}, column {column:?}: value is missing")]
    MissingValue {
        /// Line number.
        line: u64,
        /// Column name.
        column: String,
    },
    /// A stratum with a single PSU and the lonely-PSU rule `fail`.
    #[error(
        "stratum {stratum:?} (column {column:?}) has only one PSU{}; choose a lonely-PSU rule (remove, certainty, adjust or average)",
        domain.as_ref().map(|d| format!(" (estimating domain {d:?})")).unwrap_or_default()
    )]
    LonelyPsu {
        /// The strata column.
        column: String,
        /// The stratum label.
        stratum: String,
        /// The domain being estimated (`None` without `--by`).
        domain: Option<String>,
    },
    /// Any other estimation error.
    #[error(transparent)]
    Survey(SurveyError),
}
