//! Loading the R fixtures (see `fixtures/make_fixtures.R`).
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One respondent of `responses.csv`.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub stratum: String,
    pub psu: String,
    pub cluster: String,
    pub w: f64,
    pub score: f64,
    pub trust: Option<String>,
    pub status: String,
}

pub fn respondents() -> Vec<Respondent> {
    let text = fixture("responses.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Respondent {
                stratum: r[1].to_string(),
                psu: r[2].to_string(),
                cluster: r[3].to_string(),
                w: r[4].parse().unwrap(),
                score: if r[5].is_empty() { f64::NAN } else { r[5].parse().unwrap() },
                trust: (!r[6].is_empty()).then(|| r[6].to_string()),
                status: r[7].to_string(),
            }
        })
        .collect()
}

/// One row of `r_estimates.csv`.
#[derive(Debug, Clone)]
pub struct RRow {
    pub design: String,
    pub lonely: String,
    pub stat: String,
    pub domain: String,
    pub n: usize,
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub df: usize,
    pub error: String,
    /// Proportions: svyciprop's glm iterated to convergence (NaN for means).
    pub conv_estimate: f64,
    pub conv_ci_low: f64,
    pub conv_ci_high: f64,
}

fn num(s: &str) -> f64 {
    if s == "NA" { f64::NAN } else { s.parse().unwrap() }
}

pub fn r_estimates() -> Vec<RRow> {
    let text = fixture("r_estimates.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            RRow {
                design: r[0].to_string(),
                lonely: r[1].to_string(),
                stat: r[2].to_string(),
                domain: r[3].to_string(),
                n: r[4].parse().unwrap(),
                estimate: num(&r[5]),
                se: num(&r[6]),
                ci_low: num(&r[7]),
                ci_high: num(&r[8]),
                df: r[9].parse().unwrap(),
                error: r[10].to_string(),
                conv_estimate: num(&r[11]),
                conv_ci_low: num(&r[12]),
                conv_ci_high: num(&r[13]),
            }
        })
        .collect()
}

/// Tolerance used throughout: |ours − R| ≤ 1e-9 · max(1, |R|), i.e. 1e-9
/// absolute for numbers up to 1 (proportions, SEs, CI limits of
/// proportions) and 1e-9 relative above (means of a 0–10 score).
pub const TOL: f64 = 1e-9;

/// Tolerance against svyciprop's glm iterated to convergence.
pub const TOL_CONVERGED: f64 = 1e-12;

/// Scaled error |a − b| / max(1, |b|).
pub fn err(ours: f64, r: f64) -> f64 {
    (ours - r).abs() / r.abs().max(1.0)
}
