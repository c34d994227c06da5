//! What key rotation and the start-up key check need from the database.

use crate::{Db, DbError};
use sqlx::Row;

/// A concern's sealed fields, for re-encryption.
#[derive(Debug, Clone)]
pub struct SealedFields {
    pub id: i64,
    pub receipt_hash: String,
    pub contact_sealed: Option<Vec<u8>>,
    pub point_sealed: Option<Vec<u8>>,
}

impl Db {
    pub async fn key_check(&self, name: &str) -> Result<Option<String>, DbError> {
        let row =
            sqlx::query("SELECT value FROM key_checks WHERE name = $1").bind(name).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Records a check value; returns false (and changes nothing) if one is
    /// already recorded, so two servers starting at once cannot disagree.
    pub async fn record_key_check(&self, name: &str, value: &str) -> Result<bool, DbError> {
        let inserted =
            sqlx::query("INSERT INTO key_checks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .bind(name)
                .bind(value)
                .execute(&self.pool)
                .await?
                .rows_affected();
        Ok(inserted == 1)
    }

    pub async fn replace_key_check(&self, name: &str, value: &str) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO key_checks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Concerns with sealed fields and an id above `after`, in id order.
    pub async fn sealed_fields(&self, after: i64, limit: i64) -> Result<Vec<SealedFields>, DbError> {
        let rows = sqlx::query(
            "SELECT id, receipt_hash, contact_sealed, point_sealed FROM concerns \
             WHERE id > $1 AND (contact_sealed IS NOT NULL OR point_sealed IS NOT NULL) ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SealedFields {
                    id: r.try_get(0)?,
                    receipt_hash: r.try_get(1)?,
                    contact_sealed: r.try_get(2)?,
                    point_sealed: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Replaces sealed fields, all in one transaction.
    pub async fn reseal(&self, fields: &[SealedFields]) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        for f in fields {
            sqlx::query("UPDATE concerns SET contact_sealed = $1, point_sealed = $2 WHERE id = $3")
                .bind(f.contact_sealed.as_deref())
                .bind(f.point_sealed.as_deref())
                .bind(f.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl crate::Tx {
    /// Erases the contact details and exact point of concerns that left the
    /// life-cycle (closed, rejected or duplicate) before `cutoff_ms`, keeping
    /// the anonymised record. Returns the ids purged.
    pub async fn purge_identities(&mut self, cutoff_ms: i64) -> Result<Vec<i64>, DbError> {
        let rows = sqlx::query(
            "SELECT c.id FROM concerns c \
             WHERE c.status IN ('closed', 'rejected', 'duplicate') \
             AND (c.contact_sealed IS NOT NULL OR c.point_sealed IS NOT NULL \
                  OR EXISTS (SELECT 1 FROM attachments a WHERE a.concern_id = c.id)) \
             AND (SELECT MAX(e.created_at) FROM concern_events e WHERE e.concern_id = c.id AND e.kind = 'transition') < $1 \
             ORDER BY c.id",
        )
        .bind(cutoff_ms)
        .fetch_all(self.conn())
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        for id in &ids {
            sqlx::query("UPDATE concerns SET contact_sealed = NULL, point_sealed = NULL WHERE id = $1")
                .bind(id)
                .execute(self.conn())
                .await?;
            sqlx::query("DELETE FROM attachments WHERE concern_id = $1").bind(id).execute(self.conn()).await?;
        }
        Ok(ids)
    }
}
