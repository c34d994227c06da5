//! How the web door carries a staff session: the session cookie for pages
//! (HttpOnly, SameSite=Strict), bearer tokens for the API, and the CSRF
//! token every staff form carries. Sessions themselves (passwords, second
//! factor, expiry) are `aman_app::sessions`.

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use aman_app::Actor;
use aman_app::sessions::{self, Session};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use subtle::ConstantTimeEq;

pub use aman_app::sessions::login;

pub const SESSION_COOKIE: &str = "aman_session";

/// A signed-in staff member (an extractor): the application's actor, with
/// the session it came with.
#[derive(Debug, Clone)]
pub struct Staff {
    pub session: Session,
}

impl std::ops::Deref for Staff {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.session.actor
    }
}

impl Staff {
    /// Refuses a state-changing form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if bool::from(submitted.as_bytes().ct_eq(self.session.csrf_token.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::new(ErrorCode::CsrfFailed))
        }
    }

    /// Ends every session of this account, on every device.
    pub async fn logout_everywhere(&self, state: &AppState) -> Result<(), AppError> {
        Ok(sessions::logout_everywhere(state, self).await?)
    }

    pub async fn logout(&self, state: &AppState) -> Result<(), AppError> {
        Ok(sessions::logout(state, &self.session).await?)
    }
}

/// Refuses a form posted from another site (login CSRF: a page elsewhere
/// signing the visitor into an account of its choosing). Browsers say where
/// a form comes from in `Sec-Fetch-Site` and `Origin`; a request with neither
/// (a script, an old browser) is not a browser being steered by another site.
pub fn same_origin(headers: &axum::http::HeaderMap) -> Result<(), AppError> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let fetch_site = text("sec-fetch-site");
    let cross_site = fetch_site.is_some_and(|site| !matches!(site, "same-origin" | "none"));
    let host = text("host").unwrap_or_default();
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` even
    // for a form posted from our own page; they attest where it came from in
    // `Sec-Fetch-Site`, which a page elsewhere cannot set.
    let attested_same_origin = fetch_site == Some("same-origin");
    let foreign_origin = text("origin").is_some_and(|origin| {
        if origin == "null" {
            return !attested_same_origin;
        }
        origin.split_once("://").is_none_or(|(_, rest)| rest.trim_end_matches('/') != host)
    });
    if cross_site || foreign_origin { Err(AppError::new(ErrorCode::CsrfFailed)) } else { Ok(()) }
}

fn bearer_token(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_owned())
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    /// API requests authenticate with a bearer token only, pages with the
    /// cookie only: a cookie never authorises an API call, so the API needs no
    /// CSRF token.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, AppError> {
        // Nested routers see a shortened path; the original tells API from page.
        let path = parts.extensions.get::<axum::extract::OriginalUri>().map_or(parts.uri.path(), |uri| uri.0.path());
        let token = if path.starts_with("/api/") {
            bearer_token(parts)
        } else {
            crate::cookies::cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned)
        };
        let Some(token) = token else {
            return Err(AppError::new(ErrorCode::Unauthorized));
        };
        Ok(Staff { session: sessions::authenticate(state, &token).await? })
    }
}

/// The `Set-Cookie` value that opens (or, with an empty token, closes) a page
/// session.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    let secure = if state.web_settings().secure_cookies { "; Secure" } else { "" };
    let max_age = if token.is_empty() { "; Max-Age=0".to_owned() } else { String::new() };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}{max_age}")
}
