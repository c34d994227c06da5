//! Staff sessions: passwords (Argon2id) and the second factor, server-side
//! sessions with idle and absolute expiry, logout (here or everywhere).
//! Only a SHA-256 hash of a session token is stored; how a door carries the
//! token (a cookie, a bearer header) is the door's business.

use crate::{Actor, App, Error};
use aman_core::{secrets, totp};
use aman_db::UserRecord;
use sha2::{Digest, Sha256};

/// A valid session: who it belongs to and the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub csrf_token: String,
    token_hash: String,
}

/// A fresh random token (hex, 256 bits).
pub fn random_token() -> String {
    hex::encode(crate::random::<32>())
}

pub(crate) fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A password hash that matches nothing, verified when the email is unknown
/// so that a missing account takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| secrets::hash_password("decoy password that is never used", [0; 16]))
}

/// Sign-in attempts on one account within [`LOCKOUT_WINDOW_MS`] of the
/// first, after which it refuses every attempt (even with the right
/// password) until the window passes; a successful sign-in starts afresh.
pub const LOCKOUT_FAILURES: i64 = 5;
pub const LOCKOUT_WINDOW_MS: i64 = 15 * 60_000;

/// Checks credentials and opens a session; returns the secret token.
pub async fn login(state: &App, email: &str, password: &str, code: &str) -> Result<String, Error> {
    let user = state.db().user_by_email(&email.trim().to_lowercase()).await?;
    // The attempt is reserved before any work, in one UPDATE: parallel
    // guesses on any number of servers are counted exactly.
    let now = state.now_ms();
    let locked = match &user {
        Some(user) => {
            !state.db().reserve_login_attempt(user.id, now - LOCKOUT_WINDOW_MS, now, LOCKOUT_FAILURES).await?
        }
        None => false,
    };
    // A password is checked in every case (against a decoy for an unknown or
    // locked account): unknown, locked and wrong take as long and answer alike.
    let hash = match &user {
        Some(user) if !locked => user.password_hash.clone(),
        _ => decoy_hash().to_owned(),
    };
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || secrets::verify_password(&password, &hash))
        .await
        .map_err(Error::internal)?;
    let user = match user {
        Some(user) if locked => {
            state.audit(None, "session.login_locked", &format!("user:{}", user.id), "too many failures").await?;
            return Err(Error::InvalidCredentials);
        }
        Some(user) if matches && !user.disabled => user,
        Some(user) => {
            let reason = if user.disabled { "account disabled" } else { "wrong password" };
            state.audit(None, "session.login_failed", &format!("user:{}", user.id), reason).await?;
            return Err(Error::InvalidCredentials);
        }
        None => {
            state.audit(None, "session.login_failed", "user:unknown", "no such account").await?;
            return Err(Error::InvalidCredentials);
        }
    };
    check_second_factor(state, &user, code).await?;
    state.db().clear_login_attempts(user.id).await?;
    state.audit(Some(user.id), "session.login", &format!("user:{}", user.id), "").await?;
    let token = random_token();
    state.db().create_session(&hash_token(&token), user.id, &random_token(), state.now_ms()).await?;
    Ok(token)
}

/// After the right password: the TOTP code, required of roles that can see
/// identities and of anyone who enrolled. A wrong, missing or replayed code
/// gets the same answer as a wrong password (no oracle for the password) and
/// counts toward the account's lockout.
async fn check_second_factor(state: &App, user: &UserRecord, code: &str) -> Result<(), Error> {
    let subject = format!("user:{}", user.id);
    let Some(sealed) = &user.totp_sealed else {
        if user.role.requires_second_factor() {
            state.audit(None, "session.login_failed", &subject, "second factor not enrolled").await?;
            return Err(Error::SecondFactorNotEnrolled);
        }
        return Ok(());
    };
    let secret = state.keys().open(&secrets::totp_context(user.id), sealed).map_err(Error::internal)?;
    let now_secs = state.now_ms().div_euclid(1000);
    let refused = match totp::verify(&secret, code, now_secs, user.totp_last_step) {
        Ok(step) if state.db().use_totp_step(user.id, step).await? => return Ok(()),
        Ok(_) | Err(totp::Rejection::Replayed) => "second factor replayed",
        Err(totp::Rejection::Wrong) if code.trim().is_empty() => "second factor missing",
        Err(totp::Rejection::Wrong) => "wrong second factor",
    };
    state.audit(None, "session.login_failed", &subject, refused).await?;
    Err(Error::InvalidCredentials)
}

/// The session a token opens, if it is still valid; an expired session (or
/// one whose account was disabled) is deleted.
pub async fn authenticate(state: &App, token: &str) -> Result<Session, Error> {
    let token_hash = hash_token(token);
    let Some(session) = state.db().session(&token_hash).await? else {
        return Err(Error::Unauthorized);
    };
    let now = state.now_ms();
    let settings = state.settings();
    let idle_expired = now - session.last_seen_at > settings.session_idle_minutes * 60_000;
    let absolute_expired = now - session.created_at > settings.session_absolute_hours * 3_600_000;
    if idle_expired || absolute_expired || session.user.disabled {
        state.db().delete_session(&token_hash).await?;
        return Err(Error::Unauthorized);
    }
    // Refresh the idle timer at most once a minute.
    if now - session.last_seen_at > 60_000 {
        state.db().touch_session(&token_hash, now).await?;
    }
    Ok(Session { actor: Actor { user: session.user }, csrf_token: session.csrf_token, token_hash })
}

/// Ends this session.
pub async fn logout(state: &App, session: &Session) -> Result<(), Error> {
    let user = session.actor.user.id;
    state.db().delete_session(&session.token_hash).await?;
    state.audit(Some(user), "session.logout", &format!("user:{user}"), "").await?;
    Ok(())
}

/// Ends every session of this account, on every device.
pub async fn logout_everywhere(state: &App, actor: &Actor) -> Result<(), Error> {
    let ended = state.db().delete_user_sessions(actor.user.id).await?;
    let subject = format!("user:{}", actor.user.id);
    state.audit(Some(actor.user.id), "session.logout_everywhere", &subject, &format!("{ended} sessions")).await?;
    Ok(())
}
