//! `cargo xtask eval-detect`: how well the `aman-detect` methods find
//! injected outbreaks, and how often they alarm on real conflict data; the
//! table that chose the presets of `aman alerts detect`.
//!
//! **Synthetic daily part.** For each baseline (sparse, moderate, seasonal,
//! trending, day-of-week) `--series` daily Poisson series of 5 years + 30 days
//! of history and one evaluated year are drawn with a fixed seed. Outbreaks
//! are placed all along each series (so the history is contaminated too, as
//! in real data): first start on day 20-79, then 60-149 days after the end
//! of the previous one, duration 3-10 days, `k` in {2, 4, 8} chosen at
//! random and size `Poisson(k * sqrt(expected cases in the window))` (the
//! scheme of Noufaily et al. 2013, with the standard deviation of the
//! window's baseline count), spread by `aman_detect::evaluate::profile`. Each
//! method runs on the evaluated year only; the statistics are those of
//! `aman_detect::evaluate`. The same series summed per week give a weekly
//! table.
//!
//! **Noufaily scenarios** (`eval_noufaily`): the published simulation design,
//! `--replicates` series per scenario.
//!
//! **Replays** (`eval_replay`): the UCDP GED Iraq events, with outbreaks
//! injected (weekly and daily), and the alarm rates on the events as they
//! are.
//!
//! All computation is in `aman-detect`; these files draw, wire and print.

use std::fmt::Write as _;
use std::ops::Range;
use std::time::Instant;

use aman_detect::evaluate::{Outbreak, SeriesScore, Summary, inject, score};
use aman_detect::presets::{self, Preset};
use aman_detect::{CusumParams, EarsParams, FarringtonParams, Frequency, Method};
use anyhow::Result;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cli::EvalArgs;
use crate::draw::poisson;
use crate::eval_common::{Config, alarms, delay, parallel, per_year, percent};
use crate::eval_noufaily::{self, WEEKS};
use crate::eval_replay;

pub(crate) const DEFAULT_SEED: u64 = 0x00A3_A11A_0E7D;
const YEAR: usize = 365;
/// History before the evaluated year: enough for Farrington with b = 5.
const HISTORY: usize = 5 * YEAR + 30;
const LENGTH: usize = HISTORY + YEAR;
const SIZE_FACTORS: [f64; 3] = [2.0, 4.0, 8.0];

/// The rows of every table: R's defaults and Aman's for each method, R's
/// improved Farrington (Noufaily settings) and Aman's preset for
/// `frequency` (for series of `points` counts).
fn configs(frequency: Frequency, points: usize) -> Vec<Config> {
    let mut rows = classic(frequency);
    let c = |method, defaults, method_params| Config { method, defaults, method_params, phase1: None };
    rows.push(c("Farrington improved", "R (Noufaily)", Method::Farrington(presets::noufaily())));
    let preset = Preset::default_for(frequency);
    rows.push(c("NB CUSUM", preset.name(), preset.method(frequency, points)));
    rows
}

/// EARS, CUSUM and Farrington with R's defaults and with Aman's.
fn classic(frequency: Frequency) -> Vec<Config> {
    let year = frequency.per_year();
    let r_ears = EarsParams::default();
    let (aman_ears, aman_farrington) = match frequency {
        Frequency::Day => (presets::ears(), presets::farrington()),
        // Weekly: R's alpha and limit54 (5 cases in 4 weeks) were designed for weeks.
        Frequency::Week => (presets::ears(), FarringtonParams { b: 3, ..FarringtonParams::default() }),
    };
    let c = |method, defaults, method_params, phase1| Config { method, defaults, method_params, phase1 };
    vec![
        c("EARS C1", "R", Method::EarsC1(r_ears), None),
        c("EARS C1", "Aman", Method::EarsC1(aman_ears), None),
        c("EARS C2", "R", Method::EarsC2(r_ears), None),
        c("EARS C2", "Aman", Method::EarsC2(aman_ears), None),
        c("EARS C3", "R", Method::EarsC3(r_ears), None),
        c("EARS C3", "Aman", Method::EarsC3(aman_ears), None),
        c("CUSUM", "R", Method::Cusum(CusumParams::default()), None),
        c("CUSUM", "Aman", Method::Cusum(presets::cusum()), Some(year)),
        c("Farrington", "R", Method::Farrington(FarringtonParams::default()), None),
        c("Farrington", "Aman", Method::Farrington(aman_farrington), None),
    ]
}

struct Scenario {
    name: &'static str,
    what: &'static str,
    mean: fn(usize) -> f64,
}

fn scenarios() -> Vec<Scenario> {
    use std::f64::consts::PI;
    vec![
        Scenario { name: "sparse", what: "0.2/day", mean: |_| 0.2 },
        Scenario { name: "moderate", what: "3/day", mean: |_| 3.0 },
        Scenario {
            name: "seasonal",
            what: "1/day x (1 + 0.6 sin(2 pi t/365))",
            mean: |t| 1.0 + 0.6 * (2.0 * PI * t as f64 / 365.0).sin(),
        },
        Scenario { name: "trending", what: "1/day rising to 1.5/day", mean: |t| 1.0 + 0.5 * t as f64 / LENGTH as f64 },
        Scenario {
            name: "weekday",
            what: "1/day, Fri 0.4 and Sat 0.6 of weekdays' 1.2",
            mean: |t| [1.2, 1.2, 1.2, 1.2, 1.2, 0.4, 0.6][t % 7],
        },
    ]
}

/// A synthetic series with its outbreaks and their size factor `k`.
struct Synthetic {
    counts: Vec<u64>,
    outbreaks: Vec<Outbreak>,
    factors: Vec<usize>,
}

fn synthesize(rng: &mut StdRng, scenario: &Scenario) -> Synthetic {
    let means: Vec<f64> = (0..LENGTH).map(scenario.mean).collect();
    let mut counts: Vec<u64> = means.iter().map(|&m| poisson(rng, m)).collect();
    let (mut outbreaks, mut factors) = (Vec::new(), Vec::new());
    let mut start = rng.random_range(20..80);
    loop {
        let duration = rng.random_range(3..=10);
        if start + duration > LENGTH {
            break;
        }
        let outbreak = Outbreak { start, duration };
        let factor = rng.random_range(0..SIZE_FACTORS.len());
        let expected: f64 = means[outbreak.window()].iter().sum();
        let size = poisson(rng, SIZE_FACTORS[factor] * expected.sqrt());
        inject(&mut counts, &outbreak, size);
        outbreaks.push(outbreak);
        factors.push(factor);
        start += duration + rng.random_range(60..150);
    }
    Synthetic { counts, outbreaks, factors }
}

/// The series summed per week (from day 0; a trailing partial week dropped)
/// and the outbreaks as the weeks they touch.
fn weekly(series: &Synthetic) -> Synthetic {
    let counts = series.counts.chunks_exact(7).map(|w| w.iter().sum()).collect();
    let outbreaks = series
        .outbreaks
        .iter()
        .map(|o| Outbreak { start: o.start / 7, duration: (o.start + o.duration - 1) / 7 - o.start / 7 + 1 })
        .collect();
    Synthetic { counts, outbreaks, factors: series.factors.clone() }
}

/// Per-config totals: all outbreaks, and by size factor.
#[derive(Default, Clone)]
struct Totals {
    all: Summary,
    by_factor: [Summary; 3],
}

impl Totals {
    fn merge(&mut self, other: &Totals) {
        self.all.merge(&other.all);
        for (mine, theirs) in self.by_factor.iter_mut().zip(&other.by_factor) {
            mine.merge(theirs);
        }
    }

    fn add(&mut self, scored: &SeriesScore, factors: &[usize]) {
        self.all.add(scored);
        for (&detection, &factor) in scored.detections.iter().zip(factors) {
            self.by_factor[factor].add_detection(detection);
        }
    }
}

pub fn run(EvalArgs { series: n_series, replicates, seed }: EvalArgs) -> Result<()> {
    let started = Instant::now();

    let scenarios = scenarios();
    let mut rng = StdRng::seed_from_u64(seed);
    let data: Vec<Vec<Synthetic>> =
        scenarios.iter().map(|s| (0..n_series).map(|_| synthesize(&mut rng, s)).collect()).collect();

    println!("# aman-detect evaluation (`cargo xtask eval-detect`)\n");
    println!(
        "Seed {seed:#x}; {n_series} series per baseline; daily Poisson series of {LENGTH} days, \
         the last {YEAR} evaluated; outbreaks 3-10 days, size Poisson(k * sqrt(expected)), \
         k in {{2, 4, 8}}. Sensitivity: outbreaks with an alarm inside their window; \
         FA/yr: alarms outside every window per series-year; delay: median days from \
         outbreak start to first alarm (0 = first day).\n"
    );
    let daily = configs(Frequency::Day, LENGTH);
    let mut all = vec![Totals::default(); daily.len()];
    for (scenario, series) in scenarios.iter().zip(&data) {
        let totals = evaluate(series, Frequency::Day, &daily, HISTORY..LENGTH);
        let outbreaks = totals[0].all.outbreaks;
        println!("## Daily, {} baseline ({}), {outbreaks} outbreaks\n", scenario.name, scenario.what);
        print!("{}", table(&daily, &totals, YEAR, "days"));
        all.iter_mut().zip(&totals).for_each(|(sum, t)| sum.merge(t));
    }
    println!("## Daily, all five baselines together, {} outbreaks\n", all[0].all.outbreaks);
    print!("{}", table(&daily, &all, YEAR, "days"));

    let weeks = LENGTH / 7;
    let weekly_data: Vec<Synthetic> = data.iter().flatten().map(weekly).collect();
    let weekly_configs = configs(Frequency::Week, weeks);
    let totals = evaluate(&weekly_data, Frequency::Week, &weekly_configs, weeks - 52..weeks);
    println!(
        "## Weekly sums of all the series above ({} series, last 52 weeks, {} outbreaks)\n",
        weekly_data.len(),
        totals[0].all.outbreaks
    );
    println!(
        "Delays in weeks. Aman weekly: EARS and CUSUM as daily (CUSUM phase 1 = 52 weeks), Farrington b = 3 with R's alpha 0.05 and limit54 (5 cases in 4 weeks).\n"
    );
    print!("{}", table(&weekly_configs, &totals, 52, "weeks"));

    let noufaily_configs = configs(Frequency::Week, WEEKS);
    let totals = eval_noufaily::noufaily(&noufaily_configs, replicates, seed);
    println!(
        "## Noufaily et al. (2013) scenarios: 42 scenarios x {replicates} weekly series of {WEEKS} weeks, the last 49 evaluated\n"
    );
    println!(
        "POD: share of the evaluated outbreaks with an alarm in their weeks; FA / yr: alarms outside them per series-year; \
         columns by the scenario's mean count in the evaluated weeks and by outbreak size k.\n"
    );
    print!("{}", eval_noufaily::noufaily_table(&noufaily_configs, &totals));

    let real = eval_replay::load()?;
    let weeks = real.series.first().map_or(0, |s| s.1.len()) / 7;
    println!("## Replay with injected outbreaks: UCDP GED Iraq weekly series, last 4 years\n");
    print!("{}", eval_replay::injected(&real, Frequency::Week, &configs(Frequency::Week, weeks), 3, seed));
    let days = real.series.first().map_or(0, |s| s.1.len());
    println!("## Replay with injected outbreaks: UCDP GED Iraq daily series, last year\n");
    print!("{}", eval_replay::injected(&real, Frequency::Day, &configs(Frequency::Day, days), 2, seed));

    eval_replay::alarm_rates(&real, &configs(Frequency::Day, days))?;
    println!("Total run time {:.1} s on {} threads.", started.elapsed().as_secs_f64(), rayon::current_num_threads());
    Ok(())
}

/// Scores every config on every series over `range`, totals per config.
fn evaluate(series: &[Synthetic], frequency: Frequency, configs: &[Config], range: Range<usize>) -> Vec<Totals> {
    let per_series = parallel(series.len(), |i| {
        let s = &series[i];
        configs
            .iter()
            .map(|c| score(&alarms(&s.counts, frequency, c, range.clone()), range.clone(), &s.outbreaks))
            .collect::<Vec<_>>()
    });
    let mut totals = vec![Totals::default(); configs.len()];
    for (s, scores) in series.iter().zip(&per_series) {
        for (total, scored) in totals.iter_mut().zip(scores) {
            total.add(scored, &s.factors);
        }
    }
    totals
}

fn table(configs: &[Config], totals: &[Totals], points_per_year: usize, unit: &str) -> String {
    let mut out = format!(
        "| method | defaults | sensitivity | k=2 | k=4 | k=8 | false alarms / yr | median delay ({unit}) |\n\
         |---|---|---:|---:|---:|---:|---:|---:|\n"
    );
    for (c, t) in configs.iter().zip(totals) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            c.method,
            c.defaults,
            percent(t.all.sensitivity()),
            percent(t.by_factor[0].sensitivity()),
            percent(t.by_factor[1].sensitivity()),
            percent(t.by_factor[2].sensitivity()),
            per_year(&t.all, points_per_year),
            delay(&t.all),
        );
    }
    out.push('\n');
    out
}
