//! The parameters Aman uses for sparse local daily series (reported concerns
//! per area and category, typically well under one a day), chosen with
//! `cargo xtask eval-detect`; see `docs/early-warning.md` for the measured
//! sensitivity, false alarms and delays against R's defaults.
//!
//! Aim: about one false alarm per series and year or fewer, since a committee
//! watches many series (categories × areas) and stops reading alerts that are
//! mostly noise.

use crate::{CusumParams, EarsParams, FarringtonParams};

/// EARS C1/C2/C3: R's 7-day baseline, but a standard deviation of at least
/// 0.5 (R `minSigma = 0`: after a week of zeros a single report would alarm)
/// and `alpha = 0.001` for C3 too (R: 0.025, ~17 alarms a year on daily data).
pub fn ears() -> EarsParams {
    EarsParams { baseline: 7, alpha: Some(0.001), min_sigma: 0.5 }
}

/// Count CUSUM: Poisson, detect a doubling (`kappa = ln 2`), one yearly
/// harmonic, no trend, `c_arl = 4` (R: 5). Refit the in-control mean on the
/// [`CUSUM_PHASE1_DAYS`] before the monitored period (pass
/// `counts[start - 365..]` with `range` starting at 365).
pub fn cusum() -> CusumParams {
    CusumParams { c_arl: 4.0, ..CusumParams::default() }
}

/// Length of the CUSUM's phase-1 (in-control fit) period for daily series.
pub const CUSUM_PHASE1_DAYS: usize = 365;

/// Farrington flexible for daily series: three years back (`b = 3`, R: 5;
/// needs 3 years and 3 days of data), `w = 3`, `alpha = 0.005` (R: 0.05,
/// ~18 alarms a year on daily data) and at least 3 cases in the last 7 days
/// (R `limit54 = c(5, 4)`); everything else as R.
pub fn farrington() -> FarringtonParams {
    FarringtonParams { b: 3, w: 3, alpha: 0.005, limit54: (3, 7), ..FarringtonParams::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Frequency, Method, detect};

    #[test]
    fn presets_are_quiet_on_a_quiet_series_and_see_a_surge() {
        // Three years and a bit of one report every fifth day, then 6 in a day.
        let mut counts: Vec<u64> = (0..1200).map(|t| u64::from(t % 5 == 0)).collect();
        counts.extend([0, 6, 6, 6]);
        let n = counts.len();
        for method in [Method::EarsC1(ears()), Method::EarsC2(ears()), Method::Farrington(farrington())] {
            let points = detect(&counts, Frequency::Day, &method, n - 60..n);
            let alarms: Vec<bool> = points.iter().map(|p| p.alarm == Some(true)).collect();
            assert!(!alarms[..56].iter().any(|&a| a), "{method:?}: no alarm before the surge");
            assert!(alarms[57..].iter().any(|&a| a), "{method:?}: alarm in the surge");
        }
        let start = n - 60;
        let points = detect(
            &counts[start - CUSUM_PHASE1_DAYS..],
            Frequency::Day,
            &Method::Cusum(cusum()),
            CUSUM_PHASE1_DAYS..CUSUM_PHASE1_DAYS + 60,
        );
        assert!(!points[..56].iter().any(|p| p.alarm == Some(true)));
        assert!(points[57..].iter().any(|p| p.alarm == Some(true)));
    }
}
