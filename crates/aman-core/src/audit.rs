//! The tamper-evident audit log, as pure functions.
//!
//! Each entry's hash covers its fields and the previous entry's hash (a hash
//! chain: altering, deleting or reordering an entry breaks the links after
//! it), and each hash is anchored with an HMAC under a key from the key file,
//! so nobody without the key can rebuild a consistent chain after tampering.
//! A head record (last sequence number and hash, also MACed) reveals a
//! truncated tail.

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, by whom, to what. Never holds a reporter's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at_ms: i64,
    /// The staff account, or `None` for the system or an anonymous actor.
    pub actor_id: Option<i64>,
    /// A stable code such as `concern.view` or `login.failed`.
    pub action: String,
    /// What it concerns, such as `concern:42` or `user:7`.
    pub subject: String,
    /// A short, non-identifying detail.
    pub detail: String,
}

/// A stored entry: the event, its place in the chain and its seals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
    pub mac: String,
}

/// The hash of an entry: SHA-256 over an unambiguous encoding of its fields
/// and the previous hash.
pub fn entry_hash(seq: i64, event: &AuditEvent, prev_hash: &str) -> String {
    let encoded = serde_json::to_vec(&(seq, event, prev_hash)).expect("audit events serialise");
    hex::encode(Sha256::digest(&encoded))
}

fn mac(key: &[u8; 32], parts: &[&str]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part.as_bytes());
        mac.update(&[0]);
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Seals the next entry after `prev_hash`.
pub fn seal(key: &[u8; 32], seq: i64, event: AuditEvent, prev_hash: &str) -> AuditEntry {
    let hash = entry_hash(seq, &event, prev_hash);
    AuditEntry { seq, mac: mac(key, &["entry", &hash]), hash, event, prev_hash: prev_hash.to_owned() }
}

/// The MAC of the head record (`seq` of the last entry and its hash).
pub fn head_mac(key: &[u8; 32], seq: i64, hash: &str) -> String {
    mac(key, &["head", &seq.to_string(), hash])
}

/// Why verification failed, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditProblem {
    #[error("entry {0} is missing (the sequence jumps from {1})")]
    Missing(i64, i64),
    #[error("entry {0} does not follow the entry before it (deleted, inserted or reordered)")]
    BrokenLink(i64),
    #[error("entry {0} was altered (its content does not match its hash)")]
    Altered(i64),
    #[error("entry {0} is not sealed by this deployment's key (forged or re-hashed)")]
    BadSeal(i64),
    #[error("the log ends at entry {found} but the head says {expected}: entries were removed or added at the end")]
    BadHead { expected: i64, found: i64 },
    #[error("the head record is not sealed by this deployment's key")]
    BadHeadSeal,
    #[error("the log is empty but its head is not the sealed empty head: every entry was removed")]
    Emptied,
}

/// Checks a whole log, oldest first, against its head `(seq, hash, mac)`.
pub fn verify(key: &[u8; 32], entries: &[AuditEntry], head: Option<(i64, &str, &str)>) -> Result<usize, AuditProblem> {
    let mut prev_seq = 0;
    let mut prev_hash = GENESIS.to_owned();
    for entry in entries {
        if entry.seq != prev_seq + 1 {
            return Err(if entry.seq > prev_seq + 1 {
                AuditProblem::Missing(prev_seq + 1, prev_seq)
            } else {
                AuditProblem::BrokenLink(entry.seq)
            });
        }
        if entry.prev_hash != prev_hash {
            return Err(AuditProblem::BrokenLink(entry.seq));
        }
        if entry_hash(entry.seq, &entry.event, &entry.prev_hash) != entry.hash {
            return Err(AuditProblem::Altered(entry.seq));
        }
        if mac(key, &["entry", &entry.hash]) != entry.mac {
            return Err(AuditProblem::BadSeal(entry.seq));
        }
        prev_seq = entry.seq;
        prev_hash = entry.hash.clone();
    }
    let (head_seq, head_hash, seal) = head.unwrap_or((0, GENESIS, ""));
    if head.is_some() && head_mac(key, head_seq, head_hash) != seal {
        if head_seq == 0 && prev_seq == 0 {
            return Err(AuditProblem::Emptied);
        }
        return Err(AuditProblem::BadHeadSeal);
    }
    if head_seq != prev_seq || head_hash != prev_hash {
        return Err(AuditProblem::BadHead { expected: head_seq, found: prev_seq });
    }
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [9; 32];

    fn log(n: i64) -> (Vec<AuditEntry>, (i64, String, String)) {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for seq in 1..=n {
            let prev = entries.last().map_or(GENESIS.to_owned(), |e| e.hash.clone());
            let event = AuditEvent {
                at_ms: seq * 1000,
                actor_id: Some(seq % 3),
                action: "concern.view".into(),
                subject: format!("concern:{seq}"),
                detail: String::new(),
            };
            entries.push(seal(&KEY, seq, event, &prev));
        }
        let last = entries.last().map_or((0, GENESIS.to_owned()), |e| (e.seq, e.hash.clone()));
        let head = (last.0, last.1.clone(), head_mac(&KEY, last.0, &last.1));
        (entries, head)
    }

    fn check(entries: &[AuditEntry], head: &(i64, String, String)) -> Result<usize, AuditProblem> {
        verify(&KEY, entries, Some((head.0, &head.1, &head.2)))
    }

    #[test]
    fn an_intact_log_verifies() {
        let (entries, head) = log(10);
        assert_eq!(check(&entries, &head), Ok(10));
        assert_eq!(verify(&KEY, &[], None), Ok(0));
    }

    #[test]
    fn every_kind_of_tampering_names_the_first_bad_entry() {
        let (entries, head) = log(10);
        let mut altered = entries.clone();
        altered[4].event.detail = "nothing to see".into();
        assert_eq!(check(&altered, &head), Err(AuditProblem::Altered(5)));

        let mut deleted = entries.clone();
        deleted.remove(3);
        assert_eq!(check(&deleted, &head), Err(AuditProblem::Missing(4, 3)));

        // Two entries trade places (the sequence numbers stay in order).
        let mut reordered = entries.clone();
        reordered.swap(2, 3);
        reordered[2].seq = 3;
        reordered[3].seq = 4;
        assert_eq!(check(&reordered, &head), Err(AuditProblem::BrokenLink(3)));

        // Renumbered to hide a deletion: links no longer match.
        let mut renumbered = deleted.clone();
        for entry in renumbered.iter_mut().skip(3) {
            entry.seq -= 1;
        }
        assert_eq!(check(&renumbered, &head), Err(AuditProblem::BrokenLink(4)));

        // Rebuilt with correct hashes but without the key.
        let mut rehashed = entries.clone();
        rehashed[6].event.action = "concern.edit".into();
        rehashed[6].hash = entry_hash(7, &rehashed[6].event, &rehashed[6].prev_hash);
        assert_eq!(check(&rehashed, &head), Err(AuditProblem::BadSeal(7)));

        let mut truncated = entries.clone();
        truncated.pop();
        assert_eq!(check(&truncated, &head), Err(AuditProblem::BadHead { expected: 10, found: 9 }));

        let mut appended = entries.clone();
        let forged = AuditEntry { seq: 11, prev_hash: entries[9].hash.clone(), ..entries[9].clone() };
        appended.push(forged);
        assert!(check(&appended, &head).is_err());

        let wrong_key = [1; 32];
        assert_eq!(verify(&wrong_key, &entries, Some((head.0, &head.1, &head.2))), Err(AuditProblem::BadSeal(1)));
    }
}
