//! `aman`: the one binary. Subcommands parse flags and wire the crates
//! together; nothing here holds domain logic.

mod analysis;
mod demo;
mod demo_actions;
mod demo_committees;
mod demo_concerns;
mod demo_surveys;
mod imports;
mod input;
mod keyfile;
mod maintenance;
mod moving;
mod reporting;
mod serving;
mod surveying;
mod texts;
mod users;
mod ushahidi;

use imports::ImportCommand;
use keyfile::create_key_file;
use users::UserCommand;

use aman_core::secrets::Keys;
use aman_db::Db;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "aman",
    version,
    about = "Aman (أمان): community security platform — residents report concerns safely, committees act, institutions account."
)]
struct Cli {
    /// How logs are written to standard error: `text` for people, `json`
    /// (one object per line) for a log collector. Logs never hold paths,
    /// client addresses or anything a reporter typed.
    #[arg(long, global = true, env = "AMAN_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArg {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER@HOST/NAME.
    #[arg(long = "db", env = "AMAN_DATABASE_URL", default_value = "sqlite://aman.db")]
    url: String,
}

#[derive(Args, Clone)]
struct KeyArg {
    /// Key file holding the receipt and data keys. Keep it outside the database and its backups.
    #[arg(long = "key-file", env = "AMAN_KEY_FILE", default_value = "aman.key")]
    path: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the API.
    Serve(serving::ServeArgs),
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Manage the key file.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage the doors other systems use (RapidPro, an SMS gateway, Open311).
    Channel {
        #[command(subcommand)]
        command: users::ChannelCommand,
    },
    /// Manage the organisations that receive referrals and own actions.
    Organisation {
        #[command(subcommand)]
        command: users::OrganisationCommand,
    },
    /// Erase contact details and exact points of concerns closed longer ago than
    /// the retention period (the server also does this every six hours).
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Early warning: detect rising counts in series of concerns or events.
    Alerts {
        #[command(subcommand)]
        command: analysis::AlertsCommand,
    },
    /// Perception surveys: estimates with honest uncertainty.
    Survey {
        #[command(subcommand)]
        command: analysis::SurveyCommand,
    },
    /// The Community Security Index of every governorate for one quarter (CSV).
    Index(surveying::IndexArgs),
    /// The areas a place written in words names: JSON candidates, best first
    /// (or, with `--input`, `id,pcode,score` for each row of a CSV).
    Geocode(texts::GeocodeArgs),
    /// Free text read by machine: near-duplicate reports, hate speech flags.
    Text {
        #[command(subcommand)]
        command: texts::TextCommand,
    },
    /// Reports for decision makers.
    Report {
        #[command(subcommand)]
        command: reporting::ReportCommand,
    },
    /// Import reference data.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Copy a whole deployment into another database (SQLite ⇄ PostgreSQL):
    /// every table, every id, sealed fields unchanged.
    Copy {
        /// Source database URL.
        #[arg(long)]
        from: String,
        /// Target database URL (migrated here; must be empty unless --overwrite).
        #[arg(long)]
        to: String,
        /// Delete everything in the target before copying.
        #[arg(long)]
        overwrite: bool,
    },
    /// Write a consistent backup to a new SQLite file while the server keeps serving.
    Backup {
        #[command(flatten)]
        db: DbArg,
        /// The backup file to create.
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup file into a database (which must be empty unless --overwrite).
    Restore {
        /// The backup file (as written by `aman backup`).
        #[arg(long)]
        from: PathBuf,
        #[command(flatten)]
        db: DbArg,
        /// Delete everything in the target before restoring.
        #[arg(long)]
        overwrite: bool,
    },
    /// Start Aman with demo data: Iraq's real areas, demo organisations, staff
    /// accounts (credentials printed at start) and a year of demo concerns.
    Demo {
        /// Address to listen on.
        #[arg(long, env = "AMAN_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Database URL for the demo.
        #[arg(long = "db", default_value = "sqlite://aman-demo.db")]
        db: String,
        /// Key file for the demo (created if missing).
        #[arg(long = "key-file", default_value = "aman-demo.key")]
        key_file: PathBuf,
        /// Flood limits on public submissions and receipt lookups (`off` for load tests).
        #[arg(long, env = "AMAN_INTAKE_LIMITS", default_value = "on", value_parser = ["on", "off"])]
        intake_limits: String,
        /// How many concerns a new demo database gets (a year of them).
        #[arg(long, default_value_t = demo::DEMO_CONCERNS)]
        concerns: usize,
        /// Load the demo data, print the accounts and stop, without serving
        /// (`cargo xtask gen` uses it for large databases).
        #[arg(long)]
        seed_only: bool,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a new key file (refuses to overwrite one).
    Init {
        #[command(flatten)]
        keys: KeyArg,
    },
    /// Add a new data key, make it current and re-encrypt every sealed field
    /// with it. The key file is rewritten in place (old keys kept unless
    /// --drop-old). Stop the servers first; start them with the new file.
    Rotate {
        #[command(flatten)]
        keys: KeyArg,
        #[command(flatten)]
        db: DbArg,
        /// Remove the old data keys from the file once everything is re-encrypted
        /// (backups sealed with them can then no longer be read with this file).
        #[arg(long)]
        drop_old: bool,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Run the erasure now.
    Run {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
        /// Days after closing before identities are erased.
        #[arg(long, env = "AMAN_RETENTION_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
        retention_days: i64,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify the hash chain and seals of the whole audit log; exits non-zero
    /// naming the first bad entry.
    Verify {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
        #[command(flatten)]
        checkpoint: CheckpointArg,
    },
    /// Accept the audit log as it is now: verify it whole, then write a new
    /// checkpoint naming its last entry (after restoring a backup on purpose).
    Checkpoint {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
        #[command(flatten)]
        checkpoint: CheckpointArg,
    },
}

#[derive(Args)]
struct CheckpointArg {
    /// Where the audit log's checkpoint is kept, apart from the database
    /// [default: beside the key file, with the extension .audit-checkpoint].
    #[arg(long = "audit-checkpoint", env = "AMAN_AUDIT_CHECKPOINT")]
    checkpoint: Option<PathBuf>,
}

impl CheckpointArg {
    fn path(&self, keys: &KeyArg) -> PathBuf {
        self.checkpoint.clone().unwrap_or_else(|| aman_app::checkpoint::default_path(&keys.path))
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("AMAN_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,sqlx_core::pool=off".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if cli.log_format == "json" {
        logs.json().init();
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).init();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("aman: cannot start: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aman: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serving::run(args).await,
        Command::Migrate { db } => {
            let db = open(&db.url).await?;
            println!("database is up to date");
            db.close().await;
            Ok(())
        }
        Command::Keys { command: KeysCommand::Rotate { keys, db, drop_old } } => {
            keyfile::rotate(&keys.path, &open(&db.url).await?, drop_old).await
        }
        Command::Keys { command: KeysCommand::Init { keys } } => {
            create_key_file(&keys.path)?;
            println!("created {}; keep it safe and outside database backups", keys.path.display());
            Ok(())
        }
        Command::User { command } => users::run(command).await,
        Command::Organisation { command } => users::organisation(command).await,
        Command::Alerts { command } => analysis::alerts(command).await,
        Command::Survey { command } => analysis::survey(command).await,
        Command::Retention { command: RetentionCommand::Run { db, keys, retention_days } } => {
            maintenance::retention(&db, &keys, retention_days).await
        }
        Command::Audit { command: AuditCommand::Verify { db, keys, checkpoint } } => {
            maintenance::verify_audit(&db, &keys, &checkpoint.path(&keys)).await
        }
        Command::Audit { command: AuditCommand::Checkpoint { db, keys, checkpoint } } => {
            maintenance::accept_audit(&db, &keys, &checkpoint.path(&keys)).await
        }
        Command::Import { command } => imports::run(command).await,
        Command::Index(args) => surveying::index(args).await,
        Command::Geocode(args) => texts::geocode(args),
        Command::Text { command } => texts::text(command),
        Command::Report { command } => reporting::run(command).await,
        Command::Channel { command } => users::channel(command).await,
        Command::Copy { from, to, overwrite } => maintenance::copy(&from, &to, overwrite).await,
        Command::Backup { db, to } => maintenance::backup(&db, &to).await,
        Command::Restore { from, db, overwrite } => maintenance::restore(&from, &db, overwrite).await,
        Command::Demo { listen, db, key_file, intake_limits, concerns, seed_only } => {
            serving::demo(&listen, &db, &key_file, intake_limits == "on", concerns, seed_only).await
        }
    }
}

/// Records something done from the command line (no staff account) in the
/// audit log.
async fn record(db: &Db, keys: &Keys, action: &str, subject: &str, detail: &str) -> anyhow::Result<()> {
    let event = aman_core::audit::AuditEvent {
        at_ms: now_ms(),
        actor_id: None,
        action: action.to_owned(),
        subject: subject.to_owned(),
        detail: detail.to_owned(),
    };
    db.append_audit(aman_db::Audit { key: &keys.audit_key(), event }).await?;
    Ok(())
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Connects to a database that is only read (a backup's source, a copy's
/// source, an audit check): its schema is left exactly as it is.
async fn open_as_is(url: &str) -> anyhow::Result<Db> {
    Db::connect(url).await.with_context(|| format!("cannot open database {}", redact(url)))
}

/// Connects and brings the schema up to date.
async fn open(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url).await.with_context(|| format!("cannot open database {}", redact(url)))?;
    db.migrate(now_ms()).await.with_context(|| format!("cannot migrate database {}", redact(url)))?;
    Ok(db)
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => match url[scheme + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_redacted() {
        assert_eq!(redact("postgres://aman:secret@db/aman"), "postgres://aman:***@db/aman");
        assert_eq!(redact("postgres://aman@db/aman"), "postgres://aman@db/aman");
        assert_eq!(redact("sqlite://aman.db"), "sqlite://aman.db");
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
