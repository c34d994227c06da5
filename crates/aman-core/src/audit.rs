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
    #[error("the checkpoint kept apart from the database is not sealed by this deployment's key")]
    BadCheckpointSeal,
    #[error(
        "the log ends at entry {found} but the checkpoint kept apart from the database saw entry {checkpoint}: \
         the log was truncated or rolled back to an older copy"
    )]
    RolledBack { checkpoint: i64, found: i64 },
    #[error("entry {0} is not the entry the checkpoint kept apart from the database saw: the log was rewritten")]
    Diverged(i64),
}

/// A sealed record of one point of the chain (an entry's `seq` and hash),
/// kept apart from the database, so that a log truncated or rolled back to
/// an older, internally consistent copy is still caught: that copy no
/// longer reaches the checkpoint, or reaches it by another path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub mac: String,
}

const CHECKPOINT_HEADER: &str = "aman-audit-checkpoint 1";

impl Checkpoint {
    pub fn seal(key: &[u8; 32], seq: i64, hash: &str) -> Checkpoint {
        Checkpoint { seq, hash: hash.to_owned(), mac: mac(key, &["checkpoint", &seq.to_string(), hash]) }
    }

    /// The checkpoint as one line of text (its file's content).
    pub fn to_line(&self) -> String {
        format!("{CHECKPOINT_HEADER} {} {} {}\n", self.seq, self.hash, self.mac)
    }

    /// Reads [`Checkpoint::to_line`]'s text back; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Checkpoint> {
        let rest = text.trim().strip_prefix(CHECKPOINT_HEADER)?;
        let mut parts = rest.split_whitespace();
        let (seq, hash, mac) = (parts.next()?.parse().ok()?, parts.next()?, parts.next()?);
        let hex64 = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        (parts.next().is_none() && seq >= 0 && hex64(hash) && hex64(mac)).then(|| Checkpoint {
            seq,
            hash: hash.to_owned(),
            mac: mac.to_owned(),
        })
    }

    /// Checks a log whose last entry is `last_seq` and whose entry at the
    /// checkpoint's `seq` has the hash `hash_at_seq` (`None`: no such entry).
    pub fn check(&self, key: &[u8; 32], last_seq: i64, hash_at_seq: Option<&str>) -> Result<(), AuditProblem> {
        if Checkpoint::seal(key, self.seq, &self.hash).mac != self.mac {
            return Err(AuditProblem::BadCheckpointSeal);
        }
        if self.seq == 0 {
            return Ok(());
        }
        if last_seq < self.seq {
            return Err(AuditProblem::RolledBack { checkpoint: self.seq, found: last_seq });
        }
        match hash_at_seq {
            Some(hash) if hash == self.hash => Ok(()),
            _ => Err(AuditProblem::Diverged(self.seq)),
        }
    }
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

    #[test]
    fn a_checkpoint_catches_a_log_rolled_back_or_rewritten() {
        let (entries, _) = log(5);
        let at = |seq: i64| entries.iter().find(|e| e.seq == seq).map(|e| e.hash.as_str());
        let checkpoint = Checkpoint::seal(&KEY, 4, at(4).unwrap());
        assert_eq!(Checkpoint::parse(&checkpoint.to_line()), Some(checkpoint.clone()));
        assert_eq!(checkpoint.check(&KEY, 5, at(4)), Ok(()));
        assert_eq!(checkpoint.check(&KEY, 3, None), Err(AuditProblem::RolledBack { checkpoint: 4, found: 3 }));
        assert_eq!(checkpoint.check(&KEY, 0, None), Err(AuditProblem::RolledBack { checkpoint: 4, found: 0 }));
        assert_eq!(checkpoint.check(&KEY, 5, at(3)), Err(AuditProblem::Diverged(4)));
        assert_eq!(checkpoint.check(&[1; 32], 5, at(4)), Err(AuditProblem::BadCheckpointSeal));
        let moved = Checkpoint { seq: 2, ..checkpoint.clone() };
        assert_eq!(moved.check(&KEY, 5, at(2)), Err(AuditProblem::BadCheckpointSeal), "the seal covers the number");
        assert_eq!(Checkpoint::seal(&KEY, 0, GENESIS).check(&KEY, 0, None), Ok(()));
        for bad in ["", "aman-audit-checkpoint 1 4", "aman-audit-checkpoint 1 -1 aa bb", "something else 4 a b"] {
            assert_eq!(Checkpoint::parse(bad), None, "{bad:?}");
        }
        let extra = format!("{} extra", checkpoint.to_line().trim());
        assert_eq!(Checkpoint::parse(&extra), None);
    }

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
