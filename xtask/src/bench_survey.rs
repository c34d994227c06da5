//! `cargo xtask bench-survey`: design-based domain estimation, Aman against
//! R's `survey` on the same file.
//!
//! Generates a seeded survey of N responses (default 1,000,000) in 20
//! strata × 100 PSUs (PSU numbers restart in each stratum), weights 50–450,
//! a 0–10 score with 5 % missing and a yes/no answer with 4 % missing, in D
//! domains (default 50), and writes it to a temporary CSV. Then:
//!
//! * Aman, from the columns in memory (as R has its data frame): the design
//!   is built, then the mean of the score and the proportion "yes" with
//!   Taylor SEs (and t / logit CIs) for every domain; best of R runs;
//! * R, `Rscript` on the same CSV: `svydesign(ids = ~psu, strata = ~stratum,
//!   weights = ~w, nest = TRUE)`, then `svyby(~score, ~domain, des, svymean,
//!   na.rm = TRUE)` and the same for `~yes` (a proportion as the mean of a
//!   0/1 variable), timed with `system.time`, once; the whole Rscript run
//!   (start-up, `read.csv`) is reported too.
//!
//! * Python `svy` (with `--svy-python`), the same design and domain means
//!   from a polars data frame, timed around the design and the estimation.
//!
//! The estimates and SEs are compared with Aman's, and the speed-ups of the
//! computation are printed (targets: ≥ 200× R, ≥ 20× svy).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use aman_survey::{Design, Domains, Estimate, LonelyPsu, Options as SurveyOptions, Statistic, estimate_domains};
use anyhow::{Context, Result, bail, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cli::SurveyArgs;

pub(crate) const DEFAULT_SEED: u64 = 0x5EED_5A7E_2026;
const STRATA: usize = 20;
const PSUS_PER_STRATUM: usize = 100;
const TARGET_SPEEDUP: f64 = 200.0;

const R_SCRIPT: &str = r#"suppressMessages(library(survey))
a <- commandArgs(TRUE)
d <- read.csv(a[1], colClasses = c("integer", "integer", "numeric", "character", "numeric", "numeric"))
t_design <- system.time(des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = d))
t_est <- system.time({
  m <- svyby(~score, ~domain, des, svymean, na.rm = TRUE)
  p <- svyby(~yes, ~domain, des, svymean, na.rm = TRUE)
})
f <- function(x) sprintf("%.17g", as.numeric(x))
write.csv(data.frame(domain = m$domain, mean = f(coef(m)), mean_se = f(SE(m)),
                     prop = f(coef(p)), prop_se = f(SE(p))), a[2], row.names = FALSE, quote = FALSE)
cat(sprintf("%.3f %.3f\n", t_design[["elapsed"]], t_est[["elapsed"]]), file = a[3])
"#;

/// The same with the Python package `svy` (polars data frame; PSUs made
/// unique across strata, as R's `nest = TRUE`).
const SVY_SCRIPT: &str = r#"import sys, time
import polars as pl
import svy
a = sys.argv[1:]
d = pl.read_csv(a[0], schema_overrides={"domain": pl.Utf8})
d = d.with_columns((pl.col("stratum") * 100000 + pl.col("psu")).alias("psu_id"))
t0 = time.perf_counter()
s = svy.Sample(data=d, design=svy.Design(stratum="stratum", psu="psu_id", wgt="w"))
t1 = time.perf_counter()
m = s.estimation.mean(y="score", by="domain", drop_nulls=True).to_polars()
p = s.estimation.mean(y="yes", by="domain", drop_nulls=True).to_polars()
t2 = time.perf_counter()
m = m.sort("domain")
p = p.sort("domain")
with open(a[1], "w") as f:
    f.write("domain,mean,mean_se,prop,prop_se\n")
    for r, q in zip(m.iter_rows(named=True), p.iter_rows(named=True)):
        f.write("%s,%.17g,%.17g,%.17g,%.17g\n" % (r["domain"], r["est"], r["se"], q["est"], q["se"]))
with open(a[2], "w") as f:
    f.write("%.4f %.4f\n" % (t1 - t0, t2 - t1))
"#;

/// The generated survey, as columns.
struct Survey {
    stratum: Vec<u32>,
    psu: Vec<u32>,
    w: Vec<f64>,
    domain: Vec<u32>,
    score: Vec<f64>,
    yes: Vec<f64>,
    labels: Vec<String>,
}

fn generate(n: usize, domains: usize, seed: u64) -> Survey {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut s = Survey {
        stratum: Vec::with_capacity(n),
        psu: Vec::with_capacity(n),
        w: Vec::with_capacity(n),
        domain: Vec::with_capacity(n),
        score: Vec::with_capacity(n),
        yes: Vec::with_capacity(n),
        labels: (0..domains).map(|g| format!("d{g:02}")).collect(),
    };
    for _ in 0..n {
        let h = rng.random_range(0..STRATA);
        let j = rng.random_range(0..PSUS_PER_STRATUM);
        let g = rng.random_range(0..domains);
        s.stratum.push(h as u32 + 1);
        s.psu.push(j as u32 + 1);
        // weights to 2 decimals so the CSV carries them exactly
        s.w.push((rng.random_range(50.0_f64..450.0) * 100.0).round() / 100.0);
        s.domain.push(g as u32);
        let level = 4.0 + 0.1 * h as f64 + 0.05 * g as f64;
        let score = (level + rng.random_range(-4.0..4.0)).clamp(0.0, 10.0);
        s.score.push(if rng.random::<f64>() < 0.05 { f64::NAN } else { (score * 10.0).round() / 10.0 });
        let p = 0.3 + 0.01 * h as f64 + 0.004 * g as f64;
        let yes = if rng.random::<f64>() < p { 1.0 } else { 0.0 };
        s.yes.push(if rng.random::<f64>() < 0.04 { f64::NAN } else { yes });
    }
    s
}

fn write_csv(s: &Survey, path: &Path) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    survey_csv(s, file).with_context(|| format!("writing {}", path.display()))
}

/// The survey as CSV, `stratum,psu,w,domain,score,yes`; missing values are
/// empty fields.
fn survey_csv(s: &Survey, out: impl std::io::Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["stratum", "psu", "w", "domain", "score", "yes"])?;
    let cell = |v: f64| if v.is_nan() { String::new() } else { v.to_string() };
    for i in 0..s.w.len() {
        writer.write_record([
            s.stratum[i].to_string(),
            s.psu[i].to_string(),
            s.w[i].to_string(),
            s.labels[s.domain[i] as usize].clone(),
            cell(s.score[i]),
            cell(s.yes[i]),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// One timed Aman run: (design build, estimation, means, proportions).
fn aman_once(s: &Survey) -> Result<(Duration, Duration, Vec<Estimate>, Vec<Estimate>)> {
    let started = Instant::now();
    let design = Design::builder(s.w.len()).weights(s.w.clone()).strata(&s.stratum).psu(&s.psu).build()?;
    let built = started.elapsed();
    let started = Instant::now();
    let domains = Domains::from_codes(s.domain.clone(), s.labels.clone())?;
    let opts = SurveyOptions { lonely_psu: LonelyPsu::Fail, min_n: 0, ..SurveyOptions::default() };
    let means = estimate_domains(&design, &s.score, &domains, Statistic::Mean, &opts)?;
    let props = estimate_domains(&design, &s.yes, &domains, Statistic::Proportion, &opts)?;
    let estimated = started.elapsed();
    Ok((built, estimated, black_box(means), black_box(props)))
}

struct ToolRun {
    design: f64,
    estimate: f64,
    wall: f64,
    /// (domain, mean, mean SE, proportion, proportion SE)
    rows: Vec<(String, [f64; 4])>,
}

fn run_r(csv: &Path, dir: &Path) -> Result<Option<ToolRun>> {
    run_script(Command::new("Rscript").arg("--vanilla"), "bench.R", R_SCRIPT, csv, dir, "is r-cran-survey installed?")
}

fn run_svy(python: &Path, csv: &Path, dir: &Path) -> Result<Option<ToolRun>> {
    run_script(&mut Command::new(python), "bench_svy.py", SVY_SCRIPT, csv, dir, "is svy installed?")
}

/// Runs `script` (written to `dir/name`) as `command script CSV OUT TIMES`
/// and reads what it wrote; `None` when the interpreter is not found.
fn run_script(
    command: &mut Command,
    name: &str,
    script: &str,
    csv: &Path,
    dir: &Path,
    hint: &str,
) -> Result<Option<ToolRun>> {
    let path = dir.join(name);
    let out = dir.join(format!("{name}.estimates.csv"));
    let times = dir.join(format!("{name}.times.txt"));
    std::fs::write(&path, script)?;
    let started = Instant::now();
    let status = match command.arg(&path).arg(csv).arg(&out).arg(&times).status() {
        Ok(status) => status,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("starting {name}")),
    };
    let wall = started.elapsed().as_secs_f64();
    ensure!(status.success(), "{name} failed ({status}); {hint}");
    let text = std::fs::read_to_string(&times)?;
    let mut t = text.split_whitespace().map(str::parse::<f64>);
    let (Some(Ok(design)), Some(Ok(estimate))) = (t.next(), t.next()) else {
        bail!("bad timings `{text}` from {name}")
    };
    let rows = r_estimates(&std::fs::read_to_string(&out)?)?;
    Ok(Some(ToolRun { design, estimate, wall, rows }))
}

/// Parses the R script's `domain,mean,mean_se,prop,prop_se` output.
fn r_estimates(text: &str) -> Result<Vec<(String, [f64; 4])>> {
    let mut rows = Vec::new();
    for record in csv::Reader::from_reader(text.as_bytes()).records() {
        let record = record.context("bad R output")?;
        let line = record.position().map_or(0, |p| p.line());
        ensure!(record.len() == 5, "bad R output on line {line}: {} fields, expected 5", record.len());
        let num = |k: usize| record[k].parse::<f64>().with_context(|| format!("bad number in R output on line {line}"));
        rows.push((record[0].to_string(), [num(1)?, num(2)?, num(3)?, num(4)?]));
    }
    Ok(rows)
}

pub fn run(SurveyArgs { responses: n, domains: n_domains, runs, seed, svy_python }: SurveyArgs) -> Result<()> {
    let dir: PathBuf = std::env::temp_dir().join(format!("aman-bench-survey-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = measure(n, n_domains, runs, seed, svy_python.as_deref(), &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(n: usize, n_domains: usize, runs: usize, seed: u64, svy: Option<&Path>, dir: &Path) -> Result<()> {
    let survey = generate(n, n_domains, seed);
    let csv = dir.join("responses.csv");
    write_csv(&survey, &csv)?;
    println!(
        "{n} responses, {n_domains} domains, {STRATA} strata × {PSUS_PER_STRATUM} PSUs, seed {seed:#x}; CSV {:.0} MB",
        std::fs::metadata(&csv)?.len() as f64 / 1e6
    );

    let (mut best_design, mut best_est, mut best_total) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    let mut last = None;
    for _ in 0..runs {
        let (built, estimated, means, props) = aman_once(&survey)?;
        let (b, e) = (built.as_secs_f64(), estimated.as_secs_f64());
        best_design = best_design.min(b);
        best_est = best_est.min(e);
        best_total = best_total.min(b + e);
        last = Some((means, props));
    }
    let Some((means, props)) = last else { bail!("no runs") };

    let r = run_r(&csv, dir)?;
    let py = match svy {
        Some(python) => run_svy(python, &csv, dir)?,
        None => None,
    };
    println!(
        "\n| step | Aman (best of {runs}) | R survey | speed-up | Python svy | speed-up |\n|---|---:|---:|---:|---:|---:|"
    );
    let cell = |ours: f64, theirs: Option<f64>| match theirs {
        Some(t) => format!("{t:.2} s | {:.0}×", t / ours),
        None => "– | –".to_string(),
    };
    let row = |name: &str, ours: f64, of: fn(&ToolRun) -> f64| {
        let (r, py) = (cell(ours, r.as_ref().map(of)), cell(ours, py.as_ref().map(of)));
        println!("| {name} | {:.1} ms | {r} | {py} |", ours * 1e3);
    };
    row("design build", best_design, |r| r.design);
    row("estimation (mean + proportion, all domains)", best_est, |r| r.estimate);
    row("total computation", best_total, |r| r.design + r.estimate);
    let wall = |r: &Option<ToolRun>| r.as_ref().map_or("–".to_string(), |r| format!("{:.2} s", r.wall));
    println!("| whole script run (start-up, reading the CSV, computation) | | {} | | {} | |", wall(&r), wall(&py));
    if let Some(py) = &py {
        let worst = worst_deviation(&py.rows, &survey.labels, &means, &props)?;
        let speedup = (py.design + py.estimate) / best_total;
        println!(
            "\nPython svy: estimates and SEs agree with Aman's to {worst:.1e} (scaled); speed-up {speedup:.0}× (target ≥ 20×)"
        );
    } else if svy.is_some() {
        println!("\nthe --svy-python interpreter was not found: svy was skipped.");
    }
    let Some(r) = r else {
        println!("\nRscript not found: R was skipped.");
        return Ok(());
    };

    let worst = worst_deviation(&r.rows, &survey.labels, &means, &props)?;
    let speedup = (r.design + r.estimate) / best_total;
    println!("\nestimates and SEs of all {n_domains} domains agree with R to {worst:.1e} (scaled)");
    println!(
        "speed-up of the computation: {speedup:.0}× ({}; target ≥ {TARGET_SPEEDUP:.0}×)",
        if speedup >= TARGET_SPEEDUP { "met" } else { "NOT met" }
    );
    ensure!(worst < 1e-9, "Aman and R disagree by {worst:.3e}");
    Ok(())
}

/// The largest scaled difference between another tool's rows and Aman's
/// estimates and SEs, domain by domain.
fn worst_deviation(
    rows: &[(String, [f64; 4])],
    labels: &[String],
    means: &[Estimate],
    props: &[Estimate],
) -> Result<f64> {
    ensure!(rows.len() == labels.len(), "{} domains returned, expected {}", rows.len(), labels.len());
    let mut worst = 0.0f64;
    for (k, (label, values)) in rows.iter().enumerate() {
        ensure!(*label == labels[k], "domain {label} out of order");
        let (Some(m), Some(p)) = (means[k].values, props[k].values) else { bail!("domain {label} suppressed") };
        for (ours, theirs) in [m.estimate, m.se, p.estimate, p.se].into_iter().zip(values) {
            worst = worst.max((ours - theirs).abs() / theirs.abs().max(1.0));
        }
    }
    Ok(worst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_is_seeded_and_in_range() {
        let survey = generate(5000, 7, DEFAULT_SEED);
        let again = generate(5000, 7, DEFAULT_SEED);
        assert_eq!((&survey.stratum, &survey.psu, &survey.domain), (&again.stratum, &again.psu, &again.domain));
        assert_eq!(survey.w, again.w);
        assert_ne!(survey.w, generate(5000, 7, DEFAULT_SEED + 1).w);
        assert!(survey.stratum.iter().all(|&h| (1..=STRATA as u32).contains(&h)));
        assert!(survey.psu.iter().all(|&j| (1..=PSUS_PER_STRATUM as u32).contains(&j)));
        assert!(survey.domain.iter().all(|&g| g < 7));
        assert!(survey.w.iter().all(|&w| (50.0..=450.0).contains(&w)));
        assert!(survey.score.iter().filter(|s| !s.is_nan()).all(|&s| (0.0..=10.0).contains(&s)));
        assert!(survey.yes.iter().filter(|y| !y.is_nan()).all(|&y| y == 0.0 || y == 1.0));
    }

    #[test]
    fn writes_the_survey_as_csv() -> Result<()> {
        let survey = Survey {
            stratum: vec![1, 20],
            psu: vec![3, 100],
            w: vec![50.25, 449.0],
            domain: vec![1, 0],
            score: vec![f64::NAN, 7.5],
            yes: vec![1.0, f64::NAN],
            labels: vec!["d00".to_owned(), "d01".to_owned()],
        };
        let mut out = Vec::new();
        survey_csv(&survey, &mut out)?;
        assert_eq!(String::from_utf8(out)?, "stratum,psu,w,domain,score,yes\n1,3,50.25,d01,,1\n20,100,449,d00,7.5,\n");
        Ok(())
    }

    #[test]
    fn reads_the_r_estimates() -> Result<()> {
        let rows = r_estimates("domain,mean,mean_se,prop,prop_se\nd00,5.5,0.125,0.25,1e-3\nd01,6,0.5,0.5,0.01\n")?;
        assert_eq!(rows, [("d00".to_owned(), [5.5, 0.125, 0.25, 0.001]), ("d01".to_owned(), [6.0, 0.5, 0.5, 0.01])]);
        let error = r_estimates("domain,mean,mean_se,prop,prop_se\nd00,5.5,x,0.25,0.1\n").map(drop);
        assert!(format!("{:#}", error.err().unwrap_or_else(|| anyhow::anyhow!("accepted"))).contains("line 2"));
        assert!(r_estimates("domain,mean,mean_se,prop,prop_se\nd00,5.5,0.1\n").is_err());
        Ok(())
    }
}
