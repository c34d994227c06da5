//! Early warning: imported conflict events, the daily counts behind every
//! series (kept up to date incrementally behind a watermark per source), and
//! alerts with their life-cycle.

use crate::{Audit, Db, DbError, date_from_day_number, day_number};
use aman_core::alert::{AlertMethod, AlertStatus, SeriesSource};
use aman_core::area::Pcode;
use aman_core::category::Category;
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A conflict event to import.
#[derive(Debug, Clone)]
pub struct NewConflictEvent {
    pub dataset: String,
    pub dataset_id: String,
    pub occurred_on: NaiveDate,
    pub area: Pcode,
    pub category: Category,
    pub deaths: i64,
}

/// A record counted into the series: its id, deepest area, category and day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countable {
    pub id: i64,
    pub area: String,
    pub category: String,
    pub day: i64,
}

/// Daily counts added by one statement (4 parameters each, and the source).
const COUNTS_PER_STATEMENT: usize = 200;

/// One day's count of one series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyCount {
    pub area: String,
    pub category: String,
    pub day: i64,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlertRecord {
    pub id: i64,
    pub source: SeriesSource,
    pub area: Pcode,
    pub category: Category,
    pub method: AlertMethod,
    pub status: AlertStatus,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub observed: i64,
    pub expected: Option<f64>,
    pub threshold: Option<f64>,
    pub score: Option<f64>,
    pub escalated_to: Option<Pcode>,
    pub reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

/// A new alarm, for a new alert or one continuing an episode.
#[derive(Debug, Clone, PartialEq)]
pub struct AlarmRecord<'a> {
    pub source: SeriesSource,
    pub area: &'a str,
    pub category: &'a str,
    pub method: AlertMethod,
    pub day: i64,
    pub observed: i64,
    pub expected: Option<f64>,
    pub threshold: Option<f64>,
    pub score: Option<f64>,
}

/// Which alerts to list (newest first).
#[derive(Debug, Clone, Default)]
pub struct AlertFilter {
    /// Alerts in this area or below it.
    pub area_prefix: String,
    pub category: Option<String>,
    pub status: Option<String>,
    pub source: Option<String>,
    /// Only open alerts (neither closed nor dismissed).
    pub open_only: bool,
    pub limit: i64,
}

const ALERT_COLUMNS: &str = "id, source, area, category, method, status, first_day, last_day, observed, expected, \
     threshold, score, escalated_to, reason, created_at, updated_at, version";

fn alert_from_row(row: &AnyRow) -> Result<AlertRecord, DbError> {
    let text = |name: &str| -> Result<String, DbError> { Ok(row.try_get::<String, _>(name)?) };
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("alert {what} `{value}`"));
    let day = |name: &str| -> Result<NaiveDate, DbError> {
        let n: i64 = row.try_get(name)?;
        date_from_day_number(n).ok_or_else(|| corrupt(name, &n.to_string()))
    };
    let (source, area, category, status) = (text("source")?, text("area")?, text("category")?, text("status")?);
    let escalated_to: Option<String> = row.try_get("escalated_to")?;
    Ok(AlertRecord {
        id: row.try_get("id")?,
        source: SeriesSource::from_code(&source).ok_or_else(|| corrupt("source", &source))?,
        area: Pcode::parse(&area).ok_or_else(|| corrupt("area", &area))?,
        category: Category::from_code(&category).ok_or_else(|| corrupt("category", &category))?,
        method: {
            let code = text("method")?;
            AlertMethod::from_code(&code).ok_or_else(|| crate::corrupt("alert method", &code))?
        },
        status: AlertStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
        first_day: day("first_day")?,
        last_day: day("last_day")?,
        observed: row.try_get("observed")?,
        expected: row.try_get("expected")?,
        threshold: row.try_get("threshold")?,
        score: row.try_get("score")?,
        escalated_to: escalated_to.map(|p| Pcode::parse(&p).ok_or_else(|| corrupt("escalation", &p))).transpose()?,
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
    })
}

impl Db {
    /// Imports events; those already present (same dataset and id) are
    /// skipped. Returns how many were new. All in one transaction.
    pub async fn insert_conflict_events(&self, events: &[NewConflictEvent]) -> Result<u64, DbError> {
        let mut tx = self.pool.begin().await?;
        let mut inserted = 0;
        for e in events {
            inserted += sqlx::query(
                "INSERT INTO conflict_events (dataset, dataset_id, occurred_on, area, category, deaths) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dataset, dataset_id) DO NOTHING",
            )
            .bind(&e.dataset)
            .bind(&e.dataset_id)
            .bind(day_number(e.occurred_on))
            .bind(e.area.as_str())
            .bind(e.category.as_str())
            .bind(e.deaths)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(inserted)
    }

    pub async fn count_conflict_events(&self) -> Result<i64, DbError> {
        Ok(sqlx::query("SELECT COUNT(*) FROM conflict_events").fetch_one(&self.pool).await?.try_get(0)?)
    }

    /// The source's watermark: the last id already counted.
    pub async fn series_watermark(&self, source: SeriesSource) -> Result<i64, DbError> {
        let row = sqlx::query("SELECT last_id FROM series_watermarks WHERE source = $1")
            .bind(source.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or(0))
    }

    /// Records of a source not yet counted (id above `after`), in id order.
    pub async fn uncounted(&self, source: SeriesSource, after: i64, limit: i64) -> Result<Vec<Countable>, DbError> {
        let sql = match source {
            SeriesSource::Concerns => {
                "SELECT id, area, category, occurred_on FROM concerns WHERE id > $1 ORDER BY id LIMIT $2"
            }
            SeriesSource::Events => {
                "SELECT id, area, category, occurred_on FROM conflict_events WHERE id > $1 ORDER BY id LIMIT $2"
            }
            SeriesSource::Flagged => {
                "SELECT id, area, 'hate_speech', occurred_on FROM concerns WHERE id > $1 AND flagged = 1 ORDER BY id LIMIT $2"
            }
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(Countable { id: r.try_get(0)?, area: r.try_get(1)?, category: r.try_get(2)?, day: r.try_get(3)? })
            })
            .collect()
    }

    /// Adds counts (of distinct keys) and moves the watermark from `from_id`
    /// to `to_id`, in one transaction. Returns false, changing nothing, if
    /// another run moved the watermark meanwhile (so nothing is ever counted
    /// twice).
    pub async fn add_counts(
        &self,
        source: SeriesSource,
        increments: &[DailyCount],
        from_id: i64,
        to_id: i64,
    ) -> Result<bool, DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO series_watermarks (source, last_id) VALUES ($1, 0) ON CONFLICT (source) DO NOTHING")
            .bind(source.as_str())
            .execute(&mut *tx)
            .await?;
        let moved = sqlx::query("UPDATE series_watermarks SET last_id = $1 WHERE source = $2 AND last_id = $3")
            .bind(to_id)
            .bind(source.as_str())
            .bind(from_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved != 1 {
            return Ok(false);
        }
        // Many rows a statement: the write lock is held a tenth as long as
        // with a statement a row, so the writes of people at work (the
        // audit entry of a queue listing) wait less behind a first count.
        // Keys are distinct within `increments`, as one statement needs.
        for chunk in increments.chunks(COUNTS_PER_STATEMENT) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = |k: usize| format!("${}", 1 + 4 * i + k);
                    format!("($1, {}, {}, {}, {})", p(1), p(2), p(3), p(4))
                })
                .collect();
            let sql = format!(
                "INSERT INTO daily_counts (source, area, category, day, count) VALUES {} \
                 ON CONFLICT (source, area, category, day) DO UPDATE SET count = daily_counts.count + excluded.count",
                rows.join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(source.as_str());
            for c in chunk {
                query = query.bind(&c.area).bind(&c.category).bind(c.day).bind(c.count);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Every non-zero daily count of a source between two days (inclusive).
    pub async fn daily_counts(
        &self,
        source: SeriesSource,
        from_day: i64,
        to_day: i64,
    ) -> Result<Vec<DailyCount>, DbError> {
        let rows = sqlx::query(
            "SELECT area, category, day, count FROM daily_counts WHERE source = $1 AND day >= $2 AND day <= $3 \
             ORDER BY area, category, day",
        )
        .bind(source.as_str())
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DailyCount {
                    area: r.try_get(0)?,
                    category: r.try_get(1)?,
                    day: r.try_get(2)?,
                    count: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// The open alert of a series, as `(id, last alarm day)`.
    pub async fn open_alert(
        &self,
        source: SeriesSource,
        area: &str,
        category: &str,
    ) -> Result<Option<(i64, i64)>, DbError> {
        let row = sqlx::query(
            "SELECT id, last_day FROM alerts WHERE source = $1 AND area = $2 AND category = $3 \
             AND status NOT IN ('closed', 'dismissed') ORDER BY id DESC LIMIT 1",
        )
        .bind(source.as_str())
        .bind(area)
        .bind(category)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
    }

    /// Updates an open alert with a later (or re-evaluated) alarm of its episode.
    pub async fn continue_alert(&self, id: i64, alarm: &AlarmRecord<'_>, now_ms: i64) -> Result<(), DbError> {
        sqlx::query(
            "UPDATE alerts SET last_day = CASE WHEN last_day > $1 THEN last_day ELSE $1 END, observed = $2, \
             expected = $3, threshold = $4, score = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(alarm.day)
        .bind(alarm.observed)
        .bind(alarm.expected)
        .bind(alarm.threshold)
        .bind(alarm.score)
        .bind(now_ms)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn alerts(&self, filter: &AlertFilter) -> Result<Vec<AlertRecord>, DbError> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE area LIKE $1 AND ($2 IS NULL OR category = $2) \
             AND ($3 IS NULL OR status = $3) AND ($4 IS NULL OR source = $4) \
             AND ($5 = 0 OR status NOT IN ('closed', 'dismissed')) ORDER BY last_day DESC, id DESC LIMIT $6"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(format!("{}%", filter.area_prefix))
            .bind(filter.category.as_deref())
            .bind(filter.status.as_deref())
            .bind(filter.source.as_deref())
            .bind(i64::from(filter.open_only))
            .bind(filter.limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(alert_from_row).collect()
    }

    /// The concerns of a category (or, for the flagged series, the flagged
    /// ones) that happened in an area (or below it) between two days: those
    /// an alert on that series counted.
    pub async fn concerns_counted(
        &self,
        source: SeriesSource,
        area_prefix: &str,
        category: Category,
        first_day: i64,
        last_day: i64,
    ) -> Result<Vec<i64>, DbError> {
        // A flagged series counts flagged concerns of any category.
        let (sql, by_category) = match source {
            SeriesSource::Flagged => (
                "SELECT id FROM concerns WHERE area LIKE $1 AND occurred_on BETWEEN $2 AND $3 AND flagged = 1 ORDER BY id",
                false,
            ),
            _ => (
                "SELECT id FROM concerns WHERE area LIKE $1 AND occurred_on BETWEEN $2 AND $3 AND category = $4 ORDER BY id",
                true,
            ),
        };
        let query = sqlx::query(sql).bind(format!("{area_prefix}%")).bind(first_day).bind(last_day);
        let query = if by_category { query.bind(category.as_str()) } else { query };
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    pub async fn alert(&self, id: i64) -> Result<Option<AlertRecord>, DbError> {
        let sql = format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(alert_from_row).transpose()
    }

    /// Moves an alert along its life-cycle if it is still at `version`
    /// ([`DbError::Conflict`] otherwise), with its audit entry.
    pub async fn move_alert(
        &self,
        alert: &AlertRecord,
        to: AlertStatus,
        reason: Option<&str>,
        now_ms: i64,
        audit: Audit<'_>,
    ) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE alerts SET status = $1, reason = COALESCE($2, reason), updated_at = $3, version = version + 1 \
             WHERE id = $4 AND version = $5",
        )
        .bind(to.as_str())
        .bind(reason)
        .bind(now_ms)
        .bind(alert.id)
        .bind(alert.version)
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

    /// New alerts whose last escalation (or creation) is older than `cutoff_ms`.
    pub async fn alerts_to_escalate(&self, cutoff_ms: i64) -> Result<Vec<AlertRecord>, DbError> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE status = 'new' AND COALESCE(escalated_at, created_at) < $1 \
             ORDER BY id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(cutoff_ms).fetch_all(&self.pool).await?;
        rows.iter().map(alert_from_row).collect()
    }
}

impl crate::Tx {
    /// Opens a new alert for an alarm.
    pub async fn insert_alert(&mut self, alarm: &AlarmRecord<'_>, now_ms: i64) -> Result<i64, DbError> {
        let row = sqlx::query(
            "INSERT INTO alerts (source, area, category, method, status, first_day, last_day, observed, expected, \
             threshold, score, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'new', $5, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(alarm.source.as_str())
        .bind(alarm.area)
        .bind(alarm.category)
        .bind(alarm.method.as_str())
        .bind(alarm.day)
        .bind(alarm.observed)
        .bind(alarm.expected)
        .bind(alarm.threshold)
        .bind(alarm.score)
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Escalates an alert to `to` (the next level up), unless it was
    /// acknowledged meanwhile.
    pub async fn escalate_alert(&mut self, id: i64, to: &Pcode, now_ms: i64) -> Result<bool, DbError> {
        let changed = sqlx::query(
            "UPDATE alerts SET escalated_to = $1, escalated_at = $2, version = version + 1 WHERE id = $3 AND status = 'new'",
        )
        .bind(to.as_str())
        .bind(now_ms)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More increments than one statement takes, added twice behind the
    /// watermark: every count summed, a stale watermark refused.
    #[tokio::test]
    async fn counts_are_added_in_statements_of_many_rows_behind_the_watermark() {
        let (_dir, db) = crate::intake::tests::fresh_db().await;
        let increments: Vec<DailyCount> = (0..2 * COUNTS_PER_STATEMENT as i64 + 57)
            .map(|i| DailyCount {
                area: "IQG02".into(),
                category: ["crime", "tribal_conflict", "services_failure"][(i % 3) as usize].into(),
                day: 20_000 + i,
                count: 1 + i % 4,
            })
            .collect();
        let source = SeriesSource::Concerns;
        assert!(db.add_counts(source, &increments, 0, 10).await.expect("first"));
        assert!(db.add_counts(source, &increments, 10, 20).await.expect("second"));
        assert!(!db.add_counts(source, &increments, 10, 30).await.expect("stale"), "the watermark moved on");
        assert_eq!(db.series_watermark(source).await.expect("watermark"), 20);
        let stored = db.daily_counts(source, 0, i64::MAX).await.expect("counts");
        assert_eq!(stored.len(), increments.len());
        for c in &increments {
            let row = stored.iter().find(|s| s.category == c.category && s.day == c.day).expect("row");
            assert_eq!(row.count, 2 * c.count, "{c:?}");
        }
    }
}
