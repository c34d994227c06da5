//! Grouping a whole batch at once by average linkage: the pairs found
//! similar are taken most similar first, and two groups become one when
//! their members are similar *on average* — every member of one against
//! every member of the other — not merely through the one pair that links
//! them. A chain of small steps (A like B, B like C, C unlike A) stays
//! apart, and the answer does not depend on the order of the batch (ties
//! aside, and which members stand for a group of more than [`SAMPLE`]).

/// Members of a group compared at most, each side, when two groups meet:
/// beyond it an even spread of them stands for the group, so that a group
/// of thousands of copies costs no more to join than one of this many.
const SAMPLE: usize = 16;

/// The groups of `items` items linked by `pairs` (`a`, `b`, similarity):
/// for each item, the smallest item of its group. `similarity` scores any
/// two items. Two groups join under `join` (the pair linking them and their
/// members' mean similarity high enough); then an item still alone joins a
/// group of several under the lower `lone`.
pub(super) fn average_linkage(
    items: usize,
    mut pairs: Vec<(u32, u32, f32)>,
    join: Join,
    lone: Join,
    mut similarity: impl FnMut(u32, u32) -> f32,
) -> Vec<usize> {
    pairs.retain(|&(a, b, s)| s >= join.pair.min(lone.pair) && a != b);
    pairs.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0.min(x.1), x.0.max(x.1)).cmp(&(y.0.min(y.1), y.0.max(y.1)))));
    let mut root: Vec<u32> = (0..u32::try_from(items).expect("fewer than 4 billion items")).collect();
    let mut members: Vec<Vec<u32>> = (0..items as u32).map(|i| vec![i]).collect();
    // First groups of what is similar enough; then an item left alone joins
    // the group it is most like, at the lower bar (two items alone do not
    // make a group at it).
    for alone in [false, true] {
        let bar = if alone { lone } else { join };
        for &(a, b, s) in &pairs {
            if s < bar.pair {
                break;
            }
            let (ra, rb) = (root[a as usize], root[b as usize]);
            let (na, nb) = (members[ra as usize].len(), members[rb as usize].len());
            // At the lower bar, one alone and one group of several.
            if ra == rb || (alone && (na > 1) == (nb > 1)) {
                continue;
            }
            let (left, right) = (spread(&members[ra as usize]), spread(&members[rb as usize]));
            let total: f32 =
                left.iter().flat_map(|&x| right.iter().map(move |&y| (x, y))).map(|(x, y)| similarity(x, y)).sum();
            if total < bar.mean * (left.len() * right.len()) as f32 {
                continue;
            }
            // The smaller group moves into the larger (its items' roots change).
            let (keep, gone) = if na >= nb { (ra, rb) } else { (rb, ra) };
            let moved = std::mem::take(&mut members[gone as usize]);
            for &item in &moved {
                root[item as usize] = keep;
            }
            members[keep as usize].extend(moved);
        }
    }
    let mut smallest = vec![u32::MAX; items];
    for (item, &r) in (0u32..).zip(&root) {
        smallest[r as usize] = smallest[r as usize].min(item);
    }
    root.iter().map(|&r| smallest[r as usize] as usize).collect()
}

/// When two groups join: the pair linking them is at least `pair` similar,
/// and their members on average at least `mean`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Join {
    pub pair: f32,
    pub mean: f32,
}

/// At most [`SAMPLE`] of a group's members, evenly spread over it.
fn spread(members: &[u32]) -> Vec<u32> {
    if members.len() <= SAMPLE {
        return members.to_vec();
    }
    (0..SAMPLE).map(|k| members[k * members.len() / SAMPLE]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOIN: Join = Join { pair: 0.5, mean: 0.45 };
    const LONE: Join = Join { pair: 0.4, mean: 0.36 };

    /// Groups under a table of similarities (pairs not listed are 0).
    fn grouped(items: usize, table: &[(u32, u32, f32)]) -> Vec<usize> {
        let similarity = |a: u32, b: u32| {
            table.iter().find(|&&(x, y, _)| (x, y) == (a, b) || (y, x) == (a, b)).map_or(0.0, |&(_, _, s)| s)
        };
        average_linkage(items, table.to_vec(), JOIN, LONE, similarity)
    }

    #[test]
    fn groups_join_when_their_members_are_alike_on_average() {
        // 0-1-2 alike two by two; 3 like 2 alone, unlike 0 and 1.
        let table = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (2, 3, 0.6)];
        assert_eq!(grouped(4, &table), [0, 0, 0, 3], "0.6 / 3 on average is too little");
        // Like all three: it joins, and the group is named by its smallest item.
        let table = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (2, 3, 0.6), (0, 3, 0.5), (1, 3, 0.5)];
        assert_eq!(grouped(4, &table), [0, 0, 0, 0]);
        // A chain of small steps stays apart at its ends.
        let chain = [(0, 1, 0.6), (1, 2, 0.6), (2, 3, 0.6), (3, 4, 0.6)];
        let found = grouped(5, &chain);
        assert_ne!(found[0], found[4], "{found:?}");
        assert_eq!(grouped(3, &[]), [0, 1, 2]);
    }

    #[test]
    fn an_item_left_alone_joins_the_group_it_is_most_like_at_the_lower_bar() {
        // 0-1 a group; 2 like it at 0.45, below the pair bar; 3 and 4 alike
        // at 0.45 but both alone.
        let table = [(0, 1, 0.9), (1, 2, 0.45), (0, 2, 0.42), (3, 4, 0.45)];
        assert_eq!(grouped(5, &table), [0, 0, 0, 3, 4], "two alone make no group at the lower bar");
        // Like the group through one member only: 0.45 / 2 on average is too little.
        let table = [(0, 1, 0.9), (1, 2, 0.45)];
        assert_eq!(grouped(3, &table), [0, 0, 2]);
        // Below the lower bar: alone.
        let table = [(0, 1, 0.9), (1, 2, 0.39), (0, 2, 0.39)];
        assert_eq!(grouped(3, &table), [0, 0, 2]);
    }

    #[test]
    fn a_large_group_is_compared_by_a_sample_of_its_members() {
        // 3,000 copies, each linked to the one before: one group, and no
        // join compares more than SAMPLE × SAMPLE pairs.
        let items = 3000;
        let pairs: Vec<(u32, u32, f32)> = (1..items as u32).map(|i| (i - 1, i, 1.0)).collect();
        let mut calls = 0usize;
        let found = average_linkage(items, pairs, JOIN, LONE, |_, _| {
            calls += 1;
            1.0
        });
        assert!(found.iter().all(|&g| g == 0));
        assert!(calls <= (items - 1) * SAMPLE * SAMPLE, "{calls}");
        assert!(calls > items - 1, "groups of several were compared member by member: {calls}");
        assert_eq!(spread(&(0..100).collect::<Vec<u32>>()), (0..16).map(|k| k * 100 / 16).collect::<Vec<u32>>());
    }
}
