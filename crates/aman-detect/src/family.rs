//! The GLM's error families, its inverse link and `glm.fit`'s convergence
//! criterion, as R computes them.

/// R's `.Machine$double.eps`; the log link's inverse is `pmax(exp(eta), eps)`.
pub(crate) const DBL_EPS: f64 = f64::EPSILON;
/// R's `glm.control()` defaults.
const EPSILON: f64 = 1e-8;

/// Error family of the GLM.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Family {
    /// Poisson / quasi-Poisson: variance `mu`.
    Poisson,
    /// Negative binomial with known size `theta`: variance `mu + mu^2/theta`.
    NegBin(f64),
}

impl Family {
    pub(crate) fn variance(self, mu: f64) -> f64 {
        match self {
            Family::Poisson => mu,
            Family::NegBin(theta) => mu + mu * mu / theta,
        }
    }

    pub(crate) fn dev_resid(self, y: f64, mu: f64, wt: f64) -> f64 {
        match self {
            Family::Poisson => {
                if y > 0.0 {
                    2.0 * wt * (y * (y / mu).ln() - (y - mu))
                } else {
                    2.0 * wt * mu
                }
            }
            Family::NegBin(th) => 2.0 * wt * (y * (y.max(1.0) / mu).ln() - (y + th) * ((y + th) / (mu + th)).ln()),
        }
    }

    pub(crate) fn mustart(self, y: f64) -> f64 {
        match self {
            Family::Poisson => y + 0.1,
            Family::NegBin(_) => {
                if y == 0.0 {
                    1.0 / 6.0
                } else {
                    y
                }
            }
        }
    }
}

/// What an IRLS step's deviance says.
pub(crate) enum Step {
    /// Not finite: the fit failed.
    Failed,
    /// `glm.fit`'s criterion `|dev - devold|/(|dev| + 0.1) < epsilon` holds.
    Converged,
    Continue,
}

pub(crate) fn judge(dev: f64, devold: f64) -> Step {
    if !dev.is_finite() {
        Step::Failed
    } else if (dev - devold).abs() / (dev.abs() + 0.1) < EPSILON {
        Step::Converged
    } else {
        Step::Continue
    }
}

#[inline]
pub(crate) fn linkinv(eta: f64) -> f64 {
    eta.exp().max(DBL_EPS)
}

/// `ln(mu)` for the deviance: `eta` itself unless the mean was clamped at
/// `eps` (saves a logarithm per row and step).
#[inline]
pub(crate) fn log_mu(eta: f64, mu: f64) -> f64 {
    if mu > DBL_EPS { eta } else { mu.ln() }
}
