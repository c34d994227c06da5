//! Outbreak detection for count time series (reported concerns per area and
//! threat category), pure computation without IO.
//!
//! Each method reproduces a function of the R package `surveillance`
//! (version 1.20.3, R 4.2); the fixtures in `fixtures/` were produced by
//! `fixtures/make_fixtures.R` (simulated series) and `fixtures/make_datasets.R`
//! (R's own data sets, Farrington for b = 1, 2, 3, 5) and the tests compare upper bounds to R within
//! `1e-6` (absolute or relative, whichever is larger) with identical alarms.
//! Indices are 0-based here; formulas below use them so.
//!
//! # Methods
//!
//! **EARS C1, C2, C3** (Hutwagner et al. 2003), `surveillance::earsC`.
//! Parameters [`EarsParams`]: `baseline` n = 7, `alpha` (0.001 for C1/C2,
//! 0.025 for C3 when unset, as R), `min_sigma` = 0. With `z = qnorm(1 - alpha)`
//! and mean `m_t`, standard deviation `s_t = max(sd, min_sigma)` of the
//! reference window (C1: `x[t-n..t-1]`; C2/C3: `x[t-n-2..t-3]`, a guard band of
//! two points):
//! - C1/C2: threshold `m_t + z s_t`, score `(x_t - m_t)/s_t`.
//! - C3 follows **R's formulation**: with `C2_u = (x_u - m_u)/s_u` and
//!   `S_t = max(0, C2_{t-2} - 1) + max(0, C2_{t-1} - 1)` the threshold is
//!   `max(0, x_t + s_t (z - S_t))`, score `S_t`. So an alarm (`x_t > threshold`)
//!   happens iff `S_t > z` and `x_t > 0`: the current count enters only via
//!   the clamp, unlike Hutwagner's `C3 = sum_{u=t-2}^{t} max(0, C2_u - 1) > z`.
//!
//! Alarm: `x_t > threshold`; `None` where R gives NA (e.g. `0/0` in C3 when
//! `s = 0`). Expected: the baseline mean `m_t`.
//!
//! **Count CUSUM** (Höhle & Paul 2008), `surveillance::algo.glrnb` with
//! `theta = kappa` (the recursive LR scheme, not the GLR), `change =
//! "intercept"`, `dir = "inc"`, `mu0 = list(S, trend, refit = FALSE)`, `alpha`
//! (0 = `glrpois`), `ret = "value"` (score) and `"cases"` (threshold).
//! Parameters [`CusumParams`]: `kappa` = ln 2, `c_arl` = 5, `alpha` = 0,
//! `harmonics` S = 1, `trend` = false. The in-control mean `mu0_t` is a
//! log-linear GLM `1 [+ t] + sum_s cos(2 pi s t/freq) + sin(2 pi s t/freq)`
//! (t 1-based) fitted on the phase-1 data `x[0..range.start]` (Poisson, or
//! negative binomial with size `1/alpha`). With
//! `z_t = kappa x_t + (1 - e^kappa) mu0_t` (Poisson) or
//! `z_t = kappa x_t + (x_t + 1/alpha) ln((1 + alpha mu0_t)/(1 + alpha mu0_t e^kappa))`
//! (NB), `S_t = max(0, S_{t-1} + z_t)`, alarm iff `S_t > c_arl`, after which
//! `S` restarts at 0. Score = `S_t`, expected = `mu0_t`, threshold = the
//! smallest real count giving an alarm: `(c - S_{t-1} + mu0 (e^kappa - 1))/kappa`
//! resp. `(c - S_{t-1} - L/alpha)/(kappa + L)` with `L` the log term, clamped
//! at 0 as R does.
//!
//! **Farrington flexible** (Farrington et al. 1996; Noufaily et al. 2013),
//! `surveillance::farringtonFlexible` for a series without dates
//! (`epochAsDate = FALSE`), reference points `t - freq j`, `j = 1..b`, with
//! `freq` 52 for weekly and 365 for daily data. Parameters
//! [`FarringtonParams`], defaults = R's: `b = 5, w = 3, reweight = TRUE,
//! weightsThreshold = 2.58, alpha = 0.05, trend = TRUE, pThresholdTrend = 0.05,
//! limit54 = c(5, 4), powertrans = "2/3", noPeriods = 1,
//! pastWeeksNotIncluded = w, thresholdMethod = "delta"` (`populationOffset` is
//! not supported: there is no population). Steps per time point `t`:
//! 1. Data: windows `t - freq j ± w` (level `noPeriods`) and, if
//!    `noPeriods > 1`, the stretches between them cut into `noPeriods - 1`
//!    blocks of (almost) equal length (levels `1..noPeriods-1`), plus the
//!    current window `t-w..t`; the last `pastWeeksNotIncluded + 1` points
//!    (`t - pwni..t`) are left out.
//! 2. Quasi-Poisson log-link GLM `1 [+ wtime] [+ factor(level)]` by IRLS
//!    exactly as `glm.fit` (start `y + 0.1`, at most 25 iterations,
//!    convergence `|dev - dev_old|/(|dev| + 0.1) < 1e-8`). Not converged:
//!    retry without trend, else no result (`None`). Dispersion
//!    `phi = max(1, sum w (y - mu)^2/mu^2 / (n - p))`.
//! 3. Reweighting: Anscombe residuals
//!    `s_i = 3/2 (y^{2/3} mu^{-1/6} - mu^{1/2}) / sqrt(phi (1 - h_ii))`;
//!    weights `gamma s_i^-2` if `s_i > weightsThreshold`, else `gamma`, with
//!    `gamma` making them sum to `n`; refit with these prior weights.
//! 4. The trend is kept only if `b >= 3`, its t-test p-value is below
//!    `pThresholdTrend`, and the prediction does not exceed the largest
//!    observed count; otherwise steps 2-3 are redone without trend. With
//!    `b < 3` the fit has no trend from the start (R fits one and always
//!    drops it; with one year that throw-away fit can give hat values of 1,
//!    which must not cost the point its result).
//! 5. Threshold: `delta`: `mu0 = exp(eta0)`, `tau = phi + se(mu0)^2/mu0`,
//!    `U = (mu0^e + z sqrt(V))^{1/e}` with `e = 2/3, V = 4/9 mu0^{1/3} tau`
//!    (or `e = 1/2, V = tau/4`; `e = 1, V = mu0 tau`); score
//!    `(x - mu0)/(U - mu0)`. `nbPlugin`/`muan`: `U = qnbinom(1 - alpha, size =
//!    m/(phi - 1), prob = 1/phi)` (Poisson if `phi = 1`) with `m = exp(eta0)` or
//!    `exp(eta0 + z se(eta0))`; R's score is `(x - eta0)/(U - eta0)` on the
//!    link scale, reproduced as is.
//! 6. Alarm iff score > 1, `x_t > 0` and at least `limit54.0` cases in the
//!    last `limit54.1` points; without enough cases the threshold is `None`
//!    (R: NA) and there is no alarm. Unlike R, `expected` is reported even
//!    then.
//!
//! Standard errors use the unclipped dispersion and the QR of the last IRLS
//! iteration, as `predict.glm`/`summary.glm` do.
//!
//! **NB CUSUM on the improved Farrington baseline** (Aman's own; no R
//! counterpart): the expected count and dispersion of `farringtonFlexible`
//! at each point, a negative-binomial likelihood-ratio CUSUM for a rise by
//! `e^kappa` on top, plus the baseline's own single-point alarm; see
//! [`NbCusumParams`] and `nbcusum.rs`.
//!
//! # Aman's presets, evaluation and event data
//! [`presets`] holds the named presets of `aman alerts detect`
//! ([`presets::Preset`]: `weekly` and `daily`, the defaults, and `noufaily`,
//! R's improved Farrington) and the parameters the server uses for sparse
//! local daily series, chosen with `cargo xtask eval-detect` on top of
//! [`evaluate`] (outbreak injection, sensitivity, false alarms per year,
//! detection delay); the results are in `docs/early-warning.md`. [`events`]
//! parses UCDP GED conflict-event exports (`data/events/`).
//!
//! # Performance
//! `cargo xtask bench-detect` (1,547 daily series of 10 years; figures in
//! `docs/benchmarks.md`): EARS and CUSUM over every point take well under a
//! second together; Farrington over every point it can evaluate about 30 s
//! on one core (each point replays R's IRLS iterations for up to four GLMs;
//! `glm.rs` skips the known steps of all-zero fits and iterates over runs of
//! equal rows), and one new day of every method for every series about a
//! tenth of a second. The presets' improved baseline costs about 1.2 ms per
//! daily point (five years of days in ten seasonal blocks) and 0.2 ms per
//! weekly point.
//! Evaluate only new points (`range = n-k..n`) in routine runs; EARS and
//! Farrington results do not depend on `range`.
//!
//! # References
//! - Hutwagner L, Thompson W, Seeman GM, Treadwell T (2003). The bioterrorism
//!   preparedness and response Early Aberration Reporting System (EARS).
//!   J Urban Health 80(2 Suppl 1):i89-96.
//! - Farrington CP, Andrews NJ, Beale AD, Catchpole MA (1996). A statistical
//!   algorithm for the early detection of outbreaks of infectious disease.
//!   JRSS A 159:547-563.
//! - Noufaily A, Enki DG, Farrington P, Garthwaite P, Andrews N, Charlett A
//!   (2013). An improved algorithm for outbreak detection in multiple
//!   surveillance systems. Stat Med 32(7):1206-1222.
//! - Höhle M, Paul M (2008). Count data regression charts for the monitoring
//!   of surveillance time series. CSDA 52(9):4357-4368.
//! - Salmon M, Schumacher D, Höhle M (2016). Monitoring count time series in
//!   R: aberration detection in public health surveillance. JSS 70(10).

mod csv;
mod cusum;
mod ears;
pub mod evaluate;
pub mod events;
mod family;
mod farrington;
mod glm;
#[cfg(test)]
mod glm_tests;
mod nbcusum;
pub mod presets;
mod stats;

use std::ops::Range;

pub use csv::{
    Detection, InputError, MAX_INPUT_BYTES, Series, ShortSeries, detect_csv, detect_csv_with, format_date, parse_date,
    parse_series,
};
pub use cusum::CusumParams;
pub use ears::EarsParams;
pub use events::{ConflictEvent, EventError, Violence, parse_ucdp};
pub use farrington::{FarringtonParams, PowerTrans, ThresholdMethod};
pub use nbcusum::NbCusumParams;

/// Sampling frequency of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    /// One count per day; a "year" is 365 points.
    Day,
    /// One count per week; a "year" is 52 points.
    #[default]
    Week,
}

impl Frequency {
    /// Points per year as R's `sts` frequency: 365 or 52.
    pub fn per_year(self) -> usize {
        match self {
            Frequency::Day => 365,
            Frequency::Week => 52,
        }
    }
}

/// A detection method with its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// EARS C1 (no guard band).
    EarsC1(EarsParams),
    /// EARS C2 (guard band of two points).
    EarsC2(EarsParams),
    /// EARS C3 (R's formulation, see the crate docs).
    EarsC3(EarsParams),
    /// Poisson / negative-binomial LR CUSUM.
    Cusum(CusumParams),
    /// Farrington flexible.
    Farrington(FarringtonParams),
    /// Negative-binomial CUSUM on the improved Farrington baseline.
    NbCusum(NbCusumParams),
}

/// Result for one time point. `None` fields: not computable there.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Expected (in-control) count.
    pub expected: Option<f64>,
    /// Upper bound: alarm iff the count exceeds it (Farrington: score > 1).
    pub threshold: Option<f64>,
    /// Method statistic (see the crate docs).
    pub score: Option<f64>,
    /// Alarm.
    pub alarm: Option<bool>,
}

/// The range R evaluates by default for a series of length `n`: EARS from
/// `baseline` (C2: `+2`, C3: `+4`), Farrington from `freq * b + w`, CUSUM
/// after a phase-1 year (`freq` points, the in-control fit period; R has no
/// default there).
pub fn default_range(method: &Method, frequency: Frequency, n: usize) -> Range<usize> {
    let freq = frequency.per_year();
    let start = match method {
        Method::EarsC1(p) => ears::Variant::C1.first(p.baseline),
        Method::EarsC2(p) => ears::Variant::C2.first(p.baseline),
        Method::EarsC3(p) => ears::Variant::C3.first(p.baseline),
        Method::Cusum(_) => freq,
        Method::Farrington(p) => p.first_index(freq),
        Method::NbCusum(p) => p.baseline.first_index(freq),
    };
    start.min(n)..n
}

/// Runs `method` on `counts` for the time points in `range` (0-based, clipped
/// to the series) and returns one [`Point`] per index of `range`.
///
/// Only data up to each evaluated point is used, so evaluating just the last
/// point (`n-1..n`) gives the same result as a full run for EARS and
/// Farrington. The CUSUM is recursive: `range.start` is the end of its
/// phase-1 (in-control fit) period and the statistic runs from there.
pub fn detect(counts: &[u64], frequency: Frequency, method: &Method, range: Range<usize>) -> Vec<Point> {
    let mut out = vec![Point::default(); range.len()];
    let range = range.start..range.end.min(counts.len());
    if range.is_empty() {
        return out;
    }
    let freq = frequency.per_year();
    match method {
        Method::EarsC1(p) => ears::run(counts, ears::Variant::C1, p, range, &mut out),
        Method::EarsC2(p) => ears::run(counts, ears::Variant::C2, p, range, &mut out),
        Method::EarsC3(p) => ears::run(counts, ears::Variant::C3, p, range, &mut out),
        Method::Cusum(p) => cusum::run(counts, freq, p, range, &mut out),
        Method::Farrington(p) => farrington::run(counts, freq, p, range, &mut out),
        Method::NbCusum(p) => nbcusum::run(counts, freq, p, range, &mut out),
    }
    out
}
