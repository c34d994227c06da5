//! The one error type of the web layer and its stable codes.
//!
//! A handler returns [`AppError`]; its response carries the error as an
//! extension, and the `finish` middleware (which knows the reader's language
//! and whether the request was for the API) renders it as JSON
//! `{"error": {"code", "message", "fields"}}` or as a translated HTML page.
//! A 5xx logs its cause and tells the client nothing internal.

use crate::bodies::{ErrorBody, ErrorDetail};
use crate::i18n::Tr;
use aman_core::concern::FieldErrors;
use aman_db::DbError;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

/// Stable, documented error codes (docs/api-errors.md). Never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadRequest,
    ValidationFailed,
    MalformedJson,
    UnsupportedMediaType,
    PayloadTooLarge,
    NotFound,
    MethodNotAllowed,
    Unauthorized,
    InvalidCredentials,
    SecondFactorNotEnrolled,
    Forbidden,
    CsrfFailed,
    IllegalTransition,
    EditConflict,
    RateLimited,
    ChallengeRequired,
    RequestTimeout,
    Internal,
    Unavailable,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::BadRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::MalformedJson,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Unauthorized,
        ErrorCode::InvalidCredentials,
        ErrorCode::SecondFactorNotEnrolled,
        ErrorCode::Forbidden,
        ErrorCode::CsrfFailed,
        ErrorCode::IllegalTransition,
        ErrorCode::EditConflict,
        ErrorCode::RateLimited,
        ErrorCode::ChallengeRequired,
        ErrorCode::RequestTimeout,
        ErrorCode::Internal,
        ErrorCode::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::SecondFactorNotEnrolled => "second_factor_not_enrolled",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::IllegalTransition => "illegal_transition",
            ErrorCode::EditConflict => "edit_conflict",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ChallengeRequired => "challenge_required",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::Internal => "internal",
            ErrorCode::Unavailable => "unavailable",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BadRequest | ErrorCode::MalformedJson => StatusCode::BAD_REQUEST,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Unauthorized | ErrorCode::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::CsrfFailed | ErrorCode::SecondFactorNotEnrolled => StatusCode::FORBIDDEN,
            ErrorCode::IllegalTransition | ErrorCode::EditConflict => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::ChallengeRequired => StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppError {
    pub code: ErrorCode,
    /// Field name → field error code (translated as `fielderror-CODE`).
    pub fields: BTreeMap<String, String>,
}

impl AppError {
    pub fn new(code: ErrorCode) -> AppError {
        AppError { code, fields: BTreeMap::new() }
    }

    pub fn validation(fields: &FieldErrors) -> AppError {
        AppError {
            code: ErrorCode::ValidationFailed,
            fields: fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        }
    }

    pub fn field(field: &str, code: &str) -> AppError {
        AppError { code: ErrorCode::ValidationFailed, fields: BTreeMap::from([(field.to_owned(), code.to_owned())]) }
    }

    /// A server-side failure: logged here with its cause, opaque to clients.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(error = %cause, "internal error");
        AppError::new(ErrorCode::Internal)
    }

    pub fn json_body(&self, tr: Tr) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.as_str().to_owned(),
                message: tr.get(&format!("error-{}", self.code.as_str())),
                fields: self.fields.iter().map(|(field, code)| (field.clone(), field_message(tr, code))).collect(),
                field_codes: self.fields.clone(),
            },
        }
    }
}

/// The translated message for a field error code.
pub fn field_message(tr: Tr, code: &str) -> String {
    tr.field_error(code)
}

impl ErrorCode {
    /// The code for an error response produced outside our handlers (a
    /// framework rejection), so that every error has the documented shape.
    pub fn for_status(status: StatusCode) -> ErrorCode {
        match status.as_u16() {
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            422 => ErrorCode::ValidationFailed,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            409 => ErrorCode::EditConflict,
            428 => ErrorCode::ChallengeRequired,
            408 => ErrorCode::RequestTimeout,
            429 => ErrorCode::RateLimited,
            503 => ErrorCode::Unavailable,
            400..=499 => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.code.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl From<aman_app::Error> for AppError {
    /// The web's answer to each application error.
    fn from(error: aman_app::Error) -> AppError {
        use aman_app::Error;
        let code = match error {
            Error::Invalid(fields) => return AppError { code: ErrorCode::ValidationFailed, fields },
            Error::BadRequest => ErrorCode::BadRequest,
            Error::NotFound => ErrorCode::NotFound,
            Error::Unauthorized => ErrorCode::Unauthorized,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::SecondFactorNotEnrolled => ErrorCode::SecondFactorNotEnrolled,
            Error::IllegalTransition => ErrorCode::IllegalTransition,
            Error::EditConflict => ErrorCode::EditConflict,
            Error::Unavailable => ErrorCode::Unavailable,
            Error::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Error::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Error::Internal => ErrorCode::Internal,
        };
        AppError::new(code)
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> AppError {
        aman_app::Error::from(error).into()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> AppError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => AppError::new(ErrorCode::UnsupportedMediaType),
            JsonRejection::BytesRejection(_) => AppError::new(ErrorCode::PayloadTooLarge),
            _ => AppError::new(ErrorCode::MalformedJson),
        }
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> AppError {
        match rejection {
            FormRejection::InvalidFormContentType(_) => AppError::new(ErrorCode::UnsupportedMediaType),
            FormRejection::BytesRejection(_) => AppError::new(ErrorCode::PayloadTooLarge),
            _ => AppError::new(ErrorCode::ValidationFailed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aman_core::concern::Language;

    /// The codes are a contract: each is in the documented table, and each
    /// has a message in every language.
    #[test]
    fn every_code_is_documented_and_translated() {
        let table = include_str!("../../../docs/api-errors.md");
        for code in ErrorCode::ALL {
            assert!(table.contains(&format!("| `{}` | {} |", code.as_str(), code.status().as_u16())), "{code:?}");
            assert_eq!(ErrorCode::for_status(code.status()).status(), code.status());
            for lang in Language::ALL {
                let key = format!("error-{}", code.as_str());
                assert!(crate::i18n::keys(lang).contains(&key), "{key} missing in {lang:?}");
            }
        }
    }
}
