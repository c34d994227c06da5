//! Pure CSV front end of `aman survey estimate`: CSV text in, CSV text out.
//!
//! ```text
//! aman survey estimate --input responses.csv --var COLUMN
//!     [--proportion VALUE | --total | --ratio-to COL | --quantile P]
//!     [--weight COL] [--strata COL] [--psu COL] [--fpc COL] [--ssu COL --fpc2 COL]
//!     [--repweights PREFIX --rep-type jk1|jkn|brr|fay|bootstrap [--rho R] [--rep-scale C]]
//!     [--by COL] [--deff] [--output estimates.csv]
//! ```
//!
//! The caller reads `--input` and writes `--output`; [`estimate_csv`] does
//! the rest. Output: `domain,n,estimate,se,ci_low,ci_high,df`, one row per
//! domain sorted by label (byte order), or one row `all` without `--by`;
//! with `--deff` a last column `deff` (the header is otherwise unchanged, so
//! existing readers keep working). Suppressed estimates (n < `min_n`) have
//! empty value fields; values that cannot be computed (e.g. a logit CI at
//! p̂ = 0, a quantile's deff) are written `NA`.
//!
//! Means and proportions of designs without finite population correction
//! take the fast path ([`crate::estimate_domains`]); totals, ratios,
//! quantiles, design effects and fpc designs the general one
//! ([`crate::estimate_general`]); `--repweights` the replicate one
//! ([`crate::estimate_replicate`]). A weight column (or a replicate weight
//! column) whose weights are all zero is an error naming it, as is a
//! negative weight.

mod args;
mod output;

use std::collections::HashMap;

use csv::{ReaderBuilder, StringRecord, Trim};

pub use self::args::{CsvError, EstimateArgs, MAX_INPUT_BYTES};
use self::output::write_output;
use crate::design::Design;
use crate::domain::{Domains, NO_DOMAIN};
use crate::error::SurveyError;
use crate::estimate::estimate_domains;
use crate::general::{Detailed, Estimand, estimate_general};
use crate::lines::LineNumbers;
use crate::options::{Options, Statistic};
use crate::replicate::{ReplicateDesign, estimate_replicate};

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

/// Checks which options go together.
fn check_options(args: &EstimateArgs) -> Result<(), CsvError> {
    let err = |m: &str| Err(CsvError::Options(m.to_string()));
    let statistics = [args.proportion.is_some(), args.total, args.ratio_to.is_some(), args.quantile.is_some()];
    if statistics.iter().filter(|&&s| s).count() > 1 {
        return err("--proportion, --total, --ratio-to and --quantile exclude each other");
    }
    if args.repweights.is_some() != args.rep_type.is_some() {
        return err("--repweights and --rep-type go together");
    }
    if args.repweights.is_some()
        && (args.strata.is_some()
            || args.psu.is_some()
            || args.fpc.is_some()
            || args.ssu.is_some()
            || args.fpc2.is_some())
    {
        return err("--repweights replaces --strata, --psu, --fpc, --ssu and --fpc2");
    }
    if args.repweights.is_none() && (args.rho.is_some() || args.rep_scale.is_some()) {
        return err("--rho and --rep-scale need --repweights");
    }
    if (args.ssu.is_some() || args.fpc2.is_some()) && !(args.ssu.is_some() && args.fpc2.is_some() && args.fpc.is_some())
    {
        return err("a two-stage design needs --ssu, --fpc and --fpc2 together");
    }
    if args.ssu.is_some() && args.psu.is_none() {
        return err("--ssu needs --psu");
    }
    Ok(())
}

/// The columns read, by option.
struct Columns {
    var: usize,
    weight: Option<usize>,
    strata: Option<usize>,
    psu: Option<usize>,
    by: Option<usize>,
    fpc: Option<usize>,
    ssu: Option<usize>,
    fpc2: Option<usize>,
    ratio_to: Option<usize>,
    /// (index, name) of the replicate weight columns.
    replicates: Vec<(usize, String)>,
}

/// What was read from the rows.
#[derive(Default)]
struct Data {
    y: Vec<f64>,
    x: Vec<f64>,
    weights: Vec<f64>,
    fpc: Vec<f64>,
    fpc2: Vec<f64>,
    replicates: Vec<Vec<f64>>,
    strata: Interner,
    psu: Interner,
    ssu: Interner,
    by: Interner,
    strata_codes: Vec<u32>,
    psu_codes: Vec<u32>,
    ssu_codes: Vec<u32>,
    by_codes: Vec<u32>,
}

/// Runs `aman survey estimate` on CSV text and returns the output CSV.
pub fn estimate_csv(input: &str, args: &EstimateArgs) -> Result<String, CsvError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(CsvError::TooLarge(input.len()));
    }
    check_options(args)?;
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
    let optional = |name: &Option<String>, option: &'static str| name.as_deref().map(|c| find(c, option)).transpose();
    let cols = Columns {
        var: find(&args.var, "var")?,
        weight: optional(&args.weight, "weight")?,
        strata: optional(&args.strata, "strata")?,
        psu: optional(&args.psu, "psu")?,
        by: optional(&args.by, "by")?,
        fpc: optional(&args.fpc, "fpc")?,
        ssu: optional(&args.ssu, "ssu")?,
        fpc2: optional(&args.fpc2, "fpc2")?,
        ratio_to: optional(&args.ratio_to, "ratio-to")?,
        replicates: match &args.repweights {
            None => Vec::new(),
            Some(prefix) => {
                let reps: Vec<(usize, String)> = header
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        h.starts_with(prefix.as_str()) && *h != args.var && Some(*h) != args.weight.as_deref()
                    })
                    .map(|(k, h)| (k, h.to_string()))
                    .collect();
                if reps.is_empty() {
                    return Err(CsvError::MissingColumn {
                        column: format!("{prefix}*"),
                        option: "repweights",
                        header: header.iter().collect::<Vec<_>>().join(","),
                    });
                }
                reps
            }
        },
    };
    let data = read_rows(&mut reader, &mut lines, args, &cols, &malformed)?;
    check_zero_weights(args, &cols, &data)?;
    estimate(args, &cols, data)
}

fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    lines: &mut LineNumbers,
    args: &EstimateArgs,
    cols: &Columns,
    malformed: &dyn Fn(csv::Error, &mut LineNumbers) -> CsvError,
) -> Result<Data, CsvError> {
    let target: Option<(&str, Option<f64>)> =
        args.proportion.as_deref().map(|v| (v.trim(), v.trim().parse::<f64>().ok()));
    let mut d = Data { replicates: vec![Vec::new(); cols.replicates.len()], ..Data::default() };
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(malformed(e, lines)),
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
        let weight = |col: usize, name: &str| -> Result<f64, CsvError> {
            required(col, name)?;
            let w = number(col, name)?;
            if w < 0.0 {
                return Err(CsvError::NegativeWeight { line, column: name.to_string(), value: field(col).to_string() });
            }
            Ok(w)
        };
        let text = field(cols.var);
        d.y.push(match target {
            _ if is_missing(text) => f64::NAN,
            Some((value, number)) => {
                let equal = text == value || matches!((number, text.parse::<f64>()), (Some(a), Ok(b)) if a == b);
                f64::from(u8::from(equal))
            }
            None => number(cols.var, &args.var)?,
        });
        if let (Some(col), Some(name)) = (cols.ratio_to, &args.ratio_to) {
            d.x.push(if is_missing(field(col)) { f64::NAN } else { number(col, name)? });
        }
        if let (Some(col), Some(name)) = (cols.weight, &args.weight) {
            d.weights.push(weight(col, name)?);
        }
        for ((col, name), values) in cols.replicates.iter().zip(&mut d.replicates) {
            values.push(weight(*col, name)?);
        }
        for (col, name, values) in [(cols.fpc, &args.fpc, &mut d.fpc), (cols.fpc2, &args.fpc2, &mut d.fpc2)] {
            if let (Some(col), Some(name)) = (col, name) {
                required(col, name)?;
                values.push(number(col, name)?);
            }
        }
        for (col, name, interner, codes) in [
            (cols.strata, &args.strata, &mut d.strata, &mut d.strata_codes),
            (cols.psu, &args.psu, &mut d.psu, &mut d.psu_codes),
            (cols.ssu, &args.ssu, &mut d.ssu, &mut d.ssu_codes),
        ] {
            if let (Some(col), Some(name)) = (col, name) {
                codes.push(interner.code(required(col, name)?));
            }
        }
        if let Some(col) = cols.by {
            let text = field(col);
            d.by_codes.push(if is_missing(text) { NO_DOMAIN } else { d.by.code(text) });
        }
    }
    Ok(d)
}

/// All-zero weights give no estimate at all (R: NaN): an error naming the column.
fn check_zero_weights(args: &EstimateArgs, cols: &Columns, d: &Data) -> Result<(), CsvError> {
    let zero = |w: &[f64]| !w.is_empty() && w.iter().all(|&v| v == 0.0);
    if let Some(name) = args.weight.as_ref().filter(|_| zero(&d.weights)) {
        return Err(CsvError::ZeroWeights { column: name.clone() });
    }
    for ((_, name), values) in cols.replicates.iter().zip(&d.replicates) {
        if zero(values) {
            return Err(CsvError::ZeroWeights { column: name.clone() });
        }
    }
    Ok(())
}

fn estimate(args: &EstimateArgs, cols: &Columns, d: Data) -> Result<String, CsvError> {
    let n = d.y.len();
    let domains = if cols.by.is_some() { sorted_domains(d.by_codes, d.by.labels)? } else { Domains::whole(n) };
    let opts = Options { lonely_psu: args.lonely_psu, min_n: args.min_n, level: args.level, domain_df: args.domain_df };
    let what = if args.proportion.is_some() {
        Estimand::Proportion
    } else if args.total {
        Estimand::Total
    } else if args.ratio_to.is_some() {
        Estimand::Ratio(&d.x)
    } else if let Some(p) = args.quantile {
        Estimand::Quantile(p)
    } else {
        Estimand::Mean
    };
    if let Some(rep_type) = args.rep_type {
        let weights = if cols.weight.is_some() { d.weights } else { vec![1.0; n] };
        let design = ReplicateDesign::new(weights, d.replicates, rep_type, args.rho, args.rep_scale)
            .map_err(CsvError::Survey)?;
        let out = estimate_replicate(&design, &d.y, &domains, what, &opts).map_err(CsvError::Survey)?;
        return write_output(domains.labels(), &out, args.deff);
    }
    let mut builder = Design::builder(n);
    if cols.weight.is_some() {
        builder = builder.weights(d.weights);
    }
    if cols.strata.is_some() {
        builder = builder.strata_codes(d.strata_codes, d.strata.labels);
    }
    if cols.psu.is_some() {
        builder = builder.psu(&d.psu_codes);
    }
    if cols.fpc.is_some() {
        builder = builder.fpc(d.fpc);
    }
    if cols.ssu.is_some() {
        builder = builder.ssu(&d.ssu_codes).fpc2(d.fpc2);
    }
    let design = builder.build().map_err(CsvError::Survey)?;
    let lonely = |e| match e {
        SurveyError::LonelyPsu { stratum, domain } => CsvError::LonelyPsu {
            column: args.strata.clone().unwrap_or_default(),
            stratum,
            domain: domain.filter(|_| cols.by.is_some()),
        },
        other => CsvError::Survey(other),
    };
    let fast = matches!(what, Estimand::Mean | Estimand::Proportion) && !args.deff && !design.has_fpc();
    let out: Vec<Detailed> = if fast {
        let stat = if what == Estimand::Proportion { Statistic::Proportion } else { Statistic::Mean };
        let estimates = estimate_domains(&design, &d.y, &domains, stat, &opts).map_err(lonely)?;
        estimates.into_iter().map(|estimate| Detailed { estimate, deff: None }).collect()
    } else {
        estimate_general(&design, &d.y, &domains, what, &opts).map_err(lonely)?
    };
    write_output(domains.labels(), &out, args.deff)
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
