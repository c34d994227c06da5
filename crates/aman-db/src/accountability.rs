//! The raw rows behind the public accountability figures: concerns with the
//! time of their first response, referrals and actions of an area and period.

use crate::{Db, DbError, corrupt, date_from_day_number};
use aman_core::category::Category;
use aman_core::committee::action::ActionStatus;
use aman_core::lifecycle::Status;
use chrono::NaiveDate;
use sqlx::Row;

/// How many concerns of one category placed in one area were received in
/// one period (the public dashboard's counts).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedCount {
    pub area: String,
    pub category: Category,
    /// Which of the periods asked for.
    pub period: usize,
    pub count: u64,
}

/// A concern as the accountability figures need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcernFacts {
    pub area: String,
    pub status: Status,
    pub submitted_at: i64,
    /// The first life-cycle move or public update, if any.
    pub first_response_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralFacts {
    pub area: String,
    pub organisation_id: i64,
    pub deadline_at: i64,
    pub responded_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionFacts {
    pub area: String,
    pub owner_id: i64,
    pub status: ActionStatus,
    pub due_on: NaiveDate,
    pub better: i64,
    pub disputed: i64,
}

impl Db {
    pub async fn concern_facts(
        &self,
        area_prefix: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<ConcernFacts>, DbError> {
        use futures_util::TryStreamExt;
        // Row by row: a quarter of a large country is hundreds of thousands
        // of rows, which held all at once as raw rows would weigh far more
        // than the facts kept.
        let query = sqlx::query(
            "SELECT c.area, c.status, c.submitted_at, (SELECT MIN(e.created_at) FROM concern_events e \
             WHERE e.concern_id = c.id AND e.kind IN ('transition', 'public_update')) \
             FROM concerns c WHERE c.area LIKE $1 AND c.submitted_at >= $2 AND c.submitted_at < $3",
        )
        .bind(format!("{area_prefix}%"))
        .bind(from_ms)
        .bind(to_ms);
        let mut rows = query.fetch(&self.pool);
        let mut facts = Vec::new();
        while let Some(r) = rows.try_next().await? {
            facts.push(ConcernFacts {
                area: r.try_get(0)?,
                status: {
                    let code: String = r.try_get(1)?;
                    Status::from_code(&code).ok_or_else(|| corrupt("status", &code))?
                },
                submitted_at: r.try_get(2)?,
                first_response_at: r.try_get(3)?,
            });
        }
        Ok(facts)
    }

    /// The concerns received in an area and below it in each period
    /// between consecutive `bounds` (instants, ascending), counted by the
    /// area each was placed in and by category: one pass over the rows.
    pub async fn received_counts(&self, area_prefix: &str, bounds: &[i64]) -> Result<Vec<ReceivedCount>, DbError> {
        let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else { return Ok(Vec::new()) };
        // CASE WHEN submitted_at < $4 THEN 0 WHEN submitted_at < $5 THEN 1 …
        let periods: String = (1..bounds.len())
            .map(|i| format!(" WHEN submitted_at < ${} THEN CAST({} AS BIGINT)", i + 3, i - 1))
            .collect();
        let sql = format!(
            "SELECT area, category, CASE{periods} END AS period, COUNT(*) FROM concerns \
             WHERE area LIKE $1 AND submitted_at >= $2 AND submitted_at < $3 GROUP BY area, category, period"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(format!("{area_prefix}%")).bind(first).bind(last);
        for bound in &bounds[1..] {
            query = query.bind(bound);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get(1)?;
                let period: i64 = r.try_get(2)?;
                let count: i64 = r.try_get(3)?;
                Ok(ReceivedCount {
                    area: r.try_get(0)?,
                    category: Category::from_code(&code).ok_or_else(|| corrupt("category", &code))?,
                    period: usize::try_from(period).map_err(|_| corrupt("period", &period.to_string()))?,
                    count: u64::try_from(count).unwrap_or(0),
                })
            })
            .collect()
    }

    pub async fn referral_facts(
        &self,
        area_prefix: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<ReferralFacts>, DbError> {
        let rows = sqlx::query(
            "SELECT c.area, r.organisation_id, r.deadline_at, r.responded_at FROM referrals r \
             JOIN concerns c ON c.id = r.concern_id WHERE c.area LIKE $1 AND r.sent_at >= $2 AND r.sent_at < $3",
        )
        .bind(format!("{area_prefix}%"))
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReferralFacts {
                    area: r.try_get(0)?,
                    organisation_id: r.try_get(1)?,
                    deadline_at: r.try_get(2)?,
                    responded_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Actions of the committees of an area created before `to_ms`, with
    /// their verdicts.
    pub async fn action_facts(&self, area_prefix: &str, to_ms: i64) -> Result<Vec<ActionFacts>, DbError> {
        let rows = sqlx::query(
            "SELECT k.area, a.owner_id, a.status, a.due_on, \
             (SELECT COUNT(*) FROM confirmations f WHERE f.action_id = a.id AND f.verdict = 'better'), \
             (SELECT COUNT(*) FROM confirmations f WHERE f.action_id = a.id AND f.verdict = 'disputed') \
             FROM actions a JOIN committees k ON k.id = a.committee_id WHERE k.area LIKE $1 AND a.created_at < $2",
        )
        .bind(format!("{area_prefix}%"))
        .bind(to_ms)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let day: i64 = r.try_get(3)?;
                Ok(ActionFacts {
                    area: r.try_get(0)?,
                    owner_id: r.try_get(1)?,
                    status: {
                        let code: String = r.try_get(2)?;
                        ActionStatus::from_code(&code).ok_or_else(|| corrupt("action status", &code))?
                    },
                    due_on: date_from_day_number(day).ok_or_else(|| DbError::Corrupt(format!("action due {day}")))?,
                    better: r.try_get(4)?,
                    disputed: r.try_get(5)?,
                })
            })
            .collect()
    }
}
