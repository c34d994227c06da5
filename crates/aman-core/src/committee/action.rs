//! Action plans: what a committee decided to do about its concerns and
//! issues, owned by an organisation, due on a date, and the one table of
//! status changes. After an action is done, residents and members confirm
//! "it is better now" or dispute it; a dispute reopens the action.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Blocked,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Blocked,
        ActionStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The one table of status changes. A done action goes back in progress
    /// only when disputed (see [`after_confirmation`]).
    pub fn next(self) -> &'static [ActionStatus] {
        use ActionStatus::*;
        match self {
            Planned => &[InProgress, Blocked, Dropped],
            InProgress => &[Done, Blocked, Dropped],
            Blocked => &[InProgress, Dropped],
            Done | Dropped => &[],
        }
    }

    /// Open actions count toward "overdue" once past their due date.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress | ActionStatus::Blocked)
    }
}

/// A resident's or member's verdict on a done action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// "It is better now."
    Better,
    /// "It is not better": the action reopens.
    Disputed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Disputed => "disputed",
        }
    }

    pub fn from_code(code: &str) -> Option<Verdict> {
        [Verdict::Better, Verdict::Disputed].into_iter().find(|v| v.as_str() == code)
    }
}

/// Whether a verdict may be given now, and the status it leaves: only a done
/// action can be confirmed or disputed; a dispute reopens it.
pub fn after_confirmation(status: ActionStatus, verdict: Verdict) -> Option<ActionStatus> {
    match (status, verdict) {
        (ActionStatus::Done, Verdict::Better) => Some(ActionStatus::Done),
        (ActionStatus::Done, Verdict::Disputed) => Some(ActionStatus::InProgress),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_move_forward_and_end() {
        assert!(ActionStatus::Planned.next().contains(&ActionStatus::InProgress));
        assert!(!ActionStatus::Planned.next().contains(&ActionStatus::Done), "start before finishing");
        assert!(ActionStatus::Done.next().is_empty() && ActionStatus::Dropped.next().is_empty());
        for status in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_code(status.as_str()), Some(status));
        }
    }

    #[test]
    fn only_done_actions_are_confirmed_and_a_dispute_reopens() {
        assert_eq!(after_confirmation(ActionStatus::Done, Verdict::Better), Some(ActionStatus::Done));
        assert_eq!(after_confirmation(ActionStatus::Done, Verdict::Disputed), Some(ActionStatus::InProgress));
        assert_eq!(after_confirmation(ActionStatus::InProgress, Verdict::Better), None);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn status() -> impl Strategy<Value = ActionStatus> {
        proptest::sample::select(ActionStatus::ALL.to_vec())
    }

    fn verdict() -> impl Strategy<Value = Verdict> {
        prop_oneof![Just(Verdict::Better), Just(Verdict::Disputed)]
    }

    /// A step of an action's life: a move by the table or a verdict.
    #[derive(Debug, Clone)]
    enum Step {
        Move(usize),
        Verdict(Verdict),
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Only a done action takes a verdict; "better" leaves it done and a
        /// dispute reopens it in progress, from where it can be done again.
        #[test]
        fn verdicts_apply_to_done_actions_only(status in status(), verdict in verdict()) {
            let after = after_confirmation(status, verdict);
            prop_assert_eq!(after.is_some(), status == ActionStatus::Done);
            match (after, verdict) {
                (Some(after), Verdict::Better) => prop_assert_eq!(after, status),
                (Some(after), Verdict::Disputed) => {
                    prop_assert!(after.is_open());
                    prop_assert!(after.next().contains(&ActionStatus::Done));
                }
                (None, _) => {}
            }
            prop_assert_eq!(Verdict::from_code(verdict.as_str()), Some(verdict));
            prop_assert_eq!(ActionStatus::from_code(status.as_str()), Some(status));
            prop_assert_eq!(status.is_open(), !status.next().is_empty());
        }

        /// Any mix of moves and verdicts from `planned`: moves follow the
        /// table, a verdict given before the action is done changes nothing,
        /// and a dropped action stays dropped.
        #[test]
        fn lives_follow_the_table(steps in prop::collection::vec(
            prop_oneof![any::<usize>().prop_map(Step::Move), verdict().prop_map(Step::Verdict)], 0..30)
        ) {
            let mut status = ActionStatus::Planned;
            for step in steps {
                let before = status;
                match step {
                    Step::Move(choice) => {
                        let exits = status.next();
                        if !exits.is_empty() {
                            status = exits[choice % exits.len()];
                            prop_assert!(before.next().contains(&status) && before != status);
                        }
                    }
                    Step::Verdict(verdict) => {
                        if let Some(after) = after_confirmation(status, verdict) {
                            status = after;
                        }
                        prop_assert!(before == ActionStatus::Done || status == before);
                    }
                }
                prop_assert!(before != ActionStatus::Dropped || status == ActionStatus::Dropped);
            }
        }
    }
}
