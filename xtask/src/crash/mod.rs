//! `cargo xtask crash-test`: a Jepsen-style "set" check of Aman's durability
//! promise — a concern answered with `201 Created` is never lost, even when
//! the server is killed with SIGKILL.
//!
//! The harness creates a fresh database (a SQLite file in a temporary
//! directory, or a new PostgreSQL database `aman_crash_<pid>`), a key file and
//! the areas, all through the real `aman` binary. Then, for each round, it
//! starts `aman serve` on a free loopback port, lets `--clients` concurrent
//! HTTP clients submit concerns with globally unique descriptions as fast as
//! they can, and kills the server with SIGKILL as soon as a seeded random
//! number of them (10–90 % of `--submissions`) has been acknowledged, while
//! the other clients' requests are in flight. Every submission is recorded as
//! acknowledged (201 with a receipt), failed (a definite non-201 answer) or
//! unknown (no answer: it may or may not be stored).
//!
//! After the last round it restarts the server, looks up a sample of receipts
//! over HTTP, stops the server cleanly and reads every stored description
//! straight from the database (`sqlite3` or `psql`, independent of the
//! server). It then checks that every acknowledged submission is stored
//! exactly once, that no description is stored twice, that nothing is stored
//! that was never submitted and that no definitely failed submission is
//! stored; unknown ones may go either way and are counted. Any violation
//! makes the command fail. See `docs/reliability.md`.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::cli::{Backend, CrashArgs};
use crate::load;
use crate::server;

mod database;
mod rounds;
mod serve;
mod verdict;

#[allow(unused_imports)]
use database::*;
#[allow(unused_imports)]
pub(crate) use database::{psql, with_database};
use rounds::*;
use serve::*;
use verdict::*;

/// The area every submission names (Baghdad governorate).
const AREA: &str = "IQG08";
/// The first line `aman serve` prints, followed by the base URL.
const LISTENING: &str = "Aman is listening on ";
/// How long `aman serve` may take to migrate, load the areas and listen.
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a cleanly stopped server may take to exit after SIGTERM.
const STOP_GRACE: Duration = Duration::from_secs(10);
/// How many acknowledged receipts are looked up after the last round.
const RECEIPT_SAMPLE: usize = 200;
/// A well-formed receipt that was never issued: must answer 404.
const UNKNOWN_RECEIPT: &str = "0000-0000-0000-0000-0000-0000";
/// How many offending descriptions are printed per kind of violation.
const EXAMPLES: usize = 10;
/// Lines of a server's stderr shown when it fails.
const TAIL_LINES: usize = 30;

struct Settings {
    rounds: usize,
    submissions: usize,
    clients: usize,
    seed: u64,
}

pub fn run(CrashArgs { db: backend, postgres_url, rounds, submissions, clients, aman, seed }: CrashArgs) -> Result<()> {
    let seed = seed.unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64));
    let settings = Settings { rounds, submissions, clients, seed };

    // Fail before the long part if the database client is missing.
    match backend {
        Backend::Sqlite => {
            tool_output(Command::new("sqlite3").arg("-version"), "sqlite3 (the SQLite command-line client)")?
        }
        Backend::Postgres => tool_output(Command::new("psql").arg("--version"), "psql (the PostgreSQL client)")?,
    };
    let binary = match &aman {
        Some(path) => {
            ensure!(path.is_file(), "no aman binary at {}", path.display());
            fs::canonicalize(path).with_context(|| format!("resolving {}", path.display()))?
        }
        None => server::build_release()?,
    };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the tokio runtime")?;

    let dir = make_temp_dir()?;
    let mut database = match backend {
        Backend::Sqlite => Database::Sqlite { file: dir.join("crash.db") },
        Backend::Postgres => match Database::create_postgres(&postgres_url) {
            Ok(database) => database,
            Err(error) => {
                let _ = fs::remove_dir_all(&dir);
                return Err(error);
            }
        },
    };
    let outcome = crash_test(&runtime, &settings, &binary, &dir, &database);
    let dropped = database.drop_postgres();
    let outcome = outcome.and(dropped);
    match &outcome {
        Ok(()) => fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?,
        Err(_) => eprintln!("key file and server logs kept in {}", dir.display()),
    }
    outcome
}

/// Everything between creating the database and dropping it.
fn crash_test(
    runtime: &tokio::runtime::Runtime,
    settings: &Settings,
    binary: &Path,
    dir: &Path,
    database: &Database,
) -> Result<()> {
    let started = Instant::now();
    let key_file = dir.join("crash.key");
    let db_url = database.url();
    eprintln!(
        "crash-test on {} ({}), {} rounds of up to {} submissions from {} clients, seed {}, server {}",
        database.label(),
        dir.display(),
        settings.rounds,
        settings.submissions,
        settings.clients,
        settings.seed,
        binary.display()
    );
    tool_output(Command::new(binary).args(["keys", "init", "--key-file"]).arg(&key_file), "aman keys init")?;
    let boundaries = workspace_root()?.join("data").join("boundaries");
    tool_output(
        Command::new(binary).args(["import", "areas"]).arg(&boundaries).args(["--db", &db_url]),
        "aman import areas",
    )?;

    let mut rng = StdRng::seed_from_u64(settings.seed);
    let mut rounds = Vec::with_capacity(settings.rounds);
    let mut records = Vec::new();
    for round in 1..=settings.rounds {
        let kill_at = ((settings.submissions as f64 * rng.random_range(0.1..0.9)) as usize).max(1);
        let mut server = Serve::start(binary, &db_url, &key_file, dir, &format!("round-{round:03}"))?;
        let (report, round_records) = runtime.block_on(run_round(&mut server, settings, round, kill_at))?;
        eprintln!(
            "round {round}/{}: {} sent, {} acknowledged, {} failed, {} unknown; killed {} ({} in flight) after {:.1} s",
            settings.rounds,
            report.sent,
            report.acknowledged,
            report.failed,
            report.unknown,
            if report.killed_mid_stream { "mid-stream" } else { "after the last answer" },
            report.in_flight_at_kill,
            report.seconds
        );
        rounds.push(report);
        records.extend(round_records);
    }

    eprintln!("restarting the server to look up receipts");
    let mut server = Serve::start(binary, &db_url, &key_file, dir, "verify")?;
    let receipts = runtime.block_on(check_receipts(&server.url, &records, &mut rng))?;
    // A server that does not stop cleanly fails the run, after the check.
    let stopped = server.stop();
    if let Err(error) = &stopped {
        eprintln!("error: {error:#}");
    }
    let stored = database.descriptions()?;
    let verdict = Verdict::judge(&records, &stored);
    let mut problems = Vec::new();
    for (count, what) in [
        (verdict.lost.len(), "acknowledged concerns lost"),
        (verdict.duplicated.len(), "descriptions stored more than once"),
        (verdict.unexpected.len(), "stored descriptions never submitted"),
        (verdict.failed_present.len(), "concerns stored although their submission failed"),
        (receipts.sampled - receipts.found, "sampled receipts not found"),
        (usize::from(!receipts.unknown_refused), "unknown receipt not answered 404"),
    ] {
        if count > 0 {
            problems.push(format!("{what}: {count}"));
        }
    }
    if stopped.is_err() {
        problems.push("the server did not stop cleanly after the last round".to_owned());
    }
    print_summary(settings, database, &rounds, &verdict, &receipts, &problems, started.elapsed());
    if !problems.is_empty() {
        bail!("durability check failed: {}", problems.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(description: &str, outcome: Outcome) -> Record {
        Record { description: description.to_owned(), outcome }
    }

    fn stored(descriptions: &[&str]) -> Vec<String> {
        descriptions.iter().map(|d| (*d).to_owned()).collect()
    }

    #[test]
    fn a_clean_history_passes() {
        let records = [
            record("a", Outcome::Acknowledged(Some("R1".into()))),
            record("b", Outcome::Unknown),
            record("c", Outcome::Unknown),
            record("d", Outcome::Failed(StatusCode::SERVICE_UNAVAILABLE)),
        ];
        let verdict = Verdict::judge(&records, &stored(&["a", "b"]));
        assert!(verdict.passed(), "{verdict:?}");
        assert_eq!((verdict.acknowledged, verdict.failed, verdict.unknown), (1, 1, 2));
        assert_eq!((verdict.present, verdict.present_unknown, verdict.stored), (2, 1, 2));
    }

    #[test]
    fn finds_every_kind_of_violation() {
        let records = [
            record("lost", Outcome::Acknowledged(None)),
            record("twice", Outcome::Acknowledged(Some("R2".into()))),
            record("refused", Outcome::Failed(StatusCode::INTERNAL_SERVER_ERROR)),
        ];
        let verdict = Verdict::judge(&records, &stored(&["twice", "twice", "refused", "stranger"]));
        assert!(!verdict.passed());
        assert_eq!(verdict.lost, ["lost"]);
        assert_eq!(verdict.duplicated, ["twice"]);
        assert_eq!(verdict.unexpected, ["stranger"]);
        assert_eq!(verdict.failed_present, ["refused"]);
        assert_eq!(verdict.present, 2);
    }

    #[test]
    fn replaces_the_database_name() -> Result<()> {
        assert_eq!(with_database("postgres://postgres@127.0.0.1/postgres", "x")?, "postgres://postgres@127.0.0.1/x");
        assert_eq!(with_database("postgres://u:p@h:5433", "x")?, "postgres://u:p@h:5433/x");
        assert_eq!(with_database("postgresql://h/db?sslmode=disable", "x")?, "postgresql://h/x?sslmode=disable");
        assert!(with_database("h/db", "x").is_err());
        Ok(())
    }
}
