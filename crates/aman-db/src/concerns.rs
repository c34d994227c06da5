//! Concerns and their history: storing new ones (see `intake` for the batched
//! writer; the triage queue is `queue`), the reporter's view by receipt, and life-cycle
//! changes guarded by optimistic concurrency.

use crate::{Audit, Db, DbError, date_from_day_number, day_number};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::concern::Channel;
use aman_core::lifecycle::Status;
use chrono::NaiveDate;

use sqlx::Row;
use sqlx::any::AnyRow;

/// A concern ready to store: already validated, identity already sealed.
#[derive(Debug, Clone)]
pub struct StoredConcern {
    pub receipt_hash: String,
    pub category: Category,
    pub description: String,
    pub area: Pcode,
    pub occurred_on: NaiveDate,
    pub language: String,
    pub contact_sealed: Option<Vec<u8>>,
    pub point_sealed: Option<Vec<u8>>,
    pub submitted_at: i64,
    pub channel: Channel,
    /// For a concern filed on a resident's behalf: how they consented and to what.
    pub consent: Option<String>,
    /// Its text was flagged for hate speech or incitement as it arrived
    /// (for review; nothing is hidden).
    pub flagged: bool,
}

#[derive(Debug, Clone)]
pub struct ConcernRecord {
    pub id: i64,
    pub receipt_hash: String,
    pub category: Category,
    pub description: String,
    pub area: Pcode,
    pub occurred_on: NaiveDate,
    pub language: String,
    pub status: Status,
    pub duplicate_of: Option<i64>,
    pub contact_sealed: Option<Vec<u8>>,
    pub point_sealed: Option<Vec<u8>>,
    pub submitted_at: i64,
    pub updated_at: i64,
    pub version: i64,
    /// The staff member it is assigned to.
    pub assignee_id: Option<i64>,
    pub channel: Channel,
    pub consent: Option<String>,
    pub flagged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Transition,
    Note,
    PublicUpdate,
    /// A question staff ask the reporter, who reads it on `/track`.
    Question,
    /// The reporter's answer, sent with the receipt.
    Reply,
}

impl EventKind {
    pub const ALL: [EventKind; 5] =
        [EventKind::Transition, EventKind::Note, EventKind::PublicUpdate, EventKind::Question, EventKind::Reply];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Transition => "transition",
            EventKind::Note => "note",
            EventKind::PublicUpdate => "public_update",
            EventKind::Question => "question",
            EventKind::Reply => "reply",
        }
    }

    fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

#[derive(Debug, Clone)]
pub struct ConcernEvent {
    pub kind: EventKind,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub body: Option<String>,
    pub public: bool,
    pub actor_name: Option<String>,
    pub created_at: i64,
}

/// A note or update to add to a concern's history.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub kind: EventKind,
    pub body: &'a str,
    /// The staff member, or `None` for the reporter's own reply.
    pub actor_id: Option<i64>,
    pub now_ms: i64,
}

/// A life-cycle change to record.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub from: Status,
    pub to: Status,
    pub duplicate_of: Option<i64>,
    pub reason: &'a str,
    pub public_note: Option<&'a str>,
    /// The staff member, or `None` when the reporter's own verdict moved it.
    pub actor_id: Option<i64>,
    pub now_ms: i64,
    /// The version the editor saw; the change applies only if it is current.
    pub expected_version: i64,
}

/// What the reporter may see through their receipt.
#[derive(Debug, Clone)]
pub struct TrackRecord {
    /// The concern's id: for the server only, never shown to the reporter.
    pub id: i64,
    pub status: Status,
    pub category: Category,
    pub area: Pcode,
    pub submitted_at: i64,
    pub updated_at: i64,
    /// Only updates marked public, oldest first.
    pub updates: Vec<(i64, String)>,
    /// The conversation with staff, oldest first: when, whether the
    /// reporter wrote it, and what.
    pub messages: Vec<(i64, bool, String)>,
}

pub(crate) const CONCERN_COLUMNS: &str = "id, receipt_hash, category, description, area, occurred_on, language, status, \
     duplicate_of, contact_sealed, point_sealed, submitted_at, updated_at, version, assignee_id, channel, consent, \
     flagged";

pub(crate) fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Corrupt(format!("{what} `{value}`"))
}

pub(crate) fn concern_from_row(row: &AnyRow) -> Result<ConcernRecord, DbError> {
    let category: String = row.try_get("category")?;
    let status: String = row.try_get("status")?;
    let area: String = row.try_get("area")?;
    let occurred_on: i64 = row.try_get("occurred_on")?;
    Ok(ConcernRecord {
        id: row.try_get("id")?,
        receipt_hash: row.try_get("receipt_hash")?,
        category: Category::from_code(&category).ok_or_else(|| corrupt("category", &category))?,
        description: row.try_get("description")?,
        area: Pcode::parse(&area).ok_or_else(|| corrupt("area", &area))?,
        occurred_on: date_from_day_number(occurred_on).ok_or_else(|| corrupt("date", &occurred_on.to_string()))?,
        language: row.try_get("language")?,
        status: Status::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
        duplicate_of: row.try_get("duplicate_of")?,
        contact_sealed: row.try_get("contact_sealed")?,
        point_sealed: row.try_get("point_sealed")?,
        submitted_at: row.try_get("submitted_at")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
        assignee_id: row.try_get("assignee_id")?,
        channel: {
            let code: String = row.try_get("channel")?;
            Channel::from_code(&code).ok_or_else(|| corrupt("channel", &code))?
        },
        consent: row.try_get("consent")?,
        flagged: row.try_get::<i64, _>("flagged")? != 0,
    })
}

impl Db {
    pub(crate) async fn insert_concern<'e, E>(executor: E, concern: &StoredConcern) -> Result<i64, DbError>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let row = sqlx::query(
            "INSERT INTO concerns (receipt_hash, category, description, area, occurred_on, language, status, \
             contact_sealed, point_sealed, submitted_at, updated_at, search_text, channel, consent, flagged) \
             VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(&concern.receipt_hash)
        .bind(concern.category.as_str())
        .bind(&concern.description)
        .bind(concern.area.as_str())
        .bind(day_number(concern.occurred_on))
        .bind(&concern.language)
        .bind(concern.contact_sealed.as_deref())
        .bind(concern.point_sealed.as_deref())
        .bind(concern.submitted_at)
        .bind(aman_core::text::normalise(&concern.description))
        .bind(concern.channel.as_str())
        .bind(concern.consent.as_deref())
        .bind(i64::from(concern.flagged))
        .fetch_one(executor)
        .await
        .map_err(DbError::from_insert)?;
        Ok(row.try_get(0)?)
    }

    /// Whether this very concern is already stored (same receipt hash, text
    /// and submission time) — as opposed to another with the same receipt.
    pub async fn concern_stored(&self, concern: &StoredConcern) -> Result<bool, DbError> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM concerns WHERE receipt_hash = $1 AND description = $2 AND submitted_at = $3",
        )
        .bind(&concern.receipt_hash)
        .bind(&concern.description)
        .bind(concern.submitted_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    /// Stores a concern at once, outside the batched intake (imports, demo).
    pub async fn store_concern(&self, concern: &StoredConcern) -> Result<i64, DbError> {
        Db::insert_concern(&self.pool, concern).await
    }

    pub async fn concern(&self, id: i64) -> Result<Option<ConcernRecord>, DbError> {
        let sql = format!("SELECT {CONCERN_COLUMNS} FROM concerns WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(concern_from_row).transpose()
    }

    /// Concerns that came through one channel, newest first: all of them, or
    /// those with the given ids; at most `limit`.
    pub async fn concerns_of_channel(
        &self,
        channel: Channel,
        ids: Option<&[i64]>,
        limit: i64,
    ) -> Result<Vec<ConcernRecord>, DbError> {
        let wanted = ids.map(|ids| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let sql = format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns WHERE channel = $1 \
             AND ($2 IS NULL OR (',' || $2 || ',') LIKE ('%,' || CAST(id AS TEXT) || ',%')) \
             ORDER BY submitted_at DESC, id DESC LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(channel.as_str())
            .bind(wanted)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(concern_from_row).collect()
    }

    /// A concern's tags, in order.
    pub async fn concern_tags(&self, id: i64) -> Result<Vec<String>, DbError> {
        let rows = sqlx::query("SELECT tag FROM concern_tags WHERE concern_id = $1 ORDER BY tag")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// Fills the search text of concerns stored before it existed, a page at
    /// a time; returns how many it filled (0 when none are left).
    pub async fn fill_search_text(&self, limit: i64) -> Result<u64, DbError> {
        let rows = sqlx::query("SELECT id, description FROM concerns WHERE search_text IS NULL ORDER BY id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut tx = self.pool.begin().await?;
        for row in &rows {
            let description: String = row.try_get(1)?;
            sqlx::query("UPDATE concerns SET search_text = $1 WHERE id = $2 AND search_text IS NULL")
                .bind(aman_core::text::normalise(&description))
                .bind(row.try_get::<i64, _>(0)?)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    pub async fn concern_events(&self, id: i64) -> Result<Vec<ConcernEvent>, DbError> {
        let rows = sqlx::query(
            "SELECT e.kind, e.from_status, e.to_status, e.body, e.public, e.created_at, u.display_name \
             FROM concern_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.concern_id = $1 ORDER BY e.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                let status = |column: &str| -> Result<Option<Status>, DbError> {
                    let code: Option<String> = row.try_get(column)?;
                    code.map(|c: String| Status::from_code(&c).ok_or_else(|| corrupt("status", &c))).transpose()
                };
                Ok(ConcernEvent {
                    kind: EventKind::from_code(&kind).ok_or_else(|| corrupt("event kind", &kind))?,
                    from_status: status("from_status")?,
                    to_status: status("to_status")?,
                    body: row.try_get("body")?,
                    public: row.try_get::<i64, _>("public")? != 0,
                    actor_name: row.try_get("display_name")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// What a receipt holder may see, found by the receipt's keyed hash.
    pub async fn track(&self, receipt_hash: &str) -> Result<Option<TrackRecord>, DbError> {
        let Some(row) = sqlx::query(
            "SELECT id, status, category, area, submitted_at, updated_at FROM concerns WHERE receipt_hash = $1",
        )
        .bind(receipt_hash)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let status: String = row.try_get("status")?;
        let category: String = row.try_get("category")?;
        let area: String = row.try_get("area")?;
        let updates = sqlx::query(
            "SELECT created_at, body FROM concern_events WHERE concern_id = $1 AND public = 1 AND body IS NOT NULL ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_, DbError>>()?;
        let messages = sqlx::query(
            "SELECT created_at, kind, body FROM concern_events WHERE concern_id = $1 AND kind IN ('question', 'reply') \
             ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get::<String, _>(1)? == "reply", r.try_get(2)?)))
        .collect::<Result<_, DbError>>()?;
        Ok(Some(TrackRecord {
            id,
            status: Status::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            category: Category::from_code(&category).ok_or_else(|| corrupt("category", &category))?,
            area: Pcode::parse(&area).ok_or_else(|| corrupt("area", &area))?,
            submitted_at: row.try_get("submitted_at")?,
            updated_at: row.try_get("updated_at")?,
            updates,
            messages,
        }))
    }

    /// Moves a concern from `from` to `to`, recording who and why (and, when
    /// given, an update for the reporter) in one transaction; fails with
    /// [`DbError::Conflict`] when someone else changed its status first. The
    /// caller has checked that the move is legal.
    pub async fn transition(&self, id: i64, change: &Transition<'_>, audit: Audit<'_>) -> Result<(), DbError> {
        self.write(async |tx| {
            tx.transition(id, change).await?;
            tx.audit(audit).await.map(|_| ())
        })
        .await
    }

    pub async fn count_concerns(&self) -> Result<i64, DbError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM concerns").fetch_one(&self.pool).await?.try_get(0)?)
    }
}

impl crate::Tx {
    /// Stores a concern inside this transaction (bulk loads: many at once).
    pub async fn store_concern(&mut self, concern: &StoredConcern) -> Result<i64, DbError> {
        Db::insert_concern(self.conn(), concern).await
    }

    /// Assigns a concern to a staff member (or to nobody).
    pub async fn set_assignee(&mut self, id: i64, user: Option<i64>, now_ms: i64) -> Result<(), DbError> {
        sqlx::query("UPDATE concerns SET assignee_id = $1, updated_at = $2, version = version + 1 WHERE id = $3")
            .bind(user)
            .bind(now_ms)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Replaces a concern's tags.
    pub async fn set_tags(&mut self, id: i64, tags: &[String]) -> Result<(), DbError> {
        sqlx::query("DELETE FROM concern_tags WHERE concern_id = $1").bind(id).execute(self.conn()).await?;
        for tag in tags {
            sqlx::query("INSERT INTO concern_tags (concern_id, tag) VALUES ($1, $2)")
                .bind(id)
                .bind(tag)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Moves a concern from one status to another if it is still at the
    /// version the change expects ([`DbError::Conflict`] otherwise), with
    /// its event (and the public note, if any).
    pub async fn transition(&mut self, id: i64, change: &Transition<'_>) -> Result<(), DbError> {
        let Transition { from, to, duplicate_of, reason, public_note, actor_id, now_ms, expected_version } = *change;
        let changed = sqlx::query(
            "UPDATE concerns SET status = $1, duplicate_of = $2, updated_at = $3, version = version + 1 \
             WHERE id = $4 AND status = $5 AND version = $6",
        )
        .bind(to.as_str())
        .bind(duplicate_of)
        .bind(now_ms)
        .bind(id)
        .bind(from.as_str())
        .bind(expected_version)
        .execute(self.conn())
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(DbError::Conflict);
        }
        sqlx::query(
            "INSERT INTO concern_events (concern_id, kind, from_status, to_status, body, public, actor_id, created_at) \
             VALUES ($1, 'transition', $2, $3, $4, 0, $5, $6)",
        )
        .bind(id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(reason)
        .bind(actor_id)
        .bind(now_ms)
        .execute(self.conn())
        .await?;
        if let Some(note) = public_note {
            sqlx::query(
                "INSERT INTO concern_events (concern_id, kind, body, public, actor_id, created_at) \
                 VALUES ($1, 'public_update', $2, 1, $3, $4)",
            )
            .bind(id)
            .bind(note)
            .bind(actor_id)
            .bind(now_ms)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Adds an internal note or a public update.
    pub async fn add_event(&mut self, concern_id: i64, event: NewEvent<'_>) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO concern_events (concern_id, kind, body, public, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(concern_id)
        .bind(event.kind.as_str())
        .bind(event.body)
        .bind(i64::from(event.kind == EventKind::PublicUpdate))
        .bind(event.actor_id)
        .bind(event.now_ms)
        .execute(self.conn())
        .await?;
        sqlx::query("UPDATE concerns SET updated_at = $1 WHERE id = $2")
            .bind(event.now_ms)
            .bind(concern_id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
