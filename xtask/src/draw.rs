//! Random draws for the synthetic series of the evaluations.

use rand::Rng;
use rand::rngs::StdRng;

/// Poisson draw (Knuth's product method, in chunks of mean <= 20).
pub(crate) fn poisson(rng: &mut StdRng, mean: f64) -> u64 {
    let mut left = mean.max(0.0);
    let mut total = 0;
    while left > 0.0 {
        let chunk = left.min(20.0);
        left -= chunk;
        let limit = (-chunk).exp();
        let mut product = rng.random::<f64>();
        while product > limit {
            total += 1;
            product *= rng.random::<f64>();
        }
    }
    total
}

/// Standard normal draw (Box-Muller).
pub(crate) fn normal(rng: &mut StdRng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Gamma(shape, 1) draw (Marsaglia and Tsang 2000).
fn gamma(rng: &mut StdRng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u: f64 = 1.0 - rng.random::<f64>();
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u: f64 = 1.0 - rng.random::<f64>();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// Negative-binomial draw with mean `mu` and variance `phi mu`
/// (Poisson when `phi = 1`), as a gamma mixture of Poissons.
pub(crate) fn negative_binomial(rng: &mut StdRng, mu: f64, phi: f64) -> u64 {
    let lambda = if phi > 1.0 {
        let size = mu / (phi - 1.0);
        gamma(rng, size) * mu / size
    } else {
        mu
    };
    poisson(rng, lambda)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn negative_binomial_has_mean_mu_and_variance_phi_mu() {
        let mut rng = StdRng::seed_from_u64(7);
        let (mu, phi) = (4.0, 3.0);
        let draws: Vec<f64> = (0..200_000).map(|_| negative_binomial(&mut rng, mu, phi) as f64).collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!((mean - mu).abs() < 0.05, "{mean}");
        assert!((var / mean - phi).abs() < 0.1, "{var}");
    }
}
