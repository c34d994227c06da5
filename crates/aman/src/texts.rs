//! `aman geocode` and `aman text near-duplicates|flag`: the analyst's view of
//! what `aman-text` does inside the server, over CSV files (`id,text`) or one
//! text, answering on standard output.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest `id,text` file read (a few hundred thousand reports).
pub const TEXT_INPUT_BYTES: usize = 256 << 20;

#[derive(Subcommand)]
pub enum TextCommand {
    /// Group reports of the same event: writes `id,group` (one line per input
    /// row; rows of one group share its value).
    NearDuplicates(InputArg),
    /// Flag hate speech and incitement for review: writes `id,score,flagged`.
    Flag(InputArg),
}

#[derive(Args)]
pub struct InputArg {
    /// CSV with the columns `id,text` (a header row first).
    #[arg(long, value_name = "FILE.csv")]
    pub input: PathBuf,
}

#[derive(Args)]
pub struct GeocodeArgs {
    /// The place as written ("near the Hay al-Jihad market in Baghdad").
    #[arg(value_name = "TEXT", required_unless_present = "input", conflicts_with = "input")]
    pub text: Option<String>,
    /// CSV with the columns `id,text`: writes `id,pcode,score`, the best
    /// candidate of each row (empty when none).
    #[arg(long, value_name = "FILE.csv")]
    pub input: Option<PathBuf>,
    /// Candidates answered for one text.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: usize,
}

/// The `id,text` rows of a CSV file, in order.
fn rows(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let text = crate::input::read_text(path, TEXT_INPUT_BYTES)?;
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().with_context(|| format!("{}: no header row", path.display()))?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{FEFF}') == name)
            .with_context(|| format!("{}: no column `{name}` (the columns must be `id,text`)", path.display()))
    };
    let (id, text) = (column("id")?, column("text")?);
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let record = record.with_context(|| format!("{}: line {}", path.display(), i + 2))?;
            Ok((record.get(id).unwrap_or_default().to_owned(), record.get(text).unwrap_or_default().to_owned()))
        })
        .collect()
}

/// Writes CSV rows (the header first) to standard output.
fn write_csv<R: Serialize>(header: &[&str], rows: impl IntoIterator<Item = R>) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut writer = csv::Writer::from_writer(stdout.lock());
    writer.write_record(header)?;
    for row in rows {
        writer.serialize(row)?;
    }
    writer.flush()?;
    Ok(())
}

pub fn text(command: TextCommand) -> anyhow::Result<()> {
    match command {
        TextCommand::NearDuplicates(args) => {
            let rows = rows(&args.input)?;
            let groups = aman_text::near_dup::groups(rows.iter().map(|(_, text)| text.as_str()));
            // A group is named by the id of its first member.
            write_csv(&["id", "group"], rows.iter().zip(&groups).map(|((id, _), &group)| (id, &rows[group].0)))
        }
        TextCommand::Flag(args) => {
            let rows = rows(&args.input)?;
            let flagger = aman_text::flag::Flagger::shipped();
            write_csv(
                &["id", "score", "flagged"],
                rows.iter().map(|(id, text)| {
                    let assessment = flagger.assess(text);
                    (id, format!("{:.4}", assessment.score), assessment.flagged)
                }),
            )
        }
    }
}

pub fn geocode(args: GeocodeArgs) -> anyhow::Result<()> {
    if args.limit == 0 || args.limit > 50 {
        bail!("--limit must be from 1 to 50");
    }
    let records = aman_geo::embedded_boundaries()
        .into_iter()
        .map(|(level, text)| aman_geo::parse_ocha(level, text))
        .collect::<Result<Vec<_>, _>>()?
        .concat();
    let areas = aman_geo::Areas::new(records)?;
    let gazetteer = aman_text::geocode::Gazetteer::new(&areas);
    match (args.text, args.input) {
        (Some(text), None) => {
            let candidates = gazetteer.candidates(&text, args.limit);
            let mut out = std::io::stdout().lock();
            serde_json::to_writer(&mut out, &serde_json::json!({ "candidates": candidates }))?;
            writeln!(out)?;
            Ok(())
        }
        (None, Some(input)) => {
            let rows = rows(&input)?;
            write_csv(
                &["id", "pcode", "score"],
                rows.iter().map(|(id, text)| match gazetteer.candidates(text, 1).into_iter().next() {
                    Some(best) => (id.clone(), best.pcode, format!("{:.4}", best.score)),
                    None => (id.clone(), String::new(), String::new()),
                }),
            )
        }
        _ => bail!("give either a TEXT or --input FILE.csv"),
    }
}
