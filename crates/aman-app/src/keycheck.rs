//! The key file belongs to its database: the first start records a MAC of
//! the receipt key and a value sealed under the data key; every later start
//! must reproduce the one and open the other.

use aman_core::secrets::Keys;
use aman_db::Db;

const KEY_CANARY_CONTEXT: &str = "aman:key-canary";

/// Refuses a key file that does not belong to this database.
pub async fn check_keys(db: &Db, keys: &Keys) -> Result<(), LoadError> {
    let check = keys.receipt_key_check();
    if db.record_key_check("receipt", &check).await? {
        let genesis = aman_core::audit::head_mac(&keys.audit_key(), 0, aman_core::audit::GENESIS);
        db.seal_audit_genesis(&genesis).await?;
    } else if db.key_check("receipt").await?.as_deref() != Some(check.as_str()) {
        return Err(LoadError::WrongKeys("its receipt key is not the one this database was set up with".into()));
    }
    let canary = hex::encode(keys.seal(KEY_CANARY_CONTEXT, b"aman", crate::random()));
    if db.record_key_check("canary", &canary).await? {
        return Ok(());
    }
    let stored = db.key_check("canary").await?.unwrap_or_default();
    let sealed = hex::decode(stored).map_err(|_| LoadError::WrongKeys("the stored key check is unreadable".into()))?;
    match keys.open(KEY_CANARY_CONTEXT, &sealed) {
        Ok(_) => Ok(()),
        Err(aman_core::secrets::SecretError::UnknownKey(id)) => {
            Err(LoadError::WrongKeys(format!("it lacks data key {id}, which sealed this database's data")))
        }
        Err(_) => Err(LoadError::WrongKeys("its data key cannot open this database's sealed data".into())),
    }
}

/// After a rotation: the canary is re-sealed under the new current key.
pub async fn reseal_key_canary(db: &Db, keys: &Keys, nonce: [u8; 24]) -> Result<(), aman_db::DbError> {
    db.replace_key_check("canary", &hex::encode(keys.seal(KEY_CANARY_CONTEXT, b"aman", nonce))).await
}

/// Why the application cannot start on this database.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "the key file does not belong to this database: {0}. Start with the key file this database was created with"
    )]
    WrongKeys(String),
    #[error("{0}")]
    Db(#[from] aman_db::DbError),
    #[error("the database holds no areas: run `aman import areas DIR` (or `aman demo`) first")]
    NoAreas,
    #[error("stored areas are unreadable: {0}")]
    BadAreas(String),
}
