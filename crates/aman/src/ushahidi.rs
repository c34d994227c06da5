//! `aman import ushahidi`: the posts of an Ushahidi (v3 or later) CSV export
//! filed as concerns through the application's import (channel `import`,
//! counted in the month Ushahidi received them), each once however often
//! the file is imported, with a progress bar and a list of the rows left
//! out and why.

use crate::keyfile::load_keys;
use crate::{DbArg, KeyArg, open};
use aman_app::{App, Settings};
use aman_core::category::Category;
use aman_core::concern::{ConcernInput, ContactInput, NumberInput};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The export's columns Aman reads (Ushahidi's own headers).
const POST_ID: &str = "Post ID";
const TITLE: &str = "Title";
const DESCRIPTION: &str = "Description";
const LAT: &str = "Location.lat";
const LON: &str = "Location.lon";
const POST_DATE: &str = "Post Date (UTC)";
const CATEGORIES: &str = "Categories";
const CONTACT: &str = "Contact";

/// The mapping file: Ushahidi category name → Aman category.
fn read_mapping(path: &Path) -> anyhow::Result<BTreeMap<String, Category>> {
    let text = crate::input::read_text(path, crate::input::SETTINGS_BYTES)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    if reader.headers()?.iter().collect::<Vec<_>>() != ["ushahidi_category", "aman_category"] {
        bail!("{}: the header must be ushahidi_category,aman_category", path.display());
    }
    let mut mapping = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{} line {}", path.display(), i + 2))?;
        let category = Category::from_code(record[1].trim())
            .with_context(|| format!("{} line {}: `{}` is not an Aman category", path.display(), i + 2, &record[1]))?;
        mapping.insert(record[0].trim().to_lowercase(), category);
    }
    Ok(mapping)
}

pub async fn import(file: &Path, mapping: &Path, db: &DbArg, keys: &KeyArg) -> anyhow::Result<()> {
    let mapping = read_mapping(mapping)?;
    let text = crate::input::read_text(file, aman_detect::MAX_INPUT_BYTES)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(id), Some(title), Some(description), Some(lat), Some(lon), Some(date), Some(categories)) = (
        column(POST_ID),
        column(TITLE),
        column(DESCRIPTION),
        column(LAT),
        column(LON),
        column(POST_DATE),
        column(CATEGORIES),
    ) else {
        bail!(
            "{}: not an Ushahidi post export (it needs the columns {POST_ID}, {TITLE}, {DESCRIPTION}, {LAT}, {LON}, {POST_DATE}, {CATEGORIES})",
            file.display()
        );
    };
    let contact = column(CONTACT);
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().context("reading the export")?;
    let state =
        App::load(open(&db.url).await?, load_keys(&keys.path)?, Arc::new(chrono::Utc::now), Settings::default())
            .await?;
    let progress = indicatif::ProgressBar::new(records.len() as u64);
    let (mut imported, mut present, mut skipped) = (0, 0, Vec::new());
    for (i, record) in records.iter().enumerate() {
        progress.inc(1);
        let line = i + 2;
        let field = |n: usize| record.get(n).unwrap_or_default().trim();
        let post = field(id);
        let mut skip = |reason: String| skipped.push(format!("line {line} (post {post}): {reason}"));
        let Some(category) = field(categories).split(',').find_map(|c| mapping.get(&c.trim().to_lowercase())) else {
            skip(format!("no category maps to Aman's (`{}`)", field(categories)));
            continue;
        };
        let Ok(received) = chrono::NaiveDateTime::parse_from_str(field(date), "%Y-%m-%d %H:%M:%S") else {
            skip(format!("the post date `{}` is not YYYY-MM-DD HH:MM:SS", field(date)));
            continue;
        };
        let words =
            [field(title), field(description)].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(". ");
        // A post without a point is placed by the place its words name.
        let located = !field(lat).is_empty() && !field(lon).is_empty();
        let area = if located { None } else { aman_app::places::resolve_words(&state, &words) };
        if !located && area.is_none() {
            skip("no location, and its words name no place".to_owned());
            continue;
        }
        let language = aman_app::i18n::detect_language(&words).unwrap_or(aman_core::concern::Language::Ar);
        let input = ConcernInput {
            category: Some(category.as_str().to_owned()),
            description: Some(words),
            area: area.map(|a| a.to_string()),
            lat: located.then(|| NumberInput::Text(field(lat).to_owned())),
            lon: located.then(|| NumberInput::Text(field(lon).to_owned())),
            occurred_on: Some(received.date().to_string()),
            language: Some(language.as_str().to_owned()),
            contact: contact
                .map(field)
                .filter(|c| !c.is_empty())
                .map(|c| ContactInput { name: None, phone: Some(c.to_owned()) }),
        };
        let key = format!("ushahidi:{post}");
        match aman_app::concerns::import(&state, &input, &key, received.and_utc().timestamp_millis()).await {
            Ok(true) => imported += 1,
            Ok(false) => present += 1,
            Err(aman_app::Error::Invalid(fields)) => {
                let problems: Vec<String> = fields.iter().map(|(f, code)| format!("{f}: {code}")).collect();
                skip(problems.join(", "));
            }
            Err(error) => bail!("line {line}: {error:?}"),
        }
    }
    progress.finish_and_clear();
    println!(
        "read {} posts: {imported} imported, {present} already imported, {} left out",
        records.len(),
        skipped.len()
    );
    for reason in &skipped {
        println!("  {reason}");
    }
    Ok(())
}
