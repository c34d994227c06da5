//! Log-link GLM fitted by iteratively reweighted least squares, following the
//! iteration of R's `stats::glm.fit` step by step (same starting values, same
//! convergence test, same "working weights of the last iteration" in the
//! returned factorisation), so that coefficients, dispersion, hat values and prediction
//! standard errors agree with R to rounding error.
//!
//! Families: Poisson / quasi-Poisson (variance `mu`) and negative binomial
//! with known `theta` (variance `mu + mu^2 / theta`, MASS::negative.binomial).
//! All buffers live in [`Glm`] and are reused between fits.

// Dense linear algebra on tiny matrices reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

use crate::family::{DBL_EPS, Family, Step, judge, linkinv, log_mu};

const MAXIT: usize = 25;
/// Relative tolerance of the rank test (R's `glm.fit` uses 1e-11 in its QR).
const QR_TOL: f64 = 1e-11;

/// How a design row relates to the row before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follows {
    /// Anyhow (or it is the first row).
    Apart,
    /// Equal: the same linear predictor and mean.
    Same,
    /// One more in this column and equal elsewhere (the next day of a
    /// trend): the mean is the one before times `exp(coefficient)`.
    Step(u16),
}

/// Reusable GLM workspace. Fill the design with [`Glm::reset`] and
/// [`Glm::push_row`], then call [`Glm::fit`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Glm {
    n: usize,
    p: usize,
    /// Design matrix, row-major `n x p`.
    x: Vec<f64>,
    /// Column indices of each row's non-zero entries, `p` slots a row
    /// (designs with factor dummies are mostly zeros), and their number.
    nz: Vec<u16>,
    nz_len: Vec<u16>,
    /// How each row relates to the one before.
    follows: Vec<Follows>,
    /// Scratch for [`Glm::hats`]: `R^{-1}`.
    inverse: Vec<f64>,
    /// Runs of equal rows: first row of each, then `n`.
    runs: Vec<usize>,
    /// Per run: prior weight, weighted response, weighted `y log y`, and the
    /// linear predictor, mean and previous mean shared by its rows.
    run_sums: Vec<[f64; 3]>,
    run_state: Vec<[f64; 3]>,
    y: Vec<f64>,
    prior: Vec<f64>,
    eta: Vec<f64>,
    mu: Vec<f64>,
    /// Working weights of the last iteration.
    w2: Vec<f64>,
    /// `y log y` per observation (0 for `y = 0`).
    ylogy: Vec<f64>,
    /// Upper-triangular `p x p` factor R (row-major) of the last iteration.
    r: Vec<f64>,
    /// Coefficients.
    pub(crate) coef: Vec<f64>,
    tmp: Vec<f64>,
    /// Whether the last fit met R's convergence criterion.
    pub(crate) converged: bool,
}

impl Glm {
    /// Starts a new design with `p` columns.
    pub(crate) fn reset(&mut self, p: usize) {
        self.n = 0;
        self.p = p;
        self.x.clear();
        self.nz.clear();
        self.nz_len.clear();
        self.follows.clear();
        self.y.clear();
        self.prior.clear();
    }

    /// Adds one observation (design row, response, prior weight).
    pub(crate) fn push_row(&mut self, row: &[f64], y: f64, prior_weight: f64) {
        debug_assert_eq!(row.len(), self.p);
        let follows = if self.n == 0 {
            Follows::Apart
        } else {
            let before = &self.x[(self.n - 1) * self.p..];
            let mut differ = (0..row.len()).filter(|&j| row[j] != before[j]);
            match (differ.next(), differ.next()) {
                (None, _) => Follows::Same,
                (Some(j), None) if row[j] - before[j] == 1.0 => Follows::Step(j as u16),
                _ => Follows::Apart,
            }
        };
        self.follows.push(follows);
        self.x.extend_from_slice(row);
        let before = self.nz.len();
        self.nz.extend((0..row.len()).filter(|&j| row[j] != 0.0).map(|j| j as u16));
        self.nz_len.push((self.nz.len() - before) as u16);
        self.nz.resize(before + row.len(), 0);
        self.y.push(y);
        self.prior.push(prior_weight);
        self.n += 1;
    }

    pub(crate) fn n(&self) -> usize {
        self.n
    }

    pub(crate) fn y(&self, i: usize) -> f64 {
        self.y[i]
    }

    pub(crate) fn set_prior(&mut self, i: usize, w: f64) {
        self.prior[i] = w;
    }

    /// Fitted mean of observation `i`.
    pub(crate) fn mu(&self, i: usize) -> f64 {
        self.mu[i]
    }

    /// Residual degrees of freedom `n - p`.
    pub(crate) fn df_residual(&self) -> usize {
        self.n.saturating_sub(self.p)
    }

    /// Runs IRLS as `glm.fit` does. Returns `false` when the fit failed
    /// outright (non-finite deviance, rank deficiency); otherwise
    /// [`Glm::converged`] tells whether the deviance criterion was met within
    /// 25 iterations.
    pub(crate) fn fit(&mut self, family: Family) -> bool {
        let (n, p) = (self.n, self.p);
        self.converged = false;
        if n == 0 || p == 0 || n < p {
            return false;
        }
        self.eta.clear();
        self.mu.clear();
        self.ylogy.clear();
        let mut devold = 0.0;
        // Counts are mostly zeros: one logarithm and exp() for all of them.
        let zero_eta = family.mustart(0.0).ln();
        let zero_mu = linkinv(zero_eta);
        for i in 0..n {
            let y = self.y[i];
            let (eta, mu) = if y == 0.0 {
                (zero_eta, zero_mu)
            } else {
                let eta = family.mustart(y).ln();
                (eta, linkinv(eta))
            };
            self.eta.push(eta);
            self.mu.push(mu);
            self.ylogy.push(if y > 0.0 { y * y.ln() } else { 0.0 });
            devold += family.dev_resid(y, mu, self.prior[i]);
        }
        self.w2.resize(n, 0.0);
        self.r.resize(p * p, 0.0);
        self.coef.resize(p, 0.0);
        self.tmp.resize(p, 0.0);
        let done = self.skip_all_zero_iterations(family, &mut devold);
        let by_runs = family == Family::Poisson && self.find_runs();
        let mut in_runs = false;
        for iter in done..MAXIT {
            // After the first step every row of a run has the same predictor.
            let dev = if by_runs && iter > done {
                if !in_runs {
                    self.start_runs();
                    in_runs = true;
                }
                self.step_by_runs()
            } else {
                self.step_by_rows(family)
            };
            let Some(dev) = dev else { return false };
            match judge(dev, devold) {
                Step::Failed => return false,
                Step::Converged => {
                    self.converged = true;
                    break;
                }
                Step::Continue => devold = dev,
            }
        }
        if in_runs {
            self.end_runs();
        }
        true
    }

    /// One IRLS step row by row; the new deviance, `None` when the weighted
    /// least squares failed.
    fn step_by_rows(&mut self, family: Family) -> Option<f64> {
        let p = self.p;
        if !self.weighted_least_squares(family) {
            return None;
        }
        let mut dev = 0.0;
        let (mut eta, mut mu) = (0.0, 0.0);
        // exp() of the coefficient of the column rows step along, once a step.
        let mut growth: Option<(u16, f64)> = None;
        for i in 0..self.n {
            // A row equal to the one before has its linear predictor and
            // mean (designs of factors repeat rows); the next day of a
            // trend has the mean before times a constant: one exp() fewer.
            let follows = self.follows[i];
            if follows != Follows::Same {
                let row = &self.x[i * p..(i + 1) * p];
                let nz = &self.nz[i * p..i * p + usize::from(self.nz_len[i])];
                eta = nz.iter().map(|&j| row[usize::from(j)] * self.coef[usize::from(j)]).sum();
                mu = match follows {
                    // Unless the mean before was cut at eps (linkinv's floor).
                    Follows::Step(c) if mu > DBL_EPS => {
                        let g = match growth {
                            Some((col, g)) if col == c => g,
                            _ => {
                                let g = self.coef[usize::from(c)].exp();
                                growth = Some((c, g));
                                g
                            }
                        };
                        (mu * g).max(DBL_EPS)
                    }
                    _ => linkinv(eta),
                };
            }
            self.eta[i] = eta;
            self.mu[i] = mu;
            let (y, wt) = (self.y[i], self.prior[i]);
            dev += match family {
                // y log(y/mu) without a logarithm per iteration.
                Family::Poisson => 2.0 * wt * (self.ylogy[i] - y * log_mu(eta, mu) - (y - mu)),
                Family::NegBin(_) => family.dev_resid(y, mu, wt),
            };
        }
        Some(dev)
    }

    /// Finds the runs of equal consecutive rows; `true` when there are at
    /// most half as many runs as rows, so iterating over runs pays.
    pub(crate) fn find_runs(&mut self) -> bool {
        self.runs.clear();
        self.runs.extend((0..self.n).filter(|&i| self.follows[i] != Follows::Same));
        self.runs.push(self.n);
        2 * (self.runs.len() - 1) <= self.n
    }

    /// Poisson IRLS steps by runs of equal rows, one term per run instead of
    /// one per row: with `w = prior mu` the normal equations need only each
    /// run's sums of `prior`, `prior y` and `prior y log y`
    /// (`X'Wz = sum x (mu eta P + PY - mu P)`), and so does the deviance.
    /// `start_runs` takes the sums and the rows' state after a step by rows;
    /// `end_runs` gives the rows their run's predictor, mean and working weight.
    fn start_runs(&mut self) {
        self.run_sums.clear();
        self.run_state.clear();
        for w in self.runs.windows(2) {
            let (mut sp, mut spy, mut spyl) = (0.0, 0.0, 0.0);
            for i in w[0]..w[1] {
                sp += self.prior[i];
                spy += self.prior[i] * self.y[i];
                spyl += self.prior[i] * self.ylogy[i];
            }
            self.run_sums.push([sp, spy, spyl]);
            self.run_state.push([self.eta[w[0]], self.mu[w[0]], self.mu[w[0]]]);
        }
    }

    /// One IRLS step by runs (see [`Glm::start_runs`]); the new deviance.
    fn step_by_runs(&mut self) -> Option<f64> {
        let p = self.p;
        self.r.fill(0.0);
        self.tmp.fill(0.0);
        for (g, w) in self.runs.windows(2).enumerate() {
            let [sp, spy, _] = self.run_sums[g];
            let [eta, mu, _] = self.run_state[g];
            self.run_state[g][2] = mu;
            let (wt, wz) = (sp * mu, sp * mu * eta + (spy - sp * mu));
            let i = w[0];
            let row = &self.x[i * p..(i + 1) * p];
            let nz = &self.nz[i * p..i * p + usize::from(self.nz_len[i])];
            for (a, &j) in nz.iter().enumerate() {
                let j = usize::from(j);
                self.tmp[j] += wz * row[j];
                for &k in &nz[a..] {
                    let k = usize::from(k);
                    self.r[j * p + k] += wt * row[j] * row[k];
                }
            }
        }
        if !self.cholesky_solve() {
            return None;
        }
        let mut dev = 0.0;
        for (g, w) in self.runs.windows(2).enumerate() {
            let i = w[0];
            let row = &self.x[i * p..(i + 1) * p];
            let nz = &self.nz[i * p..i * p + usize::from(self.nz_len[i])];
            let eta: f64 = nz.iter().map(|&j| row[usize::from(j)] * self.coef[usize::from(j)]).sum();
            let mu = linkinv(eta);
            self.run_state[g][0] = eta;
            self.run_state[g][1] = mu;
            let [sp, spy, spyl] = self.run_sums[g];
            dev += 2.0 * (spyl - spy * log_mu(eta, mu) - (spy - mu * sp));
        }
        Some(dev)
    }

    fn end_runs(&mut self) {
        for (g, w) in self.runs.windows(2).enumerate() {
            let [eta, mu, before] = self.run_state[g];
            for i in w[0]..w[1] {
                self.eta[i] = eta;
                self.mu[i] = mu;
                self.w2[i] = self.prior[i] * before;
            }
        }
    }

    /// With a Poisson response that is zero everywhere and an intercept in
    /// the first column, every IRLS step lowers the linear predictor of every
    /// observation by exactly 1 (working response `eta - 1`, which the
    /// intercept alone fits) and the deviance is `2 mu sum(prior)`; so the
    /// steps before the last one `glm.fit` takes are known without running
    /// them. Sets `eta`, `mu` and `devold` to their values after those
    /// steps and returns how many there were (0 when the shortcut does not
    /// apply). Sparse series make such all-zero fits the most common and,
    /// at some 23 steps, the slowest ones.
    fn skip_all_zero_iterations(&mut self, family: Family, devold: &mut f64) -> usize {
        let p = self.p;
        let intercept = (0..self.n).all(|i| self.x[i * p] == 1.0);
        if family != Family::Poisson || !intercept || self.y.iter().any(|&y| y != 0.0) {
            return 0;
        }
        let weight: f64 = self.prior.iter().sum();
        let start = family.mustart(0.0).ln();
        let deviance = |k: usize| 2.0 * weight * linkinv(start - k as f64);
        let mut dev_before = deviance(0);
        let mut last = MAXIT;
        for k in 1..=MAXIT {
            let dev = deviance(k);
            if matches!(judge(dev, dev_before), Step::Converged) {
                last = k;
                break;
            }
            dev_before = dev;
        }
        let done = last - 1;
        let eta = start - done as f64;
        self.eta.fill(eta);
        self.mu.fill(linkinv(eta));
        *devold = deviance(done);
        done
    }

    /// One weighted least-squares step: working response and weights from
    /// the current `mu`, normal equations `X'WX b = X'Wz` solved by Cholesky
    /// (`R'R = X'WX`, R kept for standard errors). Returns `false` if the
    /// design is (numerically) rank deficient.
    fn weighted_least_squares(&mut self, family: Family) -> bool {
        match self.p {
            1 => self.normal_equations::<1>(family),
            2 => self.normal_equations::<2>(family),
            3 => self.normal_equations::<3>(family),
            _ => self.normal_equations_dyn(family),
        }
        self.cholesky_solve()
    }

    /// Working response and squared working weight of observation `i`.
    #[inline]
    fn working(&self, i: usize, family: Family) -> (f64, f64) {
        let mu = self.mu[i];
        // mu.eta(eta) = pmax(exp(eta), eps) = mu for the log link.
        let z = self.eta[i] + (self.y[i] - mu) / mu;
        let w2 = match family {
            Family::Poisson => self.prior[i] * mu,
            Family::NegBin(_) => self.prior[i] * mu * mu / family.variance(mu),
        };
        (z, w2)
    }

    /// Accumulates `X'WX` (upper triangle into `r`) and `X'Wz` for a fixed
    /// number of columns (the common small designs, unrolled).
    fn normal_equations<const P: usize>(&mut self, family: Family) {
        let mut xtx = [[0.0; P]; P];
        let mut xtz = [0.0; P];
        for i in 0..self.n {
            let (z, w2) = self.working(i, family);
            self.w2[i] = w2;
            let row: &[f64; P] = match self.x[i * P..(i + 1) * P].try_into() {
                Ok(r) => r,
                Err(_) => continue,
            };
            for j in 0..P {
                let wx = w2 * row[j];
                xtz[j] += wx * z;
                for k in j..P {
                    xtx[j][k] += wx * row[k];
                }
            }
        }
        for j in 0..P {
            self.tmp[j] = xtz[j];
            for k in 0..P {
                self.r[j * P + k] = xtx[j][k];
            }
        }
    }

    /// The same for any number of columns, over each row's non-zero
    /// entries only (ascending, so the upper triangle is filled).
    fn normal_equations_dyn(&mut self, family: Family) {
        let p = self.p;
        self.r.fill(0.0);
        self.tmp.fill(0.0);
        for i in 0..self.n {
            let (z, w2) = self.working(i, family);
            self.w2[i] = w2;
            let row = &self.x[i * p..(i + 1) * p];
            let nz = &self.nz[i * p..i * p + usize::from(self.nz_len[i])];
            for (a, &j) in nz.iter().enumerate() {
                let j = usize::from(j);
                let wx = w2 * row[j];
                self.tmp[j] += wx * z;
                for &k in &nz[a..] {
                    let k = usize::from(k);
                    self.r[j * p + k] += wx * row[k];
                }
            }
        }
    }

    /// In-place Cholesky `X'WX = R'R` and solution of the normal equations.
    fn cholesky_solve(&mut self) -> bool {
        let p = self.p;
        let (r, rhs) = (&mut self.r, &mut self.tmp);
        // In-place Cholesky of the upper triangle: X'WX = R'R.
        for j in 0..p {
            let diag0 = r[j * p + j];
            let mut d = diag0;
            for k in 0..j {
                d -= r[k * p + j] * r[k * p + j];
            }
            if d.is_nan() || d <= QR_TOL * QR_TOL * diag0 || !d.is_finite() {
                return false;
            }
            let d = d.sqrt();
            r[j * p + j] = d;
            for c in j + 1..p {
                let mut v = r[j * p + c];
                for k in 0..j {
                    v -= r[k * p + j] * r[k * p + c];
                }
                r[j * p + c] = v / d;
            }
            for c in 0..j {
                r[j * p + c] = 0.0;
            }
        }
        // Solve R'u = X'Wz, then R b = u.
        for j in 0..p {
            let mut v = rhs[j];
            for k in 0..j {
                v -= r[k * p + j] * rhs[k];
            }
            rhs[j] = v / r[j * p + j];
        }
        for j in (0..p).rev() {
            let mut v = rhs[j];
            for k in j + 1..p {
                v -= r[j * p + k] * self.coef[k];
            }
            self.coef[j] = v / r[j * p + j];
        }
        true
    }

    /// `|| R^{-T} v ||^2`, i.e. `v' (X'WX)^{-1} v` with the last iteration's
    /// working weights. `v` is overwritten.
    fn quad_form(&self, v: &mut [f64]) -> f64 {
        let p = self.p;
        let mut s = 0.0;
        for k in 0..p {
            let mut t = v[k];
            for j in 0..k {
                t -= self.r[j * p + k] * v[j];
            }
            t /= self.r[k * p + k];
            v[k] = t;
            s += t * t;
        }
        s
    }

    /// Pearson-type dispersion estimate of `summary.glm`:
    /// `sum(w_work * ((y - mu)/mu)^2) / (n - p)`, where `w_work` are the
    /// working weights of the last IRLS iteration (as stored by R).
    pub(crate) fn dispersion(&self) -> f64 {
        let mut s = 0.0;
        for i in 0..self.n {
            let res = (self.y[i] - self.mu[i]) / self.mu[i];
            s += self.w2[i] * res * res;
        }
        s / self.df_residual() as f64
    }

    /// The same with the prior weights in place of the working weights: what
    /// `summary.glm` computes once `model$weights` has been overwritten by the
    /// prior weights, as `surveillance` does after reweighting.
    pub(crate) fn dispersion_prior_weighted(&self) -> f64 {
        let mut s = 0.0;
        for i in 0..self.n {
            let res = (self.y[i] - self.mu[i]) / self.mu[i];
            s += self.prior[i] * res * res;
        }
        s / self.df_residual() as f64
    }

    /// The diagonal of the hat matrix (`hatvalues()` in R),
    /// `h_i = w_i ||R^{-T} x_i||^2`: with `U = R^{-1}` formed once,
    /// `R^{-T} x_i = sum_j x_ij U[j, ..]` over the row's non-zero entries only,
    /// instead of a triangular solve per row (the improved Farrington's daily
    /// fits have 1,800 rows of 11 columns, 3 of them non-zero).
    pub(crate) fn hats(&mut self, out: &mut Vec<f64>) {
        let p = self.p;
        self.inverse.clear();
        self.inverse.resize(p * p, 0.0);
        let u = &mut self.inverse;
        for c in 0..p {
            for j in (0..=c).rev() {
                let mut v = if j == c { 1.0 } else { 0.0 };
                for k in j + 1..=c {
                    v -= self.r[j * p + k] * u[k * p + c];
                }
                u[j * p + c] = v / self.r[j * p + j];
            }
        }
        out.clear();
        for i in 0..self.n {
            let row = &self.x[i * p..(i + 1) * p];
            let nz = &self.nz[i * p..i * p + usize::from(self.nz_len[i])];
            let first = nz.first().map_or(p, |&j| usize::from(j));
            let mut q = 0.0;
            for k in first..p {
                let v: f64 = nz.iter().map(|&j| row[usize::from(j)] * u[usize::from(j) * p + k]).sum();
                q += v * v;
            }
            out.push(self.w2[i] * q);
        }
    }

    /// Linear predictor at `x0` and its unscaled standard error
    /// `sqrt(x0' (X'WX)^{-1} x0)` (multiply by `sqrt(dispersion)`).
    pub(crate) fn predict_link(&self, x0: &[f64], buf: &mut [f64]) -> (f64, f64) {
        let eta: f64 = x0.iter().zip(&self.coef).map(|(a, b)| a * b).sum();
        buf[..self.p].copy_from_slice(x0);
        let q = self.quad_form(&mut buf[..self.p]);
        (eta, q.sqrt())
    }

    /// Unscaled variance of coefficient `j`, `[(X'WX)^{-1}]_jj`.
    pub(crate) fn coef_var_unscaled(&self, j: usize, buf: &mut [f64]) -> f64 {
        for (k, b) in buf[..self.p].iter_mut().enumerate() {
            *b = if k == j { 1.0 } else { 0.0 };
        }
        self.quad_form(&mut buf[..self.p])
    }

    /// Inverse link applied to a linear predictor, as R's `predict(type =
    /// "response")` does.
    pub(crate) fn response(eta: f64) -> f64 {
        linkinv(eta)
    }
}
