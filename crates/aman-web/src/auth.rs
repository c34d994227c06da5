//! Staff authentication: passwords (Argon2id), server-side sessions with idle
//! and absolute expiry, the session cookie for pages (HttpOnly, SameSite) and
//! bearer tokens for the API, and the CSRF token every staff form carries.
//! Only a SHA-256 hash of a session token is stored.

use crate::error::{AppError, ErrorCode};
use crate::state::AppState;
use aman_core::role::Grant;
use aman_core::{secrets, totp};
use aman_db::UserRecord;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "aman_session";

/// A logged-in staff member.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: UserRecord,
    pub csrf_token: String,
    token_hash: String,
}

impl Staff {
    pub fn grant(&self) -> Grant {
        Grant { role: self.user.role, area: self.user.area.clone(), confidential: self.user.confidential }
    }

    /// Refuses a state-changing form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if bool::from(submitted.as_bytes().ct_eq(self.csrf_token.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::new(ErrorCode::CsrfFailed))
        }
    }

    /// Ends every session of this account, on every device.
    pub async fn logout_everywhere(&self, state: &AppState) -> Result<(), AppError> {
        let ended = state.db().delete_user_sessions(self.user.id).await?;
        let subject = format!("user:{}", self.user.id);
        state.audit(Some(self.user.id), "session.logout_everywhere", &subject, &format!("{ended} sessions")).await?;
        Ok(())
    }

    pub async fn logout(&self, state: &AppState) -> Result<(), AppError> {
        state.db().delete_session(&self.token_hash).await?;
        state.audit(Some(self.user.id), "session.logout", &format!("user:{}", self.user.id), "").await?;
        Ok(())
    }
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A password hash that matches nothing, verified when the email is unknown
/// so that a missing account takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| secrets::hash_password("decoy password that is never used", [0; 16]))
}

/// Checks credentials and opens a session; returns the secret token.
/// Failed logins on one account, within [`LOCKOUT_WINDOW_MS`], after which it
/// refuses every attempt (even the right password) until the window passes.
pub const LOCKOUT_FAILURES: i64 = 5;
pub const LOCKOUT_WINDOW_MS: i64 = 15 * 60_000;

pub async fn login(state: &AppState, email: &str, password: &str, code: &str) -> Result<String, AppError> {
    let user = state.db().user_by_email(&email.trim().to_lowercase()).await?;
    if let Some(user) = &user {
        let since = state.now_ms() - LOCKOUT_WINDOW_MS;
        if state.db().recent_login_failures(user.id, since).await? >= LOCKOUT_FAILURES {
            state.audit(None, "session.login_locked", &format!("user:{}", user.id), "too many failures").await?;
            return Err(AppError::new(ErrorCode::RateLimited));
        }
    }
    let hash = user.as_ref().map_or(decoy_hash(), |u| u.password_hash.as_str()).to_owned();
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || secrets::verify_password(&password, &hash))
        .await
        .map_err(AppError::internal)?;
    let user = match user {
        Some(user) if matches && !user.disabled => user,
        Some(user) => {
            let reason = if user.disabled { "account disabled" } else { "wrong password" };
            state.audit(None, "session.login_failed", &format!("user:{}", user.id), reason).await?;
            return Err(AppError::new(ErrorCode::InvalidCredentials));
        }
        None => {
            state.audit(None, "session.login_failed", "user:unknown", "no such account").await?;
            return Err(AppError::new(ErrorCode::InvalidCredentials));
        }
    };
    check_second_factor(state, &user, code).await?;
    state.audit(Some(user.id), "session.login", &format!("user:{}", user.id), "").await?;
    let token = random_token();
    state.db().create_session(&hash_token(&token), user.id, &random_token(), state.now_ms()).await?;
    Ok(token)
}

/// After the right password: the TOTP code, required of roles that can see
/// identities and of anyone who enrolled. A wrong, missing or replayed code
/// gets the same answer as a wrong password (no oracle for the password) and
/// counts toward the account's lockout.
async fn check_second_factor(state: &AppState, user: &UserRecord, code: &str) -> Result<(), AppError> {
    let subject = format!("user:{}", user.id);
    let Some(sealed) = &user.totp_sealed else {
        if user.role.requires_second_factor() {
            state.audit(None, "session.login_failed", &subject, "second factor not enrolled").await?;
            return Err(AppError::new(ErrorCode::SecondFactorNotEnrolled));
        }
        return Ok(());
    };
    let secret = state.keys().open(&secrets::totp_context(user.id), sealed).map_err(AppError::internal)?;
    let now_secs = state.now_ms().div_euclid(1000);
    let refused = match totp::verify(&secret, code, now_secs, user.totp_last_step) {
        Ok(step) if state.db().use_totp_step(user.id, step).await? => return Ok(()),
        Ok(_) | Err(totp::Rejection::Replayed) => "second factor replayed",
        Err(totp::Rejection::Wrong) if code.trim().is_empty() => "second factor missing",
        Err(totp::Rejection::Wrong) => "wrong second factor",
    };
    state.audit(None, "session.login_failed", &subject, refused).await?;
    Err(AppError::new(ErrorCode::InvalidCredentials))
}

fn session_cookie_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
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
        let token = if path.starts_with("/api/") { bearer_token(parts) } else { session_cookie_token(parts) };
        let Some(token) = token else {
            return Err(AppError::new(ErrorCode::Unauthorized));
        };
        let token_hash = hash_token(&token);
        let Some(session) = state.db().session(&token_hash).await? else {
            return Err(AppError::new(ErrorCode::Unauthorized));
        };
        let now = state.now_ms();
        let settings = state.settings();
        let idle_expired = now - session.last_seen_at > settings.session_idle_minutes * 60_000;
        let absolute_expired = now - session.created_at > settings.session_absolute_hours * 3_600_000;
        if idle_expired || absolute_expired || session.user.disabled {
            state.db().delete_session(&token_hash).await?;
            return Err(AppError::new(ErrorCode::Unauthorized));
        }
        // Refresh the idle timer at most once a minute.
        if now - session.last_seen_at > 60_000 {
            state.db().touch_session(&token_hash, now).await?;
        }
        Ok(Staff { user: session.user, csrf_token: session.csrf_token, token_hash })
    }
}

/// The `Set-Cookie` value that opens (or, with an empty token, closes) a page
/// session.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    let secure = if state.settings().secure_cookies { "; Secure" } else { "" };
    let max_age = if token.is_empty() { "; Max-Age=0".to_owned() } else { String::new() };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}{max_age}")
}
