//! Prioritisation: the members of a committee rank its open items (concerns or
//! issues) and the committee gets one priority list, plus **each
//! constituency's own ranking**, so that dissent is recorded rather than
//! averaged away (Saferworld practice: residents set their priorities together
//! with the police and local authorities — which does not mean they agree).
//!
//! Two methods, both deterministic:
//! - [`Method::Borda`]: the Borda count, partial ballots scored by the
//!   averaged rule (see [`borda`]).
//! - [`Method::Schulze`]: the Schulze method, strongest paths by widest path,
//!   links weighted by winning votes (Schulze 2011, "A new monotonic,
//!   clone-independent, reversal symmetric, and Condorcet-consistent
//!   single-winner election method", *Social Choice and Welfare* 36, 267–303);
//!   see [`schulze`].
//!
//! **Ballots** are strict orders, best first, over some or all of the agenda's
//! items ("partial ballots"); an item may appear once per ballot. Items a ballot
//! leaves out are ranked below all the items it lists and tied among themselves.
//!
//! **Tie-breaking** (the same for both methods): the caller passes the agenda in
//! *tie-break order* — earliest submitted first, equal submission times by
//! ascending id — and where a method does not separate two items the one earlier
//! in that order comes first. [`Standing::tied_with_next`] marks every place that
//! the tie-break, not the ballots, decided.
//!
//! **Dissent** of a constituency is the normalised Kendall tau distance between
//! its ranking and the committee's (see [`kendall_tau_distance`]): the share of
//! item pairs the two put in opposite order, 0 (same order) to 1 (reversed).
//!
//! A constituency with one member who voted has a "ranking" that is that
//! member's ballot: who may see the per-constituency rankings is for the caller.

pub mod borda;
pub mod schulze;
#[cfg(test)]
mod tests;

use super::composition::Constituency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the ballots are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Method {
    Borda,
    Schulze,
}

impl Method {
    pub const ALL: [Method; 2] = [Method::Borda, Method::Schulze];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Borda => "borda",
            Method::Schulze => "schulze",
        }
    }

    pub fn from_code(code: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == code)
    }
}

/// One member's ballot: the constituency the member represents and the items
/// in order of priority, most important first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot<T> {
    pub constituency: Constituency,
    pub ranking: Vec<T>,
}

/// Why ballots could not be counted. Positions are 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("agenda item {position} appears twice on the agenda")]
    DuplicateAgendaItem { position: usize },
    #[error("ballot {ballot} ranks an item that is not on the agenda")]
    UnknownItem { ballot: usize },
    #[error("ballot {ballot} ranks an item twice")]
    DuplicateItem { ballot: usize },
}

/// One place in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Standing<T> {
    pub item: T,
    /// Borda: the item's points (a multiple of ½). Schulze: the number of
    /// other items it beats by strongest path.
    pub score: f64,
    /// The method does not separate this item from the next one: the
    /// tie-break order put this one first. False for the last place.
    pub tied_with_next: bool,
}

/// How far a constituency's ranking is from the committee's: Kendall tau distance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dissent {
    /// Item pairs the two rankings put in opposite order.
    pub discordant_pairs: u64,
    /// All item pairs, n(n−1)/2.
    pub pairs: u64,
    /// `discordant_pairs / pairs`, 0 when there are no pairs.
    pub distance: f64,
}

/// A constituency's own ranking: the same method applied to the ballots of its
/// members only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConstituencyRanking<T> {
    pub constituency: Constituency,
    pub ballots: usize,
    pub ranking: Vec<Standing<T>>,
    pub dissent: Dissent,
}

/// The outcome of a committee's ranking round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Prioritisation<T> {
    pub method: Method,
    pub ballots: usize,
    /// The committee's priority list, most important first.
    pub committee: Vec<Standing<T>>,
    /// One entry per constituency that cast at least one ballot, in the
    /// order of [`Constituency::ALL`].
    pub constituencies: Vec<ConstituencyRanking<T>>,
}

/// Internal result of a method: agenda positions in ranked order with score
/// and the "tied with next" mark.
pub(crate) type IndexStanding = (usize, f64, bool);

/// Checks the agenda and the ballots and turns each ballot into agenda positions.
fn validate<T: Ord>(items: &[T], ballots: &[Ballot<T>]) -> Result<Vec<Vec<usize>>, BallotError> {
    let mut position = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if position.insert(item, i).is_some() {
            return Err(BallotError::DuplicateAgendaItem { position: i });
        }
    }
    ballots
        .iter()
        .enumerate()
        .map(|(b, ballot)| {
            let mut seen = vec![false; items.len()];
            ballot
                .ranking
                .iter()
                .map(|item| {
                    let &i = position.get(item).ok_or(BallotError::UnknownItem { ballot: b })?;
                    if std::mem::replace(&mut seen[i], true) {
                        return Err(BallotError::DuplicateItem { ballot: b });
                    }
                    Ok(i)
                })
                .collect()
        })
        .collect()
}

fn rank_indices(method: Method, n: usize, ballots: &[&[usize]]) -> Vec<IndexStanding> {
    match method {
        Method::Borda => borda::rank(n, ballots),
        Method::Schulze => schulze::rank(n, ballots),
    }
}

fn to_items<T: Clone>(items: &[T], ranked: &[IndexStanding]) -> Vec<Standing<T>> {
    ranked
        .iter()
        .map(|&(i, score, tied_with_next)| Standing { item: items[i].clone(), score, tied_with_next })
        .collect()
}

/// The committee's priority list under `method`, `items` in tie-break order.
pub fn rank<T: Ord + Clone>(
    method: Method,
    items: &[T],
    ballots: &[Ballot<T>],
) -> Result<Vec<Standing<T>>, BallotError> {
    let indexed = validate(items, ballots)?;
    let all: Vec<&[usize]> = indexed.iter().map(Vec::as_slice).collect();
    Ok(to_items(items, &rank_indices(method, items.len(), &all)))
}

/// The committee's priority list and each constituency's own ranking with its
/// dissent from the committee's. `items` in tie-break order.
pub fn prioritise<T: Ord + Clone>(
    method: Method,
    items: &[T],
    ballots: &[Ballot<T>],
) -> Result<Prioritisation<T>, BallotError> {
    let indexed = validate(items, ballots)?;
    let all: Vec<&[usize]> = indexed.iter().map(Vec::as_slice).collect();
    let committee = rank_indices(method, items.len(), &all);
    let committee_order: Vec<usize> = committee.iter().map(|s| s.0).collect();
    let constituencies = Constituency::ALL
        .into_iter()
        .filter_map(|constituency| {
            let own: Vec<&[usize]> = ballots
                .iter()
                .zip(&indexed)
                .filter(|(ballot, _)| ballot.constituency == constituency)
                .map(|(_, ranking)| ranking.as_slice())
                .collect();
            if own.is_empty() {
                return None;
            }
            let ranked = rank_indices(method, items.len(), &own);
            let order: Vec<usize> = ranked.iter().map(|s| s.0).collect();
            Some(ConstituencyRanking {
                constituency,
                ballots: own.len(),
                ranking: to_items(items, &ranked),
                dissent: kendall_tau_distance(&order, &committee_order),
            })
        })
        .collect();
    Ok(Prioritisation { method, ballots: ballots.len(), committee: to_items(items, &committee), constituencies })
}

/// The Kendall tau distance between two orderings of the same items: the
/// number of pairs they order differently, and that number divided by the
/// number of pairs. Items found in only one of the two are ignored.
pub fn kendall_tau_distance<T: Ord>(a: &[T], b: &[T]) -> Dissent {
    let in_b: BTreeMap<&T, usize> = b.iter().enumerate().map(|(i, item)| (item, i)).collect();
    let positions: Vec<usize> = a.iter().filter_map(|item| in_b.get(item).copied()).collect();
    let n = positions.len() as u64;
    let pairs = n * n.saturating_sub(1) / 2;
    let mut discordant_pairs = 0;
    for (i, &x) in positions.iter().enumerate() {
        discordant_pairs += positions[i + 1..].iter().filter(|&&y| y < x).count() as u64;
    }
    let distance = if pairs == 0 { 0.0 } else { discordant_pairs as f64 / pairs as f64 };
    Dissent { discordant_pairs, pairs, distance }
}

/// Orders agenda positions by descending score, ties by ascending position
/// (the tie-break order), marking places where the key ties with the next.
pub(crate) fn order_by_score(scores: &[u64], to_score: impl Fn(u64) -> f64) -> Vec<IndexStanding> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&i, &j| scores[j].cmp(&scores[i]).then(i.cmp(&j)));
    order
        .iter()
        .enumerate()
        .map(|(k, &i)| (i, to_score(scores[i]), order.get(k + 1).is_some_and(|&next| scores[next] == scores[i])))
        .collect()
}
