//! The operator's commands on a database: retention, audit verification,
//! copies between backends, backups and restores.

use crate::keyfile::load_keys;
use crate::moving::{copy_into, progress_bar, show_progress};
use crate::{DbArg, KeyArg, now_ms, open, open_as_is, redact};
use aman_db::Db;
use anyhow::{Context, bail};
use std::path::Path;

pub async fn retention(db: &DbArg, keys: &KeyArg, retention_days: i64) -> anyhow::Result<()> {
    let keys = load_keys(&keys.path)?;
    let db = open(&db.url).await?;
    aman_app::check_keys(&db, &keys).await?;
    let purged = aman_app::jobs::purge_identities(&db, &keys, now_ms(), retention_days).await?;
    println!("erased the contact details and exact points of {purged} concerns closed over {retention_days} days ago");
    Ok(())
}

pub async fn verify_audit(db: &DbArg, keys: &KeyArg, checkpoint: &Path) -> anyhow::Result<()> {
    let keys = load_keys(&keys.path)?;
    let db = open_as_is(&db.url).await?;
    let count = verify_chain(&db, &keys).await?;
    match aman_app::checkpoint::check(&db, &keys, checkpoint).await? {
        Some(reached) => {
            println!("audit log intact: {count} entries (it reaches the checkpoint at entry {})", reached.seq)
        }
        None => {
            println!("audit log intact: {count} entries");
            eprintln!(
                "note: no audit checkpoint at {} (servers write one there); without it a log rolled back to an older copy cannot be told apart",
                checkpoint.display()
            );
        }
    }
    Ok(())
}

/// Accepts the log as it is: verified whole, then a new checkpoint, and an
/// audit entry saying so.
pub async fn accept_audit(db: &DbArg, keys: &KeyArg, checkpoint: &Path) -> anyhow::Result<()> {
    let keys = load_keys(&keys.path)?;
    let db = open(&db.url).await?;
    aman_app::check_keys(&db, &keys).await?;
    let before = aman_app::checkpoint::check(&db, &keys, checkpoint).await;
    verify_chain(&db, &keys).await?;
    let detail = match &before {
        Ok(Some(old)) => format!("checkpoint was at entry {}", old.seq),
        Ok(None) => "no checkpoint before".to_owned(),
        Err(problem) => problem.to_string(),
    };
    crate::record(&db, &keys, "audit.checkpoint_reset", "audit_log", &detail).await?;
    let seq = aman_app::checkpoint::reset(&db, &keys, checkpoint).await?;
    println!("audit checkpoint {} now names entry {seq} ({detail})", checkpoint.display());
    Ok(())
}

/// Verifies the whole chain; the number of entries.
async fn verify_chain(db: &Db, keys: &aman_core::secrets::Keys) -> anyhow::Result<usize> {
    let (entries, (seq, hash, mac)) = db.audit_chain().await?;
    // A deployment that never started has an unsealed, empty log; once a
    // server has started, the head is always sealed.
    let started = db.key_check("receipt").await?.is_some();
    if !started && seq == 0 && mac.is_empty() && entries.is_empty() {
        // Accounts and concerns are never created without an audit entry.
        if db.holds_records().await? {
            bail!("audit log broken: it is empty but the database holds accounts or concerns (the log was wiped)");
        }
        println!("audit log empty: no server has used this database yet");
        return Ok(0);
    }
    aman_core::audit::verify(&keys.audit_key(), &entries, Some((seq, hash.as_str(), mac.as_str())))
        .map_err(|problem| anyhow::anyhow!("audit log broken: {problem}"))
}

pub async fn copy(from: &str, to: &str, overwrite: bool) -> anyhow::Result<()> {
    let source = open_as_is(from).await?;
    let target = open(to).await?;
    let copied = copy_into(&source, &target, overwrite).await?;
    println!("copied {copied} rows from {} to {}", redact(from), redact(to));
    Ok(())
}

pub async fn backup(db: &DbArg, to: &Path) -> anyhow::Result<()> {
    let source = open_as_is(&db.url).await?;
    let bar = progress_bar();
    let result = aman_db::copy::backup(&source, to, now_ms(), &mut show_progress(&bar)).await;
    bar.finish_and_clear();
    result.with_context(|| format!("cannot write backup {}", to.display()))?;
    println!("backup written to {}", to.display());
    Ok(())
}

pub async fn restore(from: &Path, db: &DbArg, overwrite: bool) -> anyhow::Result<()> {
    if !from.is_file() {
        bail!("no backup file at {}", from.display());
    }
    let url = format!("sqlite://{}?mode=ro", from.display());
    let source = Db::connect(&url).await.with_context(|| format!("cannot open backup {}", from.display()))?;
    let target = open(&db.url).await?;
    let copied = copy_into(&source, &target, overwrite).await?;
    println!("restored {copied} rows from {} into {}", from.display(), redact(&db.url));
    println!(
        "the audit log is now the backup's: servers will refuse to start until you accept it with `aman audit checkpoint`"
    );
    Ok(())
}
