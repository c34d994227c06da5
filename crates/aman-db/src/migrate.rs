//! Schema migrations: append-only SQL files, one folder per backend
//! (`migrations/sqlite`, `migrations/postgres`), embedded in the binary and
//! applied in order, each in its own transaction. On PostgreSQL an advisory
//! lock keeps two servers starting at once from racing.

use crate::{Backend, Db, DbError};
use sqlx::{Executor, Row};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "job_runs",
        sqlite: include_str!("../migrations/sqlite/0002_job_runs.sql"),
        postgres: include_str!("../migrations/postgres/0002_job_runs.sql"),
    },
    Migration {
        version: 3,
        name: "audit_log",
        sqlite: include_str!("../migrations/sqlite/0003_audit_log.sql"),
        postgres: include_str!("../migrations/postgres/0003_audit_log.sql"),
    },
    Migration {
        version: 4,
        name: "confidential_grant",
        sqlite: include_str!("../migrations/sqlite/0004_confidential_grant.sql"),
        postgres: include_str!("../migrations/postgres/0004_confidential_grant.sql"),
    },
    Migration {
        version: 5,
        name: "key_checks",
        sqlite: include_str!("../migrations/sqlite/0005_key_checks.sql"),
        postgres: include_str!("../migrations/postgres/0005_key_checks.sql"),
    },
    Migration {
        version: 6,
        name: "totp",
        sqlite: include_str!("../migrations/sqlite/0006_totp.sql"),
        postgres: include_str!("../migrations/postgres/0006_totp.sql"),
    },
    Migration {
        version: 7,
        name: "early_warning",
        sqlite: include_str!("../migrations/sqlite/0007_early_warning.sql"),
        postgres: include_str!("../migrations/postgres/0007_early_warning.sql"),
    },
    Migration {
        version: 8,
        name: "surveys",
        sqlite: include_str!("../migrations/sqlite/0008_surveys.sql"),
        postgres: include_str!("../migrations/postgres/0008_surveys.sql"),
    },
    Migration {
        version: 9,
        name: "populations",
        sqlite: include_str!("../migrations/sqlite/0009_populations.sql"),
        postgres: include_str!("../migrations/postgres/0009_populations.sql"),
    },
    Migration {
        version: 10,
        name: "committees",
        sqlite: include_str!("../migrations/sqlite/0010_committees.sql"),
        postgres: include_str!("../migrations/postgres/0010_committees.sql"),
    },
    Migration {
        version: 11,
        name: "referrals",
        sqlite: include_str!("../migrations/sqlite/0011_referrals.sql"),
        postgres: include_str!("../migrations/postgres/0011_referrals.sql"),
    },
    Migration {
        version: 12,
        name: "actions",
        sqlite: include_str!("../migrations/sqlite/0012_actions.sql"),
        postgres: include_str!("../migrations/postgres/0012_actions.sql"),
    },
    Migration {
        version: 13,
        name: "login_attempts",
        sqlite: include_str!("../migrations/sqlite/0013_login_attempts.sql"),
        postgres: include_str!("../migrations/postgres/0013_login_attempts.sql"),
    },
    Migration {
        version: 14,
        name: "survey_text_sealed",
        sqlite: include_str!("../migrations/sqlite/0014_survey_text_sealed.sql"),
        postgres: include_str!("../migrations/postgres/0014_survey_text_sealed.sql"),
    },
    Migration {
        version: 15,
        name: "concern_work",
        sqlite: include_str!("../migrations/sqlite/0015_concern_work.sql"),
        postgres: include_str!("../migrations/postgres/0015_concern_work.sql"),
    },
    Migration {
        version: 16,
        name: "attachments",
        sqlite: include_str!("../migrations/sqlite/0016_attachments.sql"),
        postgres: include_str!("../migrations/postgres/0016_attachments.sql"),
    },
    Migration {
        version: 17,
        name: "survey_closing",
        sqlite: include_str!("../migrations/sqlite/0017_survey_closing.sql"),
        postgres: include_str!("../migrations/postgres/0017_survey_closing.sql"),
    },
    Migration {
        version: 18,
        name: "channels",
        sqlite: include_str!("../migrations/sqlite/0018_channels.sql"),
        postgres: include_str!("../migrations/postgres/0018_channels.sql"),
    },
    Migration {
        version: 19,
        name: "device_passwords",
        sqlite: include_str!("../migrations/sqlite/0019_device_passwords.sql"),
        postgres: include_str!("../migrations/postgres/0019_device_passwords.sql"),
    },
    Migration {
        version: 20,
        name: "queue_by_time",
        sqlite: include_str!("../migrations/sqlite/0020_queue_by_time.sql"),
        postgres: include_str!("../migrations/postgres/0020_queue_by_time.sql"),
    },
    Migration {
        version: 21,
        name: "search_text_normalised",
        sqlite: include_str!("../migrations/sqlite/0021_search_text_normalised.sql"),
        postgres: include_str!("../migrations/postgres/0021_search_text_normalised.sql"),
    },
    Migration {
        version: 22,
        name: "concern_flags",
        sqlite: include_str!("../migrations/sqlite/0022_concern_flags.sql"),
        postgres: include_str!("../migrations/postgres/0022_concern_flags.sql"),
    },
    Migration {
        version: 23,
        name: "queue_filters",
        sqlite: include_str!("../migrations/sqlite/0023_queue_filters.sql"),
        postgres: include_str!("../migrations/postgres/0023_queue_filters.sql"),
    },
    Migration {
        version: 24,
        name: "search_index",
        sqlite: include_str!("../migrations/sqlite/0024_search_index.sql"),
        postgres: include_str!("../migrations/postgres/0024_search_index.sql"),
    },
];

/// A short fingerprint of every migration of both backends: it changes when
/// the schema does (tests key their template databases on it).
pub fn schema_fingerprint() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for migration in MIGRATIONS {
        for byte in migration.sqlite.bytes().chain(migration.postgres.bytes()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:08x}", hash as u32)
}

/// An arbitrary constant naming Aman's migration lock.
const LOCK_KEY: i64 = 0x616d_616e;

impl Db {
    /// Applies every migration not yet applied; returns how many ran.
    pub async fn migrate(&self, now_ms: i64) -> Result<usize, DbError> {
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock($1)").bind(LOCK_KEY).execute(&mut *conn).await?;
        }
        let result = async {
            conn.execute(
                "CREATE TABLE IF NOT EXISTS aman_migrations \
                 (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            )
            .await?;
            let applied: Vec<i64> = sqlx::query("SELECT version FROM aman_migrations ORDER BY version")
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|row| row.try_get(0))
                .collect::<Result<_, _>>()?;
            if let Some(&newest) = applied.iter().find(|v| !MIGRATIONS.iter().any(|m| m.version == **v)) {
                return Err(DbError::TooNew(newest));
            }
            let mut count = 0;
            for migration in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
                let sql = match self.backend {
                    Backend::Sqlite => migration.sqlite,
                    Backend::Postgres => migration.postgres,
                };
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                sqlx::raw_sql(sql).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO aman_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                    .bind(migration.version)
                    .bind(migration.name)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                count += 1;
            }
            Ok(count)
        }
        .await;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY).execute(&mut *conn).await?;
        }
        result
    }
}
