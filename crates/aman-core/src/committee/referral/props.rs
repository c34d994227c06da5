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
