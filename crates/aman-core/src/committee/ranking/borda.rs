//! The Borda count (Jean-Charles de Borda, "Mémoire sur les élections au
//! scrutin", *Histoire de l'Académie royale des sciences* for 1781, printed
//! 1784), in the variant used here:
//!
//! - With `n` items on the agenda, a ballot gives `n − 1` points to its first
//!   item, `n − 2` to its second, … and 0 to the `n`-th.
//! - **Partial ballots, averaged rule**: a ballot that ranks `k < n` items
//!   gives its `n − k` unranked items an equal share of the points of the
//!   places it left open, `(n − k − 1) / 2` each — as if they were tied for
//!   last. Every ballot therefore hands out the same total, `n(n − 1)/2`, so a
//!   member who ranks only the items they know neither gains nor loses weight,
//!   and an empty ballot is neutral.
//! - Points are counted in halves (integers), so scores are exact.
//! - Higher score first; equal scores by the tie-break order (agenda position).

use super::IndexStanding;

/// Each agenda position's points, doubled (half-points, exact integers).
/// `ballots` are agenda positions, best first, already validated.
pub fn half_points(n: usize, ballots: &[&[usize]]) -> Vec<u64> {
    let mut points = vec![0u64; n];
    for ballot in ballots {
        let mut ranked = vec![false; n];
        for (place, &item) in ballot.iter().enumerate() {
            points[item] += 2 * (n - 1 - place) as u64;
            ranked[item] = true;
        }
        let share = n.saturating_sub(ballot.len()).saturating_sub(1) as u64;
        for (item, _) in ranked.iter().enumerate().filter(|(_, ranked)| !**ranked) {
            points[item] += share;
        }
    }
    points
}

/// The Borda ranking of agenda positions `0..n`.
pub(crate) fn rank(n: usize, ballots: &[&[usize]]) -> Vec<IndexStanding> {
    super::order_by_score(&half_points(n, ballots), |half| half as f64 / 2.0)
}
