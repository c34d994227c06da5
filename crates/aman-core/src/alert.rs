//! Early-warning alerts: a rise in one area × threat category, raised by a
//! detection method, answered by the committee. The life-cycle is
//! new → acknowledged → response planned → closed, or dismissed (with a
//! reason) from any open status. One alert covers one episode: while it is
//! open, further alarms for the same area, category and source update it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    New,
    Acknowledged,
    ResponsePlanned,
    Closed,
    Dismissed,
}

/// Where a series comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesSource {
    /// Residents' concerns, by the date the event happened.
    Concerns,
    /// Imported conflict events (UCDP GED), shown apart from concerns.
    Events,
}

impl SeriesSource {
    pub const ALL: [SeriesSource; 2] = [SeriesSource::Concerns, SeriesSource::Events];

    pub fn as_str(self) -> &'static str {
        match self {
            SeriesSource::Concerns => "concerns",
            SeriesSource::Events => "events",
        }
    }

    pub fn from_code(code: &str) -> Option<SeriesSource> {
        SeriesSource::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

impl AlertStatus {
    pub const ALL: [AlertStatus; 5] = [
        AlertStatus::New,
        AlertStatus::Acknowledged,
        AlertStatus::ResponsePlanned,
        AlertStatus::Closed,
        AlertStatus::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::New => "new",
            AlertStatus::Acknowledged => "acknowledged",
            AlertStatus::ResponsePlanned => "response_planned",
            AlertStatus::Closed => "closed",
            AlertStatus::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertStatus> {
        AlertStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }

    pub fn is_open(self) -> bool {
        !matches!(self, AlertStatus::Closed | AlertStatus::Dismissed)
    }

    /// The one transition table.
    pub fn next(self) -> &'static [AlertStatus] {
        use AlertStatus::*;
        match self {
            New => &[Acknowledged, Dismissed],
            Acknowledged => &[ResponsePlanned, Closed, Dismissed],
            ResponsePlanned => &[Closed, Dismissed],
            Closed | Dismissed => &[],
        }
    }

    /// Dismissing needs a reason (the committee says why it is not a real rise).
    pub fn needs_reason(self) -> bool {
        self == AlertStatus::Dismissed
    }
}

/// What a detection run found for one series on its last day.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    pub observed: u64,
    pub expected: Option<f64>,
    pub threshold: Option<f64>,
    pub score: Option<f64>,
}

/// What to do with an alarm given the open alert of its series, if any: an
/// alarm within `episode_gap_days` of the open alert's last alarm continues
/// that episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Episode {
    Continue(i64),
    Start,
}

pub fn episode(open_alert: Option<(i64, i64)>, day: i64, episode_gap_days: i64) -> Episode {
    match open_alert {
        Some((id, last_day)) if day - last_day <= episode_gap_days => Episode::Continue(id),
        _ => Episode::Start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_life_cycle_moves_forward_and_ends() {
        assert_eq!(AlertStatus::New.next(), &[AlertStatus::Acknowledged, AlertStatus::Dismissed]);
        assert!(AlertStatus::Closed.next().is_empty() && AlertStatus::Dismissed.next().is_empty());
        assert!(!AlertStatus::New.next().contains(&AlertStatus::Closed), "acknowledge first");
        for status in AlertStatus::ALL {
            assert_eq!(AlertStatus::from_code(status.as_str()), Some(status));
            assert_eq!(status.is_open(), !status.next().is_empty());
        }
    }

    #[test]
    fn alarms_close_together_are_one_episode() {
        assert_eq!(episode(None, 100, 7), Episode::Start);
        assert_eq!(episode(Some((5, 98)), 100, 7), Episode::Continue(5));
        assert_eq!(episode(Some((5, 80)), 100, 7), Episode::Start);
    }
}
