use super::*;
use crate::committee::composition::Constituency::{self, *};

fn ballots(groups: &[(usize, &str)]) -> Vec<Ballot<char>> {
    groups
        .iter()
        .flat_map(|&(count, order)| {
            std::iter::repeat_n(Ballot { constituency: Residents, ranking: order.chars().collect() }, count)
        })
        .collect()
}

fn order(standings: &[Standing<char>]) -> String {
    standings.iter().map(|s| s.item).collect()
}

fn ties(standings: &[Standing<char>]) -> Vec<bool> {
    standings.iter().map(|s| s.tied_with_next).collect()
}

const ABCDE: [char; 5] = ['A', 'B', 'C', 'D', 'E'];

/// The worked example of the Wikipedia article on the Schulze method: 45
/// voters, five candidates, winner E (E > A > C > B > D).
fn wikipedia_45() -> Vec<Ballot<char>> {
    ballots(&[
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ])
}

#[test]
fn schulze_worked_example_45_voters() {
    let indexed = validate(&ABCDE, &wikipedia_45()).unwrap();
    let slices: Vec<&[usize]> = indexed.iter().map(Vec::as_slice).collect();
    let d = schulze::pairwise(5, &slices);
    assert_eq!(
        d,
        [[0, 20, 26, 30, 22], [25, 0, 16, 33, 18], [19, 29, 0, 17, 24], [15, 12, 28, 0, 14], [23, 27, 21, 31, 0]]
    );
    let p = schulze::strongest_paths(&d);
    assert_eq!(
        p,
        [[0, 28, 28, 30, 24], [25, 0, 28, 33, 24], [25, 29, 0, 29, 24], [25, 28, 28, 0, 24], [25, 28, 28, 31, 0]]
    );
    let ranking = rank(Method::Schulze, &ABCDE, &wikipedia_45()).unwrap();
    assert_eq!(order(&ranking), "EACBD");
    assert_eq!(ties(&ranking), [false; 5]);
    let scores: Vec<f64> = ranking.iter().map(|s| s.score).collect();
    assert_eq!(scores, [4.0, 3.0, 2.0, 1.0, 0.0]);
}

#[test]
fn borda_worked_example() {
    // n = 3: 2, 1, 0 points. A = 2·2 + 2·0 + 1·1 = 5, B = 2·1 + 2·2 + 1·0 = 6,
    // C = 2·0 + 2·1 + 1·2 = 4.
    let profile = ballots(&[(2, "ABC"), (2, "BCA"), (1, "CAB")]);
    let ranking = rank(Method::Borda, &['A', 'B', 'C'], &profile).unwrap();
    assert_eq!(order(&ranking), "BAC");
    assert_eq!(ranking.iter().map(|s| s.score).collect::<Vec<_>>(), [6.0, 5.0, 4.0]);
    assert_eq!(ties(&ranking), [false; 3]);
}

#[test]
fn schulze_picks_the_condorcet_winner_where_borda_does_not() {
    // A beats B and C 3 to 2, but B collects more Borda points (7 to 6).
    let profile = ballots(&[(3, "ABC"), (2, "BCA")]);
    assert_eq!(order(&rank(Method::Schulze, &['A', 'B', 'C'], &profile).unwrap()), "ABC");
    let borda = rank(Method::Borda, &['A', 'B', 'C'], &profile).unwrap();
    assert_eq!(order(&borda), "BAC");
    assert_eq!(borda[0].score, 7.0);
}

#[test]
fn ties_are_broken_by_agenda_order() {
    // No ballots: nothing separates the items.
    for method in Method::ALL {
        let ranking = rank::<char>(method, &['C', 'A', 'B'], &[]).unwrap();
        assert_eq!(order(&ranking), "CAB", "{method:?}");
        assert_eq!(ties(&ranking), [true, true, false]);
    }
    // Borda: one ballot each way.
    let profile = ballots(&[(1, "AB"), (1, "BA")]);
    assert_eq!(order(&rank(Method::Borda, &['A', 'B'], &profile).unwrap()), "AB");
    assert_eq!(order(&rank(Method::Borda, &['B', 'A'], &profile).unwrap()), "BA");
    // Schulze: a perfect Condorcet cycle has all paths equally strong.
    let cycle = ballots(&[(1, "ABC"), (1, "BCA"), (1, "CAB")]);
    for agenda in [['A', 'B', 'C'], ['C', 'B', 'A'], ['B', 'A', 'C']] {
        let ranking = rank(Method::Schulze, &agenda, &cycle).unwrap();
        assert_eq!(ranking.iter().map(|s| s.item).collect::<Vec<_>>(), agenda);
        assert_eq!(ties(&ranking), [true, true, false]);
    }
    // A partial tie: B is first for sure, A and C tie behind it.
    let profile = ballots(&[(2, "BAC"), (2, "BCA")]);
    for method in Method::ALL {
        let ranking = rank(method, &['C', 'A', 'B'], &profile).unwrap();
        assert_eq!(order(&ranking), "BCA", "{method:?}");
        assert_eq!(ties(&ranking), [false, true, false]);
    }
}

#[test]
fn partial_ballots_share_the_open_points() {
    let agenda = ['A', 'B', 'C', 'D'];
    // [A]: A gets 3, the three others share 2 + 1 + 0 = 3 points.
    let ranking = rank(Method::Borda, &agenda, &ballots(&[(1, "A")])).unwrap();
    assert_eq!(
        ranking.iter().map(|s| (s.item, s.score)).collect::<Vec<_>>(),
        [('A', 3.0), ('B', 1.0), ('C', 1.0), ('D', 1.0)]
    );
    // [B, C]: B 3, C 2, A and D share 1 + 0.
    let ranking = rank(Method::Borda, &agenda, &ballots(&[(1, "BC")])).unwrap();
    assert_eq!(
        ranking.iter().map(|s| (s.item, s.score)).collect::<Vec<_>>(),
        [('B', 3.0), ('C', 2.0), ('A', 0.5), ('D', 0.5)]
    );
    // Ranking three of four is the same as ranking all four.
    let three = rank(Method::Borda, &agenda, &ballots(&[(1, "DCB")])).unwrap();
    let four = rank(Method::Borda, &agenda, &ballots(&[(1, "DCBA")])).unwrap();
    assert_eq!(three, four);
    // Schulze: listed items beat unlisted ones; unlisted ones are not compared.
    let indexed = validate(&agenda, &ballots(&[(1, "BC")])).unwrap();
    let d = schulze::pairwise(4, &[indexed[0].as_slice()]);
    assert_eq!(d, [[0, 0, 0, 0], [1, 0, 1, 1], [1, 0, 0, 1], [0, 0, 0, 0]]);
    let ranking = rank(Method::Schulze, &agenda, &ballots(&[(1, "BC"), (1, "D")])).unwrap();
    assert_eq!(order(&ranking), "BCDA");
}

#[test]
fn invalid_ballots_are_refused() {
    let agenda = ['A', 'B', 'C'];
    let bad = ballots(&[(1, "AB"), (1, "AZ")]);
    assert_eq!(rank(Method::Borda, &agenda, &bad), Err(BallotError::UnknownItem { ballot: 1 }));
    let bad = ballots(&[(1, "ABA")]);
    assert_eq!(prioritise(Method::Schulze, &agenda, &bad), Err(BallotError::DuplicateItem { ballot: 0 }));
    assert_eq!(
        rank::<char>(Method::Borda, &['A', 'B', 'A'], &[]),
        Err(BallotError::DuplicateAgendaItem { position: 2 })
    );
    assert_eq!(rank::<char>(Method::Schulze, &[], &[]), Ok(vec![]));
}

fn cast(constituency: Constituency, order: &str) -> Ballot<char> {
    Ballot { constituency, ranking: order.chars().collect() }
}

#[test]
fn each_constituency_keeps_its_own_ranking_and_dissent() {
    let profile = [
        cast(Police, "CBA"),
        cast(Residents, "ABC"),
        cast(Residents, "ABC"),
        cast(Youth, "ACB"),
        cast(Residents, "ABC"),
    ];
    for method in Method::ALL {
        let result = prioritise(method, &['A', 'B', 'C'], &profile).unwrap();
        assert_eq!((result.method, result.ballots), (method, 5));
        assert_eq!(order(&result.committee), "ABC", "{method:?}");
        let summary: Vec<(Constituency, usize, String, u64)> = result
            .constituencies
            .iter()
            .map(|c| (c.constituency, c.ballots, order(&c.ranking), c.dissent.discordant_pairs))
            .collect();
        assert_eq!(
            summary,
            [(Residents, 3, "ABC".into(), 0), (Youth, 1, "ACB".into(), 1), (Police, 1, "CBA".into(), 3)],
            "{method:?}"
        );
        let police = &result.constituencies[2].dissent;
        assert_eq!((police.pairs, police.distance), (3, 1.0));
        assert!((result.constituencies[1].dissent.distance - 1.0 / 3.0).abs() < 1e-12);
    }
    let borda = prioritise(Method::Borda, &['A', 'B', 'C'], &profile).unwrap();
    assert_eq!(borda.committee.iter().map(|s| s.score).collect::<Vec<_>>(), [8.0, 4.0, 3.0]);
}

#[test]
fn kendall_tau_distance_counts_discordant_pairs() {
    assert_eq!(kendall_tau_distance(&[1, 2, 3, 4], &[1, 2, 3, 4]).discordant_pairs, 0);
    let reversed = kendall_tau_distance(&[1, 2, 3, 4], &[4, 3, 2, 1]);
    assert_eq!((reversed.discordant_pairs, reversed.pairs, reversed.distance), (6, 6, 1.0));
    let one_swap = kendall_tau_distance(&[1, 2, 3, 4], &[2, 1, 3, 4]);
    assert_eq!((one_swap.discordant_pairs, one_swap.distance), (1, 1.0 / 6.0));
    let single = kendall_tau_distance(&[7], &[7]);
    assert_eq!((single.pairs, single.distance), (0, 0.0));
    assert_eq!(Method::from_code("schulze"), Some(Method::Schulze));
    assert_eq!(Method::from_code("borda"), Some(Method::Borda));
    assert_eq!(Method::from_code("plurality"), None);
}

/// SplitMix64: a small seeded generator so that the property loops replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
    fn ballot(&mut self, n: usize) -> Ballot<u32> {
        let mut ranking: Vec<u32> = (0..n as u32).collect();
        self.shuffle(&mut ranking);
        ranking.truncate(self.below(n + 1));
        Ballot { constituency: Constituency::ALL[self.below(Constituency::ALL.len())], ranking }
    }
}

#[test]
fn property_unanimous_ballots_give_that_order() {
    let mut rng = Rng(1);
    for _ in 0..200 {
        let n = 1 + rng.below(8);
        let mut agenda: Vec<u32> = (0..n as u32).collect();
        rng.shuffle(&mut agenda);
        let mut wanted = agenda.clone();
        rng.shuffle(&mut wanted);
        let profile = vec![Ballot { constituency: Youth, ranking: wanted.clone() }; 1 + rng.below(5)];
        for method in Method::ALL {
            let ranking = rank(method, &agenda, &profile).unwrap();
            assert_eq!(ranking.iter().map(|s| s.item).collect::<Vec<_>>(), wanted);
            assert!(ranking.iter().all(|s| !s.tied_with_next));
        }
    }
}

#[test]
fn property_the_order_of_ballots_does_not_matter() {
    let mut rng = Rng(2);
    for _ in 0..200 {
        let n = 1 + rng.below(7);
        let agenda: Vec<u32> = (0..n as u32).collect();
        let mut profile: Vec<Ballot<u32>> = (0..rng.below(12)).map(|_| rng.ballot(n)).collect();
        let before: Vec<_> = Method::ALL.map(|m| prioritise(m, &agenda, &profile).unwrap()).into();
        rng.shuffle(&mut profile);
        let after: Vec<_> = Method::ALL.map(|m| prioritise(m, &agenda, &profile).unwrap()).into();
        assert_eq!(before, after);
    }
}

#[test]
fn property_schulze_is_condorcet_consistent_and_respects_beats() {
    let mut rng = Rng(3);
    let mut condorcet_profiles = 0;
    for _ in 0..300 {
        let n = 2 + rng.below(6);
        let agenda: Vec<u32> = (0..n as u32).collect();
        let profile: Vec<Ballot<u32>> = (0..1 + rng.below(9)).map(|_| rng.ballot(n)).collect();
        let indexed = validate(&agenda, &profile).unwrap();
        let slices: Vec<&[usize]> = indexed.iter().map(Vec::as_slice).collect();
        let d = schulze::pairwise(n, &slices);
        let p = schulze::strongest_paths(&d);
        let ranking = rank(Method::Schulze, &agenda, &profile).unwrap();
        let placed: Vec<usize> = ranking.iter().map(|s| s.item as usize).collect();
        for (k, &later) in placed.iter().enumerate() {
            assert!(placed[..k].iter().all(|&earlier| !schulze::beats(&p, later, earlier)));
        }
        if let Some(w) = (0..n).find(|&w| (0..n).all(|j| j == w || d[w][j] > d[j][w])) {
            condorcet_profiles += 1;
            assert_eq!(placed[0], w);
        }
        // Every Borda ballot hands out n(n − 1)/2 points.
        let half = borda::half_points(n, &slices);
        assert_eq!(half.iter().sum::<u64>(), (profile.len() * n * (n - 1)) as u64);
    }
    assert!(condorcet_profiles > 50, "only {condorcet_profiles} profiles with a Condorcet winner");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// A ballot over items `0..n`: a shuffled prefix of some length.
    fn ballot(n: usize) -> impl Strategy<Value = Ballot<u32>> {
        (
            Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(),
            0..=n,
            proptest::sample::select(Constituency::ALL.to_vec()),
        )
            .prop_map(|(mut ranking, k, constituency)| {
                ranking.truncate(k);
                Ballot { constituency, ranking }
            })
    }

    /// An agenda (items `0..n` in a shuffled tie-break order) and ballots.
    fn election(max_items: usize, max_ballots: usize) -> impl Strategy<Value = (Vec<u32>, Vec<Ballot<u32>>)> {
        (0..=max_items).prop_flat_map(move |n| {
            (Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(), prop::collection::vec(ballot(n), 0..=max_ballots))
        })
    }

    fn items(standings: &[Standing<u32>]) -> Vec<u32> {
        standings.iter().map(|s| s.item).collect()
    }

    fn is_permutation(ranked: &[u32], agenda: &[u32]) -> bool {
        let (mut a, mut b) = (ranked.to_vec(), agenda.to_vec());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    }

    /// Ballots preferring `i` to `j`, counted from the ballots directly (an
    /// item listed beats one left out).
    fn prefer(ballots: &[Ballot<u32>], i: u32, j: u32) -> usize {
        ballots
            .iter()
            .filter(|b| {
                let place = |x| b.ranking.iter().position(|&y| y == x).unwrap_or(usize::MAX);
                place(i) < place(j)
            })
            .count()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The committee's list and every constituency's list are orderings of
        /// the whole agenda, the last place is never "tied with next", and
        /// dissent is a distance between 0 and 1.
        #[test]
        fn rankings_are_permutations((agenda, ballots) in election(7, 10)) {
            for method in Method::ALL {
                let result = prioritise(method, &agenda, &ballots).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(result.ballots, ballots.len());
                prop_assert_eq!(result.constituencies.iter().map(|c| c.ballots).sum::<usize>(), ballots.len());
                for ranking in std::iter::once(&result.committee).chain(result.constituencies.iter().map(|c| &c.ranking)) {
                    prop_assert!(is_permutation(&items(ranking), &agenda), "{method:?}: {ranking:?}");
                    prop_assert!(ranking.last().is_none_or(|s| !s.tied_with_next));
                }
                for c in &result.constituencies {
                    prop_assert!(c.dissent.discordant_pairs <= c.dissent.pairs);
                    prop_assert!((0.0..=1.0).contains(&c.dissent.distance));
                    prop_assert_eq!(c.dissent.pairs as usize, agenda.len() * agenda.len().saturating_sub(1) / 2);
                }
            }
        }

        /// When every ballot is the same (possibly partial) list, both methods
        /// put its items first in its order, then the rest in tie-break order,
        /// marked as tied.
        #[test]
        fn unanimous_ballots_give_their_order(
            (agenda, ballot) in (0usize..8).prop_flat_map(|n| (Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle(), ballot(n))),
            copies in 1usize..5,
        ) {
            let ballots = vec![ballot.clone(); copies];
            let k = ballot.ranking.len();
            let mut expected = ballot.ranking.clone();
            expected.extend(agenda.iter().filter(|item| !ballot.ranking.contains(item)));
            for method in Method::ALL {
                let ranking = rank(method, &agenda, &ballots).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(items(&ranking), expected.clone(), "{:?}", method);
                let ties: Vec<bool> = ranking.iter().map(|s| s.tied_with_next).collect();
                let expected_ties: Vec<bool> = (0..agenda.len()).map(|p| p >= k && p + 1 < agenda.len()).collect();
                prop_assert_eq!(ties, expected_ties, "{:?}", method);
            }
        }

        /// An item that beats every other one head to head (counted here from
        /// the ballots, not by the module) is Schulze's first place.
        #[test]
        fn schulze_elects_the_condorcet_winner((agenda, ballots) in election(6, 9)) {
            let winner = agenda.iter().copied().find(|&w| {
                agenda.iter().all(|&j| j == w || prefer(&ballots, w, j) > prefer(&ballots, j, w))
            });
            let ranking = rank(Method::Schulze, &agenda, &ballots).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if let Some(winner) = winner {
                prop_assert_eq!(ranking[0].item, winner);
                prop_assert!(agenda.len() < 2 || !ranking[0].tied_with_next);
            }
        }

        /// Borda hands out the same points per ballot and lists them in
        /// descending order; an empty ballot changes no order, and completing
        /// a ballot that leaves one item out changes nothing at all.
        #[test]
        fn empty_and_completed_ballots_change_nothing((agenda, ballots) in election(7, 8), extra in 0usize..3) {
            let n = agenda.len();
            let borda = rank(Method::Borda, &agenda, &ballots).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let total: f64 = borda.iter().map(|s| s.score).sum();
            prop_assert_eq!(total, (ballots.len() * n * n.saturating_sub(1)) as f64 / 2.0);
            prop_assert!(borda.windows(2).all(|w| w[0].score >= w[1].score));
            let mut padded = ballots.clone();
            padded.extend(std::iter::repeat_n(Ballot { constituency: Constituency::Residents, ranking: vec![] }, extra));
            let completed: Vec<Ballot<u32>> = ballots
                .iter()
                .map(|b| {
                    let mut b = b.clone();
                    if b.ranking.len() + 1 == n {
                        let missing: Vec<u32> = agenda.iter().copied().filter(|item| !b.ranking.contains(item)).collect();
                        b.ranking.extend(missing);
                    }
                    b
                })
                .collect();
            for method in Method::ALL {
                let plain = rank(method, &agenda, &ballots).map_err(|e| TestCaseError::fail(e.to_string()))?;
                // An empty ballot gives every item the same points: the order and ties stay.
                let with_empty = rank(method, &agenda, &padded).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let shape = |r: &[Standing<u32>]| r.iter().map(|s| (s.item, s.tied_with_next)).collect::<Vec<_>>();
                prop_assert_eq!(shape(&with_empty), shape(&plain), "{:?}", method);
                prop_assert_eq!(rank(method, &agenda, &completed).ok(), Some(plain), "{:?}", method);
            }
        }

        /// Kendall tau: symmetric, 0 against itself, 1 against its reverse.
        #[test]
        fn kendall_tau_is_a_normalised_distance(a in Just((0..8u32).collect::<Vec<_>>()).prop_shuffle(), b in Just((0..8u32).collect::<Vec<_>>()).prop_shuffle()) {
            let ab = kendall_tau_distance(&a, &b);
            prop_assert_eq!(ab, kendall_tau_distance(&b, &a));
            prop_assert_eq!(kendall_tau_distance(&a, &a).discordant_pairs, 0);
            let reversed: Vec<u32> = a.iter().rev().copied().collect();
            prop_assert_eq!(kendall_tau_distance(&a, &reversed).distance, 1.0);
            prop_assert!((0.0..=1.0).contains(&ab.distance) && ab.pairs == 28);
        }
    }
}
