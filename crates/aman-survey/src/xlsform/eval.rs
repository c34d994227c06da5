//! Evaluation of [`Expr`] with XPath 1.0 / ODK value semantics.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Choice;
use super::expr::{BinOp, Expr, Func, Node};

/// A value during evaluation.
///
/// Conversions follow XPath 1.0 as ODK uses it: an unanswered field is
/// [`Value::Empty`], which behaves as the empty string (and as NaN in
/// arithmetic or `<`); a date compares with another date or a date string by
/// day, and counts as days since 1970-01-01 in arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Unanswered.
    Empty,
    /// Text (also select answers: select_multiple is space-separated).
    Str(String),
    /// A number (integer and decimal answers).
    Num(f64),
    /// A boolean (results of comparisons, `and`, `or`, …).
    Bool(bool),
    /// A date (date answers and `today()`).
    Date(NaiveDate),
}

/// What an expression is evaluated against.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    /// Answers by field name (missing = unanswered).
    pub fields: &'a BTreeMap<String, Value>,
    /// The value of `.` (the answer being constrained).
    pub current: &'a Value,
    /// What `today()` returns (the server never reads the clock here).
    pub today: NaiveDate,
    /// The choice whose columns bare names refer to (`choice_filter`).
    pub choice: Option<&'a Choice>,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Parses a strict `YYYY-MM-DD` date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn fmt_num(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity".into() } else { "-Infinity".into() }
    } else if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl Value {
    /// The XPath `string()` of the value.
    pub fn as_string(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Str(s) => s.clone(),
            Value::Num(n) => fmt_num(*n),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// The XPath `number()` of the value (NaN when not a number).
    pub fn as_number(&self) -> f64 {
        match self {
            Value::Empty => f64::NAN,
            Value::Str(s) => {
                let t = s.trim();
                if t.is_empty() || t.contains(|c: char| c.is_alphabetic()) {
                    f64::NAN
                } else {
                    t.parse().unwrap_or(f64::NAN)
                }
            }
            Value::Num(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Date(d) => (*d - epoch()).num_days() as f64,
        }
    }

    /// The XPath `boolean()` of the value.
    pub fn as_bool(&self) -> bool {
        match self {
            Value::Empty => false,
            Value::Str(s) => !s.is_empty(),
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Bool(b) => *b,
            Value::Date(_) => true,
        }
    }

    fn is_empty_str(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Str(s) => s.is_empty(),
            _ => false,
        }
    }

    /// The value as a date, if it is one or a `YYYY-MM-DD` string.
    fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Str(s) => parse_date(s),
            _ => None,
        }
    }
}

impl Expr {
    /// Evaluates the expression.
    pub fn eval(&self, env: &Env<'_>) -> Value {
        eval(&self.node, env)
    }

    /// Evaluates the expression and takes its `boolean()`.
    pub fn eval_bool(&self, env: &Env<'_>) -> bool {
        self.eval(env).as_bool()
    }
}

fn eval(node: &Node, env: &Env<'_>) -> Value {
    match node {
        Node::Num(n) => Value::Num(*n),
        Node::Str(s) => Value::Str(s.clone()),
        Node::Field(f) => env.fields.get(f).cloned().unwrap_or(Value::Empty),
        Node::Current => env.current.clone(),
        Node::Column(c) => match env.choice {
            Some(ch) if c == "name" => Value::Str(ch.name.clone()),
            Some(ch) => ch.columns.get(c).map_or(Value::Empty, |v| Value::Str(v.clone())),
            None => Value::Empty,
        },
        Node::Neg(a) => Value::Num(-eval(a, env).as_number()),
        Node::Bin(op, a, b) => binary(*op, a, b, env),
        Node::Regex(subject, re) => Value::Bool(re.is_match(&eval(subject, env).as_string())),
        Node::Call(f, args) => call(*f, args, env),
    }
}

fn binary(op: BinOp, a: &Node, b: &Node, env: &Env<'_>) -> Value {
    match op {
        BinOp::Or => return Value::Bool(eval(a, env).as_bool() || eval(b, env).as_bool()),
        BinOp::And => return Value::Bool(eval(a, env).as_bool() && eval(b, env).as_bool()),
        _ => {}
    }
    let (x, y) = (eval(a, env), eval(b, env));
    let num = |f: fn(f64, f64) -> f64| Value::Num(f(x.as_number(), y.as_number()));
    match op {
        BinOp::Eq => Value::Bool(equal(&x, &y)),
        BinOp::Ne => Value::Bool(!equal(&x, &y)),
        BinOp::Lt => Value::Bool(compare(&x, &y, |a, b| a < b)),
        BinOp::Le => Value::Bool(compare(&x, &y, |a, b| a <= b)),
        BinOp::Gt => Value::Bool(compare(&x, &y, |a, b| a > b)),
        BinOp::Ge => Value::Bool(compare(&x, &y, |a, b| a >= b)),
        BinOp::Add => num(|a, b| a + b),
        BinOp::Sub => num(|a, b| a - b),
        BinOp::Mul => num(|a, b| a * b),
        BinOp::Div => num(|a, b| a / b),
        BinOp::Mod => num(|a, b| a % b),
        BinOp::Or | BinOp::And => Value::Bool(false),
    }
}

/// XPath `=`: booleans compare as booleans, then numbers as numbers (a
/// non-number is unequal to every number), dates by day, otherwise strings.
fn equal(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Bool(_), _) | (_, Value::Bool(_)) => x.as_bool() == y.as_bool(),
        (Value::Num(_), _) | (_, Value::Num(_)) => x.as_number() == y.as_number(),
        (Value::Date(_), _) | (_, Value::Date(_)) => match (x.as_date(), y.as_date()) {
            (Some(a), Some(b)) => a == b,
            _ => x.as_string() == y.as_string(),
        },
        _ => x.as_string() == y.as_string(),
    }
}

/// XPath relational operators compare numbers; a date on either side turns a
/// date string on the other into a date. Anything that is not a number is
/// NaN, and every comparison with NaN is false.
fn compare(x: &Value, y: &Value, f: fn(f64, f64) -> bool) -> bool {
    let dated = matches!(x, Value::Date(_)) || matches!(y, Value::Date(_));
    let as_num = |v: &Value| match v.as_date() {
        Some(d) if dated => (d - epoch()).num_days() as f64,
        _ => v.as_number(),
    };
    f(as_num(x), as_num(y))
}

fn call(f: Func, args: &[Node], env: &Env<'_>) -> Value {
    let arg = |i: usize| args.get(i).map_or(Value::Empty, |a| eval(a, env));
    match f {
        Func::Not => Value::Bool(!arg(0).as_bool()),
        Func::True => Value::Bool(true),
        Func::False => Value::Bool(false),
        Func::Selected => {
            let list = arg(0).as_string();
            let wanted = arg(1).as_string();
            let wanted = wanted.trim();
            Value::Bool(list.split_whitespace().any(|v| v == wanted))
        }
        Func::CountSelected => Value::Num(arg(0).as_string().split_whitespace().count() as f64),
        Func::StringLength => Value::Num(arg(0).as_string().chars().count() as f64),
        Func::Today => Value::Date(env.today),
        Func::Int => Value::Num(arg(0).as_number().trunc()),
        Func::Number => Value::Num(arg(0).as_number()),
        Func::Str => Value::Str(arg(0).as_string()),
        Func::Coalesce => {
            let a = arg(0);
            if a.is_empty_str() { arg(1) } else { a }
        }
        Func::If => {
            if arg(0).as_bool() {
                arg(1)
            } else {
                arg(2)
            }
        }
        Func::Concat => Value::Str((0..args.len()).map(|i| arg(i).as_string()).collect()),
        Func::Contains => Value::Bool(arg(0).as_string().contains(&arg(1).as_string())),
    }
}
