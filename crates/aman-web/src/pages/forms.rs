//! Reading the staff pages' posted forms: fields by name (repeated names
//! kept for checkboxes), the CSRF check, and the redirect after a change.

use crate::auth::Staff;
use crate::error::AppError;
use crate::i18n::Tr;
use axum::response::{IntoResponse, Redirect, Response};

/// A posted form: every field, repeated names kept (checkboxes).
pub type Fields = Vec<(String, String)>;

pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

pub fn all<'a>(fields: &'a Fields, name: &str) -> impl Iterator<Item = &'a str> {
    fields.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub fn checked(staff: &Staff, fields: &Fields) -> Result<(), AppError> {
    staff.check_csrf(field(fields, "csrf"))
}

pub fn constituency_label(t: Tr, code: &str) -> String {
    t.get(&format!("constituency-{code}"))
}

pub fn back(path: String) -> Response {
    Redirect::to(&path).into_response()
}
