//! A concern's life: `submitted` → `under_review` → `verified` | `rejected` |
//! `duplicate` → `prioritised` → `in_action` → `resolved` → `closed`.
//!
//! [`Status::can_move_to`] is the one table of legal transitions; everything that
//! changes a status asks it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Submitted,
    UnderReview,
    Verified,
    Rejected,
    Duplicate,
    Prioritised,
    InAction,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Submitted,
        Status::UnderReview,
        Status::Verified,
        Status::Rejected,
        Status::Duplicate,
        Status::Prioritised,
        Status::InAction,
        Status::Resolved,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::UnderReview => "under_review",
            Status::Verified => "verified",
            Status::Rejected => "rejected",
            Status::Duplicate => "duplicate",
            Status::Prioritised => "prioritised",
            Status::InAction => "in_action",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The legal next statuses. Triage may reject or merge a concern straight
    /// from `submitted` (spam, an obvious repeat); a rejected concern can be
    /// reopened for review when new facts arrive; a resolved concern goes back
    /// into action when residents say the problem is not solved.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Submitted => &[UnderReview, Rejected, Duplicate],
            UnderReview => &[Verified, Rejected, Duplicate],
            Verified => &[Prioritised, InAction, Duplicate],
            Rejected => &[UnderReview],
            Duplicate => &[],
            Prioritised => &[InAction],
            InAction => &[Resolved],
            Resolved => &[Closed, InAction],
            Closed => &[],
        }
    }

    pub fn can_move_to(self, to: Status) -> bool {
        self.next().contains(&to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.as_str()), Some(status));
        }
    }

    #[test]
    fn the_main_path_is_legal_and_shortcuts_are_not() {
        use Status::*;
        let path = [Submitted, UnderReview, Verified, Prioritised, InAction, Resolved, Closed];
        for pair in path.windows(2) {
            assert!(pair[0].can_move_to(pair[1]), "{pair:?}");
        }
        for (from, to) in [
            (Submitted, Verified),
            (Submitted, Closed),
            (Closed, Submitted),
            (Duplicate, UnderReview),
            (Verified, Verified),
        ] {
            assert!(!from.can_move_to(to), "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn every_status_is_reachable_from_submitted() {
        let mut seen = vec![Status::Submitted];
        let mut i = 0;
        while i < seen.len() {
            for &next in seen[i].next() {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), Status::ALL.len());
    }
}
