//! `cargo xtask bench-intake`: how many durable concern submissions the real
//! server takes per second, compared with a trivial `GET /healthz`.
//!
//! Unless `--url` is given, builds `aman` in release mode and starts
//! `aman demo` on a free loopback port with a fresh SQLite database (see
//! [`crate::server`]). After one probe submission to check the answer's
//! shape, it runs, for each connection count and strictly one after another,
//! a `/healthz` phase and a submission phase (see [`crate::load`]), then
//! prints one table and the submissions/healthz ratio per connection count.
//! A server started here shares the machine's cores with the load generator,
//! so absolute rates understate what the server alone would do; the ratio
//! between the two endpoints is the figure to compare.
//!
//! With `--db postgres` the server runs on a new PostgreSQL database
//! (dropped afterwards), and once it has stopped, `pgbench` measures what the
//! same PostgreSQL server commits with one single-row `INSERT` per
//! transaction (see [`crate::pgbench`]); submissions are also compared with
//! that ceiling.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::cli::{Backend, IntakeArgs};
use crate::load::{self, Endpoint, PhaseReport};
use crate::pgbench::{self, Ceiling, TempDatabase};
use crate::server::{self, Server};

/// Submissions should reach this share of the `/healthz` rate.
const TARGET_RATIO: f64 = 0.30;
/// On PostgreSQL, submissions should reach this share of what `pgbench`
/// commits with one single-row `INSERT` per transaction.
const TARGET_PGBENCH_RATIO: f64 = 0.50;

struct Settings {
    window: Duration,
    warmup: Duration,
    connections: Vec<usize>,
}

/// Runs the benchmark; `args` has been checked by [`crate::cli::Cli::check`].
pub fn run(IntakeArgs { seconds, connections, warmup, db: backend, postgres_url, url }: IntakeArgs) -> Result<()> {
    let settings =
        Settings { window: Duration::from_secs_f64(seconds), warmup: Duration::from_secs_f64(warmup), connections };

    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the tokio runtime")?;
    if let Some(url) = url {
        let url = url.trim_end_matches('/');
        let reports = runtime.block_on(benchmark(url, &settings, &[0]))?;
        print_results(url, &settings, &reports, false, None);
        return Ok(());
    }
    let binary = server::build_release()?;
    match backend {
        Backend::Sqlite => {
            let (url, reports) = serve_and_measure(&runtime, &binary, None, &settings)?;
            print_results(&format!("{url} (SQLite)"), &settings, &reports, true, None);
            Ok(())
        }
        Backend::Postgres => {
            let mut database = TempDatabase::create(&postgres_url, "aman_bench")?;
            let served = serve_and_measure(&runtime, &binary, Some(database.url()), &settings);
            let dropped = database.drop_now();
            let (url, reports) = served?;
            dropped?;
            // Only now, with the server stopped: pgbench and Aman never run
            // at the same time.
            let ceilings = pgbench::ceilings(&postgres_url, &settings.connections, settings.window);
            let label = format!("{url} (PostgreSQL database {})", database.name());
            print_results(&label, &settings, &reports, true, ceilings.as_ref().ok().map(Vec::as_slice));
            ceilings.map(drop)
        }
    }
}

/// Starts `aman demo` (on `db_url`, or a fresh SQLite file), runs every
/// phase against it and stops it; returns its URL and the phase reports.
fn serve_and_measure(
    runtime: &tokio::runtime::Runtime,
    binary: &Path,
    db_url: Option<&str>,
    settings: &Settings,
) -> Result<(String, Vec<PhaseReport>)> {
    let mut server = Server::start(binary, db_url)?;
    let outcome = runtime.block_on(async {
        server.wait_ready(&load::client(1)?).await?;
        let watched: Vec<u32> = [0].into_iter().chain(server.pid()).collect();
        benchmark(server.url(), settings, &watched).await
    });
    // Stop the server whatever happened; a crash during the run is an
    // error even if every phase completed.
    let stopped = server.stop();
    let url = server.url().to_owned();
    match outcome.and_then(|reports| stopped.map(|()| reports)) {
        Ok(reports) => {
            server.remove_files()?;
            Ok((url, reports))
        }
        Err(error) => {
            eprintln!("server files kept in {}", server.dir().display());
            Err(error)
        }
    }
}

/// Runs every phase against `base_url`; `watched` are the processes whose
/// CPU use is the benchmark's own (this one, and the server if it runs here).
async fn benchmark(base_url: &str, settings: &Settings, watched: &[u32]) -> Result<Vec<PhaseReport>> {
    let answer = load::probe_submission(base_url).await?;
    eprintln!("probe submission accepted: {answer}");

    let mut reports = Vec::new();
    for &connections in &settings.connections {
        for endpoint in [Endpoint::Healthz, Endpoint::Submit] {
            eprintln!(
                "{} with {connections} connections: {:.0} s warm-up + {:.0} s …",
                endpoint.label(),
                settings.warmup.as_secs_f64(),
                settings.window.as_secs_f64()
            );
            let report =
                load::run_phase(base_url, endpoint, connections, settings.warmup, settings.window, watched).await?;
            eprintln!("  {:.0} req/s, {} errors", report.per_second(), report.error_count());
            reports.push(report);
        }
    }
    Ok(reports)
}

fn print_results(
    base_url: &str,
    settings: &Settings,
    reports: &[PhaseReport],
    with_server: bool,
    ceilings: Option<&[Ceiling]>,
) {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "\n{base_url}: {:.0} s per phase after {:.0} s warm-up; load generator and server on {cores} core(s)\n",
        settings.window.as_secs_f64(),
        settings.warmup.as_secs_f64()
    );
    println!(
        "{:<22} {:>11} {:>9} {:>7} {:>9} {:>8} {:>8} {:>6} {:>8} {:>8}",
        "endpoint", "connections", "requests", "errors", "req/s", "p50 ms", "p99 ms", "cpu %", "others %", "iowait %"
    );
    let ms = |value: Option<f64>| value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"));
    let share = |value: Option<f64>| value.map_or_else(|| "-".to_owned(), |v| format!("{:.0}", v * 100.0));
    for report in reports {
        println!(
            "{:<22} {:>11} {:>9} {:>7} {:>9.0} {:>8} {:>8} {:>6} {:>8} {:>8}",
            report.endpoint.label(),
            report.connections,
            report.requests(),
            report.error_count(),
            report.per_second(),
            ms(report.percentile_ms(0.50)),
            ms(report.percentile_ms(0.99)),
            share(report.cpu.map(|u| u.busy)),
            share(report.cpu.and_then(|u| u.others())),
            share(report.cpu.map(|u| u.iowait)),
        );
    }
    let ours = if with_server { "this load generator and the server it started" } else { "this load generator" };
    println!(
        "\n(req/s counts successes only: 200 for /healthz, 201 for submissions; latencies are of\n \
         successes. Shares of all cores: cpu % busy; others % busy with processes other than\n \
         {ours}; iowait % idle while waiting for the disk)"
    );
    for report in reports {
        let Some(usage) = report.cpu else { continue };
        let phase = format!("{} with {} connections", report.endpoint.label(), report.connections);
        if usage.steal >= 0.02 {
            println!("note: the hypervisor stole {:.0}% of the CPU during {phase}", usage.steal * 100.0);
        }
        if let Some(others) = usage.others().filter(|&o| with_server && o >= 0.05) {
            println!(
                "warning: other processes used {:.0}% of the CPU during {phase}; its figures are likely low",
                others * 100.0
            );
        }
    }

    let errors: Vec<&PhaseReport> = reports.iter().filter(|r| r.error_count() > 0).collect();
    if !errors.is_empty() {
        println!("\nerrors:");
        for report in errors {
            for (kind, count) in &report.errors {
                println!("  {}, {} connections: {count} × {kind}", report.endpoint.label(), report.connections);
            }
        }
    }

    println!("\nsubmissions / healthz (target ≥ {:.0}%):", TARGET_RATIO * 100.0);
    for &connections in &settings.connections {
        let rate = |endpoint| {
            reports.iter().find(|r| r.endpoint == endpoint && r.connections == connections).map(PhaseReport::per_second)
        };
        if let (Some(submit), Some(healthz)) = (rate(Endpoint::Submit), rate(Endpoint::Healthz)) {
            let ratio = if healthz > 0.0 { submit / healthz } else { 0.0 };
            let verdict = if ratio >= TARGET_RATIO { "met" } else { "MISSED" };
            println!("  {connections:>5} connections: {:>6.2}%  {verdict}", ratio * 100.0);
        }
    }

    if let Some(ceilings) = ceilings {
        println!(
            "\nsubmissions / pgbench single-row INSERT ceiling, same PostgreSQL server, run after Aman \
             (target ≥ {:.0}%):",
            TARGET_PGBENCH_RATIO * 100.0
        );
        for ceiling in ceilings {
            let submit = reports
                .iter()
                .find(|r| r.endpoint == Endpoint::Submit && r.connections == ceiling.connections)
                .map_or(0.0, PhaseReport::per_second);
            let ratio = if ceiling.tps > 0.0 { submit / ceiling.tps } else { 0.0 };
            let verdict = if ratio >= TARGET_PGBENCH_RATIO { "met" } else { "MISSED" };
            let capped = if ceiling.clients < ceiling.connections { ", capped by max_connections" } else { "" };
            println!(
                "  {:>5} connections: Aman {submit:>7.0}/s, pgbench {:>7.0} tps ({} clients{capped}): {:>6.2}%  {verdict}",
                ceiling.connections,
                ceiling.tps,
                ceiling.clients,
                ratio * 100.0
            );
        }
    }
}
