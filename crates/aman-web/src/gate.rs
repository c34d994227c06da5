//! Where the flood limits of [`crate::limits`] meet requests: the middleware
//! in front of every public route, and the [`Gate`] every submission passes
//! (above the calm rate, the flood challenge of [`crate::challenge`]).

use crate::challenge::{Challenge, SURGE_HOLD_MS};
use crate::error::{AppError, ErrorCode};
use crate::limits::Limiter;
use crate::state::AppState;
use aman_app::random;
use axum::extract::FromRequestParts;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::Ordering;

enum Kind {
    Submission,
    Lookup,
    Login,
}

fn kind_of(method: &Method, path: &str) -> Option<Kind> {
    match (method, path) {
        (&Method::POST, "/api/v1/concerns" | "/report" | "/track/photo") => Some(Kind::Submission),
        (&Method::POST, path) if path.starts_with("/surveys/") => Some(Kind::Lookup),
        (&Method::POST, "/track" | "/track/confirm" | "/receipt.txt") => Some(Kind::Lookup),
        (&Method::POST, "/staff/login" | "/api/v1/sessions") => Some(Kind::Login),
        (_, path) if path.starts_with("/api/v1/receipts/") => Some(Kind::Lookup),
        _ => None,
    }
}

fn client_address(limiter: &Limiter, request: &Request) -> Option<IpAddr> {
    if limiter.settings.trust_forwarded_for {
        let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(last) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|a| a.trim().parse().ok()) {
            return Some(last);
        }
    }
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())
}

fn too_many(wait_seconds: u64) -> Response {
    let mut response = AppError::new(ErrorCode::RateLimited).into_response();
    if let Ok(value) = HeaderValue::from_str(&wait_seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The middleware.
pub async fn limit_public(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limiter) = state.limiter() else { return next.run(request).await };
    let Some(kind) = kind_of(request.method(), request.uri().path()) else { return next.run(request).await };
    let address = client_address(limiter, &request);
    if address.is_some_and(|a| limiter.settings.exempt.contains(&a)) {
        let mut request = request;
        request.extensions_mut().insert(Exempt);
        return next.run(request).await;
    }
    // Forget clients whose buckets are full again, so memory stays bounded.
    if limiter.checks.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 4096 == 4095 {
        limiter.submissions.retain_recent();
        limiter.lookups.retain_recent();
        limiter.logins.retain_recent();
    }
    let clock = DefaultClock::default();
    if let Err(not_until) = limiter.global.check() {
        return too_many(not_until.wait_time_from(clock.now()).as_secs());
    }
    if let Some(address) = address {
        let key = limiter.client_key(&address);
        let mut request = request;
        request.extensions_mut().insert(ClientKey(key));
        let bucket = match kind {
            Kind::Submission => &limiter.submissions,
            Kind::Lookup => &limiter.lookups,
            Kind::Login => &limiter.logins,
        };
        if let Err(not_until) = bucket.check_key(&key) {
            return too_many(not_until.wait_time_from(clock.now()).as_secs());
        }
        return next.run(request).await;
    }
    next.run(request).await
}

/// The limiter's key for the request's client, when it is known.
#[derive(Clone, Copy)]
struct ClientKey([u8; 16]);

/// Marks a request from an exempt client (e.g. the SMS gateway).
#[derive(Clone, Copy)]
struct Exempt;

/// What a submission brings to the flood gate: its answer to a challenge
/// (`challenge` and `solution` in the page form's query string, the
/// `Aman-Challenge` and `Aman-Solution` headers for the API) and whether its
/// client is exempt.
pub struct Gate {
    token: String,
    solution: String,
    exempt: bool,
    client: Option<ClientKey>,
}

impl Gate {
    /// Lets the submission through, or returns the challenge to answer.
    pub fn admit(&self, state: &AppState) -> Result<(), Challenge> {
        state.limiter().map_or(Ok(()), |limiter| limiter.admit_submission(state.now_ms(), self))
    }

    /// Counts a submission made through a route whose requests are limited
    /// as steps (a survey's pages) against its client's submissions, like a
    /// concern's; `429` when the client has made too many.
    pub fn spend_submission(&self, state: &AppState) -> Result<(), TooMany> {
        let (Some(limiter), Some(ClientKey(key)), false) = (state.limiter(), self.client, self.exempt) else {
            return Ok(());
        };
        limiter
            .submissions
            .check_key(&key)
            .map_err(|not_until| TooMany(not_until.wait_time_from(DefaultClock::default().now()).as_secs()))
    }
}

/// A client over its budget: `429 rate_limited`, with the seconds to wait.
pub struct TooMany(u64);

impl IntoResponse for TooMany {
    fn into_response(self) -> Response {
        too_many(self.0)
    }
}

impl FromRequestParts<AppState> for Gate {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Gate, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let from_query = |name: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_owned())
        };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Gate {
            token: header("aman-challenge").or_else(|| from_query("challenge")).unwrap_or_default(),
            solution: header("aman-solution").or_else(|| from_query("solution")).unwrap_or_default(),
            exempt: parts.extensions.get::<Exempt>().is_some(),
            client: parts.extensions.get::<ClientKey>().copied(),
        })
    }
}

/// The API's answer when a challenge is needed: `428 challenge_required`
/// with the challenge in headers.
pub fn challenge_response(challenge: &Challenge) -> Response {
    let mut response = AppError::new(ErrorCode::ChallengeRequired).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        ("aman-challenge", challenge.token.clone()),
        ("aman-challenge-difficulty", challenge.difficulty.to_string()),
        ("retry-after", challenge.wait_seconds.to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

impl Limiter {
    /// Lets a submission through, or answers with a new challenge: counts it
    /// toward the calm rate and, during a surge, checks its answer.
    pub(crate) fn admit_submission(&self, now_ms: i64, gate: &Gate) -> Result<(), Challenge> {
        if gate.exempt {
            return Ok(());
        }
        if self.calm.check().is_err() {
            self.surge_until.fetch_max(now_ms + SURGE_HOLD_MS, Ordering::Relaxed);
        }
        if now_ms >= self.surge_until.load(Ordering::Relaxed) {
            return Ok(());
        }
        match self.challenges.admit(&gate.token, &gate.solution, now_ms, || self.waited.check().is_ok()) {
            Ok(()) => Ok(()),
            Err(_) => Err(self.challenges.issue(now_ms, random())),
        }
    }
}
