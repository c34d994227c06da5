use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn threshold() -> impl Strategy<Value = Threshold> {
    (MIN_THRESHOLD..=12).prop_map(Threshold::clamped)
}

/// A threshold and a table of up to six parts, small counts and counts
/// at the threshold frequent.
fn table() -> impl Strategy<Value = (Vec<u64>, Threshold)> {
    threshold().prop_flat_map(|threshold| {
        let t = threshold.get();
        (prop::collection::vec(prop_oneof![t - 1..=t, 0u64..13, 0u64..40], 0..=6), Just(threshold))
    })
}

/// Every table an onlooker who knows the rule (threshold, order of
/// complementary suppression) cannot tell apart from `values`: the same
/// shown figures, and the same cells suppressed (with the total shown:
/// a suppressed total tells only that it is small). Returns, for each
/// suppressed cell, the values it takes across those tables (stopping
/// once each has two, or after `budget` candidate tables).
fn possible_hidden_values(values: &[u64], threshold: Threshold, budget: usize) -> Vec<(usize, BTreeSet<u64>)> {
    let published = protect_parts(values.iter().sum(), values, threshold).unwrap_or_else(|e| panic!("{e}"));
    if published.total.is_suppressed() {
        // Only "the total is below the threshold" is known: any split of any such total.
        return vec![];
    }
    let hidden: Vec<usize> = (0..values.len()).filter(|&i| published.parts[i].is_suppressed()).collect();
    let hidden_sum: u64 = hidden.iter().map(|&i| values[i]).sum();
    struct Search<'a> {
        hidden: &'a [usize],
        published: &'a ProtectedParts,
        threshold: Threshold,
        candidate: Vec<u64>,
        seen: Vec<(usize, BTreeSet<u64>)>,
        budget: usize,
    }
    impl Search<'_> {
        /// Depth-first over the ways to split `left` among hidden cells `k..`.
        fn fill(&mut self, k: usize, left: u64) {
            if self.budget == 0 || self.seen.iter().all(|(_, values)| values.len() >= 2) {
                return;
            }
            if k + 1 == self.hidden.len() {
                self.candidate[self.hidden[k]] = left;
                self.budget -= 1;
                let total = self.candidate.iter().sum();
                if protect_parts(total, &self.candidate, self.threshold).as_ref() == Ok(self.published) {
                    for (i, values) in self.seen.iter_mut() {
                        values.insert(self.candidate[*i]);
                    }
                }
                return;
            }
            for v in 0..=left {
                self.candidate[self.hidden[k]] = v;
                self.fill(k + 1, left - v);
            }
        }
    }
    let mut search = Search {
        hidden: &hidden,
        published: &published,
        threshold,
        candidate: values.to_vec(),
        seen: hidden.iter().map(|&i| (i, BTreeSet::new())).collect(),
        budget,
    };
    if !hidden.is_empty() {
        search.fill(0, hidden_sum);
    }
    search.seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The module's guarantee: every count below the threshold is
    /// suppressed; with the total shown, the suppressed parts are none or
    /// at least two adding up to the threshold, so "total − shown parts"
    /// gives no single part and no combined figure below the threshold;
    /// a total below the threshold hides everything; shown figures are exact.
    #[test]
    fn suppressed_parts_cannot_be_subtracted_out((values, threshold) in table()) {
        let total: u64 = values.iter().sum();
        let table = protect_parts(total, &values, threshold).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(table.parts.len(), values.len());
        for (value, shown) in values.iter().zip(&table.parts) {
            prop_assert!(!threshold.hides(*value) || shown.is_suppressed());
            prop_assert!(shown.shown().is_none_or(|s| s == *value));
        }
        match table.total {
            Protected::Shown(shown_total) => {
                prop_assert_eq!(shown_total, total);
                prop_assert!(!threshold.hides(total));
                let hidden = table.parts.iter().filter(|p| p.is_suppressed()).count();
                let shown_sum: u64 = table.parts.iter().filter_map(|p| p.shown()).sum();
                prop_assert!(hidden == 0 || (hidden >= 2 && !threshold.hides(total - shown_sum)), "{values:?}");
            }
            Protected::Suppressed => {
                prop_assert!(threshold.hides(total));
                prop_assert!(table.parts.iter().all(Protected::is_suppressed));
            }
        }
        prop_assert!(protect_parts(total + 1, &values, threshold).is_err());
    }

    /// A share on its own is shown exactly when the numerator and its
    /// complement both reach the threshold, and then it is exact.
    #[test]
    fn shares_hide_small_numerators_and_complements(numerator in 0u64..60, denominator in 0u64..60, threshold in threshold()) {
        match protect_share(numerator, denominator, threshold) {
            Err(_) => prop_assert!(numerator > denominator),
            Ok(share) => {
                let rest = denominator - numerator;
                let shown = !threshold.hides(numerator) && !threshold.hides(rest);
                prop_assert_eq!(share.shown(), shown.then(|| numerator as f64 / denominator as f64));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Stronger than the module promises: an onlooker who knows the
    /// rule and reads "<11" as "below 11" for primary cells could still
    /// pin down a suppressed count below the threshold. Fails on
    /// `[11, 10, 10]` (threshold 11, total 31 shown): the two hidden
    /// cells add up to 20, and the only split the rule publishes this
    /// way is 10 + 10 — so both are disclosed exactly. Kept as a record of
    /// the weakness; not part of the documented guarantee.
    #[test]
    #[ignore = "finds a real weakness of the documented rule: [11, 10, 10] (threshold 11) reveals 10 and 10"]
    fn no_small_hidden_count_is_determined((values, threshold) in table()) {
        for (cell, possible) in possible_hidden_values(&values, threshold, 200_000) {
            let determined = possible.len() == 1 && possible.iter().all(|&v| threshold.hides(v));
            prop_assert!(!determined, "{values:?} (threshold {}): cell {cell} can only be {possible:?}", threshold.get());
        }
    }
}

#[test]
fn the_onlooker_finds_the_known_weak_table() {
    let threshold = Threshold::default();
    let published = protect_parts(31, &[11, 10, 10], threshold).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(published.parts, [Protected::Shown(11), Protected::Suppressed, Protected::Suppressed]);
    let found = possible_hidden_values(&[11, 10, 10], threshold, 1_000);
    assert_eq!(found, [(1, BTreeSet::from([10])), (2, BTreeSet::from([10]))]);
    // With a larger shown part the split is ambiguous: 10 + 10 or 9 + 11.
    let found = possible_hidden_values(&[50, 10, 10], threshold, 1_000);
    assert!(found.iter().all(|(_, values)| values.len() >= 2), "{found:?}");
}
