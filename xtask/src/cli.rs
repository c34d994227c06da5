//! The command line of `cargo xtask`, parsed by `clap`.
//!
//! One subcommand per task, each with its own flags and defaults. A mistake
//! on the command line (unknown flag, bad or out-of-range value, a flag given
//! twice) is reported by clap with the usage and exit status 2; [`Cli::check`]
//! adds the one rule that involves two flags.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// Where a server under test keeps its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// A fresh SQLite file.
    Sqlite,
    /// A new database on `--postgres-url`, dropped afterwards.
    Postgres,
}

/// Fallback for `--postgres-url` when `$AMAN_TEST_POSTGRES_URL` is not set.
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1/postgres";

/// Project automation for Aman: benchmarks, the early-warning evaluation and
/// the crash-safety harness.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Point -> sub-district lookups on one thread, over three workloads.
    BenchLocate(LocateArgs),
    /// Durable concern submissions per second against a real server, compared with GET /healthz.
    ///
    /// Builds and starts `aman demo` (release) on a free local port, then for
    /// each connection count runs GET /healthz and POST /api/v1/concerns for
    /// S seconds each after W seconds of warm-up. The database is a fresh
    /// SQLite file (default) or, with --db postgres, a new database
    /// aman_bench_<pid> on --postgres-url, dropped afterwards; then pgbench
    /// measures single-row INSERTs of a concern-shaped row for S seconds per
    /// connection count in a scratch database, for comparison. Needs psql and
    /// pgbench. With --url, benchmarks an already-running server instead of
    /// starting one.
    BenchIntake(IntakeArgs),
    /// Design-based estimation (aman-survey) against R's survey package.
    ///
    /// N seeded responses in 20 strata x 100 PSUs with weights, D domains;
    /// the mean and a proportion with Taylor SEs for every domain, best of R
    /// runs, then Rscript (svydesign + svyby svymean) on the same CSV. Prints
    /// the speed-up; skips R if Rscript is absent.
    BenchSurvey(SurveyArgs),
    /// Durability check (docs/reliability.md): SIGKILL the server under load.
    ///
    /// In each of R rounds, C clients submit up to N concerns to `aman serve`
    /// on a fresh database, which is killed with SIGKILL after a random 10-90%
    /// of them were acknowledged, then restarted. Fails unless every
    /// acknowledged concern is stored exactly once and nothing else is. Needs
    /// sqlite3 or psql. Without --aman, builds the release server.
    CrashTest(CrashArgs),
    /// Outbreak-detection evaluation (docs/early-warning.md).
    ///
    /// N seeded daily series per baseline with injected outbreaks, every
    /// aman-detect method with R's and Aman's defaults, plus a replay of the
    /// UCDP Iraq events in data/events. Prints markdown tables.
    EvalDetect(EvalArgs),
    /// Outbreak-detection throughput (docs/benchmarks.md).
    ///
    /// 1547 seeded daily series (119 areas x 13 categories) of 10 years;
    /// every aman-detect method with Aman's presets over the whole series,
    /// the server's hourly alert run, and the newest day only, on 1 and 2
    /// threads, best of R runs. Prints a markdown table.
    BenchDetect(DetectArgs),
    /// A large database: N concerns over a year (docs/benchmarks.md).
    ///
    /// Runs the release `aman demo --seed-only --concerns N` on the given
    /// database and key file (created if missing): Iraq's areas, the demo's
    /// organisations, committees, surveys and staff accounts (printed, like
    /// the demo's), and N concerns where people live, by kind and season,
    /// partly clustered, moved along their life-cycle. Prints how long it
    /// took.
    Gen(GenArgs),
    /// The public dashboard, the staff queue, the situation report and the
    /// server's memory on a large database (docs/benchmarks.md).
    ///
    /// Starts the release `aman demo` on --db (made by `gen`; the demo adds
    /// nothing to a database that has concerns, and prints new passwords),
    /// signs in as the demo's triage officer, then times GET /dashboard for
    /// the country and every governorate and district, the queue with
    /// filters, the month's situation report page and its PDF, and reads the
    /// server's resident memory. Prints p50, p95 and the maximum.
    BenchScale(ScaleArgs),
    /// Near-duplicate reports (aman-text) on a seeded corpus with known groups (docs/benchmarks.md).
    ///
    /// N seeded reports of events in Arabic, Sorani, Kurmanji and English
    /// (paraphrases, dialect spellings, typos), inserted one by one into the
    /// near-duplicate index on one thread; prints pairwise precision and
    /// recall against the known events, reports per second and the
    /// parameters. --write-corpus saves the corpus as CSV (event,language,text).
    BenchDedup(DedupArgs),
    /// Places named in words (aman-text) against UCDP events with known districts (docs/benchmarks.md).
    ///
    /// Feeds each UCDP GED event's location text (alone, then with UCDP's
    /// district and province) to the gazetteer and prints the share whose
    /// first (and first three) candidates lie in the district the event's
    /// point falls in, and the time per text. --derive DIR writes
    /// data/places/gazetteer.csv from the gazetteer files in DIR instead.
    EvalGeocode(GeocodeArgs),
    /// Hate speech and incitement flags (aman-text) against scikit-learn (docs/benchmarks.md).
    ///
    /// Stratified K-fold cross-validation (seeded) of the flagger on the
    /// MPOLD comments, and train-on-two-platforms, test-on-the-third; the
    /// threshold is chosen inside the training folds. Prints precision,
    /// recall and F1 per fold and their mean, and writes both splits
    /// (id,fold,label,text) to --out for xtask/scripts/flag_baseline.py.
    EvalFlag(FlagArgs),
}

#[derive(Debug, Args)]
pub struct LocateArgs {
    /// Points per workload.
    #[arg(long, value_name = "N", default_value_t = 2_000_000, value_parser = at_least_one)]
    pub points: usize,
    /// Timed runs per workload.
    #[arg(long, value_name = "R", default_value_t = 3, value_parser = at_least_one)]
    pub runs: usize,
    /// Seed of the generated points.
    #[arg(long, value_name = "S", default_value_t = crate::locate::DEFAULT_SEED)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Seconds per phase, in (0, 3600].
    #[arg(long, value_name = "S", default_value_t = 10.0, allow_negative_numbers = true, value_parser = window_seconds)]
    pub seconds: f64,
    /// Connection counts, comma separated, each between 1 and 10000.
    #[arg(long, value_name = "C1,C2,...", value_delimiter = ',', default_value = "64,256", value_parser = connection_count)]
    pub connections: Vec<usize>,
    /// Seconds of warm-up before each phase, in [0, 3600].
    #[arg(long, value_name = "W", default_value_t = 1.0, allow_negative_numbers = true, value_parser = warmup_seconds)]
    pub warmup: f64,
    /// Database of the server started here.
    #[arg(long, value_name = "sqlite|postgres", value_enum, default_value_t = Backend::Sqlite)]
    pub db: Backend,
    /// PostgreSQL server for --db postgres.
    #[arg(long, value_name = "URL", env = "AMAN_TEST_POSTGRES_URL", hide_env_values = true, default_value = DEFAULT_POSTGRES_URL)]
    pub postgres_url: String,
    /// Benchmark this already-running server instead of starting one.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// Seeded responses, at least 1000.
    #[arg(long, value_name = "N", default_value_t = 1_000_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1000..))]
    pub responses: usize,
    /// Domains, between 1 and 1000.
    #[arg(long, value_name = "D", default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
    pub domains: usize,
    /// Runs; the best is reported.
    #[arg(long, value_name = "R", default_value_t = 3, value_parser = at_least_one)]
    pub runs: usize,
    /// Seed of the generated survey.
    #[arg(long, value_name = "S", default_value_t = crate::bench_survey::DEFAULT_SEED)]
    pub seed: u64,
    /// A Python with the `svy` package (`pip install svy`), to measure it
    /// side by side; skipped when absent.
    #[arg(long, value_name = "PYTHON")]
    pub svy_python: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct CrashArgs {
    /// Database of the server under test.
    #[arg(long, value_name = "sqlite|postgres", value_enum, default_value_t = Backend::Sqlite)]
    pub db: Backend,
    /// PostgreSQL server for --db postgres.
    #[arg(long, value_name = "URL", env = "AMAN_TEST_POSTGRES_URL", hide_env_values = true, default_value = DEFAULT_POSTGRES_URL)]
    pub postgres_url: String,
    /// Rounds (kill and restart), between 1 and 10000.
    #[arg(long, value_name = "R", default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    pub rounds: usize,
    /// Submissions per round at most, between 10 and 10000000.
    #[arg(long, value_name = "N", default_value_t = 5000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(10..=10_000_000))]
    pub submissions: usize,
    /// Concurrent clients, between 1 and 10000.
    #[arg(long, value_name = "C", default_value_t = 32, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
    pub clients: usize,
    /// An `aman` binary to test instead of building the release server.
    #[arg(long, value_name = "PATH")]
    pub aman: Option<PathBuf>,
    /// Seed of the kill points [default: from the clock].
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Concerns to generate.
    #[arg(long, value_name = "N", default_value_t = 1_000_000, value_parser = at_least_one)]
    pub concerns: usize,
    /// Database URL (sqlite://FILE or postgres://…); must hold no concerns yet.
    #[arg(long, value_name = "URL")]
    pub db: String,
    /// Key file (created if missing).
    #[arg(long = "key-file", value_name = "FILE")]
    pub key_file: PathBuf,
    /// The `aman` binary to run [default: build the release server].
    #[arg(long, value_name = "PATH")]
    pub aman: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// Database URL made by `cargo xtask gen`.
    #[arg(long, value_name = "URL")]
    pub db: String,
    /// Its key file.
    #[arg(long = "key-file", value_name = "FILE")]
    pub key_file: PathBuf,
    /// Requests per measured page.
    #[arg(long, value_name = "R", default_value_t = 3, value_parser = at_least_one)]
    pub rounds: usize,
    /// The `aman` binary to run [default: build the release server].
    #[arg(long, value_name = "PATH")]
    pub aman: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Synthetic daily series per baseline.
    #[arg(long, value_name = "N", default_value_t = 40, value_parser = at_least_one)]
    pub series: usize,
    /// Series per Noufaily scenario.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = at_least_one)]
    pub replicates: usize,
    /// Seed of the synthetic series.
    #[arg(long, value_name = "S", default_value_t = crate::eval_detect::DEFAULT_SEED)]
    pub seed: u64,
}

/// How an event's reports are written (`bench-dedup --corpus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupCorpus {
    Accounts,
    Copies,
}

/// The order the reports are inserted in (`bench-dedup --order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupOrder {
    Arrival,
    Shuffled,
}

impl DedupCorpus {
    pub fn name(self) -> &'static str {
        match self {
            DedupCorpus::Accounts => "independent accounts",
            DedupCorpus::Copies => "edited copies",
        }
    }
}

#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Reports in the corpus.
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = at_least_one)]
    pub reports: usize,
    /// Seed of the corpus.
    #[arg(long, value_name = "S", default_value_t = crate::bench_dedup::DEFAULT_SEED)]
    pub seed: u64,
    /// `accounts`: each report of an event written afresh from its facts;
    /// `copies`: the first written so, the others edited copies of it.
    #[arg(long, value_enum, default_value_t = DedupCorpus::Accounts)]
    pub corpus: DedupCorpus,
    /// `arrival`: an event's reports close together, as they come in;
    /// `shuffled`: the same reports in a seeded random order (a file whose
    /// rows are in no useful order).
    #[arg(long, value_enum, default_value_t = DedupOrder::Arrival)]
    pub order: DedupOrder,
    /// Insert the reports one by one into the incremental index, as the
    /// server does, instead of grouping the batch as `aman text
    /// near-duplicates` does.
    #[arg(long)]
    pub incremental: bool,
    /// Also write the corpus to this CSV file.
    #[arg(long = "write-corpus", value_name = "FILE")]
    pub write_corpus: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GeocodeArgs {
    /// Use events whose where_prec is at most this (1 exact place, 2 within 25 km, 3 district).
    #[arg(long, value_name = "P", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=7))]
    pub max_prec: u8,
    /// Print this many of the most frequent misses (to stderr).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub misses: usize,
    /// Write data/places/gazetteer.csv from the gazetteer files in this folder instead.
    #[arg(long, value_name = "DIR")]
    pub derive: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FlagArgs {
    /// Folds of the cross-validation, between 2 and 100.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(2..=100))]
    pub folds: usize,
    /// Seed of the fold assignment.
    #[arg(long, value_name = "S", default_value_t = crate::eval_flag::DEFAULT_SEED)]
    pub seed: u64,
    /// Folder for the folds' CSV files [default: target/eval-flag].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Runs; the best is reported.
    #[arg(long, value_name = "R", default_value_t = 3, value_parser = at_least_one)]
    pub runs: usize,
    /// Seed of the simulated series.
    #[arg(long, value_name = "S", default_value_t = crate::bench_detect::DEFAULT_SEED)]
    pub seed: u64,
    /// Run only the workloads whose name ("full: Farrington, …") contains this text.
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Seconds in (0, 3600], or [0, 3600] if `zero_allowed`.
fn seconds(text: &str, zero_allowed: bool) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s <= 3600.0 && (s > 0.0 || (zero_allowed && s == 0.0)) => Ok(s),
        Ok(_) if zero_allowed => Err("must be in [0, 3600]".to_owned()),
        Ok(_) => Err("must be in (0, 3600]".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

fn window_seconds(text: &str) -> Result<f64, String> {
    seconds(text, false)
}

fn warmup_seconds(text: &str) -> Result<f64, String> {
    seconds(text, true)
}

fn connection_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(c) if (1..=10_000).contains(&c) => Ok(c),
        Ok(_) => Err("each connection count must be between 1 and 10000".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

impl Cli {
    /// The rules clap cannot express: `--db postgres` starts its own server,
    /// so it cannot be combined with `--url`.
    pub fn check(&self) -> Result<(), clap::Error> {
        if let Command::BenchIntake(args) = &self.command
            && args.url.is_some()
            && args.db == Backend::Postgres
        {
            return Err(Cli::command().error(
                ErrorKind::ArgumentConflict,
                "`--db postgres` starts its own server; it cannot be combined with `--url`",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command, clap::Error> {
        let cli = Cli::try_parse_from(std::iter::once("xtask").chain(line.split_whitespace()))?;
        cli.check()?;
        Ok(cli.command)
    }

    fn error_kind(line: &str) -> Option<ErrorKind> {
        parse(line).err().map(|e| e.kind())
    }

    /// `--postgres-url`'s default: the environment's, as clap reads it.
    fn default_postgres_url() -> String {
        std::env::var("AMAN_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| DEFAULT_POSTGRES_URL.to_owned())
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_are_the_documented_ones() -> Result<(), clap::Error> {
        let Command::BenchLocate(a) = parse("bench-locate")? else { panic!("not bench-locate") };
        assert_eq!((a.points, a.runs, a.seed), (2_000_000, 3, crate::locate::DEFAULT_SEED));
        let Command::BenchIntake(a) = parse("bench-intake")? else { panic!("not bench-intake") };
        assert_eq!((a.seconds, a.warmup, a.connections.as_slice()), (10.0, 1.0, &[64, 256][..]));
        assert_eq!((a.db, a.url, a.postgres_url), (Backend::Sqlite, None, default_postgres_url()));
        let Command::BenchSurvey(a) = parse("bench-survey")? else { panic!("not bench-survey") };
        assert_eq!((a.responses, a.domains, a.runs, a.seed), (1_000_000, 50, 3, crate::bench_survey::DEFAULT_SEED));
        let Command::CrashTest(a) = parse("crash-test")? else { panic!("not crash-test") };
        assert_eq!((a.db, a.rounds, a.submissions, a.clients), (Backend::Sqlite, 20, 5000, 32));
        assert_eq!((a.aman, a.seed, a.postgres_url), (None, None, default_postgres_url()));
        let Command::EvalDetect(a) = parse("eval-detect")? else { panic!("not eval-detect") };
        assert_eq!((a.series, a.replicates, a.seed), (40, 30, crate::eval_detect::DEFAULT_SEED));
        let Command::BenchDetect(a) = parse("bench-detect")? else { panic!("not bench-detect") };
        assert_eq!((a.runs, a.seed), (3, crate::bench_detect::DEFAULT_SEED));
        Ok(())
    }

    #[test]
    fn takes_the_invocations_of_ci_and_the_docs() -> Result<(), clap::Error> {
        // .ci/run and docs/reliability.md
        let Command::CrashTest(a) =
            parse("crash-test --db sqlite --rounds 3 --submissions 300 --aman target/debug/aman")?
        else {
            panic!("not crash-test")
        };
        assert_eq!((a.db, a.rounds, a.submissions, a.clients), (Backend::Sqlite, 3, 300, 32));
        assert_eq!(a.aman, Some(PathBuf::from("target/debug/aman")));
        let Command::CrashTest(a) = parse(
            "crash-test --db postgres --rounds 3 --submissions 300 --aman target/debug/aman \
             --postgres-url postgres://ci@db/postgres --seed 7",
        )?
        else {
            panic!("not crash-test")
        };
        assert_eq!((a.db, a.postgres_url.as_str(), a.seed), (Backend::Postgres, "postgres://ci@db/postgres", Some(7)));
        // docs/benchmarks.md
        let Command::BenchLocate(a) = parse("bench-locate --points 500000 --runs 5 --seed 42")? else {
            panic!("not bench-locate")
        };
        assert_eq!((a.points, a.runs, a.seed), (500_000, 5, 42));
        let Command::BenchIntake(a) = parse("bench-intake --seconds 30 --connections 16,64,256 --warmup 2")? else {
            panic!("not bench-intake")
        };
        assert_eq!((a.seconds, a.warmup, a.connections.as_slice()), (30.0, 2.0, &[16, 64, 256][..]));
        let Command::BenchIntake(a) = parse("bench-intake --url http://127.0.0.1:8080")? else {
            panic!("not bench-intake")
        };
        assert_eq!(a.url.as_deref(), Some("http://127.0.0.1:8080"));
        let Command::BenchIntake(a) =
            parse("bench-intake --db postgres --seconds 8 --postgres-url postgres://postgres@127.0.0.1/postgres")?
        else {
            panic!("not bench-intake")
        };
        assert_eq!((a.db, a.seconds, a.postgres_url.as_str()), (Backend::Postgres, 8.0, DEFAULT_POSTGRES_URL));
        Ok(())
    }

    #[test]
    fn takes_both_spellings_and_lists() -> Result<(), clap::Error> {
        let Command::BenchIntake(a) = parse("bench-intake --seconds=0.5 --connections=64,256 --warmup=0")? else {
            panic!("not bench-intake")
        };
        assert_eq!((a.seconds, a.warmup, a.connections.as_slice()), (0.5, 0.0, &[64, 256][..]));
        let cli = Cli::try_parse_from(["xtask", "bench-intake", "--connections", "16, 64"])?;
        let Command::BenchIntake(a) = cli.command else { panic!("not bench-intake") };
        assert_eq!(a.connections, [16, 64]);
        Ok(())
    }

    #[test]
    fn refuses_mistakes() {
        assert_eq!(error_kind(""), Some(ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand));
        assert_eq!(error_kind("bench-everything"), Some(ErrorKind::InvalidSubcommand));
        assert_eq!(error_kind("bench-locate stray"), Some(ErrorKind::UnknownArgument));
        assert_eq!(error_kind("bench-locate --typo 1"), Some(ErrorKind::UnknownArgument));
        assert_eq!(error_kind("bench-locate --points"), Some(ErrorKind::InvalidValue));
        assert_eq!(error_kind("bench-locate --runs 1 --runs 2"), Some(ErrorKind::ArgumentConflict));
        assert_eq!(error_kind("bench-locate --points many"), Some(ErrorKind::ValueValidation));
        assert_eq!(error_kind("crash-test --db mysql"), Some(ErrorKind::InvalidValue));
        assert_eq!(error_kind("bench-intake --url http://x --db postgres"), Some(ErrorKind::ArgumentConflict));
        assert!(parse("bench-intake --url http://x --db sqlite").is_ok());
    }

    #[test]
    fn refuses_values_out_of_range() {
        for line in [
            "bench-locate --points 0",
            "bench-locate --runs 0",
            "bench-intake --seconds 0",
            "bench-intake --seconds 3601",
            "bench-intake --seconds inf",
            "bench-intake --warmup -1",
            "bench-intake --seconds -5",
            "bench-intake --connections 64,0",
            "bench-intake --connections 10001",
            "bench-intake --connections 64,,256",
            "bench-survey --responses 999",
            "bench-survey --domains 0",
            "bench-survey --domains 1001",
            "bench-survey --runs 0",
            "crash-test --rounds 0",
            "crash-test --rounds 10001",
            "crash-test --submissions 9",
            "crash-test --submissions 10000001",
            "crash-test --clients 0",
            "crash-test --clients 10001",
            "eval-detect --series 0",
            "bench-detect --runs 0",
        ] {
            assert_eq!(error_kind(line), Some(ErrorKind::ValueValidation), "{line}");
        }
        for line in [
            "bench-locate --points 1 --runs 1",
            "bench-intake --seconds 3600 --warmup 3600 --connections 1,10000",
            "bench-survey --responses 1000 --domains 1000 --runs 1",
            "crash-test --rounds 10000 --submissions 10 --clients 10000",
            "crash-test --submissions 10000000 --clients 1 --rounds 1",
            "eval-detect --series 1",
            "bench-detect --runs 1",
        ] {
            assert!(parse(line).is_ok(), "{line}");
        }
    }

    #[test]
    fn bench_dedup_takes_its_flags() -> Result<(), clap::Error> {
        let Command::BenchDedup(a) = parse("bench-dedup")? else { panic!("not bench-dedup") };
        assert_eq!(
            (a.reports, a.seed, a.corpus, a.write_corpus),
            (100_000, crate::bench_dedup::DEFAULT_SEED, DedupCorpus::Accounts, None)
        );
        let Command::BenchDedup(a) =
            parse("bench-dedup --reports 5000 --seed 9 --corpus copies --write-corpus /tmp/c.csv")?
        else {
            panic!("not bench-dedup")
        };
        assert_eq!(
            (a.reports, a.seed, a.corpus, a.write_corpus),
            (5000, 9, DedupCorpus::Copies, Some(PathBuf::from("/tmp/c.csv")))
        );
        assert_eq!(error_kind("bench-dedup --reports 0"), Some(ErrorKind::ValueValidation));
        Ok(())
    }

    #[test]
    fn eval_flag_takes_its_flags() -> Result<(), clap::Error> {
        let Command::EvalFlag(a) = parse("eval-flag")? else { panic!("not eval-flag") };
        assert_eq!((a.folds, a.seed, a.out), (5, crate::eval_flag::DEFAULT_SEED, None));
        let Command::EvalFlag(a) = parse("eval-flag --folds 10 --seed 3 --out /tmp/f")? else {
            panic!("not eval-flag")
        };
        assert_eq!((a.folds, a.seed, a.out), (10, 3, Some(PathBuf::from("/tmp/f"))));
        for line in ["eval-flag --folds 1", "eval-flag --folds 101", "eval-flag --seed -1"] {
            assert!(parse(line).is_err(), "{line}");
        }
        Ok(())
    }
}
