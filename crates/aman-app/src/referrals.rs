//! Referrals: a triage officer refers a concern to an organisation serving
//! its area (confidential categories only to organisations cleared for them,
//! `aman_core::committee::referral::may_refer`), with a deadline by category
//! and severity; the organisation's own staff acknowledge, respond or
//! decline with a reason; the scheduled job escalates overdue referrals to
//! the committee, then one area level up. The reporter reads each step on
//! `/track` as a public update in the language they wrote in.

use crate::concerns;
use crate::i18n::Tr;
use crate::{Actor, App, Error};
use aman_core::committee::referral::{
    OrganisationId, OrganisationKind, Recipient, ReferralAnswer, ReferralState, ReferralStatus, Severity, escalation,
    may_refer,
};
use aman_core::concern::Language;
use aman_core::role::Action;
use aman_core::text;
use aman_db::{ConcernRecord, DbError, EventKind, NewEvent, OrganisationRecord, ReferralRecord, Tx};
use chrono::{DateTime, Utc};
use serde::Deserialize;

fn kind(org: &OrganisationRecord) -> Option<OrganisationKind> {
    OrganisationKind::from_code(&org.kind).or(match org.kind.as_str() {
        "police" => Some(OrganisationKind::PoliceStation),
        "authority" => Some(OrganisationKind::LocalAuthority),
        _ => None,
    })
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Writes a public update on the concern, in the reporter's language, by
/// the staff member whose act it reports, with its audit entry, inside the
/// operation's transaction.
async fn tell_reporter(
    state: &App,
    tx: &mut Tx,
    staff: &Actor,
    concern: &ConcernRecord,
    key: &str,
    org: &OrganisationRecord,
    extra: &[(&str, &str)],
) -> Result<(), Error> {
    let lang = Language::from_code(&concern.language).unwrap_or(Language::Ar);
    let mut args = vec![("organisation", org.name(&concern.language))];
    args.extend_from_slice(extra);
    let body = Tr::new(lang).text(key, &args);
    let concern = concern.id;
    let event =
        NewEvent { kind: EventKind::PublicUpdate, body: &body, actor_id: Some(staff.user.id), now_ms: state.now_ms() };
    tx.add_event(concern, event).await?;
    Ok(state.audit_in(tx, Some(staff.user.id), "concern.public_update", &format!("concern:{concern}"), key).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferRequest {
    pub organisation_id: i64,
    /// `urgent` or `normal` (the default).
    pub severity: String,
}

pub async fn refer(state: &App, staff: &Actor, concern_id: i64, request: &ReferRequest) -> Result<i64, Error> {
    let concern = concerns::load(state, staff, concern_id, Action::Triage).await?;
    let org = state
        .db()
        .organisations(concern.area.as_str())
        .await?
        .into_iter()
        .find(|o| o.id == request.organisation_id)
        .ok_or_else(|| Error::field("organisation_id", "unknown_organisation"))?;
    let recipient = Recipient {
        id: OrganisationId(org.id),
        kind: kind(&org).ok_or_else(|| Error::field("organisation_id", "unknown_organisation"))?,
        cleared_for: org.confidential.iter().filter_map(|c| aman_core::category::Category::from_code(c)).collect(),
    };
    may_refer(&recipient, concern.category, None).map_err(|_| Error::field("organisation_id", "not_cleared"))?;
    let severity = match request.severity.trim() {
        "" => Severity::Normal,
        code => Severity::from_code(code).ok_or_else(|| Error::field("severity", "unknown_severity"))?,
    };
    let now = state.now();
    let deadline = state.settings().referral_deadlines.deadline(concern.category, severity, now);
    let detail = format!("organisation:{} {}", org.id, severity.as_str());
    let mut tx = state.db().begin().await?;
    let id = tx.create_referral(concern_id, org.id, severity, state.now_ms(), deadline.timestamp_millis()).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "referral.create", &format!("concern:{concern_id}"), &detail).await?;
    let due = deadline.date_naive().to_string();
    tell_reporter(state, &mut tx, staff, &concern, "track-referred", &org, &[("date", &due)]).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    /// `acknowledge`, `respond` or `decline`.
    pub action: String,
    pub response: String,
    pub version: Option<i64>,
    /// Show the response's own words to the reporter on `/track` (not only
    /// that the organisation answered).
    pub public: bool,
}

/// The referrals sent to the caller's organisation that the caller may see:
/// one of a confidential concern only to accounts cleared for it, as
/// anything else that names a concern (`items`).
pub async fn inbox(state: &App, staff: &Actor) -> Result<Vec<(ReferralRecord, ConcernRecord)>, Error> {
    let Some(organisation) = staff.user.organisation_id else { return Err(Error::Forbidden) };
    let mut shown = Vec::new();
    for referral in state.db().referrals(None, Some(organisation)).await? {
        if let Some(concern) = state.db().concern(referral.concern_id).await?
            && concerns::receiver_sees(staff, &concern)
        {
            shown.push((referral, concern));
        }
    }
    Ok(shown)
}

/// The organisation's answer; only its own staff may give it, and only
/// those who may see the concern.
pub async fn answer(state: &App, staff: &Actor, id: i64, answer: &Answer) -> Result<ReferralRecord, Error> {
    let referral = state
        .db()
        .referral(id)
        .await?
        .filter(|r| staff.user.organisation_id == Some(r.organisation_id))
        .ok_or(Error::NotFound)?;
    let concern = state.db().concern(referral.concern_id).await?.ok_or(Error::NotFound)?;
    if !concerns::receiver_sees(staff, &concern) {
        return Err(Error::NotFound);
    }
    if answer.version.is_some_and(|v| v != referral.version) {
        return Err(Error::EditConflict);
    }
    let response = text::clean(&answer.response);
    let action =
        ReferralAnswer::from_code(answer.action.trim()).ok_or_else(|| Error::field("action", "unknown_action"))?;
    let to = referral.status.answer(action).ok_or(Error::IllegalTransition)?;
    if action.needs_text() && response.is_empty() {
        return Err(Error::field("response", "required"));
    }
    let mut tx = state.db().begin().await?;
    tx.answer_referral(&referral, to, &response, state.now_ms()).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "referral.answer", &format!("referral:{id}"), to.as_str()).await?;
    // The reporter reads that the organisation answered, and, when it says
    // so, its own words.
    let public = answer.public && !response.is_empty();
    let message = match to {
        ReferralStatus::Responded if public => Some("track-responded-words"),
        ReferralStatus::Declined if public => Some("track-declined-words"),
        ReferralStatus::Responded => Some("track-responded"),
        ReferralStatus::Declined => Some("track-declined"),
        ReferralStatus::Sent | ReferralStatus::Acknowledged => None,
    };
    if let Some(message) = message {
        let org = state.db().organisation(referral.organisation_id).await?.ok_or(Error::NotFound)?;
        tell_reporter(state, &mut tx, staff, &concern, message, &org, &[("response", &response)]).await?;
    }
    tx.commit().await?;
    state.db().referral(id).await?.ok_or(Error::NotFound)
}

/// The scheduled job: brings every open referral's escalation level up to
/// date; returns how many rose.
pub async fn escalate(state: &App) -> Result<u64, DbError> {
    let now = state.now();
    let mut raised = 0;
    for r in state.db().open_referrals().await? {
        let status = match r.acknowledged_at {
            Some(at) => ReferralState::Acknowledged { at: time(at) },
            None => ReferralState::Sent,
        };
        let level = escalation(time(r.sent_at), time(r.deadline_at), status, now).level;
        if level == r.escalation {
            continue;
        }
        let mut tx = state.db().begin().await?;
        if tx.set_referral_escalation(r.id, level).await? {
            state.audit_in(&mut tx, None, "referral.escalate", &format!("referral:{}", r.id), level.as_str()).await?;
            tx.commit().await?;
            raised += 1;
        }
    }
    Ok(raised)
}
