//! What the `eval-detect` tables share: a method row, its alarms, the
//! worker threads and the cell formats.

use std::ops::Range;

use aman_detect::evaluate::Summary;
use aman_detect::{Frequency, Method, detect};
use rayon::prelude::*;

/// One method with one parameter set, as a row of the tables.
pub(crate) struct Config {
    pub method: &'static str,
    pub defaults: &'static str,
    pub method_params: Method,
    /// CUSUM only: length of the phase-1 (in-control fit) period before the
    /// evaluated range; `None` = all the history (R: everything before `range`).
    pub phase1: Option<usize>,
}

/// Alarms of `config` on `counts[range]`.
pub(crate) fn alarms(counts: &[u64], frequency: Frequency, config: &Config, range: Range<usize>) -> Vec<Option<bool>> {
    let offset = match (config.method_params, config.phase1) {
        (Method::Cusum(_), Some(phase1)) => range.start.saturating_sub(phase1),
        _ => 0,
    };
    let shifted = range.start - offset..range.end - offset;
    detect(&counts[offset..], frequency, &config.method_params, shifted).into_iter().map(|p| p.alarm).collect()
}

/// Runs `work(job)` for `0..jobs` on rayon's pool, results in order.
pub(crate) fn parallel<T: Send>(jobs: usize, work: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    (0..jobs).into_par_iter().map(work).collect()
}

pub(crate) fn percent(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{:.0}%", 100.0 * x))
}

/// False alarms per series-year, two decimals.
pub(crate) fn per_year(summary: &Summary, points_per_year: usize) -> String {
    summary.false_alarms_per_year(points_per_year).map_or("-".into(), |x| format!("{x:.2}"))
}

/// Median delay, one decimal.
pub(crate) fn delay(summary: &Summary) -> String {
    summary.median_delay().map_or("-".into(), |x| format!("{x:.1}"))
}
