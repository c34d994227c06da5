//! Every number R computed in `fixtures/r_designs.csv` (see
//! `fixtures/make_designs.R`) is reproduced by [`crate::estimate_csv`]
//! from the exported `api` data with the case's command-line flags:
//! finite population corrections (one and two stages), totals, ratios,
//! quantiles, replicate weights of every type and design effects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use crate::{CsvError, EstimateArgs, RepType, estimate_csv};

const R_DESIGNS: &str = include_str!("../fixtures/r_designs.csv");

fn data(file: &str) -> &'static str {
    match file {
        "api_strat.csv" => include_str!("../fixtures/api_strat.csv"),
        "api_clus1.csv" => include_str!("../fixtures/api_clus1.csv"),
        "api_clus2.csv" => include_str!("../fixtures/api_clus2.csv"),
        "api_rep_jk1.csv" => include_str!("../fixtures/api_rep_jk1.csv"),
        "api_rep_jk1fpc.csv" => include_str!("../fixtures/api_rep_jk1fpc.csv"),
        "api_rep_jkn.csv" => include_str!("../fixtures/api_rep_jkn.csv"),
        "api_rep_brr.csv" => include_str!("../fixtures/api_rep_brr.csv"),
        "api_rep_fay.csv" => include_str!("../fixtures/api_rep_fay.csv"),
        "api_rep_bootstrap.csv" => include_str!("../fixtures/api_rep_bootstrap.csv"),
        other => panic!("unknown fixture {other}"),
    }
}

/// The command line's flags as [`EstimateArgs`] (what `aman` does with clap).
pub(crate) fn parse_flags(flags: &str) -> EstimateArgs {
    let words: Vec<&str> = flags.split_whitespace().collect();
    let var = words.iter().position(|&w| w == "--var").map(|k| words[k + 1]).expect("--var");
    let mut args = EstimateArgs { min_n: 0, deff: true, ..EstimateArgs::new(var) };
    let mut k = 0;
    while k < words.len() {
        let value = || words.get(k + 1).map(|s| s.to_string()).expect("a value");
        let number = || value().parse::<f64>().expect("a number");
        let mut takes_value = true;
        match words[k] {
            "--var" => {}
            "--weight" => args.weight = Some(value()),
            "--strata" => args.strata = Some(value()),
            "--psu" => args.psu = Some(value()),
            "--by" => args.by = Some(value()),
            "--fpc" => args.fpc = Some(value()),
            "--ssu" => args.ssu = Some(value()),
            "--fpc2" => args.fpc2 = Some(value()),
            "--proportion" => args.proportion = Some(value()),
            "--ratio-to" => args.ratio_to = Some(value()),
            "--quantile" => args.quantile = Some(number()),
            "--repweights" => args.repweights = Some(value()),
            "--rep-type" => args.rep_type = Some(value().parse::<RepType>().unwrap()),
            "--rho" => args.rho = Some(number()),
            "--rep-scale" => args.rep_scale = Some(number()),
            "--total" => {
                args.total = true;
                takes_value = false;
            }
            other => panic!("unknown flag {other}"),
        }
        k += if takes_value { 2 } else { 1 };
    }
    args
}

fn parse_r(text: &str) -> f64 {
    if text == "NA" { f64::NAN } else { text.parse().unwrap() }
}

/// Relative difference (absolute below 1); NaN only matches NaN.
fn rel(ours: f64, r: f64) -> f64 {
    if ours.is_nan() || r.is_nan() {
        return if ours.is_nan() && r.is_nan() { 0.0 } else { f64::INFINITY };
    }
    (ours - r).abs() / r.abs().max(1.0)
}

/// Per case: the largest relative difference of estimates and SEs, and of
/// CI ends and design effects.
fn compare_all() -> BTreeMap<String, (f64, f64)> {
    let mut reader = ::csv::Reader::from_reader(R_DESIGNS.as_bytes());
    let mut by_run: BTreeMap<(String, String), Vec<::csv::StringRecord>> = BTreeMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        by_run.entry((r[1].to_string(), r[2].to_string())).or_default().push(r);
    }
    let mut worst: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for ((file, flags), rows) in &by_run {
        let out = estimate_csv(data(file), &parse_flags(flags)).unwrap_or_else(|e| panic!("{flags}: {e}"));
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("domain,n,estimate,se,ci_low,ci_high,df,deff"));
        let ours: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert_eq!(ours.len(), rows.len(), "{flags}: {out}");
        for (mine, r) in ours.iter().zip(rows) {
            let what = format!("{} [{flags}] domain {}", &r[0], &r[3]);
            assert_eq!(mine[0], &r[3], "{what}");
            assert_eq!(mine[1], &r[4], "n of {what}");
            assert_eq!(mine[6], &r[9], "df of {what}");
            let w = worst.entry(r[0].to_string()).or_default();
            for (k, name) in [(2, "estimate"), (3, "se"), (4, "ci_low"), (5, "ci_high"), (7, "deff")] {
                let (a, mut b) = (parse_r(mine[k]), parse_r(&r[k + 3]));
                // Proportions: svyciprop's glm stops early (up to ~1e-8
                // away); compare with it iterated to convergence.
                let converged = r.get(k + 7).map_or(f64::NAN, parse_r);
                if (k == 4 || k == 5) && !converged.is_nan() {
                    assert!(rel(a, b) <= 1e-7, "unconverged {name} of {what}: ours {a:.17e}, R {b:.17e}");
                    b = converged;
                }
                let e = rel(a, b);
                assert!(e <= 1e-9, "{name} of {what}: ours {a:.17e}, R {b:.17e}");
                if k <= 3 { w.0 = w.0.max(e) } else { w.1 = w.1.max(e) }
            }
        }
    }
    worst
}

#[test]
fn estimates_match_r_survey_on_the_api_designs() {
    let worst = compare_all();
    for needed in
        ["strat mean", "clus1 total", "clus2 quantile:0.5", "jkn ratio:api99", "fay prop:Yes", "bootstrap total"]
    {
        assert!(worst.contains_key(needed), "case {needed} compared");
    }
    for (case, (est, ci)) in &worst {
        println!("{case:<28} estimate/se {est:.1e}  ci/deff {ci:.1e}");
    }
}

#[test]
fn zero_and_negative_weights_are_errors_naming_the_column() {
    let text = "y,w,r1,r2\n1,0,1,1\n2,0,1,1\n";
    let args = EstimateArgs { weight: Some("w".into()), ..EstimateArgs::new("y") };
    assert_eq!(estimate_csv(text, &args), Err(CsvError::ZeroWeights { column: "w".into() }));
    let text = "y,w,r1,r2\n1,1,1,0\n2,1,1,0\n";
    let reps = EstimateArgs {
        weight: Some("w".into()),
        repweights: Some("r".into()),
        rep_type: Some(RepType::Jk1),
        ..EstimateArgs::new("y")
    };
    assert_eq!(estimate_csv(text, &reps), Err(CsvError::ZeroWeights { column: "r2".into() }));
    let text = "y,w,r1,r2\n1,1,1,1\n2,1,-1,1\n";
    let err = estimate_csv(text, &reps).unwrap_err();
    assert!(matches!(&err, CsvError::NegativeWeight { line: 3, column, .. } if column == "r1"), "{err}");
}

#[test]
fn conflicting_options_are_refused() {
    let text = include_str!("../fixtures/api_strat.csv");
    let base = || EstimateArgs { weight: Some("pw".into()), ..EstimateArgs::new("api00") };
    let refused = [
        EstimateArgs { total: true, quantile: Some(0.5), ..base() },
        EstimateArgs { repweights: Some("rep".into()), ..base() },
        EstimateArgs { ssu: Some("snum".into()), psu: Some("vpsu".into()), ..base() },
        EstimateArgs { rho: Some(0.5), ..base() },
        EstimateArgs {
            repweights: Some("rep".into()),
            rep_type: Some(RepType::Jk1),
            strata: Some("stype".into()),
            ..base()
        },
    ];
    for args in refused {
        assert!(matches!(estimate_csv(text, &args), Err(CsvError::Options(_))), "{args:?}");
    }
    let bad_p = EstimateArgs { quantile: Some(1.5), ..base() };
    assert!(matches!(estimate_csv(text, &bad_p), Err(CsvError::Survey(crate::SurveyError::BadProbability(_)))));
    let no_reps = EstimateArgs { repweights: Some("zzz".into()), rep_type: Some(RepType::Brr), ..base() };
    assert!(matches!(estimate_csv(text, &no_reps), Err(CsvError::MissingColumn { .. })));
}
