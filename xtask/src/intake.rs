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

use std::time::Duration;

use anyhow::{Context, Result};

use crate::load::{self, Endpoint, PhaseReport};
use crate::options::{Options, UsageError};
use crate::server::{self, Server};

/// Submissions should reach this share of the `/healthz` rate.
const TARGET_RATIO: f64 = 0.30;

struct Settings {
    window: Duration,
    warmup: Duration,
    connections: Vec<usize>,
}

pub fn run(mut options: Options) -> Result<()> {
    let seconds: f64 = options.take("seconds")?.unwrap_or(10.0);
    let warmup: f64 = options.take("warmup")?.unwrap_or(1.0);
    let connections: Vec<usize> = options.take_list("connections")?.unwrap_or_else(|| vec![64, 256]);
    let url: Option<String> = options.take("url")?;
    options.finish()?;
    let seconds_ok = |s: f64| s.is_finite() && (0.0..=3600.0).contains(&s);
    if !seconds_ok(seconds) || seconds == 0.0 || !seconds_ok(warmup) {
        return Err(UsageError::new("`--seconds` must be in (0, 3600] and `--warmup` in [0, 3600]").into());
    }
    if connections.is_empty() || connections.iter().any(|&c| c == 0 || c > 10_000) {
        return Err(UsageError::new("each connection count must be between 1 and 10000").into());
    }
    let settings =
        Settings { window: Duration::from_secs_f64(seconds), warmup: Duration::from_secs_f64(warmup), connections };

    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the tokio runtime")?;
    match url {
        Some(url) => runtime.block_on(benchmark(url.trim_end_matches('/'), &settings, &[0])),
        None => {
            let binary = server::build_release()?;
            let mut server = Server::start(&binary)?;
            let outcome = runtime.block_on(async {
                server.wait_ready(&load::client(1)?).await?;
                let watched: Vec<u32> = [0].into_iter().chain(server.pid()).collect();
                benchmark(server.url(), &settings, &watched).await
            });
            // Stop the server whatever happened; a crash during the run is an
            // error even if every phase completed.
            let stopped = server.stop();
            let outcome = outcome.and(stopped);
            match &outcome {
                Ok(()) => server.remove_files()?,
                Err(_) => eprintln!("server files kept in {}", server.dir().display()),
            }
            outcome
        }
    }
}

/// Runs every phase against `base_url`; `watched` are the processes whose
/// CPU use is the benchmark's own (this one, and the server if it runs here).
async fn benchmark(base_url: &str, settings: &Settings, watched: &[u32]) -> Result<()> {
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
    print_results(base_url, settings, &reports, watched.len() > 1);
    Ok(())
}

fn print_results(base_url: &str, settings: &Settings, reports: &[PhaseReport], with_server: bool) {
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
}
