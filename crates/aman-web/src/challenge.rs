//! The flood challenge. Per-client limits cannot tell apart the people behind
//! one shared address (a mobile carrier's NAT, Tor), so when submissions from
//! everyone together run above the calm rate, each submission must carry a
//! signed challenge, answered one of two ways:
//!
//! - **work**: a nonce such that SHA-256(`TOKEN:NONCE`) starts with
//!   `difficulty` zero bits (the report page's small script finds it in the
//!   background while the resident types; API clients do the same);
//! - **waiting**, for phones without JavaScript: the challenge is simply sent
//!   back after `wait_seconds` — a person filling in the form waits that long
//!   anyway. Waited answers share a small global budget per minute, so a
//!   flood cannot ride on them; when it is spent, only work answers pass.
//!
//! Tokens are HMAC-signed under a key derived from the key file (any server
//! behind the same address accepts them), expire after
//! [`TOKEN_LIFETIME_MS`], and are accepted once per server.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

pub const TOKEN_LIFETIME_MS: i64 = 15 * 60_000;
/// How long submissions keep needing a challenge after the rate was last
/// above the calm level.
pub const SURGE_HOLD_MS: i64 = 10 * 60_000;
const SPENT_CAPACITY: usize = 100_000;

/// A challenge as handed to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub token: String,
    pub difficulty: u8,
    pub wait_seconds: u32,
}

/// How an answer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Missing, forged, expired or already used.
    Invalid,
    /// Neither enough work nor enough waiting (or the waiting budget is spent).
    Unanswered,
}

pub struct Challenges {
    key: [u8; 32],
    difficulty: u8,
    wait_seconds: u32,
    /// Token nonces accepted, with the time they expire.
    spent: Mutex<HashMap<[u8; 16], i64>>,
}

/// The number of leading zero bits of a digest.
pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if *byte != 0 {
            break;
        }
    }
    bits
}

/// Whether `nonce` is enough work for `token` at `difficulty`.
pub fn is_solution(token: &str, nonce: &str, difficulty: u8) -> bool {
    let digest = Sha256::digest(format!("{token}:{nonce}").as_bytes());
    leading_zero_bits(&digest) >= u32::from(difficulty)
}

/// Finds a work answer (what the page's script and API clients do).
pub fn solve(token: &str, difficulty: u8) -> u64 {
    (0..).find(|n| is_solution(token, &n.to_string(), difficulty)).unwrap_or_default()
}

impl Challenges {
    pub fn new(key: [u8; 32], difficulty: u8, wait_seconds: u32) -> Challenges {
        Challenges { key, difficulty, wait_seconds, spent: Mutex::new(HashMap::new()) }
    }

    fn mac(&self, body: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("any key length");
        mac.update(body.as_bytes());
        mac
    }

    /// A new challenge, issued at `now_ms` with a random nonce.
    pub fn issue(&self, now_ms: i64, nonce: [u8; 16]) -> Challenge {
        let body = format!("v1.{now_ms}.{}.{}", self.difficulty, hex::encode(nonce));
        let tag = hex::encode(&self.mac(&body).finalize().into_bytes()[..16]);
        Challenge { token: format!("{body}.{tag}"), difficulty: self.difficulty, wait_seconds: self.wait_seconds }
    }

    /// Checks an answer; `may_wait` says whether the waiting budget allows
    /// one more waited answer (asked only when waiting is the answer).
    pub fn admit(
        &self,
        token: &str,
        solution: &str,
        now_ms: i64,
        may_wait: impl FnOnce() -> bool,
    ) -> Result<(), Refusal> {
        let (body, tag) = token.rsplit_once('.').ok_or(Refusal::Invalid)?;
        let tag = hex::decode(tag).map_err(|_| Refusal::Invalid)?;
        self.mac(body).verify_truncated_left(&tag).map_err(|_| Refusal::Invalid)?;
        let mut parts = body.split('.');
        let (Some("v1"), Some(issued), Some(difficulty), Some(nonce), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Refusal::Invalid);
        };
        let issued: i64 = issued.parse().map_err(|_| Refusal::Invalid)?;
        let difficulty: u8 = difficulty.parse().map_err(|_| Refusal::Invalid)?;
        let nonce: [u8; 16] = hex::decode(nonce).ok().and_then(|n| n.try_into().ok()).ok_or(Refusal::Invalid)?;
        if now_ms < issued || now_ms - issued > TOKEN_LIFETIME_MS {
            return Err(Refusal::Invalid);
        }
        let worked = !solution.is_empty() && is_solution(token, solution, difficulty);
        let waited = !worked && now_ms - issued >= i64::from(self.wait_seconds) * 1000 && may_wait();
        if !worked && !waited {
            return Err(Refusal::Unanswered);
        }
        let mut spent = self.spent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if spent.len() >= SPENT_CAPACITY {
            spent.retain(|_, expires| *expires > now_ms);
        }
        if spent.insert(nonce, issued + TOKEN_LIFETIME_MS).is_some() {
            return Err(Refusal::Invalid);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_942_800_000;

    fn challenges() -> Challenges {
        Challenges::new([3; 32], 8, 5)
    }

    #[test]
    fn counts_leading_zero_bits() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x10, 0xff]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }

    #[test]
    fn work_is_accepted_once() {
        let c = challenges();
        let challenge = c.issue(NOW, [1; 16]);
        let nonce = solve(&challenge.token, challenge.difficulty).to_string();
        assert_eq!(c.admit(&challenge.token, &nonce, NOW + 1, || false), Ok(()));
        assert_eq!(c.admit(&challenge.token, &nonce, NOW + 2, || false), Err(Refusal::Invalid), "replayed");
    }

    #[test]
    fn too_little_work_or_waiting_is_refused() {
        let c = challenges();
        let challenge = c.issue(NOW, [2; 16]);
        let wrong = (0..).map(|n: u64| n.to_string()).find(|n| !is_solution(&challenge.token, n, 8)).expect("some");
        assert_eq!(c.admit(&challenge.token, &wrong, NOW + 1000, || true), Err(Refusal::Unanswered));
        assert_eq!(c.admit(&challenge.token, "", NOW + 4_999, || true), Err(Refusal::Unanswered), "waited too little");
        assert_eq!(c.admit(&challenge.token, "", NOW + 5_000, || false), Err(Refusal::Unanswered), "budget spent");
        assert_eq!(c.admit(&challenge.token, "", NOW + 5_000, || true), Ok(()));
    }

    #[test]
    fn forged_expired_and_foreign_tokens_are_refused() {
        let c = challenges();
        let challenge = c.issue(NOW, [4; 16]);
        let forged = challenge.token.replace(".8.", ".1.");
        assert_eq!(c.admit(&forged, "0", NOW + 10_000, || true), Err(Refusal::Invalid));
        assert_eq!(c.admit(&challenge.token, "", NOW + TOKEN_LIFETIME_MS + 1, || true), Err(Refusal::Invalid));
        let other = Challenges::new([9; 32], 8, 5).issue(NOW, [4; 16]);
        assert_eq!(c.admit(&other.token, "", NOW + 10_000, || true), Err(Refusal::Invalid));
        assert_eq!(c.admit("nonsense", "", NOW, || true), Err(Refusal::Invalid));
    }
}
