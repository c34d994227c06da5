//! Small-number protection for public accountability figures (counts of
//! concerns by category or organisation, response shares…). A small count can
//! identify the people behind it, so:
//!
//! 1. **Primary suppression**: a count below the threshold (default 11, never
//!    below 5) is shown as "<11", never exactly — zero included, so that the
//!    rule is the same for every cell.
//! 2. **Complementary suppression** for a table of a total and its disjoint
//!    parts (the parts must add up to the total): when the total is shown, the
//!    suppressed parts must together (a) be at least two and (b) add up to at
//!    least the threshold. Otherwise "total − shown parts" would give a
//!    suppressed part exactly, or give a combined figure below the threshold
//!    (e.g. 30 = 25 + 5: the 5 is suppressed, and 30 − 25 would reveal it, so
//!    the 25 is suppressed too). Parts are added smallest first (equal values:
//!    the earlier part), losing as little as possible; the total stays shown,
//!    because it is the headline figure. A total below the threshold suppresses
//!    the whole table.
//! 3. **Shares** derived from a suppressed count are suppressed ([`share`]). A
//!    share on its own ([`protect_share`]) is the two-part table
//!    `numerator + (denominator − numerator) = denominator`, so it is
//!    suppressed when either the numerator or its complement is below the
//!    threshold: 95 of 100 would reveal 5, 5 of 100 would reveal 5.
//!
//! This protects one-dimensional tables. Figures that appear in several tables
//! (rows and columns of a cross-table) need the rule applied along each of them.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const DEFAULT_THRESHOLD: u64 = 11;
/// No configuration may go below this.
pub const MIN_THRESHOLD: u64 = 5;

/// The smallest count that may be shown exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Threshold(u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a disclosure threshold below {MIN_THRESHOLD} is not allowed (got {0})")]
pub struct ThresholdTooLow(pub u64);

impl Threshold {
    /// Refuses thresholds below [`MIN_THRESHOLD`].
    pub fn new(threshold: u64) -> Result<Threshold, ThresholdTooLow> {
        if threshold < MIN_THRESHOLD { Err(ThresholdTooLow(threshold)) } else { Ok(Threshold(threshold)) }
    }

    /// Raises thresholds below [`MIN_THRESHOLD`] to it.
    pub fn clamped(threshold: u64) -> Threshold {
        Threshold(threshold.max(MIN_THRESHOLD))
    }

    pub fn get(self) -> u64 {
        self.0
    }

    /// Whether `count` is too small to show (primary suppression).
    pub fn hides(self, count: u64) -> bool {
        count < self.0
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold(DEFAULT_THRESHOLD)
    }
}

impl TryFrom<u64> for Threshold {
    type Error = ThresholdTooLow;
    fn try_from(threshold: u64) -> Result<Self, Self::Error> {
        Threshold::new(threshold)
    }
}

impl From<Threshold> for u64 {
    fn from(threshold: Threshold) -> u64 {
        threshold.0
    }
}

/// A published figure: its value, or only the fact that it is too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Protected<T> {
    Shown(T),
    Suppressed,
}

impl<T> Protected<T> {
    pub fn shown(self) -> Option<T> {
        match self {
            Protected::Shown(value) => Some(value),
            Protected::Suppressed => None,
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Protected::Suppressed)
    }
}

impl<T: fmt::Display> Protected<T> {
    /// The text to print: the value, or `<threshold` (e.g. "<11").
    pub fn label(&self, threshold: Threshold) -> String {
        match self {
            Protected::Shown(value) => value.to_string(),
            Protected::Suppressed => format!("<{}", threshold.get()),
        }
    }
}

/// A lone count, published with no figure it could be combined with.
pub fn protect_count(count: u64, threshold: Threshold) -> Protected<u64> {
    if threshold.hides(count) { Protected::Suppressed } else { Protected::Shown(count) }
}

/// A count from a table whose cells also add up along other dimensions
/// (months × categories × areas): hidden when small, and otherwise rounded
/// to the nearest multiple of `base`, so that subtracting published cells
/// from a published total leaves a range several counts wide, never the
/// hidden cell itself (rounding, a standard companion of suppression).
pub fn protect_rounded(count: u64, threshold: Threshold, base: u64) -> Protected<u64> {
    if threshold.hides(count) {
        return Protected::Suppressed;
    }
    let base = base.max(1);
    Protected::Shown((count + base / 2) / base * base)
}

/// A protected table: a total and its parts, in the caller's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectedParts {
    pub total: Protected<u64>,
    pub parts: Vec<Protected<u64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the parts add up to {sum}, not to the total {total}")]
pub struct PartsDoNotAddUp {
    pub total: u64,
    pub sum: u64,
}

/// Protects a total and its disjoint parts (rules 1 and 2 of the module).
/// The parts must add up to the total: add an "other" part if needed.
pub fn protect_parts(total: u64, parts: &[u64], threshold: Threshold) -> Result<ProtectedParts, PartsDoNotAddUp> {
    let sum = parts.iter().sum::<u64>();
    if sum != total {
        return Err(PartsDoNotAddUp { total, sum });
    }
    if threshold.hides(total) {
        return Ok(ProtectedParts { total: Protected::Suppressed, parts: vec![Protected::Suppressed; parts.len()] });
    }
    let mut suppressed: Vec<bool> = parts.iter().map(|&part| threshold.hides(part)).collect();
    loop {
        let hidden = suppressed.iter().filter(|&&s| s).count();
        let hidden_sum: u64 = parts.iter().zip(&suppressed).filter(|(_, s)| **s).map(|(part, _)| part).sum();
        if hidden == 0 || (hidden >= 2 && !threshold.hides(hidden_sum)) {
            break;
        }
        // The smallest shown part, the earlier one on equal values. There is
        // always one: with every part suppressed, hidden_sum = total ≥ threshold
        // and (a lone part being the total, itself shown) at least two parts.
        match (0..parts.len()).filter(|&i| !suppressed[i]).min_by_key(|&i| (parts[i], i)) {
            Some(i) => suppressed[i] = true,
            None => break,
        }
    }
    let parts = parts
        .iter()
        .zip(suppressed)
        .map(|(&part, hidden)| if hidden { Protected::Suppressed } else { Protected::Shown(part) })
        .collect();
    Ok(ProtectedParts { total: Protected::Shown(total), parts })
}

/// `part / total` from already protected counts: suppressed when either is
/// (a share and its total give back the part), and when the total is 0.
pub fn share(part: Protected<u64>, total: Protected<u64>) -> Protected<f64> {
    match (part, total) {
        (Protected::Shown(part), Protected::Shown(total)) if total > 0 => Protected::Shown(part as f64 / total as f64),
        _ => Protected::Suppressed,
    }
}

/// A share published on its own, `numerator / denominator` (rule 3): shown
/// only when the numerator and `denominator − numerator` both reach the threshold.
pub fn protect_share(
    numerator: u64,
    denominator: u64,
    threshold: Threshold,
) -> Result<Protected<f64>, PartsDoNotAddUp> {
    let rest = denominator.checked_sub(numerator).ok_or(PartsDoNotAddUp { total: denominator, sum: numerator })?;
    let table = protect_parts(denominator, &[numerator, rest], threshold)?;
    Ok(share(table.parts[0], table.total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Protected::{Shown, Suppressed};

    fn t() -> Threshold {
        Threshold::default()
    }

    fn parts(total: u64, parts: &[u64]) -> (Protected<u64>, Vec<Protected<u64>>) {
        let table = protect_parts(total, parts, t()).unwrap();
        (table.total, table.parts)
    }

    #[test]
    fn rounded_cells_are_hidden_when_small_and_rounded_to_five() {
        assert_eq!(protect_rounded(10, t(), 5), Suppressed);
        assert_eq!(protect_rounded(11, t(), 5), Shown(10));
        assert_eq!(protect_rounded(12, t(), 5), Shown(10));
        assert_eq!(protect_rounded(13, t(), 5), Shown(15));
        assert_eq!(protect_rounded(20, t(), 5), Shown(20));
        assert_eq!(protect_rounded(0, t(), 5), Suppressed);
        // A hidden cell recovered by subtraction is only known within a range:
        // a total of 31 = 20 + 11 (shown ≈20, ≈10) leaves 31±2 − (20±2 + 10±2) = 1 ± 6.
        assert_eq!(protect_rounded(31, t(), 5), Shown(30));
    }

    #[test]
    fn the_threshold_is_never_below_five() {
        assert_eq!(Threshold::default().get(), 11);
        assert_eq!(Threshold::new(4), Err(ThresholdTooLow(4)));
        assert_eq!(Threshold::new(5).map(Threshold::get), Ok(5));
        assert_eq!(Threshold::clamped(2).get(), 5);
        assert_eq!(Threshold::clamped(20).get(), 20);
        assert!(serde_json::from_str::<Threshold>("3").is_err());
        assert_eq!(serde_json::from_str::<Threshold>("7").unwrap().get(), 7);
        assert_eq!(serde_json::to_string(&Threshold::default()).unwrap(), "11");
    }

    #[test]
    fn small_counts_are_shown_as_less_than_the_threshold() {
        assert_eq!(protect_count(10, t()), Suppressed);
        assert_eq!(protect_count(0, t()), Suppressed);
        assert_eq!(protect_count(11, t()), Shown(11));
        assert_eq!(protect_count(3, t()).label(t()), "<11");
        assert_eq!(protect_count(25, t()).label(t()), "25");
        assert_eq!(Protected::Shown(4u64).shown(), Some(4));
        assert!(protect_count(5, Threshold::clamped(5)).shown().is_some());
    }

    #[test]
    fn a_lone_small_part_takes_its_complement_with_it() {
        assert_eq!(parts(30, &[25, 5]), (Shown(30), vec![Suppressed, Suppressed]));
        // The next-smallest part goes, not the largest.
        assert_eq!(parts(100, &[50, 30, 15, 5]), (Shown(100), vec![Shown(50), Shown(30), Suppressed, Suppressed]));
    }

    #[test]
    fn suppressed_parts_must_add_up_to_the_threshold() {
        // 3 + 4 = 7 would be derivable: the 20 goes too.
        assert_eq!(parts(60, &[3, 4, 20, 33]), (Shown(60), vec![Suppressed, Suppressed, Suppressed, Shown(33)]));
        // 5 + 6 = 11 is enough.
        assert_eq!(parts(61, &[5, 6, 50]), (Shown(61), vec![Suppressed, Suppressed, Shown(50)]));
        // Zeros are suppressed, and a lone zero would be derivable.
        assert_eq!(parts(30, &[0, 30]), (Shown(30), vec![Suppressed, Suppressed]));
    }

    #[test]
    fn equal_candidates_are_taken_in_order() {
        assert_eq!(parts(50, &[5, 20, 20, 5]), (Shown(50), vec![Suppressed, Suppressed, Shown(20), Suppressed]));
    }

    #[test]
    fn tables_that_need_nothing_or_everything() {
        assert_eq!(parts(50, &[20, 30]), (Shown(50), vec![Shown(20), Shown(30)]));
        assert_eq!(parts(30, &[30]), (Shown(30), vec![Shown(30)]));
        assert_eq!(parts(8, &[5, 3]), (Suppressed, vec![Suppressed, Suppressed]));
        assert_eq!(parts(0, &[]), (Suppressed, vec![]));
        assert_eq!(protect_parts(30, &[20, 5], t()), Err(PartsDoNotAddUp { total: 30, sum: 25 }));
    }

    #[test]
    fn shares_of_suppressed_counts_are_suppressed() {
        let table = protect_parts(30, &[25, 5], t()).unwrap();
        assert_eq!(share(table.parts[0], table.total), Suppressed);
        let table = protect_parts(40, &[20, 20], t()).unwrap();
        assert_eq!(share(table.parts[0], table.total), Shown(0.5));
        assert_eq!(share(Shown(0), Shown(0)), Suppressed);
        assert_eq!(protect_share(20, 40, t()), Ok(Shown(0.5)));
        assert_eq!(protect_share(25, 30, t()), Ok(Suppressed), "30 − 25 = 5");
        assert_eq!(protect_share(95, 100, t()), Ok(Suppressed), "100 − 95 = 5");
        assert_eq!(protect_share(5, 100, t()), Ok(Suppressed));
        assert_eq!(protect_share(0, 0, t()), Ok(Suppressed));
        assert_eq!(protect_share(11, 22, t()), Ok(Shown(0.5)));
        assert_eq!(protect_share(31, 30, t()), Err(PartsDoNotAddUp { total: 30, sum: 31 }));
    }

    #[test]
    fn property_no_suppressed_part_can_be_recovered() {
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for _ in 0..2000 {
            let threshold = Threshold::clamped(next(15));
            let values: Vec<u64> = (0..next(7)).map(|_| if next(2) == 0 { next(12) } else { next(80) }).collect();
            let total = values.iter().sum();
            let table = protect_parts(total, &values, threshold).unwrap();
            for (value, shown) in values.iter().zip(&table.parts) {
                assert!(!threshold.hides(*value) || shown.is_suppressed(), "primary {value} in {values:?}");
            }
            if let Shown(shown_total) = table.total {
                let hidden: Vec<u64> =
                    values.iter().zip(&table.parts).filter(|(_, p)| p.is_suppressed()).map(|(v, _)| *v).collect();
                let shown_sum: u64 = table.parts.iter().filter_map(|p| p.shown()).sum();
                assert!(hidden.is_empty() || hidden.len() >= 2, "{values:?}");
                assert!(hidden.is_empty() || !threshold.hides(shown_total - shown_sum), "{values:?}");
            } else {
                assert!(table.parts.iter().all(Protected::is_suppressed));
            }
        }
    }
}

#[cfg(test)]
mod props;
