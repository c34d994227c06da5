//! Property tests of the expression parser: whatever text a form author (or
//! an uploaded workbook) puts in a `relevant`, `constraint` or
//! `choice_filter` cell, parsing does not panic, and whatever parses can be
//! printed, inspected and evaluated without panicking.

use std::collections::BTreeMap;

use aman_survey::xlsform::{Choice, Env, Expr, MAX_NESTING, Value};
use chrono::NaiveDate;
use proptest::prelude::*;

/// Pieces of the expression language, so that many inputs get past the lexer.
const TOKENS: &[&str] = &[
    "${age}",
    "${name}",
    "${ x }",
    "${}",
    "${a:b}",
    "${",
    ".",
    "..",
    "/",
    "@",
    "|",
    "age",
    "col",
    "1",
    "0",
    "2.5",
    "1e3",
    "1..2",
    ".5",
    "'a b'",
    "\"x\"",
    "'",
    "\"",
    "'٣'",
    "(",
    ")",
    ",",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "div",
    "mod",
    "and",
    "or",
    "not(",
    "selected(",
    "count-selected(",
    "string-length(",
    "regex(",
    "'^[0-9]+$'",
    "'('",
    "today()",
    "int(",
    "number(",
    "string(",
    "coalesce(",
    "if(",
    "concat(",
    "contains(",
    "true()",
    "false()",
    "jr:choice-name(",
    "unknown(",
    "الاسم",
    "${العمر}",
    "'نعم'",
    " ",
    "\t",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(proptest::sample::select(TOKENS), 0..40).prop_map(|tokens| tokens.concat())
}

/// Arbitrary short text: ASCII, Arabic, any printable character.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[ -~]{0,200}", "[\u{0600}-\u{06FF} ()'.,${}0-9=<>+*-]{0,200}", "\\PC{0,100}", token_soup(),]
}

fn values() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Empty),
        "\\PC{0,12}".prop_map(Value::Str),
        any::<f64>().prop_map(Value::Num),
        any::<bool>().prop_map(Value::Bool),
        (-1_000_000i32..1_000_000).prop_map(|d| Value::Date(
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(d.into())
        )),
        Just(Value::Date(NaiveDate::MIN)),
        Just(Value::Date(NaiveDate::MAX)),
    ]
}

/// Prints, inspects and evaluates `expr` against the given values.
fn exercise(expr: &Expr, source: &str, current: &Value, field: &Value, today: NaiveDate) -> Result<(), TestCaseError> {
    prop_assert_eq!(expr.source(), source);
    let _ = format!("{expr:?}");
    let refs = expr.field_refs();
    let _ = expr.column_refs();
    let fields: BTreeMap<String, Value> = refs.iter().map(|r| (r.clone(), field.clone())).collect();
    let choice = Choice {
        name: "yes".into(),
        label: BTreeMap::from([("ar".into(), "نعم".into())]),
        columns: BTreeMap::from([("col".into(), "1".into()), ("age".into(), "x".into())]),
    };
    for choice in [None, Some(&choice)] {
        let env = Env { fields: &fields, current, today, choice };
        let value = expr.eval(&env);
        let _ = (value.as_string(), value.as_number(), value.as_bool());
        let _ = expr.eval_bool(&env);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_never_panics_and_what_parses_evaluates(
        source in text(), current in values(), field in values(), today in (-100_000i32..100_000)
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default() + chrono::Duration::days(today.into());
        if let Ok(expr) = Expr::parse(&source) {
            exercise(&expr, &source, &current, &field, today)?;
        }
    }

    /// Nesting up to `MAX_NESTING` parses and evaluates like the innermost
    /// expression; deeper nesting (thousands of levels, which used to
    /// overflow the stack and abort the whole server) is refused with an
    /// error, never a crash.
    #[test]
    fn nesting_is_bounded(repeats in 0usize..=3_000, wrap in 0usize..3) {
        let (open, close, levels) = [("(", ")", 1), ("not(not(", "))", 2), ("- -", "", 2)][wrap];
        let source = format!("{}1{}", open.repeat(repeats), close.repeat(repeats));
        match Expr::parse(&source) {
            Ok(expr) => {
                prop_assert!(repeats * levels <= MAX_NESTING, "{} levels accepted", repeats * levels);
                let fields = BTreeMap::new();
                let env = Env { fields: &fields, current: &Value::Empty, today: NaiveDate::MIN, choice: None };
                prop_assert!(expr.eval_bool(&env));
                prop_assert_eq!(expr.eval(&env).as_number(), 1.0);
            }
            Err(error) => prop_assert!(repeats * levels > MAX_NESTING, "{error}"),
        }
    }
}
