//! A unit of work: one transaction that an application operation opens,
//! fills with its changes and their audit entries, and commits at once.
//! Dropped without [`Tx::commit`], it rolls back: nothing half-written.

use crate::audit::{Audit, append_in};
use crate::{Db, DbError};

pub struct Tx {
    pub(crate) inner: sqlx::Transaction<'static, sqlx::Any>,
}

impl Db {
    /// Opens a transaction.
    pub async fn begin(&self) -> Result<Tx, DbError> {
        Ok(Tx { inner: self.pool.begin().await? })
    }

    /// Runs `work` in a transaction of its own and commits it if it succeeds.
    pub async fn write<T>(&self, work: impl AsyncFnOnce(&mut Tx) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut tx = self.begin().await?;
        let value = work(&mut tx).await?;
        tx.commit().await?;
        Ok(value)
    }
}

impl Tx {
    /// Appends an event to the audit log, committed with everything else in
    /// this transaction or not at all.
    pub async fn audit(&mut self, audit: Audit<'_>) -> Result<i64, DbError> {
        append_in(&mut self.inner, audit).await
    }

    pub async fn commit(self) -> Result<(), DbError> {
        Ok(self.inner.commit().await?)
    }

    /// The connection to run a statement on, inside this transaction.
    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.inner
    }
}
