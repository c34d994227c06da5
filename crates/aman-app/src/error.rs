//! The one error of the application layer. Each door maps it to its own
//! answer: the web to an HTTP status and a stable code (docs/api-errors.md),
//! the command line to a message and an exit status.

use aman_core::concern::FieldErrors;
use aman_db::DbError;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The input is not acceptable: field name → field error code (every
    /// problem at once).
    #[error("invalid input: {0:?}")]
    Invalid(BTreeMap<String, String>),
    /// The request makes no sense as a whole (e.g. a period that ends before it starts).
    #[error("bad request")]
    BadRequest,
    /// No such thing, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// No valid session.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but the role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Wrong account, password or second factor (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The role needs a second factor and the account has none.
    #[error("second factor not enrolled")]
    SecondFactorNotEnrolled,
    /// The life-cycle table does not allow this move from the current state.
    #[error("illegal transition")]
    IllegalTransition,
    /// Someone changed the record since the caller read it.
    #[error("edit conflict")]
    EditConflict,
    /// The database cannot be reached; try again later.
    #[error("unavailable")]
    Unavailable,
    /// A file of a kind that is not accepted.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// More than is accepted.
    #[error("payload too large")]
    PayloadTooLarge,
    /// A fault on our side; its cause was logged where it happened.
    #[error("internal error")]
    Internal,
}

impl Error {
    pub fn validation(fields: &FieldErrors) -> Error {
        Error::Invalid(fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    /// One field's problem.
    pub fn field(field: &str, code: &str) -> Error {
        Error::Invalid(BTreeMap::from([(field.to_owned(), code.to_owned())]))
    }

    /// A server-side failure: logged here with its cause, opaque to callers.
    pub fn internal(cause: impl std::fmt::Display) -> Error {
        tracing::error!(error = %cause, "internal error");
        Error::Internal
    }
}

impl From<DbError> for Error {
    fn from(error: DbError) -> Error {
        match error {
            DbError::Conflict => Error::EditConflict,
            unavailable if unavailable.is_unavailable() => {
                tracing::error!(error = %unavailable, "database unavailable");
                Error::Unavailable
            }
            other => Error::internal(other),
        }
    }
}
