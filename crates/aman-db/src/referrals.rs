//! Referrals of concerns to organisations: sending, the organisation's
//! answer (guarded by a version), and the escalation level the scheduled job
//! keeps up to date.

use crate::{Audit, Db, DbError};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralRecord {
    pub id: i64,
    pub concern_id: i64,
    pub organisation_id: i64,
    pub severity: String,
    pub sent_at: i64,
    pub deadline_at: i64,
    /// `sent`, `acknowledged`, `responded` or `declined`.
    pub status: String,
    pub acknowledged_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub response: String,
    /// `none`, `committee` or `next_level`.
    pub escalation: String,
    pub version: i64,
}

const COLUMNS: &str = "id, concern_id, organisation_id, severity, sent_at, deadline_at, status, acknowledged_at, \
     responded_at, response, escalation, version";

fn from_row(r: &AnyRow) -> Result<ReferralRecord, DbError> {
    Ok(ReferralRecord {
        id: r.try_get("id")?,
        concern_id: r.try_get("concern_id")?,
        organisation_id: r.try_get("organisation_id")?,
        severity: r.try_get("severity")?,
        sent_at: r.try_get("sent_at")?,
        deadline_at: r.try_get("deadline_at")?,
        status: r.try_get("status")?,
        acknowledged_at: r.try_get("acknowledged_at")?,
        responded_at: r.try_get("responded_at")?,
        response: r.try_get("response")?,
        escalation: r.try_get("escalation")?,
        version: r.try_get("version")?,
    })
}

impl Db {
    /// Sends a referral, with its audit entry, in one transaction.
    pub async fn create_referral(
        &self,
        concern_id: i64,
        organisation_id: i64,
        severity: &str,
        sent_at: i64,
        deadline_at: i64,
        audit: Audit<'_>,
    ) -> Result<i64, DbError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO referrals (concern_id, organisation_id, severity, sent_at, deadline_at, status, response, \
             escalation, version) VALUES ($1, $2, $3, $4, $5, 'sent', '', 'none', 0) RETURNING id",
        )
        .bind(concern_id)
        .bind(organisation_id)
        .bind(severity)
        .bind(sent_at)
        .bind(deadline_at)
        .fetch_one(&mut *tx)
        .await?;
        crate::audit::append_in(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(row.try_get(0)?)
    }

    pub async fn referral(&self, id: i64) -> Result<Option<ReferralRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM referrals WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Referrals of a concern, or to an organisation, oldest first.
    pub async fn referrals(
        &self,
        concern_id: Option<i64>,
        organisation_id: Option<i64>,
    ) -> Result<Vec<ReferralRecord>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM referrals WHERE ($1 IS NULL OR concern_id = $1) AND ($2 IS NULL OR organisation_id = $2) \
             ORDER BY id"
        );
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(concern_id).bind(organisation_id).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Referrals still waiting for an answer (sent or acknowledged).
    pub async fn open_referrals(&self) -> Result<Vec<ReferralRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM referrals WHERE status IN ('sent', 'acknowledged') ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Records the organisation's answer if the referral is still at its
    /// version ([`DbError::Conflict`] otherwise), with its audit entry.
    pub async fn answer_referral(
        &self,
        referral: &ReferralRecord,
        status: &str,
        response: &str,
        now_ms: i64,
        audit: Audit<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE referrals SET status = $1, response = $2, \
             acknowledged_at = COALESCE(acknowledged_at, $3), \
             responded_at = CASE WHEN $1 IN ('responded', 'declined') THEN $3 ELSE responded_at END, \
             escalation = CASE WHEN $1 IN ('responded', 'declined') THEN 'none' ELSE escalation END, \
             version = version + 1 WHERE id = $4 AND version = $5",
        )
        .bind(status)
        .bind(response)
        .bind(now_ms)
        .bind(referral.id)
        .bind(referral.version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(DbError::Conflict);
        }
        crate::audit::append_in(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the escalation level of a still-open referral; false if it was answered meanwhile.
    pub async fn set_referral_escalation(&self, id: i64, level: &str) -> Result<bool, DbError> {
        let changed = sqlx::query(
            "UPDATE referrals SET escalation = $1, version = version + 1 \
             WHERE id = $2 AND status IN ('sent', 'acknowledged') AND escalation <> $1",
        )
        .bind(level)
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }
}
