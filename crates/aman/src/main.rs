//! `aman`: the one binary. Subcommands parse flags and wire the crates
//! together; nothing here holds domain logic.

mod analysis;
mod demo;
mod demo_actions;
mod demo_committees;
mod demo_surveys;
mod imports;
mod keyfile;
mod moving;
mod surveying;
mod users;

use imports::ImportCommand;
use keyfile::{create_key_file, load_keys};
use moving::{copy_into, progress_bar};
use users::UserCommand;

use aman_core::secrets::Keys;
use aman_db::Db;
use aman_web::{AppState, Settings};
use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use rand::RngCore;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "aman",
    version,
    about = "Aman (أمان): community security platform — residents report concerns safely, committees act, institutions account."
)]
struct Cli {
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
    Serve {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        keys: KeyArg,
        /// Address to listen on.
        #[arg(long, env = "AMAN_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Mark cookies Secure (set this when Aman is served over HTTPS).
        #[arg(long, env = "AMAN_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Days after a concern is closed before its contact details and exact point are erased.
        #[arg(long, env = "AMAN_RETENTION_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
        retention_days: i64,
        /// Flood limits on public submissions and receipt lookups: `on` or `off`
        /// (only for load and crash tests; a warning is logged).
        #[arg(long, env = "AMAN_INTAKE_LIMITS", default_value = "on", value_parser = ["on", "off"])]
        intake_limits: String,
        /// Count clients by the last X-Forwarded-For address, the one a trusted proxy appended
        /// (only behind such a proxy).
        #[arg(long, env = "AMAN_TRUST_FORWARDED_FOR")]
        trust_forwarded_for: bool,
        /// A client address never limited, e.g. a trusted SMS gateway (repeatable).
        #[arg(long = "limit-exempt", env = "AMAN_LIMIT_EXEMPT", value_delimiter = ',')]
        limit_exempt: Vec<std::net::IpAddr>,
        /// Submissions per minute, from everyone together, above which each
        /// submission must answer a proof-of-work (or short waiting) challenge.
        #[arg(long, env = "AMAN_CALM_SUBMISSIONS_PER_MINUTE", default_value_t = 120)]
        calm_submissions_per_minute: u32,
        /// A TOML file of referral deadlines: `[default] urgent_days = 2, normal_days = 7` and
        /// `[by_category.gbv] urgent_days = 1, normal_days = 3` (defaults: 2 and 7 days).
        #[arg(long, env = "AMAN_REFERRAL_DEADLINES")]
        referral_deadlines: Option<PathBuf>,
        /// Public figures from fewer concerns than this are shown as "<N" (at least 5).
        #[arg(long, env = "AMAN_SMALL_NUMBERS", default_value_t = 11)]
        small_numbers: u64,
        /// Hours after which an early-warning alert nobody acknowledged goes one level up.
        #[arg(long, env = "AMAN_ALERT_ESCALATE_HOURS", default_value_t = 48, value_parser = clap::value_parser!(i64).range(1..=8760))]
        alert_escalate_hours: i64,
        /// Run every scheduled job this often instead of its own period (drills and tests).
        #[arg(long, env = "AMAN_JOB_PERIOD_SECONDS", hide = true)]
        job_period_seconds: Option<u64>,
    },
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
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AMAN_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,sqlx_core::pool=off".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
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
        Command::Serve {
            db,
            keys,
            listen,
            secure_cookies,
            retention_days,
            intake_limits,
            trust_forwarded_for,
            limit_exempt,
            calm_submissions_per_minute,
            alert_escalate_hours,
            referral_deadlines,
            small_numbers,
            job_period_seconds,
        } => {
            let keys = load_keys(&keys.path)?;
            let db = open(&db.url).await?;
            let job_period_ms = job_period_seconds.map(|s| s.saturating_mul(1000) as i64);
            let intake_limits = (intake_limits == "on").then(|| aman_web::limits::IntakeLimits {
                trust_forwarded_for,
                exempt: limit_exempt,
                calm_submissions_per_minute,
                ..Default::default()
            });
            let alerts = aman_app::alerts::AlertSettings {
                escalate_after_hours: alert_escalate_hours,
                ..aman_app::alerts::AlertSettings::default()
            };
            let referral_deadlines = match referral_deadlines {
                Some(path) => {
                    let text =
                        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                    toml::from_str(&text).with_context(|| format!("{}: not a deadline table", path.display()))?
                }
                None => Default::default(),
            };
            let small_numbers = aman_core::committee::disclosure::Threshold::new(small_numbers)
                .map_err(|e| anyhow::anyhow!("--small-numbers: {e}"))?;
            let settings = Settings {
                secure_cookies,
                intake_limits,
                app: aman_app::Settings {
                    job_period_ms,
                    retention_days,
                    alerts,
                    referral_deadlines,
                    small_numbers,
                    ..aman_app::Settings::default()
                },
            };
            serve(db, keys, &listen, settings).await
        }
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
            let keys = load_keys(&keys.path)?;
            let db = open(&db.url).await?;
            aman_app::check_keys(&db, &keys).await?;
            let purged = aman_app::jobs::purge_identities(&db, &keys, now_ms(), retention_days).await?;
            println!(
                "erased the contact details and exact points of {purged} concerns closed over {retention_days} days ago"
            );
            Ok(())
        }
        Command::Audit { command: AuditCommand::Verify { db, keys } } => {
            let keys = load_keys(&keys.path)?;
            let db = open_as_is(&db.url).await?;
            let (entries, (seq, hash, mac)) = db.audit_chain().await?;
            // A deployment that never started has an unsealed, empty log;
            // once a server has started, the head is always sealed.
            let started = db.key_check("receipt").await?.is_some();
            if !started && seq == 0 && mac.is_empty() && entries.is_empty() {
                println!("audit log empty: no server has used this database yet");
                return Ok(());
            }
            match aman_core::audit::verify(&keys.audit_key(), &entries, Some((seq, hash.as_str(), mac.as_str()))) {
                Ok(count) => {
                    println!("audit log intact: {count} entries");
                    Ok(())
                }
                Err(problem) => bail!("audit log broken: {problem}"),
            }
        }
        Command::Import { command } => imports::run(command).await,
        Command::Index(args) => surveying::index(args).await,
        Command::Copy { from, to, overwrite } => {
            let source = open_as_is(&from).await?;
            let target = open(&to).await?;
            let copied = copy_into(&source, &target, overwrite).await?;
            println!("copied {copied} rows from {} to {}", redact(&from), redact(&to));
            Ok(())
        }
        Command::Backup { db, to } => {
            let source = open_as_is(&db.url).await?;
            let bar = progress_bar();
            let result = aman_db::copy::backup(&source, &to, now_ms(), &mut moving::show_progress(&bar)).await;
            bar.finish_and_clear();
            result.with_context(|| format!("cannot write backup {}", to.display()))?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        Command::Restore { from, db, overwrite } => {
            if !from.is_file() {
                bail!("no backup file at {}", from.display());
            }
            let url = format!("sqlite://{}?mode=ro", from.display());
            let source = Db::connect(&url).await.with_context(|| format!("cannot open backup {}", from.display()))?;
            let target = open(&db.url).await?;
            let copied = copy_into(&source, &target, overwrite).await?;
            println!("restored {copied} rows from {} into {}", from.display(), redact(&db.url));
            Ok(())
        }
        Command::Demo { listen, db, key_file, intake_limits } => {
            if !key_file.exists() {
                create_key_file(&key_file)?;
            }
            let keys = load_keys(&key_file)?;
            let db = open(&db).await?;
            let accounts = demo::seed(&db, &keys, now_ms()).await.context("seeding demo data")?;
            println!("Demo staff accounts (passwords and two-factor keys are new at every start):");
            for account in &accounts {
                let demo::DemoAccount { email, role, area, password, .. } = account;
                println!("  {email:<34} {password}  {} for {area}", role.as_str());
                if let Some(key) = &account.totp {
                    println!("  {:<34} two-factor key {key} (add it to an authenticator app)", "");
                }
            }
            let intake_limits = (intake_limits == "on").then(Default::default);
            serve(db, keys, &listen, Settings { intake_limits, ..Settings::default() }).await
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

fn hex_id(bytes: [u8; 4]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    bytes
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

async fn serve(db: Db, keys: Keys, listen: &str, settings: Settings) -> anyhow::Result<()> {
    if settings.intake_limits.is_none() {
        tracing::warn!("intake limits are OFF: public submissions and receipt lookups are not rate-limited");
    }
    let state = AppState::load(db, keys, Arc::new(chrono::Utc::now), settings).await?;
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    let worker = format!("{}-{}", std::process::id(), hex_id(random::<4>()));
    tokio::spawn(aman_app::jobs::run_forever(state.app().clone(), worker));
    println!("Aman is listening on http://{address}");
    aman_web::serve(listener, state, shutdown_signal()).await.context("server failed")?;
    println!("Aman stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = interrupt => {},
        _ = async { match terminate.as_mut() { Some(s) => { s.recv().await; } None => std::future::pending().await } } => {},
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
