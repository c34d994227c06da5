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

    /// The concern was verified: it is at `verified` or a stage only reachable
    /// through it (the public "share verified" counts these).
    pub fn was_verified(self) -> bool {
        use Status::*;
        matches!(self, Verified | Prioritised | InAction | Resolved | Closed)
    }
}

/// What happened to an action that answers a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStep {
    /// Work on it started.
    Started,
    /// It is done and a reporter or committee member said things are better.
    ConfirmedBetter,
    /// Someone said it did not help: it reopened.
    Disputed,
}

impl ActionStep {
    /// Where a concern goes when an action answering it takes this step,
    /// if anywhere: a verified or prioritised concern is in action once work
    /// starts; a concern in action is resolved once a done action is
    /// confirmed; a resolved concern is in action again after a dispute.
    /// Concerns elsewhere (still under review, closed, a duplicate) stay.
    pub fn moves(self, concern: Status) -> Option<Status> {
        use Status::*;
        let to = match (self, concern) {
            (ActionStep::Started, Verified | Prioritised) => InAction,
            (ActionStep::ConfirmedBetter, InAction) => Resolved,
            (ActionStep::Disputed, Resolved) => InAction,
            _ => return None,
        };
        debug_assert!(concern.can_move_to(to));
        Some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concerns_follow_their_actions_only_along_legal_moves() {
        use ActionStep::*;
        use Status::*;
        assert_eq!(Started.moves(Verified), Some(InAction));
        assert_eq!(Started.moves(Prioritised), Some(InAction));
        assert_eq!(Started.moves(UnderReview), None, "unverified concerns wait for triage");
        assert_eq!(ConfirmedBetter.moves(InAction), Some(Resolved));
        assert_eq!(ConfirmedBetter.moves(Verified), None);
        assert_eq!(Disputed.moves(Resolved), Some(InAction));
        assert_eq!(Disputed.moves(Closed), None, "closed stays closed");
        for step in [Started, ConfirmedBetter, Disputed] {
            for status in Status::ALL {
                assert!(step.moves(status).is_none_or(|to| status.can_move_to(to)), "{step:?} {status:?}");
            }
        }
    }

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

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL.to_vec())
    }

    /// Walks the table from `submitted`, taking the `choice`-th exit at each
    /// step, until a terminal status or the end of the choices.
    fn walk(choices: &[usize]) -> Vec<Status> {
        let mut path = vec![Status::Submitted];
        for &choice in choices {
            let exits = path[path.len() - 1].next();
            if exits.is_empty() {
                break;
            }
            path.push(exits[choice % exits.len()]);
        }
        path
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every step of a path is a legal move, never a stay in place, and a
        /// path stops only at a terminal status (`duplicate`, `closed`).
        #[test]
        fn paths_follow_the_table_and_end_only_at_terminals(choices in prop::collection::vec(any::<usize>(), 0..40)) {
            let path = walk(&choices);
            for pair in path.windows(2) {
                prop_assert!(pair[0].can_move_to(pair[1]), "{pair:?}");
                prop_assert_ne!(pair[0], pair[1]);
            }
            let last = path[path.len() - 1];
            if path.len() <= choices.len() {
                prop_assert!(last.next().is_empty());
                prop_assert!(matches!(last, Status::Duplicate | Status::Closed), "{last:?}");
            }
        }

        /// Nothing is prioritised, acted on, resolved or closed without having
        /// been verified first.
        #[test]
        fn action_only_after_verification(choices in prop::collection::vec(any::<usize>(), 0..40)) {
            let path = walk(&choices);
            let acted = path.iter().position(|s| matches!(s, Status::Prioritised | Status::InAction | Status::Resolved | Status::Closed));
            if let Some(acted) = acted {
                prop_assert!(path[..acted].contains(&Status::Verified), "{path:?}");
            }
        }

        /// From any status a terminal one can still be reached: no status is a
        /// trap that the table can never leave.
        #[test]
        fn every_status_can_end(from in status(), choices in prop::collection::vec(any::<usize>(), 0..64)) {
            let mut at = from;
            for choice in choices {
                let exits = at.next();
                if exits.is_empty() {
                    break;
                }
                at = exits[choice % exits.len()];
            }
            let mut seen = vec![at];
            let mut i = 0;
            while i < seen.len() {
                for &next in seen[i].next() {
                    if !seen.contains(&next) {
                        seen.push(next);
                    }
                }
                i += 1;
            }
            prop_assert!(seen.iter().any(|s| s.next().is_empty()), "{from:?} → {at:?}: {seen:?}");
        }

        /// The code, the serde name and `from_code` agree, and no other string is a status.
        #[test]
        fn codes_round_trip_and_nothing_else_parses(status in status(), other in ".{0,20}") {
            prop_assert_eq!(Status::from_code(status.as_str()), Some(status));
            prop_assert_eq!(serde_json::to_string(&status).unwrap_or_default(), format!("\"{}\"", status.as_str()));
            prop_assert_eq!(serde_json::from_str::<Status>(&format!("\"{}\"", status.as_str())).ok(), Some(status));
            if let Some(parsed) = Status::from_code(&other) {
                prop_assert_eq!(parsed.as_str(), other.as_str());
            }
        }
    }
}
