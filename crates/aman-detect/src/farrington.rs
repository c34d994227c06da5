//! Improved Farrington method (Noufaily et al. 2013) as in
//! `surveillance::farringtonFlexible` for a series without dates
//! (`epochAsDate = FALSE`): reference time points `t - freq * j`.

use std::collections::HashMap;
use std::ops::Range;

use crate::Point;
use crate::family::Family;
use crate::glm::Glm;
use crate::stats::{qnbinom, qnorm, qpois, t_pvalue};

/// How the upper bound is computed (R `thresholdMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThresholdMethod {
    /// Normal approximation on a power-transformed scale (Farrington et al. 1996).
    #[default]
    Delta,
    /// Negative-binomial quantile with mean `exp(eta0)` and dispersion `phi`.
    NbPlugin,
    /// Negative-binomial quantile with mean `exp(eta0 + z_{1-alpha} se(eta0))`.
    Muan,
}

/// Power transformation used by [`ThresholdMethod::Delta`] (R `powertrans`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PowerTrans {
    /// Exponent 2/3 (R default, symmetrises the Poisson).
    #[default]
    TwoThirds,
    /// Exponent 1/2.
    Half,
    /// No transformation.
    None,
}

/// Parameters of `farringtonFlexible`; `Default` equals R's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FarringtonParams {
    /// Number of past years (periods of `freq` time points) used (R `b = 5`).
    pub b: usize,
    /// Half-width of the reference windows (R `w = 3`).
    pub w: usize,
    /// Down-weight past outbreaks by Anscombe residuals (R `reweight = TRUE`).
    pub reweight: bool,
    /// Anscombe residual above which a point is down-weighted (R `2.58`).
    pub weights_threshold: f64,
    /// Upper-tail probability of the threshold (R `alpha = 0.05`).
    pub alpha: f64,
    /// Try a linear time trend (R `trend = TRUE`).
    pub trend: bool,
    /// Significance level for keeping the trend (R `pThresholdTrend = 0.05`).
    pub p_threshold_trend: f64,
    /// No alarm unless at least `limit54.0` cases in the last `limit54.1`
    /// time points (R `limit54 = c(5, 4)`).
    pub limit54: (u64, usize),
    /// Power transformation of the delta threshold (R `powertrans = "2/3"`).
    pub power_trans: PowerTrans,
    /// Number of seasonal factor levels per year (R `noPeriods = 1`).
    pub no_periods: usize,
    /// Most recent time points left out of the fit; `None` = `w`
    /// (R `pastWeeksNotIncluded = NULL`).
    pub past_weeks_not_included: Option<usize>,
    /// Threshold method (R `thresholdMethod = "delta"`).
    pub threshold_method: ThresholdMethod,
}

impl Default for FarringtonParams {
    fn default() -> Self {
        FarringtonParams {
            b: 5,
            w: 3,
            reweight: true,
            weights_threshold: 2.58,
            alpha: 0.05,
            trend: true,
            p_threshold_trend: 0.05,
            limit54: (5, 4),
            power_trans: PowerTrans::TwoThirds,
            no_periods: 1,
            past_weeks_not_included: None,
            threshold_method: ThresholdMethod::Delta,
        }
    }
}

impl FarringtonParams {
    /// First 0-based index R can evaluate: `freq * b + w`.
    pub fn first_index(&self, freq: usize) -> usize {
        freq.saturating_mul(self.b).saturating_add(self.w)
    }

    /// `z_{1-alpha}`, or `None` for parameters R refuses.
    pub(crate) fn z(&self) -> Option<f64> {
        (self.alpha > 0.0 && self.alpha < 1.0 && self.limit54.1 != 0).then(|| qnorm(1.0 - self.alpha))
    }
}

/// Fits with at most this many observations are remembered by their counts
/// (the original method's `b (2w + 1)` windows; the improved method's fits of
/// whole years are too long to repeat).
const MEMO_MAX_ROWS: usize = 128;
/// Remembered fits per series before the memo starts afresh (bounds memory on
/// busy series, whose windows rarely repeat).
const MEMO_MAX_ENTRIES: usize = 1 << 14;

/// What a time point's fits give, before its own count is looked at.
#[derive(Debug, Clone, Copy)]
struct Fitted {
    expected: f64,
    /// Upper bound, when R computes one.
    upper: Option<f64>,
    /// What the score is centred on: `score = (y - center) / (upper - center)`.
    center: f64,
    /// `max(1, dispersion)` of the fit used.
    phi: f64,
}

impl Fitted {
    /// Expected count and upper bound from the linear predictor `eta` at the
    /// time point, its standard error and the fit's `phi`.
    fn new(eta: f64, se: f64, phi: f64, params: &FarringtonParams, z: f64) -> Fitted {
        match params.threshold_method {
            ThresholdMethod::Delta => {
                let mu0 = Glm::response(eta);
                let se = se * mu0;
                let tau = phi + se * se / mu0;
                let (sd, e) = match params.power_trans {
                    PowerTrans::None => ((mu0 * tau).sqrt(), 1.0),
                    PowerTrans::Half => ((0.25 * tau).sqrt(), 0.5),
                    PowerTrans::TwoThirds => ((4.0 / 9.0 * mu0.powf(1.0 / 3.0) * tau).sqrt(), 2.0 / 3.0),
                };
                let a = (mu0.powf(e) - z * sd).powf(1.0 / e);
                let b = (mu0.powf(e) + z * sd).powf(1.0 / e);
                let upper = match (a.is_nan(), b.is_nan()) {
                    (false, false) => Some(a.max(b)),
                    (true, false) => Some(b),
                    (false, true) => Some(a),
                    (true, true) => None,
                };
                Fitted { expected: mu0, upper, center: mu0, phi }
            }
            ThresholdMethod::NbPlugin | ThresholdMethod::Muan => {
                let q =
                    if params.threshold_method == ThresholdMethod::NbPlugin { eta.exp() } else { (eta + z * se).exp() };
                let upper = if !q.is_finite() {
                    None
                } else if phi > 1.0 {
                    Some(qnbinom(1.0 - params.alpha, q / (phi - 1.0), 1.0 / phi))
                } else {
                    Some(qpois(1.0 - params.alpha, q))
                }
                .filter(|u| !u.is_nan());
                // R scores against the linear predictor here (surveillance 1.20.3).
                Fitted { expected: eta.exp(), upper, center: eta, phi }
            }
        }
    }
}

/// Reusable buffers and remembered fits; one per series (what is remembered
/// is dropped when the parameters change).
#[derive(Debug, Default)]
pub(crate) struct Work {
    /// Fits by the counts of their observations. Every reference window
    /// lies at the same offsets from its time point, so two time points
    /// with equal counts there have designs that differ only by the origin
    /// of the trend column: a reparametrisation, under which IRLS (Newton's
    /// method from starting means `y + 0.1`) takes the same steps in the
    /// means, and the prediction at the time point, its standard error, the
    /// dispersion, the hat values and the trend's t statistic are the same up
    /// to rounding. Sparse series repeat their windows most of the time.
    memo: HashMap<Vec<u64>, Option<Fitted>>,
    key: Vec<u64>,
    /// (offset before the time point, seasonal level) of each observation
    /// in the fit, once known.
    offsets: Option<Vec<(usize, usize)>>,
    /// The points per year and parameters `memo` and `offsets` hold for.
    made_for: Option<(usize, FarringtonParams)>,
    glm: Glm,
    /// (time index, seasonal level) of each observation in the fit.
    obs: Vec<(usize, usize)>,
    levels: Vec<usize>,
    row: Vec<f64>,
    buf: Vec<f64>,
    hats: Vec<f64>,
    s: Vec<f64>,
}

struct FitInfo {
    with_trend: bool,
    /// `max(1, dispersion)` used in the threshold.
    phi: f64,
    /// Dispersion used for standard errors and the trend test.
    dispersion: f64,
}

impl Work {
    /// Sets `obs` for time point `k`. Its reference windows and their
    /// seasonal levels lie at the same offsets before every time point, so
    /// they are worked out once (`offsets`) and shifted; `false` when the
    /// fit has no observation.
    fn label(&mut self, k: usize, freq: usize, params: &FarringtonParams, pwni: usize) -> bool {
        if self.offsets.is_none() {
            self.offsets = Some(Self::offsets(k, freq, params, pwni, &mut self.levels));
        }
        let offsets = self.offsets.as_deref().unwrap_or_default();
        self.obs.clear();
        self.obs.extend(offsets.iter().map(|&(back, level)| (k - back, level)));
        !self.obs.is_empty()
    }

    /// The observations of the fit at `k` as (offset before `k`, seasonal
    /// level), with the levels that occur, labelling the span
    /// `k - freq b - w ..= k` (0 = not in the fit).
    fn offsets(
        k: usize,
        freq: usize,
        params: &FarringtonParams,
        pwni: usize,
        levels: &mut Vec<usize>,
    ) -> Vec<(usize, usize)> {
        let (b, w, p) = (params.b, params.w, params.no_periods.max(1));
        let lo = k - freq * b - w;
        let mut labels = vec![0; k - lo + 1];
        levels.clear();
        for l in &mut labels[k - w - lo..] {
            *l = p;
        }
        let period = freq - 2 * w - 1;
        if p > 1 && period < p - 1 {
            return Vec::new();
        }
        for i in 1..=b {
            let rf = k - i * freq - lo;
            for l in &mut labels[rf - w..=rf + w] {
                *l = p;
            }
            if p > 1 {
                let (base, rest) = (period / (p - 1), period % (p - 1));
                let mut pos = rf + w + 1;
                for j in 1..p {
                    let len = base + usize::from(j <= rest);
                    for l in &mut labels[pos..pos + len] {
                        *l = j;
                    }
                    pos += len;
                }
            }
        }
        let cut = k.saturating_sub(pwni).max(lo);
        for l in &mut labels[cut - lo..] {
            *l = 0;
        }
        let mut offsets = Vec::new();
        for (i, &l) in labels.iter().enumerate() {
            if l != 0 {
                offsets.push((k - lo - i, l));
                if !levels.contains(&l) {
                    levels.push(l);
                }
            }
        }
        levels.sort_unstable();
        offsets
    }

    /// Design row: intercept, optional `wtime` (1-based time), dummies for
    /// every seasonal level but the lowest.
    fn design(row: &mut Vec<f64>, levels: &[usize], t: usize, level: usize, trend: bool) {
        row.clear();
        row.push(1.0);
        if trend {
            row.push((t + 1) as f64);
        }
        for &l in levels.iter().skip(1) {
            row.push(if l == level { 1.0 } else { 0.0 });
        }
    }

    fn load(&mut self, counts: &[u64], trend: bool) {
        Self::design(&mut self.row, &self.levels, 0, 0, trend);
        self.glm.reset(self.row.len());
        for &(t, l) in &self.obs {
            Self::design(&mut self.row, &self.levels, t, l, trend);
            self.glm.push_row(&self.row, counts[t] as f64, 1.0);
        }
    }

    /// `algo.farrington.fitGLM.flexible`.
    fn fit_flexible(&mut self, counts: &[u64], trend: bool, params: &FarringtonParams) -> Option<FitInfo> {
        let mut with_trend = trend;
        self.load(counts, with_trend);
        let ok = self.glm.fit(Family::Poisson);
        if !ok || !self.glm.converged {
            if !with_trend {
                return None;
            }
            with_trend = false;
            self.load(counts, false);
            if !self.glm.fit(Family::Poisson) || !self.glm.converged {
                return None;
            }
        }
        let mut dispersion = self.glm.dispersion();
        let mut phi = dispersion.max(1.0);
        if params.reweight {
            let n = self.glm.n();
            self.glm.hats(&mut self.hats);
            self.s.clear();
            for i in 0..n {
                let (y, mu) = (self.glm.y(i), self.glm.mu(i));
                let h = self.hats[i];
                let a = 1.5 * (y.powf(2.0 / 3.0) * mu.powf(-1.0 / 6.0) - mu.sqrt());
                self.s.push(a / (phi * (1.0 - h)).sqrt());
            }
            let thr = params.weights_threshold;
            if self.s.iter().any(|s| s.is_nan()) {
                return None;
            }
            let denom: f64 = self.s.iter().map(|&s| if s > thr { s.powi(-2) } else { 1.0 }).sum();
            let gamma = n as f64 / denom;
            for i in 0..n {
                let s = self.s[i];
                let omega = if s > thr { gamma * s.powi(-2) } else { gamma };
                self.glm.set_prior(i, omega);
            }
            // R does not check convergence of the reweighted fit. With no
            // residual above the threshold every weight stays 1 and the refit
            // would repeat the fit just made, step for step.
            let reweighted = self.s.iter().any(|&s| s > thr);
            if reweighted && !self.glm.fit(Family::Poisson) {
                return None;
            }
            phi = self.glm.dispersion().max(1.0);
            // surveillance stores the prior weights in `model$weights`, so
            // later `summary.glm`/`predict.glm` calls use this dispersion.
            dispersion = self.glm.dispersion_prior_weighted();
        }
        if phi.is_nan() {
            return None;
        }
        Some(FitInfo { with_trend, phi, dispersion })
    }

    /// Linear predictor and its standard error at time `k` (level `p`).
    fn predict(&mut self, k: usize, p: usize, info: &FitInfo) -> (f64, f64) {
        Self::design(&mut self.row, &self.levels, k, p, info.with_trend);
        self.buf.resize(self.row.len(), 0.0);
        let (eta, se_u) = self.glm.predict_link(&self.row, &mut self.buf);
        (eta, se_u * info.dispersion.sqrt())
    }

    /// The fits of time point `k` (`obs` already set): R's choice between
    /// the fits with and without trend, and the prediction at `k`.
    fn fit_point(&mut self, counts: &[u64], k: usize, params: &FarringtonParams, z: f64) -> Option<Fitted> {
        let p = params.no_periods.max(1);
        // R fits the trend first even with fewer than three years and then
        // always drops it; that first fit can only fail where the fit without
        // trend also fails, or make hat values of 1 (NaN residuals) that R
        // passes over. Fitting without trend straight away gives R's result.
        let mut info = self.fit_flexible(counts, params.trend && params.b >= 3, params)?;
        if info.with_trend {
            let (eta, _) = self.predict(k, p, &info);
            self.buf.resize(self.row.len(), 0.0);
            let var = self.glm.coef_var_unscaled(1, &mut self.buf);
            let tstat = self.glm.coef[1] / (var * info.dispersion).sqrt();
            let pval = t_pvalue(tstat, self.glm.df_residual() as f64);
            let max_y = self.obs.iter().map(|&(t, _)| counts[t]).max().unwrap_or(0);
            let do_trend = pval < params.p_threshold_trend && Glm::response(eta) <= max_y as f64;
            if !do_trend {
                info = self.fit_flexible(counts, false, params)?;
            }
        }
        let (eta, se) = self.predict(k, p, &info);
        Some(Fitted::new(eta, se, info.phi, params, z))
    }

    /// One time point and the dispersion `phi` of its fit; `None` when R
    /// gives no result.
    pub(crate) fn point(
        &mut self,
        counts: &[u64],
        k: usize,
        freq: usize,
        params: &FarringtonParams,
        z: f64,
    ) -> Option<(Point, f64)> {
        if self.made_for != Some((freq, *params)) {
            self.memo.clear();
            self.offsets = None;
            self.made_for = Some((freq, *params));
        }
        let pwni = params.past_weeks_not_included.unwrap_or(params.w);
        if k < params.first_index(freq) || freq < 2 * params.w + 1 {
            return None;
        }
        if !self.label(k, freq, params, pwni) {
            return None;
        }
        let fitted = if self.obs.len() <= MEMO_MAX_ROWS {
            self.key.clear();
            self.key.extend(self.obs.iter().map(|&(t, _)| counts[t]));
            match self.memo.get(self.key.as_slice()) {
                Some(&fitted) => fitted,
                None => {
                    let fitted = self.fit_point(counts, k, params, z);
                    if self.memo.len() >= MEMO_MAX_ENTRIES {
                        self.memo.clear();
                    }
                    self.memo.insert(self.key.clone(), fitted);
                    fitted
                }
            }
        } else {
            self.fit_point(counts, k, params, z)
        };
        let Fitted { expected, upper, center, phi } = fitted?;
        let y = counts[k] as f64;
        let score = upper.map(|u| (y - center) / (u - center));
        let (need, span) = params.limit54;
        let recent: u64 = counts[(k + 1).saturating_sub(span)..=k].iter().sum();
        let enough = recent >= need;
        let score = score.filter(|s| !s.is_nan());
        let point = Point {
            expected: Some(expected),
            threshold: if enough { upper } else { None },
            score,
            alarm: Some(enough && score.is_some_and(|s| s > 1.0) && counts[k] != 0),
        };
        Some((point, phi))
    }
}

pub(crate) fn run(counts: &[u64], freq: usize, params: &FarringtonParams, range: Range<usize>, out: &mut [Point]) {
    let Some(z) = params.z() else { return };
    let mut work = Work::default();
    for (k, point) in range.zip(out.iter_mut()) {
        if k >= counts.len() {
            break;
        }
        if let Some((p, _)) = work.point(counts, k, freq, params, z) {
            *point = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sparse daily series of four years (a report on about one day in
    /// forty, a burst now and then), from a fixed linear congruential draw.
    fn sparse_series() -> Vec<u64> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..4 * 365)
            .map(|day| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let draw = (state >> 33) % 1000;
                let burst = u64::from(day % 97 < 3);
                u64::from(draw < 25) + u64::from(draw < 4) + burst * (2 + 2 * u64::from(draw < 500))
            })
            .collect()
    }

    fn close(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    /// Remembered fits (one `Work` over the whole series) give what a fresh
    /// fit at each time point gives, for the original and the improved
    /// method, and the memo is used.
    #[test]
    fn remembered_fits_equal_fresh_ones() {
        let counts = sparse_series();
        let original = crate::presets::farrington();
        let improved = FarringtonParams {
            b: 2,
            no_periods: 10,
            past_weeks_not_included: Some(26),
            threshold_method: ThresholdMethod::NbPlugin,
            ..FarringtonParams::default()
        };
        for params in [original, FarringtonParams { b: 3, ..FarringtonParams::default() }, improved] {
            let z = params.z().expect("valid parameters");
            let range = params.first_index(365)..counts.len();
            let mut work = Work::default();
            let (mut points, mut alarms) = (0, 0);
            for k in range {
                let remembered = work.point(&counts, k, 365, &params, z);
                let fresh = Work::default().point(&counts, k, 365, &params, z);
                match (remembered, fresh) {
                    (Some((a, phi_a)), Some((b, phi_b))) => {
                        assert!(close(a.expected, b.expected), "expected at {k}: {a:?} vs {b:?}");
                        assert!(close(a.threshold, b.threshold), "threshold at {k}: {a:?} vs {b:?}");
                        assert!(close(a.score, b.score), "score at {k}: {a:?} vs {b:?}");
                        assert!(close(Some(phi_a), Some(phi_b)), "phi at {k}");
                        assert_eq!(a.alarm, b.alarm, "alarm at {k}");
                        points += 1;
                        alarms += usize::from(a.alarm == Some(true));
                    }
                    (a, b) => assert!(a.is_none() && b.is_none(), "at {k}: {a:?} vs {b:?}"),
                }
            }
            assert!(points > 300, "{points} points evaluated");
            assert!(alarms > 0, "the bursts raise alarms");
            if params.no_periods == 1 {
                assert!(work.memo.len() * 2 < points, "{} fits remembered for {points} points", work.memo.len());
            }
        }
        // One `Work` used with other parameters in turn forgets what it held.
        let mut shared = Work::default();
        for k in (improved.first_index(365)..counts.len()).step_by(7) {
            for params in [original, improved] {
                let z = params.z().expect("valid parameters");
                let a = shared.point(&counts, k, 365, &params, z).map(|(p, _)| p.threshold);
                let b = Work::default().point(&counts, k, 365, &params, z).map(|(p, _)| p.threshold);
                assert!(close(a.flatten(), b.flatten()) && a.is_some() == b.is_some(), "at {k}: {a:?} vs {b:?}");
            }
        }
    }
}
