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

type Reply = oneshot::Sender<Result<i64, DbError>>;

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
        tokio::spawn(write_batches(db, receiver));
        Intake { sender }
    }

    /// Stores a concern and returns its id once it is durably committed.
    pub async fn submit(&self, concern: StoredConcern) -> Result<i64, DbError> {
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
    while receiver.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match insert_all(&db, &batch).await {
            Ok(ids) => {
                for ((_, reply), id) in batch.drain(..).zip(ids) {
                    let _ = reply.send(Ok(id));
                }
            }
            // One bad row must not fail its neighbours: retry each alone.
            Err(error) => {
                tracing::warn!(%error, size = batch.len(), "intake batch failed; retrying one by one");
                for (concern, reply) in batch.drain(..) {
                    let _ = reply.send(Db::insert_concern(&db.pool, &concern).await);
                }
            }
        }
    }
}

async fn insert_all(db: &Db, batch: &[(StoredConcern, Reply)]) -> Result<Vec<i64>, DbError> {
    let mut tx = db.pool.begin().await?;
    let mut ids = Vec::with_capacity(batch.len());
    for (concern, _) in batch {
        ids.push(Db::insert_concern(&mut *tx, concern).await?);
    }
    tx.commit().await?;
    Ok(ids)
}
