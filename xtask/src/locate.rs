//! `cargo xtask bench-locate`: point → deepest-area lookups on one thread.
//!
//! Builds the `aman-geo` index from the embedded OCHA boundaries exactly as
//! the server does, generates seeded points for three workloads, warms up,
//! then times whole batches of `AreaIndex::locate` on the calling thread:
//!
//! * `bbox-uniform`: uniform in Iraq's bounding box, so some fall outside
//!   Iraq (the slowest case: every level is searched before giving up);
//! * `subdistrict-jitter`: a random sub-district's inner point moved by up
//!   to ±0.02° in each axis, every sub-district equally likely (roughly
//!   "reports come from where people live");
//! * `iraq-uniform`: uniform over Iraq's land, by rejection from the bounding
//!   box (weights the large, sparsely populated desert sub-districts).

use std::hint::black_box;
use std::time::{Duration, Instant};

use aman_geo::{AreaIndex, AreaRecord};
use anyhow::{Context, Result, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cli::LocateArgs;
use crate::cpu;

/// Iraq's bounding box in degrees.
const LAT_RANGE: (f64, f64) = (29.06, 37.38);
const LON_RANGE: (f64, f64) = (38.79, 48.63);
/// How far a sub-district's inner point is moved, at most, in each axis.
const JITTER_DEGREES: f64 = 0.02;
const TARGET_POINTS_PER_SECOND: f64 = 1_000_000.0;
pub(crate) const DEFAULT_SEED: u64 = 0x00A3_A11A_2025;
const SUB_DISTRICT: u8 = 3;

/// A point as `(lat, lon)`, the order `AreaIndex::locate` takes.
type LatLon = (f64, f64);

pub fn run(LocateArgs { points, runs, seed }: LocateArgs) -> Result<()> {
    let started = Instant::now();
    let areas = Areas::load()?;
    println!(
        "index: {} areas ({} sub-districts) parsed and indexed in {:.2} s",
        areas.levels.len(),
        areas.sub_districts.len(),
        started.elapsed().as_secs_f64()
    );
    println!("{points} points per workload, {runs} timed runs each, one thread, seed {seed:#x}\n");

    let mut rng = StdRng::seed_from_u64(seed);
    let workloads = [
        ("bbox-uniform", bbox_uniform(&mut rng, points)),
        ("subdistrict-jitter", subdistrict_jitter(&mut rng, &areas, points)),
        ("iraq-uniform", iraq_uniform(&mut rng, &areas, points)),
    ];

    println!(
        "{:<20} {:>10} {:>9} {:>10} {:>15} {:>8} {:>11}",
        "workload", "points", "seconds", "M pts/s", "M pts/s range", "found", "at level 3"
    );
    let mut slowest = f64::INFINITY;
    let cpu_before = cpu::snapshot(&[0]);
    for (name, batch) in &workloads {
        let result = measure(&areas, batch, runs);
        let rate = |seconds: f64| batch.len() as f64 / seconds / 1e6;
        let (best, median, worst) = result.best_median_worst();
        slowest = slowest.min(rate(median));
        println!(
            "{:<20} {:>10} {:>9.3} {:>10.3} {:>15} {:>7.1}% {:>10.1}%",
            name,
            batch.len(),
            median,
            rate(median),
            format!("{:.3}–{:.3}", rate(worst), rate(best)),
            percent(result.found, batch.len()),
            percent(result.at_sub_district, batch.len()),
        );
    }
    println!("\n(seconds and M pts/s are the median of the runs; range is worst–best run)");
    report_machine_load(cpu_before);
    let target = TARGET_POINTS_PER_SECOND / 1e6;
    if slowest >= target {
        println!("target met: every workload ≥ {target} M points/s on one core");
    } else {
        println!("TARGET MISSED: slowest workload {slowest:.3} M points/s < {target} M points/s on one core");
    }
    Ok(())
}

/// The index together with what the benchmark needs to know about each id.
struct Areas {
    index: AreaIndex,
    /// The level of each area, by the id given to the index.
    levels: Vec<u8>,
    /// The inner point of every sub-district.
    sub_districts: Vec<LatLon>,
}

impl Areas {
    fn load() -> Result<Areas> {
        let mut records: Vec<AreaRecord> = Vec::new();
        for (level, text) in aman_geo::embedded_boundaries() {
            let parsed = aman_geo::parse_ocha(level, text)
                .with_context(|| format!("parsing the embedded level-{level} boundaries"))?;
            records.extend(parsed);
        }
        let shapes = records
            .iter()
            .enumerate()
            .map(|(id, record)| {
                let shape = aman_geo::parse_geometry(&record.geometry)
                    .with_context(|| format!("geometry of {} is not a polygon", record.pcode))?;
                Ok((id, record.level, shape))
            })
            .collect::<Result<Vec<_>>>()?;
        let sub_districts: Vec<LatLon> =
            records.iter().filter(|record| record.level == SUB_DISTRICT).map(|record| record.inner_point).collect();
        ensure!(!sub_districts.is_empty(), "the embedded boundaries have no sub-districts");
        Ok(Areas {
            index: AreaIndex::new(shapes),
            levels: records.iter().map(|record| record.level).collect(),
            sub_districts,
        })
    }

    fn level_at(&self, (lat, lon): LatLon) -> Option<u8> {
        let id = self.index.locate(lat, lon)?;
        self.levels.get(id).copied()
    }
}

fn bbox_point(rng: &mut StdRng) -> LatLon {
    (rng.random_range(LAT_RANGE.0..LAT_RANGE.1), rng.random_range(LON_RANGE.0..LON_RANGE.1))
}

fn bbox_uniform(rng: &mut StdRng, count: usize) -> Vec<LatLon> {
    (0..count).map(|_| bbox_point(rng)).collect()
}

fn subdistrict_jitter(rng: &mut StdRng, areas: &Areas, count: usize) -> Vec<LatLon> {
    (0..count)
        .map(|_| {
            let (lat, lon) = areas.sub_districts[rng.random_range(0..areas.sub_districts.len())];
            (
                lat + rng.random_range(-JITTER_DEGREES..JITTER_DEGREES),
                lon + rng.random_range(-JITTER_DEGREES..JITTER_DEGREES),
            )
        })
        .collect()
}

/// Points of the bounding box that land in a sub-district; generating them
/// costs about two lookups each, outside the timed part.
fn iraq_uniform(rng: &mut StdRng, areas: &Areas, count: usize) -> Vec<LatLon> {
    let mut points = Vec::with_capacity(count);
    while points.len() < count {
        let point = bbox_point(rng);
        if areas.level_at(point) == Some(SUB_DISTRICT) {
            points.push(point);
        }
    }
    points
}

struct Measurement {
    /// The wall time of each timed run, sorted.
    runs: Vec<Duration>,
    found: usize,
    at_sub_district: usize,
}

impl Measurement {
    /// Seconds of the fastest, the median and the slowest run.
    fn best_median_worst(&self) -> (f64, f64, f64) {
        let seconds = |i: usize| self.runs.get(i).map_or(f64::NAN, Duration::as_secs_f64);
        (seconds(0), seconds(self.runs.len() / 2), seconds(self.runs.len().saturating_sub(1)))
    }
}

/// Counts by depth from one pass over the batch.
#[derive(Default)]
struct Tally {
    found: usize,
    at_sub_district: usize,
}

/// One pass of lookups over `batch`: the code that is timed.
fn sweep(areas: &Areas, batch: &[LatLon]) -> Tally {
    let mut tally = Tally::default();
    for &(lat, lon) in batch {
        let found = areas.index.locate(black_box(lat), black_box(lon));
        if let Some(id) = black_box(found) {
            tally.found += 1;
            if areas.levels.get(id) == Some(&SUB_DISTRICT) {
                tally.at_sub_district += 1;
            }
        }
    }
    tally
}

fn measure(areas: &Areas, batch: &[LatLon], runs: usize) -> Measurement {
    // Warm-up: a tenth of the batch (at most 200 000 points) to fault in the
    // index and settle the CPU clock.
    let warm = batch.len().div_ceil(10).min(200_000);
    black_box(sweep(areas, &batch[..warm]));

    let mut times = Vec::with_capacity(runs);
    let mut tally = Tally::default();
    for _ in 0..runs {
        let started = Instant::now();
        tally = sweep(areas, black_box(batch));
        times.push(started.elapsed());
    }
    times.sort();
    Measurement { runs: times, found: tally.found, at_sub_district: tally.at_sub_district }
}

/// Says how busy the whole machine was while the workloads ran: this
/// benchmark keeps one core busy, so CPU used by other processes means they
/// competed for the machine (its cores, caches or memory bandwidth) and the
/// figures are probably low.
fn report_machine_load(before: Option<cpu::Snapshot>) {
    let Some(usage) = before.zip(cpu::snapshot(&[0])).and_then(|(b, a)| cpu::between(&b, &a)) else {
        return;
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let others = usage.others().unwrap_or(0.0) * 100.0;
    println!(
        "machine: {:.0}% of {cores} core(s) busy during the workloads ({:.0}% by other processes), \
         {:.0}% stolen by the hypervisor",
        usage.busy * 100.0,
        others,
        usage.steal * 100.0
    );
    if others > 5.0 {
        println!("warning: other processes were using the CPU; these figures are likely low");
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_seeded_and_inside_the_bounding_box() {
        let points = bbox_uniform(&mut StdRng::seed_from_u64(DEFAULT_SEED), 10_000);
        assert_eq!(points, bbox_uniform(&mut StdRng::seed_from_u64(DEFAULT_SEED), 10_000));
        assert_ne!(points, bbox_uniform(&mut StdRng::seed_from_u64(DEFAULT_SEED + 1), 10_000));
        for (lat, lon) in points {
            assert!((LAT_RANGE.0..LAT_RANGE.1).contains(&lat), "{lat}");
            assert!((LON_RANGE.0..LON_RANGE.1).contains(&lon), "{lon}");
        }
    }
}
