//! `cargo xtask eval-geocode`: places named in words (`aman_text::geocode`)
//! against UCDP GED events whose district is known from their coordinates.
//!
//! Each UCDP event has a free-text location (`where_coordinates`, "Bayjī
//! town"), UCDP's province and district text (`adm_1`, `adm_2`) and a
//! point. The true district is the one the point falls in
//! (`Areas::locate`). Only events located precisely enough are used:
//! `where_prec` 1 (the exact place), 2 (within about 25 km) and 3 (a
//! second-order administrative division), or up to `--max-prec`. Two
//! variants are fed to `Gazetteer::candidates`: the location alone, and the
//! location with UCDP's district and province text as a reporter would add
//! them ("Bayjī town, Qaḑā’ Bayjī, Şalāḩ ad Dīn province"). Printed: the
//! share of events whose first candidate lies in the true district (top-1),
//! whose first three hold one that does (top-3), whose first candidate
//! lies in the true governorate, the same top-1 over distinct texts (each
//! text counted once, against the district most of its events fall in), and
//! the time per text.
//!
//! `--derive DIR` instead writes `data/places/gazetteer.csv` from the
//! gazetteer files in DIR (IOM DTM locations, GeoNames cities1000): every
//! place with its sub-district (the deepest area its coordinates fall in;
//! places outside Iraq are dropped), and the DTM and GeoNames spellings of
//! districts and governorates, each given to the area most of its places
//! fall in (at least 60% of at least three places).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use aman_geo::Areas;
use aman_text::geocode::{Candidate, Gazetteer};
use anyhow::{Context, Result, bail};

use crate::cli::GeocodeArgs;

const EVENTS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/events/conflict_data_irq.csv");
const GAZETTEER_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/places/gazetteer.csv");

pub fn run(args: GeocodeArgs) -> Result<()> {
    let areas = load_areas()?;
    if let Some(dir) = &args.derive {
        return derive(&areas, dir);
    }
    let started = Instant::now();
    let gazetteer = Gazetteer::new(&areas);
    println!("gazetteer: {} spellings, built in {:.0} ms", gazetteer.len(), started.elapsed().as_secs_f64() * 1e3);
    let events = read_events(&areas, args.max_prec)?;
    let by_prec: BTreeMap<u8, usize> = events.iter().fold(BTreeMap::new(), |mut m, e| {
        *m.entry(e.prec).or_default() += 1;
        m
    });
    println!(
        "UCDP GED events with where_prec <= {} located in a district: {} {by_prec:?}\n",
        args.max_prec,
        events.len()
    );
    println!(
        "| text fed | events | top-1 district | top-1 right at its level | top-3 district | top-1 governorate | no answer | distinct texts | top-1 district (distinct) | mean µs/text | p99 µs | max µs |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (label, with_admin) in [("location only", false), ("location, district, province", true)] {
        let report = evaluate(&areas, &gazetteer, &events, with_admin, args.misses);
        println!("| {label} | {} |{}", events.len(), report.row);
        if !report.misses.is_empty() {
            eprintln!("most frequent misses ({label}):\n{}", report.misses);
        }
    }
    // A long text: every distinct location text once, one sentence each.
    let places: BTreeSet<&str> = events.iter().map(|e| e.place.as_str()).collect();
    let long: String = places.iter().map(|p| format!("There was shooting near {p} yesterday. ")).collect();
    let words = long.split_whitespace().count();
    let best = (0..5)
        .map(|_| {
            let started = Instant::now();
            let found = gazetteer.candidates(&long, 10);
            (started.elapsed(), found.len())
        })
        .min()
        .unwrap_or_default();
    println!(
        "\none text of {words} words naming {} places: {:.2} ms (best of 5), {} candidates",
        places.len(),
        best.0.as_secs_f64() * 1e3,
        best.1
    );
    Ok(())
}

fn load_areas() -> Result<Areas> {
    let mut records = Vec::new();
    for (level, text) in aman_geo::embedded_boundaries() {
        records.extend(aman_geo::parse_ocha(level, text).with_context(|| format!("boundaries level {level}"))?);
    }
    Areas::new(records).context("indexing the boundaries")
}

struct Event {
    prec: u8,
    place: String,
    admin: Vec<String>,
    district: String,
    governorate: String,
}

/// The events with a precise enough location that falls in a district.
fn read_events(areas: &Areas, max_prec: u8) -> Result<Vec<Event>> {
    let mut reader = csv::Reader::from_path(EVENTS_CSV).with_context(|| format!("reading {EVENTS_CSV}"))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).with_context(|| format!("no column {name}"));
    let (prec, place, adm1, adm2, lat, lon) = (
        column("where_prec")?,
        column("where_coordinates")?,
        column("adm_1")?,
        column("adm_2")?,
        column("latitude")?,
        column("longitude")?,
    );
    let mut events = Vec::new();
    for record in reader.records() {
        let record = record?;
        // The second row holds HXL hashtags, not an event.
        let Ok(precision) = record[prec].parse::<u8>() else { continue };
        let (Ok(y), Ok(x)) = (record[lat].parse::<f64>(), record[lon].parse::<f64>()) else { continue };
        if precision > max_prec {
            continue;
        }
        let Some(area) = areas.locate(y, x) else { continue };
        let chain = areas.ancestry(&area.pcode);
        let at = |level: u8| chain.iter().find(|p| areas.get(p).is_some_and(|a| a.level == level)).cloned();
        let (Some(district), Some(governorate)) = (at(2), at(1)) else { continue };
        let admin =
            [&record[adm2], &record[adm1]].iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        events.push(Event { prec: precision, place: record[place].trim().to_owned(), admin, district, governorate });
    }
    Ok(events)
}

struct Report {
    row: String,
    misses: String,
}

fn evaluate(areas: &Areas, gazetteer: &Gazetteer, events: &[Event], with_admin: bool, misses: usize) -> Report {
    let in_area = |candidate: &Candidate, pcode: &str| candidate.pcode.starts_with(pcode);
    let (mut top1, mut top3, mut governorate, mut none, mut at_level) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut times: Vec<Duration> = Vec::with_capacity(events.len());
    let mut texts: HashMap<String, (Vec<Candidate>, BTreeMap<String, usize>)> = HashMap::new();
    let mut missed: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for event in events {
        let text = if with_admin {
            std::iter::once(event.place.as_str())
                .chain(event.admin.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            event.place.clone()
        };
        let started = Instant::now();
        let found = gazetteer.candidates(&text, 3);
        times.push(started.elapsed());
        // A district candidate or one inside it; a governorate is not a district.
        let right = |c: &Candidate| c.level >= 2 && in_area(c, &event.district);
        top1 += usize::from(found.first().is_some_and(right));
        top3 += usize::from(found.iter().any(right));
        governorate += usize::from(found.first().is_some_and(|c| in_area(c, &event.governorate)));
        none += usize::from(found.is_empty());
        // Right at the level answered: a governorate for a text that names
        // only a governorate-sized place ("Baghdād city"), else the district.
        at_level +=
            usize::from(found.first().is_some_and(|c| right(c) || (c.level == 1 && in_area(c, &event.governorate))));
        if !found.first().is_some_and(right) {
            let got =
                found.first().map_or("nothing".to_owned(), |c| format!("{} {}", c.pcode, name_en(areas, &c.pcode)));
            let slot = missed.entry((text.clone(), event.district.clone())).or_insert((0, got));
            slot.0 += 1;
        }
        let slot = texts.entry(text).or_insert_with(|| (found.clone(), BTreeMap::new()));
        *slot.1.entry(event.district.clone()).or_default() += 1;
    }
    let distinct_right = texts
        .values()
        .filter(|(found, districts)| {
            let majority = districts.iter().max_by_key(|&(_, n)| *n).map(|(d, _)| d.as_str()).unwrap_or_default();
            found.first().is_some_and(|c| c.level >= 2 && in_area(c, majority))
        })
        .count();
    let n = events.len().max(1) as f64;
    let total: Duration = times.iter().sum();
    times.sort();
    let p99 = times.get(times.len() * 99 / 100).copied().unwrap_or_default();
    let slowest = times.last().copied().unwrap_or_default();
    let pct = |k: usize, of: f64| format!("{:.1}%", 100.0 * k as f64 / of);
    let row = format!(
        " {} | {} | {} | {} | {} | {} | {} | {:.1} | {:.1} | {:.1} |",
        pct(top1, n),
        pct(at_level, n),
        pct(top3, n),
        pct(governorate, n),
        pct(none, n),
        texts.len(),
        pct(distinct_right, texts.len().max(1) as f64),
        total.as_secs_f64() * 1e6 / n,
        p99.as_secs_f64() * 1e6,
        slowest.as_secs_f64() * 1e6,
    );
    let mut worst: Vec<_> = missed.into_iter().collect();
    worst.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut text = String::new();
    for ((place, district), (count, got)) in worst.into_iter().take(misses) {
        let _ = writeln!(text, "  {count:5}  {place:60}  true {district} {}  got {got}", name_en(areas, &district));
    }
    Report { row, misses: text }
}

fn name_en(areas: &Areas, pcode: &str) -> String {
    areas.get(pcode).map(|a| a.name_en.clone()).unwrap_or_default()
}

/// A name as a CSV field of the place list: no commas or quotes (a comma
/// separates two spellings, so it becomes a slash), one line, trimmed.
fn field(name: &str) -> String {
    name.replace([',', '،'], "/").replace(['"', '\n', '\r'], " ").trim().to_owned()
}

/// Writes `data/places/gazetteer.csv` from the gazetteer files in `dir`.
fn derive(areas: &Areas, dir: &Path) -> Result<()> {
    let mut rows: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    // Admin spellings: (source, level, spelling) → the areas of its places.
    let mut admin: BTreeMap<(&str, u8, String), Vec<String>> = BTreeMap::new();
    let ancestor = |pcode: &str, level: u8| {
        areas.ancestry(pcode).into_iter().find(|p| areas.get(p).is_some_and(|a| a.level == level))
    };
    let (mut dropped, mut kept) = (0usize, 0usize);
    let dtm = dir.join("dtm_iraq_locations_2014-2021.csv");
    let mut reader = csv::Reader::from_path(&dtm).with_context(|| format!("reading {}", dtm.display()))?;
    for record in reader.deserialize::<HashMap<String, String>>() {
        let record = record?;
        let get = |k: &str| record.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
        let (name_en, name_ar) = (field(&get("name_en")), field(&get("name_ar")));
        let (Ok(lat), Ok(lon)) = (get("lat").parse::<f64>(), get("lon").parse::<f64>()) else {
            dropped += 1;
            continue;
        };
        let Some(area) = areas.locate(lat, lon).filter(|_| !(name_en.is_empty() && name_ar.is_empty())) else {
            dropped += 1;
            continue;
        };
        kept += 1;
        rows.insert((name_ar, name_en, area.pcode.clone(), "dtm".to_owned()));
        for (level, key) in [(1, "governorate"), (2, "district")] {
            if let Some(upper) = ancestor(&area.pcode, level) {
                admin.entry(("dtm", level, field(&get(key)))).or_default().push(upper);
            }
        }
    }
    let geonames = dir.join("geonames_cities1000_IQ.csv");
    let mut reader = csv::Reader::from_path(&geonames).with_context(|| format!("reading {}", geonames.display()))?;
    for record in reader.deserialize::<HashMap<String, String>>() {
        let record = record?;
        let get = |k: &str| record.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
        let (Ok(lat), Ok(lon)) = (get("lat").parse::<f64>(), get("lon").parse::<f64>()) else {
            dropped += 1;
            continue;
        };
        let Some(area) = areas.locate(lat, lon).filter(|_| !get("name").is_empty()) else {
            dropped += 1;
            continue;
        };
        kept += 1;
        rows.insert((String::new(), field(&get("name")), area.pcode.clone(), "geonames".to_owned()));
        for (level, key) in [(1, "admin1"), (2, "admin2")] {
            if let Some(upper) = ancestor(&area.pcode, level) {
                admin.entry(("geonames", level, field(&get(key)))).or_default().push(upper);
            }
        }
    }
    let mut aliases = 0;
    for ((source, level, spelling), pcodes) in admin {
        if spelling.is_empty() {
            continue;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &pcodes {
            *counts.entry(p.as_str()).or_default() += 1;
        }
        let Some((pcode, n)) = counts.into_iter().max_by_key(|&(_, n)| n) else { continue };
        let least = if source == "geonames" && level == 2 { 1 } else { 3 };
        if pcodes.len() >= least && n * 10 >= pcodes.len() * 6 {
            aliases += 1;
            rows.insert((String::new(), spelling, pcode.to_owned(), format!("{source}-admin")));
        }
    }
    if rows.is_empty() {
        bail!("no places read from {}", dir.display());
    }
    let mut out = String::from("name_ar,name_en,pcode,source\n");
    for (ar, en, pcode, source) in &rows {
        let _ = writeln!(out, "{ar},{en},{pcode},{source}");
    }
    std::fs::write(GAZETTEER_CSV, out).with_context(|| format!("writing {GAZETTEER_CSV}"))?;
    println!(
        "{GAZETTEER_CSV}: {} rows ({kept} places located, {dropped} without a name or outside Iraq dropped, {aliases} district and governorate spellings)",
        rows.len()
    );
    Ok(())
}
