//! The key file: creating, reading and atomically replacing it, and rotating
//! its data key (re-encrypting every sealed field).

use aman_app::random;
use aman_core::secrets::{self, Keys};
use aman_db::Db;
use anyhow::Context;
use std::path::Path;

/// Adds a new data key, makes it current, re-encrypts every sealed field and
/// records the rotation; with `drop_old`, removes the old keys from the file.
pub async fn rotate(path: &Path, db: &Db, drop_old: bool) -> anyhow::Result<()> {
    let keys = load_keys(path)?;
    aman_app::check_keys(db, &keys).await?;
    let rotated = keys.with_new_data_key(random());
    write_key_file(path, &rotated)?;
    let resealed = reseal_all(db, &rotated).await?;
    aman_app::reseal_key_canary(db, &rotated, random()).await?;
    let subject = format!("data_key:{}", rotated.current_data_key_id());
    crate::record(db, &rotated, "keys.rotate", &subject, &format!("{resealed} concerns re-encrypted")).await?;
    if drop_old {
        write_key_file(path, &rotated.without_old_data_keys())?;
    }
    println!(
        "data key {} is now current; {resealed} concerns re-encrypted{}",
        rotated.current_data_key_id(),
        if drop_old { "; old data keys removed from the file" } else { "" }
    );
    Ok(())
}

pub fn create_key_file(path: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create key file {}", path.display()))?;
    file.write_all(Keys::generate(random()).to_json().as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Replaces a key file atomically: a new file beside it, synced, renamed over.
pub fn write_key_file(path: &Path, keys: &Keys) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let temporary = path.with_extension("new");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    file.write_all(keys.to_json().as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// Re-encrypts every sealed field not yet under the current data key; safe to
/// run again after an interruption.
pub async fn reseal_all(db: &Db, keys: &Keys) -> anyhow::Result<u64> {
    let current = keys.current_data_key_id();
    let stale = |sealed: &Option<Vec<u8>>| sealed.as_deref().is_some_and(|s| Keys::sealed_key_id(s) != Some(current));
    let mut after = 0;
    let mut count = 0;
    loop {
        let page = db.sealed_fields(after, 500).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut changed = Vec::new();
        for mut fields in page {
            if !stale(&fields.contact_sealed) && !stale(&fields.point_sealed) {
                continue;
            }
            let hash = fields.receipt_hash.clone();
            if let Some(sealed) = fields.contact_sealed.as_mut().filter(|s| Keys::sealed_key_id(s) != Some(current)) {
                *sealed = keys.reseal(&secrets::contact_context(&hash), sealed, random())?;
            }
            if let Some(sealed) = fields.point_sealed.as_mut().filter(|s| Keys::sealed_key_id(s) != Some(current)) {
                *sealed = keys.reseal(&secrets::point_context(&hash), sealed, random())?;
            }
            changed.push(fields);
        }
        count += changed.len() as u64;
        db.reseal(&changed).await?;
    }
    let mut totp = Vec::new();
    for (id, sealed) in db.totp_secrets().await? {
        if Keys::sealed_key_id(&sealed) != Some(current) {
            totp.push((id, keys.reseal(&secrets::totp_context(id), &sealed, random())?));
        }
    }
    db.reseal_totp(&totp).await?;
    let mut conversations = Vec::new();
    for mut c in
        db.sms_conversations().await?.into_iter().filter(|c| Keys::sealed_key_id(&c.state_sealed) != Some(current))
    {
        c.state_sealed = keys.reseal(&secrets::sms_context(&c.sender_hash), &c.state_sealed, random())?;
        conversations.push(c);
    }
    db.reseal_sms_conversations(&conversations).await?;
    let mut after = 0;
    loop {
        let page = db.sealed_survey_texts(after, 500).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut changed = Vec::new();
        for mut text in page.into_iter().filter(|t| Keys::sealed_key_id(&t.sealed) != Some(current)) {
            let context = secrets::survey_text_context(text.form_id, &text.external_id);
            text.sealed = keys.reseal(&context, &text.sealed, random())?;
            changed.push(text);
        }
        db.reseal_survey_texts(&changed).await?;
    }
    let mut after = 0;
    loop {
        let page = db.sealed_attachments(after, 50).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut changed = Vec::new();
        for mut attachment in page.into_iter().filter(|a| Keys::sealed_key_id(&a.sealed) != Some(current)) {
            let Some(concern) = db.concern(attachment.concern_id).await? else { continue };
            let context = secrets::attachment_context(&concern.receipt_hash);
            attachment.sealed = keys.reseal(&context, &attachment.sealed, random())?;
            changed.push(attachment);
        }
        db.reseal_attachments(&changed).await?;
    }
    Ok(count)
}

pub fn load_keys(path: &Path) -> anyhow::Result<Keys> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read key file {} (create one with `aman keys init --key-file {}`)",
            path.display(),
            path.display()
        )
    })?;
    Keys::from_json(&text).with_context(|| format!("key file {}", path.display()))
}
