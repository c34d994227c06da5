//! The doors other systems use: a RapidPro workspace, an SMS gateway, an
//! Open311 client — each a row with its kind, a name and the hash of its
//! secret; and the text-message conversations under way.

use crate::{Db, DbError, Tx};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRecord {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub disabled: bool,
}

fn channel_from_row(row: &AnyRow) -> Result<ChannelRecord, DbError> {
    Ok(ChannelRecord {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        name: row.try_get("name")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
    })
}

impl Tx {
    /// Adds a channel; [`DbError::Duplicate`] if the name is taken.
    pub async fn add_channel(
        &mut self,
        kind: &str,
        name: &str,
        secret_hash: &str,
        now_ms: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO channels (kind, name, secret_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(kind)
        .bind(name)
        .bind(secret_hash)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await
        .map_err(DbError::from_insert)?;
        Ok(row.try_get(0)?)
    }
}

impl Tx {
    /// Gives the channel named `name` a new secret; its id, or `None` if there is none.
    pub async fn renew_channel_secret(&mut self, name: &str, secret_hash: &str) -> Result<Option<i64>, DbError> {
        let row = sqlx::query("UPDATE channels SET secret_hash = $1, disabled = 0 WHERE name = $2 RETURNING id")
            .bind(secret_hash)
            .bind(name)
            .fetch_optional(self.conn())
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }
}

impl Db {
    /// The channel whose secret has this hash.
    pub async fn channel_by_secret(&self, secret_hash: &str) -> Result<Option<ChannelRecord>, DbError> {
        let row = sqlx::query("SELECT id, kind, name, disabled FROM channels WHERE secret_hash = $1")
            .bind(secret_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(channel_from_row).transpose()
    }

    pub async fn channels(&self) -> Result<Vec<ChannelRecord>, DbError> {
        let rows =
            sqlx::query("SELECT id, kind, name, disabled FROM channels ORDER BY id").fetch_all(&self.pool).await?;
        rows.iter().map(channel_from_row).collect()
    }
}

/// A text-message conversation under way: its sender only as a keyed hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsConversation {
    pub sender_hash: String,
    pub channel_id: i64,
    pub state_sealed: Vec<u8>,
    pub updated_at: i64,
}

fn conversation_from_row(row: &AnyRow) -> Result<SmsConversation, DbError> {
    Ok(SmsConversation {
        sender_hash: row.try_get("sender_hash")?,
        channel_id: row.try_get("channel_id")?,
        state_sealed: row.try_get("state_sealed")?,
        updated_at: row.try_get("updated_at")?,
    })
}

impl Db {
    pub async fn sms_conversation(&self, sender_hash: &str) -> Result<Option<SmsConversation>, DbError> {
        let row = sqlx::query(
            "SELECT sender_hash, channel_id, state_sealed, updated_at FROM sms_conversations WHERE sender_hash = $1",
        )
        .bind(sender_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(conversation_from_row).transpose()
    }

    /// Stores a conversation's state (a new one, or the next step of one).
    pub async fn save_sms_conversation(&self, conversation: &SmsConversation) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sms_conversations (sender_hash, channel_id, state_sealed, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (sender_hash) DO UPDATE SET channel_id = excluded.channel_id, \
             state_sealed = excluded.state_sealed, updated_at = excluded.updated_at",
        )
        .bind(&conversation.sender_hash)
        .bind(conversation.channel_id)
        .bind(&conversation.state_sealed)
        .bind(conversation.updated_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets conversations idle since before `cutoff_ms`; how many.
    pub async fn forget_sms_conversations(&self, cutoff_ms: i64) -> Result<u64, DbError> {
        let done = sqlx::query("DELETE FROM sms_conversations WHERE updated_at < $1")
            .bind(cutoff_ms)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Every conversation under way, for re-sealing under a new data key.
    pub async fn sms_conversations(&self) -> Result<Vec<SmsConversation>, DbError> {
        let rows = sqlx::query("SELECT sender_hash, channel_id, state_sealed, updated_at FROM sms_conversations")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(conversation_from_row).collect()
    }

    /// Replaces the sealed state of conversations (re-sealed), unless one
    /// moved on meanwhile (then its newer state stands).
    pub async fn reseal_sms_conversations(&self, resealed: &[SmsConversation]) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        for c in resealed {
            sqlx::query("UPDATE sms_conversations SET state_sealed = $1 WHERE sender_hash = $2 AND updated_at = $3")
                .bind(&c.state_sealed)
                .bind(&c.sender_hash)
                .bind(c.updated_at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
