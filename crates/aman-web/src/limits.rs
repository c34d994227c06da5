//! Flood limits for the public side (the limiter; the `gate` module applies it): submissions and receipt lookups, per
//! client and in total, and staff login attempts per client, answered with
//! `429` and `Retry-After`; above the calm rate of submissions, the flood
//! challenge of [`crate::challenge`]. Staff work behind a session is never
//! limited.
//!
//! A client is known by its address only inside this process, and only as an
//! HMAC under a key drawn at start: the address itself is never stored or
//! logged. Behind a trusted proxy, the last `X-Forwarded-For` address (the
//! one the proxy itself saw and appended) is used instead of the proxy's;
//! earlier entries are whatever the client chose to send.

use crate::challenge::{Challenge, Challenges};
use aman_app::random;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};

/// The limits, as settings.
#[derive(Debug, Clone)]
pub struct IntakeLimits {
    /// Submissions per minute from one client (a burst of this many is allowed).
    pub submissions_per_client_per_minute: u32,
    /// Receipt lookups per minute from one client.
    pub lookups_per_client_per_minute: u32,
    /// Staff login attempts per minute from one client.
    pub logins_per_client_per_minute: u32,
    /// Public requests per second from everyone together.
    pub global_per_second: u32,
    /// Clients never limited (e.g. a trusted SMS gateway).
    pub exempt: Vec<IpAddr>,
    /// Use the last `X-Forwarded-For` address (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Submissions per minute from everyone together above which each
    /// submission must answer a challenge.
    pub calm_submissions_per_minute: u32,
    /// Leading zero bits a work answer needs (16 ≈ 65,000 hashes: a second
    /// or two on a cheap phone).
    pub challenge_difficulty: u8,
    /// Seconds after which a challenge may be answered by waiting.
    pub challenge_wait_seconds: u32,
    /// Waited answers accepted per minute, from everyone together.
    pub waited_per_minute: u32,
}

impl Default for IntakeLimits {
    fn default() -> IntakeLimits {
        IntakeLimits {
            submissions_per_client_per_minute: 10,
            lookups_per_client_per_minute: 30,
            logins_per_client_per_minute: 10,
            global_per_second: 300,
            exempt: Vec::new(),
            trust_forwarded_for: false,
            calm_submissions_per_minute: 120,
            challenge_difficulty: 16,
            challenge_wait_seconds: 8,
            waited_per_minute: 20,
        }
    }
}

pub struct Limiter {
    pub(crate) settings: IntakeLimits,
    pub(crate) submissions: DefaultKeyedRateLimiter<[u8; 16]>,
    pub(crate) lookups: DefaultKeyedRateLimiter<[u8; 16]>,
    pub(crate) logins: DefaultKeyedRateLimiter<[u8; 16]>,
    pub(crate) global: DefaultDirectRateLimiter,
    pub(crate) key: [u8; 32],
    pub(crate) checks: std::sync::atomic::AtomicU64,
    pub(crate) calm: DefaultDirectRateLimiter,
    pub(crate) waited: DefaultDirectRateLimiter,
    /// Until when (ms, by the state's clock) submissions need a challenge.
    pub(crate) surge_until: AtomicI64,
    pub(crate) challenges: Challenges,
}

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

impl Limiter {
    /// `key` hides client addresses in memory; `challenge_key` signs challenges.
    pub fn new(settings: IntakeLimits, key: [u8; 32], challenge_key: [u8; 32]) -> Limiter {
        let global = NonZeroU32::new(settings.global_per_second.max(1)).unwrap_or(NonZeroU32::MIN);
        Limiter {
            submissions: RateLimiter::keyed(per_minute(settings.submissions_per_client_per_minute)),
            lookups: RateLimiter::keyed(per_minute(settings.lookups_per_client_per_minute)),
            logins: RateLimiter::keyed(per_minute(settings.logins_per_client_per_minute)),
            global: RateLimiter::direct(Quota::per_second(global)),
            calm: RateLimiter::direct(per_minute(settings.calm_submissions_per_minute)),
            waited: RateLimiter::direct(per_minute(settings.waited_per_minute)),
            surge_until: AtomicI64::new(i64::MIN),
            challenges: Challenges::new(challenge_key, settings.challenge_difficulty, settings.challenge_wait_seconds),
            settings,
            key,
            checks: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// A challenge for the report form while submissions surge.
    pub fn form_challenge(&self, now_ms: i64) -> Option<Challenge> {
        (now_ms < self.surge_until.load(Ordering::Relaxed)).then(|| self.challenges.issue(now_ms, random()))
    }

    pub(crate) fn client_key(&self, address: &IpAddr) -> [u8; 16] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("any key length");
        mac.update(address.to_string().as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        key
    }
}
