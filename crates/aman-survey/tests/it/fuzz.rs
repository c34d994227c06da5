//! The parsers of uploads never panic, whatever they are given: arbitrary
//! bytes as a workbook, zip archives holding arbitrary parts, and CSV-like
//! text for the estimates front end. A longer run:
//! `PROPTEST_CASES=100000 cargo test -p aman-survey --test it fuzz`.

use aman_survey::xlsform::parse_xlsform;
use aman_survey::{EstimateArgs, estimate_csv};
use proptest::prelude::*;
use std::io::Write;

/// A zip archive whose parts have workbook names and arbitrary content.
fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        if zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).is_ok() {
            let _ = zip.write_all(body);
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn part_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[Content_Types].xml".to_owned()),
        Just("xl/workbook.xml".to_owned()),
        Just("xl/_rels/workbook.xml.rels".to_owned()),
        Just("xl/worksheets/sheet1.xml".to_owned()),
        Just("xl/sharedStrings.xml".to_owned()),
        "[a-z/]{1,20}",
    ]
}

fn part_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"survey\" r:id=\"rId1\"/></sheets></workbook>".to_vec()),
        Just(b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>type</t></is></c></row></sheetData></worksheet>".to_vec()),
        prop::collection::vec(any::<u8>(), 0..300),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_bytes_as_a_workbook_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_xlsform(&bytes);
    }

    #[test]
    fn any_zip_as_a_workbook_never_panics(parts in prop::collection::vec((part_name(), part_body()), 0..6)) {
        let _ = parse_xlsform(&zip_of(&parts));
    }

    #[test]
    fn any_text_as_survey_csv_never_panics(text in "\\PC{0,400}", weighted in any::<bool>()) {
        let args = EstimateArgs { weight: weighted.then(|| "w".to_owned()), ..EstimateArgs::new("q") };
        let _ = estimate_csv(&format!("q,w\n{text}"), &args);
        let _ = estimate_csv(&text, &args);
    }
}

/// Input over the limits is refused before it is parsed: a survey CSV, and
/// a workbook file (whatever it would unpack to).
#[test]
fn oversized_input_is_refused_unread() {
    let huge = "a".repeat(aman_survey::MAX_INPUT_BYTES + 1);
    assert_eq!(
        estimate_csv(&huge, &EstimateArgs::new("a".to_owned())),
        Err(aman_survey::CsvError::TooLarge(huge.len()))
    );
    let workbook = vec![0u8; aman_survey::xlsform::MAX_WORKBOOK_BYTES + 1];
    let errors = parse_xlsform(&workbook).expect_err("too large").to_string();
    assert!(errors.contains("at most"), "{errors}");
}
