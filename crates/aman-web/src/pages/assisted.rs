//! Assisted intake: a caseworker or field team member files a concern for a
//! resident (who may have no phone, no connection, or may not read), with
//! the resident's consent recorded, and hands over the receipt.

use super::layout::{Choice, area_choices, render};
use super::staff::{PageStaff, nav};
use crate::auth::Staff;
use crate::error::{AppError, ErrorCode, field_message};
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::concerns::{self, Consent};
use aman_core::category::Category;
use aman_core::concern::{ConcernInput, ContactInput};
use aman_core::role::Action;
use askama::Template;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/assisted", get(form).post(submit))
}

/// The form as posted; every field text, so that it comes back as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AssistedForm {
    csrf: String,
    idempotency: String,
    category: String,
    description: String,
    area: String,
    occurred_on: String,
    contact_name: String,
    contact_phone: String,
    consent_method: String,
    consent_contact: String,
    consent_referral: String,
    consent_confirmed: String,
}

#[derive(Template)]
#[template(path = "assisted.html")]
struct Page {
    t: Tr,
    nav: super::layout::Nav,
    title: String,
    csrf: String,
    form: AssistedForm,
    categories: Vec<Choice>,
    area_choices: Vec<Choice>,
    errors: BTreeMap<String, String>,
    /// After filing: the receipt to hand over.
    receipt: Option<String>,
}

fn page(state: &AppState, t: Tr, staff: &Staff, mut form: AssistedForm) -> Page {
    if form.idempotency.is_empty() {
        form.idempotency = hex::encode(aman_app::random::<16>());
    }
    Page {
        t,
        nav: nav(staff, "/staff/assisted"),
        title: t.get("assisted-title"),
        csrf: staff.session.csrf_token.clone(),
        categories: Category::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), t.category(c.as_str()), &form.category))
            .collect(),
        area_choices: area_choices(state, t, staff.user.area.as_str()),
        form,
        errors: BTreeMap::new(),
        receipt: None,
    }
}

async fn form(State(state): State<AppState>, t: Tr, PageStaff(staff): PageStaff) -> Result<Response, AppError> {
    if !staff.user.role.may(Action::FileAssisted) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    Ok(render(&page(&state, t, &staff, AssistedForm::default())))
}

async fn submit(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Form(posted): Form<AssistedForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&posted.csrf)?;
    if !staff.user.role.may(Action::FileAssisted) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let area =
        aman_app::places::resolve(state.areas(), &posted.area).map_or_else(|| posted.area.clone(), |p| p.to_string());
    let input = ConcernInput {
        category: Some(posted.category.clone()),
        description: Some(posted.description.clone()),
        area: Some(area),
        occurred_on: Some(posted.occurred_on.clone()).filter(|d| !d.trim().is_empty()),
        language: Some(t.lang_code().to_owned()),
        contact: Some(ContactInput {
            name: Some(posted.contact_name.clone()),
            phone: Some(posted.contact_phone.clone()),
        }),
        ..ConcernInput::default()
    };
    let consent = Consent {
        method: posted.consent_method.clone(),
        contact: !posted.consent_contact.is_empty(),
        referral: !posted.consent_referral.is_empty(),
        confirmed: !posted.consent_confirmed.is_empty(),
    };
    let idempotency = Some(posted.idempotency.as_str()).filter(|k| !k.is_empty()).map(str::to_owned);
    let filed =
        concerns::submit_assisted(&state, &staff, &input, &consent, concerns::AssistedBy::Page(idempotency.as_deref()))
            .await;
    match filed.map_err(AppError::from) {
        Ok(submitted) => {
            let mut page = page(&state, t, &staff, AssistedForm::default());
            page.receipt = Some(submitted.receipt.grouped());
            Ok(render(&page))
        }
        Err(error) if error.code == ErrorCode::ValidationFailed => {
            let errors = error.fields.iter().map(|(f, code)| (f.clone(), field_message(t, code))).collect();
            let mut page = page(&state, t, &staff, posted);
            page.errors = errors;
            let mut response = render(&page);
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(error) => Err(error),
    }
}
