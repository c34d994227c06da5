//! Replays of real series: the UCDP GED Iraq events (`data/events/`,
//! CC BY 4.0) as daily event counts 2004-01-01 .. 2018-12-25, nationally per
//! Aman category and per UCDP type of violence, and per governorate (UCDP's
//! `adm_1`, not our P-codes) and category.
//!
//! - [`alarm_rates`]: without ground truth, alarms per series-year over
//!   2010-2018 and when each method first alarmed after 2014-06-01 in the
//!   national `terrorism` series (the IS offensive: Samarra 5 June, Mosul
//!   10 June 2014).
//! - [`injected`]: the same real series with outbreaks added, so detection
//!   and false alarms can be counted on real backgrounds (false alarms then
//!   include real surges, for every method alike).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use aman_detect::evaluate::{Outbreak, Summary, inject, score};
use aman_detect::{ConflictEvent, Frequency, format_date, parse_date, parse_ucdp};
use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::draw::poisson;
use crate::eval_common::{Config, alarms, delay, parallel, per_year, percent};
use crate::eval_noufaily::spread;

const EVENTS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/events/conflict_data_irq.csv");
const YEAR: usize = 365;

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

/// The real daily series (group 0: national per category, 1: national per
/// type of violence, 2: governorate x category) and the dates they span.
pub(crate) struct Real {
    pub series: Vec<((u8, String), Vec<u64>)>,
    /// Day 0 of every series (days since 1970-01-01).
    pub first: i64,
}

pub(crate) fn load() -> Result<Real> {
    let text = std::fs::read_to_string(EVENTS_CSV).with_context(|| format!("reading {EVENTS_CSV}"))?;
    let events = parse_ucdp(&text).context("parsing the UCDP events")?;
    let day = |s: &str| parse_date(s).context("bad constant date");
    let (first, end) = (day("2004-01-01")?, day("2018-12-26")?);
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
    Ok(Real { series: series.into_iter().collect(), first })
}

pub(crate) fn alarm_rates(real: &Real, configs: &[Config]) -> Result<()> {
    let day = |s: &str| parse_date(s).context("bad constant date");
    let (first, evaluated, offensive) = (real.first, day("2010-01-01")?, day("2014-06-01")?);
    let length = real.series.first().map_or(0, |s| s.1.len());
    let mut series: Vec<((u8, String), Vec<u64>)> = real.series.clone();
    let start = (evaluated - first) as usize;
    series.retain(|(_, counts)| counts[start..].iter().sum::<u64>() >= 100);

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

/// Per-config totals of the injected replay: all series, and split by the
/// series' mean in the evaluated period (under or over one per period).
#[derive(Default, Clone)]
struct ReplayTotals {
    all: Summary,
    by_level: [Summary; 2],
}

/// The real series of `real` summed per week (from day 0; a trailing
/// partial week dropped), or as they are for daily data.
fn at(frequency: Frequency, counts: &[u64]) -> Vec<u64> {
    match frequency {
        Frequency::Day => counts.to_vec(),
        Frequency::Week => counts.chunks_exact(7).map(|w| w.iter().sum()).collect(),
    }
}

/// Adds outbreaks all along `range` and returns them: weekly, `Poisson(k sd)`
/// cases (`sd` of the 52 weeks before the start, at least 1; `k` 1 to 10)
/// spread as in the Noufaily scenarios, 20-39 weeks apart; daily, 3-10 days
/// of `Poisson(k sqrt(expected))` cases (`k` 2, 4 or 8, `expected` from the
/// year before) on a triangular curve, 30-59 days apart.
fn add_outbreaks(rng: &mut StdRng, counts: &mut [u64], frequency: Frequency, range: Range<usize>) -> Vec<Outbreak> {
    let mut out = Vec::new();
    let mut start = range.start + rng.random_range(0..20);
    while start < range.end {
        let before = &counts[start.saturating_sub(frequency.per_year())..start];
        let n = before.len().max(1) as f64;
        let mean = before.iter().sum::<u64>() as f64 / n;
        let outbreak = match frequency {
            Frequency::Week => {
                let sd = (before.iter().map(|&c| (c as f64 - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
                let k = rng.random_range(1..=10) as f64;
                let cases = poisson(rng, k * sd.max(1.0));
                spread(rng, counts, start, cases)
            }
            Frequency::Day => {
                let outbreak = Outbreak { start, duration: rng.random_range(3..=10) };
                let k = [2.0, 4.0, 8.0][rng.random_range(0..3)];
                let size = poisson(rng, k * (mean * outbreak.duration as f64).sqrt().max(1.0));
                inject(counts, &outbreak, size);
                outbreak
            }
        };
        let gap = match frequency {
            Frequency::Week => rng.random_range(20..40),
            Frequency::Day => rng.random_range(30..60),
        };
        start = outbreak.start + outbreak.duration + gap;
        out.push(outbreak);
    }
    out
}

/// Injected outbreaks in the real series with at least 20 events in the
/// evaluated period (the last 4 years of weeks, or the last year of days),
/// `rounds` times with other outbreaks; returns the markdown table.
pub(crate) fn injected(real: &Real, frequency: Frequency, configs: &[Config], rounds: usize, seed: u64) -> String {
    let all: Vec<Vec<u64>> = real.series.iter().map(|(_, c)| at(frequency, c)).collect();
    let length = all.first().map_or(0, Vec::len);
    let evaluated = match frequency {
        Frequency::Week => 4 * 52,
        Frequency::Day => YEAR,
    };
    let range = length.saturating_sub(evaluated)..length;
    let kept: Vec<&Vec<u64>> = all.iter().filter(|c| c[range.clone()].iter().sum::<u64>() >= 20).collect();
    let jobs = kept.len() * rounds;
    let results = parallel(jobs, |job| {
        let mut rng = StdRng::seed_from_u64(seed ^ (job as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let mut counts = kept[job % kept.len()].clone();
        let sparse = counts[range.clone()].iter().sum::<u64>() < range.len() as u64;
        let outbreaks = add_outbreaks(&mut rng, &mut counts, frequency, range.clone());
        let scores: Vec<_> = configs
            .iter()
            .map(|c| score(&alarms(&counts, frequency, c, range.clone()), range.clone(), &outbreaks))
            .collect();
        (sparse, scores)
    });
    let mut totals = vec![ReplayTotals::default(); configs.len()];
    for (sparse, scores) in &results {
        for (total, scored) in totals.iter_mut().zip(scores) {
            total.all.add(scored);
            total.by_level[usize::from(!sparse)].add(scored);
        }
    }
    let unit = match frequency {
        Frequency::Week => "week",
        Frequency::Day => "day",
    };
    let per = frequency.per_year();
    let sparse = kept.iter().filter(|c| c[range.clone()].iter().sum::<u64>() < range.len() as u64).count();
    let mut out = format!(
        "{} real series ({sparse} with under one event a {unit}), {rounds} rounds of outbreaks, {} outbreaks evaluated.\n\n\
         | method | preset | POD | FA / yr | median delay ({unit}s) | POD < 1/{unit} | FA < 1/{unit} | POD ≥ 1/{unit} | FA ≥ 1/{unit} |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
        kept.len(),
        totals.first().map_or(0, |t| t.all.outbreaks),
    );
    for (c, t) in configs.iter().zip(&totals) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.method,
            c.defaults,
            percent(t.all.sensitivity()),
            per_year(&t.all, per),
            delay(&t.all),
            percent(t.by_level[0].sensitivity()),
            per_year(&t.by_level[0], per),
            percent(t.by_level[1].sensitivity()),
            per_year(&t.by_level[1], per),
        );
    }
    out.push('\n');
    out
}
