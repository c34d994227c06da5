//! `parse_ucdp` on the real UCDP GED Iraq export in `data/events/`.

use std::collections::HashMap;

use aman_detect::{Violence, format_date, parse_ucdp};

fn events() -> Vec<aman_detect::ConflictEvent> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/events/conflict_data_irq.csv");
    let text = std::fs::read_to_string(path).expect("read data/events/conflict_data_irq.csv");
    parse_ucdp(&text).expect("parse the UCDP file")
}

#[test]
fn real_file_counts_and_dates() {
    let events = events();
    // PROVENANCE.md: 7,473 events, 5,775 / 145 / 1,553 by type, 120,631 deaths.
    assert_eq!(events.len(), 7473);
    let mut by_type: HashMap<Violence, usize> = HashMap::new();
    for e in &events {
        *by_type.entry(e.violence).or_default() += 1;
    }
    assert_eq!(by_type[&Violence::StateBased], 5775);
    assert_eq!(by_type[&Violence::NonState], 145);
    assert_eq!(by_type[&Violence::OneSided], 1553);
    assert_eq!(events.iter().map(|e| e.deaths_best).sum::<u64>(), 120_631);
    assert_eq!(events.iter().filter_map(|e| e.deaths_low).sum::<u64>(), 117_227);
    assert_eq!(events.iter().filter_map(|e| e.deaths_high).sum::<u64>(), 150_786);

    let first = events.iter().map(|e| e.date_start).min().expect("events");
    let last = events.iter().map(|e| e.date_end).max().expect("events");
    assert_eq!(format_date(first), "1989-01-01");
    assert_eq!(format_date(last), "2018-12-25");
    // File order is kept: the first and last records.
    assert_eq!(events[0].id, 114064);
    assert_eq!(events[events.len() - 1].id, 274540);
    assert_eq!(format_date(events[events.len() - 1].date_start), "2018-12-25");

    let mut ids: Vec<u64> = events.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len(), "ids are unique");
    assert!(events.iter().all(|e| (29.0..38.0).contains(&e.latitude) && (38.0..49.0).contains(&e.longitude)));
}

#[test]
fn real_file_spot_check_and_categories() {
    let events = events();
    let e = events.iter().find(|e| e.id == 114064).expect("event 114064");
    assert_eq!(format_date(e.date_start), "2014-01-24");
    assert_eq!(format_date(e.date_end), "2014-01-25");
    assert_eq!((e.latitude, e.longitude), (33.355813, 43.786124));
    assert_eq!((e.violence, e.where_prec), (Violence::StateBased, 1));
    assert_eq!((e.deaths_low, e.deaths_best, e.deaths_high), (Some(8), 8, Some(8)));
    assert_eq!(e.dyad_name, "Government of Iraq - IS");
    assert_eq!((e.side_a.as_str(), e.side_b.as_str()), ("Government of Iraq", "IS"));
    assert_eq!(e.adm_1, "Al Anbār province");
    assert_eq!(e.category, "terrorism");

    let mut by_category: HashMap<&str, usize> = HashMap::new();
    for e in &events {
        *by_category.entry(e.category).or_default() += 1;
    }
    // IS (4810 + 1364 + 6 + 6 + 3 + 2), Ansar al-Islam (127 + 32 + 25), Jund al-Sahaba 5.
    assert_eq!(by_category["terrorism"], 6380);
    // Government of Iraq against civilians.
    assert_eq!(by_category["security_conduct"], 113);
    // Iraq - Kuwait 1991 and the 2003 coalition invasion.
    assert_eq!(by_category["other"], 50 + 95);
    assert_eq!(by_category.get("tribal_conflict"), None);
    assert_eq!(by_category["armed_groups_weapons"], 7473 - 6380 - 113 - 145);
}
