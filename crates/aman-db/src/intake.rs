//! Durable intake with group commit.
//!
//! With `synchronous=FULL` every SQLite commit waits for an fsync, which caps
//! one-row transactions at a few thousand a second. [`Intake`] is a single
//! writer task: it takes every submission waiting in its queue (up to
//! `MAX_BATCH`), inserts them in one transaction, commits once, and only then
//! answers each submitter. A concern is acknowledged only after the commit
//! that holds it, so nothing acknowledged is lost, and under load one fsync
//! carries many concerns.

use crate::{Db, DbError, StoredConcern};
use tokio::sync::{mpsc, oneshot};

const MAX_BATCH: usize = 256;
const QUEUE: usize = 4096;

type Reply = oneshot::Sender<Result<(), DbError>>;
/// Parameters bound per concern; a full batch binds 256 × 13 = 3,328, well
/// below SQLite's (32,766) and PostgreSQL's (65,535) limits.
const PARAMETERS_PER_ROW: usize = 13;

/// A handle to the intake writer; cheap to clone.
#[derive(Clone)]
pub struct Intake {
    sender: mpsc::Sender<(StoredConcern, Reply)>,
}

impl Intake {
    /// Starts the writer on the current tokio runtime. It stops when every
    /// handle is dropped.
    pub fn start(db: Db) -> Intake {
        let (sender, receiver) = mpsc::channel(QUEUE);
        if db.backend == crate::Backend::Sqlite {
            tokio::spawn(checkpoint_periodically(db.clone(), sender.downgrade()));
        }
        tokio::spawn(write_batches(db, receiver));
        Intake { sender }
    }

    /// Stores a concern; returns once it is durably committed.
    pub async fn submit(&self, concern: StoredConcern) -> Result<(), DbError> {
        let (reply, answer) = oneshot::channel();
        self.sender.send((concern, reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}

fn closed() -> DbError {
    DbError::Sqlx(sqlx::Error::PoolClosed)
}

async fn write_batches(db: Db, mut receiver: mpsc::Receiver<(StoredConcern, Reply)>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // The writer keeps one connection for itself: taking one from the pool for
    // every batch costs a round trip that, under load, rivals the fsync.
    let mut connection: Option<sqlx::pool::PoolConnection<sqlx::Any>> = None;
    while receiver.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let started = std::time::Instant::now();
        let result = match connection.as_mut() {
            Some(conn) => insert_all(conn, &batch).await,
            None => match writer_connection(&db).await {
                Ok(conn) => insert_all(connection.insert(conn), &batch).await,
                Err(error) => Err(error),
            },
        };
        tracing::debug!(size = batch.len(), micros = started.elapsed().as_micros() as u64, "intake batch");
        match result {
            Ok(()) => {
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Ok(()));
                }
            }
            // One bad row must not fail its neighbours: retry each alone, on
            // a fresh connection in case the old one broke. The batch may
            // have committed although its answer was lost (a connection cut
            // during COMMIT): a concern already stored is answered as stored,
            // never inserted twice.
            Err(error) => {
                tracing::warn!(%error, size = batch.len(), "intake batch failed; retrying one by one");
                // Closed, not returned to the pool: on SQLite a statement that
                // failed after its trigger wrote to the trigram index leaves
                // the connection reading an old snapshot, and the next
                // write through it would fail (SQLITE_BUSY_SNAPSHOT).
                if let Some(broken) = connection.take() {
                    let _ = broken.close().await;
                }
                for (concern, reply) in batch.drain(..) {
                    let outcome = match db.concern_stored(&concern).await {
                        Ok(true) => Ok(()),
                        Ok(false) => Db::insert_concern(&db.pool, &concern).await.map(|_| ()),
                        Err(error) => Err(error),
                    };
                    let _ = reply.send(outcome);
                }
            }
        }
    }
}

/// The writer's own connection. On SQLite it does not checkpoint the WAL
/// itself (that would put a database-file fsync into some unlucky batch);
/// `checkpoint_periodically` does it beside the intake.
async fn writer_connection(db: &Db) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, DbError> {
    let mut conn = db.pool.acquire().await?;
    if db.backend == crate::Backend::Sqlite {
        sqlx::Executor::execute(&mut *conn, "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864")
            .await?;
    }
    Ok(conn)
}

/// Copies the WAL back into the database file twice a second, without
/// blocking writers, for as long as the intake exists.
async fn checkpoint_periodically(db: Db, intake: mpsc::WeakSender<(StoredConcern, Reply)>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
    while intake.upgrade().is_some() {
        tick.tick().await;
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&db.pool).await {
            tracing::warn!(%error, "WAL checkpoint failed");
        }
    }
}

/// Inserts a whole batch with one multi-row INSERT: a single statement is
/// atomic on its own, so the batch costs one round trip to the database and
/// one commit (with its fsync), however many concerns it carries.
async fn insert_all(conn: &mut sqlx::AnyConnection, batch: &[(StoredConcern, Reply)]) -> Result<(), DbError> {
    let rows: Vec<String> = (0..batch.len())
        .map(|r| {
            let p = |i: usize| r * PARAMETERS_PER_ROW + i;
            format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, 'submitted', ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                p(1),
                p(2),
                p(3),
                p(4),
                p(5),
                p(6),
                p(7),
                p(8),
                p(9),
                p(9),
                p(10),
                p(11),
                p(12),
                p(13)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO concerns (receipt_hash, category, description, area, occurred_on, language, status, \
         contact_sealed, point_sealed, submitted_at, updated_at, search_text, channel, consent, flagged) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (concern, _) in batch {
        query = query
            .bind(&concern.receipt_hash)
            .bind(concern.category.as_str())
            .bind(&concern.description)
            .bind(concern.area.as_str())
            .bind(crate::day_number(concern.occurred_on))
            .bind(&concern.language)
            .bind(concern.contact_sealed.as_deref())
            .bind(concern.point_sealed.as_deref())
            .bind(concern.submitted_at)
            .bind(aman_core::text::normalise(&concern.description))
            .bind(concern.channel.as_str())
            .bind(concern.consent.as_deref())
            .bind(i64::from(concern.flagged));
    }
    query.execute(conn).await.map_err(DbError::from_insert)?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use aman_core::area::Pcode;
    use aman_core::category::Category;

    pub(crate) fn concern(receipt_hash: &str) -> StoredConcern {
        StoredConcern {
            receipt_hash: receipt_hash.to_owned(),
            category: Category::Crime,
            description: "A concern written by the intake test.".to_owned(),
            area: Pcode::parse("IQG02").expect("pcode"),
            occurred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            language: "ar".to_owned(),
            contact_sealed: None,
            point_sealed: Some(vec![1, 2, 3]),
            submitted_at: 1,
            channel: aman_core::concern::Channel::Web,
            consent: None,
            flagged: false,
        }
    }

    /// A migrated SQLite database with one area (Basra).
    pub(crate) async fn fresh_db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::TempDir::new().expect("dir");
        let db = Db::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.expect("db");
        db.migrate(0).await.expect("migrate");
        let area = aman_geo::AreaRecord {
            pcode: "IQG02".into(),
            level: 1,
            parent: None,
            name_ar: "البصرة".into(),
            name_en: "Al-Basrah".into(),
            geometry: r#"{"type":"Polygon","coordinates":[[[47,30],[48,30],[48,31],[47,30]]]}"#.into(),
            inner_point: (30.2, 47.7),
        };
        db.upsert_areas(&[area]).await.expect("area");
        (dir, db)
    }

    #[tokio::test]
    async fn batches_commit_together_and_a_bad_row_fails_alone() {
        let (_dir, db) = fresh_db().await;
        let intake = Intake::start(db.clone());
        let mut tasks = Vec::new();
        for i in 0..100 {
            let intake = intake.clone();
            // Two submissions share a receipt hash: exactly one may be stored.
            let hash = if i == 99 { "hash-0".to_owned() } else { format!("hash-{i}") };
            let mut concern = concern(&hash);
            concern.description = format!("{} Number {i}.", concern.description);
            tasks.push(tokio::spawn(async move { intake.submit(concern).await }));
        }
        let mut duplicates = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(()) => {}
                Err(DbError::Duplicate) => duplicates += 1,
                Err(other) => panic!("{other}"),
            }
        }
        assert_eq!(duplicates, 1);
        assert_eq!(db.count_concerns().await.expect("count"), 99);
    }

    /// A batch whose COMMIT went through but whose answer was lost looks,
    /// to the writer, like a failed batch whose rows are nevertheless there:
    /// they must be answered as stored, not inserted again.
    #[tokio::test]
    async fn a_concern_already_committed_is_not_stored_twice() {
        let (_dir, db) = fresh_db().await;
        let committed = concern("hash-committed");
        db.store_concern(&committed).await.expect("first commit");
        let intake = Intake::start(db.clone());
        intake.submit(committed).await.expect("answered as stored");
        let mut other = concern("hash-committed");
        other.description = "Another concern that happens to draw the same receipt.".into();
        assert!(matches!(intake.submit(other).await, Err(DbError::Duplicate)));
        assert_eq!(db.count_concerns().await.expect("count"), 1);
    }
}
