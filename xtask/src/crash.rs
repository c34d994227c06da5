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
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::load;
use crate::options::{Options, UsageError};
use crate::rng::SplitMix64;
use crate::server;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

struct Settings {
    rounds: usize,
    submissions: usize,
    clients: usize,
    seed: u64,
}

pub fn run(mut options: Options) -> Result<()> {
    let backend = match options.take::<String>("db")?.as_deref() {
        None | Some("sqlite") => Backend::Sqlite,
        Some("postgres") => Backend::Postgres,
        Some(other) => return Err(UsageError::new(format!("`--db` is sqlite or postgres, not `{other}`")).into()),
    };
    let postgres_url = match options.take::<String>("postgres-url")? {
        Some(url) => url,
        None => std::env::var("AMAN_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1/postgres".to_owned()),
    };
    let rounds: usize = options.take("rounds")?.unwrap_or(20);
    let submissions: usize = options.take("submissions")?.unwrap_or(5000);
    let clients: usize = options.take("clients")?.unwrap_or(32);
    let aman: Option<PathBuf> = options.take("aman")?;
    let seed: u64 = match options.take("seed")? {
        Some(seed) => seed,
        None => SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64),
    };
    options.finish()?;
    if !(1..=10_000).contains(&rounds) {
        return Err(UsageError::new("`--rounds` must be between 1 and 10000").into());
    }
    if !(10..=10_000_000).contains(&submissions) {
        return Err(UsageError::new("`--submissions` must be between 10 and 10000000").into());
    }
    if !(1..=10_000).contains(&clients) {
        return Err(UsageError::new("`--clients` must be between 1 and 10000").into());
    }
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

    let mut rng = SplitMix64::new(settings.seed);
    let mut rounds = Vec::with_capacity(settings.rounds);
    let mut records = Vec::new();
    for round in 1..=settings.rounds {
        let kill_at = ((settings.submissions as f64 * rng.between(0.1, 0.9)) as usize).max(1);
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

/// The fate of one submission, as the client saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    /// `201 Created`; the receipt, unless the body could not be read.
    Acknowledged(Option<String>),
    /// A definite answer other than 201.
    Failed(StatusCode),
    /// No answer: connection refused or reset, timeout, truncated answer.
    Unknown,
}

#[derive(Clone, Debug)]
struct Record {
    description: String,
    outcome: Outcome,
}

/// What one round did.
struct RoundReport {
    sent: usize,
    acknowledged: usize,
    failed: usize,
    unknown: usize,
    /// Failed submissions by status.
    failures: BTreeMap<u16, usize>,
    /// Whether the kill came before every submission had been answered.
    killed_mid_stream: bool,
    in_flight_at_kill: usize,
    seconds: f64,
}

/// State shared by one round's clients.
struct Round {
    url: String,
    number: usize,
    seed: u64,
    submissions: usize,
    kill_at: usize,
    /// Sequence numbers handed out (may exceed `submissions` by the clients).
    issued: AtomicUsize,
    acknowledged: AtomicUsize,
    in_flight: AtomicUsize,
    clients_running: AtomicUsize,
    stop: AtomicBool,
    /// Woken when `kill_at` submissions are acknowledged or every client is done.
    kill: Notify,
}

async fn run_round(
    server: &mut Serve,
    settings: &Settings,
    number: usize,
    kill_at: usize,
) -> Result<(RoundReport, Vec<Record>)> {
    let client = load::client(settings.clients)?;
    wait_ready(&client, &server.url).await?;
    let round = Arc::new(Round {
        url: format!("{}/api/v1/concerns", server.url),
        number,
        seed: settings.seed,
        submissions: settings.submissions,
        kill_at,
        issued: AtomicUsize::new(0),
        acknowledged: AtomicUsize::new(0),
        in_flight: AtomicUsize::new(0),
        clients_running: AtomicUsize::new(settings.clients),
        stop: AtomicBool::new(false),
        kill: Notify::new(),
    });
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for index in 0..settings.clients {
        tasks.spawn(submit_until_stopped(client.clone(), Arc::clone(&round), index));
    }
    // `notify_one` keeps a permit, so a wake-up before this await is not lost.
    round.kill.notified().await;
    round.stop.store(true, Ordering::SeqCst);
    let in_flight_at_kill = round.in_flight.load(Ordering::SeqCst);
    let killed_mid_stream = round.clients_running.load(Ordering::SeqCst) > 0;
    server.kill()?;
    let seconds = started.elapsed().as_secs_f64();

    let mut records = Vec::with_capacity(settings.submissions);
    while let Some(joined) = tasks.join_next().await {
        records.extend(joined.context("a client task panicked")?);
    }
    let mut report = RoundReport {
        sent: records.len(),
        acknowledged: 0,
        failed: 0,
        unknown: 0,
        failures: BTreeMap::new(),
        killed_mid_stream,
        in_flight_at_kill,
        seconds,
    };
    for record in &records {
        match record.outcome {
            Outcome::Acknowledged(_) => report.acknowledged += 1,
            Outcome::Failed(status) => {
                report.failed += 1;
                *report.failures.entry(status.as_u16()).or_default() += 1;
            }
            Outcome::Unknown => report.unknown += 1,
        }
    }
    Ok((report, records))
}

/// One client: submits back to back until the round's submissions are all
/// handed out or the server is about to be killed.
async fn submit_until_stopped(client: Client, round: Arc<Round>, index: usize) -> Vec<Record> {
    let mut records = Vec::new();
    while !round.stop.load(Ordering::SeqCst) {
        let sequence = round.issued.fetch_add(1, Ordering::SeqCst);
        if sequence >= round.submissions {
            break;
        }
        let description = format!("crash-test r{} c{index} n{sequence} s{}", round.number, round.seed);
        round.in_flight.fetch_add(1, Ordering::SeqCst);
        let outcome = submit(&client, &round.url, &description).await;
        round.in_flight.fetch_sub(1, Ordering::SeqCst);
        if matches!(outcome, Outcome::Acknowledged(_))
            && round.acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == round.kill_at
        {
            round.kill.notify_one();
        }
        records.push(Record { description, outcome });
    }
    if round.clients_running.fetch_sub(1, Ordering::SeqCst) == 1 {
        round.kill.notify_one();
    }
    records
}

async fn submit(client: &Client, url: &str, description: &str) -> Outcome {
    let body = json!({ "category": "crime", "description": description, "area": AREA });
    let response = match client.post(url).json(&body).send().await {
        Ok(response) => response,
        Err(_) => return Outcome::Unknown,
    };
    let status = response.status();
    if status != StatusCode::CREATED {
        return Outcome::Failed(status);
    }
    // The 201 alone is the promise; a body cut off by the kill loses only the receipt.
    let receipt = match response.json::<Value>().await {
        Ok(answer) => answer.get("receipt").and_then(Value::as_str).map(str::to_owned),
        Err(_) => None,
    };
    Outcome::Acknowledged(receipt)
}

async fn wait_ready(client: &Client, base_url: &str) -> Result<()> {
    let url = format!("{base_url}/readyz");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let last = match client.get(&url).timeout(Duration::from_secs(2)).send().await {
            Ok(response) if response.status() == StatusCode::OK => return Ok(()),
            Ok(response) => format!("answered {}", response.status()),
            Err(error) => format!("failed: {error}"),
        };
        if Instant::now() > deadline {
            bail!("GET {url} {last}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the receipt lookups after the last round found.
struct ReceiptCheck {
    sampled: usize,
    found: usize,
    /// Acknowledged submissions whose receipt could not be read from the answer.
    unreadable: usize,
    unknown_refused: bool,
}

/// Looks up a seeded random sample of acknowledged receipts, and one receipt
/// that was never issued (so a 200 means something).
async fn check_receipts(base_url: &str, records: &[Record], rng: &mut SplitMix64) -> Result<ReceiptCheck> {
    let client = load::client(1)?;
    wait_ready(&client, base_url).await?;
    let mut receipts: Vec<&str> = records
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Acknowledged(receipt) => receipt.as_deref(),
            _ => None,
        })
        .collect();
    let unreadable = records.iter().filter(|r| r.outcome == Outcome::Acknowledged(None)).count();
    // A partial Fisher–Yates shuffle picks the sample.
    let sampled = receipts.len().min(RECEIPT_SAMPLE);
    for i in 0..sampled {
        let j = i + rng.below(receipts.len() - i);
        receipts.swap(i, j);
    }
    let mut found = 0;
    for receipt in &receipts[..sampled] {
        let status = lookup(&client, base_url, receipt).await?;
        if status == StatusCode::OK {
            found += 1;
        } else {
            eprintln!("receipt {receipt} answered {status}, not 200");
        }
    }
    let unknown = lookup(&client, base_url, UNKNOWN_RECEIPT).await?;
    if unknown != StatusCode::NOT_FOUND {
        eprintln!("the never-issued receipt {UNKNOWN_RECEIPT} answered {unknown}, not 404");
    }
    Ok(ReceiptCheck { sampled, found, unreadable, unknown_refused: unknown == StatusCode::NOT_FOUND })
}

async fn lookup(client: &Client, base_url: &str, receipt: &str) -> Result<StatusCode> {
    let url = format!("{base_url}/api/v1/receipts/{receipt}");
    let response = client.get(&url).send().await.with_context(|| format!("GET {url}"))?;
    Ok(response.status())
}

/// The set check: the submissions as the clients saw them against the
/// descriptions the database holds.
#[derive(Debug, Default)]
struct Verdict {
    submitted: usize,
    acknowledged: usize,
    failed: usize,
    unknown: usize,
    /// Rows in the database.
    stored: usize,
    /// Distinct submitted descriptions found in the database.
    present: usize,
    present_unknown: usize,
    lost: Vec<String>,
    duplicated: Vec<String>,
    unexpected: Vec<String>,
    failed_present: Vec<String>,
}

impl Verdict {
    fn judge(records: &[Record], stored: &[String]) -> Verdict {
        let mut copies: HashMap<&str, usize> = HashMap::new();
        for description in stored {
            *copies.entry(description.as_str()).or_default() += 1;
        }
        let mut verdict = Verdict { submitted: records.len(), stored: stored.len(), ..Verdict::default() };
        let mut submitted: HashMap<&str, usize> = HashMap::with_capacity(records.len());
        for record in records {
            *submitted.entry(record.description.as_str()).or_default() += 1;
            let count = copies.get(record.description.as_str()).copied().unwrap_or(0);
            if count > 0 {
                verdict.present += 1;
            }
            match record.outcome {
                Outcome::Acknowledged(_) => {
                    verdict.acknowledged += 1;
                    if count == 0 {
                        verdict.lost.push(record.description.clone());
                    }
                }
                Outcome::Failed(_) => {
                    verdict.failed += 1;
                    if count > 0 {
                        verdict.failed_present.push(record.description.clone());
                    }
                }
                Outcome::Unknown => {
                    verdict.unknown += 1;
                    if count > 0 {
                        verdict.present_unknown += 1;
                    }
                }
            }
        }
        for (description, count) in copies {
            if count > 1 {
                verdict.duplicated.push(description.to_owned());
            }
            if !submitted.contains_key(description) {
                verdict.unexpected.push(description.to_owned());
            }
        }
        // A harness bug, not a server one: the descriptions must be unique.
        verdict
            .duplicated
            .extend(submitted.into_iter().filter(|&(_, n)| n > 1).map(|(d, _)| format!("(sent twice) {d}")));
        for list in [&mut verdict.lost, &mut verdict.duplicated, &mut verdict.unexpected, &mut verdict.failed_present] {
            list.sort();
        }
        verdict
    }

    #[cfg(test)]
    fn passed(&self) -> bool {
        self.lost.is_empty()
            && self.duplicated.is_empty()
            && self.unexpected.is_empty()
            && self.failed_present.is_empty()
    }
}

fn print_summary(
    settings: &Settings,
    database: &Database,
    rounds: &[RoundReport],
    verdict: &Verdict,
    receipts: &ReceiptCheck,
    problems: &[String],
    elapsed: Duration,
) {
    println!(
        "\ncrash-test on {}: {} rounds, up to {} submissions each, {} clients, seed {}",
        database.label(),
        rounds.len(),
        settings.submissions,
        settings.clients,
        settings.seed
    );
    println!(
        "\n{:>5} {:>9} {:>12} {:>7} {:>8} {:>10} {:>10} {:>8} {:>9}",
        "round", "submitted", "acknowledged", "failed", "unknown", "kill after", "in flight", "seconds", "acked/s"
    );
    for (index, round) in rounds.iter().enumerate() {
        let per_second = if round.seconds > 0.0 { round.acknowledged as f64 / round.seconds } else { 0.0 };
        println!(
            "{:>5} {:>9} {:>12} {:>7} {:>8} {:>10} {:>10} {:>8.2} {:>9.0}",
            index + 1,
            round.sent,
            round.acknowledged,
            round.failed,
            round.unknown,
            if round.killed_mid_stream { "mid-stream" } else { "all done" },
            round.in_flight_at_kill,
            round.seconds,
            per_second
        );
    }
    let mut failures: BTreeMap<u16, usize> = BTreeMap::new();
    for round in rounds {
        for (status, count) in &round.failures {
            *failures.entry(*status).or_default() += count;
        }
    }
    if !failures.is_empty() {
        let list: Vec<String> = failures.iter().map(|(status, count)| format!("{count} × {status}")).collect();
        println!("failed submissions by status: {}", list.join(", "));
    }

    println!(
        "\n{:>6} {:>9} {:>12} {:>7} {:>8} {:>8} {:>5} {:>10} {:>10}",
        "rounds", "submitted", "acknowledged", "failed", "unknown", "present", "lost", "duplicated", "unexpected"
    );
    println!(
        "{:>6} {:>9} {:>12} {:>7} {:>8} {:>8} {:>5} {:>10} {:>10}",
        rounds.len(),
        verdict.submitted,
        verdict.acknowledged,
        verdict.failed,
        verdict.unknown,
        verdict.present,
        verdict.lost.len(),
        verdict.duplicated.len(),
        verdict.unexpected.len()
    );
    println!(
        "\nrows in the database: {}; unknown but stored: {} of {}; failed but stored: {}",
        verdict.stored,
        verdict.present_unknown,
        verdict.unknown,
        verdict.failed_present.len()
    );
    println!(
        "receipts after restart: {} of {} sampled found{}; never-issued receipt {}",
        receipts.found,
        receipts.sampled,
        if receipts.unreadable > 0 {
            format!(" ({} acknowledged answers had no readable receipt)", receipts.unreadable)
        } else {
            String::new()
        },
        if receipts.unknown_refused { "answered 404" } else { "NOT answered 404" }
    );
    for (list, what) in [
        (&verdict.lost, "lost"),
        (&verdict.duplicated, "duplicated"),
        (&verdict.unexpected, "unexpected"),
        (&verdict.failed_present, "failed but stored"),
    ] {
        for description in list.iter().take(EXAMPLES) {
            println!("  {what}: {description}");
        }
        if list.len() > EXAMPLES {
            println!("  … and {} more {what}", list.len() - EXAMPLES);
        }
    }
    let result = if problems.is_empty() { "PASS".to_owned() } else { format!("FAIL: {}", problems.join(", ")) };
    println!("\nresult: {result} ({:.0} s in all)", elapsed.as_secs_f64());
}

/// The database under test.
enum Database {
    Sqlite { file: PathBuf },
    Postgres { admin_url: String, name: String, url: String, dropped: bool },
}

impl Database {
    /// Creates `aman_crash_<pid>` on the server of `admin_url`.
    fn create_postgres(admin_url: &str) -> Result<Database> {
        let name = format!("aman_crash_{}", std::process::id());
        let url = with_database(admin_url, &name)?;
        psql(admin_url, &format!("CREATE DATABASE {name}"))
            .with_context(|| format!("creating database {name} (is PostgreSQL running at {admin_url}?)"))?;
        Ok(Database::Postgres { admin_url: admin_url.to_owned(), name, url, dropped: false })
    }

    fn url(&self) -> String {
        match self {
            Database::Sqlite { file } => format!("sqlite://{}", file.display()),
            Database::Postgres { url, .. } => url.clone(),
        }
    }

    fn label(&self) -> String {
        match self {
            Database::Sqlite { file } => format!("SQLite {}", file.display()),
            Database::Postgres { name, .. } => format!("PostgreSQL database {name}"),
        }
    }

    /// Every stored description, one per row, read without the server.
    fn descriptions(&self) -> Result<Vec<String>> {
        const QUERY: &str = "SELECT description FROM concerns";
        let text = match self {
            Database::Sqlite { file } => {
                tool_output(Command::new("sqlite3").arg("-batch").arg(file).arg(QUERY), "sqlite3")?
            }
            Database::Postgres { url, .. } => psql(url, QUERY)?,
        };
        Ok(text.lines().map(str::to_owned).collect())
    }

    /// Drops the PostgreSQL database (once); nothing to do for SQLite, whose
    /// file goes with the temporary directory.
    fn drop_postgres(&mut self) -> Result<()> {
        if let Database::Postgres { admin_url, name, dropped, .. } = self
            && !*dropped
        {
            *dropped = true;
            psql(admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .with_context(|| format!("dropping database {name}"))?;
        }
        Ok(())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // Best effort, when unwinding past `run`.
        let _ = self.drop_postgres();
    }
}

/// Runs one statement with `psql` and returns the rows, one per line.
pub(crate) fn psql(url: &str, sql: &str) -> Result<String> {
    tool_output(
        Command::new("psql").args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]),
        "psql",
    )
}

/// `url` with its database name replaced by `name`, keeping any parameters.
pub(crate) fn with_database(url: &str, name: &str) -> Result<String> {
    let scheme_end = url.find("://").map(|i| i + 3).with_context(|| format!("`{url}` is not a postgres:// URL"))?;
    let (rest, query) = match url[scheme_end..].find('?') {
        Some(i) => url[scheme_end..].split_at(i),
        None => (&url[scheme_end..], ""),
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    Ok(format!("{}{authority}/{name}{query}", &url[..scheme_end]))
}

/// Runs a command to completion; fails with its stderr unless it succeeded.
fn tool_output(command: &mut Command, what: &str) -> Result<String> {
    let output =
        command.stdin(Stdio::null()).output().with_context(|| format!("could not run {what}; is it installed?"))?;
    if !output.status.success() {
        bail!("{what} failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr).trim());
    }
    String::from_utf8(output.stdout).with_context(|| format!("{what} printed something that is not UTF-8"))
}

/// A running `aman serve`. Its stdout is copied to `<label>.stdout` by a
/// thread, which also hands over the first line; stderr goes to
/// `<label>.stderr`. Dropping it kills the process.
struct Serve {
    child: Option<Child>,
    url: String,
    stderr: PathBuf,
    copier: Option<JoinHandle<()>>,
}

impl Serve {
    fn start(binary: &Path, db_url: &str, key_file: &Path, dir: &Path, label: &str) -> Result<Serve> {
        let stderr = dir.join(format!("{label}.stderr"));
        let stdout_copy = dir.join(format!("{label}.stdout"));
        let mut child = Command::new(binary)
            .args(["serve", "--db", db_url, "--listen", "127.0.0.1:0", "--key-file"])
            .arg(key_file)
            // The harness is one client hammering intake: flood limits off.
            .env("AMAN_INTAKE_LIMITS", "off")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(File::create(&stderr).with_context(|| format!("creating {}", stderr.display()))?)
            .spawn()
            .with_context(|| format!("starting {} serve", binary.display()))?;
        let stdout = child.stdout.take().context("the server's stdout was not captured")?;
        let mut copy = File::create(&stdout_copy).with_context(|| format!("creating {}", stdout_copy.display()))?;
        let (first_line, first_line_received) = std::sync::mpsc::channel();
        // Keep reading to the end: a closed pipe would make the server's
        // later prints fail.
        let copier = std::thread::spawn(move || {
            for (index, line) in BufReader::new(stdout).lines().map_while(Result::ok).enumerate() {
                let _ = writeln!(copy, "{line}");
                if index == 0 {
                    let _ = first_line.send(line);
                }
            }
        });
        let mut serve = Serve { child: Some(child), url: String::new(), stderr, copier: Some(copier) };
        let line = match first_line_received.recv_timeout(START_TIMEOUT) {
            Ok(line) => line,
            Err(error) => bail!("aman serve printed no first line ({error})\n{}", serve.stderr_tail()),
        };
        let Some(url) = line.strip_prefix(LISTENING) else {
            bail!("aman serve's first line is not `{LISTENING}…`: {line}\n{}", serve.stderr_tail());
        };
        serve.url = url.trim_end_matches('/').to_owned();
        Ok(serve)
    }

    /// SIGKILL, after checking the server did not exit by itself.
    fn kill(&mut self) -> Result<()> {
        let Some(mut child) = self.child.take() else { bail!("the server was already stopped") };
        if let Some(status) = child.try_wait().context("checking on the server")? {
            bail!("the server exited by itself ({status}) before it was killed\n{}", self.stderr_tail());
        }
        child.kill().context("killing the server")?;
        child.wait().context("waiting for the killed server")?;
        self.join_copier();
        Ok(())
    }

    /// SIGTERM, and a clean exit within the grace period.
    fn stop(&mut self) -> Result<()> {
        let Some(mut child) = self.child.take() else { return Ok(()) };
        if let Some(status) = child.try_wait().context("checking on the server")? {
            bail!("the server exited by itself ({status})\n{}", self.stderr_tail());
        }
        // Through kill(1): calling libc::kill would need `unsafe`, which the workspace forbids.
        let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
        let deadline = Instant::now() + STOP_GRACE;
        if matches!(sent, Ok(status) if status.success()) {
            while Instant::now() < deadline {
                if let Some(status) = child.try_wait().context("waiting for the server")? {
                    self.join_copier();
                    ensure!(status.success(), "the server failed while stopping ({status})\n{}", self.stderr_tail());
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        child.kill().context("killing the server")?;
        child.wait().context("waiting for the killed server")?;
        bail!("the server did not stop within {} s of SIGTERM\n{}", STOP_GRACE.as_secs(), self.stderr_tail())
    }

    fn join_copier(&mut self) {
        if let Some(copier) = self.copier.take() {
            let _ = copier.join();
        }
    }

    fn stderr_tail(&self) -> String {
        match fs::read(&self.stderr) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let lines: Vec<&str> = text.lines().collect();
                let tail = lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n");
                format!("--- last lines of {} ---\n{tail}", self.stderr.display())
            }
            Err(error) => format!("(could not read {}: {error})", self.stderr.display()),
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Best effort: this runs while unwinding from another error.
            let _ = child.kill();
            let _ = child.wait();
        }
        self.join_copier();
    }
}

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .context("the xtask crate has no parent directory")
}

fn make_temp_dir() -> Result<PathBuf> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("aman-crash-{}-{nanos:09}", std::process::id()));
    fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
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
