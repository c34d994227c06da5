//! CSV front end: parsing, error messages and output layout.

#![allow(clippy::unwrap_used)] // test helpers

use aman_detect::presets::Preset;
use aman_detect::{
    EarsParams, FarringtonParams, Frequency, Method, detect_csv, detect_csv_with, format_date, parse_date, parse_series,
};

fn daily(name: &str, start: &str, counts: &[u64]) -> String {
    let d0 = parse_date(start).unwrap();
    counts.iter().enumerate().map(|(i, c)| format!("{name},{},{c}\n", format_date(d0 + i as i64))).collect()
}

#[test]
fn dates_round_trip() {
    assert_eq!(parse_date("1970-01-01"), Some(0));
    assert_eq!(parse_date("2024-02-29").map(format_date).as_deref(), Some("2024-02-29"));
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("2023-13-01"), None);
    assert_eq!(parse_date("2023-1-01"), None);
    for d in [-719_000, -1, 0, 19_000, 2_932_896] {
        assert_eq!(parse_date(&format_date(d)), Some(d));
    }
}

#[test]
fn output_layout_and_values() {
    let counts = [2, 3, 1, 2, 4, 2, 3, 2, 30, 2];
    // Unsorted input is fine.
    let mut rows: Vec<String> = daily("a/theft", "2024-03-01", &counts).lines().map(String::from).collect();
    rows.reverse();
    let input = format!("date,count,series\n{}\n", rows.join("\n")).replace("a/theft,", "");
    let input = input
        .lines()
        .enumerate()
        .map(|(i, l)| if i == 0 { l.to_string() } else { format!("{l},a/theft") })
        .collect::<Vec<_>>()
        .join("\n");
    let method = Method::EarsC1(EarsParams::default());
    let out = detect_csv(&input, Frequency::Day, &method).unwrap().csv;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "series,date,count,expected,threshold,score,alarm");
    assert_eq!(lines.len(), 11);
    assert_eq!(lines[1], "a/theft,2024-03-01,2,,,,");
    let spike: Vec<&str> = lines[9].split(',').collect();
    assert_eq!(spike[..3], ["a/theft", "2024-03-09", "30"]);
    assert_eq!(spike[6], "true");
    let mean: f64 = spike[3].parse().unwrap();
    assert!((mean - 17.0 / 7.0).abs() < 1e-12);
    assert!(lines[10].ends_with(",false"));
}

#[test]
fn several_series_weekly() {
    let mut input = String::from("series,date,count\n");
    for (name, start) in [("x", "2020-01-06"), ("y", "2021-05-03")] {
        let d0 = parse_date(start).unwrap();
        for i in 0..300 {
            input.push_str(&format!("{name},{},{}\n", format_date(d0 + 7 * i), (i % 5) + 1));
        }
    }
    let s = parse_series(&input, Frequency::Week).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].counts.len(), 300);
    let method = Method::Farrington(FarringtonParams::default());
    let out = detect_csv(&input, Frequency::Week, &method).unwrap().csv;
    assert_eq!(out.lines().count(), 601);
    // First evaluated week is index 52 * 5 + 3.
    let first = out.lines().nth(1 + 263).unwrap();
    assert!(!first.ends_with(",,,,"), "{first}");
    assert!(out.lines().nth(263).unwrap().ends_with(",,,,"));
}

fn error(input: &str, frequency: Frequency) -> String {
    let method = Method::EarsC1(EarsParams::default());
    detect_csv(input, frequency, &method).unwrap_err().to_string()
}

#[test]
fn errors_name_line_and_problem() {
    assert_eq!(error("series,day,count\na,2024-01-01,1\n", Frequency::Day), "line 1: missing column `date` in header");
    assert!(error("", Frequency::Day).contains("header"));
    let e = error("series,date,count\na,2024-01-01,1\na,2024/01/02,1\n", Frequency::Day);
    assert!(e.starts_with("line 3: unparsable date `2024/01/02`"), "{e}");
    let e = error("series,date,count\na,2024-01-01,-1\n", Frequency::Day);
    assert!(e.starts_with("line 2: negative count"), "{e}");
    let e = error("series,date,count\na,2024-01-01,1.5\n", Frequency::Day);
    assert!(e.starts_with("line 2: non-integer count"), "{e}");
    let e = error("series,date,count\na,2024-01-01,x\n", Frequency::Day);
    assert!(e.starts_with("line 2: unparsable count"), "{e}");
    let e = error("series,date,count\na,2024-01-01\n", Frequency::Day);
    assert!(e.starts_with("line 2: expected 3 fields"), "{e}");
    let e = error("series,date,count\na,2024-01-01,1\na,2024-01-02,1\na,2024-01-04,1\n", Frequency::Day);
    assert!(e.starts_with("line 4: gap in series `a`"), "{e}");
    let e = error("series,date,count\na,2024-01-02,1\nb,2024-01-01,1\na,2024-01-02,3\n", Frequency::Day);
    assert!(e.starts_with("line 4: duplicate date 2024-01-02 in series `a` (also on line 2)"), "{e}");
    let e = error("series,date,count\na,2024-01-01,1\na,2024-01-08,1\na,2024-01-16,1\n", Frequency::Week);
    assert!(e.starts_with("line 4: date 2024-01-16"), "{e}");
    let e = error("series,date,count\na,2024-01-01,1\na,2024-01-15,1\n", Frequency::Week);
    assert!(e.starts_with("line 3: gap in series `a`: missing week(s)"), "{e}");
}

#[test]
fn quoted_fields_and_crlf() {
    let input = "\"series\",\"date\",\"count\"\r\n\"a b\",\"2024-01-01\",\"4\"\r\n";
    let s = parse_series(input, Frequency::Day).unwrap();
    assert_eq!(s[0].name, "a b");
    assert_eq!(s[0].counts, vec![4]);
}

#[test]
fn quoted_fields_may_hold_commas_quotes_and_line_breaks() {
    let input = "series,date,count\n\
                 \"Basra, Abu Al-Khaseeb\",2024-01-01,1\n\
                 \"Mosul \"\"old city\"\"\",2024-01-01,2\n\
                 \"Basra, Abu Al-Khaseeb\",2024-01-02,3\n\
                 \"two\nlines\",2024-01-01,4\n\
                 \"Mosul \"\"old city\"\"\",2024-01-02,5\n";
    let s = parse_series(input, Frequency::Day).unwrap();
    let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Basra, Abu Al-Khaseeb", "Mosul \"old city\"", "two\nlines"]);
    assert_eq!(
        (s[0].counts.as_slice(), s[1].counts.as_slice(), s[2].counts.as_slice()),
        (&[1, 3][..], &[2, 5][..], &[4][..])
    );

    // The output quotes exactly the names that need it, so it reads back.
    let out = detect_csv(input, Frequency::Day, &Method::EarsC1(EarsParams::default())).unwrap().csv;
    assert!(out.starts_with(
        "series,date,count,expected,threshold,score,alarm\n\
         \"Basra, Abu Al-Khaseeb\",2024-01-01,1,,,,\n\
         \"Basra, Abu Al-Khaseeb\",2024-01-02,3,,,,\n\
         \"Mosul \"\"old city\"\"\",2024-01-01,2,,,,\n"
    ));
    let again = parse_series(&out, Frequency::Day).unwrap();
    assert_eq!(again.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), names);
}

#[test]
fn line_numbers_count_physical_lines() {
    // A quoted line break spans two lines; blank lines are skipped but counted.
    let e = error("\n\nseries,date,count\n\"a\nb\",2024-01-01,1\n\n\"a\nb\",2024-01-01,2\n", Frequency::Day);
    assert_eq!(e, "line 7: duplicate date 2024-01-01 in series `a\nb` (also on line 4)");
    assert_eq!(error("\n  \nseries,day,count\n", Frequency::Day), "line 3: missing column `date` in header");
    let e = error("series,date,count\na,2024-01-01,1\n\"x,y\",2024-01-01\n", Frequency::Day);
    assert_eq!(e, "line 3: expected 3 fields, found 2");
}

#[test]
fn byte_order_mark_blank_lines_and_padding() {
    let input = "\u{feff}Series, Date ,COUNT\n\n   \n a , 2024-01-01 , 1 \na,2024-01-02,2\n";
    let s = parse_series(input, Frequency::Day).unwrap();
    assert_eq!((s.len(), s[0].name.as_str(), s[0].counts.as_slice()), (1, "a", &[1, 2][..]));
    assert_eq!(s[0].start, parse_date("2024-01-01").unwrap());
}

#[test]
fn line_numbers_with_crlf_and_blank_lines() {
    // csv's Position::line() would say 2 and 3 here (rust-csv issues 395 and 208).
    let e = error("series,date,count\r\na,2024-01-01,1\r\n\r\n\r\na,2024-01-01,2\r\n", Frequency::Day);
    assert_eq!(e, "line 5: duplicate date 2024-01-01 in series `a` (also on line 2)");
    let e = error("series,date,count\r\n\r\na,2024-01-01\r\n", Frequency::Day);
    assert_eq!(e, "line 3: expected 3 fields, found 2");
}

#[test]
fn dates_are_strict_and_total() {
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "2024-04-31",
        "2024-00-10",
        "2024-01-00",
        "+202-01-01",
        "2024-01-1 ",
        "２０２４-01-01",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    assert_eq!(parse_date("2000-02-29"), Some(11_016));
    assert_eq!(parse_date("0000-01-01"), Some(-719_528));
    assert_eq!(format_date(-719_528), "0000-01-01");
    assert_eq!(format_date(i64::MAX), format!("{} days after 1970-01-01", i64::MAX));
}

#[test]
fn threads_do_not_change_the_output() {
    // Seven weekly series of 80 weeks (the weekly preset evaluates from week 56).
    let mut input = String::from("series,date,count\n");
    for k in 0..7u64 {
        for t in 0..80u64 {
            let day = parse_date("2024-01-01").unwrap() + 7 * t as i64;
            input.push_str(&format!("\"s{k}, area\",{},{}\n", format_date(day), (t * (k + 3)) % 5));
        }
    }
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            detect_csv_with(&input, Frequency::Week, |n| Preset::Weekly.method(Frequency::Week, n)).unwrap()
        })
    };
    let one = run(1);
    assert!(one.short.is_empty() && one.series == 7);
    assert!(one.csv.lines().filter(|l| l.ends_with(",false") || l.ends_with(",true")).count() == 7 * 25);
    assert_eq!(one, run(3));
    assert_eq!(one, run(64));
}
