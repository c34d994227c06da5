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
    /// Concerns flagged for hate speech or incitement when they arrived
    /// (whatever category the reporter chose), counted as `hate_speech`:
    /// a rise in flagged reports is itself a warning.
    Flagged,
}

impl SeriesSource {
    pub const ALL: [SeriesSource; 3] = [SeriesSource::Concerns, SeriesSource::Events, SeriesSource::Flagged];

    pub fn as_str(self) -> &'static str {
        match self {
            SeriesSource::Concerns => "concerns",
            SeriesSource::Events => "events",
            SeriesSource::Flagged => "flagged",
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

/// The detection method the server applies to a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Detector {
    /// Aman's count CUSUM, for series whose in-control year holds enough reports.
    Cusum,
    /// EARS C2 with a floor on the standard deviation: new or very quiet series.
    EarsC2,
}

impl Detector {
    /// The one rule: the CUSUM needs `min_phase1_reports` reports in its
    /// in-control period to fit its mean; anything quieter gets EARS C2.
    pub fn for_series(phase1_reports: u64, min_phase1_reports: u64) -> Detector {
        if phase1_reports >= min_phase1_reports { Detector::Cusum } else { Detector::EarsC2 }
    }
}

/// How an alert was found: the detector, on daily counts or weekly sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AlertMethod {
    pub detector: Detector,
    pub weekly: bool,
}

impl AlertMethod {
    pub const ALL: [AlertMethod; 4] = [
        AlertMethod { detector: Detector::Cusum, weekly: false },
        AlertMethod { detector: Detector::Cusum, weekly: true },
        AlertMethod { detector: Detector::EarsC2, weekly: false },
        AlertMethod { detector: Detector::EarsC2, weekly: true },
    ];

    pub fn as_str(self) -> &'static str {
        match (self.detector, self.weekly) {
            (Detector::Cusum, false) => "cusum",
            (Detector::Cusum, true) => "cusum-weekly",
            (Detector::EarsC2, false) => "ears-c2",
            (Detector::EarsC2, true) => "ears-c2-weekly",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertMethod> {
        AlertMethod::ALL.into_iter().find(|m| m.as_str() == code)
    }
}

impl serde::Serialize for AlertMethod {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for AlertMethod {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AlertMethod, D::Error> {
        let code = String::deserialize(deserializer)?;
        AlertMethod::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown alert method `{code}`")))
    }
}

/// Its JSON shape: one of the codes.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AlertMethod {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(AlertMethod::ALL.map(AlertMethod::as_str)))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for AlertMethod {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_codes_round_trip_and_the_detector_follows_the_reports() {
        for method in AlertMethod::ALL {
            assert_eq!(AlertMethod::from_code(method.as_str()), Some(method));
            let json = serde_json::to_string(&method).expect("serialise");
            assert_eq!(serde_json::from_str::<AlertMethod>(&json).expect("read back"), method);
        }
        assert_eq!(AlertMethod::from_code("farrington"), None);
        assert_eq!(Detector::for_series(12, 12), Detector::Cusum);
        assert_eq!(Detector::for_series(11, 12), Detector::EarsC2);
        assert_eq!(Detector::for_series(0, 0), Detector::Cusum);
    }

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

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn status() -> impl Strategy<Value = AlertStatus> {
        proptest::sample::select(AlertStatus::ALL.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Walking the table from `new`: every state on the way is open, the
        /// walk ends at `closed` or `dismissed`, `closed` comes only after
        /// `acknowledged`, and only the move to `dismissed` needs a reason.
        #[test]
        fn walks_stay_open_until_they_end(choices in prop::collection::vec(any::<usize>(), 0..10)) {
            let mut path = vec![AlertStatus::New];
            for choice in &choices {
                let exits = path[path.len() - 1].next();
                if exits.is_empty() {
                    break;
                }
                path.push(exits[choice % exits.len()]);
            }
            for (k, pair) in path.windows(2).enumerate() {
                prop_assert!(pair[0].is_open(), "{path:?}");
                prop_assert_ne!(pair[0], pair[1]);
                prop_assert_eq!(pair[1].needs_reason(), pair[1] == AlertStatus::Dismissed);
                if pair[1] == AlertStatus::Closed {
                    prop_assert!(path[..=k].contains(&AlertStatus::Acknowledged), "{path:?}");
                }
            }
            let last = path[path.len() - 1];
            prop_assert_eq!(last.is_open(), !last.next().is_empty());
        }

        /// Any open alert can be dismissed; a closed or dismissed one has no exit.
        #[test]
        fn open_means_dismissable_and_ended_means_stuck(status in status()) {
            prop_assert_eq!(status.is_open(), status.next().contains(&AlertStatus::Dismissed));
            prop_assert_eq!(!status.is_open(), status.next().is_empty());
            prop_assert!(!status.needs_reason() || !status.is_open());
            prop_assert_eq!(AlertStatus::from_code(status.as_str()), Some(status));
            prop_assert_eq!(serde_json::to_string(&status).unwrap_or_default(), format!("\"{}\"", status.as_str()));
        }

        /// An alarm continues the open alert exactly within the gap, and every
        /// day between the last alarm and a continuing day continues it too.
        #[test]
        fn episodes_are_contiguous(id in any::<i64>(), last in -10_000i64..10_000, day in -10_000i64..10_000, gap in 0i64..60) {
            let open = Some((id, last));
            prop_assert_eq!(episode(None, day, gap), Episode::Start);
            let continues = episode(open, day, gap) == Episode::Continue(id);
            prop_assert_eq!(continues, day - last <= gap);
            if continues && day >= last {
                for between in last..=day {
                    prop_assert_eq!(episode(open, between, gap), Episode::Continue(id));
                }
            }
        }
    }
}
