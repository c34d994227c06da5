//! Field teams with ODK Collect, KoboCollect or Enketo (OpenRosa 1.0): the
//! forms a device lists and downloads — the concern form, filed on a
//! resident's behalf with their consent, and each open survey — and what
//! it sends back, filed exactly as the web's assisted intake and survey
//! interviews are.
//!
//! A device cannot send a second factor, so it signs in with a *device
//! password*: issued per account (`aman user device-password`), shown once,
//! kept only as a hash, replaced by a new one, revoked on demand or with
//! the account; it opens these routes and nothing else, and only for the
//! roles that may file for residents.

use std::collections::BTreeMap;

use crate::concerns::{self, AssistedBy, Consent, Submitted};
use crate::i18n::Tr;
use crate::sessions::{hash_token, random_token};
use crate::surveys::{self, DesignColumns};
use crate::{Actor, App, Error};
use aman_core::category::Category;
use aman_core::concern::{
    ConcernInput, ContactInput, DESCRIPTION_MAX_CHARS, DESCRIPTION_MIN_CHARS, Language, NumberInput,
};
use aman_core::role::Action;
use aman_survey::xlsform::{Choice, Expr, Form, Group, Instance, Item, Question, QuestionType, Required, Translated};

/// The concern form's id on devices.
pub const CONCERN_FORM: &str = "aman_concern";

/// A new device password and the hash to keep of it.
pub fn new_device_password() -> (String, String) {
    // 128 bits: long enough that a hash needs no stretching.
    let secret = random_token()[..32].to_owned();
    let hash = hash_token(&secret);
    (secret, hash)
}

/// The account a device signs in as: its e-mail and device password, for an
/// enabled account whose role may file for residents. Anything else is
/// unauthorised, without saying which part was wrong.
pub async fn authenticate(state: &App, email: &str, password: &str) -> Result<Actor, Error> {
    if password.is_empty() || password.len() > 200 {
        return Err(Error::Unauthorized);
    }
    match state.db().user_by_device_password(&hash_token(password)).await? {
        Some(user)
            if user.email == email.trim().to_lowercase() && !user.disabled && user.role.may(Action::FileAssisted) =>
        {
            Ok(Actor { user })
        }
        _ => Err(Error::Unauthorized),
    }
}

/// A form as a device lists and downloads it.
pub struct DeviceForm {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The XForm document.
    pub xform: String,
}

/// Every form the device's account can fill in: the concern form (its
/// places limited to the account's area), then each survey still open.
pub async fn forms(state: &App, actor: &Actor) -> Result<Vec<DeviceForm>, Error> {
    let mut out = vec![device_form(concern_form(state, actor))];
    for record in state.db().survey_forms().await? {
        out.extend(survey_form(state, record)?);
    }
    Ok(out)
}

/// One form of [`forms`], built alone.
pub async fn form(state: &App, actor: &Actor, id: &str) -> Result<DeviceForm, Error> {
    if id == CONCERN_FORM {
        return Ok(device_form(concern_form(state, actor)));
    }
    let record = state.db().survey_form(id).await?.ok_or(Error::NotFound)?;
    survey_form(state, record)?.ok_or(Error::NotFound)
}

fn device_form(form: Form) -> DeviceForm {
    DeviceForm {
        xform: aman_survey::xlsform::to_xform(&form),
        version: form.version.unwrap_or_default(),
        id: form.id,
        title: form.title,
    }
}

/// A survey as a device fills it in, unless it has closed.
fn survey_form(state: &App, record: aman_db::SurveyFormRecord) -> Result<Option<DeviceForm>, Error> {
    if record.closes_on.is_some_and(|day| day < state.today()) {
        return Ok(None);
    }
    let mut form = aman_survey::xlsform::parse_xlsform(&record.workbook).map_err(Error::internal)?;
    // Submissions name the survey by the key Aman knows it by.
    form.id = record.form_key;
    form.title = record.title;
    form.version = Some(record.version);
    Ok(Some(device_form(form)))
}

/// What a device was told after sending a form.
pub enum Filed {
    /// A concern, with the receipt to hand over (the same each time the
    /// instance is sent).
    Concern(Submitted),
    /// A survey response (stored once however often it is sent).
    Response,
}

/// A photo sent with an instance, by the file name the instance gives.
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Files what a device sent: the instance read, checked, and filed through the same operations as the web's
/// assisted intake (channel `odk`) or a survey interview (source `odk`).
/// The same instance sent again files nothing new and answers as before.
pub async fn submit(state: &App, actor: &Actor, xml: &str, attachments: &[Attachment]) -> Result<Filed, Error> {
    let instance = aman_survey::xlsform::read_instance(xml).map_err(|_| Error::BadRequest)?;
    if !(1..=200).contains(&instance.instance_id.chars().count()) {
        return Err(Error::BadRequest);
    }
    if instance.form_id == CONCERN_FORM {
        return file_concern(state, actor, &instance, attachments).await.map(Filed::Concern);
    }
    let loaded = surveys::load_form(state, &instance.form_id).await?;
    if loaded.record.closes_on.is_some_and(|day| day < state.today()) {
        return Err(Error::field("survey", "closed"));
    }
    let response = surveys::response(
        state.areas(),
        &loaded.form,
        &instance.answers,
        state.today(),
        &DesignColumns::default(),
        format!("odk:{}", instance.instance_id),
        "odk",
    )
    .map_err(|problems| {
        Error::Invalid(
            problems.iter().filter_map(|p| p.split_once(": ")).map(|(f, c)| (f.to_owned(), c.to_owned())).collect(),
        )
    })?;
    match surveys::store(state, &loaded, vec![response]).await {
        Ok(_) | Err(aman_db::DbError::Duplicate) => Ok(Filed::Response),
        Err(error) => Err(error.into()),
    }
}

async fn file_concern(
    state: &App,
    actor: &Actor,
    instance: &Instance,
    attachments: &[Attachment],
) -> Result<Submitted, Error> {
    // The checks are the web's assisted intake's (the form asks the device
    // for the same, so a device's answers pass them unless tampered with).
    let answer = |name: &str| instance.answers.get(name).cloned();
    let yes = |name: &str| answer(name).is_some_and(|a| a == "yes");
    // A geopoint is `lat lon [altitude [accuracy]]`; the form's check read it.
    let point = answer("location").unwrap_or_default();
    let mut parts = point.split_whitespace().map(|p| NumberInput::Text(p.to_owned()));
    let (lat, lon) = (parts.next(), parts.next());
    let input = ConcernInput {
        category: answer("category"),
        description: answer("description"),
        area: answer("adm3").or_else(|| answer("adm2")).or_else(|| answer("adm1")),
        lat,
        lon,
        occurred_on: answer("occurred_on"),
        language: answer("language"),
        contact: (answer("contact_name").is_some() || answer("contact_phone").is_some())
            .then(|| ContactInput { name: answer("contact_name"), phone: answer("contact_phone") }),
    };
    let consent = Consent {
        method: answer("consent_method").unwrap_or_default(),
        contact: yes("consent_contact"),
        referral: yes("consent_referral"),
        confirmed: yes("consent_confirmed"),
    };
    // A photo is checked and cleaned before anything is filed.
    let photo = match answer("photo") {
        Some(name) => {
            let sent = attachments.iter().find(|a| a.name == name).ok_or_else(|| Error::field("photo", "required"))?;
            Some(crate::attachments::prepare(&sent.content_type, &sent.bytes)?)
        }
        None => None,
    };
    let submitted =
        concerns::submit_assisted(state, actor, &input, &consent, AssistedBy::Device(&instance.instance_id)).await?;
    if let Some(photo) = photo {
        crate::attachments::with_report(state, &submitted.receipt.grouped(), &photo).await?;
    }
    Ok(submitted)
}

/// Texts of one key in every language.
fn texts(key: &str) -> Translated {
    Language::ALL.iter().map(|lang| (lang.as_str().to_owned(), Tr::new(*lang).get(key))).collect()
}

fn expr(source: &str) -> Option<Expr> {
    Some(Expr::parse(source).expect("the concern form's expressions parse"))
}

fn question(name: &str, kind: QuestionType, label: Translated) -> Question {
    Question {
        name: name.to_owned(),
        kind,
        label,
        hint: Translated::new(),
        required: Required::No,
        required_message: Translated::new(),
        relevant: None,
        constraint: None,
        constraint_message: Translated::new(),
        choice_filter: None,
        appearance: None,
        default: None,
        interviewer_only: false,
        row: 0,
    }
}

fn required(mut q: Question) -> Question {
    q.required = Required::Yes;
    q.required_message = texts("fielderror-required");
    q
}

fn choice(name: &str, label: Translated, columns: &[(&str, &str)]) -> Choice {
    Choice {
        name: name.to_owned(),
        label,
        columns: columns.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    }
}

fn group(name: &str, label: Translated, items: Vec<Question>) -> Item {
    Item::Group(Group {
        name: name.to_owned(),
        label,
        relevant: None,
        appearance: Some("field-list".to_owned()),
        items: items.into_iter().map(Item::Question).collect(),
        row: 0,
    })
}

/// The concern form as a device fills it in: what the web's assisted intake
/// asks, in every language, its places only those of the account's area.
pub fn concern_form(state: &App, actor: &Actor) -> Form {
    let area = &actor.user.area;
    let areas = state.areas();
    let mut choices: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let area_label = |a: &aman_geo::Area| -> Translated {
        Language::ALL.iter().map(|lang| (lang.as_str().to_owned(), Tr::new(*lang).area_name(a).to_owned())).collect()
    };
    // Every area the account covers, and the areas above its own.
    for level in 1..=3u8 {
        let list = choices.entry(format!("adm{level}")).or_default();
        for a in areas.at_level(level) {
            let within = aman_core::area::Pcode::parse(&a.pcode).is_some_and(|p| area.covers(&p));
            let above = area.as_str().starts_with(&a.pcode);
            if within || above {
                let parent = a.parent.clone().unwrap_or_default();
                let columns: Vec<(&str, &str)> =
                    if level > 1 { vec![(if level == 2 { "adm1" } else { "adm2" }, parent.as_str())] } else { vec![] };
                list.push(choice(&a.pcode, area_label(a), &columns));
            }
        }
    }
    choices.insert(
        "categories".to_owned(),
        Category::ALL.iter().map(|c| choice(c.as_str(), texts(&format!("category-{}", c.as_str())), &[])).collect(),
    );
    choices.insert(
        "languages".to_owned(),
        Language::ALL
            .iter()
            .map(|l| {
                // Each language by its own name, whatever the device shows.
                let own = Tr::new(*l).get("lang-name");
                choice(l.as_str(), Language::ALL.iter().map(|x| (x.as_str().to_owned(), own.clone())).collect(), &[])
            })
            .collect(),
    );
    choices.insert(
        "consent_methods".to_owned(),
        ["spoken", "written", "thumbprint"]
            .iter()
            .map(|m| choice(m, texts(&format!("assisted-consent-{m}")), &[]))
            .collect(),
    );
    choices.insert("yes_no".to_owned(), vec![choice("yes", texts("odk-yes"), &[]), choice("no", texts("odk-no"), &[])]);

    let select =
        |name: &str, list: &str, label: &str| question(name, QuestionType::SelectOne(list.to_owned()), texts(label));
    let mut description = required(question("description", QuestionType::Text, texts("report-description")));
    description.hint = Language::ALL
        .iter()
        .map(|lang| {
            let min = DESCRIPTION_MIN_CHARS.to_string();
            let max = DESCRIPTION_MAX_CHARS.to_string();
            (lang.as_str().to_owned(), Tr::new(*lang).text("report-description-hint", &[("min", &min), ("max", &max)]))
        })
        .collect();
    description.appearance = Some("multiline".to_owned());
    description.constraint =
        expr(&format!("string-length(.) >= {DESCRIPTION_MIN_CHARS} and string-length(.) <= {DESCRIPTION_MAX_CHARS}"));
    description.constraint_message = description.hint.clone();

    // The places: a governorate, district and sub-district, each list
    // filtered by the one before, unless the device's location is given.
    let no_point = "${location} = ''";
    let mut place = Vec::new();
    for (level, label) in [(1, "report-governorate"), (2, "report-district"), (3, "report-subdistrict")] {
        let mut q = select(&format!("adm{level}"), &format!("adm{level}"), label);
        q.required = Required::When(expr(no_point).expect("parsed"));
        q.required_message = texts("fielderror-unknown_area");
        if level > 1 {
            q.choice_filter = expr(&format!("adm{} = ${{adm{}}}", level - 1, level - 1));
        }
        place.push(q);
    }
    let mut location = question("location", QuestionType::Geopoint, texts("report-or-point"));
    location.hint = texts("report-locate");
    place.push(location);

    let mut occurred = question("occurred_on", QuestionType::Date, texts("report-when"));
    occurred.constraint = expr(". <= today()");
    occurred.constraint_message = texts("fielderror-in_future");
    let mut language = required(select("language", "languages", "field-language"));
    language.default = Some("ar".to_owned());

    let mut note = question("consent_text", QuestionType::Note, texts("assisted-consent-text"));
    note.hint = texts("assisted-consent");
    let mut confirmed = required(select("consent_confirmed", "yes_no", "assisted-consent-confirmed"));
    confirmed.constraint = expr(". = 'yes'");
    confirmed.constraint_message = texts("fielderror-required");

    let items = vec![
        group(
            "consent",
            texts("assisted-consent"),
            vec![
                note,
                required(select("consent_method", "consent_methods", "assisted-consent-method")),
                required(select("consent_contact", "yes_no", "assisted-consent-contact")),
                required(select("consent_referral", "yes_no", "assisted-consent-referral")),
                confirmed,
            ],
        ),
        Item::Question(required(select("category", "categories", "report-category"))),
        Item::Question(description),
        group("place", texts("report-where"), place),
        Item::Question(occurred),
        Item::Question(language),
        group(
            "contact",
            texts("report-contact-title"),
            vec![
                question("contact_name", QuestionType::Text, texts("report-contact-name")),
                question("contact_phone", QuestionType::Text, texts("report-contact-phone")),
            ],
        ),
        Item::Question(question("photo", QuestionType::Image, texts("report-photo"))),
    ];
    Form {
        id: CONCERN_FORM.to_owned(),
        title: Tr::new(Language::Ar).get("odk-form-title"),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        default_language: Some("ar".to_owned()),
        languages: Language::ALL.iter().map(|l| l.as_str().to_owned()).collect(),
        items,
        choices,
        metadata: Vec::new(),
    }
}
