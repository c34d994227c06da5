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
        serde_json::from_str::<DeadlineTable>(r#"{"by_category": {"bombs": {"urgent_days": 1, "normal_days": 3}}}"#)
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
    assert_eq!(may_refer(&station, Category::SecurityConduct, Some(OrganisationId(1))), Err(RoutingRefusal::Accused));
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
