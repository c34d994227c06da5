//! The analyst commands `aman alerts detect` and `aman survey estimate`:
//! run as a user would, on the fixtures the pure crates check against R, so
//! that the command's default flags are shown to be R's defaults.

use crate::cli::aman;
use std::collections::BTreeMap;
use tempfile::TempDir;

fn fixture(path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Splits a CSV line whose fields hold no commas, dropping quotes.
fn fields(line: &str) -> Vec<String> {
    line.split(',').map(|f| f.trim_matches('"').to_owned()).collect()
}

/// The weekly fixture series `name` as `series,date,count`, weeks from 2019-01-07.
fn weekly_input(name: &str) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 7).expect("date");
    let mut out = String::from("series,date,count\n");
    for row in fixture("aman-detect/fixtures/series.csv").lines().skip(1).map(fields) {
        if row[0] == name {
            let t: u64 = row[2].parse().expect("t");
            out.push_str(&format!("{name},{},{}\n", start + chrono::Days::new(7 * (t - 1)), row[3]));
        }
    }
    out
}

fn run(dir: &TempDir, input: &str, args: &[&str]) -> std::process::Output {
    let path = dir.path().join("input.csv");
    std::fs::write(&path, input).expect("input");
    let path = path.display().to_string();
    let mut all = vec![args[0], args[1], "--input", &path];
    all.extend_from_slice(&args[2..]);
    aman(&all, None)
}

/// `t` (1-based) → (threshold, alarm) from the command's output.
fn thresholds(output: &str) -> BTreeMap<usize, (Option<f64>, String)> {
    let mut lines = output.lines();
    assert_eq!(lines.next(), Some("series,date,count,expected,threshold,score,alarm"));
    lines.map(fields).enumerate().map(|(i, row)| (i + 1, (row[4].parse().ok(), row[6].clone()))).collect()
}

fn assert_matches_r(ours: &BTreeMap<usize, (Option<f64>, String)>, r_rows: Vec<Vec<String>>, threshold_column: usize) {
    assert!(r_rows.len() > 100, "enough points compared");
    for row in r_rows {
        let t: usize = row[2].parse().expect("t");
        let (threshold, alarm) = &ours[&t];
        assert_eq!(alarm, &row[row.len() - 1], "alarm at t={t}");
        match (threshold, row[threshold_column].parse::<f64>()) {
            (Some(ours), Ok(r)) => assert!((ours - r).abs() <= 1e-6 * r.abs().max(1.0), "t={t}: {ours} vs R {r}"),
            (None, Err(_)) => {}
            (ours, r) => panic!("t={t}: threshold {ours:?} vs R {r:?}"),
        }
    }
}

#[test]
fn alerts_detect_with_default_flags_equals_r() {
    let dir = TempDir::new().expect("dir");
    let output = run(&dir, &weekly_input("seasonal"), &["alerts", "detect", "--method", "farrington"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let ours = thresholds(&String::from_utf8_lossy(&output.stdout));
    let r: Vec<Vec<String>> = fixture("aman-detect/fixtures/r_farrington.csv")
        .lines()
        .map(fields)
        .filter(|row| row[0] == "seasonal" && row[1] == "default")
        .collect();
    assert_matches_r(&ours, r, 4);

    let out_file = dir.path().join("alerts.csv");
    let output = run(
        &dir,
        &weekly_input("sparse"),
        &["alerts", "detect", "--method", "ears-c1", "--output", &out_file.display().to_string()],
    );
    assert!(output.status.success() && output.stdout.is_empty());
    let ours = thresholds(&std::fs::read_to_string(&out_file).expect("output file"));
    let r = fixture("aman-detect/fixtures/r_ears.csv")
        .lines()
        .map(fields)
        .filter(|row| row[0] == "sparse" && row[1] == "C1")
        .collect();
    assert_matches_r(&ours, r, 3);
}

#[test]
fn alerts_detect_names_the_bad_line() {
    let dir = TempDir::new().expect("dir");
    let input = "series,date,count\na,2026-01-05,3\na,2026-01-12,-1\n";
    let output = run(&dir, input, &["alerts", "detect", "--method", "cusum"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    let output = run(&dir, "series,day,count\n", &["alerts", "detect", "--method", "cusum"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("date"), "missing column named");
    let input = "series,date,count\na,2026-01-05,3\na,2026-01-12,99999999999999999999\n";
    let output = run(&dir, input, &["alerts", "detect", "--method", "cusum"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("`99999999999999999999` is too large"), "{stderr}");
}

/// Two years of weekly counts, as `series,date,count`, for series `name`.
fn two_years(name: &str) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    (0..104u64).map(|t| format!("\"{name}\",{},{}\n", start + chrono::Days::new(7 * t), t % 3)).collect()
}

#[test]
fn alerts_detect_says_which_series_lack_history() {
    let dir = TempDir::new().expect("dir");
    // Farrington with b = 5 needs 5 years and 4 weeks: nothing can be evaluated.
    let input = format!("series,date,count\n{}", two_years("Basra, tribal"));
    let output = run(&dir, &input, &["alerts", "detect", "--method", "farrington"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "nothing evaluated is a failure");
    assert!(stderr.contains("series `Basra, tribal` has 104 week(s)") && stderr.contains("at least 264"), "{stderr}");
    // With b = 1 the same series is evaluated (from week 56 on).
    let output = run(&dir, &input, &["alerts", "detect", "--method", "farrington", "--b", "1"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().filter(|l| l.ends_with(",false") || l.ends_with(",true")).count(), 104 - 55);
    // One long series and one short: results for the long one, a warning for the short one.
    let long: String = {
        let start = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).expect("date");
        (0..300u64).map(|t| format!("Long,{},{}\n", start + chrono::Days::new(7 * t), t % 4)).collect()
    };
    let output = run(&dir, &format!("{input}{long}"), &["alerts", "detect", "--method", "farrington"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("warning: series `Basra, tribal`") && !stderr.contains("`Long`"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).lines().any(|l| l.starts_with("Long,") && l.ends_with(",false")));
}

#[test]
fn survey_estimate_equals_r_by_domain() {
    let dir = TempDir::new().expect("dir");
    let args = [
        "survey",
        "estimate",
        "--var",
        "score",
        "--weight",
        "w",
        "--strata",
        "stratum",
        "--psu",
        "psu",
        "--by",
        "status",
        "--lonely-psu",
        "adjust",
        "--min-n",
        "30",
    ];
    let output = run(&dir, &fixture("aman-survey/fixtures/responses.csv"), &args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("domain,n,estimate,se,ci_low,ci_high,df"));
    let ours: BTreeMap<String, Vec<String>> = lines.map(fields).map(|row| (row[0].clone(), row)).collect();
    let r: Vec<Vec<String>> = fixture("aman-survey/fixtures/r_estimates.csv")
        .lines()
        .map(fields)
        .filter(|row| row[0] == "full" && row[1] == "adjust" && row[2] == "mean" && row[3] != "all")
        .collect();
    assert_eq!(r.len(), ours.len(), "one row per domain: {stdout}");
    for row in r {
        let mine = &ours[&row[3]];
        assert_eq!(mine[1], row[4], "n of {}", row[3]);
        if mine[1].parse::<usize>().expect("n") < 30 {
            assert!(mine[2].is_empty(), "suppressed below 30 respondents");
            continue;
        }
        for (ours, r) in [(&mine[2], &row[5]), (&mine[3], &row[6])] {
            let (ours, r): (f64, f64) = (ours.parse().expect("number"), r.parse().expect("number"));
            assert!((ours - r).abs() <= 1e-9 * r.abs().max(1.0), "{}: {ours} vs R {r}", row[3]);
        }
    }
    let output = run(&dir, "w,score\n1,2\n", &["survey", "estimate", "--var", "trust"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("trust"), "the missing column is named");
}

/// Every design R computed in `aman-survey/fixtures/r_designs.csv` (finite
/// population corrections, two stages, totals, ratios, quantiles, replicate
/// weights of every type, design effects), through the command's own flags.
#[test]
fn survey_estimate_flags_equal_r_on_the_api_designs() {
    let dir = TempDir::new().expect("dir");
    let cases = fixture("aman-survey/fixtures/r_designs.csv");
    let mut reader = csv::Reader::from_reader(cases.as_bytes());
    let mut by_run: BTreeMap<(String, String), Vec<csv::StringRecord>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.expect("a row");
        by_run.entry((record[1].to_owned(), record[2].to_owned())).or_default().push(record);
    }
    assert!(by_run.len() >= 20, "{} runs", by_run.len());
    for ((file, flags), rows) in &by_run {
        let mut args = vec!["survey", "estimate", "--min-n", "0", "--deff"];
        args.extend(flags.split_whitespace());
        let output = run(&dir, &fixture(&format!("aman-survey/fixtures/{file}")), &args);
        assert!(output.status.success(), "{flags}: {}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let ours: Vec<Vec<String>> = stdout.lines().skip(1).map(fields).collect();
        assert_eq!(ours.len(), rows.len(), "{flags}: {stdout}");
        for (mine, r) in ours.iter().zip(rows) {
            assert_eq!((mine[0].as_str(), mine[1].as_str()), (&r[3], &r[4]), "{flags}");
            for (k, name) in [(2, "estimate"), (3, "se")] {
                if &r[k + 3] == "NA" {
                    // R has no value (a quantile's interval without a bound): nor have we.
                    assert!(matches!(mine[k].as_str(), "" | "NaN" | "NA"), "{name} [{flags}]: {mine:?}");
                    continue;
                }
                let number = |text: &str| text.parse::<f64>().unwrap_or_else(|_| panic!("{name} [{flags}]: {text:?}"));
                let (a, b) = (number(&mine[k]), number(&r[k + 3]));
                assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{name} [{flags}] {}: {a} vs R {b}", &r[3]);
            }
        }
    }
    let refused = run(&dir, "y,w\n1,0\n2,0\n", &["survey", "estimate", "--var", "y", "--weight", "w"]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains('w'));
    let refused =
        run(&dir, "y,w\n1,1\n", &["survey", "estimate", "--var", "y", "--repweights", "r", "--rep-type", "jk9"]);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("jk9"));
}

#[test]
fn alerts_detect_applies_the_documented_presets() {
    let dir = TempDir::new().expect("dir");
    let input = weekly_input("seasonal");
    let stdout = |args: &[&str]| {
        let output = run(&dir, &input, args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // Without --method: the weekly preset, which is `--preset weekly`.
    let default = stdout(&["alerts", "detect"]);
    assert_eq!(default, stdout(&["alerts", "detect", "--preset", "weekly"]));
    let evaluated = default.lines().filter(|l| l.ends_with(",true") || l.ends_with(",false")).count();
    assert!(evaluated > 100, "the weekly preset evaluates the series: {evaluated} points");
    assert!(default.lines().any(|l| l.ends_with(",true")), "the outbreak at weeks 330-335 is seen");
    // The improved Farrington by name equals the flags of the fixed interface, and R.
    let noufaily = stdout(&["alerts", "detect", "--preset", "noufaily"]);
    let flags = stdout(&[
        "alerts",
        "detect",
        "--method",
        "farrington",
        "--no-periods",
        "10",
        "--past-weeks-not-included",
        "26",
        "--threshold-method",
        "nb-plugin",
    ]);
    assert_eq!(noufaily, flags);
    let r: Vec<Vec<String>> = fixture("aman-detect/fixtures/r_farrington.csv")
        .lines()
        .map(fields)
        .filter(|row| row[0] == "seasonal" && row[1] == "noufaily_nb")
        .collect();
    assert_matches_r(&thresholds(&noufaily), r, 4);
    // Daily data get the daily preset; a preset and a method do not mix.
    let output = run(&dir, &input, &["alerts", "detect", "--preset", "weekly", "--method", "cusum"]);
    assert!(!output.status.success());
    let output = run(&dir, &input, &["alerts", "detect", "--preset", "monthly"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("weekly, daily, noufaily"));
}
