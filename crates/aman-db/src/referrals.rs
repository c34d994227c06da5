//! Referrals of concerns to organisations: sending, the organisation's
//! answer (guarded by a version), and the escalation level the scheduled job
//! keeps up to date.

use crate::{Db, DbError, corrupt};
use aman_core::committee::referral::{EscalationLevel, ReferralStatus, Severity};
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralRecord {
    pub id: i64,
    pub concern_id: i64,
    pub organisation_id: i64,
    pub severity: Severity,
    pub sent_at: i64,
    pub deadline_at: i64,
    pub status: ReferralStatus,
    pub acknowledged_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub response: String,
    pub escalation: EscalationLevel,
    pub version: i64,
}

const COLUMNS: &str = "id, concern_id, organisation_id, severity, sent_at, deadline_at, status, acknowledged_at, \
     responded_at, response, escalation, version";

fn from_row(r: &AnyRow) -> Result<ReferralRecord, DbError> {
    Ok(ReferralRecord {
        id: r.try_get("id")?,
        concern_id: r.try_get("concern_id")?,
        organisation_id: r.try_get("organisation_id")?,
        severity: {
            let code: String = r.try_get("severity")?;
            Severity::from_code(&code).ok_or_else(|| corrupt("referral severity", &code))?
        },
        sent_at: r.try_get("sent_at")?,
        deadline_at: r.try_get("deadline_at")?,
        status: {
            let code: String = r.try_get("status")?;
            ReferralStatus::from_code(&code).ok_or_else(|| corrupt("referral status", &code))?
        },
        acknowledged_at: r.try_get("acknowledged_at")?,
        responded_at: r.try_get("responded_at")?,
        response: r.try_get("response")?,
        escalation: {
            let code: String = r.try_get("escalation")?;
            EscalationLevel::from_code(&code).ok_or_else(|| corrupt("escalation level", &code))?
        },
        version: r.try_get("version")?,
    })
}

impl Db {
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
}

impl crate::Tx {
    /// Sends a referral.
    pub async fn create_referral(
        &mut self,
        concern_id: i64,
        organisation_id: i64,
        severity: Severity,
        sent_at: i64,
        deadline_at: i64,
    ) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO referrals (concern_id, organisation_id, severity, sent_at, deadline_at, status, response, \
             escalation, version) VALUES ($1, $2, $3, $4, $5, 'sent', '', 'none', 0) RETURNING id",
        )
        .bind(concern_id)
        .bind(organisation_id)
        .bind(severity.as_str())
        .bind(sent_at)
        .bind(deadline_at)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Records the organisation's answer if the referral is still at its
    /// version ([`DbError::Conflict`] otherwise).
    pub async fn answer_referral(
        &mut self,
        referral: &ReferralRecord,
        status: ReferralStatus,
        response: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        let changed = sqlx::query(
            "UPDATE referrals SET status = $1, response = $2, \
             acknowledged_at = COALESCE(acknowledged_at, $3), \
             responded_at = CASE WHEN $1 IN ('responded', 'declined') THEN $3 ELSE responded_at END, \
             escalation = CASE WHEN $1 IN ('responded', 'declined') THEN 'none' ELSE escalation END, \
             version = version + 1 WHERE id = $4 AND version = $5",
        )
        .bind(status.as_str())
        .bind(response)
        .bind(now_ms)
        .bind(referral.id)
        .bind(referral.version)
        .execute(self.conn())
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(DbError::Conflict);
        }
        Ok(())
    }

    /// Sets the escalation level of a still-open referral; false if it was answered meanwhile.
    pub async fn set_referral_escalation(&mut self, id: i64, level: EscalationLevel) -> Result<bool, DbError> {
        let changed = sqlx::query(
            "UPDATE referrals SET escalation = $1, version = version + 1 \
             WHERE id = $2 AND status IN ('sent', 'acknowledged') AND escalation <> $1",
        )
        .bind(level.as_str())
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }
}
