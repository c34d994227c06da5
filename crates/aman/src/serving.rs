//! `aman serve` and `aman demo`: the web door over the application, with the
//! scheduled jobs beside it, until a signal stops it.

use crate::keyfile::{create_key_file, load_keys};
use crate::{DbArg, KeyArg, demo, now_ms, open};
use aman_core::secrets::Keys;
use aman_db::Db;
use aman_web::{AppState, Settings};
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub keys: KeyArg,
    /// Where the audit log's checkpoint is kept, apart from the database
    /// [default: beside the key file, with the extension .audit-checkpoint].
    #[arg(long, env = "AMAN_AUDIT_CHECKPOINT")]
    pub audit_checkpoint: Option<PathBuf>,
    /// Serve Prometheus metrics (`GET /metrics`: requests by route, method
    /// and status, their durations, job runs; nothing about anyone) on this
    /// address only, never on the public one, e.g. 127.0.0.1:9464.
    #[arg(long, env = "AMAN_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// Who runs this service, as residents should read it on /about
    /// (e.g. "the Basra community security forum, telephone 0770 000 0000").
    #[arg(long, env = "AMAN_OPERATOR")]
    pub operator: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "AMAN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Mark cookies Secure (set this when Aman is served over HTTPS).
    #[arg(long, env = "AMAN_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Days after a concern is closed before its contact details and exact point are erased.
    #[arg(long, env = "AMAN_RETENTION_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub retention_days: i64,
    /// Flood limits on public submissions and receipt lookups: `on` or `off`
    /// (only for load and crash tests; a warning is logged).
    #[arg(long, env = "AMAN_INTAKE_LIMITS", default_value = "on", value_parser = ["on", "off"])]
    pub intake_limits: String,
    /// Count clients by the last X-Forwarded-For address, the one a trusted proxy appended
    /// (only behind such a proxy).
    #[arg(long, env = "AMAN_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// A client address never limited, e.g. a trusted SMS gateway (repeatable).
    #[arg(long = "limit-exempt", env = "AMAN_LIMIT_EXEMPT", value_delimiter = ',')]
    pub limit_exempt: Vec<std::net::IpAddr>,
    /// Submissions per minute, from everyone together, above which each
    /// submission must answer a proof-of-work (or short waiting) challenge.
    #[arg(long, env = "AMAN_CALM_SUBMISSIONS_PER_MINUTE", default_value_t = 120)]
    pub calm_submissions_per_minute: u32,
    /// A TOML file of referral deadlines: `[default] urgent_days = 2, normal_days = 7` and
    /// `[by_category.gbv] urgent_days = 1, normal_days = 3` (defaults: 2 and 7 days).
    #[arg(long, env = "AMAN_REFERRAL_DEADLINES")]
    pub referral_deadlines: Option<PathBuf>,
    /// Public figures from fewer concerns than this are shown as "<N" (at least 5).
    #[arg(long, env = "AMAN_SMALL_NUMBERS", default_value_t = 11)]
    pub small_numbers: u64,
    /// Hours after which an early-warning alert nobody acknowledged goes one level up.
    #[arg(long, env = "AMAN_ALERT_ESCALATE_HOURS", default_value_t = 48, value_parser = clap::value_parser!(i64).range(1..=8760))]
    pub alert_escalate_hours: i64,
    /// Seconds a request may take to arrive and be answered before it gets 408.
    #[arg(long, env = "AMAN_REQUEST_TIMEOUT_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_seconds: u64,
    /// Run every scheduled job this often instead of its own period (drills and tests).
    #[arg(long, env = "AMAN_JOB_PERIOD_SECONDS", hide = true)]
    pub job_period_seconds: Option<u64>,
}

impl ServeArgs {
    /// The settings these flags describe.
    fn settings(&self) -> anyhow::Result<Settings> {
        let intake_limits = (self.intake_limits == "on").then(|| aman_web::limits::IntakeLimits {
            trust_forwarded_for: self.trust_forwarded_for,
            exempt: self.limit_exempt.clone(),
            calm_submissions_per_minute: self.calm_submissions_per_minute,
            ..Default::default()
        });
        let referral_deadlines = match &self.referral_deadlines {
            Some(path) => {
                let text = crate::input::read_text(path, crate::input::SETTINGS_BYTES)?;
                toml::from_str(&text).with_context(|| format!("{}: not a deadline table", path.display()))?
            }
            None => Default::default(),
        };
        let small_numbers = aman_core::committee::disclosure::Threshold::new(self.small_numbers)
            .map_err(|e| anyhow::anyhow!("--small-numbers: {e}"))?;
        Ok(Settings {
            secure_cookies: self.secure_cookies,
            intake_limits,
            request_timeout: std::time::Duration::from_secs(self.request_timeout_seconds),
            operator: self.operator.clone().filter(|o| !o.trim().is_empty()),
            app: aman_app::Settings {
                job_period_ms: self.job_period_seconds.map(|s| s.saturating_mul(1000) as i64),
                retention_days: self.retention_days,
                alerts: aman_app::alerts::AlertSettings {
                    escalate_after_hours: self.alert_escalate_hours,
                    ..Default::default()
                },
                referral_deadlines,
                small_numbers,
                audit_checkpoint: Some(
                    self.audit_checkpoint
                        .clone()
                        .unwrap_or_else(|| aman_app::checkpoint::default_path(&self.keys.path)),
                ),
                ..aman_app::Settings::default()
            },
        })
    }
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let settings = args.settings()?;
    let keys = load_keys(&args.keys.path)?;
    let db = open(&args.db.url).await?;
    if let Some(address) = &args.metrics_listen {
        serve_metrics(address).await?;
    }
    serve(db, keys, &args.listen, settings, false).await
}

/// Records metrics from now on and serves them on their own address.
async fn serve_metrics(address: &str) -> anyhow::Result<()> {
    let handle =
        metrics_exporter_prometheus::PrometheusBuilder::new().install_recorder().context("cannot record metrics")?;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address} for metrics"))?;
    println!("Metrics are served on http://{}/metrics", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(error) = aman_web::serve_metrics(listener, move || handle.render()).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    });
    Ok(())
}

/// Seeds a year of demo data, prints the demo accounts, then serves.
pub async fn demo(
    listen: &str,
    db: &str,
    key_file: &Path,
    intake_limits: bool,
    concerns: usize,
    seed_only: bool,
) -> anyhow::Result<()> {
    if !key_file.exists() {
        create_key_file(key_file)?;
    }
    let keys = load_keys(key_file)?;
    let db = open(db).await?;
    let accounts = demo::seed(&db, &keys, concerns, now_ms()).await.context("seeding demo data")?;
    println!("Demo staff accounts (passwords and two-factor keys are new at every start):");
    for account in &accounts {
        let demo::DemoAccount { email, role, area, password, .. } = account;
        println!("  {email:<34} {password}  {} for {area}", role.as_str());
        if let Some(key) = &account.totp {
            println!("  {:<34} two-factor key {key} (add it to an authenticator app)", "");
        }
    }
    if seed_only {
        return Ok(());
    }
    let intake_limits = intake_limits.then(Default::default);
    serve(db, keys, listen, Settings { intake_limits, ..Settings::default() }, true).await
}

/// Serves until SIGTERM; `demo_channels` first gives the demo's RapidPro,
/// SMS gateway and Open311 channels new secrets, and its caseworker a new
/// device password, and prints them.
async fn serve(db: Db, keys: Keys, listen: &str, settings: Settings, demo_channels: bool) -> anyhow::Result<()> {
    if settings.intake_limits.is_none() {
        tracing::warn!("intake limits are OFF: public submissions and receipt lookups are not rate-limited");
    }
    let state = AppState::load(db, keys, Arc::new(chrono::Utc::now), settings).await?;
    if demo_channels {
        println!("Demo channels (secrets are new at every start):");
        for kind in aman_app::channels::ChannelKind::ALL {
            let name = format!("Demo {}", kind.as_str());
            let (_, secret) = aman_app::channels::renew(&state, kind, &name)
                .await
                .map_err(|e| anyhow::anyhow!("demo channel: {e:?}"))?;
            println!("  {name:<34} {secret}");
        }
        // A field device (ODK Collect, KoboCollect) signs in as the demo's caseworker.
        if let Some(caseworker) = state.db().user_by_email(crate::demo::FIELD_ACCOUNT).await? {
            let (secret, hash) = aman_app::openrosa::new_device_password();
            state.db().set_device_password(caseworker.id, &hash, chrono::Utc::now().timestamp_millis()).await?;
            println!("  {:<34} {} / {secret}", "Device (OpenRosa /openrosa)", crate::demo::FIELD_ACCOUNT);
        }
    }
    if let Some(path) = &state.settings().audit_checkpoint {
        // Checked (the key file already is, by loading) before the server
        // takes requests or runs jobs; refused if the log no longer reaches it.
        aman_app::checkpoint::advance(state.db(), state.keys(), path).await.map_err(|problem| match problem {
            aman_app::checkpoint::CheckpointError::Broken(_) => anyhow::anyhow!(
                "{problem}. If this database was restored from a backup on purpose, run `aman audit checkpoint` to accept the log as it is now"
            ),
            other => anyhow::anyhow!("{other} (--audit-checkpoint names where it is kept)"),
        })?;
    }
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    let worker = format!("{}-{:08x}", std::process::id(), u32::from_be_bytes(aman_app::random()));
    tokio::spawn(aman_app::jobs::run_forever(state.app().clone(), worker));
    tokio::spawn(aman_app::published::keep_fresh(state.app().clone()));
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
