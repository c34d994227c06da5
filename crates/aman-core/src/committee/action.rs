//! Action plans: what a committee decided to do about its concerns and
//! issues, owned by an organisation, due on a date, and the one table of
//! status changes. After an action is done, residents and members confirm
//! "it is better now" or dispute it; a dispute reopens the action.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
