//! Scheduled jobs. Every server runs the same loop; a job runs once per time
//! slot across all servers sharing the database, because running it requires
//! claiming the slot (`Db::claim_job`). A claim not finished within its lease
//! (the server died mid-run) is taken over, so jobs must be idempotent.

use crate::App;
use aman_core::audit::AuditEvent;
use aman_core::secrets::Keys;
use aman_db::{Audit, Db, DbError};
use std::time::Duration;

pub struct Job {
    pub name: &'static str,
    pub period_ms: i64,
    pub lease_ms: i64,
}

/// Every scheduled job.
pub const JOBS: [Job; 4] = [
    Job { name: "expire_sessions", period_ms: 10 * 60_000, lease_ms: 5 * 60_000 },
    Job { name: "retention", period_ms: 6 * 3_600_000, lease_ms: 30 * 60_000 },
    Job { name: "alerts", period_ms: 3_600_000, lease_ms: 30 * 60_000 },
    Job { name: "referrals", period_ms: 3_600_000, lease_ms: 30 * 60_000 },
];

/// Runs each job whose current slot nobody has claimed; returns what this
/// worker ran as `(job, slot)`.
pub async fn run_due(state: &App, worker: &str) -> Vec<(&'static str, i64)> {
    let mut ran = Vec::new();
    for job in &JOBS {
        let period = state.settings().job_period_ms.unwrap_or(job.period_ms).max(1);
        let lease = job.lease_ms.min(period);
        let now = state.now_ms();
        let slot = now / period;
        match state.db().claim_job(job.name, slot, worker, lease, now).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(error) => {
                tracing::warn!(job = job.name, %error, "cannot claim job");
                continue;
            }
        }
        let (outcome, result) = match run(state, job.name).await {
            Ok(outcome) => (outcome, "ok"),
            Err(error) => (format!("failed: {error}"), "failed"),
        };
        metrics::counter!("aman_job_runs_total", "job" => job.name, "result" => result).increment(1);
        tracing::info!(job = job.name, slot, worker, outcome, "job finished");
        if let Err(error) = state.db().finish_job(job.name, slot, worker, &outcome, state.now_ms()).await {
            tracing::warn!(job = job.name, %error, "cannot record job");
        }
        ran.push((job.name, slot));
    }
    ran
}

async fn run(state: &App, job: &str) -> Result<String, aman_db::DbError> {
    match job {
        "expire_sessions" => {
            let settings = state.settings();
            let idle = settings.session_idle_minutes * 60_000;
            let absolute = settings.session_absolute_hours * 3_600_000;
            let deleted = state.db().delete_expired_sessions(idle, absolute, state.now_ms()).await?;
            // Text-message conversations left idle are forgotten too.
            let forgotten = state.db().forget_sms_conversations(state.now_ms() - crate::sms::IDLE_MS).await?;
            Ok(format!("deleted {deleted} sessions, forgot {forgotten} text conversations"))
        }
        "retention" => {
            let purged =
                purge_identities(state.db(), state.keys(), state.now_ms(), state.settings().retention_days).await?;
            Ok(format!("purged identities of {purged} concerns"))
        }
        "alerts" => Ok(crate::alerts::run(state).await?.to_string()),
        "referrals" => Ok(format!("escalated {} referrals", crate::referrals::escalate(state).await?)),
        other => Ok(format!("unknown job {other}")),
    }
}

/// Erases contact details and exact points of concerns closed longer ago
/// than the retention period, recording each erasure in the audit log.
/// The erasures and their audit entries commit together.
pub async fn purge_identities(db: &Db, keys: &Keys, now_ms: i64, retention_days: i64) -> Result<usize, DbError> {
    let mut tx = db.begin().await?;
    let purged = tx.purge_identities(now_ms - retention_days * 86_400_000).await?;
    let key = keys.audit_key();
    for id in &purged {
        let event = AuditEvent {
            at_ms: now_ms,
            actor_id: None,
            action: "retention.purge".to_owned(),
            subject: format!("concern:{id}"),
            detail: format!("contact, exact point and photos erased {retention_days} days after closing"),
        };
        tx.audit(Audit { key: &key, event }).await?;
    }
    tx.commit().await?;
    Ok(purged.len())
}

/// The loop each server runs until shutdown.
pub async fn run_forever(state: App, worker: String) {
    let tick =
        Duration::from_millis(state.settings().job_period_ms.map_or(30_000, |p| (p / 4).clamp(50, 30_000)) as u64);
    loop {
        run_due(&state, &worker).await;
        if let Some(path) = &state.settings().audit_checkpoint
            && let Err(problem) = crate::checkpoint::advance(state.db(), state.keys(), path).await
        {
            tracing::error!("the audit checkpoint was not moved on: {problem}");
        }
        tokio::time::sleep(tick).await;
    }
}
