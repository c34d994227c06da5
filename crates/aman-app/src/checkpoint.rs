//! The audit log's checkpoint, kept apart from the database (beside the key
//! file unless told otherwise). The log's own head is sealed, so a log cut
//! short inside the database is caught; a whole database rolled back to an
//! older copy, or wiped, is not, because its head is sealed too. The
//! checkpoint is caught up with the head by every server (at start and then
//! by the job loop) and only ever moves forward: a log that no longer
//! reaches it, or reaches it by another path, stops the server from starting
//! and fails `aman audit verify`.

use aman_core::audit::{AuditProblem, Checkpoint, head_mac};
use aman_core::secrets::Keys;
use aman_db::{Db, DbError};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("audit log broken: {0}")]
    Broken(AuditProblem),
    #[error("the audit checkpoint {0} is not a checkpoint written by Aman")]
    Unreadable(PathBuf),
    #[error("cannot read or write the audit checkpoint {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The checkpoint file's default place: beside the key file.
pub fn default_path(key_file: &Path) -> PathBuf {
    key_file.with_extension("audit-checkpoint")
}

fn read(path: &Path) -> Result<Option<Checkpoint>, CheckpointError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Checkpoint::parse(&text).map(Some).ok_or_else(|| CheckpointError::Unreadable(path.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CheckpointError::Io(path.to_owned(), e)),
    }
}

/// Checks the log against the checkpoint at `path`: `Ok(None)` when there is
/// none yet, else the checkpoint the log still reaches.
pub async fn check(db: &Db, keys: &Keys, path: &Path) -> Result<Option<Checkpoint>, CheckpointError> {
    let Some(checkpoint) = read(path)? else { return Ok(None) };
    let (last, _, _) = db.audit_head().await?;
    let hash = db.audit_hash_at(checkpoint.seq).await?;
    checkpoint.check(&keys.audit_key(), last, hash.as_deref()).map_err(CheckpointError::Broken)?;
    Ok(Some(checkpoint))
}

/// Moves the checkpoint up to the log's sealed head, after checking the log
/// against the one there is; returns the entry it now names.
pub async fn advance(db: &Db, keys: &Keys, path: &Path) -> Result<i64, CheckpointError> {
    let current = check(db, keys, path).await?;
    let key = keys.audit_key();
    let (seq, hash, mac) = db.audit_head().await?;
    if head_mac(&key, seq, &hash) != mac {
        return Err(CheckpointError::Broken(AuditProblem::BadHeadSeal));
    }
    if seq > 0 && db.audit_hash_at(seq).await?.as_deref() != Some(hash.as_str()) {
        return Err(CheckpointError::Broken(AuditProblem::BadHead { expected: seq, found: seq - 1 }));
    }
    if current.is_some_and(|c| c.seq >= seq) {
        return Ok(seq);
    }
    write(path, &Checkpoint::seal(&key, seq, &hash))?;
    Ok(seq)
}

/// Replaces the checkpoint with one naming the log's head as it is now,
/// whatever the old one said (after a backup was restored on purpose). The
/// caller has verified the whole log first.
pub async fn reset(db: &Db, keys: &Keys, path: &Path) -> Result<i64, CheckpointError> {
    let (seq, hash, _) = db.audit_head().await?;
    write(path, &Checkpoint::seal(&keys.audit_key(), seq, &hash))?;
    Ok(seq)
}

/// Writes the file whole or not at all: a sibling file, flushed, renamed over.
fn write(path: &Path, checkpoint: &Checkpoint) -> Result<(), CheckpointError> {
    use std::io::Write;
    let io = |e| CheckpointError::Io(path.to_owned(), e);
    let partial = path.with_extension(format!("partial-{}", hex::encode(crate::random::<4>())));
    let mut file = std::fs::File::create(&partial).map_err(io)?;
    file.write_all(checkpoint.to_line().as_bytes()).and_then(|()| file.sync_all()).map_err(io)?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        io(e)
    })
}
