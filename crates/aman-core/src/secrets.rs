//! The secrets that protect reporters and staff, and what is done with them.
//!
//! The key file lives outside the database (a seized database alone reveals no
//! identity). It holds the receipt HMAC key and the data keys that seal contact
//! details and exact locations with XChaCha20-Poly1305, bound to the record and
//! field they belong to (associated data), so a sealed value cannot be moved to
//! another record. Nonces and salts come from the caller's random source.

use crate::concern::Contact;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the key file is not valid: {0}")]
    BadKeyFile(String),
    #[error("sealed data was made with key {0}, which the key file does not hold")]
    UnknownKey(u32),
    #[error("sealed data failed authentication: wrong key or tampered data")]
    Tampered,
}

/// The parsed key file.
#[derive(Clone, Serialize, Deserialize)]
pub struct Keys {
    version: u32,
    #[serde(with = "hex_key")]
    receipt_key: [u8; 32],
    current_data_key: u32,
    data_keys: BTreeMap<u32, HexKey>,
}

#[derive(Clone, Serialize, Deserialize)]
struct HexKey(#[serde(with = "hex_key")] [u8; 32]);

impl Keys {
    /// New keys from 64 random bytes.
    pub fn generate(random: [u8; 64]) -> Keys {
        let mut receipt_key = [0; 32];
        let mut data_key = [0; 32];
        receipt_key.copy_from_slice(&random[..32]);
        data_key.copy_from_slice(&random[32..]);
        Keys { version: 1, receipt_key, current_data_key: 1, data_keys: BTreeMap::from([(1, HexKey(data_key))]) }
    }

    pub fn from_json(text: &str) -> Result<Keys, SecretError> {
        let keys: Keys = serde_json::from_str(text).map_err(|e| SecretError::BadKeyFile(e.to_string()))?;
        if keys.version != 1 {
            return Err(SecretError::BadKeyFile(format!("unsupported version {}", keys.version)));
        }
        if !keys.data_keys.contains_key(&keys.current_data_key) {
            return Err(SecretError::BadKeyFile("the current data key is missing".into()));
        }
        Ok(keys)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("keys always serialise")
    }

    pub fn receipt_key(&self) -> &[u8; 32] {
        &self.receipt_key
    }

    /// A value that identifies the receipt key without revealing it; stored in
    /// the database so that a server started with another key file refuses.
    pub fn receipt_key_check(&self) -> String {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.receipt_key).expect("any key length");
        mac.update(b"aman/key-check/v1");
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn current_data_key_id(&self) -> u32 {
        self.current_data_key
    }

    /// The id of the data key that sealed `sealed`.
    pub fn sealed_key_id(sealed: &[u8]) -> Option<u32> {
        (sealed.len() >= 5 && sealed[0] == 1).then(|| u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]))
    }

    /// These keys plus a new data key (from the caller's random bytes), which
    /// becomes the one new data is sealed with. Old keys stay to open old data.
    pub fn with_new_data_key(&self, key: [u8; 32]) -> Keys {
        let mut keys = self.clone();
        let id = keys.data_keys.keys().max().copied().unwrap_or(0) + 1;
        keys.data_keys.insert(id, HexKey(key));
        keys.current_data_key = id;
        keys
    }

    /// These keys without the data keys that are no longer current.
    pub fn without_old_data_keys(&self) -> Keys {
        let mut keys = self.clone();
        let current = keys.current_data_key;
        keys.data_keys.retain(|id, _| *id == current);
        keys
    }

    /// Re-seals `sealed` (made for `context`) under the current data key.
    pub fn reseal(&self, context: &str, sealed: &[u8], nonce: [u8; 24]) -> Result<Vec<u8>, SecretError> {
        let plain = self.open(context, sealed)?;
        Ok(self.seal(context, &plain, nonce))
    }

    /// The key that seals the audit log, derived from the receipt key so that
    /// existing key files need no new field.
    pub fn audit_key(&self) -> [u8; 32] {
        self.derived_key(b"aman/audit-log/v1")
    }

    /// The key that signs flood challenges, so that every server behind one
    /// address accepts the challenges any of them issued.
    pub fn challenge_key(&self) -> [u8; 32] {
        self.derived_key(b"aman/challenge/v1")
    }

    /// Who is texting, as a key for their conversation and nothing more: a
    /// keyed hash of the channel and the sender's number, which cannot be
    /// turned back into the number without the key file.
    pub fn sender_hash(&self, channel_id: i64, sender: &str) -> String {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.derived_key(b"aman/sms-sender/v1"))
            .expect("any key length");
        mac.update(&channel_id.to_be_bytes());
        mac.update(sender.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A receipt's entropy for a submission sent with an idempotency key:
    /// the same key, day and content give the same receipt (so a retry
    /// files nothing new); anyone else's key or content gives another one.
    /// Nothing about the key is stored.
    pub fn idempotent_entropy(&self, key: &str, day: i64, content: &[u8; 32]) -> [u8; crate::receipt::ENTROPY_BYTES] {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.derived_key(b"aman/idempotency/v1"))
            .expect("any key length");
        mac.update(&day.to_be_bytes());
        mac.update(content);
        mac.update(key.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut entropy = [0u8; crate::receipt::ENTROPY_BYTES];
        entropy.copy_from_slice(&digest[..crate::receipt::ENTROPY_BYTES]);
        entropy
    }

    fn derived_key(&self, label: &[u8]) -> [u8; 32] {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.receipt_key).expect("any key length");
        mac.update(label);
        mac.finalize().into_bytes().into()
    }

    /// Seals `plaintext` under the current data key. `context` names the record
    /// and field (e.g. `concern:42:contact`).
    pub fn seal(&self, context: &str, plaintext: &[u8], nonce: [u8; 24]) -> Vec<u8> {
        let id = self.current_data_key;
        let cipher = self.cipher(id).expect("current key present, checked at load");
        let sealed = cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: context.as_bytes() })
            .expect("XChaCha20-Poly1305 encryption does not fail for in-memory data");
        let mut out = Vec::with_capacity(1 + 4 + 24 + sealed.len());
        out.push(1u8);
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, SecretError> {
        if sealed.len() < 1 + 4 + 24 + 16 || sealed[0] != 1 {
            return Err(SecretError::Tampered);
        }
        let id = u32::from_be_bytes([sealed[1], sealed[2], sealed[3], sealed[4]]);
        let cipher = self.cipher(id).ok_or(SecretError::UnknownKey(id))?;
        let nonce: [u8; 24] = sealed[5..29].try_into().map_err(|_| SecretError::Tampered)?;
        cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: &sealed[29..], aad: context.as_bytes() })
            .map_err(|_| SecretError::Tampered)
    }

    fn cipher(&self, id: u32) -> Option<XChaCha20Poly1305> {
        let HexKey(bytes) = self.data_keys.get(&id)?;
        Some(XChaCha20Poly1305::new(&Key::from(*bytes)))
    }
}

/// The associated data binding a sealed contact to its concern.
pub fn contact_context(receipt_hash: &str) -> String {
    format!("concern:{receipt_hash}:contact")
}

/// The associated data binding a sealed TOTP secret to its account.
pub fn totp_context(user_id: i64) -> String {
    format!("user:{user_id}:totp")
}

/// The associated data binding a response's sealed free-text answers to it.
pub fn survey_text_context(form_id: i64, external_id: &str) -> String {
    format!("survey:{form_id}:{external_id}:text")
}

/// The associated data binding a sealed photo to its concern.
pub fn attachment_context(receipt_hash: &str) -> String {
    format!("concern:{receipt_hash}:attachment")
}

/// The associated data binding a sealed exact point to its concern.
/// What an SMS conversation has gathered so far, sealed until it is filed.
pub fn sms_context(sender_hash: &str) -> String {
    format!("sms:{sender_hash}:conversation")
}

pub fn point_context(receipt_hash: &str) -> String {
    format!("concern:{receipt_hash}:point")
}

/// Sealing a reporter's identity and exact point, bound to the concern's
/// receipt hash (its permanent identifier) and the field.
impl Keys {
    pub fn seal_contact(&self, receipt_hash: &str, contact: &Contact, nonce: [u8; 24]) -> Vec<u8> {
        let plain = serde_json::to_vec(contact).expect("contact serialises");
        self.seal(&contact_context(receipt_hash), &plain, nonce)
    }

    pub fn open_contact(&self, receipt_hash: &str, sealed: &[u8]) -> Result<Contact, SecretError> {
        let plain = self.open(&contact_context(receipt_hash), sealed)?;
        serde_json::from_slice(&plain).map_err(|_| SecretError::Tampered)
    }

    pub fn seal_point(&self, receipt_hash: &str, (lat, lon): (f64, f64), nonce: [u8; 24]) -> Vec<u8> {
        self.seal(&point_context(receipt_hash), format!("{lat},{lon}").as_bytes(), nonce)
    }

    pub fn open_point(&self, receipt_hash: &str, sealed: &[u8]) -> Result<(f64, f64), SecretError> {
        let plain = self.open(&point_context(receipt_hash), sealed)?;
        let text = String::from_utf8(plain).map_err(|_| SecretError::Tampered)?;
        let (lat, lon) = text.split_once(',').ok_or(SecretError::Tampered)?;
        Ok((lat.parse().map_err(|_| SecretError::Tampered)?, lon.parse().map_err(|_| SecretError::Tampered)?))
    }
}

mod hex_key {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(key: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(key))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(d)?;
        let bytes = hex::decode(text).map_err(D::Error::custom)?;
        bytes.try_into().map_err(|_| D::Error::custom("a key must be 32 bytes (64 hex digits)"))
    }
}

/// Staff passwords: Argon2id with OWASP's minimum parameters (19 MiB, 2 passes,
/// 1 lane), stated here rather than inherited from a library default.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, Some(32)).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string with the caller's 16-byte salt.
pub fn hash_password(password: &str, salt: [u8; 16]) -> String {
    use argon2::password_hash::{PasswordHasher, phc::PasswordHash};
    let hash: PasswordHash =
        argon2().hash_password_with_salt(password.as_bytes(), &salt).expect("hashing with valid parameters succeeds");
    hash.to_string()
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::password_hash::{PasswordVerifier, phc::PasswordHash};
    match PasswordHash::new(phc) {
        Ok(hash) => argon2().verify_password(password.as_bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip_bound_to_context() {
        let keys = Keys::generate([9; 64]);
        let sealed = keys.seal("concern:1:contact", b"Zainab 0770", [3; 24]);
        assert!(!sealed.windows(6).any(|w| w == b"Zainab"));
        assert_eq!(keys.open("concern:1:contact", &sealed).unwrap(), b"Zainab 0770");
        assert!(matches!(keys.open("concern:2:contact", &sealed), Err(SecretError::Tampered)));
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(matches!(keys.open("concern:1:contact", &flipped), Err(SecretError::Tampered)));
        let other = Keys::generate([8; 64]);
        assert!(matches!(other.open("concern:1:contact", &sealed), Err(SecretError::Tampered)));
    }

    #[test]
    fn identities_round_trip_and_stay_bound_to_their_concern() {
        let keys = Keys::generate([4; 64]);
        let contact = Contact { name: Some("Zainab".into()), phone: Some("07701234567".into()) };
        let sealed = keys.seal_contact("abc", &contact, [1; 24]);
        assert_eq!(keys.open_contact("abc", &sealed).unwrap(), contact);
        assert!(keys.open_contact("abd", &sealed).is_err());
        let point = keys.seal_point("abc", (36.34, 43.13), [2; 24]);
        assert_eq!(keys.open_point("abc", &point).unwrap(), (36.34, 43.13));
        assert!(keys.open_contact("abc", &point).is_err());
    }

    #[test]
    fn rotation_keeps_old_data_readable_until_dropped() {
        let old = Keys::generate([3; 64]);
        let sealed = old.seal("concern:x:contact", b"Zainab", [1; 24]);
        let rotated = old.with_new_data_key([4; 32]);
        assert_eq!(rotated.current_data_key_id(), 2);
        assert_eq!(rotated.receipt_key_check(), old.receipt_key_check());
        assert_eq!(rotated.open("concern:x:contact", &sealed).unwrap(), b"Zainab");
        let resealed = rotated.reseal("concern:x:contact", &sealed, [2; 24]).unwrap();
        assert_eq!(Keys::sealed_key_id(&resealed), Some(2));
        let trimmed = rotated.without_old_data_keys();
        assert!(matches!(trimmed.open("concern:x:contact", &sealed), Err(SecretError::UnknownKey(1))));
        assert_eq!(trimmed.open("concern:x:contact", &resealed).unwrap(), b"Zainab");
        assert_ne!(Keys::generate([5; 64]).receipt_key_check(), old.receipt_key_check());
    }

    #[test]
    fn key_file_round_trips_and_rejects_garbage() {
        let keys = Keys::generate([5; 64]);
        let again = Keys::from_json(&keys.to_json()).unwrap();
        assert_eq!(again.receipt_key(), keys.receipt_key());
        assert!(Keys::from_json("{}").is_err());
        assert!(Keys::from_json(&keys.to_json().replace("\"version\": 1", "\"version\": 7")).is_err());
    }

    #[test]
    fn passwords_verify() {
        let phc = hash_password("correct horse battery", [1; 16]);
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("correct horse battery", &phc));
        assert!(!verify_password("correct horse batterY", &phc));
        assert!(!verify_password("x", "not a hash"));
    }
}
