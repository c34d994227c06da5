//! Appending to and reading the audit log. Appends are serialised through
//! the single `audit_head` row (the first statement of the transaction locks
//! it on both backends), so several servers extend one unbroken chain.

use crate::{Db, DbError};
use aman_core::audit::{self, AuditEntry, AuditEvent};
use sqlx::Row;
use sqlx::any::AnyRow;

/// An event to record, with the key that seals it.
pub struct Audit<'a> {
    pub key: &'a [u8; 32],
    pub event: AuditEvent,
}

/// Filters for browsing the log, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor_id: Option<i64>,
    pub subject: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry, DbError> {
    Ok(AuditEntry {
        seq: row.try_get("seq")?,
        event: AuditEvent {
            at_ms: row.try_get("at")?,
            actor_id: row.try_get("actor_id")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            detail: row.try_get("detail")?,
        },
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
        mac: row.try_get("mac")?,
    })
}

const COLUMNS: &str = "seq, at, actor_id, action, subject, detail, prev_hash, hash, mac";

impl Db {
    /// Appends one event on its own.
    pub async fn append_audit(&self, audit: Audit<'_>) -> Result<i64, DbError> {
        let mut tx = self.pool.begin().await?;
        let seq = append_in(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(seq)
    }

    /// Seals the empty log's head at a deployment's first start, so that a log
    /// emptied later cannot pass for one never used.
    pub async fn seal_audit_genesis(&self, mac: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE audit_head SET mac = $1 WHERE id = 1 AND seq = 0 AND mac = ''")
            .bind(mac)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the database holds any account or concern: each of those
    /// leaves audit entries, so an empty log beside them was wiped.
    pub async fn holds_records(&self) -> Result<bool, DbError> {
        let row = sqlx::query(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM concerns) THEN 1 ELSE 0 END",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? == 1)
    }

    /// The whole log, oldest first, and the head `(seq, hash, mac)`.
    pub async fn audit_chain(&self) -> Result<(Vec<AuditEntry>, (i64, String, String)), DbError> {
        let mut tx = self.pool.begin().await?;
        let sql = format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *tx).await?;
        let head = sqlx::query("SELECT seq, hash, mac FROM audit_head WHERE id = 1").fetch_one(&mut *tx).await?;
        tx.commit().await?;
        let entries = rows.iter().map(entry_from_row).collect::<Result<_, _>>()?;
        Ok((entries, (head.try_get(0)?, head.try_get(1)?, head.try_get(2)?)))
    }

    /// The head `(seq, hash, mac)`: the last entry's number and hash, sealed.
    pub async fn audit_head(&self) -> Result<(i64, String, String), DbError> {
        let head = sqlx::query("SELECT seq, hash, mac FROM audit_head WHERE id = 1").fetch_one(&self.pool).await?;
        Ok((head.try_get(0)?, head.try_get(1)?, head.try_get(2)?))
    }

    /// The hash of entry `seq`, if the log holds it.
    pub async fn audit_hash_at(&self, seq: i64) -> Result<Option<String>, DbError> {
        let row = sqlx::query("SELECT hash FROM audit_log WHERE seq = $1").bind(seq).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Entries matching the filter, newest first, and how many match.
    pub async fn audit_entries(&self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64), DbError> {
        let conditions = "($1 IS NULL OR action LIKE $1) AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR subject = $3) \
             AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5)";
        let action = filter.action.as_ref().map(|a| format!("{a}%"));
        macro_rules! bind_filters {
            ($query:expr) => {
                $query
                    .bind(action.clone())
                    .bind(filter.actor_id)
                    .bind(filter.subject.clone())
                    .bind(filter.from_ms)
                    .bind(filter.to_ms)
            };
        }
        let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE {conditions} ORDER BY seq DESC LIMIT $6 OFFSET $7");
        let rows = bind_filters!(sqlx::query(sqlx::AssertSqlSafe(sql)))
            .bind(filter.limit)
            .bind(filter.offset)
            .fetch_all(&self.pool)
            .await?;
        let count = format!("SELECT COUNT(*) FROM audit_log WHERE {conditions}");
        let total: i64 =
            bind_filters!(sqlx::query(sqlx::AssertSqlSafe(count))).fetch_one(&self.pool).await?.try_get(0)?;
        Ok((rows.iter().map(entry_from_row).collect::<Result<_, _>>()?, total))
    }
}

/// Appends inside the caller's transaction, so a change and its record of
/// who made it commit together.
pub(crate) async fn append_in(tx: &mut sqlx::Transaction<'_, sqlx::Any>, audit: Audit<'_>) -> Result<i64, DbError> {
    let seq: i64 = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq")
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    let prev_hash: String = sqlx::query("SELECT prev.hash FROM audit_head prev WHERE prev.id = 1")
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    let entry = audit::seal(audit.key, seq, audit.event, &prev_hash);
    let sql = format!("INSERT INTO audit_log ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(entry.seq)
        .bind(entry.event.at_ms)
        .bind(entry.event.actor_id)
        .bind(&entry.event.action)
        .bind(&entry.event.subject)
        .bind(&entry.event.detail)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .bind(&entry.mac)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE audit_head SET hash = $1, mac = $2 WHERE id = 1")
        .bind(&entry.hash)
        .bind(audit::head_mac(audit.key, entry.seq, &entry.hash))
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}
