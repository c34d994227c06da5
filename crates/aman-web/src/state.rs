//! The application state every handler shares: database, intake writer,
//! areas in memory, keys, clock and settings. No globals.

use aman_core::audit::AuditEvent;
use aman_core::secrets::Keys;
use aman_db::{Audit, Db, Intake};
use aman_geo::Areas;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::sync::Arc;

/// Where the time comes from; tests can fix it.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies `Secure` (set when served behind TLS).
    pub secure_cookies: bool,
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
    /// Flood limits on public intake and lookups; `None` turns them off.
    pub intake_limits: Option<crate::limits::IntakeLimits>,
    /// Early warning: the detection method and how alerts escalate.
    pub alerts: crate::alerts::AlertSettings,
    /// Public figures from fewer concerns than this are shown as "<N".
    pub small_numbers: aman_core::committee::disclosure::Threshold,
    /// How long organisations have to answer a referral, by category and severity.
    pub referral_deadlines: aman_core::committee::referral::DeadlineTable,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            secure_cookies: false,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            job_period_ms: None,
            retention_days: 90,
            intake_limits: Some(Default::default()),
            alerts: Default::default(),
            small_numbers: Default::default(),
            referral_deadlines: Default::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    intake: Intake,
    areas: Areas,
    keys: Keys,
    clock: Clock,
    settings: Settings,
    limiter: Option<crate::limits::Limiter>,
}

/// Iraq keeps UTC+3 all year.
const IRAQ_OFFSET_SECONDS: i32 = 3 * 3600;

impl AppState {
    /// Loads the areas from the database and starts the intake writer (so it
    /// must run inside a tokio runtime).
    pub async fn load(db: Db, keys: Keys, clock: Clock, settings: Settings) -> Result<AppState, StateError> {
        let records = db.all_areas().await?;
        if records.is_empty() {
            return Err(StateError::NoAreas);
        }
        let areas = Areas::new(records).map_err(|e| StateError::BadAreas(e.to_string()))?;
        check_keys(&db, &keys).await?;
        let intake = Intake::start(db.clone());
        let limiter = settings
            .intake_limits
            .clone()
            .map(|limits| crate::limits::Limiter::new(limits, crate::random(), keys.challenge_key()));
        Ok(AppState { inner: Arc::new(Inner { db, intake, areas, keys, clock, settings, limiter }) })
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

    pub fn limiter(&self) -> Option<&crate::limits::Limiter> {
        self.inner.limiter.as_ref()
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

    /// Today's date in Iraq.
    pub fn today(&self) -> NaiveDate {
        let offset = FixedOffset::east_opt(IRAQ_OFFSET_SECONDS).expect("valid offset");
        self.now().with_timezone(&offset).date_naive()
    }
}

const KEY_CANARY_CONTEXT: &str = "aman:key-canary";

/// Refuses a key file that does not belong to this database. The first start
/// records a MAC of the receipt key and a value sealed under the data key;
/// every later start must reproduce the one and open the other.
pub async fn check_keys(db: &Db, keys: &Keys) -> Result<(), StateError> {
    let check = keys.receipt_key_check();
    if db.record_key_check("receipt", &check).await? {
        let genesis = aman_core::audit::head_mac(&keys.audit_key(), 0, aman_core::audit::GENESIS);
        db.seal_audit_genesis(&genesis).await?;
    } else if db.key_check("receipt").await?.as_deref() != Some(check.as_str()) {
        return Err(StateError::WrongKeys("its receipt key is not the one this database was set up with".into()));
    }
    let mut nonce = [0u8; 24];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce);
    let canary = hex::encode(keys.seal(KEY_CANARY_CONTEXT, b"aman", nonce));
    if db.record_key_check("canary", &canary).await? {
        return Ok(());
    }
    let stored = db.key_check("canary").await?.unwrap_or_default();
    let sealed = hex::decode(stored).map_err(|_| StateError::WrongKeys("the stored key check is unreadable".into()))?;
    match keys.open(KEY_CANARY_CONTEXT, &sealed) {
        Ok(_) => Ok(()),
        Err(aman_core::secrets::SecretError::UnknownKey(id)) => {
            Err(StateError::WrongKeys(format!("it lacks data key {id}, which sealed this database's data")))
        }
        Err(_) => Err(StateError::WrongKeys("its data key cannot open this database's sealed data".into())),
    }
}

/// After a rotation: the canary is re-sealed under the new current key.
pub async fn reseal_key_canary(db: &Db, keys: &Keys, nonce: [u8; 24]) -> Result<(), aman_db::DbError> {
    db.replace_key_check("canary", &hex::encode(keys.seal(KEY_CANARY_CONTEXT, b"aman", nonce))).await
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(
        "the key file does not belong to this database: {0}. Start with the key file this database was created with"
    )]
    WrongKeys(String),
    #[error("{0}")]
    Db(#[from] aman_db::DbError),
    #[error("the database holds no areas: run `aman import areas DIR` (or `aman demo`) first")]
    NoAreas,
    #[error("stored areas are unreadable: {0}")]
    BadAreas(String),
}
