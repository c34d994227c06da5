//! The real Kirkuk poll (data/surveys/kirkuk, wave 1) through the adapter and
//! the estimator, against R's `survey` (fixtures/kirkuk.R → r_kirkuk.csv).
//! The poll has no weights, strata or clusters, so the design is unweighted
//! with each respondent as their own PSU (R: `svydesign(ids = ~1)`).
#![allow(clippy::unwrap_used)]

use aman_survey::kirkuk::{Ethnicity, KirkukRespondent, Sex, parse_wave1, scores, to_csv, trusts};
use aman_survey::{Design, Domains, Estimate, EstimateArgs, Options, Statistic, estimate_csv, estimate_domains};

const WAVE1: &str = include_str!("../../../../data/surveys/kirkuk/sheet_1.csv");
const R_KIRKUK: &str = include_str!("../../fixtures/r_kirkuk.csv");

/// Scaled error |a − b| / max(1, |b|): 1e-9 absolute for proportions and
/// SEs, relative for the 0–10 means.
fn err(ours: f64, r: f64) -> f64 {
    (ours - r).abs() / r.abs().max(1.0)
}

fn variable(rows: &[KirkukRespondent], var: &str) -> Vec<Option<f64>> {
    rows.iter()
        .map(|r| match var {
            "trust_arabs" => r.trust_arabs,
            "trust_kurds" => r.trust_kurds,
            "trust_turkmen" => r.trust_turkmen,
            "trust_police" => r.trust_police,
            other => panic!("no variable {other}"),
        })
        .collect()
}

#[test]
fn the_wide_table_becomes_respondent_rows() {
    let rows = parse_wave1(WAVE1).unwrap();
    assert_eq!(rows.len(), 177);
    let count = |e: Option<Ethnicity>| rows.iter().filter(|r| r.ethnicity == e).count();
    assert_eq!(
        [Some(Ethnicity::Kurd), Some(Ethnicity::Arab), Some(Ethnicity::Turkman), Some(Ethnicity::Other), None]
            .map(count),
        [66, 57, 46, 2, 6]
    );
    assert_eq!(rows.iter().filter(|r| r.sex == Some(Sex::Female)).count(), 100);
    assert_eq!(rows.iter().filter(|r| r.sex == Some(Sex::Male)).count(), 75);
    let ages: Vec<f64> = rows.iter().filter_map(|r| r.age).collect();
    assert_eq!(ages.len(), 172);
    assert!(ages.iter().all(|a| (17.0..=28.0).contains(a)));
    // 99 = don't know and blanks are missing: 29 + 6 of trust in Arabs
    assert_eq!(rows.iter().filter(|r| r.trust_arabs.is_none()).count(), 35);
    assert_eq!(rows[0].id, 1);
    assert_eq!(rows[0].trust_kurds, Some(5.0));
}

#[test]
fn trust_by_ethnicity_matches_r_survey() {
    let rows = parse_wave1(WAVE1).unwrap();
    let design = Design::builder(rows.len()).build().unwrap();
    let by_group = Domains::from_labels(rows.iter().map(|r| r.ethnicity.map(Ethnicity::as_str)));
    assert_eq!(by_group.labels(), ["Arab", "Kurd", "Other", "Turkman"]);
    let opts = Options::default();
    let mut reader = csv::Reader::from_reader(R_KIRKUK.as_bytes());
    let (mut compared, mut worst) = (0, 0.0f64);
    for record in reader.records() {
        let r = record.unwrap();
        let num = |k: usize| r[k].parse::<f64>().unwrap();
        let (var, stat, domain) = (&r[0], &r[1], &r[2]);
        let values = variable(&rows, var);
        let (y, statistic) = match stat {
            "mean" => (scores(values), Statistic::Mean),
            _ => (trusts(values, 6.0), Statistic::Proportion),
        };
        let estimates = if domain == "all" {
            estimate_domains(&design, &y, &Domains::whole(rows.len()), statistic, &opts).unwrap()
        } else {
            let all = estimate_domains(&design, &y, &by_group, statistic, &opts).unwrap();
            // "Other" (2 respondents) is withheld under the minimum of 30
            assert!(all[2].is_suppressed());
            all
        };
        let k = by_group.labels().iter().position(|l| l == domain).unwrap_or(0);
        let ours: &Estimate = &estimates[k];
        let what = format!("{var} {stat} {domain}");
        assert_eq!(ours.n, num(3) as usize, "n of {what}");
        assert_eq!(ours.df, num(8) as usize, "df of {what}");
        let v = ours.values.unwrap();
        for (name, a, b) in
            [("estimate", v.estimate, 4), ("se", v.se, 5), ("ci_low", v.ci_low, 6), ("ci_high", v.ci_high, 7)]
        {
            // svyciprop stops its glm at a relative deviance change of 1e-8,
            // which moves its proportions and CI limits by up to ~2e-9 here;
            // they are checked to 1e-12 against the converged glm below.
            let tol = if stat == "prop" && name != "se" { 1e-8 } else { 1e-9 };
            let e = err(a, num(b));
            assert!(e <= tol, "{name} of {what}: ours {a:.17e}, R {:.17e}", num(b));
            worst = worst.max(e);
            compared += 1;
        }
        if stat == "prop" {
            for (name, a, b) in [("estimate", v.estimate, 9), ("ci_low", v.ci_low, 10), ("ci_high", v.ci_high, 11)] {
                assert!(err(a, num(b)) <= 1e-12, "converged {name} of {what}: ours {a:.17e}, R {:.17e}", num(b));
            }
        }
    }
    assert_eq!(compared, 32 * 4);
    eprintln!("Kirkuk: compared {compared} numbers with R survey, max scaled error {worst:.2e}");
}

#[test]
fn the_tidy_csv_feeds_the_command_line_estimator() {
    let rows = parse_wave1(WAVE1).unwrap();
    let tidy = to_csv(&rows);
    let mut tidy_lines = tidy.lines();
    assert_eq!(
        tidy_lines.next(),
        Some(
            "id,age,sex,ethnicity,trust_arabs,trust_kurds,trust_turkmen,trust_council,trust_judiciary,trust_police,trust_army"
        )
    );
    assert_eq!(tidy_lines.count(), rows.len());
    assert!(!tidy.contains('"'), "nothing needs quoting");
    let mut args = EstimateArgs::new("trust_police");
    args.by = Some("ethnicity".into());
    let out = estimate_csv(&tidy, &args).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "domain,n,estimate,se,ci_low,ci_high,df");
    assert_eq!(lines.len(), 5);
    // the same Arab mean as the core API
    let design = Design::builder(rows.len()).build().unwrap();
    let by_group = Domains::from_labels(rows.iter().map(|r| r.ethnicity.map(Ethnicity::as_str)));
    let y = scores(rows.iter().map(|r| r.trust_police));
    let core = estimate_domains(&design, &y, &by_group, Statistic::Mean, &Options::default()).unwrap();
    let arab: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(arab[0], "Arab");
    assert!((arab[2].parse::<f64>().unwrap() - core[0].values.unwrap().estimate).abs() < 1e-12);
}
