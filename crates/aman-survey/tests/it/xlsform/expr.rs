//! The expression subset: parsing and ODK value semantics.

use std::collections::BTreeMap;

use aman_survey::xlsform::{Env, Expr, Value};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn fields() -> BTreeMap<String, Value> {
    [
        ("age", Value::Num(34.0)),
        ("name", Value::Str("Layla".into())),
        ("fruits", Value::Str("apple banana".into())),
        ("code", Value::Str("7".into())),
        ("born", Value::Date(NaiveDate::from_ymd_opt(1990, 5, 17).unwrap())),
        ("consent", Value::Str("yes".into())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn eval_with(src: &str, current: Value) -> Value {
    let f = fields();
    let expr = Expr::parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    expr.eval(&Env { fields: &f, current: &current, today: today(), choice: None })
}

fn eval(src: &str) -> Value {
    eval_with(src, Value::Empty)
}

fn truth(src: &str) -> bool {
    eval(src).as_bool()
}

#[test]
fn comparisons_and_logic() {
    assert!(truth("${age} >= 18 and ${age} < 35"));
    assert!(truth("${age} = 34"));
    assert!(truth("${age} = '34'"), "number vs numeric string compares as numbers");
    assert!(truth("${code} = 7 and ${code} = '7'"));
    assert!(truth("${consent} = 'yes' or ${age} > 100"));
    assert!(truth("not(${consent} = \"no\")"));
    assert!(truth("${name} != 'Omar'"));
    assert!(!truth("${name} > 3"), "non-numbers are NaN in <, >");
    assert!(truth("(1 + 2) * 3 = 9 and 1 + 2 * 3 = 7"));
    assert!(truth("1 < 2 = true()"), "relational binds tighter than equality");
}

#[test]
fn empty_answers() {
    assert!(truth("${missing} = ''"));
    assert!(!truth("${missing} != ''"));
    assert!(!truth("${missing} = 0"));
    assert!(truth("${missing} != 0"));
    assert!(!truth("${missing} > 0") && !truth("${missing} <= 0"));
    assert!(!truth("${missing}"));
    assert_eq!(eval("string-length(${missing})"), Value::Num(0.0));
    assert_eq!(eval("count-selected(${missing})"), Value::Num(0.0));
    assert_eq!(eval("coalesce(${missing}, 'none')"), Value::Str("none".into()));
    assert_eq!(eval("coalesce(${name}, 'none')"), Value::Str("Layla".into()));
    assert!(eval("${missing} + 1").as_number().is_nan());
}

#[test]
fn arithmetic() {
    assert_eq!(eval("7 div 2"), Value::Num(3.5));
    assert_eq!(eval("7 mod 3"), Value::Num(1.0));
    assert_eq!(eval("-7 mod 3"), Value::Num(-1.0));
    assert_eq!(eval("${age} * 2 - -1"), Value::Num(69.0));
    assert_eq!(eval("int(7 div 2)"), Value::Num(3.0));
    assert_eq!(eval("int(-3.7)"), Value::Num(-3.0));
    assert_eq!(eval("number('4.5') + 1"), Value::Num(5.5));
    assert_eq!(eval("1 div 0"), Value::Num(f64::INFINITY));
    assert_eq!(eval("concat(${name}, '-', 3, '/', 2.5)"), Value::Str("Layla-3/2.5".into()));
}

#[test]
fn functions() {
    assert!(truth("selected(${fruits}, 'banana')"));
    assert!(!truth("selected(${fruits}, 'ban')"));
    assert_eq!(eval("count-selected(${fruits})"), Value::Num(2.0));
    assert_eq!(eval("string-length('سلام')"), Value::Num(4.0));
    assert_eq!(eval("if(${age} > 30, 'older', 'younger')"), Value::Str("older".into()));
    assert!(truth("regex(${name}, '^[A-Z][a-z]+$')"));
    assert!(!truth("regex(${name}, '^[0-9]+$')"));
    assert!(truth("contains(${fruits}, 'nan')"));
    assert!(truth("true() and not(false())"));
}

#[test]
fn dates() {
    assert_eq!(eval("today()"), Value::Date(today()));
    assert!(truth("${born} < today()"));
    assert!(truth("${born} = '1990-05-17'"));
    assert!(truth("'2026-02-28' < today() and '2026-03-02' > today()"));
    assert!(truth("today() - ${born} > 365 * 35"));
    assert_eq!(eval("string(today())"), Value::Str("2026-03-01".into()));
}

#[test]
fn current_value_in_constraints() {
    assert!(eval_with(". >= 15 and . <= 99", Value::Num(34.0)).as_bool());
    assert!(!eval_with(". >= 15 and . <= 99", Value::Num(12.0)).as_bool());
    assert!(eval_with("string-length(.) = 5", Value::Str("abcde".into())).as_bool());
    assert!(eval_with("regex(., '^07[0-9]{9}$')", Value::Str("07701234567".into())).as_bool());
    assert!(eval_with(". mod 2 = 0", Value::Num(4.0)).as_bool());
    assert!(eval_with(".5 + . = 1", Value::Num(0.5)).as_bool());
}

#[test]
fn references_and_parse_errors() {
    let e = Expr::parse("${a} + ${b} > col and selected(${a}, name)").unwrap();
    assert_eq!(e.field_refs().into_iter().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(e.column_refs().into_iter().collect::<Vec<_>>(), ["col", "name"]);
    for (src, msg) in [
        ("", "empty expression"),
        ("${a} =", "unexpected end"),
        ("(1 + 2", "missing ')'"),
        ("'abc", "unclosed string"),
        ("${a", "unclosed ${"),
        ("/data/a = 1", "paths"),
        ("../a = 1", "'..'"),
        ("pulldata('a', 'b')", "pulldata() is not supported"),
        ("selected(${a})", "selected() takes 2 argument(s), got 1"),
        ("regex(., ${p})", "must be a literal"),
        ("regex(., '(')", "bad regex pattern"),
        ("jr:choice-name(${a}, 'x')", "'jr:choice-name' is not supported"),
        ("1 2", "after the end"),
        ("a # b", "unexpected character '#'"),
    ] {
        let err = Expr::parse(src).expect_err(src).to_string();
        assert!(err.contains(msg), "{src:?}: {err:?} lacks {msg:?}");
    }
}
