//! `Form::validate` and `Form::visible_questions` on a small form.

use std::collections::BTreeMap;

use aman_survey::xlsform::{Answer, Form, parse_xlsform};
use chrono::NaiveDate;

use crate::xlsform::xlsx::{settings, workbook};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn form() -> Form {
    let head = vec![
        "type",
        "name",
        "label",
        "required",
        "relevant",
        "constraint",
        "constraint_message::Arabic (ar)",
        "constraint_message::English (en)",
        "required_message",
        "choice_filter",
    ];
    let bytes = workbook(&[
        (
            "survey",
            vec![
                head,
                vec!["select_one yn", "consent", "Consent?", "yes", "", "", "", "", "", ""],
                vec!["begin_group", "main", "Main", "", "${consent} = 'yes'", "", "", "", "", ""],
                vec![
                    "integer",
                    "age",
                    "Age",
                    "yes",
                    "",
                    ". >= 15 and . <= 99",
                    "العمر بين 15 و99",
                    "Age 15–99",
                    "Please give the age",
                    "",
                ],
                vec!["decimal", "income", "Income", "", "", ". >= 0", "", "", "", ""],
                vec!["date", "visit", "Visit", "", "", ". <= today()", "", "Not in the future", "", ""],
                vec!["geopoint", "where", "Where", "", "", "", "", "", "", ""],
                vec!["select_one yn", "victim", "Victim?", "yes", "", "", "", "", "", ""],
                vec![
                    "select_multiple crime",
                    "crimes",
                    "Which?",
                    "yes",
                    "${victim} = 'yes'",
                    "count-selected(.) <= 2",
                    "",
                    "At most two",
                    "",
                    "",
                ],
                vec!["select_one gov", "gov", "Gov", "", "", "", "", "", "", ""],
                vec!["select_one district", "district", "District", "${gov} != ''", "", "", "", "", "", "gov = ${gov}"],
                vec!["note", "bye", "Bye", "", "", "", "", "", "", ""],
                vec!["end_group", "", "", "", "", "", "", "", "", ""],
            ],
        ),
        (
            "choices",
            vec![
                vec!["list_name", "name", "label", "gov"],
                vec!["yn", "yes", "Yes", ""],
                vec!["yn", "no", "No", ""],
                vec!["crime", "theft", "Theft", ""],
                vec!["crime", "assault", "Assault", ""],
                vec!["crime", "threats", "Threats", ""],
                vec!["gov", "erbil", "Erbil", ""],
                vec!["gov", "basra", "Basra", ""],
                vec!["district", "soran", "Soran", "erbil"],
                vec!["district", "zubair", "Zubair", "basra"],
            ],
        ),
        settings("v"),
    ]);
    parse_xlsform(&bytes).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn visible_questions_follow_group_and_question_relevance() {
    let f = form();
    let names = |a: &[(&str, &str)]| -> Vec<String> {
        f.visible_questions(&answers(a), today()).iter().map(|q| q.name.clone()).collect()
    };
    assert_eq!(names(&[]), ["consent"]);
    assert_eq!(names(&[("consent", "no"), ("age", "30")]), ["consent"]);
    let v = names(&[("consent", "yes"), ("victim", "no")]);
    assert_eq!(v, ["consent", "age", "income", "visit", "where", "victim", "gov", "district", "bye"]);
    assert!(names(&[("consent", "yes"), ("victim", "yes")]).contains(&"crimes".to_string()));
}

#[test]
fn hidden_answers_are_dropped_and_not_required() {
    let f = form();
    let a = answers(&[("consent", "no"), ("age", "not a number"), ("crimes", "bogus"), ("junk", "x")]);
    let clean = f.validate(&a, today()).unwrap();
    assert_eq!(clean.into_iter().collect::<Vec<_>>(), [("consent".to_string(), Answer::SelectOne("no".into()))]);
    // Relevant now: age and victim required, crimes hidden while victim = no.
    let errs = f.validate(&answers(&[("consent", "yes"), ("crimes", "theft")]), today()).unwrap_err();
    let codes: Vec<(&str, &str)> = errs.iter().map(|(k, v)| (k.as_str(), v.code())).collect();
    assert_eq!(codes, [("age", "required"), ("victim", "required")]);
    assert_eq!(errs["age"].message("en"), Some("Please give the age"));
    let clean =
        f.validate(&answers(&[("consent", "yes"), ("age", "40"), ("victim", "no"), ("crimes", "theft")]), today());
    assert!(!clean.unwrap().contains_key("crimes"));
}

#[test]
fn types_choices_and_constraints() {
    let f = form();
    let base = [("consent", "yes"), ("age", "40"), ("victim", "yes"), ("crimes", "theft")];
    let check = |extra: &[(&str, &str)]| {
        let mut a = answers(&base);
        a.extend(answers(extra));
        f.validate(&a, today())
    };
    let code = |extra: &[(&str, &str)], q: &str| check(extra).unwrap_err()[q].code();
    assert_eq!(code(&[("age", "4o")], "age"), "not_integer");
    assert_eq!(code(&[("age", "40.5")], "age"), "not_integer");
    assert_eq!(code(&[("income", "lots")], "income"), "not_decimal");
    assert_eq!(code(&[("visit", "2026-02-30")], "visit"), "not_date");
    assert_eq!(code(&[("visit", "1/3/2026")], "visit"), "not_date");
    assert_eq!(code(&[("where", "36.19")], "where"), "not_geopoint");
    assert_eq!(code(&[("where", "136.19 44.01")], "where"), "not_geopoint");
    assert_eq!(code(&[("victim", "maybe")], "victim"), "unknown_choice");
    assert_eq!(code(&[("crimes", "theft arson")], "crimes"), "unknown_choice");
    assert_eq!(code(&[("income", "-1")], "income"), "constraint");
    assert_eq!(code(&[("visit", "2026-03-02")], "visit"), "constraint");
    // Choice filter: Soran is in Erbil, not Basra; district is required once gov is given.
    assert_eq!(code(&[("gov", "basra"), ("district", "soran")], "district"), "unknown_choice");
    assert_eq!(code(&[("gov", "basra")], "district"), "required");
    let errs = check(&[("age", "12"), ("crimes", "theft assault threats")]).unwrap_err();
    assert_eq!(errs["age"].message("ar"), Some("العمر بين 15 و99"));
    assert_eq!(errs["age"].message("en"), Some("Age 15–99"));
    assert_eq!(errs["crimes"].message("en"), Some("At most two"));
    assert_eq!(errs["crimes"].code(), "constraint");

    let clean = check(&[
        ("income", " 1250.5 "),
        ("visit", "2026-03-01"),
        ("where", "36.19 44.01 410 5"),
        ("crimes", "threats theft threats"),
        ("gov", "erbil"),
        ("district", "soran"),
        ("bye", "ignored"),
    ])
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(clean["income"], Answer::Decimal(1250.5));
    assert_eq!(clean["visit"], Answer::Date(today()));
    assert_eq!(clean["where"], Answer::Geopoint { lat: 36.19, lon: 44.01, alt: Some(410.0), accuracy: Some(5.0) });
    assert_eq!(clean["crimes"], Answer::SelectMultiple(vec!["threats".into(), "theft".into()]));
    assert_eq!(clean["district"], Answer::SelectOne("soran".into()));
    assert!(!clean.contains_key("bye"));
    let offered: Vec<&str> = f
        .choices_for(f.question("district").unwrap(), &answers(&[("consent", "yes"), ("gov", "basra")]), today())
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(offered, ["zubair"]);
}
