//! The resident's pages: home, about, report a concern (cascading area
//! pickers that work without JavaScript, an optional photo) and the receipt.
//! Following a concern by its receipt is `track.rs`.

use super::layout::{Choice, Nav, render};
use crate::challenge::Challenge;
use crate::concerns;
use crate::error::{AppError, ErrorCode, field_message};
use crate::gate::Gate;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::category::Category;
use aman_core::concern::{ConcernInput, ContactInput, DESCRIPTION_MAX_CHARS, DESCRIPTION_MIN_CHARS, NumberInput};
use aman_core::receipt::Receipt;
use askama::Template;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use fluent_bundle::FluentArgs;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/about", get(about))
        .route(
            "/report",
            get(report_form)
                .post(report_submit)
                .layer(axum::extract::DefaultBodyLimit::max(aman_app::attachments::MAX_BYTES + (64 << 10))),
        )
        .route("/receipt.txt", post(receipt_file))
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    t: Tr,
    nav: Nav,
    title: String,
}

async fn home(t: Tr) -> Response {
    render(&Home { t, nav: Nav::public("/"), title: t.get("home-title") })
}

/// Who runs the service, who sees what, and how long it is kept.
#[derive(Template)]
#[template(path = "about.html")]
struct About {
    t: Tr,
    nav: Nav,
    title: String,
    runs: String,
    keep_contact: String,
}

async fn about(State(state): State<AppState>, t: Tr) -> Response {
    let runs = match &state.web_settings().operator {
        Some(operator) => t.text("about-runs", &[("operator", operator)]),
        None => t.get("about-runs-unnamed"),
    };
    let days = state.settings().retention_days.to_string();
    render(&About {
        t,
        nav: Nav::public("/about"),
        title: t.get("about-title"),
        runs,
        keep_contact: t.text("about-keep-contact", &[("days", &days)]),
    })
}

/// The report form as posted. Every field is text so that a half-filled form
/// always comes back as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReportForm {
    category: String,
    description: String,
    governorate: String,
    district: String,
    subdistrict: String,
    /// The place in the resident's words, read into the pickers (never stored).
    place: String,
    lat: String,
    lon: String,
    occurred_on: String,
    contact_name: String,
    contact_phone: String,
    action: String,
    /// Made when the form is first shown and sent back with it, so that
    /// sending it again (refresh, Back) files nothing new.
    idempotency: String,
}

/// The report form as sent: its fields, and the photo chosen with it. The
/// page sends `multipart/form-data` (for the photo); a form without a file
/// may come URL-encoded.
struct ReportPost {
    form: ReportForm,
    /// The declared type and bytes, when a file was chosen.
    photo: Option<(String, axum::body::Bytes)>,
}

impl axum::extract::FromRequest<AppState> for ReportPost {
    type Rejection = AppError;

    async fn from_request(request: axum::extract::Request, state: &AppState) -> Result<ReportPost, AppError> {
        let multipart = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let Form(form) = Form::<ReportForm>::from_request(request, state).await.map_err(AppError::from)?;
            return Ok(ReportPost { form, photo: None });
        }
        let mut parts = axum::extract::Multipart::from_request(request, state)
            .await
            .map_err(|_| AppError::new(ErrorCode::BadRequest))?;
        let (mut fields, mut photo) = (Vec::new(), None);
        while let Some(field) = parts.next_field().await.map_err(|_| AppError::new(ErrorCode::BadRequest))? {
            let name = field.name().unwrap_or_default().to_owned();
            if name == "photo" {
                let content_type = field.content_type().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| AppError::new(ErrorCode::PayloadTooLarge))?;
                photo = Some((content_type, bytes)).filter(|(_, bytes)| !bytes.is_empty());
            } else {
                fields.push((name, field.text().await.map_err(|_| AppError::new(ErrorCode::BadRequest))?));
            }
        }
        // The same reading as the URL-encoded form's.
        let encoded = serde_urlencoded::to_string(&fields).map_err(|_| AppError::new(ErrorCode::BadRequest))?;
        let form = serde_urlencoded::from_str(&encoded).map_err(|_| AppError::new(ErrorCode::BadRequest))?;
        Ok(ReportPost { form, photo })
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    t: Tr,
    nav: Nav,
    title: String,
    form: ReportForm,
    errors: BTreeMap<String, String>,
    description_hint: String,
    categories: Vec<Choice>,
    governorates: Vec<Choice>,
    districts: Vec<Choice>,
    subdistricts: Vec<Choice>,
    today: String,
    /// During a surge of submissions: the challenge the form carries.
    challenge: Option<Challenge>,
    /// The last submission needed an answer to the challenge.
    challenged: bool,
    /// A photo came with the form, which a page shown again cannot keep.
    photo_again: bool,
    /// The pickers were set from the place written in words, for the
    /// resident to check before sending.
    place_read: bool,
}

impl ReportForm {
    /// Keeps only a consistent chain governorate › district › sub-district
    /// and returns the deepest chosen area.
    fn settle_area(&mut self, state: &AppState) -> Option<String> {
        let areas = state.areas();
        let valid = |code: &str, level: u8, parent: Option<&str>| {
            areas.get(code).is_some_and(|a| a.level == level && (parent.is_none() || a.parent.as_deref() == parent))
        };
        if !valid(&self.governorate, 1, None) {
            self.governorate.clear();
        }
        if self.governorate.is_empty() || !valid(&self.district, 2, Some(&self.governorate)) {
            self.district.clear();
        }
        if self.district.is_empty() || !valid(&self.subdistrict, 3, Some(&self.district)) {
            self.subdistrict.clear();
        }
        [&self.subdistrict, &self.district, &self.governorate].into_iter().find(|c| !c.is_empty()).cloned()
    }

    /// With no area chosen and no point given, sets the pickers to the area
    /// the place written in words names: `None` when no place was written,
    /// else whether it named one.
    fn read_place(&mut self, state: &AppState) -> Option<bool> {
        let unplaced = self.governorate.is_empty() && self.lat.trim().is_empty() && self.lon.trim().is_empty();
        if !unplaced || self.place.trim().is_empty() {
            return None;
        }
        let Some(pcode) = aman_app::places::resolve_words(state, &self.place) else {
            return Some(false);
        };
        let chain: Vec<&aman_geo::Area> =
            std::iter::successors(state.areas().get(pcode.as_str()), |a| state.areas().get(a.parent.as_deref()?))
                .collect();
        let level = |n: u8| chain.iter().find(|a| a.level == n).map(|a| a.pcode.clone()).unwrap_or_default();
        (self.governorate, self.district, self.subdistrict) = (level(1), level(2), level(3));
        Some(true)
    }

    fn to_input(&self, area: Option<String>, t: Tr) -> ConcernInput {
        let number = |text: &str| (!text.trim().is_empty()).then(|| NumberInput::Text(text.to_owned()));
        ConcernInput {
            category: Some(self.category.clone()),
            description: Some(self.description.clone()),
            area,
            lat: number(&self.lat),
            lon: number(&self.lon),
            occurred_on: Some(self.occurred_on.clone()),
            language: Some(t.lang.as_str().to_owned()),
            contact: Some(ContactInput {
                name: Some(self.contact_name.clone()),
                phone: Some(self.contact_phone.clone()),
            }),
        }
    }
}

fn report_page(state: &AppState, t: Tr, mut form: ReportForm, errors: BTreeMap<String, String>) -> ReportPage {
    form.settle_area(state);
    let areas = state.areas();
    let choices = |parent: &str, current: &str| -> Vec<Choice> {
        if parent.is_empty() {
            return Vec::new();
        }
        let mut list: Vec<Choice> =
            areas.children(parent).map(|a| Choice::new(&a.pcode, t.area_name(a).to_owned(), current)).collect();
        list.sort_by(|a, b| a.label.cmp(&b.label));
        list
    };
    let mut hint_args = FluentArgs::new();
    hint_args.set("min", DESCRIPTION_MIN_CHARS as i64);
    hint_args.set("max", DESCRIPTION_MAX_CHARS as i64);
    if form.occurred_on.is_empty() {
        form.occurred_on = state.today().to_string();
    }
    if form.idempotency.is_empty() {
        form.idempotency = hex::encode(aman_app::random::<16>());
    }
    ReportPage {
        t,
        nav: Nav::public("/report"),
        title: t.get("report-title"),
        description_hint: t.args("report-description-hint", &hint_args),
        categories: Category::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), t.category(c.as_str()), &form.category))
            .collect(),
        governorates: choices("IQ", &form.governorate),
        districts: choices(&form.governorate, &form.district),
        subdistricts: choices(&form.district, &form.subdistrict),
        today: state.today().to_string(),
        challenge: state.limiter().and_then(|l| l.form_challenge(state.now_ms())),
        challenged: false,
        photo_again: false,
        place_read: false,
        form,
        errors,
    }
}

async fn report_form(State(state): State<AppState>, t: Tr) -> Response {
    render(&report_page(&state, t, ReportForm::default(), BTreeMap::new()))
}

async fn report_submit(
    State(state): State<AppState>,
    t: Tr,
    gate: Gate,
    posted: Result<ReportPost, AppError>,
) -> Response {
    let ReportPost { mut form, photo } = match posted {
        Ok(posted) => posted,
        Err(error) => return error.into_response(),
    };
    let area = form.settle_area(&state);
    // The form shown again, as typed; a chosen photo must be chosen again.
    let again = |form: ReportForm, errors: BTreeMap<String, String>| {
        let mut page = report_page(&state, t, form, errors);
        page.photo_again = photo.is_some();
        page
    };
    // No place chosen, but one written in words: shown in the pickers for
    // the resident to check, never filed without them seeing it.
    match form.read_place(&state) {
        Some(true) => {
            let mut page = again(form, BTreeMap::new());
            page.place_read = true;
            return render(&page);
        }
        Some(false) => {
            let unknown = BTreeMap::from([("place".to_owned(), t.get("report-place-unknown"))]);
            return render(&again(form, unknown));
        }
        None => {}
    }
    if form.action == "refine" {
        return render(&again(form, BTreeMap::new()));
    }
    if let Err(challenge) = gate.admit(&state) {
        // Nothing is lost: the form comes back as typed, with a new challenge.
        let mut page = again(form, BTreeMap::new());
        page.challenge = Some(challenge);
        page.challenged = true;
        let mut response = render(&page);
        *response.status_mut() = StatusCode::PRECONDITION_REQUIRED;
        return response;
    }
    // The photo is checked before anything is filed: a report is stored
    // with its photo or not at all.
    let photo = match photo.as_ref().map(|(content_type, bytes)| aman_app::attachments::prepare(content_type, bytes)) {
        None => None,
        Some(Ok(clean)) => Some(clean),
        Some(Err(error)) => {
            let message = photo_problem(t, &AppError::from(error));
            let mut response = render(&again(form, BTreeMap::from([("photo".to_owned(), message)])));
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return response;
        }
    };
    let idempotency = Some(form.idempotency.as_str()).filter(|k| !k.is_empty());
    match concerns::submit(&state, &form.to_input(area, t), concerns::Arrival::web(idempotency))
        .await
        .map_err(AppError::from)
    {
        Ok(submitted) => {
            let receipt = submitted.receipt.grouped();
            let photo_added = match &photo {
                None => None,
                // Filed: the photo goes with it (once, however often the
                // form is sent). Should storing it fail, the report stands
                // and the page says to add the photo from the tracking page.
                Some(photo) => Some(aman_app::attachments::with_report(&state, &receipt, photo).await.is_ok()),
            };
            render(&ReceiptPage {
                t,
                nav: Nav::public("/track"),
                title: t.get("receipt-title"),
                receipt,
                area: t.area_name(&submitted.area).to_owned(),
                status: t.status("submitted"),
                photo_added,
            })
        }
        Err(error) if error.code == ErrorCode::ValidationFailed => {
            let errors = error.fields.iter().map(|(field, code)| (field.clone(), field_message(t, code))).collect();
            let mut response = render(&again(form, errors));
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
        Err(error) => error.into_response(),
    }
}

/// What a reporter is told about a photo that cannot be taken, or `None`
/// when the problem is not the photo's.
pub(super) fn photo_message(t: Tr, error: &AppError) -> Option<String> {
    match error.code {
        ErrorCode::ValidationFailed => error.fields.values().next().map(|code| field_message(t, code)),
        ErrorCode::UnsupportedMediaType => Some(t.get("track-photo-type")),
        ErrorCode::PayloadTooLarge => Some(t.get("track-photo-size")),
        _ => None,
    }
}

fn photo_problem(t: Tr, error: &AppError) -> String {
    photo_message(t, error).unwrap_or_else(|| t.get(&format!("error-{}", error.code.as_str())))
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    t: Tr,
    nav: Nav,
    title: String,
    receipt: String,
    area: String,
    status: String,
    /// Whether the photo sent with the report was added (when one was).
    photo_added: Option<bool>,
}

#[derive(Deserialize)]
pub(super) struct ReceiptForm {
    #[serde(default)]
    pub(super) receipt: String,
}

/// The receipt as a small text file to keep, for phones that cannot print.
async fn receipt_file(t: Tr, Form(form): Form<ReceiptForm>) -> Result<Response, AppError> {
    let receipt = Receipt::parse(&form.receipt).ok_or_else(|| AppError::field("receipt", "invalid_receipt"))?;
    let body = format!("{}\n\n{}\n", t.get("receipt-file-text"), receipt.grouped());
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"aman-receipt.txt\""),
        ],
        body,
    )
        .into_response())
}
