//! `aman report sitrep`: an area's situation report for one month that is
//! over, written as a standalone HTML file (its stylesheet inside, no
//! scripts) or printed to PDF by headless Chromium, which shapes Arabic and
//! Kurdish as the browser shows them. The same protected figures as the
//! public page `/dashboard/{pcode}/sitrep/{month}`.

use crate::keyfile::load_keys;
use crate::{DbArg, KeyArg, open};
use aman_core::concern::Language;
use aman_web::AppState;
use aman_web::i18n::Tr;
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// A situation report of an area for one month that is over.
    Sitrep(SitrepArgs),
}

#[derive(Args)]
pub struct SitrepArgs {
    /// The area's P-code (IQ for the whole country).
    #[arg(long)]
    area: String,
    /// The month, e.g. 2026-11.
    #[arg(long)]
    month: String,
    /// `html` (a standalone file) or `pdf` (needs Chromium: `AMAN_CHROMIUM`, or `chromium` on the PATH).
    #[arg(long, default_value = "pdf", value_parser = ["pdf", "html"])]
    format: String,
    /// The report's language.
    #[arg(long, default_value = "ar", value_parser = ["ar", "ckb", "kmr", "en"])]
    lang: String,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    keys: KeyArg,
}

pub async fn run(command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Sitrep(args) => sitrep(args).await,
    }
}

async fn sitrep(args: SitrepArgs) -> anyhow::Result<()> {
    let month = aman_app::sitrep::parse_month(&args.month)
        .with_context(|| format!("`{}` is not a month like 2026-11", args.month))?;
    let lang = Language::from_code(&args.lang).context("unknown language")?;
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    let state = AppState::load(db, keys, Arc::new(chrono::Utc::now), aman_web::Settings::default()).await?;
    let area = args.area.trim().to_ascii_uppercase();
    let html = aman_web::sitrep_html(&state, Tr::new(lang), &area, month)
        .await
        .map_err(|e| anyhow::anyhow!("cannot make the report: {}", e.code.as_str()))?;
    let html = standalone(&html);
    match args.format.as_str() {
        "html" => std::fs::write(&args.out, html).with_context(|| format!("cannot write {}", args.out.display()))?,
        _ => print_pdf(&html, &args.out)?,
    }
    eprintln!("situation report of {area} for {} written to {}", args.month.trim(), args.out.display());
    Ok(())
}

/// The page as a file that stands alone: the stylesheet inside, no
/// scripts, no site header or footer (the report carries its attribution).
fn standalone(html: &str) -> String {
    let mut out = html.replace(
        r#"<link rel="stylesheet" href="/static/aman.css">"#,
        &format!("<style>\n{}\n</style>", aman_web::STYLESHEET),
    );
    for (open, close) in [("<header class=\"top\">", "</header>"), ("<footer>", "</footer>"), ("<script", "</script>")]
    {
        while let Some(start) = out.find(open) {
            let Some(end) = out[start..].find(close).map(|e| start + e + close.len()) else { break };
            out.replace_range(start..end, "");
        }
    }
    out.replace(r##"<a class="skip" href="#main">"##, r##"<a class="skip" hidden href="#main">"##)
}

/// Prints the HTML to a PDF with headless Chromium.
fn print_pdf(html: &str, out: &Path) -> anyhow::Result<()> {
    let binary = std::env::var("AMAN_CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
    // A directory of its own for the page and the browser's profile, removed after.
    let work = std::env::temp_dir().join(format!("aman-sitrep-{}", u64::from_le_bytes(aman_app::random::<8>())));
    std::fs::create_dir(&work).context("cannot make a temporary directory")?;
    let printed = print_in(&binary, &work, html, out);
    let _ = std::fs::remove_dir_all(&work);
    printed
}

fn print_in(binary: &str, work: &Path, html: &str, out: &Path) -> anyhow::Result<()> {
    let page = work.join("sitrep.html");
    std::fs::write(&page, html).context("cannot write the page to print")?;
    let out = std::path::absolute(out).context("the output path")?;
    let status = Command::new(binary)
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", work.join("profile").display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .with_context(|| format!("cannot run `{binary}` to print the PDF (install Chromium or set AMAN_CHROMIUM)"))?;
    let printed = std::fs::read(&out).unwrap_or_default();
    if !status.status.success() || !printed.starts_with(b"%PDF") {
        bail!("Chromium did not print the PDF: {}", String::from_utf8_lossy(&status.stderr).trim());
    }
    Ok(())
}
