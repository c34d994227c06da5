//! Server-side relevance and validation of submitted answers.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;

use super::eval::{Env, Value, parse_date};
use super::{Choice, Form, Item, Question, QuestionType, Required, Translated};

/// A checked, typed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `text`.
    Text(String),
    /// `integer`.
    Integer(i64),
    /// `decimal`.
    Decimal(f64),
    /// `date`.
    Date(NaiveDate),
    /// `geopoint`: latitude, longitude, altitude and accuracy (metres).
    Geopoint {
        /// Latitude in degrees (−90…90).
        lat: f64,
        /// Longitude in degrees (−180…180).
        lon: f64,
        /// Altitude, if given.
        alt: Option<f64>,
        /// Accuracy, if given.
        accuracy: Option<f64>,
    },
    /// `select_one`: the choice name.
    SelectOne(String),
    /// `select_multiple`: the choice names, in the order given, without repeats.
    SelectMultiple(Vec<String>),
}

/// The answers of relevant questions, typed, by question name.
pub type CleanAnswers = BTreeMap<String, Answer>;

/// Why an answer was rejected. [`ErrorKind::code`] gives a stable snake_case code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// `required`: a required relevant question is unanswered (with the
    /// form's `required_message` by language, possibly empty).
    Required {
        /// Message by language.
        message: Translated,
    },
    /// `not_integer`.
    NotInteger,
    /// `not_decimal`.
    NotDecimal,
    /// `not_date`: not `YYYY-MM-DD`.
    NotDate,
    /// `not_geopoint`: not `lat lon [alt [accuracy]]` within range.
    NotGeopoint,
    /// `unknown_choice`: not in the list (or filtered out by `choice_filter`).
    UnknownChoice,
    /// `constraint`: the constraint is false (with the form's
    /// `constraint_message` by language, possibly empty).
    Constraint {
        /// Message by language.
        message: Translated,
    },
}

impl ErrorKind {
    /// The stable code, e.g. `"not_integer"`.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Required { .. } => "required",
            ErrorKind::NotInteger => "not_integer",
            ErrorKind::NotDecimal => "not_decimal",
            ErrorKind::NotDate => "not_date",
            ErrorKind::NotGeopoint => "not_geopoint",
            ErrorKind::UnknownChoice => "unknown_choice",
            ErrorKind::Constraint { .. } => "constraint",
        }
    }

    /// The form's message for this error in `lang`, if any.
    pub fn message(&self, lang: &str) -> Option<&str> {
        match self {
            ErrorKind::Required { message } | ErrorKind::Constraint { message } => {
                message.get(lang).map(String::as_str)
            }
            _ => None,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

fn raw_answer<'a>(answers: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    answers.get(name).map(String::as_str).filter(|s| !s.trim().is_empty())
}

fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.contains(|c: char| c.is_alphabetic()) {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Checks the type of a non-empty raw answer (choices are checked apart).
fn parse_answer(kind: &QuestionType, raw: &str) -> Result<Answer, ErrorKind> {
    let t = raw.trim();
    Ok(match kind {
        QuestionType::Text | QuestionType::Note | QuestionType::Image => Answer::Text(raw.to_string()),
        QuestionType::Integer => Answer::Integer(t.parse().map_err(|_| ErrorKind::NotInteger)?),
        QuestionType::Decimal => Answer::Decimal(parse_number(t).ok_or(ErrorKind::NotDecimal)?),
        QuestionType::Date => Answer::Date(parse_date(t).ok_or(ErrorKind::NotDate)?),
        QuestionType::Geopoint => {
            let parts: Option<Vec<f64>> = t.split_whitespace().map(parse_number).collect();
            match parts.as_deref() {
                Some(&[lat, lon, ref rest @ ..])
                    if rest.len() <= 2
                        && (-90.0..=90.0).contains(&lat)
                        && (-180.0..=180.0).contains(&lon)
                        && rest.get(1).is_none_or(|a| *a >= 0.0) =>
                {
                    Answer::Geopoint { lat, lon, alt: rest.first().copied(), accuracy: rest.get(1).copied() }
                }
                _ => return Err(ErrorKind::NotGeopoint),
            }
        }
        QuestionType::SelectOne(_) => Answer::SelectOne(t.to_string()),
        QuestionType::SelectMultiple(_) => {
            let mut seen = BTreeSet::new();
            Answer::SelectMultiple(t.split_whitespace().filter(|v| seen.insert(*v)).map(str::to_string).collect())
        }
    })
}

/// The value an answer has in expressions (the raw text when it does not
/// have the question's type).
fn to_value(kind: &QuestionType, raw: &str) -> Value {
    match parse_answer(kind, raw) {
        Ok(Answer::Integer(i)) => Value::Num(i as f64),
        Ok(Answer::Decimal(d)) => Value::Num(d),
        Ok(Answer::Date(d)) => Value::Date(d),
        Ok(Answer::SelectMultiple(v)) => Value::Str(v.join(" ")),
        Ok(Answer::SelectOne(s)) => Value::Str(s),
        _ => Value::Str(raw.to_string()),
    }
}

impl Form {
    /// Typed values of every answered question.
    fn values(&self, answers: &BTreeMap<String, String>) -> BTreeMap<String, Value> {
        self.questions()
            .into_iter()
            .filter(|q| q.kind != QuestionType::Note)
            .filter_map(|q| raw_answer(answers, &q.name).map(|raw| (q.name.clone(), to_value(&q.kind, raw))))
            .collect()
    }

    /// The relevant questions, and the values of the relevant ones only.
    ///
    /// A non-relevant question's answer counts as empty in every expression,
    /// as in ODK; since expressions may refer forward, relevance is
    /// recomputed until it no longer changes.
    fn relevance(
        &self,
        answers: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> (Vec<&Question>, BTreeMap<String, Value>) {
        fn walk<'a>(
            items: &'a [Item],
            values: &BTreeMap<String, Value>,
            today: NaiveDate,
            out: &mut Vec<&'a Question>,
        ) {
            for item in items {
                let (relevant, current) = match item {
                    Item::Question(q) => (&q.relevant, values.get(&q.name).unwrap_or(&Value::Empty)),
                    Item::Group(g) => (&g.relevant, &Value::Empty),
                };
                let env = Env { fields: values, current, today, choice: None };
                if relevant.as_ref().is_some_and(|e| !e.eval_bool(&env)) {
                    continue;
                }
                match item {
                    Item::Question(q) => out.push(q),
                    Item::Group(g) => walk(&g.items, values, today, out),
                }
            }
        }
        let all = self.values(answers);
        let mut values = all.clone();
        let mut visible = Vec::new();
        for _ in 0..=all.len() + 1 {
            visible.clear();
            walk(&self.items, &values, today, &mut visible);
            let names: BTreeSet<&str> = visible.iter().map(|q| q.name.as_str()).collect();
            let next: BTreeMap<String, Value> =
                all.iter().filter(|(k, _)| names.contains(k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
            if next == values {
                break;
            }
            values = next;
        }
        (visible, values)
    }

    /// The questions to show given the answers so far (`relevant` of the
    /// question and of every enclosing group), in form order. Notes included.
    pub fn visible_questions(&self, answers: &BTreeMap<String, String>, today: NaiveDate) -> Vec<&Question> {
        self.relevance(answers, today).0
    }

    /// The choices a select question offers given the answers so far
    /// (its list filtered by `choice_filter`); empty for other questions.
    pub fn choices_for(
        &self,
        question: &Question,
        answers: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Vec<&Choice> {
        let values = self.relevance(answers, today).1;
        self.filtered_choices(question, &values, today)
    }

    fn filtered_choices(&self, q: &Question, values: &BTreeMap<String, Value>, today: NaiveDate) -> Vec<&Choice> {
        let Some(list) = q.list_name().and_then(|l| self.choices.get(l)) else { return Vec::new() };
        let current = values.get(&q.name).cloned().unwrap_or(Value::Empty);
        list.iter()
            .filter(|c| {
                q.choice_filter
                    .as_ref()
                    .is_none_or(|f| f.eval_bool(&Env { fields: values, current: &current, today, choice: Some(c) }))
            })
            .collect()
    }

    /// Checks submitted answers (raw strings by question name, as a form
    /// posts them; blank means unanswered): `required` for relevant questions
    /// only, the answer types, choices (honouring `choice_filter`) and
    /// constraints (only on non-empty answers, `.` being the answer). Answers
    /// of non-relevant questions, notes, metadata and unknown names are
    /// dropped. Errors are by question name.
    pub fn validate(
        &self,
        answers: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Result<CleanAnswers, BTreeMap<String, ErrorKind>> {
        let (visible, values) = self.relevance(answers, today);
        let mut clean = CleanAnswers::new();
        let mut errors = BTreeMap::new();
        for q in visible {
            if q.kind == QuestionType::Note {
                continue;
            }
            let Some(raw) = raw_answer(answers, &q.name) else {
                let env = Env { fields: &values, current: &Value::Empty, today, choice: None };
                let required = match &q.required {
                    Required::No => false,
                    Required::Yes => true,
                    Required::When(e) => e.eval_bool(&env),
                };
                if required {
                    errors.insert(q.name.clone(), ErrorKind::Required { message: q.required_message.clone() });
                }
                continue;
            };
            match self.check_one(q, raw, &values, today) {
                Ok(a) => {
                    clean.insert(q.name.clone(), a);
                }
                Err(e) => {
                    errors.insert(q.name.clone(), e);
                }
            }
        }
        if errors.is_empty() { Ok(clean) } else { Err(errors) }
    }

    fn check_one(
        &self,
        q: &Question,
        raw: &str,
        values: &BTreeMap<String, Value>,
        today: NaiveDate,
    ) -> Result<Answer, ErrorKind> {
        let answer = parse_answer(&q.kind, raw)?;
        let offered = || self.filtered_choices(q, values, today);
        match &answer {
            Answer::SelectOne(v) if !offered().iter().any(|c| &c.name == v) => return Err(ErrorKind::UnknownChoice),
            Answer::SelectMultiple(vs) => {
                let offered = offered();
                if !vs.iter().all(|v| offered.iter().any(|c| &c.name == v)) {
                    return Err(ErrorKind::UnknownChoice);
                }
            }
            _ => {}
        }
        if let Some(c) = &q.constraint {
            let current = values.get(&q.name).cloned().unwrap_or(Value::Empty);
            if !c.eval_bool(&Env { fields: values, current: &current, today, choice: None }) {
                return Err(ErrorKind::Constraint { message: q.constraint_message.clone() });
            }
        }
        Ok(answer)
    }
}
