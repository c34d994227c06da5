//! The named presets of `aman alerts detect` ([`Preset`]), and the
//! parameters the server uses for sparse local daily series (reported
//! concerns per area and category, typically well under one a day); all
//! chosen with `cargo xtask eval-detect`; see `docs/early-warning.md` for the
//! measured sensitivity, false alarms and delays against R's defaults.
//!
//! Aim: about one false alarm per series and year or fewer, since a committee
//! watches many series (categories × areas) and stops reading alerts that are
//! mostly noise.

use std::fmt;
use std::str::FromStr;

use crate::{CusumParams, EarsParams, FarringtonParams, Frequency, Method, NbCusumParams, ThresholdMethod};

/// A named method and parameter set for `aman alerts detect --preset`,
/// chosen from the table of `cargo xtask eval-detect` (`docs/early-warning.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Default for weekly series: the NB CUSUM on the improved Farrington
    /// baseline ([`NbCusumParams::default`]: `alpha = 0.04`, the last 8
    /// weeks left out of the fit, `kappa = ln 2`, `h = 2`, R's `limit54` of
    /// 5 cases in 4 weeks), chosen on the Noufaily et al. scenarios and the
    /// weekly replay of real series.
    Weekly,
    /// Default for daily series: the same with `alpha = 0.01` (a daily
    /// series has seven times the points, so seven times the chances of a
    /// false alarm at the same `alpha`) and R's 26 most recent points (here
    /// days) left out of the fit, chosen on the synthetic daily series and
    /// the daily replay.
    Daily,
    /// R's `farringtonFlexible` with the settings of Noufaily et al. (2013):
    /// `b = 5, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26,
    /// thresholdMethod = "nbPlugin"`, the rest R's defaults.
    Noufaily,
}

impl Preset {
    /// Every preset, in the order of the documentation.
    pub const ALL: [Preset; 3] = [Preset::Weekly, Preset::Daily, Preset::Noufaily];

    /// The preset `aman alerts detect` applies without `--method`.
    pub fn default_for(frequency: Frequency) -> Preset {
        match frequency {
            Frequency::Day => Preset::Daily,
            Frequency::Week => Preset::Weekly,
        }
    }

    /// Name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Weekly => "weekly",
            Preset::Daily => "daily",
            Preset::Noufaily => "noufaily",
        }
    }

    /// The method for a series of `points` counts at `frequency`. Aman's
    /// presets look back as many whole years as the series holds, from 1 to
    /// 5 (so a series of a year and a few weeks is already evaluated);
    /// `noufaily` always uses R's `b = 5`.
    pub fn method(self, frequency: Frequency, points: usize) -> Method {
        let freq = frequency.per_year();
        let improved = noufaily();
        let years = (points.saturating_sub(improved.w + 1) / freq).clamp(1, 5);
        match self {
            Preset::Noufaily => Method::Farrington(improved),
            Preset::Weekly | Preset::Daily => {
                let weekly = NbCusumParams::default();
                let baseline = match self {
                    Preset::Daily => FarringtonParams { alpha: 0.01, ..improved },
                    _ => weekly.baseline,
                };
                Method::NbCusum(NbCusumParams { baseline: FarringtonParams { b: years, ..baseline }, ..weekly })
            }
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Preset::ALL.into_iter().find(|p| p.name() == s).ok_or_else(|| {
            let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
            format!("unknown preset `{s}` (one of: {})", names.join(", "))
        })
    }
}

/// The improved Farrington of Noufaily et al. (2013) as R runs it:
/// `noPeriods = 10`, `pastWeeksNotIncluded = 26`, `nbPlugin`, the rest R's
/// defaults (`b = 5, w = 3, alpha = 0.05, limit54 = c(5, 4)`).
pub fn noufaily() -> FarringtonParams {
    FarringtonParams {
        no_periods: 10,
        past_weeks_not_included: Some(26),
        threshold_method: ThresholdMethod::NbPlugin,
        ..FarringtonParams::default()
    }
}

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
    use crate::{Frequency, Method, default_range, detect};

    #[test]
    fn presets_by_name_frequency_and_history() {
        for p in Preset::ALL {
            assert_eq!(p.name().parse::<Preset>(), Ok(p));
        }
        assert!("weekley".parse::<Preset>().unwrap_err().contains("weekly, daily, noufaily"));
        assert_eq!(Preset::default_for(Frequency::Week), Preset::Weekly);
        assert_eq!(Preset::default_for(Frequency::Day), Preset::Daily);
        let b = |p: Preset, f, n| match p.method(f, n) {
            Method::NbCusum(m) => m.baseline.b,
            Method::Farrington(m) => m.b,
            other => panic!("{other:?}"),
        };
        assert_eq!([b(Preset::Weekly, Frequency::Week, 40), b(Preset::Weekly, Frequency::Week, 60)], [1, 1]);
        assert_eq!([b(Preset::Weekly, Frequency::Week, 160), b(Preset::Weekly, Frequency::Week, 900)], [3, 5]);
        assert_eq!(b(Preset::Daily, Frequency::Day, 800), 2);
        assert_eq!(b(Preset::Noufaily, Frequency::Week, 60), 5);
        let left_out = |p: Preset, f| match p.method(f, 900) {
            Method::NbCusum(m) => m.baseline.past_weeks_not_included,
            Method::Farrington(m) => m.past_weeks_not_included,
            other => panic!("{other:?}"),
        };
        let presets = [Preset::Weekly, Preset::Daily, Preset::Noufaily];
        let frequencies = [Frequency::Week, Frequency::Day, Frequency::Week];
        let left_out: Vec<_> = presets.into_iter().zip(frequencies).map(|(p, f)| left_out(p, f)).collect();
        assert_eq!(left_out, [Some(8), Some(26), Some(26)]);
        // A year and four weeks is the least the weekly preset evaluates.
        let m = Preset::Weekly.method(Frequency::Week, 56);
        assert_eq!(default_range(&m, Frequency::Week, 56), 55..56);
    }

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
