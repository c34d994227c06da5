//! The doors other systems use: a RapidPro workspace, an SMS gateway, an
//! Open311 client — each a row with its kind, a name and the hash of its
//! secret.

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
