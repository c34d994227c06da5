//! RapidPro's door: a flow's "Call webhook" action posts the run (RapidPro's
//! default body: `contact`, `flow`, `path`, `results`, `run`, `input`,
//! `channel`) and sends the contact the message Aman answers with. One call
//! files a concern from the flow's results, another answers a receipt's
//! status. The contact's URN is a contact detail: sealed with the concern,
//! never logged, erased by retention.
//!
//! The flow's result names: `category` (its value the menu number of
//! [`menu`], or its category the category's code), `description`, `place`
//! (a place name in any language, or a P-code), optionally `language`;
//! `receipt` for the status call (else the message text).

use crate::concerns::{self, Arrival, Submitted};
use crate::i18n::Tr;
use crate::{App, Error};
use aman_core::category::Category;
use aman_core::concern::{Channel, ConcernInput, ContactInput, Language};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The parts of RapidPro's webhook body Aman reads (the rest is ignored).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Run {
    pub contact: Contact,
    pub results: BTreeMap<String, RunResult>,
    pub run: RunInfo,
    pub input: Input,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: Option<String>,
    /// ISO 639-3: `ara`, `ckb`, `kmr`, `eng`.
    pub language: Option<String>,
    pub urn: Option<String>,
    pub urns: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RunResult {
    pub value: Option<String>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RunInfo {
    pub uuid: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Input {
    pub text: Option<String>,
}

/// What the flow gets back: the receipt (when there is one), the concern's
/// status, and the message to send the contact, in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub receipt: Option<String>,
    pub status: String,
    pub message: String,
}

/// The categories as a flow's menu numbers them (1 to 13, in the order of `Category::ALL`).
pub fn menu() -> impl Iterator<Item = (usize, Category)> {
    Category::ALL.into_iter().enumerate().map(|(i, c)| (i + 1, c))
}

/// A language as RapidPro names it (ISO 639-3), or as Aman does.
pub fn language(code: &str) -> Option<Language> {
    match code.trim().to_ascii_lowercase().as_str() {
        "ara" | "arb" | "acm" => Some(Language::Ar),
        "eng" => Some(Language::En),
        other => Language::from_code(other),
    }
}

impl Run {
    fn result(&self, name: &str) -> Option<&RunResult> {
        self.results.get(name)
    }

    fn value(&self, name: &str) -> Option<String> {
        self.result(name).and_then(|r| r.value.clone()).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// The contact's language: the flow's `language` result, else the contact's.
    pub fn language(&self) -> Language {
        self.value("language")
            .and_then(|l| language(&l))
            .or_else(|| self.contact.language.as_deref().and_then(language))
            .unwrap_or(Language::Ar)
    }

    /// The category: a menu number, a category code, or the result's category.
    fn category(&self) -> Option<String> {
        let result = self.result("category")?;
        let chosen = |text: &str| {
            let text = aman_core::text::ascii_digits(text.trim());
            match text.parse::<usize>() {
                Ok(n) => menu().find(|(i, _)| *i == n).map(|(_, c)| c),
                Err(_) => Category::from_code(&text.to_ascii_lowercase()),
            }
        };
        result
            .value
            .as_deref()
            .and_then(chosen)
            .or_else(|| result.category.as_deref().and_then(chosen))
            .map(|c| c.as_str().to_owned())
            // Something was answered but names no category: the form's check says so.
            .or_else(|| Some(result.value.clone().unwrap_or_default()))
    }

    /// The URN as a contact detail: a phone number (`tel:`, `whatsapp:`)
    /// as the phone, any other address with the name.
    fn contact(&self) -> Option<ContactInput> {
        let urn = self.contact.urn.clone().or_else(|| self.contact.urns.first().cloned()).unwrap_or_default();
        let (scheme, path) = urn.split_once(':').unwrap_or(("", urn.as_str()));
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let name = self.contact.name.clone().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let (name, phone) = match scheme {
            "tel" | "whatsapp" => (name, Some(path.to_owned())),
            "" => (name, None),
            _ => (Some(name.map_or_else(|| urn.clone(), |n| format!("{n} ({urn})"))), None),
        };
        (name.is_some() || phone.is_some()).then_some(ContactInput { name, phone })
    }
}

/// Files a concern from a flow's results. A run sent again (RapidPro
/// retries webhooks) gets the same receipt and files nothing new.
pub async fn file(state: &App, run: &Run) -> Result<Reply, (Language, Error)> {
    let lang = run.language();
    let place = run.value("place").unwrap_or_default();
    let area = crate::places::resolve_words(state, &place).map(|p| p.to_string()).or(Some(place));
    let input = ConcernInput {
        category: run.category(),
        description: run.value("description"),
        area,
        lat: None,
        lon: None,
        occurred_on: None,
        language: Some(lang.as_str().to_owned()),
        contact: run.contact(),
    };
    let key = run.run.uuid.as_deref().map(|uuid| format!("rapidpro:{uuid}"));
    let arrival = Arrival { channel: Channel::Rapidpro, idempotency: key.as_deref(), consent: None };
    let Submitted { receipt, .. } = concerns::submit(state, &input, arrival).await.map_err(|e| (lang, e))?;
    let receipt = receipt.grouped();
    let message = Tr::new(lang).text("channel-received", &[("receipt", &receipt)]);
    Ok(Reply { receipt: Some(receipt), status: "submitted".to_owned(), message })
}

/// A receipt's status and latest public update, for the contact who holds it.
pub async fn status(state: &App, run: &Run) -> Result<Reply, (Language, Error)> {
    let lang = run.language();
    let typed = run.value("receipt").or_else(|| run.input.text.clone()).unwrap_or_default();
    let tracked = concerns::track(state, &typed).await.map_err(|e| (lang, e))?;
    let receipt = aman_core::receipt::Receipt::parse(&typed).map(|r| r.grouped());
    Ok(Reply { message: status_message(Tr::new(lang), &tracked), receipt, status: tracked.status.as_str().to_owned() })
}

/// "Your report: STATUS." and the latest update staff made public.
pub fn status_message(t: Tr, tracked: &aman_db::TrackRecord) -> String {
    let status = t.status(tracked.status.as_str());
    match tracked.updates.last() {
        Some((_, update)) => t.text("channel-status-update", &[("status", &status), ("update", update)]),
        None => t.text("channel-status", &[("status", &status)]),
    }
}

/// A youth poll answered in a flow (U-Report style): the run's results as one
/// response to the survey `form_key`, each result name a question's name
/// (`place`, a place in any language, stands for the area). The form's own
/// checks apply; a run sent again is stored once.
pub async fn poll(state: &App, form_key: &str, run: &Run) -> Result<Reply, (Language, Error)> {
    let lang = run.language();
    let fail = |error: Error| (lang, error);
    let loaded = crate::surveys::load_form(state, form_key).await.map_err(fail)?;
    if loaded.record.closes_on.is_some_and(|day| day < state.today()) {
        return Err(fail(Error::field("survey", "closed")));
    }
    let mut raw: BTreeMap<String, String> = run
        .results
        .iter()
        .filter_map(|(name, result)| Some((name.clone(), result.value.clone()?.trim().to_owned())))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    if let Some(area) = raw.get("place").and_then(|place| crate::places::resolve_words(state, place)) {
        raw.insert("area".to_owned(), area.to_string());
    }
    let run_id =
        run.run.uuid.clone().filter(|u| !u.trim().is_empty()).ok_or_else(|| fail(Error::field("run", "required")))?;
    // Answered alone on a phone: the questions only an interviewer asks are left out.
    let response = crate::surveys::response(
        state.areas(),
        &loaded.form.self_completion(),
        &raw,
        state.today(),
        &crate::surveys::DesignColumns::default(),
        format!("rapidpro:{run_id}"),
        "rapidpro",
    )
    .map_err(|problems| {
        let fields =
            problems.iter().filter_map(|p| p.split_once(": ")).map(|(f, c)| (f.to_owned(), c.to_owned())).collect();
        fail(Error::Invalid(fields))
    })?;
    match crate::surveys::store(state, &loaded, vec![response]).await {
        Ok(_) | Err(aman_db::DbError::Duplicate) => {}
        Err(error) => return Err(fail(error.into())),
    }
    Ok(Reply { receipt: None, status: "recorded".to_owned(), message: Tr::new(lang).get("survey-thanks") })
}

/// What a door tells someone whose message could not be used, in their language.
pub fn refusal(t: Tr, error: &Error) -> String {
    match error {
        Error::NotFound => t.get("channel-unknown-receipt"),
        Error::Invalid(fields) => {
            let problems: Vec<String> = fields
                .iter()
                .map(|(field, code)| {
                    // A survey question has no name of its own in the locales.
                    let key = format!("field-{field}");
                    let name = Some(t.get(&key)).filter(|name| *name != key).unwrap_or_else(|| field.clone());
                    format!("{name}: {}", t.field_error(code))
                })
                .collect();
            t.text("channel-refused", &[("problems", &problems.join("; "))])
        }
        _ => t.get("channel-unavailable"),
    }
}
