//! Pure CSV front end of `aman survey estimate`: CSV text in, CSV text out.
//!
//! ```text
//! aman survey estimate --input responses.csv --var COLUMN [--proportion VALUE]
//!     [--weight COL] [--strata COL] [--psu COL] [--by COL] [--output estimates.csv]
//! ```
//!
//! The caller reads `--input` and writes `--output`; [`estimate_csv`] does
//! the rest. Output: `domain,n,estimate,se,ci_low,ci_high,df`, one row per
//! domain sorted by label (byte order), or one row `all` without `--by`.
//! Suppressed estimates (n < `min_n`) have empty value fields; values that
//! cannot be computed (e.g. a logit CI at p̂ = 0) are written `NA`.

use std::collections::HashMap;

use csv::{ReaderBuilder, StringRecord, Trim, WriterBuilder};
use thiserror::Error;

use crate::lines::LineNumbers;
use crate::{Design, Domains, LonelyPsu, NO_DOMAIN, Options, Statistic, SurveyError};
use crate::{DomainDf, estimate_domains};

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

fn is_missing(s: &str) -> bool {
    s.is_empty() || s == "NA"
}

/// Interns labels by order of first appearance.
#[derive(Default)]
struct Interner {
    map: HashMap<String, u32>,
    labels: Vec<String>,
}

impl Interner {
    fn code(&mut self, s: &str) -> u32 {
        if let Some(&c) = self.map.get(s) {
            return c;
        }
        let c = self.labels.len() as u32;
        self.map.insert(s.to_string(), c);
        self.labels.push(s.to_string());
        c
    }
}

/// Runs `aman survey estimate` on CSV text and returns the output CSV.
/// The largest survey file read: a CSV of responses or an export.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

pub fn estimate_csv(input: &str, args: &EstimateArgs) -> Result<String, CsvError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(CsvError::TooLarge(input.len()));
    }
    let mut reader = ReaderBuilder::new().trim(Trim::All).from_reader(input.as_bytes());
    let mut lines = LineNumbers::new(input);
    let malformed = |e: csv::Error, lines: &mut LineNumbers| CsvError::Malformed {
        line: lines.line(e.position()),
        message: e.to_string(),
    };
    let header = reader.headers().map_err(|e| malformed(e, &mut lines))?.clone();
    if header.is_empty() {
        return Err(CsvError::Empty);
    }
    let find = |column: &str, option: &'static str| -> Result<usize, CsvError> {
        header.iter().position(|h| h == column).ok_or_else(|| CsvError::MissingColumn {
            column: column.to_string(),
            option,
            header: header.iter().collect::<Vec<_>>().join(","),
        })
    };
    let var_col = find(&args.var, "var")?;
    let weight_col = args.weight.as_deref().map(|c| find(c, "weight")).transpose()?;
    let strata_col = args.strata.as_deref().map(|c| find(c, "strata")).transpose()?;
    let psu_col = args.psu.as_deref().map(|c| find(c, "psu")).transpose()?;
    let by_col = args.by.as_deref().map(|c| find(c, "by")).transpose()?;
    let target: Option<(&str, Option<f64>)> =
        args.proportion.as_deref().map(|v| (v.trim(), v.trim().parse::<f64>().ok()));

    let mut y = Vec::new();
    let mut weights = Vec::new();
    let (mut strata, mut psu, mut by) = (Interner::default(), Interner::default(), Interner::default());
    let (mut strata_codes, mut psu_codes, mut by_codes) = (Vec::new(), Vec::new(), Vec::new());
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(malformed(e, &mut lines)),
        }
        let line = lines.line(record.position());
        let field = |col: usize| record.get(col).unwrap_or("");
        let number = |col: usize, name: &str| -> Result<f64, CsvError> {
            let text = field(col);
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(CsvError::NotANumber { line, column: name.to_string(), value: text.to_string() }),
            }
        };
        let required = |col: usize, name: &str| -> Result<&str, CsvError> {
            let text = field(col);
            if is_missing(text) { Err(CsvError::MissingValue { line, column: name.to_string() }) } else { Ok(text) }
        };
        let text = field(var_col);
        y.push(match target {
            _ if is_missing(text) => f64::NAN,
            Some((value, number)) => {
                let equal = text == value || matches!((number, text.parse::<f64>()), (Some(a), Ok(b)) if a == b);
                f64::from(u8::from(equal))
            }
            None => number(var_col, &args.var)?,
        });
        if let (Some(col), Some(name)) = (weight_col, &args.weight) {
            required(col, name)?;
            let w = number(col, name)?;
            if w < 0.0 {
                return Err(CsvError::NegativeWeight { line, column: name.clone(), value: field(col).to_string() });
            }
            weights.push(w);
        }
        if let (Some(col), Some(name)) = (strata_col, &args.strata) {
            strata_codes.push(strata.code(required(col, name)?));
        }
        if let (Some(col), Some(name)) = (psu_col, &args.psu) {
            psu_codes.push(psu.code(required(col, name)?));
        }
        if let Some(col) = by_col {
            let text = field(col);
            by_codes.push(if is_missing(text) { NO_DOMAIN } else { by.code(text) });
        }
    }

    let n = y.len();
    let mut builder = Design::builder(n);
    if weight_col.is_some() {
        builder = builder.weights(weights);
    }
    if strata_col.is_some() {
        builder = builder.strata_codes(strata_codes, strata.labels);
    }
    if psu_col.is_some() {
        builder = builder.psu(&psu_codes);
    }
    let design = builder.build().map_err(CsvError::Survey)?;
    let domains = if by_col.is_some() { sorted_domains(by_codes, by.labels)? } else { Domains::whole(n) };
    let stat = if target.is_some() { Statistic::Proportion } else { Statistic::Mean };
    let opts = Options { lonely_psu: args.lonely_psu, min_n: args.min_n, level: args.level, domain_df: args.domain_df };
    let estimates = estimate_domains(&design, &y, &domains, stat, &opts).map_err(|e| match e {
        SurveyError::LonelyPsu { stratum, domain } => CsvError::LonelyPsu {
            column: args.strata.clone().unwrap_or_default(),
            stratum,
            domain: domain.filter(|_| by_col.is_some()),
        },
        other => CsvError::Survey(other),
    })?;
    write_output(domains.labels(), &estimates)
}

/// Re-codes first-appearance codes so that labels are sorted.
fn sorted_domains(codes: Vec<u32>, labels: Vec<String>) -> Result<Domains, CsvError> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
    let mut rank = vec![0u32; labels.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r as u32;
    }
    let codes = codes.into_iter().map(|c| if c == NO_DOMAIN { c } else { rank[c as usize] }).collect();
    let sorted = order.iter().map(|&c| labels[c].clone()).collect();
    Domains::from_codes(codes, sorted).map_err(CsvError::Survey)
}

fn fmt(x: f64) -> String {
    if x.is_nan() { "NA".to_string() } else { x.to_string() }
}

fn write_output(labels: &[String], estimates: &[crate::Estimate]) -> Result<String, CsvError> {
    let mut writer = WriterBuilder::new().from_writer(Vec::new());
    let io = |e: csv::Error| CsvError::Malformed { line: 0, message: e.to_string() };
    writer.write_record(["domain", "n", "estimate", "se", "ci_low", "ci_high", "df"]).map_err(io)?;
    for (label, e) in labels.iter().zip(estimates) {
        let values = match &e.values {
            Some(v) => [fmt(v.estimate), fmt(v.se), fmt(v.ci_low), fmt(v.ci_high)],
            None => Default::default(),
        };
        let [estimate, se, lo, hi] = values;
        writer.write_record([label, &e.n.to_string(), &estimate, &se, &lo, &hi, &e.df.to_string()]).map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|e| CsvError::Malformed { line: 0, message: e.to_string() })?;
    String::from_utf8(bytes).map_err(|e| CsvError::Malformed { line: 0, message: e.to_string() })
}
