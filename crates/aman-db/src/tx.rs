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

#[cfg(test)]
mod tests {
    use crate::Audit;
    use crate::intake::tests::fresh_db;
    use aman_core::area::Pcode;
    use aman_core::audit::AuditEvent;

    fn event(action: &str) -> AuditEvent {
        AuditEvent { at_ms: 1, actor_id: None, action: action.into(), subject: "committee".into(), detail: "".into() }
    }

    /// A change and its audit entry commit together, or neither does.
    #[tokio::test]
    async fn a_change_and_its_audit_entry_commit_together_or_not_at_all() {
        let (_dir, db) = fresh_db().await;
        let basra = Pcode::parse("IQG02").expect("pcode");
        let key = [7u8; 32];

        let mut tx = db.begin().await.expect("begin");
        let dropped = tx.create_committee(&basra, "Dropped", "{}", 1).await.expect("create");
        tx.audit(Audit { key: &key, event: event("committee.create") }).await.expect("audit");
        drop(tx);
        assert_eq!(db.committee(dropped).await.expect("read"), None);
        assert!(db.audit_chain().await.expect("chain").0.is_empty());

        let kept = db
            .write(async |tx| {
                let id = tx.create_committee(&basra, "Kept", "{}", 1).await?;
                tx.audit(Audit { key: &key, event: event("committee.create") }).await?;
                Ok(id)
            })
            .await
            .expect("write");
        assert_eq!(db.committee(kept).await.expect("read").map(|c| c.name), Some("Kept".to_owned()));
        assert_eq!(db.audit_chain().await.expect("chain").0.len(), 1);

        // An error inside `write` rolls back what came before it.
        let failed = db
            .write(async |tx| {
                tx.create_committee(&basra, "Failed", "{}", 1).await?;
                Err::<(), _>(crate::DbError::Conflict)
            })
            .await;
        assert!(matches!(failed, Err(crate::DbError::Conflict)));
        assert_eq!(db.committees("IQG02").await.expect("list").len(), 1);
    }
}
