//! The one database handle. [`Db`] holds every SQL statement Aman runs and
//! works on SQLite (the default, one file) and PostgreSQL (when a deployment
//! outgrows one machine), chosen by the URL. Queries are written once in the
//! SQL both engines accept and run through sqlx's `Any` driver; column types
//! are the portable ones (TEXT, BIGINT, DOUBLE, BLOB/BYTEA; times as unix
//! milliseconds, dates as days since 1970-01-01).

mod accountability;
mod actions;
mod areas;
mod attachments;
mod audit;
mod channels;
mod committees;
mod concerns;
pub(crate) use concerns::corrupt;
pub mod copy;
mod early_warning;
mod intake;
mod jobs;
mod keys;
mod migrate;
mod queue;
mod referrals;
pub mod schema;
mod snapshot;
mod surveys;
mod tx;
mod users;

pub use accountability::{ActionFacts, ConcernFacts, ReceivedCount, ReferralFacts};
pub use actions::{ActionRecord, ActionUpdate, NewAction};
pub use attachments::{AttachmentInfo, SealedAttachment};
pub use audit::{Audit, AuditFilter};
pub use channels::{ChannelRecord, SmsConversation};
pub use committees::{CommitteeRecord, IssueRecord, MeetingRecord, MemberRecord, OrganisationRecord};
pub use concerns::{ConcernEvent, ConcernRecord, EventKind, NewEvent, StoredConcern, TrackRecord, Transition};
pub use early_warning::{AlarmRecord, AlertFilter, AlertRecord, Countable, DailyCount, NewConflictEvent};
pub use intake::Intake;
pub use keys::SealedFields;
pub use migrate::schema_fingerprint;
pub use queue::{Counted, MAX_SEARCH_WORDS, QUEUE_COUNT_CAP, QueueFilter, SEARCH_COUNT_CAP};
pub use referrals::ReferralRecord;
pub use surveys::{NewResponse, ResponseRecord, SealedSurveyText, SurveyFormRecord};
pub use tx::Tx;
pub use users::{NewUser, SessionRecord, UserRecord};

use chrono::NaiveDate;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST/NAME")]
    BadUrl(String),
    #[error("{0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("the record changed meanwhile")]
    Conflict,
    #[error("that value is already taken")]
    Duplicate,
    #[error("the database holds a value this version cannot read: {0}")]
    Corrupt(String),
    #[error("the database is newer than this program (migration {0} is unknown); upgrade aman")]
    TooNew(i64),
}

impl DbError {
    /// The database could not be reached (as opposed to refusing a query).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DbError::Sqlx(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)))
    }

    /// Unique-constraint violations become [`DbError::Duplicate`].
    fn from_insert(error: sqlx::Error) -> DbError {
        match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => DbError::Duplicate,
            _ => DbError::Sqlx(error),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens (and for SQLite creates) the database at `url`. SQLite runs in
    /// WAL mode with `synchronous=FULL`: a commit is on disk before it returns,
    /// so an acknowledged concern survives a crash or power cut.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
        let read_only = backend == Backend::Sqlite && url.contains("mode=ro");
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(5))
            // A local SQLite connection does not go stale; skip the ping.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // A read-only file (a backup being restored) keeps its journal mode.
                        let journal = if read_only { "" } else { "PRAGMA journal_mode = WAL;" };
                        let pragmas = format!(
                            "PRAGMA busy_timeout = 10000; {journal} PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                        );
                        conn.execute(sqlx::AssertSqlSafe(pragmas)).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let db = Db { pool, backend };
        db.ping().await?;
        Ok(db)
    }

    /// Reachable and readable.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Accepts `sqlite://PATH`, `sqlite:PATH` and `postgres://…`/`postgresql://…`.
fn normalise_url(url: &str) -> Result<(Backend, String), DbError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_owned()));
    }
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        return Err(DbError::BadUrl(url.to_owned()));
    };
    if rest.is_empty() || rest.starts_with(":memory:") {
        return Err(DbError::BadUrl(url.to_owned()));
    }
    let separator = if rest.contains('?') { '&' } else { '?' };
    let mode = if rest.contains("mode=") { String::new() } else { format!("{separator}mode=rwc") };
    Ok((Backend::Sqlite, format!("sqlite://{rest}{mode}")))
}

pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - EPOCH_DAYS_FROM_CE
}

pub fn date_from_day_number(days: i64) -> Option<NaiveDate> {
    i32::try_from(days + EPOCH_DAYS_FROM_CE).ok().and_then(NaiveDate::from_num_days_from_ce_opt)
}

use chrono::Datelike;
const EPOCH_DAYS_FROM_CE: i64 = 719_163;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(normalise_url("sqlite://a.db").unwrap(), (Backend::Sqlite, "sqlite://a.db?mode=rwc".into()));
        assert_eq!(normalise_url("sqlite:/tmp/a.db").unwrap().1, "sqlite:///tmp/a.db?mode=rwc");
        assert_eq!(normalise_url("sqlite://a.db?mode=ro").unwrap().1, "sqlite://a.db?mode=ro");
        assert_eq!(normalise_url("postgres://u@h/d").unwrap().0, Backend::Postgres);
        assert!(normalise_url("mysql://x").is_err());
        assert!(normalise_url("a.db").is_err());
    }

    #[test]
    fn day_numbers() {
        let day = NaiveDate::from_ymd_opt(1970, 1, 2).unwrap();
        assert_eq!(day_number(day), 1);
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(date_from_day_number(day_number(day)), Some(day));
    }
}
