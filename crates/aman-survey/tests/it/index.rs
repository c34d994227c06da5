//! The Community Security Index on a worked example computed by hand
//! (docs/index-method.md shows the same numbers).
//!
//! Areas A, B, C; indicators and raw values:
//!
//! | indicator (pillar, direction)        | A    | B     | C     |
//! |--------------------------------------|------|-------|-------|
//! | feel_safe (social, survey, ↑)        | 0.60 | 0.40  | 0.80  |
//! | hate_speech (social, rate/10k, ↓)    | 5    | 15    | 25    |
//! | services (economic, survey, ↑)       | 0.50 | 0.70  | 0.30  |
//! | referrals (institutional, accnt., ↑) | 0.90 | 0.50  | 0.70  |
//!
//! Pillar weights social 0.5, economic 0.3, institutional 0.2.
#![allow(clippy::unwrap_used)]

use aman_survey::index::{IndexConfig, IndexError, IndicatorValue, Observation, Pillar, compute_index};

const TOL: f64 = 1e-12;

fn config(normalisation: &str, aggregation: &str, flip: bool, uncertainty: &str) -> IndexConfig {
    let (up, down) =
        if flip { ("lower_is_better", "higher_is_better") } else { ("higher_is_better", "lower_is_better") };
    let indicator = |id: &str, pillar: &str, direction: &str, source: &str| {
        format!(
            "[[indicator]]\nid = \"{id}\"\nlabel = {{ ar = \"{id}\", ckb = \"{id}\", en = \"{id}\" }}\n\
             pillar = \"{pillar}\"\ndirection = \"{direction}\"\nsource = \"{source}\"\nweight = 1.0\n"
        )
    };
    let text = format!(
        "normalisation = \"{normalisation}\"\npillar_aggregation = \"{aggregation}\"\n\
         overall_aggregation = \"{aggregation}\"\n\
         [pillar_weights]\nsocial = 0.5\neconomic = 0.3\ninstitutional = 0.2\n[uncertainty]\n{uncertainty}\n{}{}{}{}",
        indicator("feel_safe", "social", up, "survey"),
        indicator("hate_speech", "social", down, "rate_per_10k"),
        indicator("services", "economic", up, "survey"),
        indicator("referrals", "institutional", up, "accountability"),
    );
    IndexConfig::from_toml(&text).unwrap()
}

const FIXED: &str = "draws = 200\nweights = \"fixed\"\nsampling_error = false";
const RANDOM: &str = "draws = 1000\nweights = \"dirichlet\"\nconcentration = 20.0";

fn obs(area: &str, indicator: &str, value: IndicatorValue) -> Observation {
    Observation { area: area.into(), period: "2026-Q3".into(), indicator: indicator.into(), value }
}

fn data(se: f64) -> Vec<Observation> {
    let survey = |estimate| IndicatorValue::Survey { estimate, se };
    let mut out = Vec::new();
    for (area, safe, count, services, referrals) in
        [("A", 0.6, 10.0, 0.5, 0.9), ("B", 0.4, 30.0, 0.7, 0.5), ("C", 0.8, 50.0, 0.3, 0.7)]
    {
        out.push(obs(area, "feel_safe", survey(safe)));
        out.push(obs(area, "hate_speech", IndicatorValue::Rate { count, population: 20_000.0 }));
        out.push(obs(area, "services", survey(services)));
        out.push(obs(area, "referrals", IndicatorValue::Accountability { value: referrals }));
    }
    out
}

/// (social, economic, institutional, overall) of A, B, C, and ranks.
fn check(normalisation: &str, aggregation: &str, expected: [[f64; 4]; 3], ranks: [f64; 3]) {
    let result = compute_index(&config(normalisation, aggregation, false, FIXED), &data(0.0), 7).unwrap();
    for (k, area) in ["A", "B", "C"].into_iter().enumerate() {
        let row = result.get(area, "2026-Q3").unwrap();
        let got =
            [row.pillar(Pillar::Social), row.pillar(Pillar::Economic), row.pillar(Pillar::Institutional), row.overall];
        for (g, e) in got.iter().zip(expected[k]) {
            assert!((g.unwrap() - e).abs() < TOL, "{normalisation} {aggregation} {area}: {got:?} vs {:?}", expected[k]);
        }
        assert_eq!(row.pillar(Pillar::Cultural), None);
        assert_eq!(row.rank, Some(ranks[k]), "{normalisation} {aggregation} {area}");
        assert!(row.missing_indicators.is_empty() && row.missing_pillars.is_empty());
        assert!((row.coverage - 1.0).abs() < TOL);
    }
}

#[test]
fn min_max_arithmetic_by_hand() {
    // normalised: feel_safe .5 0 1; hate_speech (25 − x)/20 = 1 .5 0;
    // services .5 1 0; referrals 1 0 .5
    check(
        "min-max",
        "arithmetic",
        [[0.75, 0.5, 1.0, 0.725], [0.25, 1.0, 0.0, 0.425], [0.5, 0.0, 0.5, 0.35]],
        [1.0, 2.0, 3.0],
    );
}

#[test]
fn z_score_arithmetic_by_hand() {
    // every indicator has sd = its spacing: z = 0 −1 1; −(x − 15)/10 = 1 0 −1;
    // 0 1 −1; 1 −1 0
    check(
        "z-score",
        "arithmetic",
        [[0.5, 0.0, 1.0, 0.45], [-0.5, 1.0, -1.0, -0.15], [0.0, -1.0, 0.0, -0.3]],
        [1.0, 2.0, 3.0],
    );
}

#[test]
fn min_max_geometric_by_hand() {
    // shift c = 1 (smallest score 0) at both levels
    let g = |a: f64, b: f64, c: f64| a.powf(0.5) * b.powf(0.3) * c.powf(0.2) - 1.0;
    let s = [1.5f64 * 2.0, 1.0 * 1.5, 2.0 * 1.0].map(f64::sqrt);
    check(
        "min-max",
        "geometric",
        [
            [s[0] - 1.0, 0.5, 1.0, g(s[0], 1.5, 2.0)],
            [s[1] - 1.0, 1.0, 0.0, g(s[1], 2.0, 1.0)],
            [s[2] - 1.0, 0.0, 0.5, g(s[2], 1.0, 1.5)],
        ],
        [1.0, 2.0, 3.0],
    );
}

#[test]
fn z_score_geometric_by_hand() {
    // indicator shift c = 1 − (−1) = 2; pillar scores' smallest is −1, so 2 again
    let g = |a: f64, b: f64, c: f64| a.powf(0.5) * b.powf(0.3) * c.powf(0.2) - 2.0;
    let s = [2.0f64 * 3.0, 1.0 * 2.0, 3.0 * 1.0].map(f64::sqrt);
    let expected = [
        [s[0] - 2.0, 0.0, 1.0, g(s[0], 2.0, 3.0)],
        [s[1] - 2.0, 1.0, -1.0, g(s[1], 3.0, 1.0)],
        [s[2] - 2.0, -1.0, 0.0, g(s[2], 1.0, 2.0)],
    ];
    // overall ≈ 0.4003, −0.3465, −0.4882
    check("z-score", "geometric", expected, [1.0, 2.0, 3.0]);
}

#[test]
fn flipping_every_direction_inverts_the_ranks() {
    for normalisation in ["min-max", "z-score"] {
        let ranks = |flip| {
            let result = compute_index(&config(normalisation, "arithmetic", flip, FIXED), &data(0.0), 1).unwrap();
            result.rows.iter().map(|r| r.rank.unwrap()).collect::<Vec<_>>()
        };
        let (plain, flipped) = (ranks(false), ranks(true));
        assert_eq!(plain, [1.0, 2.0, 3.0]);
        assert_eq!(flipped, plain.iter().map(|r| 4.0 - r).collect::<Vec<_>>());
    }
}

#[test]
fn same_seed_same_result_and_seeds_differ() {
    let cfg = config("min-max", "arithmetic", false, RANDOM);
    let a = compute_index(&cfg, &data(0.08), 42).unwrap();
    let b = compute_index(&cfg, &data(0.08), 42).unwrap();
    assert_eq!(a, b);
    let intervals = |r: &aman_survey::index::IndexResult| r.rows.iter().map(|r| r.rank_interval).collect::<Vec<_>>();
    let others: Vec<_> = (43..48).map(|seed| intervals(&compute_index(&cfg, &data(0.08), seed).unwrap())).collect();
    assert!(others.iter().any(|o| *o != intervals(&a)), "seeds should matter");
    // with this much sampling error the intervals are wide but ordered
    for row in &a.rows {
        let i = row.rank_interval.unwrap();
        assert!(1.0 <= i.low && i.low <= i.median && i.median <= i.high && i.high <= 3.0);
    }
    let c = a.get("C", "2026-Q3").unwrap().rank_interval.unwrap();
    assert!(c.low < c.high, "C's rank should be uncertain: {c:?}");
}

#[test]
fn zero_se_and_fixed_weights_give_degenerate_intervals() {
    for normalisation in ["min-max", "z-score"] {
        for aggregation in ["arithmetic", "geometric"] {
            let cfg = config(normalisation, aggregation, false, FIXED);
            let result = compute_index(&cfg, &data(0.0), 99).unwrap();
            for row in &result.rows {
                let i = row.rank_interval.unwrap();
                let rank = row.rank.unwrap();
                assert_eq!((i.low, i.median, i.high), (rank, rank, rank), "{normalisation} {aggregation}");
            }
        }
    }
    // sampling error switched on but SEs of zero: still degenerate
    let cfg = config("min-max", "arithmetic", false, "draws = 50\nweights = \"fixed\"\nsampling_error = true");
    let result = compute_index(&cfg, &data(0.0), 5).unwrap();
    assert!(result.rows.iter().all(|r| r.rank_interval.unwrap().low == r.rank_interval.unwrap().high));
}

#[test]
fn missing_values_are_excluded_and_weights_renormalised() {
    let mut observations = data(0.0);
    observations.retain(|o| !(o.area == "A" && o.indicator == "feel_safe"));
    observations.retain(|o| !(o.area == "B" && o.indicator == "services"));
    let result = compute_index(&config("min-max", "arithmetic", false, FIXED), &observations, 3).unwrap();
    let a = result.get("A", "2026-Q3").unwrap();
    // feel_safe normalised over B and C only (0, 1); A's social pillar is
    // hate_speech alone (1.0)
    assert_eq!(a.missing_indicators, ["feel_safe"]);
    assert!(a.missing_pillars.is_empty());
    assert!((a.pillar(Pillar::Social).unwrap() - 1.0).abs() < TOL);
    assert!((a.coverage - 0.75).abs() < TOL);
    let b = result.get("B", "2026-Q3").unwrap();
    // services normalised over A and C (A 1, C 0); B has no economic pillar:
    // overall = (0.5·0.25 + 0.2·0) / 0.7
    assert_eq!(b.missing_indicators, ["services"]);
    assert_eq!(b.missing_pillars, [Pillar::Economic]);
    assert_eq!(b.pillar(Pillar::Economic), None);
    assert!((b.overall.unwrap() - 0.125 / 0.7).abs() < TOL);
    assert!((b.coverage - 0.7).abs() < TOL);
    let c = result.get("C", "2026-Q3").unwrap();
    assert!((c.overall.unwrap() - (0.5 * 0.5 + 0.3 * 0.0 + 0.2 * 0.5)).abs() < TOL);
    // a non-finite value counts as missing
    let mut nan = data(0.0);
    nan[0].value = IndicatorValue::Survey { estimate: f64::NAN, se: 0.0 };
    let result = compute_index(&config("min-max", "arithmetic", false, FIXED), &nan, 3).unwrap();
    assert_eq!(result.get("A", "2026-Q3").unwrap().missing_indicators, ["feel_safe"]);
}

#[test]
fn min_coverage_withholds_the_rank() {
    let mut cfg = config("min-max", "arithmetic", false, FIXED);
    cfg.min_coverage = 0.8;
    let mut observations = data(0.0);
    observations.retain(|o| !(o.area == "B" && o.indicator == "services"));
    let result = compute_index(&cfg, &observations, 3).unwrap();
    let b = result.get("B", "2026-Q3").unwrap();
    assert!(b.overall.is_some() && b.rank.is_none() && b.rank_interval.is_none());
    let ranks: Vec<_> = result.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [Some(1.0), None, Some(2.0)]);
}

#[test]
fn periods_are_ranked_separately_on_one_scale() {
    let mut observations = data(0.0);
    for mut o in data(0.0) {
        o.period = "2026-Q4".into();
        if o.area == "C" && o.indicator == "referrals" {
            o.value = IndicatorValue::Accountability { value: 1.0 };
        }
        observations.push(o);
    }
    let result = compute_index(&config("min-max", "arithmetic", false, FIXED), &observations, 3).unwrap();
    assert_eq!(result.rows.len(), 6);
    assert_eq!(result.rows[0].period, "2026-Q3");
    for period in ["2026-Q3", "2026-Q4"] {
        let mut ranks: Vec<f64> = result.rows.iter().filter(|r| r.period == period).map(|r| r.rank.unwrap()).collect();
        ranks.sort_by(f64::total_cmp);
        assert_eq!(ranks, [1.0, 2.0, 3.0]);
    }
    // C improved on referrals: its score rises from Q3 to Q4
    assert!(result.get("C", "2026-Q4").unwrap().overall > result.get("C", "2026-Q3").unwrap().overall);
}

#[test]
fn bad_input_is_refused() {
    let cfg = config("min-max", "arithmetic", false, FIXED);
    let mut wrong = data(0.0);
    wrong[0].value = IndicatorValue::Accountability { value: 0.5 };
    assert!(matches!(compute_index(&cfg, &wrong, 0), Err(IndexError::KindMismatch { .. })));
    let mut dup = data(0.0);
    dup.push(dup[0].clone());
    assert!(matches!(compute_index(&cfg, &dup, 0), Err(IndexError::Duplicate { .. })));
    let mut unknown = data(0.0);
    unknown[0].indicator = "nope".into();
    assert!(matches!(compute_index(&cfg, &unknown, 0), Err(IndexError::UnknownIndicator(_))));
    let mut zero_pop = data(0.0);
    zero_pop[1].value = IndicatorValue::Rate { count: 1.0, population: 0.0 };
    assert!(matches!(compute_index(&cfg, &zero_pop, 0), Err(IndexError::BadValue { .. })));
    assert!(IndexConfig::from_toml("pillar_weights = { social = 1.0 }\nindicator = []").is_err());
    let no_weight = include_str!("../../fixtures/csi_example.toml").replace("cultural = 1.0\n", "");
    assert!(matches!(IndexConfig::from_toml(&no_weight), Err(IndexError::Config(_))));
}

#[test]
fn example_configuration_parses() {
    let cfg = IndexConfig::from_toml(include_str!("../../fixtures/csi_example.toml")).unwrap();
    assert_eq!(cfg.indicators.len(), 9);
    assert_eq!(cfg.uncertainty.draws, 1000);
    for pillar in Pillar::ALL {
        assert!(cfg.indicators.iter().any(|i| i.pillar == pillar), "{pillar:?}");
    }
}
