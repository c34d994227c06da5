//! Staff work on concerns beside their life-cycle: the private
//! conversation with an anonymous reporter, assignment to a colleague who
//! may see the concern, tags, and changes made to several concerns at once
//! from the queue (assign, mark duplicate).

use crate::concerns::{apply_move, bounded_text, check_move, load, track};
use crate::queue::{PAGE_SIZE, tag_key};
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

/// The colleagues a triage officer may assign concerns of their area to
/// (each concern still checks its assignee may see it): enabled accounts
/// above, at or inside the officer's area whose role works on concerns.
pub async fn colleagues(state: &App, staff: &Actor) -> Result<Vec<(i64, String)>, Error> {
    if !staff.user.role.may(Action::Triage) {
        return Err(Error::Forbidden);
    }
    Ok(state
        .db()
        .users_around(staff.user.area.as_str())
        .await?
        .into_iter()
        .filter(|u| u.role.may(Action::ViewConcerns))
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The most concerns one bulk change may name: a page of the queue.
pub const MAX_BULK: usize = PAGE_SIZE as usize;

/// One change made to several concerns at once from the queue.
#[derive(Debug, Clone)]
pub enum BulkChange {
    /// Assign each to this staff member, or to nobody.
    Assign(Option<i64>),
    /// Mark each a duplicate of the concern `of` (an id, `#` allowed).
    Duplicate { of: String, reason: String },
}

/// Why a bulk change was refused, and the concern it is about when it is
/// about one.
#[derive(Debug)]
pub struct BulkError {
    pub concern: Option<i64>,
    pub error: Error,
}

impl From<Error> for BulkError {
    fn from(error: Error) -> BulkError {
        BulkError { concern: None, error }
    }
}

impl From<aman_db::DbError> for BulkError {
    fn from(error: aman_db::DbError) -> BulkError {
        Error::from(error).into()
    }
}

/// Makes one change to every concern in `ids`. Each is checked first, as
/// the single change would check it (the staff member may triage it, the
/// assignee may see it, the move is allowed); then all change in one
/// transaction, each audited. Either every concern changes or none does.
/// Returns how many changed.
pub async fn bulk(state: &App, staff: &Actor, ids: &[i64], change: &BulkChange) -> Result<usize, BulkError> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::field("concern", "required").into());
    }
    if ids.len() > MAX_BULK {
        return Err(Error::field("concern", "too_many_selected").into());
    }
    let about = |id: i64| move |error: Error| BulkError { concern: Some(id), error };
    match change {
        BulkChange::Assign(user) => {
            let assignee = match user {
                Some(user) => {
                    Some(state.db().user(*user).await?.ok_or_else(|| Error::field("user_id", "not_eligible"))?)
                }
                None => None,
            };
            for &id in &ids {
                let record = load(state, staff, id, Action::Triage).await.map_err(about(id))?;
                if assignee.as_ref().is_some_and(|u| !eligible(u, &record)) {
                    return Err(about(id)(Error::field("user_id", "not_eligible")));
                }
            }
            let detail = user.map_or_else(|| "nobody".to_owned(), |u| format!("user:{u}"));
            let mut tx = state.db().begin().await?;
            for &id in &ids {
                tx.set_assignee(id, *user, state.now_ms()).await?;
                state
                    .audit_in(&mut tx, Some(staff.user.id), "concern.assign", &format!("concern:{id}"), &detail)
                    .await?;
            }
            tx.commit().await?;
        }
        BulkChange::Duplicate { of, reason } => {
            let reason = bounded_text("reason", reason, true)?.unwrap_or_default();
            let mut planned = Vec::with_capacity(ids.len());
            for &id in &ids {
                planned.push(check_move(state, staff, id, "duplicate", Some(of), None).await.map_err(about(id))?);
            }
            let mut tx = state.db().begin().await?;
            for (&id, planned) in ids.iter().zip(&planned) {
                apply_move(state, &mut tx, staff, planned, &reason, None).await.map_err(about(id))?;
            }
            tx.commit().await?;
        }
    }
    Ok(ids.len())
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
