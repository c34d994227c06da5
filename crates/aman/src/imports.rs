//! `aman import …`: reference data from files — administrative areas (OCHA
//! COD-AB) and conflict events (UCDP GED), each event placed in the deepest
//! area containing its point.

use crate::{DbArg, open};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_db::NewConflictEvent;
use aman_detect::events::ConflictEvent;
use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import administrative areas from a folder of OCHA COD-AB GeoJSON files
    /// (irq_admbnda_adm0..3_*.geojson), e.g. data/boundaries.
    Areas {
        dir: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Import the population of areas from a CSV with the columns
    /// pcode,population,year (for rates per 10,000 people in the index).
    Population {
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Import the posts of an Ushahidi (v3 or later) CSV export as concerns,
    /// each category translated by a mapping file with the header
    /// `ushahidi_category,aman_category`. Importing the same export again
    /// adds nothing; rows that cannot be used are listed with the reason.
    Ushahidi {
        file: PathBuf,
        #[arg(long)]
        mapping: PathBuf,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: crate::KeyArg,
    },
    /// Import conflict events (e.g. data/events/conflict_data_irq.csv, UCDP GED);
    /// importing the same file again adds nothing.
    Events {
        #[arg(long, value_enum)]
        format: EventFormat,
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EventFormat {
    Ucdp,
}

pub async fn run(command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::Areas { dir, db } => {
            let records = read_area_dir(&dir)?;
            let db = open(&db.url).await?;
            let count = db.upsert_areas(&records).await?;
            println!("imported {count} areas from {}", dir.display());
            Ok(())
        }
        ImportCommand::Population { file, db } => {
            let text = crate::input::read_text(&file, crate::input::SETTINGS_BYTES)?;
            let db = open(&db.url).await?;
            let known: std::collections::HashSet<String> = db.all_areas().await?.into_iter().map(|a| a.pcode).collect();
            let mut rows = Vec::new();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
            if header != ["pcode", "population", "year"] {
                bail!("{}: the header must be pcode,population,year", file.display());
            }
            for (i, record) in reader.records().enumerate() {
                let line = i + 2;
                let record = record.with_context(|| format!("line {line}"))?;
                let area = Pcode::parse(&record[0]).filter(|p| known.contains(p.as_str()));
                let area = area.with_context(|| format!("line {line}: `{}` is not a known P-code", &record[0]))?;
                let population: i64 = record[1].trim().parse().ok().filter(|p| *p > 0).with_context(|| {
                    format!("line {line}: the population `{}` is not a positive whole number", &record[1])
                })?;
                let year: i64 =
                    record[2].trim().parse().with_context(|| format!("line {line}: year `{}`", &record[2]))?;
                rows.push((area, population, year));
            }
            let count = db.upsert_populations(&rows).await?;
            println!("recorded the population of {count} areas");
            Ok(())
        }
        ImportCommand::Ushahidi { file, mapping, db, keys } => {
            crate::ushahidi::import(&file, &mapping, &db, &keys).await
        }
        ImportCommand::Events { format: EventFormat::Ucdp, file, db } => {
            let text = crate::input::read_text(&file, aman_detect::MAX_INPUT_BYTES)?;
            let events = aman_detect::events::parse_ucdp(&text).with_context(|| format!("in {}", file.display()))?;
            let db = open(&db.url).await?;
            let records = db.all_areas().await?;
            if records.is_empty() {
                bail!("the database has no areas; import them first (aman import areas data/boundaries)");
            }
            let areas = aman_geo::Areas::new(records)?;
            let (rows, outside) = place_events(&areas, &events);
            let added = db.insert_conflict_events(&rows).await?;
            println!(
                "read {} events; {added} new, {} already present, {outside} outside every area",
                events.len(),
                rows.len() as u64 - added
            );
            Ok(())
        }
    }
}

/// UCDP events as rows to store, each in the deepest area containing its
/// point; also how many fell outside every area.
pub fn place_events(areas: &aman_geo::Areas, events: &[ConflictEvent]) -> (Vec<NewConflictEvent>, usize) {
    let mut outside = 0;
    let mut rows = Vec::with_capacity(events.len());
    for event in events {
        let area = areas.locate(event.latitude, event.longitude).and_then(|a| Pcode::parse(&a.pcode));
        let (Some(area), Some(occurred_on), Some(category)) =
            (area, aman_db::date_from_day_number(event.date_start), Category::from_code(event.category))
        else {
            outside += 1;
            continue;
        };
        rows.push(NewConflictEvent {
            dataset: "ucdp-ged".to_owned(),
            dataset_id: event.id.to_string(),
            occurred_on,
            area,
            category,
            deaths: i64::try_from(event.deaths_best).unwrap_or(i64::MAX),
        });
    }
    (rows, outside)
}

pub fn read_area_dir(dir: &Path) -> anyhow::Result<Vec<aman_geo::AreaRecord>> {
    let mut records = Vec::new();
    for (level, name) in aman_geo::OCHA_FILES {
        let path = dir.join(name);
        let text = crate::input::read_text(&path, aman_geo::MAX_BOUNDARY_BYTES)?;
        records.extend(aman_geo::parse_ocha(level, &text).with_context(|| format!("{}", path.display()))?);
    }
    Ok(records)
}
