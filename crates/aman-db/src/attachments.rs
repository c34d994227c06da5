//! Photos sent with concerns, stored sealed.

use crate::{Db, DbError};
use sqlx::Row;

/// What staff see of an attachment before opening it.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentInfo {
    pub id: i64,
    pub content_type: String,
    pub size: i64,
}

/// An attachment's sealed bytes, for opening or re-sealing.
#[derive(Debug, Clone)]
pub struct SealedAttachment {
    pub id: i64,
    pub concern_id: i64,
    pub content_type: String,
    pub sealed: Vec<u8>,
}

impl Db {
    pub async fn attachments_of(&self, concern_id: i64) -> Result<Vec<AttachmentInfo>, DbError> {
        let rows = sqlx::query("SELECT id, content_type, size FROM attachments WHERE concern_id = $1 ORDER BY id")
            .bind(concern_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(AttachmentInfo { id: r.try_get(0)?, content_type: r.try_get(1)?, size: r.try_get(2)? }))
            .collect()
    }

    /// One attachment of a concern.
    pub async fn attachment(&self, concern_id: i64, id: i64) -> Result<Option<SealedAttachment>, DbError> {
        let row = sqlx::query(
            "SELECT id, concern_id, content_type, sealed FROM attachments WHERE id = $1 AND concern_id = $2",
        )
        .bind(id)
        .bind(concern_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| sealed_from_row(&r)).transpose()
    }

    /// Attachments after `after`, oldest first (for re-sealing under a new key).
    pub async fn sealed_attachments(&self, after: i64, limit: i64) -> Result<Vec<SealedAttachment>, DbError> {
        let rows = sqlx::query(
            "SELECT id, concern_id, content_type, sealed FROM attachments WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(sealed_from_row).collect()
    }

    pub async fn reseal_attachments(&self, attachments: &[SealedAttachment]) -> Result<(), DbError> {
        self.write(async |tx| {
            for a in attachments {
                sqlx::query("UPDATE attachments SET sealed = $1 WHERE id = $2")
                    .bind(&a.sealed)
                    .bind(a.id)
                    .execute(tx.conn())
                    .await?;
            }
            Ok(())
        })
        .await
    }
}

fn sealed_from_row(r: &sqlx::any::AnyRow) -> Result<SealedAttachment, DbError> {
    Ok(SealedAttachment {
        id: r.try_get(0)?,
        concern_id: r.try_get(1)?,
        content_type: r.try_get(2)?,
        sealed: r.try_get(3)?,
    })
}

impl crate::Tx {
    /// Stores an attachment unless the concern already has `max`; returns its
    /// id, or `None` when full.
    pub async fn add_attachment(
        &mut self,
        concern_id: i64,
        content_type: &str,
        size: i64,
        sealed: &[u8],
        max: i64,
        now_ms: i64,
    ) -> Result<Option<i64>, DbError> {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM attachments WHERE concern_id = $1")
            .bind(concern_id)
            .fetch_one(self.conn())
            .await?
            .try_get(0)?;
        if count >= max {
            return Ok(None);
        }
        let row = sqlx::query(
            "INSERT INTO attachments (concern_id, content_type, size, sealed, created_at) VALUES ($1, $2, $3, $4, $5) \
             RETURNING id",
        )
        .bind(concern_id)
        .bind(content_type)
        .bind(size)
        .bind(sealed)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        Ok(Some(row.try_get(0)?))
    }
}
