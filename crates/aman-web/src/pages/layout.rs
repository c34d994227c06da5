//! What every page shares: the layout's navigation, select options, area
//! labels, dates in Iraq time, rendering, and the error page.

use crate::error::{AppError, field_message};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};

/// What the layout needs besides the translator.
pub struct Nav {
    /// The current path, for the language links.
    pub path: String,
    pub staff: Option<NavStaff>,
}

pub struct NavStaff {
    pub csrf: String,
    /// Show the link to the audit log.
    pub sees_audit: bool,
    /// Show the link to the organisation's referral inbox.
    pub answers_referrals: bool,
    /// Show the link to filing a concern for a resident.
    pub files_assisted: bool,
}

impl Nav {
    pub fn public(path: &str) -> Nav {
        Nav { path: path.to_owned(), staff: None }
    }
}

/// An area's name in the reader's script, or its P-code when unknown.
pub fn area_label(state: &AppState, t: Tr, pcode: &str) -> String {
    state.areas().get(pcode).map_or_else(|| pcode.to_owned(), |a| t.area_name(a).to_owned())
}

/// The areas a staff member may pick (their own and every area inside it),
/// for a typed field's list of suggestions: each as its name in the reader's
/// language with its P-code (what `aman_app::places::resolve` reads back),
/// labelled with its Arabic or English name.
pub fn area_choices(state: &AppState, t: Tr, scope: &str) -> Vec<Choice> {
    (1..=3)
        .flat_map(|level| state.areas().at_level(level))
        .filter(|area| area.pcode.starts_with(scope) || scope == "IQ")
        .map(|area| {
            let other = if t.lang_code() == "en" { &area.name_ar } else { &area.name_en };
            Choice {
                value: aman_app::places::picker_value(t.area_name(area), area),
                label: other.clone(),
                selected: false,
            }
        })
        .collect()
}

/// What a typed area field shows for one area: as [`area_choices`] offers it.
pub fn area_value(state: &AppState, t: Tr, pcode: &str) -> String {
    state.areas().get(pcode).map_or_else(|| pcode.to_owned(), |a| aman_app::places::picker_value(t.area_name(a), a))
}

/// One `<option>` of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: &str, label: String, current: &str) -> Choice {
        Choice { value: value.to_owned(), label, selected: value == current }
    }
}

/// Renders a template, or the internal-error page if rendering fails.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => AppError::internal(error).into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    t: Tr,
    nav: Nav,
    title: String,
    code: &'a str,
    message: String,
    fields: Vec<(String, String)>,
}

/// The HTML body for an error, in the reader's language.
pub fn error_page(t: Tr, error: &AppError) -> String {
    let page = ErrorPage {
        t,
        nav: Nav::public("/"),
        title: t.get("error-title"),
        code: error.code.as_str(),
        message: t.get(&format!("error-{}", error.code.as_str())),
        fields: error
            .fields
            .iter()
            .map(|(field, code)| (t.get(&format!("field-{field}")), field_message(t, code)))
            .collect(),
    };
    page.render().unwrap_or_else(|_| format!("{} ({})", page.message, page.code))
}

/// A date-time for staff and reporters, in Iraq time.
pub fn format_time(ms: i64) -> String {
    let offset = chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset");
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A link to another page of a filtered list, keeping the filters.
pub fn page_link(base: &str, page: i64, filters: &[(&str, &Option<String>)]) -> String {
    let page = page.to_string();
    let mut pairs = vec![("page", page.as_str())];
    pairs.extend(filters.iter().filter_map(|(name, value)| Some((*name, value.as_deref().filter(|v| !v.is_empty())?))));
    format!("{base}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}
