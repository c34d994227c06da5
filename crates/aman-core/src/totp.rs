//! Time-based one-time passwords (RFC 6238) as authenticator apps make them:
//! HMAC-SHA-1, six digits, 30-second steps, one step of clock skew either
//! way. A code is accepted once: the caller keeps the last step used and
//! passes it in, and a code from that step or an earlier one is a replay.

use totp_rs::{Algorithm, Builder, Totp};

/// 160-bit secrets, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
const STEP_SECONDS: u64 = 30;
const ISSUER: &str = "Aman";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Not a code of this secret within the allowed skew.
    Wrong,
    /// A code of a step already used.
    Replayed,
}

fn totp(secret: &[u8], account: &str) -> Totp {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret.to_vec())
        .with_account_name(account.replace(':', "_"))
        .with_issuer(Some(ISSUER))
        .build_noncompliant()
}

/// Checks `code` at `now_secs`; returns the step to remember as used.
pub fn verify(secret: &[u8], code: &str, now_secs: i64, last_used_step: Option<i64>) -> Result<i64, Rejection> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let now = u64::try_from(now_secs).map_err(|_| Rejection::Wrong)?;
    let step = totp(secret, "").check(&code, now).ok_or(Rejection::Wrong)?;
    let step = i64::try_from(step).map_err(|_| Rejection::Wrong)?;
    if last_used_step.is_some_and(|last| step <= last) {
        return Err(Rejection::Replayed);
    }
    Ok(step)
}

/// The code an authenticator shows at `now_secs` (for tests and the demo).
pub fn code_at(secret: &[u8], now_secs: i64) -> String {
    totp(secret, "").generate(u64::try_from(now_secs).unwrap_or_default()).to_string()
}

/// The `otpauth://` URI an authenticator app reads (as a QR code or pasted).
pub fn provisioning_uri(secret: &[u8], account: &str) -> String {
    totp(secret, account).to_url().unwrap_or_default()
}

/// The secret in base32, for typing into an authenticator by hand.
pub fn secret_base32(secret: &[u8]) -> String {
    totp_rs::Secret::from(secret.to_vec()).to_base32()
}

/// Reads a base32 secret (as printed by [`secret_base32`]).
pub fn secret_from_base32(text: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::try_from_base32(text.trim()).ok().map(|s| s.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (8-digit
    /// values there; six digits are their last six).
    #[test]
    fn matches_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(code_at(secret, time), expected, "t={time}");
        }
    }

    #[test]
    fn accepts_one_step_of_skew_and_refuses_more() {
        let secret = [9u8; SECRET_BYTES];
        let now = 1_795_942_800;
        assert!(verify(&secret, &code_at(&secret, now - 30), now, None).is_ok());
        assert!(verify(&secret, &code_at(&secret, now + 30), now, None).is_ok());
        assert_eq!(verify(&secret, &code_at(&secret, now - 90), now, None), Err(Rejection::Wrong));
        assert_eq!(verify(&secret, "12345", now, None), Err(Rejection::Wrong));
    }

    #[test]
    fn a_used_step_is_a_replay() {
        let secret = [4u8; SECRET_BYTES];
        let now = 1_795_942_800;
        let code = code_at(&secret, now);
        let step = verify(&secret, &code, now, None).expect("fresh code");
        assert_eq!(verify(&secret, &code, now, Some(step)), Err(Rejection::Replayed));
        // An older code within the skew is a replay too, once a newer one was used.
        assert_eq!(verify(&secret, &code_at(&secret, now - 30), now, Some(step)), Err(Rejection::Replayed));
        assert!(verify(&secret, &code_at(&secret, now + 30), now + 30, Some(step)).is_ok());
    }

    #[test]
    fn the_provisioning_uri_names_the_issuer_and_account() {
        let uri = provisioning_uri(&[1u8; SECRET_BYTES], "sara@basra.example");
        assert!(uri.starts_with("otpauth://totp/Aman:sara%40basra.example?"), "{uri}");
        assert!(uri.contains(&format!("secret={}", secret_base32(&[1u8; SECRET_BYTES]))), "{uri}");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Each case computes a handful of HMAC-SHA-1 codes: cheap, but keep it modest.
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A code verifies at its own time (typed with spaces too), returns
        /// its own step, and is refused as a replay once that step is used —
        /// as is any code of an earlier step.
        #[test]
        fn a_code_verifies_once_at_its_step(
            secret in any::<[u8; SECRET_BYTES]>(), now in 30i64..4_102_444_800, spaces in prop::collection::vec(any::<bool>(), 6)
        ) {
            let step = now / STEP_SECONDS as i64;
            let code = code_at(&secret, now);
            prop_assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "{}", code);
            let typed: String = code.chars().zip(&spaces).flat_map(|(c, &space)| [Some(c), space.then_some(' ')]).flatten().collect();
            // A code equal to the previous step's (one in a million) matches that step first.
            let collides = code_at(&secret, now - STEP_SECONDS as i64) == code;
            let used = verify(&secret, &typed, now, None);
            if !collides {
                prop_assert_eq!(used, Ok(step));
            }
            let used = used.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(verify(&secret, &code, now, Some(used)), Err(Rejection::Replayed));
            prop_assert_eq!(verify(&secret, &code, now + STEP_SECONDS as i64, Some(used)), Err(Rejection::Replayed));
            prop_assert_eq!(verify(&secret, &code, now, Some(used - 1)), Ok(used));
        }

        /// Two steps away a code is wrong (unless it happens to equal a code
        /// of the window), and a time before 1970 is refused, never a panic.
        #[test]
        fn old_codes_and_negative_times_are_wrong(secret in any::<[u8; SECRET_BYTES]>(), now in 90i64..4_102_444_800, before in i64::MIN..0) {
            let old = code_at(&secret, now - 3 * STEP_SECONDS as i64);
            let window = [-1i64, 0, 1].map(|k| code_at(&secret, now + k * STEP_SECONDS as i64));
            if !window.contains(&old) {
                prop_assert_eq!(verify(&secret, &old, now, None), Err(Rejection::Wrong));
            }
            prop_assert_eq!(verify(&secret, &old, before, None), Err(Rejection::Wrong));
        }

        /// Base32 secrets read back as the same bytes.
        #[test]
        fn secrets_round_trip_through_base32(secret in any::<[u8; SECRET_BYTES]>()) {
            prop_assert_eq!(secret_from_base32(&format!(" {} ", secret_base32(&secret))), Some(secret.to_vec()));
        }
    }
}
