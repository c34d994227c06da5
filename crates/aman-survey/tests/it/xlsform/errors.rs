//! Reading small workbooks: column forms, and every error reported at once.

use aman_survey::xlsform::{FormError, Item, QuestionType, Required, parse_xlsform};

use crate::xlsform::xlsx::{settings, workbook};

fn errors_of(bytes: &[u8]) -> Vec<FormError> {
    match parse_xlsform(bytes) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.0,
    }
}

fn has(errs: &[FormError], sheet: &str, row: u32, needle: &str) -> bool {
    errs.iter().any(|e| e.sheet == sheet && e.row == Some(row) && e.message.contains(needle))
}

#[test]
fn column_forms_and_structure() {
    let bytes = workbook(&[
        (
            "survey",
            vec![
                vec![
                    "type",
                    "name",
                    "label::ar",
                    "label::Kurdish (ckb)",
                    "label::English (en)",
                    "hint::English (en)",
                    "required",
                    "relevant",
                    "choice_filter",
                    "appearance",
                    "default",
                    "constraint_message::ar",
                ],
                vec!["today", "today", "", "", "", "", "", "", "", "", "", ""],
                vec!["begin group", "g1", "مجموعة", "", "Group", "", "", "", "", "field-list", "", ""],
                vec![
                    "select_one gov",
                    "gov",
                    "المحافظة",
                    "پارێزگا",
                    "Governorate",
                    "pick one",
                    "yes",
                    "",
                    "",
                    "minimal",
                    "",
                    "",
                ],
                vec!["", "", "", "", "", "", "", "", "", "", "", ""],
                vec!["begin_group", "inner", "", "", "Inner", "", "", "${gov} != ''", "", "", "", ""],
                vec![
                    "select_one district",
                    "district",
                    "القضاء",
                    "",
                    "District",
                    "",
                    "TRUE()",
                    "",
                    "gov = ${gov}",
                    "",
                    "",
                    "",
                ],
                vec!["end group", "", "", "", "", "", "", "", "", "", "", ""],
                vec!["end_group", "", "", "", "", "", "", "", "", "", "", ""],
                vec!["decimal", "score", "النتيجة", "", "Score", "", "${gov} = 'erbil'", "", "", "", "2.5", "خطأ"],
                vec!["geopoint", "where", "أين", "", "Where", "", "no", "", "", "", "", ""],
            ],
        ),
        (
            "choices",
            vec![
                vec!["list_name", "name", "label::ar", "label::English (en)", "gov"],
                vec!["gov", "erbil", "أربيل", "Erbil", ""],
                vec!["gov", "basra", "البصرة", "Basra", ""],
                vec!["district", "soran", "سوران", "Soran", "erbil"],
                vec!["district", "zubair", "الزبير", "Zubair", "basra"],
            ],
        ),
        settings("t1"),
    ]);
    let form = parse_xlsform(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((form.id.as_str(), form.title.as_str()), ("t1", "Test"));
    let langs: Vec<&str> = form.languages.iter().map(String::as_str).collect();
    assert_eq!(langs, ["ar", "ckb", "en"]);
    assert_eq!(form.metadata, [("today".to_string(), "today".to_string())]);
    assert_eq!(form.items.len(), 3);
    let Item::Group(g1) = &form.items[0] else { panic!("group expected") };
    assert_eq!((g1.name.as_str(), g1.appearance.as_deref(), g1.row), ("g1", Some("field-list"), 3));
    assert!(matches!(&g1.items[1], Item::Group(inner) if inner.items.len() == 1));
    let gov = form.question("gov").unwrap();
    assert_eq!(gov.kind, QuestionType::SelectOne("gov".into()));
    assert_eq!(gov.label["ckb"], "پارێزگا");
    assert_eq!(gov.hint["en"], "pick one");
    assert!(matches!(gov.required, Required::Yes));
    assert_eq!(gov.row, 4);
    assert!(matches!(form.question("district").unwrap().required, Required::Yes));
    let score = form.question("score").unwrap();
    assert!(matches!(&score.required, Required::When(e) if e.source() == "${gov} = 'erbil'"));
    assert_eq!(score.default.as_deref(), Some("2.5"));
    assert_eq!(score.constraint_message["ar"], "خطأ");
    assert!(matches!(form.question("where").unwrap().required, Required::No));
    assert_eq!(form.choices["district"][0].columns["gov"], "erbil");
    assert!(form.choices["gov"][0].columns.is_empty());
}

#[test]
fn every_problem_is_reported_at_once() {
    let bytes = workbook(&[
        (
            "survey",
            vec![
                vec!["type", "name", "label", "relevant", "constraint", "interviewer_only"],
                vec!["calculate", "calc", "", "", ""],                // 2
                vec!["begin_repeat", "rep", "Rep", "", ""],           // 3
                vec!["select_one nolist", "q1", "Q1", "", ""],        // 4
                vec!["integer", "q2", "Q2", "${q1} = ", ""],          // 5
                vec!["text", "q2", "Q2 again", "", ""],               // 6
                vec!["integer", "q3", "Q3", "${nobody} > 1", ""],     // 7
                vec!["end_group", "", "", "", ""],                    // 8
                vec!["begin_group", "open", "Open", "", ""],          // 9
                vec!["integer", "q4", "Q4", "", "regex(., '[')"],     // 10
                vec!["integer", "q5", "Q5", "", "pulldata('x') = 1"], // 11
                vec!["select_one yn or_other", "q6", "Q6", "", ""],   // 12
                vec!["text", "1bad", "", "", ""],                     // 13
                vec!["text", "q7", "Q7", "q3 > 1", ""],               // 14
                vec!["text", "q8", "Q8", "", "", "sometimes"],        // 15
            ],
        ),
        ("choices", vec![vec!["list_name", "name", "label"], vec!["yn", "yes", "Yes"], vec!["yn", "yes", "Yes"]]),
    ]);
    let errs = errors_of(&bytes);
    let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
    let ok = |sheet, row, needle| assert!(has(&errs, sheet, row, needle), "no {sheet} {row} {needle:?} in {shown:#?}");
    ok("survey", 2, "unsupported type 'calculate'");
    ok("survey", 3, "repeats are not supported");
    ok("survey", 4, "select list 'nolist' does not exist");
    ok("survey", 5, "relevant '${q1} =' does not parse: unexpected end of expression");
    ok("survey", 6, "duplicate name 'q2' (first used on row 5)");
    ok("survey", 7, "${nobody} in relevant refers to no field");
    ok("survey", 8, "end_group without a matching begin_group");
    ok("survey", 9, "begin_group 'open' is never closed");
    ok("survey", 10, "bad regex pattern '[': unclosed character class");
    ok("survey", 11, "function pulldata() is not supported");
    ok("survey", 12, "unsupported type 'select_one yn or_other'");
    ok("survey", 13, "invalid name '1bad'");
    ok("survey", 13, "question '1bad' has no label");
    ok("survey", 14, "bare name 'q3' in relevant");
    ok("survey", 15, "interviewer_only must be yes or no, not 'sometimes'");
    ok("choices", 3, "duplicate choice 'yes' in list 'yn'");
    assert!(errs.iter().any(|e| e.sheet == "settings" && e.message == "form_id is required"), "{shown:#?}");
    assert_eq!(errs.len(), 17, "{shown:#?}");
    assert_eq!(shown.iter().find(|s| s.contains("calculate")).unwrap(), "survey row 2: unsupported type 'calculate'");
}

#[test]
fn references_to_groups_metadata_and_bad_filters() {
    let bytes = workbook(&[
        (
            "survey",
            vec![
                vec!["type", "name", "label", "relevant", "choice_filter"],
                vec!["start", "started", "", "", ""],
                vec!["begin_group", "g", "G", "${started} != ''", ""],
                vec!["select_one l", "a", "A", "${g} = 1", "colour = 'red'"],
                vec!["text", "b", "B", "", "x = 1"],
                vec!["end_group", "", "", "", ""],
            ],
        ),
        ("choices", vec![vec!["list_name", "name", "label"], vec!["l", "x", "X"]]),
        settings("t3"),
    ]);
    let errs = errors_of(&bytes);
    assert!(has(&errs, "survey", 3, "${started} in relevant refers to a metadata field"));
    assert!(has(&errs, "survey", 4, "${g} in relevant refers to a group"));
    assert!(has(&errs, "survey", 4, "choice_filter uses 'colour'"));
    assert!(has(&errs, "survey", 5, "choice_filter on a question that is not a select"));
}

#[test]
fn not_a_workbook_and_missing_survey() {
    let errs = errors_of(b"not a zip file");
    assert!(errs[0].message.starts_with("not an .xlsx workbook"));
    let errs = errors_of(&workbook(&[settings("x")]));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].to_string(), "the workbook has no 'survey' sheet");
}

/// An expression nested thousands deep is a form error, not a stack
/// overflow that takes the server down when the form is read.
#[test]
fn deeply_nested_expressions_are_refused() {
    let deep = format!("{}1{}", "(".repeat(100), ")".repeat(100));
    let deep_not = format!("{}true(){}", "not(".repeat(40), ")".repeat(40));
    let long = format!("{}1{}", "(".repeat(5_000), ")".repeat(5_000));
    let bytes = workbook(&[
        (
            "survey",
            vec![
                vec!["type", "name", "label", "relevant", "constraint"],
                vec!["integer", "a", "A", "", ""],
                vec!["integer", "b", "B", deep.as_str(), ""],
                vec!["integer", "c", "C", "", deep_not.as_str()],
                vec!["integer", "d", "D", long.as_str(), ""],
            ],
        ),
        settings("deep"),
    ]);
    let errs = errors_of(&bytes);
    assert!(has(&errs, "survey", 3, "nested too deeply"), "{errs:?}");
    assert!(has(&errs, "survey", 4, "nested too deeply"), "{errs:?}");
    assert!(has(&errs, "survey", 5, "expression too long"), "{errs:?}");
    assert!(errs.iter().all(|e| e.message.len() < 400), "messages quote only the start: {errs:?}");
}

/// A small workbook that would unpack to more than the limit is refused
/// before it is unpacked.
#[test]
fn a_workbook_that_unpacks_too_far_is_refused() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).expect("part");
    let block = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&block).expect("write");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(bytes.len() < 1 << 20, "a small upload: {} bytes", bytes.len());
    let errs = errors_of(&bytes);
    assert!(errs.iter().any(|e| e.message.contains("unpacks to")), "{errs:?}");
}
