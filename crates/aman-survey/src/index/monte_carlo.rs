//! Rank uncertainty: the index recomputed under random weights and survey
//! sampling error, with a seeded generator so that a seed gives the same
//! intervals on every run.
//!
//! Each draw, in this order (the order fixes the random stream):
//! 1. with [`WeightDraws::Dirichlet`], for each pillar in [`Pillar::ALL`]
//!    order that has two or more indicators, indicator weights from
//!    Dirichlet(κ·w̃) (w̃ = configured weights normalised within the pillar),
//!    then pillar weights from Dirichlet(κ·W̃) over the weighted pillars;
//!    a Dirichlet vector is a vector of Gamma(κ·w̃ᵢ, 1) draws divided by
//!    their sum;
//! 2. with `sampling_error`, each survey value with SE > 0, indicator by
//!    indicator and row by row, from Normal(estimate, SE²) (not clamped);
//! 3. the index and ranks as for the point estimate.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Gamma, StandardNormal};

use super::config::{Pillar, SourceKind, WeightDraws};
use super::score::{self, Layout, quantile};

/// The Monte Carlo rank interval of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankInterval {
    pub median: f64,
    /// 5th percentile of the ranks (the best plausible rank).
    pub low: f64,
    /// 95th percentile of the ranks (the worst plausible rank).
    pub high: f64,
}

/// Draws a Dirichlet(κ·shares) vector over the entries of `shares` selected
/// by `members`, written into `out` (other entries untouched).
fn dirichlet(rng: &mut StdRng, kappa: f64, shares: &[f64], members: &[usize], out: &mut [f64]) {
    if members.len() < 2 {
        return;
    }
    let mut total = 0.0;
    for &k in members {
        // shares are positive and κ > 0 (validated), so the shape is valid
        let draw = Gamma::new(kappa * shares[k], 1.0).map_or(shares[k], |g| g.sample(rng));
        out[k] = draw;
        total += draw;
    }
    if total > 0.0 {
        for &k in members {
            out[k] /= total;
        }
    } else {
        // all Gamma draws underflowed (tiny κ·w): keep the configured shares
        for &k in members {
            out[k] = shares[k];
        }
    }
}

/// The rank interval of every row (`None` for rows never ranked), or all
/// `None` without draws.
pub(super) fn rank_intervals(
    layout: &Layout,
    values: &[Vec<f64>],
    ses: &[Vec<f64>],
    seed: u64,
) -> Vec<Option<RankInterval>> {
    let config = layout.config;
    let u = &config.uncertainty;
    let n_rows = layout.period_of_row.len();
    if u.draws == 0 {
        return vec![None; n_rows];
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let base_indicator_w = config.indicator_shares();
    let base_pillar_w = config.pillar_shares();
    let by_pillar: Vec<Vec<usize>> = Pillar::ALL
        .iter()
        .map(|p| config.indicators.iter().enumerate().filter(|(_, s)| s.pillar == *p).map(|(i, _)| i).collect())
        .collect();
    let weighted_pillars: Vec<usize> = (0..4).filter(|&p| base_pillar_w[p] > 0.0).collect();
    let survey: Vec<bool> = config.indicators.iter().map(|s| s.source == SourceKind::Survey).collect();

    let mut ranks: Vec<Vec<f64>> = vec![Vec::with_capacity(u.draws); n_rows];
    let mut drawn = values.to_vec();
    let mut indicator_w = base_indicator_w.clone();
    let mut pillar_w = base_pillar_w;
    for _ in 0..u.draws {
        if u.weights == WeightDraws::Dirichlet {
            for members in &by_pillar {
                dirichlet(&mut rng, u.concentration, &base_indicator_w, members, &mut indicator_w);
            }
            dirichlet(&mut rng, u.concentration, &base_pillar_w, &weighted_pillars, &mut pillar_w);
        }
        if u.sampling_error {
            for (i, column) in drawn.iter_mut().enumerate() {
                if !survey[i] {
                    continue;
                }
                for (r, v) in column.iter_mut().enumerate() {
                    let (x, se) = (values[i][r], ses[i][r]);
                    if !x.is_nan() && se > 0.0 {
                        let z: f64 = StandardNormal.sample(&mut rng);
                        *v = x + se * z;
                    }
                }
            }
        }
        let scores = score::score(layout, &drawn, &indicator_w, &pillar_w);
        for (r, rank) in scores.ranks.into_iter().enumerate() {
            if let Some(rank) = rank {
                ranks[r].push(rank);
            }
        }
    }
    ranks
        .into_iter()
        .map(|mut rs| {
            if rs.is_empty() {
                return None;
            }
            rs.sort_by(f64::total_cmp);
            Some(RankInterval { median: quantile(&rs, 0.5), low: quantile(&rs, 0.05), high: quantile(&rs, 0.95) })
        })
        .collect()
}
