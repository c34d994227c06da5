//! Committees' action plans: an action answers concerns or issues of its
//! committee, is owned by an organisation serving the area (with partners),
//! has a due date and a status moved by the one table in
//! `aman_core::committee::action`, each move a dated progress update. Once
//! done, members confirm or dispute it, and so do the reporters of the
//! concerns it answers, from `/track` with their receipt; a dispute reopens
//! it. The reporter's `/track` shows each action on their concern.

use crate::Actor;
use crate::App;
use crate::Error;
use crate::committees;
use aman_core::committee::action::{ActionStatus, Verdict, after_confirmation};
use aman_core::lifecycle::ActionStep;
use aman_core::role::Action;
use aman_core::text;
use aman_db::{ActionRecord, NewAction, Transition, Tx};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewActionInput {
    pub title: String,
    pub owner_id: i64,
    pub partners: Vec<i64>,
    pub due_on: String,
    /// `concern:ID` or `issue:ID` of the committee.
    pub items: Vec<String>,
}

pub async fn create(state: &App, staff: &Actor, committee: i64, input: &NewActionInput) -> Result<i64, Error> {
    let record = committees::load(state, staff, committee, Action::ManageCommittees).await?;
    let title = committees::required("title", &input.title, 300)?;
    let due_on = text::date(&input.due_on).ok_or_else(|| Error::field("due_on", "invalid_date"))?;
    if due_on < state.today() {
        return Err(Error::field("due_on", "in_past"));
    }
    let serving: Vec<i64> = state.db().organisations(record.area.as_str()).await?.iter().map(|o| o.id).collect();
    if !serving.contains(&input.owner_id) {
        return Err(Error::field("owner_id", "unknown_organisation"));
    }
    if input.partners.iter().any(|p| !serving.contains(p)) {
        return Err(Error::field("partners", "unknown_organisation"));
    }
    if input.items.is_empty() || input.items.iter().any(|i| i.starts_with("alert:")) {
        return Err(Error::field("items", "unknown_item"));
    }
    committees::check_items(state, staff, &record, &input.items, "items").await?;
    let action = NewAction {
        committee_id: committee,
        title: &title,
        owner_id: input.owner_id,
        partners: &input.partners,
        due_on,
        items: &input.items,
    };
    let mut tx = state.db().begin().await?;
    let id = tx.create_action(&action, state.now_ms()).await?;
    let detail = format!("committee:{committee}");
    state.audit_in(&mut tx, Some(staff.user.id), "action.create", &format!("action:{id}"), &detail).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn load(state: &App, staff: &Actor, id: i64, action: Action) -> Result<ActionRecord, Error> {
    let record = state.db().action(id).await?.ok_or(Error::NotFound)?;
    committees::load(state, staff, record.committee_id, action).await?;
    Ok(record)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub status: String,
    pub body: String,
    pub version: Option<i64>,
}

pub async fn progress(state: &App, staff: &Actor, id: i64, input: &Progress) -> Result<(), Error> {
    let record = load(state, staff, id, Action::ManageCommittees).await?;
    if input.version.is_some_and(|v| v != record.version) {
        return Err(Error::EditConflict);
    }
    let from = record.status;
    let to = ActionStatus::from_code(input.status.trim()).ok_or_else(|| Error::field("status", "unknown_status"))?;
    if to != from && !from.next().contains(&to) {
        return Err(Error::IllegalTransition);
    }
    let body = text::clean(&input.body);
    let mut tx = state.db().begin().await?;
    tx.update_action(&record, to, &body, Some(staff.user.id), state.now_ms()).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "action.progress", &format!("action:{id}"), to.as_str()).await?;
    if to == ActionStatus::InProgress && from != ActionStatus::InProgress {
        follow(state, &mut tx, &record, ActionStep::Started, Some(staff.user.id)).await?;
    }
    Ok(tx.commit().await?)
}

/// Moves the concerns an action answers along with it (see
/// [`ActionStep::moves`]), each with its event and audit entry, inside the
/// action's own transaction.
async fn follow(
    state: &App,
    tx: &mut Tx,
    record: &ActionRecord,
    step: ActionStep,
    actor: Option<i64>,
) -> Result<(), Error> {
    let reason = format!("action:{}", record.id);
    for id in state.db().concerns_of_action(record).await? {
        let Some(concern) = state.db().concern(id).await? else { continue };
        let Some(to) = step.moves(concern.status) else { continue };
        let change = Transition {
            from: concern.status,
            to,
            duplicate_of: None,
            reason: &reason,
            public_note: None,
            actor_id: actor,
            now_ms: state.now_ms(),
            expected_version: concern.version,
        };
        tx.transition(id, &change).await?;
        let detail = format!("{} -> {} ({reason})", concern.status.as_str(), to.as_str());
        state.audit_in(tx, actor, "concern.transition", &format!("concern:{id}"), &detail).await?;
    }
    Ok(())
}

/// Records a verdict on a done action (a dispute reopens it); false when
/// this member or reporter already gave one.
async fn record_verdict(
    state: &App,
    record: &ActionRecord,
    concern: Option<i64>,
    member: Option<i64>,
    verdict: &str,
    actor: Option<i64>,
) -> Result<bool, Error> {
    let verdict = Verdict::from_code(verdict.trim()).ok_or_else(|| Error::field("verdict", "unknown_verdict"))?;
    let status = record.status;
    let after = after_confirmation(status, verdict).ok_or(Error::IllegalTransition)?;
    let mut tx = state.db().begin().await?;
    if !tx.confirm_action(record.id, concern, member, verdict, state.now_ms()).await? {
        return Ok(false);
    }
    if after != status {
        tx.update_action(record, after, "disputed", actor, state.now_ms()).await?;
    }
    let step = match verdict {
        Verdict::Better => ActionStep::ConfirmedBetter,
        Verdict::Disputed => ActionStep::Disputed,
    };
    follow(state, &mut tx, record, step, actor).await?;
    let who = concern.map_or_else(|| format!("member:{}", member.unwrap_or_default()), |_| "reporter".to_owned());
    let detail = format!("{who} {}", verdict.as_str());
    state.audit_in(&mut tx, actor, "action.confirmation", &format!("action:{}", record.id), &detail).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn member_verdict(state: &App, staff: &Actor, id: i64, member: i64, verdict: &str) -> Result<bool, Error> {
    let record = load(state, staff, id, Action::ManageCommittees).await?;
    if !state.db().members(record.committee_id).await?.iter().any(|m| m.id == member && m.active) {
        return Err(Error::field("member", "unknown_member"));
    }
    record_verdict(state, &record, None, Some(member), verdict, Some(staff.user.id)).await
}

/// A reporter's verdict, through their receipt, on an action answering
/// their concern.
pub async fn reporter_verdict(state: &App, receipt: &str, action: i64, verdict: &str) -> Result<bool, Error> {
    let tracked = crate::concerns::track(state, receipt).await?;
    let record = state
        .db()
        .actions_for_concern(tracked.id)
        .await?
        .into_iter()
        .find(|a| a.id == action)
        .ok_or(Error::NotFound)?;
    record_verdict(state, &record, Some(tracked.id), None, verdict, None).await
}

/// What the reporter may read of an action on their concern (no internal
/// notes, no member names).
pub struct ReporterAction {
    pub id: i64,
    pub title: String,
    pub organisation_ar: String,
    pub organisation_en: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
}

pub async fn for_reporter(state: &App, concern: i64) -> Result<Vec<ReporterAction>, Error> {
    let mut out = Vec::new();
    for a in state.db().actions_for_concern(concern).await? {
        let owner = state.db().organisation(a.owner_id).await?;
        out.push(ReporterAction {
            id: a.id,
            title: a.title,
            organisation_ar: owner.as_ref().map(|o| o.name_ar.clone()).unwrap_or_default(),
            organisation_en: owner.map(|o| o.name_en).unwrap_or_default(),
            due_on: a.due_on,
            status: a.status,
        });
    }
    Ok(out)
}
