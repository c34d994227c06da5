//! `estimate_csv` end to end on `fixtures/responses.csv`.
#![allow(clippy::unwrap_used)]

use crate::common::{TOL, err};
use aman_survey::{CsvError, EstimateArgs, LonelyPsu, estimate_csv};

fn args(var: &str) -> EstimateArgs {
    EstimateArgs {
        weight: Some("w".into()),
        strata: Some("stratum".into()),
        psu: Some("psu".into()),
        min_n: 0,
        ..EstimateArgs::new(var)
    }
}

/// Output rows as (domain, fields).
fn parse(out: &str) -> Vec<Vec<String>> {
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("domain,n,estimate,se,ci_low,ci_high,df"));
    lines.map(|l| l.split(',').map(str::to_string).collect()).collect()
}

/// Compares the output with R's rows for (design, lonely, stat).
fn check(out: &str, design: &str, lonely: &str, stat: &str, domains: &[&str]) {
    let r = crate::common::r_estimates();
    let rows = parse(out);
    assert_eq!(rows.len(), domains.len());
    for (row, domain) in rows.iter().zip(domains) {
        assert_eq!(&row[0], domain);
        let expected = r
            .iter()
            .find(|x| x.design == design && x.lonely == lonely && x.stat == stat && &x.domain == domain)
            .unwrap();
        assert_eq!(row[1], expected.n.to_string());
        assert_eq!(row[6], expected.df.to_string());
        for (i, want) in [expected.estimate, expected.se, expected.ci_low, expected.ci_high].into_iter().enumerate() {
            let got: f64 = row[2 + i].parse().unwrap();
            assert!(err(got, want) <= TOL, "{design} {stat} {domain} col {}: {got} vs {want}", 2 + i);
        }
    }
}

const STATUS: [&str; 4] = ["host", "idp", "resident", "returnee"];

fn strict_input() -> String {
    crate::common::fixture("responses.csv")
        .lines()
        .filter(|l| !l.contains("\"S7\""))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn mean_by_domain_with_each_lonely_rule() {
    let input = crate::common::fixture("responses.csv");
    for (rule, name) in [
        (LonelyPsu::Remove, "remove"),
        (LonelyPsu::Certainty, "certainty"),
        (LonelyPsu::Adjust, "adjust"),
        (LonelyPsu::Average, "average"),
    ] {
        let a = EstimateArgs { by: Some("status".into()), lonely_psu: rule, ..args("score") };
        check(&estimate_csv(&input, &a).unwrap(), "full", name, "mean", &STATUS);
        let all = EstimateArgs { by: None, ..a };
        check(&estimate_csv(&input, &all).unwrap(), "full", name, "mean", &["all"]);
    }
}

#[test]
fn proportions_and_degenerate_designs() {
    let input = crate::common::fixture("responses.csv");
    let strict = strict_input();
    for value in ["yes", "unsure"] {
        let stat = format!("prop:{value}");
        let by = |a: EstimateArgs| EstimateArgs { proportion: Some(value.into()), by: Some("status".into()), ..a };
        let out = estimate_csv(&strict, &by(args("trust"))).unwrap();
        check(&out, "strict", "fail", &stat, &STATUS);
        let nostrata = EstimateArgs { strata: None, psu: Some("cluster".into()), ..args("trust") };
        check(&estimate_csv(&input, &by(nostrata)).unwrap(), "nostrata", "fail", &stat, &STATUS);
        let nopsu = EstimateArgs { psu: None, ..args("trust") };
        check(&estimate_csv(&input, &by(nopsu)).unwrap(), "nopsu", "fail", &stat, &STATUS);
        let noweights = EstimateArgs { weight: None, ..args("trust") };
        check(&estimate_csv(&strict, &by(noweights)).unwrap(), "noweights", "fail", &stat, &STATUS);
        let srs = EstimateArgs { min_n: 0, ..EstimateArgs::new("trust") };
        check(&estimate_csv(&input, &by(srs)).unwrap(), "srs", "fail", &stat, &STATUS);
    }
}

#[test]
fn small_domains_are_suppressed_by_default() {
    let a = EstimateArgs { by: Some("status".into()), min_n: 30, ..args("score") };
    let out = estimate_csv(&strict_input(), &a).unwrap();
    let rows = parse(&out);
    // returnee has 28 respondents with a score: values withheld, n and df kept.
    assert_eq!(rows[3], ["returnee", "28", "", "", "", "", "12"]);
    assert!(rows[2][2].parse::<f64>().is_ok());
    assert_eq!(EstimateArgs::new("x").min_n, 30);
}

#[test]
fn lonely_psu_without_a_rule_names_the_stratum() {
    let input = crate::common::fixture("responses.csv");
    let e = estimate_csv(&input, &args("score")).unwrap_err();
    assert_eq!(e, CsvError::LonelyPsu { column: "stratum".into(), stratum: "S7".into(), domain: None });
    assert_eq!(
        e.to_string(),
        "stratum \"S7\" (column \"stratum\") has only one PSU; choose a lonely-PSU rule \
         (remove, certainty, adjust or average)"
    );
    let by = EstimateArgs { by: Some("status".into()), ..args("score") };
    let e = estimate_csv(&input, &by).unwrap_err().to_string();
    assert!(e.contains("S7") && e.contains("estimating domain"), "{e}");
}

/// The fixture with field `col` of data line `line` (header = line 1) replaced.
fn edit(line: usize, col: usize, value: &str) -> String {
    let text = strict_input();
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        if i + 1 == line {
            let mut fields: Vec<&str> = l.split(',').collect();
            fields[col] = value;
            out.push_str(&fields.join(","));
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

#[test]
fn bad_input_is_reported_with_column_and_line() {
    let input = strict_input();
    let missing = EstimateArgs { weight: Some("weight".into()), ..args("score") };
    let e = estimate_csv(&input, &missing).unwrap_err().to_string();
    assert!(e.starts_with("column \"weight\" (--weight) not found; the header has: id,stratum"), "{e}");
    let e = estimate_csv(&input, &args("safety")).unwrap_err().to_string();
    assert!(e.contains("column \"safety\" (--var) not found"), "{e}");

    let e = estimate_csv(&edit(5, 4, "abc"), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 5, column \"w\": \"abc\" is not a finite number");
    let e = estimate_csv(&edit(7, 4, "-3.5"), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 7, column \"w\": weight -3.5 is negative");
    let e = estimate_csv(&edit(3, 4, ""), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 3, column \"w\": value is missing");
    let e = estimate_csv(&edit(4, 1, ""), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 4, column \"stratum\": value is missing");
    let e = estimate_csv(&edit(9, 5, "high"), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 9, column \"score\": \"high\" is not a finite number");
    // A categorical variable needs --proportion.
    let e = estimate_csv(&input, &args("trust")).unwrap_err().to_string();
    assert!(e.starts_with("line 2, column \"trust\":") && e.ends_with("is not a finite number"), "{e}");
    // A row with a missing field.
    let e = estimate_csv(&edit(6, 7, "idp\n1,2"), &args("score")).unwrap_err();
    assert!(matches!(e, CsvError::Malformed { line: 7, .. }), "{e}");
    assert_eq!(estimate_csv("", &args("score")).unwrap_err(), CsvError::Empty);
}

#[test]
fn output_edge_cases() {
    // Empty domain labels belong to no domain; labels are sorted; zero
    // weights are allowed; proportions match numerically ("1" == "1.0").
    let input = "v,g,w\n1,b,1\n0,a,2\n1.0,,0\n1,a,1\nNA,b,3\n0,b,1\n";
    let a = EstimateArgs {
        proportion: Some("1".into()),
        by: Some("g".into()),
        weight: Some("w".into()),
        min_n: 0,
        ..EstimateArgs::new("v")
    };
    let rows = parse(&estimate_csv(input, &a).unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "a");
    assert_eq!(rows[0][2], (1.0f64 / 3.0).to_string());
    assert_eq!(rows[1][0], "b");
    assert_eq!(rows[1][1], "2");
    assert_eq!(rows[1][2], "0.5");
    // df counts the respondent whose value is missing, as R's
    // degf(subset(design, g == "b")) = 2; R's svyciprop gives
    // (0.001272319, 0.9987277) for b.
    assert_eq!(rows[1][6], "2");
    let lo: f64 = rows[1][4].parse().unwrap();
    let hi: f64 = rows[1][5].parse().unwrap();
    assert!((lo - 0.001272319).abs() < 1e-9 && (hi - 0.9987277).abs() < 1e-7, "{lo} {hi}");
}

#[test]
fn lines_are_physical_with_crlf_and_blank_lines() {
    // As Excel saves it: CRLF, and here a blank line after the header; the
    // bad weight is on line 6 of the file (csv's own count would say 4).
    let lf = edit(5, 4, "abc");
    let mut text = lf.lines().map(|l| format!("{l}\r\n")).collect::<Vec<_>>();
    text.insert(1, "\r\n".to_owned());
    let e = estimate_csv(&text.concat(), &args("score")).unwrap_err();
    assert_eq!(e.to_string(), "line 6, column \"w\": \"abc\" is not a finite number");
    let e = estimate_csv(&edit(6, 7, "idp\n1,2").replace('\n', "\r\n"), &args("score")).unwrap_err();
    assert!(matches!(e, CsvError::Malformed { line: 7, .. }), "{e}");
}
