//! Every number R computed in `fixtures/r_estimates.csv` is reproduced.
#![allow(clippy::unwrap_used)]

use crate::common::{RRow, Respondent, TOL, TOL_CONVERGED, err};
use aman_survey::{Design, Domains, Estimate, LonelyPsu, NO_DOMAIN, Options, Statistic, SurveyError, estimate_domains};

/// The design called `name` in make_fixtures.R, and its respondents.
fn design(name: &str, all: &[Respondent]) -> (Design, Vec<Respondent>) {
    let rows: Vec<Respondent> = match name {
        "strict" | "noweights" => all.iter().filter(|r| r.stratum != "S7").cloned().collect(),
        _ => all.to_vec(),
    };
    let strata: Vec<&str> = rows.iter().map(|r| r.stratum.as_str()).collect();
    let psu: Vec<&str> = rows.iter().map(|r| r.psu.as_str()).collect();
    let cluster: Vec<&str> = rows.iter().map(|r| r.cluster.as_str()).collect();
    let w: Vec<f64> = rows.iter().map(|r| r.w).collect();
    let b = Design::builder(rows.len());
    let b = match name {
        "full" | "strict" => b.weights(w).strata(&strata).psu(&psu),
        "nostrata" => b.weights(w).psu(&cluster),
        "nopsu" => b.weights(w).strata(&strata),
        "noweights" => b.strata(&strata).psu(&psu),
        "srs" => b,
        other => panic!("unknown design {other}"),
    };
    (b.build().unwrap(), rows)
}

fn variable(stat: &str, rows: &[Respondent]) -> (Vec<f64>, Statistic) {
    match stat.strip_prefix("prop:") {
        None => (rows.iter().map(|r| r.score).collect(), Statistic::Mean),
        Some(value) => (
            rows.iter()
                .map(|r| match &r.trust {
                    None => f64::NAN,
                    Some(t) => f64::from(u8::from(t == value)),
                })
                .collect(),
            Statistic::Proportion,
        ),
    }
}

fn options(lonely: &str) -> Options {
    Options { lonely_psu: lonely.parse().unwrap(), min_n: 0, ..Options::default() }
}

/// Domains holding only `domain` (or everyone for "all").
fn one_domain(domain: &str, rows: &[Respondent]) -> Domains {
    if domain == "all" {
        return Domains::whole(rows.len());
    }
    let codes = rows.iter().map(|r| if r.status == domain { 0 } else { NO_DOMAIN }).collect();
    Domains::from_codes(codes, vec![domain.to_string()]).unwrap()
}

#[derive(Default)]
struct Worst {
    abs: f64,
    scaled: f64,
    compared: usize,
    converged: f64,
    /// Means, their CIs and all SEs (no glm involved in R).
    direct: f64,
}

fn compare(ours: &Estimate, r: &RRow, worst: &mut Worst) {
    let what = format!("{} {} {} {}", r.design, r.lonely, r.stat, r.domain);
    assert_eq!(ours.n, r.n, "n of {what}");
    assert_eq!(ours.df, r.df, "df of {what}");
    let v = ours.values.expect("not suppressed with min_n = 0");
    for (name, a, b) in [
        ("estimate", v.estimate, r.estimate),
        ("se", v.se, r.se),
        ("ci_low", v.ci_low, r.ci_low),
        ("ci_high", v.ci_high, r.ci_high),
    ] {
        let e = err(a, b);
        assert!(e <= TOL, "{name} of {what}: ours {a:.17e}, R {b:.17e}");
        worst.abs = worst.abs.max((a - b).abs());
        worst.scaled = worst.scaled.max(e);
        worst.compared += 1;
        if name == "se" || !r.stat.starts_with("prop:") {
            worst.direct = worst.direct.max(e);
        }
    }
    if r.stat.starts_with("prop:") {
        for (name, a, b) in [
            ("estimate", v.estimate, r.conv_estimate),
            ("ci_low", v.ci_low, r.conv_ci_low),
            ("ci_high", v.ci_high, r.conv_ci_high),
        ] {
            let e = err(a, b);
            assert!(e <= TOL_CONVERGED, "converged {name} of {what}: ours {a:.17e}, R {b:.17e}");
            worst.converged = worst.converged.max(e);
        }
    }
}

#[test]
fn every_r_estimate_is_matched_one_domain_at_a_time() {
    let all = crate::common::respondents();
    let rows = crate::common::r_estimates();
    assert_eq!(rows.len(), 150);
    let mut worst = Worst::default();
    let mut errors = 0;
    for r in &rows {
        let (design, resp) = design(&r.design, &all);
        let (y, stat) = variable(&r.stat, &resp);
        let domains = one_domain(&r.domain, &resp);
        let result = estimate_domains(&design, &y, &domains, stat, &options(&r.lonely));
        if r.error.is_empty() {
            compare(&result.unwrap()[0], r, &mut worst);
        } else {
            assert_eq!(r.error, "Stratum (S7) has only one PSU at stage 1");
            assert_eq!(
                result.unwrap_err(),
                SurveyError::LonelyPsu { stratum: "S7".to_string(), domain: Some(r.domain.clone()) }
            );
            errors += 1;
        }
    }
    assert_eq!(errors, 12);
    assert_eq!(worst.compared, (150 - 12) * 4);
    eprintln!(
        "compared {} numbers with R: max |diff| {:.3e}, max |diff|/max(1,|R|) {:.3e}; \
         vs converged svyciprop glm: {:.3e}; means/SEs: {:.3e}",
        worst.compared, worst.abs, worst.scaled, worst.converged, worst.direct
    );
}

#[test]
fn all_domains_at_once_match_r() {
    let all = crate::common::respondents();
    let rows = crate::common::r_estimates();
    let mut worst = Worst::default();
    for r in rows.iter().filter(|r| r.domain == "all" && r.error.is_empty()) {
        let (design, resp) = design(&r.design, &all);
        let (y, stat) = variable(&r.stat, &resp);
        let domains = Domains::from_labels(resp.iter().map(|r| Some(r.status.as_str())));
        assert_eq!(domains.labels(), ["host", "idp", "resident", "returnee"]);
        let ours = estimate_domains(&design, &y, &domains, stat, &options(&r.lonely)).unwrap();
        for (label, est) in domains.labels().iter().zip(&ours) {
            let expected = rows
                .iter()
                .find(|x| x.design == r.design && x.lonely == r.lonely && x.stat == r.stat && &x.domain == label)
                .unwrap();
            compare(est, expected, &mut worst);
        }
    }
    assert_eq!(worst.compared, 27 * 4 * 4);
}

#[test]
fn fail_errors_only_for_domains_touching_the_lonely_stratum() {
    let all = crate::common::respondents();
    let (design, resp) = design("full", &all);
    let (y, stat) = variable("mean", &resp);
    let domains = Domains::from_labels(resp.iter().map(|r| Some(r.status.as_str())));
    let err = estimate_domains(&design, &y, &domains, stat, &options("fail")).unwrap_err();
    assert!(matches!(err, SurveyError::LonelyPsu { ref stratum, .. } if stratum == "S7"));
    assert!(err.to_string().contains("stratum \"S7\" has only one PSU"), "{err}");
    // host has nobody in S7: R estimates it even under "fail".
    let host = one_domain("host", &resp);
    assert!(estimate_domains(&design, &y, &host, stat, &options("fail")).is_ok());
    // Certainty and remove agree for a one-stage design, as in R.
    let remove = estimate_domains(&design, &y, &domains, stat, &options("remove")).unwrap();
    let certainty = estimate_domains(&design, &y, &domains, stat, &options("certainty")).unwrap();
    assert_eq!(remove, certainty);
    assert_eq!("adjust".parse::<LonelyPsu>(), Ok(LonelyPsu::Adjust));
}

#[test]
fn student_t_quantiles_match_r_qt() {
    let mut worst: f64 = 0.0;
    for (file, level) in [("r_qt.csv", 0.95), ("r_qt90.csv", 0.90)] {
        let text = crate::common::fixture(file);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for r in reader.records() {
            let r = r.unwrap();
            let df: f64 = r[0].parse().unwrap();
            let q: f64 = r[2].parse().unwrap();
            let ours = aman_survey::qt(0.5 + level / 2.0, df);
            let rel = ((ours - q) / q).abs();
            assert!(rel < 1e-12, "qt df={df}: ours {ours:.17e}, R {q:.17e}");
            worst = worst.max(rel);
        }
    }
    eprintln!("qt: max relative difference from R {worst:.3e}");
    assert!(aman_survey::qt(0.975, 0.0).is_nan());
}
