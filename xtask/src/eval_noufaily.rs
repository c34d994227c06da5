//! The simulation design of Noufaily et al. (2013, Stat Med 32:1206), as
//! used to compare outbreak-detection methods: weekly negative-binomial
//! series of 624 weeks with mean
//! `mu_t = exp(theta + beta t + sum_{j=1..m} gamma1 cos(2 pi j t/52) + gamma2 sin(2 pi j t/52))`
//! and variance `phi mu_t`, in 42 scenarios (7 parameter sets x trend or
//! not x m = 0, 1, 2). Four outbreaks contaminate the baseline (weeks
//! 313-575); one starts in a random week of the evaluated period (the last
//! 49 weeks, 576-624). An outbreak starting in week `s` has
//! `Poisson(k sd_s)` cases (`sd_s` = the baseline's standard deviation
//! there, `k` = 2, 3, 5 or 10 in the baseline and 1..10 in the evaluated
//! period), each placed `floor(LogNormal(0, 0.5))` weeks after the start.

use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use aman_detect::Frequency;
use aman_detect::evaluate::{Outbreak, SeriesScore, Summary, score};

use crate::draw::{negative_binomial, normal, poisson};
use crate::eval_common::{Config, alarms, delay, parallel, per_year, percent};

/// Parameters of one scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scenario {
    pub theta: f64,
    pub beta: f64,
    pub gamma1: f64,
    pub gamma2: f64,
    pub m: usize,
    pub phi: f64,
}

impl Scenario {
    fn mean(&self, t: usize) -> f64 {
        use std::f64::consts::PI;
        let t = t as f64;
        let season: f64 = (1..=self.m)
            .map(|j| {
                let a = 2.0 * PI * j as f64 * t / 52.0;
                self.gamma1 * a.cos() + self.gamma2 * a.sin()
            })
            .sum();
        (self.theta + self.beta * t + season).exp()
    }

    /// Mean weekly count over the evaluated period.
    pub fn level(&self) -> f64 {
        (WEEKS - EVALUATED..WEEKS).map(|t| self.mean(t + 1)).sum::<f64>() / EVALUATED as f64
    }
}

/// The published parameter sets; each gives six scenarios.
const SETS: [(f64, f64, f64, f64, f64); 7] = [
    // theta, beta, gamma1, gamma2, phi
    (0.1, 0.0025, 0.6, 0.6, 1.5),
    (-2.0, 0.005, 0.1, 0.3, 2.0),
    (1.5, 0.003, 0.2, -0.4, 1.0),
    (0.5, 0.002, 0.5, 0.5, 5.0),
    (2.5, 0.001, 1.0, 0.1, 3.0),
    (3.75, 0.001, 0.1, -0.1, 1.1),
    (5.0, 0.0001, 0.05, 0.01, 1.2),
];

/// The 42 scenarios, in the paper's order.
pub(crate) fn scenarios() -> Vec<Scenario> {
    let mut out = Vec::new();
    for (theta, beta, gamma1, gamma2, phi) in SETS {
        for trend in [false, true] {
            for m in 0..=2 {
                let (gamma1, gamma2) = if m == 0 { (0.0, 0.0) } else { (gamma1, gamma2) };
                out.push(Scenario { theta, beta: if trend { beta } else { 0.0 }, gamma1, gamma2, m, phi });
            }
        }
    }
    out
}

pub(crate) const WEEKS: usize = 624;
pub(crate) const EVALUATED: usize = 49;
const BASELINE_OUTBREAKS: std::ops::Range<usize> = 312..575;

/// A simulated series and its outbreak in the evaluated period.
pub(crate) struct Simulated {
    pub counts: Vec<u64>,
    pub outbreak: Outbreak,
    /// `k` of the evaluated outbreak (1..=10).
    pub k: usize,
    /// Its cases (0: nothing to detect).
    pub cases: u64,
}

/// Adds an outbreak of `Poisson(k sd)` cases starting at `start`; returns
/// it and its number of cases.
fn outbreak(rng: &mut StdRng, counts: &mut [u64], scenario: &Scenario, start: usize, k: f64) -> (Outbreak, u64) {
    let sd = (scenario.phi * scenario.mean(start + 1)).sqrt();
    let cases = poisson(rng, k * sd);
    (spread(rng, counts, start, cases), cases)
}

/// Adds `cases` cases from `start` on, each `floor(LogNormal(0, 0.5))`
/// periods after it (cases past the end of the series are dropped);
/// returns the window they fell in.
pub(crate) fn spread(rng: &mut StdRng, counts: &mut [u64], start: usize, cases: u64) -> Outbreak {
    let mut last = start;
    for _ in 0..cases {
        let offset = (0.5 * normal(rng)).exp().floor() as usize;
        if let Some(c) = counts.get_mut(start + offset) {
            *c += 1;
            last = last.max(start + offset);
        }
    }
    Outbreak { start, duration: last - start + 1 }
}

/// One replicate of `scenario`.
pub(crate) fn simulate(seed: u64, scenario: &Scenario) -> Simulated {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut counts: Vec<u64> =
        (0..WEEKS).map(|t| negative_binomial(&mut rng, scenario.mean(t + 1), scenario.phi)).collect();
    for _ in 0..4 {
        let start = rng.random_range(BASELINE_OUTBREAKS);
        let k = [2.0, 3.0, 5.0, 10.0][rng.random_range(0..4)];
        outbreak(&mut rng, &mut counts, scenario, start, k);
    }
    let k = rng.random_range(1..=10);
    let start = rng.random_range(WEEKS - EVALUATED..WEEKS);
    let (outbreak, cases) = outbreak(&mut rng, &mut counts, scenario, start, k as f64);
    Simulated { counts, outbreak, k, cases }
}

/// Per-config totals of the Noufaily scenarios: all, by baseline level
/// (under 1, 1 to 10, over 10 a week) and by `k` (1-3, 4-6, 7-10).
#[derive(Default, Clone)]
pub(crate) struct NoufailyTotals {
    all: Summary,
    by_level: [Summary; 3],
    by_k: [Summary; 3],
}

/// The Noufaily et al. (2013) scenarios (`eval_noufaily`), `replicates`
/// series each, scored on the last 49 weeks.
pub(crate) fn noufaily(configs: &[Config], replicates: usize, seed: u64) -> Vec<NoufailyTotals> {
    let scenarios = scenarios();
    let range = WEEKS - EVALUATED..WEEKS;
    let results = parallel(scenarios.len() * replicates, |job| {
        let scenario = &scenarios[job / replicates];
        let sim = simulate(seed ^ (job as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15), scenario);
        let scores: Vec<SeriesScore> = configs
            .iter()
            .map(|c| score(&alarms(&sim.counts, Frequency::Week, c, range.clone()), range.clone(), &[sim.outbreak]))
            .collect();
        (scenario.level(), sim.k, sim.cases, scores)
    });
    let mut totals = vec![NoufailyTotals::default(); configs.len()];
    for (level, k, cases, scores) in &results {
        let level = usize::from(*level >= 1.0) + usize::from(*level > 10.0);
        let k = ((k - 1) / 3).min(2);
        for (total, scored) in totals.iter_mut().zip(scores) {
            if *cases == 0 {
                total.all.add_quiet(scored);
                total.by_level[level].add_quiet(scored);
                continue;
            }
            total.all.add(scored);
            total.by_level[level].add(scored);
            total.by_k[k].add(scored);
        }
    }
    totals
}

pub(crate) fn noufaily_table(configs: &[Config], totals: &[NoufailyTotals]) -> String {
    let mut out = String::from(
        "| method | preset | POD | FA / yr | median delay (weeks) | POD < 1/wk | FA < 1/wk | POD 1-10/wk | FA 1-10/wk | POD > 10/wk | FA > 10/wk | POD k 1-3 | k 4-6 | k 7-10 |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let fa = |s: &Summary| per_year(s, 52);
    for (c, t) in configs.iter().zip(totals) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.method,
            c.defaults,
            percent(t.all.sensitivity()),
            fa(&t.all),
            delay(&t.all),
            percent(t.by_level[0].sensitivity()),
            fa(&t.by_level[0]),
            percent(t.by_level[1].sensitivity()),
            fa(&t.by_level[1]),
            percent(t.by_level[2].sensitivity()),
            fa(&t.by_level[2]),
            percent(t.by_k[0].sensitivity()),
            percent(t.by_k[1].sensitivity()),
            percent(t.by_k[2].sensitivity()),
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_are_42_scenarios() {
        assert_eq!(super::scenarios().len(), 42);
    }
}
