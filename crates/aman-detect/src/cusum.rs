//! Likelihood-ratio CUSUM for Poisson and negative-binomial counts with a
//! known change `kappa` of the log intercept (Höhle & Paul 2008), as computed
//! by `surveillance::algo.glrnb` with `theta = kappa`, `change = "intercept"`,
//! `dir = "inc"`, `mu0 = list(S, trend, refit = FALSE)`.

use std::f64::consts::PI;
use std::ops::Range;

use crate::Point;
use crate::family::Family;
use crate::glm::Glm;

/// Parameters of the count CUSUM.
///
/// `c_arl = 5` is R's default; R has no default for the change `kappa` (it
/// then runs the much slower GLR detector), ours is `ln 2` (a doubling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CusumParams {
    /// Change of the log mean to detect, `mu1 = mu0 * exp(kappa)` (R `theta`), > 0.
    pub kappa: f64,
    /// Alarm threshold on the CUSUM statistic (R `c.ARL`).
    pub c_arl: f64,
    /// Negative-binomial dispersion `alpha` (variance `mu + alpha mu^2`);
    /// `0` = Poisson (R `alpha`).
    pub alpha: f64,
    /// Number of harmonics in the in-control model (R `mu0$S`).
    pub harmonics: usize,
    /// Linear trend in the in-control model (R `mu0$trend`).
    pub trend: bool,
}

impl Default for CusumParams {
    fn default() -> Self {
        CusumParams { kappa: std::f64::consts::LN_2, c_arl: 5.0, alpha: 0.0, harmonics: 1, trend: false }
    }
}

fn design_row(row: &mut Vec<f64>, t: f64, period: f64, params: &CusumParams) {
    row.clear();
    row.push(1.0);
    if params.trend {
        row.push(t);
    }
    for s in 1..=params.harmonics {
        let a = 2.0 * s as f64 * PI / period * t;
        row.push(a.cos());
        row.push(a.sin());
    }
}

/// Fits the in-control mean on `counts[..start]` and returns it for each
/// time point of `range` (R's `estimateGLRNbHook`: Poisson GLM when
/// `alpha = 0`, else `negative.binomial(theta = 1/alpha)`; time `t` is
/// 1-based, harmonics have period `freq`).
pub(crate) fn in_control_mean(
    counts: &[u64],
    freq: usize,
    params: &CusumParams,
    range: &Range<usize>,
    mu0: &mut Vec<f64>,
) -> bool {
    mu0.clear();
    let start = range.start;
    let family = if params.alpha > 0.0 { Family::NegBin(1.0 / params.alpha) } else { Family::Poisson };
    let period = freq as f64;
    let mut row = Vec::new();
    design_row(&mut row, 1.0, period, params);
    let mut glm = Glm::default();
    glm.reset(row.len());
    for (i, &c) in counts[..start.min(counts.len())].iter().enumerate() {
        design_row(&mut row, (i + 1) as f64, period, params);
        glm.push_row(&row, c as f64, 1.0);
    }
    if !glm.fit(family) {
        return false;
    }
    for t in range.clone() {
        design_row(&mut row, (t + 1) as f64, period, params);
        let eta: f64 = row.iter().zip(&glm.coef).map(|(a, b)| a * b).sum();
        mu0.push(Glm::response(eta));
    }
    true
}

pub(crate) fn run(counts: &[u64], freq: usize, params: &CusumParams, range: Range<usize>, out: &mut [Point]) {
    let range = range.start..range.end.min(counts.len());
    if range.is_empty() || params.kappa.is_nan() || params.kappa <= 0.0 || params.alpha < 0.0 || params.alpha.is_nan() {
        return;
    }
    let mut mu0 = Vec::with_capacity(range.len());
    if !in_control_mean(counts, freq, params, &range, &mut mu0) {
        return;
    }
    let (k, c, a) = (params.kappa, params.c_arl, params.alpha);
    let ek = k.exp();
    let mut s_prev = 0.0;
    for ((t, point), &m) in range.zip(out.iter_mut()).zip(&mu0) {
        let x = counts[t] as f64;
        // Log-likelihood ratio of N(mu0 e^kappa) against N(mu0) for x, and the
        // smallest count making S exceed c (R's "cases").
        let (z, cases) = if a == 0.0 {
            let z = k * x + (1.0 - ek) * m;
            (z, (c - s_prev + m * (ek - 1.0)) / k)
        } else {
            let l = ((1.0 + a * m) / (1.0 + a * m * ek)).ln();
            let z = k * x + (x + 1.0 / a) * l;
            (z, (c - s_prev - l / a) / (k + l))
        };
        let s = (s_prev + z).max(0.0);
        let alarm = s > c;
        point.expected = Some(m);
        point.score = Some(s);
        point.threshold = Some(if cases.is_nan() { 0.0 } else { cases.max(0.0) });
        point.alarm = Some(alarm);
        s_prev = if alarm { 0.0 } else { s };
    }
}
