//! `cargo xtask bench-detect`: throughput of the `aman-detect` methods on
//! every series Aman watches, 119 areas (101 districts + 18 governorates) ×
//! 13 categories = 1,547 daily series of 10 years (3,650 days).
//!
//! The series are seeded Poisson draws: districts 0.01–0.3 reports a day per
//! category, governorates 0.2–3, scaled by a fixed weight per category; every
//! third category has a yearly season (±50 %), and about a third of the
//! series carry 1–4 outbreaks of 3–10 days at three to five times the rate.
//!
//! Three workloads, each with Aman's presets, timed on 1 and 2 threads (the
//! series split in equal halves), best of `--runs`:
//!
//! * **full**: every point R would evaluate over the 10 years: EARS from day
//!   8/10/12, the CUSUM monitored over the last 9 years after a 365-day
//!   phase 1, Farrington from day 1,098 (3 years + w), and Farrington on the
//!   last year only;
//! * **server**: what one hourly alert run computes (`aman-web` `alerts.rs`):
//!   for each series the last 393 days, skipped if the last 3 are all zero,
//!   else the CUSUM over the last 28 days after a 365-day phase 1 when that
//!   phase holds at least 12 reports, or EARS C2 over the last 3 days;
//! * **one day**: every method for the newest day only (`n-1..n`). The CUSUM
//!   is recursive, so its "one day" is the server's: refit phase 1 and rerun
//!   the 28-day monitored window;
//! * **presets**: `aman alerts detect`'s daily preset for the newest day,
//!   and its weekly preset for the newest week of the weekly sums (the cost of
//!   the improved Farrington baseline per point).

use std::time::{Duration, Instant};

use aman_detect::presets::Preset;
use aman_detect::{Frequency, Method, default_range, detect, presets};
use anyhow::Result;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cli::DetectArgs;
use crate::cpu;

pub(crate) const DEFAULT_SEED: u64 = 0x00A3_A11A_DE7E;
const DISTRICTS: usize = 101;
const GOVERNORATES: usize = 18;
/// Relative weight of each of the 13 categories.
const CATEGORY_WEIGHTS: [f64; 13] = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05];
const DAYS: usize = 3650;
const PHASE1: usize = presets::CUSUM_PHASE1_DAYS;
/// `aman-web` alert settings: monitored days, lookback, phase-1 minimum.
const MONITOR: usize = 28;
const LOOKBACK: usize = 3;
const MIN_PHASE1_REPORTS: u64 = 12;

/// Evaluates one series; returns (points evaluated, alarms).
type Job = Box<dyn Fn(&[u64]) -> (usize, usize) + Sync>;

pub fn run(DetectArgs { runs, seed, only }: DetectArgs) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let series = simulate(seed);
    let reports: u64 = series.iter().flatten().sum();
    let only_arg = only.as_ref().map_or(String::new(), |o| format!(" --only {o:?}"));
    println!("command: cargo xtask bench-detect --runs {runs} --seed {seed:#x}{only_arg}");
    println!(
        "{} series ({} areas x {} categories) x {DAYS} days, {reports} reports; {cores} cores; best of {runs}\n",
        series.len(),
        DISTRICTS + GOVERNORATES,
        CATEGORY_WEIGHTS.len()
    );
    println!("| workload | threads | wall time | series/s | points/s | points | alarms |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let before = cpu::snapshot(&[0]);
    let sections = [
        ("full", full()),
        ("last year", last_year()),
        ("server", server()),
        ("one day", one_day()),
        ("presets", presets()),
    ];
    for (section, workloads) in sections {
        for threads in [1, 2] {
            let (mut total, mut fast) = (Duration::ZERO, Duration::ZERO);
            for (name, job) in &workloads {
                let name = format!("{section}: {name}");
                if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
                    continue;
                }
                let (time, points, alarms) = measure(&series, threads, runs, job);
                total += time;
                if !name.contains("Farrington") {
                    fast += time;
                }
                row(&name, threads, time, series.len(), points, alarms);
            }
            // Totals compare the methods of one workload; the presets are apart.
            if workloads.len() > 1 && section != "presets" && only.is_none() {
                println!("| **{section}: all but Farrington** | {threads} | **{}** | | | | |", format_time(fast));
                println!("| **{section}: all of the above** | {threads} | **{}** | | | | |", format_time(total));
            }
        }
    }
    if let Some(usage) = before.zip(cpu::snapshot(&[0])).and_then(|(b, a)| cpu::between(&b, &a)) {
        let others = usage.others().map_or(String::from("?"), |o| format!("{:.0} %", o * 100.0));
        println!("\nCPU during the runs: {:.0} % busy, other processes {others}", usage.busy * 100.0);
    }
    Ok(())
}

fn full() -> Vec<(&'static str, Job)> {
    let whole = |method: Method| -> Job {
        Box::new(move |c: &[u64]| {
            count(&detect(c, Frequency::Day, &method, default_range(&method, Frequency::Day, c.len())))
        })
    };
    vec![
        ("EARS C1, days 8-3650", whole(Method::EarsC1(presets::ears()))),
        ("EARS C2, days 10-3650", whole(Method::EarsC2(presets::ears()))),
        ("EARS C3, days 12-3650", whole(Method::EarsC3(presets::ears()))),
        ("CUSUM, 365-day phase 1, last 9 years", whole(Method::Cusum(presets::cusum()))),
        ("Farrington, days 1099-3650", whole(Method::Farrington(presets::farrington()))),
    ]
}

fn last_year() -> Vec<(&'static str, Job)> {
    let farrington = Method::Farrington(presets::farrington());
    vec![(
        "Farrington, last 365 days",
        Box::new(move |c| count(&detect(c, Frequency::Day, &farrington, c.len() - 365..c.len()))),
    )]
}

fn server() -> Vec<(&'static str, Job)> {
    let job = |c: &[u64]| {
        let c = &c[c.len() - PHASE1 - MONITOR..];
        let n = c.len();
        if c[n - LOOKBACK..].iter().all(|&x| x == 0) {
            return (0, 0);
        }
        let (method, range) = if c[..PHASE1].iter().sum::<u64>() >= MIN_PHASE1_REPORTS {
            (Method::Cusum(presets::cusum()), PHASE1..n)
        } else {
            (Method::EarsC2(presets::ears()), n - LOOKBACK..n)
        };
        count(&detect(c, Frequency::Day, &method, range))
    };
    vec![("CUSUM 28 days or EARS C2 3 days, as aman-web", Box::new(job))]
}

fn one_day() -> Vec<(&'static str, Job)> {
    let last = |method: Method| -> Job {
        Box::new(move |c: &[u64]| count(&detect(c, Frequency::Day, &method, c.len() - 1..c.len())))
    };
    let cusum = Method::Cusum(presets::cusum());
    vec![
        ("EARS C1", last(Method::EarsC1(presets::ears()))),
        ("EARS C2", last(Method::EarsC2(presets::ears()))),
        ("EARS C3", last(Method::EarsC3(presets::ears()))),
        (
            "CUSUM (phase 1 + 28-day window)",
            Box::new(move |c| {
                let c = &c[c.len() - PHASE1 - MONITOR..];
                count(&detect(c, Frequency::Day, &cusum, PHASE1..c.len()))
            }),
        ),
        ("Farrington", last(Method::Farrington(presets::farrington()))),
    ]
}

/// The presets of `aman alerts detect` (the NB CUSUM on the improved
/// Farrington baseline) for the newest point: the daily one on the series,
/// the weekly one on their weekly sums.
fn presets() -> Vec<(&'static str, Job)> {
    let daily = |c: &[u64]| {
        let method = Preset::Daily.method(Frequency::Day, c.len());
        count(&detect(c, Frequency::Day, &method, c.len() - 1..c.len()))
    };
    let weekly = |c: &[u64]| {
        let weeks: Vec<u64> = c.chunks_exact(7).map(|w| w.iter().sum()).collect();
        let method = Preset::Weekly.method(Frequency::Week, weeks.len());
        count(&detect(&weeks, Frequency::Week, &method, weeks.len() - 1..weeks.len()))
    };
    vec![("daily preset, newest day", Box::new(daily)), ("weekly preset, newest week", Box::new(weekly))]
}

fn count(points: &[aman_detect::Point]) -> (usize, usize) {
    (points.len(), points.iter().filter(|p| p.alarm == Some(true)).count())
}

/// Best wall time of `runs` runs of `job` over all series on `threads`
/// threads, with the points evaluated and alarms raised in one run.
fn measure(series: &[Vec<u64>], threads: usize, runs: usize, job: &Job) -> (Duration, usize, usize) {
    let mut best = (Duration::MAX, 0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let (points, alarms) = std::thread::scope(|scope| {
            let handles: Vec<_> = series
                .chunks(series.len().div_ceil(threads))
                .map(|chunk| {
                    scope.spawn(move || chunk.iter().map(|c| job(c)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("benchmark thread panicked"))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        best = best.min((started.elapsed(), points, alarms));
    }
    best
}

fn row(name: &str, threads: usize, time: Duration, series: usize, points: usize, alarms: usize) {
    let seconds = time.as_secs_f64();
    println!(
        "| {name} | {threads} | {} | {} | {} | {points} | {alarms} |",
        format_time(time),
        format_rate(series as f64 / seconds),
        format_rate(points as f64 / seconds)
    );
}

fn format_time(time: Duration) -> String {
    let seconds = time.as_secs_f64();
    if seconds >= 1.0 { format!("{seconds:.2} s") } else { format!("{:.2} ms", seconds * 1e3) }
}

fn format_rate(rate: f64) -> String {
    if rate >= 1e6 { format!("{:.1} M", rate / 1e6) } else { format!("{:.0}", rate) }
}

/// The 1,547 seeded series, districts first, then governorates.
fn simulate(seed: u64) -> Vec<Vec<u64>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut series = Vec::new();
    for area in 0..DISTRICTS + GOVERNORATES {
        let scale = if area < DISTRICTS { rng.random_range(0.01..0.3) } else { rng.random_range(0.2..3.0) };
        for (category, weight) in CATEGORY_WEIGHTS.iter().enumerate() {
            let seasonal = category % 3 == 0;
            let phase = rng.random_range(0.0..365.0);
            let mut rate: Vec<f64> = (0..DAYS)
                .map(|t| {
                    let season = if seasonal {
                        1.0 + 0.5 * (std::f64::consts::TAU * (t as f64 + phase) / 365.0).sin()
                    } else {
                        1.0
                    };
                    (scale * weight * season).max(0.005)
                })
                .collect();
            if rng.random_range(0..3) == 0 {
                for _ in 0..1 + rng.random_range(0..4) {
                    let (start, length, factor) =
                        (rng.random_range(0..DAYS - 10), 3 + rng.random_range(0..8), rng.random_range(3.0..5.0));
                    rate[start..start + length].iter_mut().for_each(|r| *r = *r * factor + 0.3);
                }
            }
            series.push(rate.iter().map(|&mu| poisson(&mut rng, mu)).collect());
        }
    }
    series
}

/// Knuth's multiplication method; fine for the small rates here.
fn poisson(rng: &mut StdRng, mu: f64) -> u64 {
    let limit = (-mu).exp();
    let (mut k, mut p) = (0, rng.random::<f64>());
    while p > limit {
        k += 1;
        p *= rng.random::<f64>();
    }
    k
}
