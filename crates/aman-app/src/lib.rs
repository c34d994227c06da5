//! Aman's application layer: every operation a person, a door (web page, JSON
//! API, CLI, and later SMS or OpenRosa) or a scheduled job performs.
//!
//! An operation takes the [`App`], the caller (an [`Actor`] for staff, nobody
//! for a resident) and typed input, and returns typed output or the one
//! [`Error`]. It knows nothing of HTTP, HTML or the command line: the doors
//! parse their own formats into these types and render the answers.

pub mod accountability;
pub mod actions;
mod actor;
pub mod alerts;
pub mod attachments;
pub mod casework;
pub mod channels;
pub mod checkpoint;
pub mod committees;
pub mod concerns;
pub mod dashboard;
mod error;
pub mod i18n;
pub mod index;
pub mod items;
pub mod jobs;
mod keycheck;
pub mod open311;
pub mod open_data;
pub mod openrosa;
pub mod places;
pub mod published;
pub mod queue;
pub mod rapidpro;
pub mod reading;
pub mod referrals;
pub mod sessions;
pub mod sitrep;
pub mod sms;
pub mod surveys;

pub use actor::Actor;
pub use error::Error;
pub use keycheck::{LoadError, check_keys, reseal_key_canary};

use aman_core::audit::AuditEvent;
use aman_core::secrets::Keys;
use aman_db::{Audit, Db, Intake, Tx};
use aman_geo::Areas;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::sync::Arc;

/// Where the time comes from; tests can fix it.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Random bytes from the operating system's generator.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    bytes
}

/// How the application behaves; every door shares these.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without use…
    pub session_idle_minutes: i64,
    /// …and after this long in any case.
    pub session_absolute_hours: i64,
    /// Run every scheduled job with this period instead of its own (for
    /// tests and drills); `None` in production.
    pub job_period_ms: Option<i64>,
    /// Days after a concern is closed (or rejected, or merged) before its
    /// contact details and exact point are erased.
    pub retention_days: i64,
    /// Early warning: the detection method and how alerts escalate.
    pub alerts: alerts::AlertSettings,
    /// Public figures from fewer concerns than this are shown as "<N".
    pub small_numbers: aman_core::committee::disclosure::Threshold,
    /// How long organisations have to answer a referral, by category and severity.
    pub referral_deadlines: aman_core::committee::referral::DeadlineTable,
    /// Where the audit log's checkpoint is kept, apart from the database
    /// (`None`: no checkpoint, as in the demo and in tests).
    pub audit_checkpoint: Option<std::path::PathBuf>,
    /// How long the public pages' figures of a period are kept before they
    /// are read from the database again ([`published`]).
    pub published_refresh_ms: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            job_period_ms: None,
            retention_days: 90,
            alerts: Default::default(),
            small_numbers: Default::default(),
            referral_deadlines: Default::default(),
            audit_checkpoint: None,
            published_refresh_ms: 10 * 60_000,
        }
    }
}

/// The application: database, intake writer, areas in memory, keys, clock
/// and settings. Cheap to clone; no globals.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    intake: Intake,
    areas: Areas,
    keys: Keys,
    clock: Clock,
    settings: Settings,
    published: published::Published,
    /// The text models, built when first needed (a second or so).
    flagger: std::sync::OnceLock<aman_text::flag::Flagger>,
    gazetteer: std::sync::OnceLock<aman_text::geocode::Gazetteer>,
}

/// Iraq keeps UTC+3 all year.
const IRAQ_OFFSET_SECONDS: i32 = 3 * 3600;

impl App {
    /// Loads the areas from the database, checks the key file belongs to it
    /// and starts the intake writer (so it must run inside a tokio runtime).
    pub async fn load(db: Db, keys: Keys, clock: Clock, settings: Settings) -> Result<App, LoadError> {
        let records = db.all_areas().await?;
        if records.is_empty() {
            return Err(LoadError::NoAreas);
        }
        let areas = Areas::new(records).map_err(|e| LoadError::BadAreas(e.to_string()))?;
        check_keys(&db, &keys).await?;
        // Concerns stored before search existed get their search text.
        while db.fill_search_text(1000).await? > 0 {}
        let intake = Intake::start(db.clone());
        Ok(App {
            inner: Arc::new(Inner {
                db,
                intake,
                areas,
                keys,
                clock,
                settings,
                published: published::Published::new(),
                flagger: std::sync::OnceLock::new(),
                gazetteer: std::sync::OnceLock::new(),
            }),
        })
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn intake(&self) -> &Intake {
        &self.inner.intake
    }

    pub fn areas(&self) -> &Areas {
        &self.inner.areas
    }

    pub fn keys(&self) -> &Keys {
        &self.inner.keys
    }

    /// Flags hate speech and incitement for review (`aman_text::flag`).
    pub fn flagger(&self) -> &aman_text::flag::Flagger {
        self.inner.flagger.get_or_init(aman_text::flag::Flagger::shipped)
    }

    /// Finds the areas a text names (`aman_text::geocode`).
    pub fn gazetteer(&self) -> &aman_text::geocode::Gazetteer {
        self.inner.gazetteer.get_or_init(|| aman_text::geocode::Gazetteer::new(&self.inner.areas))
    }

    /// The public figures of periods that are over, shared by the pages.
    pub fn published(&self) -> &published::Published {
        &self.inner.published
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }

    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    /// An audit event happening now.
    pub fn audit_event(&self, actor_id: Option<i64>, action: &str, subject: &str, detail: &str) -> AuditEvent {
        AuditEvent {
            at_ms: self.now_ms(),
            actor_id,
            action: action.to_owned(),
            subject: subject.to_owned(),
            detail: detail.to_owned(),
        }
    }

    /// Records a sensitive read (or anything not tied to a change) before the
    /// data is returned: if it cannot be recorded, the request fails.
    pub async fn audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), aman_db::DbError> {
        let key = self.keys().audit_key();
        self.db().append_audit(Audit { key: &key, event: self.audit_event(actor_id, action, subject, detail) }).await?;
        Ok(())
    }

    /// Records an audit event inside an operation's transaction: it commits
    /// with the change it describes, or neither does.
    pub async fn audit_in(
        &self,
        tx: &mut Tx,
        actor_id: Option<i64>,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), aman_db::DbError> {
        let key = self.keys().audit_key();
        tx.audit(Audit { key: &key, event: self.audit_event(actor_id, action, subject, detail) }).await?;
        Ok(())
    }

    /// Today's date in Iraq.
    pub fn today(&self) -> NaiveDate {
        iraq_date(self.now_ms())
    }
}

/// The day in Iraq at a moment (milliseconds since 1970).
pub fn iraq_date(ms: i64) -> NaiveDate {
    let offset = FixedOffset::east_opt(IRAQ_OFFSET_SECONDS).expect("valid offset");
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default().with_timezone(&offset).date_naive()
}
