//! The shipped item bank, data/surveys/community-security-perception.xlsx.

use std::collections::BTreeMap;

use aman_survey::xlsform::{Answer, Item, QuestionType, parse_xlsform};
use chrono::NaiveDate;

const BANK: &[u8] = include_bytes!("../../../../../data/surveys/community-security-perception.xlsx");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn item_bank_parses_with_three_languages() {
    let form = parse_xlsform(BANK).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.id, "aman_perception");
    assert_eq!(form.default_language.as_deref(), Some("ar"));
    assert!(form.version.is_some());
    let langs: Vec<&str> = form.languages.iter().map(String::as_str).collect();
    assert_eq!(langs, ["ar", "ckb", "en"]);
    assert_eq!(form.metadata, [("start".to_string(), "start".to_string()), ("end".into(), "end".into())]);
    let names: Vec<&str> = form.questions().iter().map(|q| q.name.as_str()).collect();
    for expected in [
        "consent",
        "governorate",
        "district",
        "sex",
        "age",
        "displacement",
        "safe_night",
        "trust_police",
        "trust_courts",
        "trust_local_gov",
        "trust_cso",
        "group_relations",
        "report_crime",
        "weapons",
        "youth_future",
        "victim",
        "victim_type",
        "csc_aware",
        "csc_trust",
    ] {
        assert!(names.contains(&expected), "missing {expected}");
    }
    // Every question and choice is labelled in all three languages.
    for q in form.questions() {
        assert_eq!(q.label.len(), 3, "{} labels: {:?}", q.name, q.label);
    }
    for (list, choices) in &form.choices {
        for c in choices {
            assert_eq!(c.label.len(), 3, "{list}/{}", c.name);
        }
    }
    let trust = &form.choices["trust"];
    assert!(trust.iter().any(|c| c.name == "dont_know") && trust.iter().any(|c| c.name == "refuse"));
    assert_eq!(form.question("victim_type").unwrap().kind, QuestionType::SelectMultiple("crime_type".into()));
    assert_eq!(form.question("age").unwrap().kind, QuestionType::Integer);
    // Everything after consent sits in the `main` group, relevant on consent.
    let Some(Item::Group(main)) = form.items.iter().find(|i| matches!(i, Item::Group(g) if g.name == "main")) else {
        panic!("no main group")
    };
    assert_eq!(main.relevant.as_ref().unwrap().source(), "${consent} = 'yes'");
    assert_eq!(main.items.len(), 6);
}

#[test]
fn item_bank_skip_logic() {
    let form = parse_xlsform(BANK).unwrap();
    let visible = |a: &[(&str, &str)]| -> Vec<String> {
        form.visible_questions(&answers(a), today()).iter().map(|q| q.name.clone()).collect()
    };
    // Without consent only the consent questions and the goodbye note show.
    assert_eq!(visible(&[("consent", "no")]), ["consent_note", "consent", "no_consent_note"]);
    let v = visible(&[("consent", "yes"), ("victim", "no"), ("csc_aware", "no")]);
    assert!(v.contains(&"age".to_string()) && !v.contains(&"victim_type".to_string()));
    assert!(!v.contains(&"csc_trust".to_string()) && !v.contains(&"no_consent_note".to_string()));
    let v = visible(&[("consent", "yes"), ("victim", "yes"), ("csc_aware", "yes")]);
    assert!(v.contains(&"victim_type".to_string()) && v.contains(&"csc_trust".to_string()));
}

/// Every answer an interview in Mosul needs.
fn interview() -> BTreeMap<String, String> {
    answers(&[
        ("consent", "yes"),
        ("governorate", "IQG15"),
        ("district", "Mosul"),
        ("sex", "female"),
        ("age", "34"),
        ("displacement", "returnee"),
        ("safe_night", "fairly_safe"),
        ("trust_police", "some"),
        ("trust_courts", "dont_know"),
        ("trust_local_gov", "little"),
        ("trust_cso", "a_lot"),
        ("group_relations", "good"),
        ("report_crime", "very_likely"),
        ("weapons", "very_common"),
        ("youth_future", "disagree"),
        ("victim", "no"),
        ("csc_aware", "no"),
    ])
}

#[test]
fn item_bank_validates_a_full_interview() {
    let form = parse_xlsform(BANK).unwrap();
    let mut a = interview();
    a.insert("victim_type".into(), "theft".into());
    a.insert("start".into(), "2026-03-01T10:00:00".into());
    let clean = form.validate(&a, today()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(clean["age"], Answer::Integer(34));
    assert!(!clean.contains_key("victim_type"), "hidden answer kept");
    assert!(!clean.contains_key("start"), "metadata kept");
    a.insert("age".into(), "12".into());
    a.insert("victim".into(), "yes".into());
    a.remove("victim_type");
    let errs = form.validate(&a, today()).unwrap_err();
    assert_eq!(errs["age"].code(), "constraint");
    assert_eq!(errs["age"].message("en"), Some("Age must be between 15 and 99."));
    assert!(errs["age"].message("ckb").is_some() && errs["age"].message("ar").is_some());
    assert_eq!(errs["victim_type"].code(), "required");
    assert_eq!(errs.len(), 2);
    // Without consent nothing else is required or kept.
    let clean = form.validate(&answers(&[("consent", "no"), ("age", "40")]), today()).unwrap();
    assert_eq!(clean.len(), 1);
}

#[test]
fn alone_a_respondent_is_not_asked_what_the_enumerator_fills_in() {
    let form = parse_xlsform(BANK).unwrap();
    let interviewer_only: Vec<&str> =
        form.questions().into_iter().filter(|q| q.interviewer_only).map(|q| q.name.as_str()).collect();
    assert_eq!(interviewer_only, ["district"]);
    let alone = form.self_completion();
    let names: Vec<&str> = alone.questions().iter().map(|q| q.name.as_str()).collect();
    assert!(!names.contains(&"district") && names.contains(&"governorate") && names.contains(&"csc_trust"));
    assert_eq!(names.len() + 1, form.questions().len());
    // The interview needs the district; alone it is neither asked nor kept.
    let mut a = interview();
    a.remove("district");
    assert_eq!(form.validate(&a, today()).unwrap_err()["district"].code(), "required");
    let clean = alone.validate(&interview(), today()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(!clean.contains_key("district") && clean.contains_key("governorate"));
}
