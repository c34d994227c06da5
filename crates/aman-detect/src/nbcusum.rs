//! Negative-binomial CUSUM on the improved Farrington baseline: Aman's own
//! method, added because single-point thresholds (Farrington, EARS C1/C2)
//! see an outbreak spread over several periods only when one period alone is
//! extreme.
//!
//! For every evaluated point `t` the improved Farrington fit (Noufaily et
//! al. 2013; [`crate::FarringtonParams`], which leaves the most recent
//! `pastWeeksNotIncluded` points out, so a running outbreak does not raise
//! its own baseline) gives the expected count `mu_t` and the dispersion
//! `phi_t >= 1`. Counts are taken as negative binomial with mean `mu` and
//! variance `phi mu` (Poisson when `phi = 1`), and the log-likelihood ratio of
//! the mean `r mu_t` (`r = e^kappa`) against `mu_t` is summed as in Page's
//! CUSUM: `S_t = max(0, S_{t-1} + llr_t)`; alarm iff `S_t > h` and the
//! baseline's `limit54` holds (enough recent cases), after which `S` restarts
//! at 0. Points the fit cannot evaluate leave `S` unchanged. A point whose
//! count alone passes the Farrington threshold at `alpha` (the baseline's
//! own alarm) alarms too, so a sudden large rise is not left waiting for
//! the sum.
//!
//! With `size = mu/(phi - 1)` and `size' = r mu/(phi - 1)` (the same
//! `prob = 1/phi` under both means),
//! `llr = lgamma(x + size') - lgamma(size') - lgamma(x + size) + lgamma(size) + (size' - size) ln(1/phi)`;
//! with `phi = 1`, `llr = x kappa - (r - 1) mu`.
//!
//! Reported per point: `expected = mu_t`, `score = S_t`, and `threshold` =
//! the largest count that would not alarm (so, as for the other methods,
//! alarm iff the count exceeds it; `None` where `limit54` is not met).

use std::ops::Range;

use statrs::function::gamma::ln_gamma;

use crate::Point;
use crate::farrington::{FarringtonParams, Work};

/// Parameters of the NB CUSUM on the Farrington baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NbCusumParams {
    /// The baseline fit (and, at its `alpha`, the single-point alarm).
    pub baseline: FarringtonParams,
    /// Log of the rise to detect (`ln 2`: a doubling).
    pub kappa: f64,
    /// Alarm threshold of the cumulative sum.
    pub h: f64,
}

impl Default for NbCusumParams {
    /// Aman's weekly preset with five years back: the improved Farrington
    /// of Noufaily et al. ([`crate::presets::noufaily`]) at `alpha = 0.04`
    /// with the last 8 weeks left out of the fit (R: 26, which follows a
    /// lasting change of level half a year late, and alarms all that time),
    /// a doubling to detect (`kappa = ln 2`) and `h = 2`.
    fn default() -> Self {
        NbCusumParams {
            baseline: FarringtonParams { alpha: 0.04, past_weeks_not_included: Some(8), ..crate::presets::noufaily() },
            kappa: std::f64::consts::LN_2,
            h: 2.0,
        }
    }
}

/// Log-likelihood ratio of mean `r mu` against `mu` for count `x`.
fn llr(x: u64, mu: f64, phi: f64, kappa: f64) -> f64 {
    let r = kappa.exp();
    let x = x as f64;
    if phi <= 1.0 {
        return x * kappa - (r - 1.0) * mu;
    }
    let size0 = mu / (phi - 1.0);
    let size1 = r * size0;
    ln_gamma(x + size1) - ln_gamma(size1) - ln_gamma(x + size0) + ln_gamma(size0) - (size1 - size0) * phi.ln()
}

/// The largest count `x` with `s + llr(x) <= h` (`llr` grows with `x`).
fn largest_quiet_count(s: f64, mu: f64, phi: f64, kappa: f64, h: f64) -> f64 {
    if s + llr(0, mu, phi, kappa) > h {
        return -1.0;
    }
    let (mut lo, mut hi) = (0u64, 1u64);
    while s + llr(hi, mu, phi, kappa) <= h {
        lo = hi;
        hi = hi.saturating_mul(2);
        if hi == u64::MAX {
            return f64::INFINITY;
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if s + llr(mid, mu, phi, kappa) <= h {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo as f64
}

pub(crate) fn run(counts: &[u64], freq: usize, params: &NbCusumParams, range: Range<usize>, out: &mut [Point]) {
    let Some(z) = params.baseline.z() else { return };
    if !(params.kappa > 0.0 && params.kappa.is_finite() && params.h > 0.0) {
        return;
    }
    let mut work = Work::default();
    let mut s = 0.0;
    for (k, point) in range.zip(out.iter_mut()) {
        let Some((single, phi)) = work.point(counts, k, freq, &params.baseline, z) else { continue };
        let Some(mu) = single.expected.filter(|m| m.is_finite() && *m > 0.0) else { continue };
        let (need, span) = params.baseline.limit54;
        let enough = counts[(k + 1).saturating_sub(span)..=k].iter().sum::<u64>() >= need;
        let quiet = largest_quiet_count(s, mu, phi, params.kappa, params.h);
        s = (s + llr(counts[k], mu, phi, params.kappa)).max(0.0);
        let alarm = enough && counts[k] != 0 && (s > params.h || single.alarm == Some(true));
        *point = Point {
            expected: Some(mu),
            threshold: enough.then_some(quiet.min(single.threshold.unwrap_or(f64::INFINITY))),
            score: Some(s),
            alarm: Some(alarm),
        };
        if alarm {
            s = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn llr_is_poisson_at_phi_one_and_grows_with_the_count() {
        let kappa = std::f64::consts::LN_2;
        assert!((llr(3, 2.0, 1.0, kappa) - (3.0 * kappa - 2.0)).abs() < 1e-12);
        // Near phi = 1 the NB ratio tends to the Poisson one.
        assert!((llr(3, 2.0, 1.0 + 1e-7, kappa) - llr(3, 2.0, 1.0, kappa)).abs() < 1e-4);
        let values: Vec<f64> = (0..20).map(|x| llr(x, 1.5, 2.5, kappa)).collect();
        assert!(values.windows(2).all(|w| w[1] > w[0]), "{values:?}");
        assert!(values[0] < 0.0);
    }

    #[test]
    fn quiet_count_is_the_boundary() {
        let (mu, phi, kappa, h) = (1.2, 1.8, std::f64::consts::LN_2, 2.5);
        for s in [0.0, 0.7, 2.0] {
            let q = largest_quiet_count(s, mu, phi, kappa, h);
            assert!(s + llr(q as u64, mu, phi, kappa) <= h);
            assert!(s + llr(q as u64 + 1, mu, phi, kappa) > h);
        }
    }
}
