//! The parsers of outside data never panic, whatever they are given: any
//! text, and text shaped like their input with random cells. A longer run:
//! `PROPTEST_CASES=200000 cargo test -p aman-detect --test it fuzz`.

use aman_detect::parse_ucdp;
use aman_detect::{EarsParams, Frequency, Method};
use aman_detect::{detect_csv, parse_series};
use proptest::prelude::*;

/// Lines of comma-separated cells drawn from what the parsers expect and
/// from what breaks them (quotes, huge numbers, odd dates, empty cells).
fn csv_like() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just("series".to_owned()),
        Just("date".to_owned()),
        Just("count".to_owned()),
        Just("2026-11-29".to_owned()),
        Just("+262142-01-01".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1".to_owned()),
        Just("\"a,\"\"b\"".to_owned()),
        Just(String::new()),
        "[0-9]{1,4}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(prop::collection::vec(cell, 0..6).prop_map(|cells| cells.join(",")), 0..12)
        .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn series_csv_never_panics(text in prop_oneof![csv_like(), "\\PC{0,400}"]) {
        let _ = parse_series(&text, Frequency::Day);
        let _ = parse_series(&text, Frequency::Week);
        let _ = detect_csv(&text, Frequency::Day, &Method::EarsC1(EarsParams::default()));
    }

    #[test]
    fn ucdp_csv_never_panics(text in prop_oneof![csv_like(), "\\PC{0,400}"]) {
        let _ = parse_ucdp(&text);
        let with_header = format!("id,date_start,deaths_best,latitude,longitude,type_of_violence\n{text}");
        let _ = parse_ucdp(&with_header);
    }
}

/// Input over the limit is refused before it is parsed, by both parsers.
#[test]
fn oversized_input_is_refused_unread() {
    let huge = "a".repeat(aman_detect::MAX_INPUT_BYTES + 1);
    let series = parse_series(&huge, Frequency::Day).expect_err("too large");
    assert!(series.message.contains("at most"), "{series:?}");
    let events = parse_ucdp(&huge).expect_err("too large");
    assert!(events.message.contains("at most"), "{events:?}");
}
