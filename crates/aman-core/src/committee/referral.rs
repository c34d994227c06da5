//! Referrals: a concern sent to the organisation that can act on it, with a
//! response deadline, the rule on who may receive confidential categories, and
//! escalation of referrals left unanswered.
//!
//! - **Deadlines** come from a configurable table: days by severity, with
//!   per-category overrides (default: urgent 2 days, normal 7, no overrides).
//!   Days are elapsed 24-hour days from the time the referral was sent.
//! - **Confidential categories** (`gbv`, `security_conduct`, see
//!   [`Category::is_confidential`]) go only to organisations explicitly cleared
//!   for that category; never to media or tribal councils, whatever their
//!   clearance (a victim's case is not theirs to hold); and a referral is never
//!   sent to the unit it accuses.
//! - **Escalation**: a referral is answered by a *response*. Acknowledging it
//!   shows receipt but does not stop the clock. Unanswered past its deadline it
//!   goes to the committee; past twice the response window (sent + 2 × (deadline
//!   − sent)) to the next area level up. At the deadline itself it is on time.
//!   A response, even late, ends escalation (lateness shows in the public
//!   response times instead).

use crate::area::Pcode;
use crate::category::Category;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How soon the organisation must respond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Severity {
    Urgent,
    Normal,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Urgent => "urgent",
            Severity::Normal => "normal",
        }
    }

    pub fn from_code(code: &str) -> Option<Severity> {
        [Severity::Urgent, Severity::Normal].into_iter().find(|s| s.as_str() == code)
    }
}

/// Response windows in days, by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Windows {
    pub urgent_days: u32,
    pub normal_days: u32,
}

impl Windows {
    pub fn days(self, severity: Severity) -> u32 {
        match severity {
            Severity::Urgent => self.urgent_days,
            Severity::Normal => self.normal_days,
        }
    }
}

/// The deadline table: a default and per-category overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeadlineTable {
    pub default: Windows,
    pub by_category: BTreeMap<Category, Windows>,
}

impl Default for DeadlineTable {
    fn default() -> Self {
        DeadlineTable { default: Windows { urgent_days: 2, normal_days: 7 }, by_category: BTreeMap::new() }
    }
}

impl DeadlineTable {
    /// The response window for a category and severity.
    pub fn window(&self, category: Category, severity: Severity) -> Duration {
        let windows = self.by_category.get(&category).copied().unwrap_or(self.default);
        Duration::days(i64::from(windows.days(severity)))
    }

    /// When a referral sent at `sent_at` must be answered. A window too long
    /// for the calendar (the table allows `u32` days) ends at the last
    /// representable moment instead of panicking.
    pub fn deadline(&self, category: Category, severity: Severity, sent_at: DateTime<Utc>) -> DateTime<Utc> {
        sent_at.checked_add_signed(self.window(category, severity)).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

/// An organisation's id, opaque here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrganisationId(pub i64);

/// The kinds of organisation of domain.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    PoliceStation,
    LocalAuthority,
    Cso,
    InternationalAgency,
    TribalCouncil,
    Media,
    YouthGroup,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 7] = [
        OrganisationKind::PoliceStation,
        OrganisationKind::LocalAuthority,
        OrganisationKind::Cso,
        OrganisationKind::InternationalAgency,
        OrganisationKind::TribalCouncil,
        OrganisationKind::Media,
        OrganisationKind::YouthGroup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::PoliceStation => "police_station",
            OrganisationKind::LocalAuthority => "local_authority",
            OrganisationKind::Cso => "cso",
            OrganisationKind::InternationalAgency => "international_agency",
            OrganisationKind::TribalCouncil => "tribal_council",
            OrganisationKind::Media => "media",
            OrganisationKind::YouthGroup => "youth_group",
        }
    }

    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// Whether this kind may ever hold a confidential case.
    pub fn may_receive_confidential(self) -> bool {
        !matches!(self, OrganisationKind::TribalCouncil | OrganisationKind::Media | OrganisationKind::YouthGroup)
    }
}

/// What the routing rule needs to know about a possible recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub id: OrganisationId,
    pub kind: OrganisationKind,
    /// Confidential categories this organisation is cleared to receive (a GBV
    /// service for `gbv`, an inspector general for `security_conduct`).
    pub cleared_for: BTreeSet<Category>,
}

/// Why a referral may not go to a recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingRefusal {
    /// The recipient is the unit the concern accuses.
    Accused,
    /// This kind of organisation never receives confidential cases.
    KindNeverReceivesConfidential,
    /// The recipient is not cleared for this confidential category.
    NotCleared,
}

/// Whether a concern of `category` may be referred to `recipient`; `accused`
/// is the organisation the concern is about, if any.
pub fn may_refer(
    recipient: &Recipient,
    category: Category,
    accused: Option<OrganisationId>,
) -> Result<(), RoutingRefusal> {
    if accused == Some(recipient.id) {
        return Err(RoutingRefusal::Accused);
    }
    if !category.is_confidential() {
        return Ok(());
    }
    if !recipient.kind.may_receive_confidential() {
        return Err(RoutingRefusal::KindNeverReceivesConfidential);
    }
    if !recipient.cleared_for.contains(&category) {
        return Err(RoutingRefusal::NotCleared);
    }
    Ok(())
}

/// A referral's status: sent, then acknowledged, then answered (responded
/// or declined). [`ReferralStatus::answer`] is the one table of moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ReferralStatus {
    Sent,
    Acknowledged,
    Responded,
    Declined,
}

/// What the organisation does with a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralAnswer {
    Acknowledge,
    Respond,
    Decline,
}

impl ReferralAnswer {
    pub fn from_code(code: &str) -> Option<ReferralAnswer> {
        match code {
            "acknowledge" => Some(ReferralAnswer::Acknowledge),
            "respond" => Some(ReferralAnswer::Respond),
            "decline" => Some(ReferralAnswer::Decline),
            _ => None,
        }
    }

    /// A response or a refusal says something; an acknowledgement need not.
    pub fn needs_text(self) -> bool {
        self != ReferralAnswer::Acknowledge
    }
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 4] =
        [ReferralStatus::Sent, ReferralStatus::Acknowledged, ReferralStatus::Responded, ReferralStatus::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::Acknowledged => "acknowledged",
            ReferralStatus::Responded => "responded",
            ReferralStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<ReferralStatus> {
        ReferralStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// Still waiting for an answer.
    pub fn is_open(self) -> bool {
        matches!(self, ReferralStatus::Sent | ReferralStatus::Acknowledged)
    }

    /// Where an answer takes the referral; `None` when it may not be given
    /// now (acknowledging twice, answering what was already answered).
    pub fn answer(self, answer: ReferralAnswer) -> Option<ReferralStatus> {
        match (answer, self) {
            (ReferralAnswer::Acknowledge, ReferralStatus::Sent) => Some(ReferralStatus::Acknowledged),
            (ReferralAnswer::Respond, ReferralStatus::Sent | ReferralStatus::Acknowledged) => {
                Some(ReferralStatus::Responded)
            }
            (ReferralAnswer::Decline, ReferralStatus::Sent | ReferralStatus::Acknowledged) => {
                Some(ReferralStatus::Declined)
            }
            _ => None,
        }
    }
}

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReferralState {
    Sent,
    Acknowledged { at: DateTime<Utc> },
    Responded { at: DateTime<Utc> },
}

/// Who must look at an unanswered referral, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EscalationLevel {
    None,
    /// The committee of the referral's area.
    Committee,
    /// The next area level up (sub-district → district → governorate → country).
    NextLevel,
}

impl EscalationLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            EscalationLevel::None => "none",
            EscalationLevel::Committee => "committee",
            EscalationLevel::NextLevel => "next_level",
        }
    }

    pub fn from_code(code: &str) -> Option<EscalationLevel> {
        [EscalationLevel::None, EscalationLevel::Committee, EscalationLevel::NextLevel]
            .into_iter()
            .find(|l| l.as_str() == code)
    }
}

/// The escalation of one referral at one moment, and when it next changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub level: EscalationLevel,
    /// The moment after which the level rises next (`None` when it cannot).
    pub next_change_after: Option<DateTime<Utc>>,
}

/// The escalation of a referral sent at `sent_at`, due at `deadline`, in
/// `state`, seen at `now` (see the module for the rule). Pure.
pub fn escalation(
    sent_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    state: ReferralState,
    now: DateTime<Utc>,
) -> Escalation {
    if let ReferralState::Responded { .. } = state {
        return Escalation { level: EscalationLevel::None, next_change_after: None };
    }
    // Saturates for deadlines near the end of the calendar (very long windows).
    let next_level_after = deadline.checked_add_signed(deadline - sent_at).unwrap_or(DateTime::<Utc>::MAX_UTC);
    if now > next_level_after {
        Escalation { level: EscalationLevel::NextLevel, next_change_after: None }
    } else if now > deadline {
        Escalation { level: EscalationLevel::Committee, next_change_after: Some(next_level_after) }
    } else {
        Escalation { level: EscalationLevel::None, next_change_after: Some(deadline) }
    }
}

/// The area whose people see an escalated referral: the referral's own area
/// for the committee, its parent for the next level (the country stays the
/// country); `None` when there is no escalation.
pub fn escalation_area(area: &Pcode, level: EscalationLevel) -> Option<Pcode> {
    match level {
        EscalationLevel::None => None,
        EscalationLevel::Committee => Some(area.clone()),
        EscalationLevel::NextLevel => Some(area.parent().unwrap_or_else(|| area.clone())),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod props;
