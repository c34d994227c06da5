//! The Schulze method (Markus Schulze, "A new monotonic, clone-independent,
//! reversal symmetric, and Condorcet-consistent single-winner election
//! method", *Social Choice and Welfare* 36 (2011) 267–303), standard
//! formulation:
//!
//! 1. `d[i][j]` is the number of ballots that rank item `i` above item `j`
//!    (a ballot ranks its listed items above the items it leaves out and
//!    expresses no preference among the left-out items).
//! 2. The link `i → j` has strength `d[i][j]` when `d[i][j] > d[j][i]`
//!    ("winning votes") and does not exist (strength 0) otherwise.
//! 3. `p[i][j]`, the strength of the strongest path from `i` to `j`, is the
//!    widest path over the links (the bottleneck of a path is its weakest link),
//!    computed with the Floyd–Warshall variant given in the paper.
//! 4. `i` beats `j` when `p[i][j] > p[j][i]`. This relation is transitive
//!    (proved in the paper), so the items can be listed with no item after one it beats.
//!
//! **Ranking with ties broken**: repeatedly take, among the items not yet
//! placed, those that no other unplaced item beats, and place the one earliest
//! in the tie-break order (agenda position). The result is the linear extension
//! of the "beats" relation that respects the tie-break order as far as the
//! ballots allow. An item's score is the number of items it beats.

use super::IndexStanding;

/// `d[i][j]`: how many ballots prefer agenda position `i` to `j`.
pub fn pairwise(n: usize, ballots: &[&[usize]]) -> Vec<Vec<u32>> {
    let mut d = vec![vec![0u32; n]; n];
    for ballot in ballots {
        let mut place = vec![usize::MAX; n];
        for (k, &item) in ballot.iter().enumerate() {
            place[item] = k;
        }
        for (i, row) in d.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                if place[i] < place[j] {
                    *cell += 1;
                }
            }
        }
    }
    d
}

/// `p[i][j]`: the strength of the strongest path from `i` to `j` (0 on the diagonal).
pub fn strongest_paths(d: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let n = d.len();
    let mut p = vec![vec![0u32; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j];
            }
        }
    }
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            for k in 0..n {
                if k != i && k != j {
                    p[j][k] = p[j][k].max(p[j][i].min(p[i][k]));
                }
            }
        }
    }
    p
}

/// Whether `i` beats `j` by strongest path.
pub fn beats(p: &[Vec<u32>], i: usize, j: usize) -> bool {
    p[i][j] > p[j][i]
}

/// The Schulze ranking of agenda positions `0..n`, ties broken by position.
pub(crate) fn rank(n: usize, ballots: &[&[usize]]) -> Vec<IndexStanding> {
    let p = strongest_paths(&pairwise(n, ballots));
    let mut unplaced: Vec<usize> = (0..n).collect();
    let mut order = Vec::with_capacity(n);
    while !unplaced.is_empty() {
        // Transitivity guarantees an unbeaten item; the fallback only keeps
        // this total should that ever fail.
        let pick = unplaced.iter().position(|&i| !unplaced.iter().any(|&j| beats(&p, j, i))).unwrap_or(0);
        order.push(unplaced.remove(pick));
    }
    order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let wins = (0..n).filter(|&j| beats(&p, i, j)).count();
            let tied_with_next = order.get(k + 1).is_some_and(|&next| !beats(&p, i, next));
            (i, wins as f64, tied_with_next)
        })
        .collect()
}
