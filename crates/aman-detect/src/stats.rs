//! Distribution helpers on top of `statrs`, with R's conventions.

#[cfg(test)]
use statrs::distribution::Discrete;
use statrs::distribution::{ContinuousCDF, DiscreteCDF, NegativeBinomial, Normal, Poisson, StudentsT};

/// Standard normal quantile, R's `qnorm(p)`.
pub(crate) fn qnorm(p: f64) -> f64 {
    match Normal::new(0.0, 1.0) {
        Ok(n) => n.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// Two-sided p-value of a t statistic with `df` degrees of freedom,
/// `2 * pt(-|t|, df)` as in `summary.glm` for estimated dispersion.
pub(crate) fn t_pvalue(t: f64, df: f64) -> f64 {
    if !t.is_finite() {
        return if t.is_nan() { f64::NAN } else { 0.0 };
    }
    match StudentsT::new(0.0, 1.0, df) {
        Ok(d) => 2.0 * d.cdf(-t.abs()),
        Err(_) => f64::NAN,
    }
}

/// Smallest integer `y >= 0` with `cdf(y) >= p` (R's discrete quantile
/// definition, with R's fuzz `p * (1 - 64 eps)` for left continuity).
fn discrete_quantile(p: f64, guess: f64, cdf: impl Fn(u64) -> f64) -> f64 {
    let target = p * (1.0 - 64.0 * f64::EPSILON);
    let mut y = if guess.is_finite() && guess > 0.0 { guess.floor() as u64 } else { 0 };
    if cdf(y) >= target {
        while y > 0 && cdf(y - 1) >= target {
            y -= 1;
        }
    } else {
        while cdf(y) < target {
            y += 1;
        }
    }
    y as f64
}

/// R's `qpois(p, lambda)`.
pub(crate) fn qpois(p: f64, lambda: f64) -> f64 {
    if !(lambda.is_finite() && lambda >= 0.0) {
        return f64::NAN;
    }
    if lambda == 0.0 {
        return 0.0;
    }
    let Ok(d) = Poisson::new(lambda) else {
        return f64::NAN;
    };
    let guess = lambda + qnorm(p) * lambda.sqrt();
    discrete_quantile(p, guess, |y| d.cdf(y))
}

/// R's `qnbinom(p, size, prob)`.
pub(crate) fn qnbinom(p: f64, size: f64, prob: f64) -> f64 {
    if !(size.is_finite() && size > 0.0 && prob > 0.0 && prob <= 1.0) {
        return f64::NAN;
    }
    let Ok(d) = NegativeBinomial::new(size, prob) else {
        return f64::NAN;
    };
    let mean = size * (1.0 - prob) / prob;
    let sd = (mean / prob).sqrt();
    let guess = mean + qnorm(p) * sd;
    discrete_quantile(p, guess, |y| d.cdf(y))
}

/// Poisson probability mass (used in tests only).
#[cfg(test)]
pub(crate) fn dpois(x: u64, lambda: f64) -> f64 {
    Poisson::new(lambda).map(|d| d.pmf(x)).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_r() {
        // Values from R 4.2.
        assert!((qnorm(0.999) - 3.090_232_306_167_813).abs() < 1e-12);
        assert!((qnorm(0.975) - 1.9599639845400536).abs() < 1e-12);
        assert!((qnorm(0.95) - 1.6448536269514715).abs() < 1e-12);
        assert_eq!(qpois(0.95, 3.2), 6.0);
        assert_eq!(qpois(0.99, 0.3), 2.0);
        assert_eq!(qnbinom(0.95, 2.5, 0.4), 10.0);
        assert!((dpois(2, 1.0) - 0.183_939_720_585_721_2).abs() < 1e-15);
        assert!((t_pvalue(2.0, 10.0) - 0.073_388_034_770_740_4).abs() < 1e-10);
    }
}
