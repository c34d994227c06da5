//! Committees' action plans, their progress updates and residents' and
//! members' confirmations.

use crate::{Db, DbError, corrupt, date_from_day_number, day_number};
use aman_core::committee::action::{ActionStatus, Verdict};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct ActionRecord {
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub owner_id: i64,
    pub partners: Vec<i64>,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub version: i64,
    /// `concern:ID` and `issue:ID` the action answers.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionUpdate {
    pub status: ActionStatus,
    pub body: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, committee_id, title, owner_id, partners, due_on, status, version";

fn from_row(r: &AnyRow) -> Result<ActionRecord, DbError> {
    let day: i64 = r.try_get("due_on")?;
    let partners: String = r.try_get("partners")?;
    Ok(ActionRecord {
        id: r.try_get("id")?,
        committee_id: r.try_get("committee_id")?,
        title: r.try_get("title")?,
        owner_id: r.try_get("owner_id")?,
        partners: partners.split_whitespace().filter_map(|p| p.parse().ok()).collect(),
        due_on: date_from_day_number(day).ok_or_else(|| DbError::Corrupt(format!("action due {day}")))?,
        status: status(&r.try_get::<String, _>("status")?)?,
        version: r.try_get("version")?,
        items: Vec::new(),
    })
}

fn status(code: &str) -> Result<ActionStatus, DbError> {
    ActionStatus::from_code(code).ok_or_else(|| corrupt("action status", code))
}

/// A new action.
#[derive(Debug, Clone)]
pub struct NewAction<'a> {
    pub committee_id: i64,
    pub title: &'a str,
    pub owner_id: i64,
    pub partners: &'a [i64],
    pub due_on: NaiveDate,
    pub items: &'a [String],
}

impl Db {
    async fn with_items(&self, mut actions: Vec<ActionRecord>) -> Result<Vec<ActionRecord>, DbError> {
        for action in &mut actions {
            let rows = sqlx::query("SELECT item FROM action_items WHERE action_id = $1 ORDER BY item")
                .bind(action.id)
                .fetch_all(&self.pool)
                .await?;
            action.items = rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?;
        }
        Ok(actions)
    }

    pub async fn action(&self, id: i64) -> Result<Option<ActionRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM actions WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        let action = row.as_ref().map(from_row).transpose()?;
        Ok(self.with_items(action.into_iter().collect()).await?.pop())
    }

    /// A committee's actions, by due date.
    pub async fn actions(&self, committee_id: i64) -> Result<Vec<ActionRecord>, DbError> {
        let sql = format!("SELECT {COLUMNS} FROM actions WHERE committee_id = $1 ORDER BY due_on, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(committee_id).fetch_all(&self.pool).await?;
        self.with_items(rows.iter().map(from_row).collect::<Result<_, _>>()?).await
    }

    /// Actions answering a concern directly or through an issue grouping it.
    pub async fn actions_for_concern(&self, concern_id: i64) -> Result<Vec<ActionRecord>, DbError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM actions WHERE id IN (SELECT action_id FROM action_items WHERE item = $1 \
             UNION SELECT a.action_id FROM action_items a JOIN issue_concerns i ON a.item = 'issue:' || i.issue_id \
             WHERE i.concern_id = $2) ORDER BY due_on, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(format!("concern:{concern_id}"))
            .bind(concern_id)
            .fetch_all(&self.pool)
            .await?;
        self.with_items(rows.iter().map(from_row).collect::<Result<_, _>>()?).await
    }

    /// The concerns an action answers: named on their own, or through an issue.
    pub async fn concerns_of_action(&self, action: &ActionRecord) -> Result<Vec<i64>, DbError> {
        let mut ids: Vec<i64> =
            action.items.iter().filter_map(|item| item.strip_prefix("concern:")?.parse().ok()).collect();
        let rows = sqlx::query(
            "SELECT i.concern_id FROM action_items a JOIN issue_concerns i ON a.item = 'issue:' || i.issue_id \
             WHERE a.action_id = $1",
        )
        .bind(action.id)
        .fetch_all(&self.pool)
        .await?;
        for row in &rows {
            ids.push(row.try_get(0)?);
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    pub async fn action_updates(&self, action_id: i64) -> Result<Vec<ActionUpdate>, DbError> {
        let rows = sqlx::query("SELECT status, body, created_at FROM action_updates WHERE action_id = $1 ORDER BY id")
            .bind(action_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ActionUpdate {
                    status: status(&r.try_get::<String, _>(0)?)?,
                    body: r.try_get(1)?,
                    created_at: r.try_get(2)?,
                })
            })
            .collect()
    }

    /// `(better, disputed)` verdicts of an action.
    pub async fn confirmations(&self, action_id: i64) -> Result<(i64, i64), DbError> {
        let row = sqlx::query(
            "SELECT COALESCE(SUM(CASE WHEN verdict = 'better' THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN verdict = 'disputed' THEN 1 ELSE 0 END), 0) FROM confirmations WHERE action_id = $1",
        )
        .bind(action_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }
}

impl crate::Tx {
    pub async fn create_action(&mut self, action: &NewAction<'_>, now_ms: i64) -> Result<i64, DbError> {
        let partners: Vec<String> = action.partners.iter().map(i64::to_string).collect();
        let row = sqlx::query(
            "INSERT INTO actions (committee_id, title, owner_id, partners, due_on, status, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, 'planned', $6, $6, 0) RETURNING id",
        )
        .bind(action.committee_id)
        .bind(action.title)
        .bind(action.owner_id)
        .bind(partners.join(" "))
        .bind(day_number(action.due_on))
        .bind(now_ms)
        .fetch_one(self.conn())
        .await?;
        let id: i64 = row.try_get(0)?;
        for item in action.items {
            sqlx::query("INSERT INTO action_items (action_id, item) VALUES ($1, $2)")
                .bind(id)
                .bind(item)
                .execute(self.conn())
                .await
                .map_err(DbError::from_insert)?;
        }
        Ok(id)
    }

    /// Moves an action to `status` if still at `version`, with a dated update.
    pub async fn update_action(
        &mut self,
        action: &ActionRecord,
        status: ActionStatus,
        body: &str,
        actor_id: Option<i64>,
        now_ms: i64,
    ) -> Result<(), DbError> {
        let changed = sqlx::query(
            "UPDATE actions SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4",
        )
        .bind(status.as_str())
        .bind(now_ms)
        .bind(action.id)
        .bind(action.version)
        .execute(self.conn())
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(DbError::Conflict);
        }
        sqlx::query(
            "INSERT INTO action_updates (action_id, status, body, actor_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(action.id)
        .bind(status.as_str())
        .bind(body)
        .bind(actor_id)
        .bind(now_ms)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Records a verdict; a resident (by concern) or member confirms once per action.
    pub async fn confirm_action(
        &mut self,
        action_id: i64,
        concern_id: Option<i64>,
        member_id: Option<i64>,
        verdict: Verdict,
        now_ms: i64,
    ) -> Result<bool, DbError> {
        let seen = sqlx::query(
            "SELECT COUNT(*) FROM confirmations WHERE action_id = $1 AND \
             (($2 IS NOT NULL AND concern_id = $2) OR ($3 IS NOT NULL AND member_id = $3))",
        )
        .bind(action_id)
        .bind(concern_id)
        .bind(member_id)
        .fetch_one(self.conn())
        .await?
        .try_get::<i64, _>(0)?;
        if seen > 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO confirmations (action_id, concern_id, member_id, verdict, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(action_id)
        .bind(concern_id)
        .bind(member_id)
        .bind(verdict.as_str())
        .bind(now_ms)
        .execute(self.conn())
        .await?;
        Ok(true)
    }
}
