//! Perception surveys in the server: forms from XLSForm workbooks, responses
//! from the web form or from KoboToolbox/ODK exports (CSV or JSON; all or
//! nothing, with a report per row), and design-based estimates by area,
//! group and period — the operations the CLI, pages and API share.

use crate::App;
use crate::Error;
use aman_core::area::Pcode;
use aman_core::committee::disclosure::{Threshold, protect_parts};
use aman_core::secrets::{self, Keys};
use aman_db::{DbError, NewResponse, ResponseRecord, SurveyFormRecord};
use aman_geo::Areas;
use aman_survey::xlsform::{Form, QuestionType, parse_xlsform};
use aman_survey::{Design, Domains, Estimate, LonelyPsu, Options, Statistic, estimate_domains};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The largest sampling weight accepted: a respondent standing for ten
/// million people is a data error, and larger values overflow the sums.
pub const MAX_WEIGHT: f64 = 1e7;

/// The longest answer accepted to any question (free text included).
pub const MAX_ANSWER_CHARS: usize = 2000;

/// The columns every response carries besides its answers, found among the
/// answers by these question names (the item bank's) or import columns.
pub const AREA_FIELDS: [&str; 4] = ["area", "subdistrict", "district", "governorate"];
/// Age groups of the estimates; youth is 15–29, as the paper's concern for
/// young people asks.
pub const AGE_GROUPS: [(u32, u32, &str); 4] =
    [(15, 29, "15-29"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 120, "60plus")];

/// One respondent's response, checked and ready to store: the row, and its
/// free-text answers, which are stored only sealed ([`seal`]).
pub struct Response {
    pub row: NewResponse,
    pub free_text: BTreeMap<String, String>,
}

/// The rows to store for a form's responses, their free text sealed under
/// the data key and bound to the form and response.
pub fn seal(keys: &Keys, form_id: i64, responses: Vec<Response>) -> Vec<NewResponse> {
    responses
        .into_iter()
        .map(|Response { mut row, free_text }| {
            if !free_text.is_empty() {
                let plain = serde_json::to_vec(&free_text).unwrap_or_default();
                let context = secrets::survey_text_context(form_id, &row.external_id);
                row.text_sealed = Some(keys.seal(&context, &plain, crate::random()));
            }
            row
        })
        .collect()
}

/// A form as stored, parsed.
pub struct LoadedForm {
    pub record: SurveyFormRecord,
    pub form: Form,
}

pub async fn load_form(state: &App, key: &str) -> Result<LoadedForm, Error> {
    let record = state.db().survey_form(key).await?.ok_or(Error::NotFound)?;
    let form = parse_xlsform(&record.workbook).map_err(Error::internal)?;
    Ok(LoadedForm { record, form })
}

/// The groups a respondent belongs to for the estimates.
fn age_group(age: &str) -> Option<String> {
    let age: u32 = age.trim().parse().ok()?;
    AGE_GROUPS.iter().find(|(low, high, _)| (*low..=*high).contains(&age)).map(|(_, _, g)| (*g).to_owned())
}

/// Design columns given with an import, by column name.
#[derive(Debug, Clone, Default)]
pub struct DesignColumns {
    pub weight: Option<String>,
    pub stratum: Option<String>,
    pub cluster: Option<String>,
}

/// Turns one respondent's raw answers into a response to store, after the
/// form's checks (relevance, required, types, constraints) evaluated on the
/// server. `Err` holds `question: code` problems.
pub fn response(
    areas: &Areas,
    form: &Form,
    raw: &BTreeMap<String, String>,
    collected_on: NaiveDate,
    design: &DesignColumns,
    external_id: String,
    source: &'static str,
) -> Result<Response, Vec<String>> {
    let mut problems: Vec<String> = raw
        .iter()
        .filter(|(_, value)| value.chars().count() > MAX_ANSWER_CHARS)
        .map(|(name, _)| format!("{}: too_long", name.chars().take(64).collect::<String>()))
        .collect();
    let clean = form
        .validate(raw, collected_on)
        .map_err(|errors| errors.iter().map(|(name, kind)| format!("{name}: {}", kind.code())).collect::<Vec<_>>());
    let clean = match clean {
        Ok(clean) => clean,
        Err(mut errors) => {
            problems.append(&mut errors);
            Default::default()
        }
    };
    let area = AREA_FIELDS
        .iter()
        .filter_map(|f| raw.get(*f))
        .find_map(|code| Pcode::parse(code.trim()).filter(|p| areas.get(p.as_str()).is_some()));
    if area.is_none() {
        // A P-code is needed in one of AREA_FIELDS.
        problems.push("area: unknown_area".to_owned());
    }
    let text = |column: &Option<String>| column.as_ref().and_then(|c| raw.get(c)).map(|v| v.trim().to_owned());
    let weight = match text(&design.weight) {
        None => 1.0,
        Some(w) => match w.parse::<f64>() {
            Ok(w) if w > 0.0 && w <= MAX_WEIGHT => w,
            _ => {
                problems.push("weight: invalid_weight".to_owned());
                1.0
            }
        },
    };
    let (Some(area), true) = (area, problems.is_empty()) else { return Err(problems) };
    // Free text is kept apart, to be sealed; the coded answers stay readable
    // for the estimates.
    let free: Vec<&str> =
        form.questions().into_iter().filter(|q| q.kind == QuestionType::Text).map(|q| q.name.as_str()).collect();
    let (free_text, answers): (BTreeMap<&String, &String>, BTreeMap<&String, &String>) =
        raw.iter().filter(|(name, _)| clean.contains_key(*name)).partition(|(name, _)| free.contains(&name.as_str()));
    let free_text = free_text.into_iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let row = NewResponse {
        external_id,
        area,
        collected_on,
        weight,
        stratum: text(&design.stratum).filter(|s| !s.is_empty()),
        cluster: text(&design.cluster).filter(|s| !s.is_empty()),
        // The groups come only from questions the form has and the checks passed.
        sex: answers.get(&"sex".to_owned()).filter(|s| matches!(s.as_str(), "female" | "male")).map(|s| (*s).clone()),
        age_group: answers.get(&"age".to_owned()).and_then(|a| age_group(a)),
        displacement: answers
            .get(&"displacement".to_owned())
            .filter(|s| !s.is_empty() && s.as_str() != "refuse")
            .map(|s| (*s).clone()),
        answers: serde_json::to_string(&answers).unwrap_or_default(),
        source,
        text_sealed: None,
    };
    Ok(Response { row, free_text })
}

/// The raw answers of one export row: Kobo names columns `group/question`;
/// only the last part is the question's name.
pub fn raw_answers<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> BTreeMap<String, String> {
    pairs
        .into_iter()
        .map(|(key, value)| (key.rsplit('/').next().unwrap_or(key).to_owned(), value))
        .filter(|(_, value)| !value.trim().is_empty())
        .collect()
}

/// Stores every response or none; returns how many.
pub async fn store(state: &App, form: &LoadedForm, responses: Vec<Response>) -> Result<u64, DbError> {
    let rows = seal(state.keys(), form.record.id, responses);
    state.db().insert_responses(form.record.id, &rows).await
}

/// What to estimate.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct EstimateQuery {
    /// The question.
    pub var: String,
    /// For a proportion: the share of respondents who chose this answer (or
    /// any of several, separated by commas: `very_safe,fairly_safe`).
    pub value: String,
    /// `sex`, `age_group`, `displacement`, `period` (a quarter), the name of
    /// any select-one question of the form (e.g. the respondent's group), or
    /// empty for everyone.
    pub by: String,
    /// An area (P-code) and everything below it.
    pub area: String,
}

/// One row of the results.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateRow {
    pub domain: String,
    /// The estimate; its values are `None` for a hidden group.
    pub estimate: Estimate,
    /// The group's respondents, or `None` when the group is hidden (too few,
    /// or hidden with it so that it cannot be recovered from the others).
    pub n: Option<usize>,
}

pub const BY: [&str; 4] = ["sex", "age_group", "displacement", "period"];

fn quarter(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
}

fn domain_of(r: &ResponseRecord, answers: &BTreeMap<String, String>, by: &str) -> Option<String> {
    match by {
        "" => Some("all".to_owned()),
        "sex" => r.sex.clone(),
        "age_group" => r.age_group.clone(),
        "displacement" => r.displacement.clone(),
        "period" => Some(quarter(r.collected_on)),
        question => answers.get(question).cloned(),
    }
}

/// Whether `by` names a grouping: a recorded demographic, the quarter, or a
/// select-one question of the form.
pub fn is_grouping(form: &Form, by: &str) -> bool {
    by.is_empty() || BY.contains(&by) || form.question(by).is_some_and(|q| matches!(q.kind, QuestionType::SelectOne(_)))
}

/// The value of `var` for one respondent: for a proportion 1 or 0 (NaN when
/// unanswered); for a mean, the number (NaN when not a number).
fn value_of(answers: &BTreeMap<String, String>, var: &str, value: &str) -> f64 {
    match answers.get(var) {
        None => f64::NAN,
        Some(answer) if !value.is_empty() => {
            f64::from(u8::from(answer.split(' ').any(|a| value.split(',').any(|v| v == a))))
        }
        Some(answer) => answer.trim().parse().unwrap_or(f64::NAN),
    }
}

/// Weighted estimates with Taylor-linearised standard errors for one
/// question, overall or by group; strata and clusters as recorded, each
/// respondent its own cluster when none was. Small groups are suppressed.
pub async fn estimate(state: &App, form: &LoadedForm, query: &EstimateQuery) -> Result<Vec<EstimateRow>, Error> {
    let area = if query.area.trim().is_empty() { "IQ" } else { query.area.trim() };
    let responses = state.db().survey_responses(&form.record.form_key, area).await?;
    estimate_among(form, &responses, query, state.today())
}

/// The same over responses already loaded (`query.area` is not used):
/// callers estimating several questions of one area load them once.
pub fn estimate_among(
    form: &LoadedForm,
    responses: &[ResponseRecord],
    query: &EstimateQuery,
    today: chrono::NaiveDate,
) -> Result<Vec<EstimateRow>, Error> {
    let question = form.form.question(&query.var).ok_or_else(|| Error::field("var", "unknown_question"))?;
    let proportion = matches!(question.kind, QuestionType::SelectOne(_) | QuestionType::SelectMultiple(_));
    let choices = form.form.choices_for(question, &BTreeMap::new(), today);
    if proportion && !query.value.split(',').all(|v| choices.iter().any(|c| c.name == v)) {
        return Err(Error::field("value", "unknown_choice"));
    }
    if !proportion && !matches!(question.kind, QuestionType::Integer | QuestionType::Decimal) {
        return Err(Error::field("var", "not_estimable"));
    }
    if !is_grouping(&form.form, &query.by) {
        return Err(Error::field("by", "unknown_group"));
    }
    if responses.is_empty() {
        return Ok(Vec::new());
    }
    let answers: Vec<BTreeMap<String, String>> =
        responses.iter().map(|r| serde_json::from_str(&r.answers).unwrap_or_default()).collect();
    let value = if proportion { query.value.as_str() } else { "" };
    let y: Vec<f64> = answers.iter().map(|a| value_of(a, &query.var, value)).collect();
    let strata: Vec<String> = responses.iter().map(|r| r.stratum.clone().unwrap_or_default()).collect();
    let clusters: Vec<String> = responses
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.cluster.clone().map_or_else(|| format!("#{i}"), |c| format!("{}/{c}", r.stratum.as_deref().unwrap_or("")))
        })
        .collect();
    let design = Design::builder(responses.len())
        .weights(responses.iter().map(|r| r.weight).collect())
        .strata(&strata)
        .psu(&clusters)
        .build()
        .map_err(Error::internal)?;
    let labels: Vec<Option<String>> = responses.iter().zip(&answers).map(|(r, a)| domain_of(r, a, &query.by)).collect();
    let domains = Domains::from_labels(labels.iter().map(|l| l.as_deref()));
    let stat = if proportion { Statistic::Proportion } else { Statistic::Mean };
    let options = Options { lonely_psu: LonelyPsu::Adjust, ..Options::default() };
    let estimates = estimate_domains(&design, &y, &domains, stat, &options).map_err(Error::internal)?;
    protect(domains.labels().iter().cloned().zip(estimates).collect(), options.min_n)
}

/// Disclosure control of published groups: a group below `min_n` shows
/// neither its figures nor its size, and when that would leave a single
/// hidden group (recoverable from the total minus the others) the next
/// smallest is hidden with it (`aman_core::committee::disclosure::protect_parts`).
fn protect(rows: Vec<(String, Estimate)>, min_n: usize) -> Result<Vec<EstimateRow>, Error> {
    let counts: Vec<u64> = rows.iter().map(|(_, e)| e.n as u64).collect();
    let threshold = Threshold::clamped(min_n as u64);
    let table = protect_parts(counts.iter().sum(), &counts, threshold).map_err(Error::internal)?;
    Ok(rows
        .into_iter()
        .zip(table.parts)
        .map(|((domain, mut estimate), part)| {
            if part.is_suppressed() {
                estimate.values = None;
            }
            EstimateRow { domain, n: part.shown().map(|n| n as usize), estimate }
        })
        .collect())
}
