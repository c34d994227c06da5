//! `aman survey import-form` and `aman survey import-responses`: survey forms
//! from XLSForm workbooks, and responses from KoboToolbox/ODK exports (CSV or
//! JSON), checked against the form on the server, stored all or nothing.

use crate::keyfile::load_keys;
use crate::{DbArg, KeyArg, open, record};
use aman_app::surveys::{self, DesignColumns};
use aman_app::{App, Settings};
use aman_survey::xlsform::parse_xlsform;
use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Args)]
pub struct ImportFormArgs {
    /// The XLSForm workbook (.xlsx), e.g. data/surveys/community-security-perception.xlsx.
    file: PathBuf,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
}

#[derive(Args)]
pub struct CloseArgs {
    /// The form's id (`form_id` of its settings sheet).
    #[arg(long)]
    form: String,
    /// The last day it takes answers (YYYY-MM-DD) [default: today].
    #[arg(long)]
    on: Option<String>,
    /// Open it again instead.
    #[arg(long, conflicts_with = "on")]
    reopen: bool,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
}

/// `aman survey close`: a survey stops taking answers after a day (its
/// results stay public); `--reopen` undoes it. Recorded in the audit log.
pub async fn close(args: CloseArgs) -> anyhow::Result<()> {
    let day = match (&args.on, args.reopen) {
        (_, true) => None,
        (Some(text), false) => {
            Some(aman_core::text::date(text).with_context(|| format!("--on {text}: not a date (YYYY-MM-DD)"))?)
        }
        (None, false) => Some(chrono::Utc::now().date_naive()),
    };
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    aman_app::check_keys(&db, &keys).await?;
    if db.close_survey(&args.form, day).await? == 0 {
        bail!("no form {}", args.form);
    }
    let detail = day.map_or_else(|| "reopened".to_owned(), |d| format!("closes after {d}"));
    record(&db, &keys, "survey.close", &format!("survey:{}", args.form), &detail).await?;
    println!("survey {}: {detail}", args.form);
    Ok(())
}

#[derive(Args)]
pub struct ImportResponsesArgs {
    /// The form's id (`form_id` of its settings sheet).
    #[arg(long)]
    form: String,
    /// A KoboToolbox/ODK export: .csv (XML values and headers) or .json.
    #[arg(long)]
    input: PathBuf,
    /// Column of sampling weights (default: every weight 1).
    #[arg(long)]
    weight: Option<String>,
    /// Column of strata.
    #[arg(long)]
    stratum: Option<String>,
    /// Column of clusters (primary sampling units).
    #[arg(long)]
    cluster: Option<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
}

pub async fn import_form(args: ImportFormArgs) -> anyhow::Result<()> {
    let bytes = crate::input::read_bytes(&args.file, aman_survey::xlsform::MAX_WORKBOOK_BYTES)?;
    let form = match parse_xlsform(&bytes) {
        Ok(form) => form,
        Err(errors) => bail!("{}: nothing imported:\n{errors}", args.file.display()),
    };
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    let version = form.version.clone().unwrap_or_else(|| "1".to_owned());
    db.insert_survey_form(&form.id, &version, &form.title, &bytes, chrono::Utc::now().timestamp_millis())
        .await
        .map_err(|e| match e {
            aman_db::DbError::Duplicate => anyhow::anyhow!("form {} version {version} is already imported", form.id),
            other => other.into(),
        })?;
    record(&db, &keys, "survey.form_import", &format!("survey:{}", form.id), &format!("version {version}")).await?;
    println!("imported form {} version {version}: {} questions", form.id, form.questions().len());
    Ok(())
}

/// One row of an export: its line (CSV) or position (JSON), and its
/// `(column, value)` pairs.
type ExportRow = (usize, Vec<(String, String)>);

fn rows(path: &Path, text: &str) -> anyhow::Result<Vec<ExportRow>> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        let value: serde_json::Value = serde_json::from_str(text).context("not JSON")?;
        let list = value.as_array().or_else(|| value["results"].as_array()).context("expected a JSON array")?;
        return Ok(list
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let pairs = row
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)));
                (i + 1, pairs.collect())
            })
            .collect());
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().context("no header row")?.iter().map(str::to_owned).collect();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("line {}", i + 2))?;
        out.push((i + 2, header.iter().cloned().zip(record.iter().map(str::to_owned)).collect()));
    }
    Ok(out)
}

fn collected_on(raw: &BTreeMap<String, String>) -> Option<NaiveDate> {
    ["_submission_time", "today", "start", "end"]
        .iter()
        .filter_map(|k| raw.get(*k))
        .find_map(|v| v.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

pub async fn import_responses(args: ImportResponsesArgs) -> anyhow::Result<()> {
    let text = crate::input::read_text(&args.input, aman_survey::MAX_INPUT_BYTES)?;
    let rows = rows(&args.input, &text).with_context(|| format!("in {}", args.input.display()))?;
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    let state = App::load(db, keys, Arc::new(chrono::Utc::now), Settings::default()).await?;
    let form = surveys::load_form(&state, &args.form).await.map_err(|_| anyhow::anyhow!("no form {}", args.form))?;
    let design = DesignColumns { weight: args.weight, stratum: args.stratum, cluster: args.cluster };
    let mut report = Vec::new();
    let mut responses = Vec::new();
    for (line, pairs) in rows {
        let raw = surveys::raw_answers(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())));
        let date = collected_on(&raw).unwrap_or_else(|| state.today());
        let id = raw.get("_uuid").or_else(|| raw.get("instanceID")).cloned().unwrap_or_else(|| format!("row-{line}"));
        match surveys::response(state.areas(), &form.form, &raw, date, &design, id, "import") {
            Ok(response) => responses.push(response),
            Err(problems) => report.push(format!("row {line}: {}", problems.join("; "))),
        }
    }
    if !report.is_empty() {
        bail!(
            "{} of {} rows have problems; nothing imported:\n{}",
            report.len(),
            report.len() + responses.len(),
            report.join("\n")
        );
    }
    let stored = surveys::store(&state, &form, responses).await.map_err(|e| match e {
        aman_db::DbError::Duplicate => anyhow::anyhow!("some responses were imported before; nothing imported"),
        other => other.into(),
    })?;
    record(
        state.db(),
        state.keys(),
        "survey.responses_import",
        &format!("survey:{}", args.form),
        &format!("{stored} responses"),
    )
    .await?;
    println!("imported {stored} responses to {}", args.form);
    Ok(())
}

#[derive(Args)]
pub struct IndexArgs {
    /// The quarter, e.g. 2026-Q3 (default: the last complete quarter).
    #[arg(long)]
    period: Option<String>,
    /// An index configuration (default: data/index/aman-csi.toml, built in).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Seed of the Monte Carlo rank intervals (the same seed gives the same intervals).
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Output CSV (standard output when absent).
    #[arg(long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
}

/// `aman index`: the Community Security Index of every governorate for one
/// quarter, as CSV with pillar scores, ranks, rank intervals and missing data.
pub async fn index(args: IndexArgs) -> anyhow::Result<()> {
    use aman_app::index::{DEFAULT_CONFIG, IndexSetup, Quarter};
    let text = match &args.config {
        Some(path) => crate::input::read_text(path, crate::input::SETTINGS_BYTES)?,
        None => DEFAULT_CONFIG.to_owned(),
    };
    let setup = IndexSetup::parse(&text).map_err(|e| anyhow::anyhow!("index configuration: {e}"))?;
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    let state = App::load(db, keys, Arc::new(chrono::Utc::now), Settings::default()).await?;
    let quarter = match &args.period {
        Some(p) => Quarter::parse(p).with_context(|| format!("`{p}` is not a quarter like 2026-Q3"))?,
        None => Quarter::containing(state.today()).previous(),
    };
    let result =
        aman_app::index::compute(&state, &setup, quarter, args.seed).await.context("cannot compute the index")?;
    let mut out = String::from(
        "area,social,economic,cultural,institutional,overall,rank,rank_low,rank_median,rank_high,missing\n",
    );
    let number = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    for row in &result.rows {
        let interval = row.rank_interval;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            row.area,
            number(row.pillars[0]),
            number(row.pillars[1]),
            number(row.pillars[2]),
            number(row.pillars[3]),
            number(row.overall),
            number(row.rank),
            number(interval.map(|i| i.low)),
            number(interval.map(|i| i.median)),
            number(interval.map(|i| i.high)),
            row.missing_indicators.join(" "),
        ));
    }
    match &args.output {
        Some(path) => std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{out}"),
    }
    Ok(())
}
