//! EARS C1, C2 and C3 (Hutwagner et al. 2003) as in `surveillance::earsC`.

use std::ops::Range;

use crate::Point;
use crate::stats::qnorm;

/// Parameters of the EARS methods. Defaults equal those of
/// `surveillance::earsC` (`baseline = 7`, `minSigma = 0`; `alpha` left unset
/// gives R's per-method default: 0.001 for C1 and C2, 0.025 for C3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarsParams {
    /// Number of reference time points (R `baseline`, at least 3).
    pub baseline: usize,
    /// Upper-tail probability; `None` = R's default for the method.
    pub alpha: Option<f64>,
    /// Lower bound for the standard deviation (R `minSigma`).
    pub min_sigma: f64,
}

impl Default for EarsParams {
    fn default() -> Self {
        EarsParams { baseline: 7, alpha: None, min_sigma: 0.0 }
    }
}

/// Which EARS variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Variant {
    C1,
    C2,
    C3,
}

impl Variant {
    /// Lag between the end of the reference window and `t` (1 for C1,
    /// 3 for C2 and C3, i.e. a guard band of two time points).
    fn lag(self) -> usize {
        match self {
            Variant::C1 => 1,
            Variant::C2 | Variant::C3 => 3,
        }
    }

    /// First index (0-based) that can be evaluated.
    pub(crate) fn first(self, baseline: usize) -> usize {
        match self {
            Variant::C1 => baseline,
            Variant::C2 => baseline.saturating_add(2),
            Variant::C3 => baseline.saturating_add(4),
        }
    }

    pub(crate) fn alpha(self, params: &EarsParams) -> f64 {
        params.alpha.unwrap_or(match self {
            Variant::C1 | Variant::C2 => 0.001,
            Variant::C3 => 0.025,
        })
    }
}

/// Mean and `max(sd, min_sigma)` of the reference window of time point `t`
/// (two-pass, sample standard deviation with denominator `n - 1`).
fn window(counts: &[u64], t: usize, b: usize, lag: usize, min_sigma: f64) -> (f64, f64) {
    let w = &counts[t + 1 - lag - b..=t - lag];
    let n = b as f64;
    let mean = w.iter().map(|&c| c as f64).sum::<f64>() / n;
    let ss: f64 = w.iter().map(|&c| (c as f64 - mean).powi(2)).sum();
    let sd = (ss / (n - 1.0)).sqrt();
    (mean, sd.max(min_sigma))
}

/// `pmax(0, x)` with R's NaN propagation.
fn pmax0(x: f64) -> f64 {
    if x.is_nan() { x } else { x.max(0.0) }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

pub(crate) fn run(counts: &[u64], variant: Variant, params: &EarsParams, range: Range<usize>, out: &mut [Point]) {
    let b = params.baseline;
    if b < 3 || params.min_sigma < 0.0 || params.min_sigma.is_nan() {
        return;
    }
    let z = qnorm(1.0 - variant.alpha(params));
    let first = variant.first(b);
    let lag = variant.lag();
    let c2 = |t: usize| {
        let (m, s) = window(counts, t, b, 3, params.min_sigma);
        (counts[t] as f64 - m) / s
    };
    for (t, point) in range.zip(out.iter_mut()) {
        if t < first || t >= counts.len() {
            continue;
        }
        let x = counts[t] as f64;
        let (mean, sigma) = window(counts, t, b, lag, params.min_sigma);
        let (upper, score) = match variant {
            Variant::C1 | Variant::C2 => (mean + z * sigma, (x - mean) / sigma),
            Variant::C3 => {
                let lagged = pmax0(c2(t - 2) - 1.0) + pmax0(c2(t - 1) - 1.0);
                (pmax0(x + sigma * (z - lagged)), lagged)
            }
        };
        point.expected = Some(mean);
        if upper.is_nan() {
            continue;
        }
        point.threshold = Some(upper);
        point.score = finite(score);
        point.alarm = Some(x > upper);
    }
}
