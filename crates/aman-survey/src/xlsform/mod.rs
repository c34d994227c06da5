//! XLSForm survey definitions (<https://xlsform.org>, the KoboToolbox/ODK
//! spreadsheet format): parsing an `.xlsx` workbook into a [`Form`] and
//! checking submitted answers against it on the server. Pure: the workbook
//! comes in as bytes.
//!
//! # Supported subset
//! * **`survey` sheet** columns: `type`, `name`, `label`, `hint`,
//!   `required`, `required_message`, `relevant`, `constraint`,
//!   `constraint_message` (also `jr:constraintMsg`), `choice_filter`,
//!   `appearance` (kept as text), `default` (kept as text, not applied).
//!   Labels, hints and messages may be translated: `label::Arabic (ar)` (the
//!   code in parentheses is the language), `label::ar`; a column without a
//!   language belongs to the `default_language` setting, or to `"default"`.
//!   Other columns are ignored.
//! * **Types**: `select_one LIST`, `select_multiple LIST`, `integer`
//!   (`int`), `decimal`, `text` (`string`), `date`, `geopoint`, `note`,
//!   `begin_group`/`end_group` (also `begin group`/`end group`). The
//!   metadata types in [`METADATA_TYPES`] (`start`, `end`, `today`,
//!   `deviceid`, …) are accepted, listed in [`Form::metadata`] and otherwise
//!   ignored (their answers are not kept by [`Form::validate`]). Everything
//!   else — `calculate`, `begin_repeat`, `select_one_from_file`, `or_other`,
//!   `time`, `image`, … — is an error naming the sheet and row.
//! * **`required`**: `yes`/`true`/`true()`/`1` (any case), `no`/`false`/
//!   `false()`/`0`/empty, or an expression.
//! * **Expressions**: the subset of [`Expr`]; `choice_filter` may use bare
//!   names for the filtered list's columns (`name` or any extra column).
//! * **`choices` sheet**: `list_name`, `name`, `label` (translated), extra
//!   columns kept for choice filters.
//! * **`settings` sheet**: `form_id` (required), `form_title` (default: the
//!   id), `version`, `default_language`.
//!
//! # Checks (all reported together, see [`FormErrors`])
//! Unsupported types, missing names or labels, invalid or duplicate names
//! (names are unique in the whole form, choice names within their list),
//! unknown select lists, unbalanced groups, expressions that do not parse,
//! `${name}` references to unknown fields, groups or metadata, unknown
//! choice columns in filters, bad `required` values, missing `form_id`.
//! Rows are spreadsheet row numbers (the header is row 1).

mod eval;
mod expr;
mod instance;
mod parse;
mod validate;
mod xform;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use eval::{Env, Value};
pub use expr::{Expr, ExprError, MAX_NESTING, MAX_TOKENS};
pub use instance::{Instance, InstanceError, MAX_ANSWERS, MAX_DEPTH, read_instance};
pub use parse::{MAX_WORKBOOK_BYTES, parse_xlsform};
pub use validate::{Answer, CleanAnswers, ErrorKind};
pub use xform::to_xform;

/// Texts by language code (`"ar"`, `"ckb"`, `"en"`, or `"default"`).
pub type Translated = BTreeMap<String, String>;

/// The metadata question types that are accepted and ignored.
pub const METADATA_TYPES: &[&str] =
    &["start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit"];

/// A parsed XLSForm.
#[derive(Debug, Clone)]
pub struct Form {
    /// `form_id` of the settings sheet.
    pub id: String,
    /// `form_title` (the id when not given).
    pub title: String,
    /// `version`, if given.
    pub version: Option<String>,
    /// `default_language`, if given.
    pub default_language: Option<String>,
    /// Every language code that appears in a label, hint or message column.
    pub languages: BTreeSet<String>,
    /// Top-level questions and groups, in form order.
    pub items: Vec<Item>,
    /// Choice lists by `list_name`, choices in sheet order.
    pub choices: BTreeMap<String, Vec<Choice>>,
    /// Metadata fields (`name`, `type`), e.g. `("start", "start")`.
    pub metadata: Vec<(String, String)>,
}

/// A question or a group of the form.
// Forms hold tens of items, built once: plain variants read better than boxes.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item {
    /// A question (including notes).
    Question(Question),
    /// A `begin_group` … `end_group`.
    Group(Group),
}

/// A group of items, shown only when its `relevant` holds.
#[derive(Debug, Clone)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Label by language (may be empty).
    pub label: Translated,
    /// `relevant` expression.
    pub relevant: Option<Expr>,
    /// `appearance` text.
    pub appearance: Option<String>,
    /// The items inside the group.
    pub items: Vec<Item>,
    /// Spreadsheet row of `begin_group`.
    pub row: u32,
}

/// The answer type of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionType {
    /// `select_one LIST`.
    SelectOne(String),
    /// `select_multiple LIST` (answers are space-separated choice names).
    SelectMultiple(String),
    /// `integer`.
    Integer,
    /// `decimal`.
    Decimal,
    /// `text`.
    Text,
    /// `date` (`YYYY-MM-DD`).
    Date,
    /// `geopoint` (`lat lon [alt [accuracy]]`).
    Geopoint,
    /// `note` (display only, never answered).
    Note,
    /// `image`: a photo sent with the form, answered by its file name. Only
    /// forms Aman builds itself ask for one (the concern form on a device);
    /// a survey workbook may not, since survey responses keep no files.
    Image,
}

/// Whether a question must be answered (when relevant).
#[derive(Debug, Clone)]
pub enum Required {
    /// Optional.
    No,
    /// Always required.
    Yes,
    /// Required when the expression holds.
    When(Expr),
}

/// One question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Field name (unique in the form).
    pub name: String,
    /// Answer type.
    pub kind: QuestionType,
    /// Label by language.
    pub label: Translated,
    /// Hint by language.
    pub hint: Translated,
    /// Whether an answer is required.
    pub required: Required,
    /// Message shown when a required answer is missing, by language.
    pub required_message: Translated,
    /// `relevant` expression.
    pub relevant: Option<Expr>,
    /// `constraint` expression (`.` is the answer).
    pub constraint: Option<Expr>,
    /// Message shown when the constraint fails, by language.
    pub constraint_message: Translated,
    /// `choice_filter` expression (bare names are the choice's columns).
    pub choice_filter: Option<Expr>,
    /// `appearance` text.
    pub appearance: Option<String>,
    /// `default` text (not applied on the server).
    pub default: Option<String>,
    /// Asked only in an interview (the `interviewer_only` column, an Aman
    /// extension that other XLSForm tools ignore): what the enumerator fills
    /// in, never shown to a respondent completing the form alone.
    pub interviewer_only: bool,
    /// Spreadsheet row in the `survey` sheet.
    pub row: u32,
}

/// One choice of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value stored in answers.
    pub name: String,
    /// Label by language.
    pub label: Translated,
    /// Extra columns (for choice filters), by column name.
    pub columns: BTreeMap<String, String>,
}

/// One problem found while reading a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// Sheet name (`survey`, `choices`, `settings`; empty for the workbook).
    pub sheet: String,
    /// Spreadsheet row number (header = 1), if the problem is in a row.
    pub row: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.sheet.as_str(), self.row) {
            ("", _) => write!(f, "{}", self.message),
            (s, Some(r)) => write!(f, "{s} row {r}: {}", self.message),
            (s, None) => write!(f, "{s}: {}", self.message),
        }
    }
}

/// Every problem of a workbook that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormErrors(pub Vec<FormError>);

impl fmt::Display for FormErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FormErrors {}

impl Form {
    /// All questions (not groups), depth first in form order.
    pub fn questions(&self) -> Vec<&Question> {
        fn go<'a>(items: &'a [Item], out: &mut Vec<&'a Question>) {
            for item in items {
                match item {
                    Item::Question(q) => out.push(q),
                    Item::Group(g) => go(&g.items, out),
                }
            }
        }
        let mut out = Vec::new();
        go(&self.items, &mut out);
        out
    }

    /// The question named `name`.
    pub fn question(&self, name: &str) -> Option<&Question> {
        self.questions().into_iter().find(|q| q.name == name)
    }

    /// The form as a respondent completes it alone: without the questions
    /// only an interviewer asks. Expressions that name a removed question
    /// see it unanswered, as they see a question that is not relevant.
    pub fn self_completion(&self) -> Form {
        fn keep(items: &[Item]) -> Vec<Item> {
            items
                .iter()
                .filter_map(|item| match item {
                    Item::Question(q) if q.interviewer_only => None,
                    Item::Question(q) => Some(Item::Question(q.clone())),
                    Item::Group(g) => Some(Item::Group(Group { items: keep(&g.items), ..g.clone() })),
                })
                .collect()
        }
        Form { items: keep(&self.items), ..self.clone() }
    }
}

impl Question {
    /// The choice list of a select question.
    pub fn list_name(&self) -> Option<&str> {
        match &self.kind {
            QuestionType::SelectOne(l) | QuestionType::SelectMultiple(l) => Some(l),
            _ => None,
        }
    }
}
