//! Claims for scheduled jobs, so that several servers sharing one database run
//! each job once per time slot. Claiming is a plain insert on a unique key,
//! which both backends make atomic; a claim left unfinished past its lease
//! (the server died) can be taken over by another server.

use crate::{Db, DbError};
use sqlx::Row;

impl Db {
    /// Tries to claim `slot` of `job` for `worker`. True means: run it now.
    pub async fn claim_job(
        &self,
        job: &str,
        slot: i64,
        worker: &str,
        lease_ms: i64,
        now_ms: i64,
    ) -> Result<bool, DbError> {
        let key = format!("{job}:{slot}");
        let inserted = sqlx::query(
            "INSERT INTO job_runs (run_key, job, slot, claimed_by, claimed_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (run_key) DO NOTHING",
        )
        .bind(&key)
        .bind(job)
        .bind(slot)
        .bind(worker)
        .bind(now_ms)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(true);
        }
        let taken_over = sqlx::query(
            "UPDATE job_runs SET claimed_by = $1, claimed_at = $2 \
             WHERE run_key = $3 AND finished_at IS NULL AND claimed_at < $4",
        )
        .bind(worker)
        .bind(now_ms)
        .bind(&key)
        .bind(now_ms - lease_ms)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(taken_over == 1)
    }

    /// Records that `worker` finished its claimed slot.
    pub async fn finish_job(
        &self,
        job: &str,
        slot: i64,
        worker: &str,
        outcome: &str,
        now_ms: i64,
    ) -> Result<(), DbError> {
        sqlx::query("UPDATE job_runs SET finished_at = $1, outcome = $2 WHERE run_key = $3 AND claimed_by = $4")
            .bind(now_ms)
            .bind(outcome)
            .bind(format!("{job}:{slot}"))
            .bind(worker)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// `(slot, claimed_by, finished)` for each run of `job`, oldest first.
    pub async fn job_runs(&self, job: &str) -> Result<Vec<(i64, String, bool)>, DbError> {
        let rows = sqlx::query("SELECT slot, claimed_by, finished_at FROM job_runs WHERE job = $1 ORDER BY slot")
            .bind(job)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get::<Option<i64>, _>(2)?.is_some()))).collect()
    }

    /// Ends sessions idle longer than `idle_ms` or older than `absolute_ms`.
    pub async fn delete_expired_sessions(&self, idle_ms: i64, absolute_ms: i64, now_ms: i64) -> Result<u64, DbError> {
        Ok(sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(now_ms - idle_ms)
            .bind(now_ms - absolute_ms)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
