//! Staff work on one concern beside its life-cycle: the private
//! conversation with its anonymous reporter, assignment to a colleague who
//! may see it, and tags.

use crate::concerns::{bounded_text, load, tag_key, track};
use crate::{Actor, App, Error};
use aman_core::role::Action;
use aman_db::{ConcernRecord, EventKind, NewEvent};

/// The most messages a reporter may send on one concern.
pub const MAX_REPLIES: usize = 50;

/// Asks the reporter a question, which they read on `/track` with their
/// receipt (those who may write to reporters only).
pub async fn ask(state: &App, staff: &Actor, id: i64, body: &str) -> Result<(), Error> {
    load(state, staff, id, Action::PublicUpdate).await?;
    let body = bounded_text("body", body, true)?.unwrap_or_default();
    let event =
        NewEvent { kind: EventKind::Question, body: &body, actor_id: Some(staff.user.id), now_ms: state.now_ms() };
    let mut tx = state.db().begin().await?;
    tx.add_event(id, event).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "concern.question", &format!("concern:{id}"), "").await?;
    Ok(tx.commit().await?)
}

/// The reporter answers, with their receipt. Only once staff have asked
/// something (the conversation is theirs to open), and at most
/// [`MAX_REPLIES`] times. Nothing about the reporter is recorded.
pub async fn reply(state: &App, receipt: &str, body: &str) -> Result<(), Error> {
    let tracked = track(state, receipt).await?;
    let replies = tracked.messages.iter().filter(|(_, from_reporter, _)| *from_reporter).count();
    if !tracked.messages.iter().any(|(_, from_reporter, _)| !from_reporter) {
        return Err(Error::field("body", "no_question"));
    }
    if replies >= MAX_REPLIES {
        return Err(Error::field("body", "too_many_messages"));
    }
    let body = bounded_text("body", body, true)?.unwrap_or_default();
    let event = NewEvent { kind: EventKind::Reply, body: &body, actor_id: None, now_ms: state.now_ms() };
    let mut tx = state.db().begin().await?;
    tx.add_event(tracked.id, event).await?;
    state.audit_in(&mut tx, None, "concern.reply", &format!("concern:{}", tracked.id), "").await?;
    Ok(tx.commit().await?)
}

/// The most tags on a concern, and the longest tag.
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 40;

/// Whether an account may be given a concern: enabled, and its role, area
/// and clearance let it see it.
fn eligible(user: &aman_db::UserRecord, record: &ConcernRecord) -> bool {
    !user.disabled
        && aman_core::role::Grant { role: user.role, area: user.area.clone(), confidential: user.confidential }.allows(
            Action::ViewConcerns,
            &record.area,
            record.category,
        )
}

/// The staff a concern may be assigned to (for those who may assign it):
/// id and name.
pub async fn assignees(state: &App, staff: &Actor, id: i64) -> Result<Vec<(i64, String)>, Error> {
    let record = load(state, staff, id, Action::Triage).await?;
    Ok(state
        .db()
        .users_over(record.area.as_str())
        .await?
        .into_iter()
        .filter(|u| eligible(u, &record))
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// Assigns a concern to a staff member who may see it, or to nobody.
pub async fn assign(state: &App, staff: &Actor, id: i64, user: Option<i64>) -> Result<(), Error> {
    let record = load(state, staff, id, Action::Triage).await?;
    if let Some(user) = user {
        // Someone who may work on it: enabled, and their role, area and
        // clearance let them see it. Anyone else reads as "not eligible".
        if !state.db().user(user).await?.is_some_and(|u| eligible(&u, &record)) {
            return Err(Error::field("user_id", "not_eligible"));
        }
    }
    let mut tx = state.db().begin().await?;
    tx.set_assignee(id, user, state.now_ms()).await?;
    let detail = user.map_or_else(|| "nobody".to_owned(), |u| format!("user:{u}"));
    state.audit_in(&mut tx, Some(staff.user.id), "concern.assign", &format!("concern:{id}"), &detail).await?;
    Ok(tx.commit().await?)
}

/// Replaces a concern's tags (staff who work on it): each folded, at most
/// [`MAX_TAGS`] of at most [`MAX_TAG_CHARS`] characters.
pub async fn set_tags(state: &App, staff: &Actor, id: i64, tags: &[String]) -> Result<Vec<String>, Error> {
    load(state, staff, id, Action::AddNote).await?;
    let mut keys: Vec<String> = tags.iter().map(|t| tag_key(t)).filter(|t| !t.is_empty()).collect();
    keys.sort();
    keys.dedup();
    if keys.len() > MAX_TAGS || keys.iter().any(|t| t.chars().count() > MAX_TAG_CHARS) {
        return Err(Error::field("tags", "too_many_or_too_long"));
    }
    let mut tx = state.db().begin().await?;
    tx.set_tags(id, &keys).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "concern.tags", &format!("concern:{id}"), &keys.join(",")).await?;
    tx.commit().await?;
    Ok(keys)
}
