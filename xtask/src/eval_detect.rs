//! `cargo xtask eval-detect`: how well the `aman-detect` methods find
//! injected outbreaks, and how often they alarm on real conflict data.
//!
//! **Synthetic part.** For each baseline (sparse, moderate, seasonal,
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
//! **Replay.** The UCDP GED Iraq events (`data/events/`, CC BY 4.0) become
//! daily event counts 2004-01-01 .. 2018-12-25, nationally per Aman category
//! and per UCDP type of violence, and per governorate (UCDP's `adm_1`, not
//! our P-codes: the area index is not used here) and category where the
//! series has at least 100 events. Without ground truth, the table shows
//! alarms per series-year over 2010-2018 and when each method first alarmed
//! after 2014-06-01 in the national `terrorism` series (the IS offensive:
//! Samarra 5 June, Mosul 10 June 2014).
//!
//! All computation is in `aman-detect`; this file draws, wires and prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use aman_detect::evaluate::{Outbreak, SeriesScore, Summary, inject, score};
use aman_detect::presets;
use aman_detect::{
    ConflictEvent, CusumParams, EarsParams, FarringtonParams, Frequency, Method, detect, format_date, parse_date,
    parse_ucdp,
};
use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cli::EvalArgs;

pub(crate) const DEFAULT_SEED: u64 = 0x00A3_A11A_0E7D;
const YEAR: usize = 365;
/// History before the evaluated year: enough for Farrington with b = 5.
const HISTORY: usize = 5 * YEAR + 30;
const LENGTH: usize = HISTORY + YEAR;
const SIZE_FACTORS: [f64; 3] = [2.0, 4.0, 8.0];
const THREADS: usize = 2;
const EVENTS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/events/conflict_data_irq.csv");

/// One method with one parameter set, as a row of the tables.
struct Config {
    method: &'static str,
    defaults: &'static str,
    method_params: Method,
    /// CUSUM only: length of the phase-1 (in-control fit) period before the
    /// evaluated range; `None` = all the history (R: everything before `range`).
    phase1: Option<usize>,
}

fn configs(frequency: Frequency) -> Vec<Config> {
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

/// Alarms of `config` on `counts[range]`.
fn alarms(counts: &[u64], frequency: Frequency, config: &Config, range: Range<usize>) -> Vec<Option<bool>> {
    let offset = match (config.method_params, config.phase1) {
        (Method::Cusum(_), Some(phase1)) => range.start.saturating_sub(phase1),
        _ => 0,
    };
    let shifted = range.start - offset..range.end - offset;
    detect(&counts[offset..], frequency, &config.method_params, shifted).into_iter().map(|p| p.alarm).collect()
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

/// Poisson draw (Knuth's product method, in chunks of mean <= 20).
fn poisson(rng: &mut StdRng, mean: f64) -> u64 {
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
    fn add(&mut self, scored: &SeriesScore, factors: &[usize]) {
        self.all.add(scored);
        for (&detection, &factor) in scored.detections.iter().zip(factors) {
            self.by_factor[factor].add_detection(detection);
        }
    }
}

/// Runs `work(job)` for `0..jobs` on [`THREADS`] threads, results in order.
fn parallel<T: Send>(jobs: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..jobs).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                loop {
                    let job = next.fetch_add(1, Ordering::Relaxed);
                    if job >= jobs {
                        break;
                    }
                    let result = work(job);
                    results.lock().unwrap_or_else(|e| e.into_inner())[job] = Some(result);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
}

pub fn run(EvalArgs { series: n_series, seed }: EvalArgs) -> Result<()> {
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
    let daily = configs(Frequency::Day);
    for (scenario, series) in scenarios.iter().zip(&data) {
        let totals = evaluate(series, Frequency::Day, &daily, HISTORY..LENGTH);
        let outbreaks = totals[0].all.outbreaks;
        println!("## Daily, {} baseline ({}), {outbreaks} outbreaks\n", scenario.name, scenario.what);
        print!("{}", table(&daily, &totals, YEAR, "days"));
    }

    let weeks = LENGTH / 7;
    let weekly_data: Vec<Synthetic> = data.iter().flatten().map(weekly).collect();
    let weekly_configs = configs(Frequency::Week);
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

    replay(&daily)?;
    println!("Total run time {:.1} s on {THREADS} threads.", started.elapsed().as_secs_f64());
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

fn percent(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| format!("{:.0}%", 100.0 * x))
}

fn table(configs: &[Config], totals: &[Totals], per_year: usize, unit: &str) -> String {
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
            t.all.false_alarms_per_year(per_year).map_or("-".into(), |x| format!("{x:.1}")),
            t.all.median_delay().map_or("-".into(), |x| format!("{x:.1}")),
        );
    }
    out.push('\n');
    out
}

/// Normalised governorate name from UCDP's `adm_1` ("Al Başrah  province").
fn governorate(adm_1: &str) -> Option<String> {
    let name = adm_1.trim().trim_end_matches("province").split_whitespace().collect::<Vec<_>>().join(" ");
    match name.as_str() {
        "" => None,
        // The Ba'th-era name of Kirkuk governorate.
        "At-Ta'mim" => Some("Kirkūk".into()),
        _ => Some(name),
    }
}

fn replay(configs: &[Config]) -> Result<()> {
    let text = std::fs::read_to_string(EVENTS_CSV).with_context(|| format!("reading {EVENTS_CSV}"))?;
    let events = parse_ucdp(&text).context("parsing the UCDP events")?;
    let day = |s: &str| parse_date(s).context("bad constant date");
    let (first, end, evaluated, offensive) =
        (day("2004-01-01")?, day("2018-12-26")?, day("2010-01-01")?, day("2014-06-01")?);
    let length = (end - first) as usize;

    let mut series: BTreeMap<(u8, String), Vec<u64>> = BTreeMap::new();
    let mut add = |group: u8, name: String, e: &ConflictEvent| {
        let t = (e.date_start - first) as usize;
        series.entry((group, name)).or_insert_with(|| vec![0; length])[t] += 1;
    };
    for e in events.iter().filter(|e| (first..end).contains(&e.date_start)) {
        add(0, format!("Iraq / {}", e.category), e);
        add(1, format!("Iraq / type {} {}", e.violence.code(), e.violence.label()), e);
        if let Some(g) = governorate(&e.adm_1) {
            add(2, format!("{g} / {}", e.category), e);
        }
    }
    let start = (evaluated - first) as usize;
    series.retain(|_, counts| counts[start..].iter().sum::<u64>() >= 100);
    let series: Vec<((u8, String), Vec<u64>)> = series.into_iter().collect();

    let range = start..length;
    let results = parallel(series.len(), |i| {
        configs.iter().map(|c| alarms(&series[i].1, Frequency::Day, c, range.clone())).collect::<Vec<_>>()
    });
    let years = range.len() as f64 / YEAR as f64;
    let groups = ["national, per category", "national, per type of violence", "governorate x category"];
    println!(
        "## Replay: UCDP GED Iraq events (CC BY 4.0), daily counts 2004-01-01..2018-12-25, evaluated {}..2018-12-25\n",
        format_date(evaluated)
    );
    println!("Series with at least 100 events in the evaluated period:");
    for (g, label) in groups.iter().enumerate() {
        let names: Vec<&str> =
            series.iter().filter(|((group, _), _)| *group as usize == g).map(|((_, n), _)| n.as_str()).collect();
        println!("- {label} ({}): {}", names.len(), names.join(", "));
    }
    println!(
        "\nNo ground truth: alarm rates per series-year, and the first alarm on or after 2014-06-01 (IS offensive) in the national `terrorism` series.\n"
    );
    println!("| method | defaults | {} | {} | {} | first alarm from 2014-06-01 |", groups[0], groups[1], groups[2]);
    println!("|---|---|---:|---:|---:|---|");
    let terrorism = series.iter().position(|((g, n), _)| *g == 0 && n == "Iraq / terrorism");
    for (c, config) in configs.iter().enumerate() {
        let mut cells = Vec::new();
        for g in 0..groups.len() {
            let (mut n, mut alarms) = (0usize, 0usize);
            for (s, _) in series.iter().enumerate().filter(|(_, ((group, _), _))| *group as usize == g) {
                n += 1;
                alarms += results[s][c].iter().filter(|a| **a == Some(true)).count();
            }
            cells.push(if n == 0 { "-".into() } else { format!("{:.1}", alarms as f64 / (n as f64 * years)) });
        }
        let first_alarm = terrorism
            .and_then(|s| {
                let from = (offensive - first) as usize - start;
                results[s][c]
                    .iter()
                    .skip(from)
                    .position(|a| *a == Some(true))
                    .map(|i| format_date(offensive + i as i64))
            })
            .unwrap_or_else(|| "-".into());
        println!(
            "| {} | {} | {} | {} | {} | {first_alarm} |",
            config.method, config.defaults, cells[0], cells[1], cells[2]
        );
    }
    println!();
    Ok(())
}
