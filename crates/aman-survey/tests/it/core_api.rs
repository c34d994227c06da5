//! Design construction, domains and error cases of the core API.
#![allow(clippy::unwrap_used)]

use aman_survey::{Design, DomainDf, Domains, LonelyPsu, NO_DOMAIN, Options, SurveyError, mean, mean_by, proportion};

#[test]
fn psu_labels_are_nested_in_strata() {
    // PSU "1" in strata A and B are two PSUs (nest = TRUE).
    let d = Design::builder(6).strata(&["A", "A", "B", "B", "A", "B"]).psu(&[1, 2, 1, 2, 1, 1]).build().unwrap();
    assert_eq!((d.n_strata(), d.n_psu(), d.degf()), (2, 4, 2));
    let plain = Design::builder(3).build().unwrap();
    assert_eq!((plain.n_strata(), plain.n_psu(), plain.degf()), (1, 3, 2));
    assert_eq!(plain.weight(1), 1.0);
}

#[test]
fn bad_inputs_are_errors() {
    let e = Design::builder(3).weights(vec![1.0, -2.0, 1.0]).build().unwrap_err();
    assert_eq!(e, SurveyError::BadWeight { row: 1, value: -2.0 });
    let e = Design::builder(3).weights(vec![1.0, f64::NAN, 1.0]).build().unwrap_err();
    assert!(matches!(e, SurveyError::BadWeight { row: 1, .. }));
    let e = Design::builder(3).strata(&[1, 2]).build().unwrap_err();
    assert_eq!(e.to_string(), "strata has 2 entries but the design has 3 respondents");
    let d = Design::builder(3).build().unwrap();
    assert!(matches!(
        mean(&d, &[1.0, 2.0], &Options::default()),
        Err(SurveyError::LengthMismatch { what: "variable", .. })
    ));
    let e = Domains::from_codes(vec![0, 5], vec!["a".into()]).unwrap_err();
    assert!(matches!(e, SurveyError::BadDomainCode { row: 1, code: 5, .. }));
    assert!("sometimes".parse::<LonelyPsu>().is_err());
}

#[test]
fn lonely_stratum_fails_by_default() {
    let d = Design::builder(4).strata(&["x", "x", "lonely", "x"]).psu(&[1, 2, 1, 1]).build().unwrap();
    let y = [1.0, 2.0, 3.0, 4.0];
    let e = mean(&d, &y, &Options::default()).unwrap_err();
    assert!(e.to_string().starts_with("stratum \"lonely\" has only one PSU"), "{e}");
    let opts = Options { lonely_psu: LonelyPsu::Remove, min_n: 0, ..Options::default() };
    let est = mean(&d, &y, &opts).unwrap();
    assert_eq!(est.df, 1);
    assert_eq!(est.values.unwrap().estimate, 2.5);
}

#[test]
fn domains_keep_the_full_design() {
    // Unweighted, unstratified, 4 PSUs of one respondent; domain "a" = first two.
    let d = Design::builder(4).build().unwrap();
    let y = [1.0, 3.0, 10.0, 20.0];
    let domains = Domains::from_labels([Some("b"), Some("b"), Some("a"), None]);
    assert_eq!(domains.labels(), ["a", "b"]);
    assert_eq!(domains.codes(), [1, 1, 0, NO_DOMAIN]);
    let opts = Options { min_n: 0, ..Options::default() };
    let est = mean_by(&d, &y, &domains, &opts).unwrap();
    let b = est[1].values.unwrap();
    assert_eq!(b.estimate, 2.0);
    // z = (−1/2, 1/2, 0, 0): Var = 4/3 · Σ(z − 0)² = 2/3 (zeros outside the
    // domain count), not the subset's 2/1 · (1/4 + 1/4) = 1.
    assert!((b.se * b.se - 2.0 / 3.0).abs() < 1e-15);
    assert_eq!(est[1].df, 1);
    let full = Options { domain_df: DomainDf::FullDesign, ..opts };
    assert_eq!(mean_by(&d, &y, &domains, &full).unwrap()[1].df, 3);
    // Suppression: values withheld, n and df kept.
    let s = mean_by(&d, &y, &domains, &Options::default()).unwrap();
    assert!(s[1].is_suppressed() && s[1].n == 2 && s[1].df == 1);
}

#[test]
fn proportion_at_zero_has_no_logit_interval() {
    let d = Design::builder(3).build().unwrap();
    let opts = Options { min_n: 0, ..Options::default() };
    let v = proportion(&d, &[0.0, 0.0, 0.0], &opts).unwrap().values.unwrap();
    assert_eq!((v.estimate, v.se), (0.0, 0.0));
    assert!(v.ci_low.is_nan() && v.ci_high.is_nan());
}
