//! Public survey pages: the list of surveys, a survey's form rendered from
//! its XLSForm definition (skip logic evaluated on the server: "Continue"
//! shows the questions the answers so far make relevant, so no JavaScript is
//! needed), and the results with their confidence intervals drawn. Results
//! from fewer respondents than the suppression threshold are never shown.

use super::layout::{Choice, Nav, render};
use crate::auth::Staff;
use crate::error::{AppError, ErrorCode, field_message};
use crate::gate::Gate;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::surveys::{self, BY, DesignColumns, EstimateQuery, LoadedForm};
use aman_app::random;
use aman_survey::xlsform::{Form, Question, QuestionType, Translated};
use askama::Template;
use axum::Router;
use axum::extract::{Form as Posted, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/surveys", get(list))
        .route("/surveys/{key}", get(form_page).post(form_submit))
        .route("/surveys/{key}/results", get(results))
}

/// A translated text in the reader's language, else the form's default, else any.
fn text(t: Tr, form: &Form, translated: &Translated) -> String {
    [Some(t.lang_code()), form.default_language.as_deref(), Some("default")]
        .into_iter()
        .flatten()
        .find_map(|lang| translated.get(lang))
        .or_else(|| translated.values().next())
        .cloned()
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "surveys.html")]
struct ListPage {
    t: Tr,
    nav: Nav,
    title: String,
    /// Key, title, and when closed the words saying since when.
    forms: Vec<(String, String, Option<String>)>,
    /// A signed-in staff member may open each form in interview mode.
    interviewer: bool,
}

/// Who fills a form in: a respondent alone (the public page), or a signed-in
/// staff member interviewing one (`?mode=interview`), who also gets the
/// questions only an interviewer asks (the form's `interviewer_only` rows).
enum Mode {
    Alone,
    Interview(Box<Staff>),
}

#[derive(serde::Deserialize)]
struct ModeQuery {
    mode: Option<String>,
}

impl Mode {
    fn of(query: &ModeQuery, staff: Result<Staff, AppError>) -> Result<Mode, AppError> {
        match query.mode.as_deref() {
            None | Some("") => Ok(Mode::Alone),
            Some("interview") => Ok(Mode::Interview(Box::new(staff?))),
            Some(_) => Err(AppError::new(ErrorCode::NotFound)),
        }
    }

    /// The form as this mode asks it.
    fn form(&self, loaded: &LoadedForm) -> Form {
        match self {
            Mode::Alone => loaded.form.self_completion(),
            Mode::Interview(_) => loaded.form.clone(),
        }
    }

    /// Where a response comes from, as stored with it.
    fn source(&self) -> &'static str {
        match self {
            Mode::Alone => "web",
            Mode::Interview(_) => "interview",
        }
    }

    /// The session's CSRF token in interview mode, which the form carries.
    fn csrf(&self) -> Option<String> {
        match self {
            Mode::Alone => None,
            Mode::Interview(staff) => Some(staff.session.csrf_token.clone()),
        }
    }
}

/// A survey that no longer takes answers.
#[derive(Template)]
#[template(path = "survey_closed.html")]
struct ClosedPage {
    t: Tr,
    nav: Nav,
    title: String,
    key: String,
    closed: String,
}

/// "Closed on DATE" when the form no longer takes answers today.
fn closed_text(state: &AppState, t: Tr, closes_on: Option<chrono::NaiveDate>) -> Option<String> {
    closes_on.filter(|day| *day < state.today()).map(|day| t.text("survey-closed", &[("date", &day.to_string())]))
}

/// The page a closed survey shows instead of its form (410 when answers were sent).
fn closed_page(t: Tr, loaded: &LoadedForm, closed: String) -> Response {
    let key = loaded.record.form_key.clone();
    render(&ClosedPage {
        t,
        nav: Nav::public(&format!("/surveys/{key}")),
        title: loaded.record.title.clone(),
        key,
        closed,
    })
}

async fn list(State(state): State<AppState>, t: Tr, staff: Result<Staff, AppError>) -> Result<Response, AppError> {
    let forms = state
        .db()
        .survey_forms()
        .await?
        .into_iter()
        .map(|f| {
            let closed = closed_text(&state, t, f.closes_on);
            (f.form_key, f.title, closed)
        })
        .collect();
    let interviewer = staff.is_ok();
    Ok(render(&ListPage { t, nav: Nav::public("/surveys"), title: t.get("surveys-title"), forms, interviewer }))
}

struct QuestionView {
    name: String,
    label: String,
    hint: String,
    kind: &'static str,
    choices: Vec<Choice>,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "survey_form.html")]
struct FormPage {
    t: Tr,
    nav: Nav,
    title: String,
    key: String,
    questions: Vec<QuestionView>,
    has_errors: bool,
    /// In interview mode, the CSRF token the form carries.
    csrf: Option<String>,
}

fn kind(q: &Question) -> &'static str {
    match q.kind {
        QuestionType::SelectOne(_) => "select_one",
        QuestionType::SelectMultiple(_) => "select_multiple",
        QuestionType::Integer | QuestionType::Decimal => "number",
        QuestionType::Date => "date",
        QuestionType::Geopoint | QuestionType::Text => "text",
        QuestionType::Note => "note",
        // Survey workbooks cannot ask for one (the parser refuses `image`).
        QuestionType::Image => "file",
    }
}

fn form_page_for(
    state: &AppState,
    t: Tr,
    loaded: &LoadedForm,
    mode: &Mode,
    answers: &BTreeMap<String, String>,
    errors: &BTreeMap<String, String>,
) -> FormPage {
    let form = &mode.form(loaded);
    let questions = form
        .visible_questions(answers, state.today())
        .into_iter()
        .map(|q| {
            let value = answers.get(&q.name).cloned().unwrap_or_default();
            let chosen: Vec<&str> = value.split(' ').collect();
            QuestionView {
                name: q.name.clone(),
                label: text(t, form, &q.label),
                hint: text(t, form, &q.hint),
                kind: kind(q),
                choices: form
                    .choices_for(q, answers, state.today())
                    .into_iter()
                    .map(|c| Choice {
                        value: c.name.clone(),
                        label: text(t, form, &c.label),
                        selected: chosen.contains(&c.name.as_str()),
                    })
                    .collect(),
                value,
                error: errors.get(&q.name).cloned(),
            }
        })
        .collect();
    FormPage {
        t,
        nav: Nav::public(&format!("/surveys/{}", loaded.record.form_key)),
        title: loaded.record.title.clone(),
        key: loaded.record.form_key.clone(),
        questions,
        has_errors: !errors.is_empty(),
        csrf: mode.csrf(),
    }
}

async fn form_page(
    State(state): State<AppState>,
    t: Tr,
    Path(key): Path<String>,
    Query(query): Query<ModeQuery>,
    staff: Result<Staff, AppError>,
) -> Result<Response, AppError> {
    let mode = Mode::of(&query, staff)?;
    let loaded = surveys::load_form(&state, &key).await?;
    if let Some(closed) = closed_text(&state, t, loaded.record.closes_on) {
        return Ok(closed_page(t, &loaded, closed));
    }
    Ok(render(&form_page_for(&state, t, &loaded, &mode, &BTreeMap::new(), &BTreeMap::new())))
}

#[derive(Template)]
#[template(path = "survey_thanks.html")]
struct ThanksPage {
    t: Tr,
    nav: Nav,
    title: String,
    key: String,
}

async fn form_submit(
    State(state): State<AppState>,
    t: Tr,
    gate: Gate,
    Path(key): Path<String>,
    Query(query): Query<ModeQuery>,
    staff: Result<Staff, AppError>,
    Posted(fields): Posted<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mode = Mode::of(&query, staff)?;
    let loaded = surveys::load_form(&state, &key).await?;
    if let Some(closed) = closed_text(&state, t, loaded.record.closes_on) {
        // Nothing is stored: the poll is over.
        let mut response = closed_page(t, &loaded, closed);
        *response.status_mut() = StatusCode::GONE;
        return Ok(response);
    }
    let mut answers: BTreeMap<String, String> = BTreeMap::new();
    let mut action = String::new();
    let mut csrf = String::new();
    for (name, value) in fields {
        if name == "action" {
            action = value;
        } else if name == "csrf" {
            csrf = value;
        } else if !value.trim().is_empty() {
            answers.entry(name).and_modify(|v| *v = format!("{v} {value}")).or_insert(value);
        }
    }
    if let Mode::Interview(staff) = &mode {
        staff.check_csrf(&csrf)?;
    }
    if action != "submit" {
        return Ok(render(&form_page_for(&state, t, &loaded, &mode, &answers, &BTreeMap::new())));
    }
    // Each page of the form counts as a step; the answers sent count as a
    // submission, as a concern does.
    if let Err(too_many) = gate.spend_submission(&state) {
        return Ok(too_many.into_response());
    }
    let id = hex::encode(random::<16>());
    let form = mode.form(&loaded);
    match surveys::response(state.areas(), &form, &answers, state.today(), &DesignColumns::default(), id, mode.source())
    {
        Ok(response) => {
            surveys::store(&state, &loaded, vec![response]).await?;
            let title = t.get("survey-thanks");
            Ok(render(&ThanksPage { t, nav: Nav::public("/surveys"), title, key }))
        }
        Err(problems) => {
            let errors = problems
                .iter()
                .filter_map(|p| p.split_once(": "))
                .map(|(name, code)| {
                    let message = loaded
                        .form
                        .question(name)
                        .and_then(|q| q.constraint_message.get(t.lang_code()).filter(|_| code == "constraint"))
                        .cloned()
                        .unwrap_or_else(|| field_message(t, code));
                    (name.to_owned(), message)
                })
                .collect();
            let mut response = render(&form_page_for(&state, t, &loaded, &mode, &answers, &errors));
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
    }
}

struct ResultRow {
    domain: String,
    /// Empty for a hidden group.
    n: String,
    shown: bool,
    estimate: String,
    interval: String,
    /// Positions on a 0–100 scale for the drawn interval.
    low: f64,
    width: f64,
    mark: f64,
}

#[derive(Template)]
#[template(path = "survey_results.html")]
struct ResultsPage {
    t: Tr,
    nav: Nav,
    title: String,
    key: String,
    questions: Vec<Choice>,
    values: Vec<Choice>,
    groups: Vec<Choice>,
    areas: Vec<Choice>,
    rows: Vec<ResultRow>,
    /// What a suppressed row says.
    suppressed: String,
}

async fn results(
    State(state): State<AppState>,
    t: Tr,
    Path(key): Path<String>,
    Query(mut query): Query<EstimateQuery>,
) -> Result<Response, AppError> {
    let loaded = surveys::load_form(&state, &key).await?;
    let form = &loaded.form;
    let estimable: Vec<&Question> = form
        .questions()
        .into_iter()
        .filter(|q| {
            !matches!(q.kind, QuestionType::Note | QuestionType::Text | QuestionType::Date | QuestionType::Geopoint)
        })
        .collect();
    if query.var.is_empty() {
        query.var = estimable.first().map(|q| q.name.clone()).unwrap_or_default();
    }
    let question = form.question(&query.var);
    let choices = question.map(|q| form.choices_for(q, &BTreeMap::new(), state.today())).unwrap_or_default();
    let percent = !choices.is_empty();
    if percent && !choices.iter().any(|c| c.name == query.value) {
        query.value = choices.first().map(|c| c.name.clone()).unwrap_or_default();
    }
    let rows = if question.is_some() { surveys::estimate(&state, &loaded, &query).await? } else { Vec::new() };
    // Proportions are drawn on 0–100%, means on 0 to the highest upper limit.
    let scale = if percent {
        1.0
    } else {
        rows.iter().filter_map(|r| r.estimate.values.map(|v| v.ci_high)).fold(1.0, f64::max)
    };
    // Groups by a question of the form are named by its choices' labels.
    let by_labels: BTreeMap<String, String> = form
        .question(&query.by)
        .map(|q| form.choices_for(q, &BTreeMap::new(), state.today()))
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.name.clone(), text(t, form, &c.label)))
        .collect();
    // An interval the method cannot give (everyone answered alike: a share
    // of 0 or 100%) reads as a dash, never "NaN".
    let format = |v: f64| match (v.is_finite(), percent) {
        (false, _) => "—".to_owned(),
        (true, true) => format!("{:.0}%", v * 100.0),
        (true, false) => format!("{v:.2}"),
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            let values = r.estimate.values;
            let at = |v: f64| if v.is_finite() { (v * 100.0 / scale).clamp(0.0, 100.0) } else { 0.0 };
            ResultRow {
                domain: by_labels.get(&r.domain).cloned().unwrap_or_else(|| group_label(t, &r.domain)),
                n: r.n.map(|n| n.to_string()).unwrap_or_default(),
                shown: values.is_some(),
                estimate: values.map(|v| format(v.estimate)).unwrap_or_default(),
                interval: values.map(|v| format!("{} – {}", format(v.ci_low), format(v.ci_high))).unwrap_or_default(),
                low: values.map_or(0.0, |v| at(v.ci_low)),
                width: values.map_or(0.0, |v| (at(v.ci_high) - at(v.ci_low)).max(0.5)),
                mark: values.map_or(0.0, |v| at(v.estimate)),
            }
        })
        .collect();
    let mut areas = vec![Choice::new("", t.get("surveys-all-iraq"), &query.area)];
    let mut governorates: Vec<Choice> =
        state.areas().children("IQ").map(|a| Choice::new(&a.pcode, t.area_name(a).to_owned(), &query.area)).collect();
    governorates.sort_by(|a, b| a.label.cmp(&b.label));
    areas.extend(governorates);
    let page = ResultsPage {
        t,
        nav: Nav::public(&format!("/surveys/{key}/results")),
        title: loaded.record.title.clone(),
        key: key.clone(),
        questions: estimable.iter().map(|q| Choice::new(&q.name, text(t, form, &q.label), &query.var)).collect(),
        values: choices.iter().map(|c| Choice::new(&c.name, text(t, form, &c.label), &query.value)).collect(),
        groups: std::iter::once("")
            .chain(BY)
            .map(|g| Choice::new(g, t.get(&format!("surveys-by-{}", if g.is_empty() { "none" } else { g })), &query.by))
            .chain(
                estimable
                    .iter()
                    .filter(|q| matches!(q.kind, QuestionType::SelectOne(_)) && q.name != query.var)
                    .filter(|q| !BY.contains(&q.name.as_str()))
                    .map(|q| Choice::new(&q.name, text(t, form, &q.label), &query.by)),
            )
            .collect(),
        areas,
        rows,
        suppressed: t.num("surveys-suppressed", "min", aman_survey::Options::default().min_n as i64),
    };
    Ok(render(&page))
}

fn group_label(t: Tr, domain: &str) -> String {
    let key = format!("surveys-group-{domain}");
    let label = t.get(&key);
    if label == key { domain.to_owned() } else { label }
}
