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
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn deadlines_come_from_the_table() {
        let table = DeadlineTable::default();
        assert_eq!(table.deadline(Category::Crime, Severity::Urgent, at(1, 9)), at(3, 9));
        assert_eq!(table.deadline(Category::Crime, Severity::Normal, at(1, 9)), at(8, 9));
        let table: DeadlineTable =
            serde_json::from_str(r#"{"by_category": {"explosive_hazards": {"urgent_days": 1, "normal_days": 3}}}"#)
                .unwrap();
        assert_eq!(table.default, DeadlineTable::default().default);
        assert_eq!(table.deadline(Category::ExplosiveHazards, Severity::Urgent, at(1, 9)), at(2, 9));
        assert_eq!(table.deadline(Category::ExplosiveHazards, Severity::Normal, at(1, 9)), at(4, 9));
        assert_eq!(table.deadline(Category::Gbv, Severity::Normal, at(1, 9)), at(8, 9));
        assert!(
            serde_json::from_str::<DeadlineTable>(
                r#"{"by_category": {"bombs": {"urgent_days": 1, "normal_days": 3}}}"#
            )
            .is_err()
        );
    }

    fn recipient(id: i64, kind: OrganisationKind, cleared_for: &[Category]) -> Recipient {
        Recipient { id: OrganisationId(id), kind, cleared_for: cleared_for.iter().copied().collect() }
    }

    #[test]
    fn confidential_categories_go_only_to_cleared_organisations() {
        let station = recipient(1, OrganisationKind::PoliceStation, &[]);
        let shelter = recipient(2, OrganisationKind::Cso, &[Category::Gbv]);
        let inspector = recipient(3, OrganisationKind::PoliceStation, &[Category::SecurityConduct]);
        let council = recipient(4, OrganisationKind::TribalCouncil, &[Category::Gbv]);
        assert_eq!(may_refer(&station, Category::ArmedGroupsWeapons, None), Ok(()));
        assert_eq!(may_refer(&council, Category::TribalConflict, None), Ok(()));
        assert_eq!(may_refer(&station, Category::Gbv, None), Err(RoutingRefusal::NotCleared));
        assert_eq!(may_refer(&shelter, Category::Gbv, None), Ok(()));
        assert_eq!(may_refer(&shelter, Category::SecurityConduct, None), Err(RoutingRefusal::NotCleared));
        assert_eq!(may_refer(&council, Category::Gbv, None), Err(RoutingRefusal::KindNeverReceivesConfidential));
        assert_eq!(may_refer(&inspector, Category::SecurityConduct, Some(OrganisationId(1))), Ok(()));
        assert_eq!(
            may_refer(&station, Category::SecurityConduct, Some(OrganisationId(1))),
            Err(RoutingRefusal::Accused)
        );
        let cleared_but_accused = recipient(1, OrganisationKind::PoliceStation, &[Category::SecurityConduct]);
        assert_eq!(
            may_refer(&cleared_but_accused, Category::SecurityConduct, Some(OrganisationId(1))),
            Err(RoutingRefusal::Accused)
        );
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn unanswered_referrals_escalate_after_one_and_two_windows() {
        let (sent, deadline) = (at(1, 9), at(3, 9));
        let level = |state, now| escalation(sent, deadline, state, now);
        let none = Escalation { level: EscalationLevel::None, next_change_after: Some(deadline) };
        let committee = Escalation { level: EscalationLevel::Committee, next_change_after: Some(at(5, 9)) };
        let next = Escalation { level: EscalationLevel::NextLevel, next_change_after: None };
        assert_eq!(level(ReferralState::Sent, at(1, 10)), none);
        assert_eq!(level(ReferralState::Sent, at(3, 9)), none, "on time at the deadline itself");
        assert_eq!(level(ReferralState::Sent, at(3, 10)), committee);
        assert_eq!(level(ReferralState::Sent, at(5, 9)), committee);
        assert_eq!(level(ReferralState::Sent, at(5, 10)), next);
        assert_eq!(level(ReferralState::Sent, at(30, 0)), next);
    }

    #[test]
    fn acknowledging_does_not_stop_the_clock_but_responding_does() {
        let (sent, deadline) = (at(1, 9), at(8, 9));
        let acknowledged = ReferralState::Acknowledged { at: at(2, 9) };
        assert_eq!(escalation(sent, deadline, acknowledged, at(9, 9)).level, EscalationLevel::Committee);
        assert_eq!(escalation(sent, deadline, acknowledged, at(16, 0)).level, EscalationLevel::NextLevel);
        let late_answer = ReferralState::Responded { at: at(12, 0) };
        assert_eq!(
            escalation(sent, deadline, late_answer, at(20, 0)),
            Escalation { level: EscalationLevel::None, next_change_after: None }
        );
    }

    /// Found by the property tests: a window of millions of days (a typo in
    /// the configuration) made `escalation` panic (deadline + window past the
    /// end of the calendar), and billions made `deadline` panic too.
    #[test]
    fn windows_beyond_the_calendar_saturate() {
        let table = DeadlineTable {
            default: Windows { urgent_days: 47_504_424, normal_days: u32::MAX },
            by_category: BTreeMap::new(),
        };
        let urgent = table.deadline(Category::Crime, Severity::Urgent, at(1, 9));
        assert_eq!(urgent, at(1, 9) + Duration::days(47_504_424));
        assert_eq!(table.deadline(Category::Crime, Severity::Normal, at(1, 9)), DateTime::<Utc>::MAX_UTC);
        let level = |deadline, now| escalation(at(1, 9), deadline, ReferralState::Sent, now).level;
        assert_eq!(level(urgent, at(30, 0)), EscalationLevel::None);
        assert_eq!(level(urgent, urgent + Duration::days(1)), EscalationLevel::Committee);
        assert_eq!(level(urgent, DateTime::<Utc>::MAX_UTC), EscalationLevel::Committee);
        assert_eq!(level(DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MAX_UTC), EscalationLevel::None);
    }

    #[test]
    fn escalation_goes_to_the_committee_area_then_its_parent() {
        let sub_district = Pcode::parse("IQG15Q01N01").unwrap();
        assert_eq!(escalation_area(&sub_district, EscalationLevel::None), None);
        assert_eq!(escalation_area(&sub_district, EscalationLevel::Committee), Some(sub_district.clone()));
        assert_eq!(escalation_area(&sub_district, EscalationLevel::NextLevel), Pcode::parse("IQG15Q01"));
        assert_eq!(escalation_area(&Pcode::country(), EscalationLevel::NextLevel), Some(Pcode::country()));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn answer() -> impl Strategy<Value = ReferralAnswer> {
        prop_oneof![Just(ReferralAnswer::Acknowledge), Just(ReferralAnswer::Respond), Just(ReferralAnswer::Decline)]
    }

    proptest! {
        /// Any sequence of answers follows the table: an answered referral
        /// never moves again, acknowledging comes at most once and first, and
        /// codes round-trip.
        #[test]
        fn referral_answers_follow_the_table(answers in proptest::collection::vec(answer(), 0..8)) {
            let mut status = ReferralStatus::Sent;
            for a in answers {
                match status.answer(a) {
                    Some(next) => {
                        prop_assert!(status.is_open());
                        prop_assert_ne!(next, status);
                        prop_assert_eq!(next == ReferralStatus::Acknowledged, a == ReferralAnswer::Acknowledge);
                        status = next;
                    }
                    None => prop_assert!(!status.is_open() || (a == ReferralAnswer::Acknowledge && status == ReferralStatus::Acknowledged)),
                }
                prop_assert_eq!(ReferralStatus::from_code(status.as_str()), Some(status));
            }
        }
    }

    fn level() -> impl Strategy<Value = EscalationLevel> {
        prop_oneof![Just(EscalationLevel::None), Just(EscalationLevel::Committee), Just(EscalationLevel::NextLevel)]
    }

    /// A valid P-code at any level.
    fn pcode() -> impl Strategy<Value = Pcode> {
        (0usize..4, 0u8..100, 0u8..100, 0u8..100).prop_map(|(depth, g, q, n)| {
            let code = ["IQ".to_owned(), format!("G{g:02}"), format!("Q{q:02}"), format!("N{n:02}")][..=depth].concat();
            Pcode::parse(&code).unwrap_or_else(Pcode::country)
        })
    }

    /// Seconds since 1970 for 1970–2200.
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..7_258_118_400).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default())
    }

    fn state() -> impl Strategy<Value = ReferralState> {
        prop_oneof![
            Just(ReferralState::Sent),
            instant().prop_map(|at| ReferralState::Acknowledged { at }),
            instant().prop_map(|at| ReferralState::Responded { at }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn severities_and_kinds_round_trip(kind in proptest::sample::select(OrganisationKind::ALL.to_vec()), urgent in any::<bool>()) {
            prop_assert_eq!(OrganisationKind::from_code(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap_or_default();
            prop_assert_eq!(&json, &format!("\"{}\"", kind.as_str()));
            prop_assert_eq!(serde_json::from_str::<OrganisationKind>(&json).ok(), Some(kind));
            let severity = if urgent { Severity::Urgent } else { Severity::Normal };
            let json = serde_json::to_string(&severity).unwrap_or_default();
            prop_assert_eq!(json.as_str(), if urgent { "\"urgent\"" } else { "\"normal\"" });
            prop_assert_eq!(serde_json::from_str::<Severity>(&json).ok(), Some(severity));
        }

        /// Left unanswered, a referral only ever climbs: a later look never
        /// sees a lower level, `next_change_after` is the last moment of the
        /// current level, and a response ends escalation whenever it came.
        #[test]
        fn escalation_is_monotone_in_time(
            sent in instant(), window_hours in 0i64..24 * 60, state in state(), a in instant(), b in instant()
        ) {
            let deadline = sent + Duration::hours(window_hours);
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            let at_early = escalation(sent, deadline, state, early);
            let at_late = escalation(sent, deadline, state, late);
            prop_assert!(at_early.level <= at_late.level, "{at_early:?} then {at_late:?}");
            if let ReferralState::Responded { .. } = state {
                prop_assert_eq!(at_late, Escalation { level: EscalationLevel::None, next_change_after: None });
            } else {
                prop_assert_eq!(escalation(sent, deadline, state, deadline).level, EscalationLevel::None);
                if let Some(change) = at_early.next_change_after {
                    prop_assert!(change >= early);
                    prop_assert_eq!(escalation(sent, deadline, state, change).level, at_early.level);
                    let after = escalation(sent, deadline, state, change + Duration::seconds(1)).level;
                    prop_assert!(after > at_early.level, "{at_early:?} then {after:?}");
                } else {
                    prop_assert_eq!(at_early.level, EscalationLevel::NextLevel);
                }
            }
        }

        /// The deadline table never panics, whatever the configured window
        /// (`u32` days, read from a configuration file), and escalating a
        /// referral with that deadline does not either.
        #[test]
        fn any_configured_window_gives_a_deadline(
            urgent_days in any::<u32>(), normal_days in any::<u32>(), sent in instant(), now in instant(), urgent in any::<bool>()
        ) {
            let table = DeadlineTable { default: Windows { urgent_days, normal_days }, by_category: BTreeMap::new() };
            let severity = if urgent { Severity::Urgent } else { Severity::Normal };
            let deadline = table.deadline(Category::Crime, severity, sent);
            prop_assert!(deadline >= sent);
            let level = escalation(sent, deadline, ReferralState::Sent, now).level;
            prop_assert!(now > sent || level == EscalationLevel::None);
        }

        /// The escalated area is the referral's area or its parent: an
        /// ancestor (a prefix) of it, one level up at most.
        #[test]
        fn escalation_areas_are_ancestors(area in pcode(), level in level()) {
            match escalation_area(&area, level) {
                None => prop_assert_eq!(level, EscalationLevel::None),
                Some(up) => {
                    prop_assert!(up.covers(&area) && area.as_str().starts_with(up.as_str()));
                    prop_assert!(area.level() - up.level() <= 1);
                    prop_assert_eq!(up == area, level == EscalationLevel::Committee || area.level() == 0);
                }
            }
        }
    }
}
