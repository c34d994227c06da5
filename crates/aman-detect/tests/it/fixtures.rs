//! Compares every method with the stored R results in `fixtures/`
//! (produced by `fixtures/make_fixtures.R`, R 4.2, surveillance 1.20.3).
//!
//! Tolerance: `|ours - R| <= 1e-6 * max(1, |R|)` (absolute below 1,
//! relative above); alarms must be identical.

#![allow(clippy::unwrap_used)] // test helpers

use std::collections::BTreeMap;

use aman_detect::{CusumParams, EarsParams, FarringtonParams, Frequency, Method, Point, ThresholdMethod, detect};

const TOL: f64 = 1e-6;

fn read(name: &str) -> Vec<BTreeMap<String, String>> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    lines.map(|l| header.iter().cloned().zip(l.split(',').map(String::from)).collect()).collect()
}

fn num(s: &str) -> Option<f64> {
    (s != "NA").then(|| s.parse().unwrap())
}

fn lgl(s: &str) -> Option<bool> {
    match s {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

struct SeriesData {
    freq: Frequency,
    counts: Vec<u64>,
}

fn series() -> BTreeMap<String, SeriesData> {
    series_from("series.csv")
}

fn series_from(file: &str) -> BTreeMap<String, SeriesData> {
    let mut out: BTreeMap<String, SeriesData> = BTreeMap::new();
    for r in read(file) {
        let e = out.entry(r["series"].clone()).or_insert_with(|| SeriesData {
            freq: if r["freq"] == "365" { Frequency::Day } else { Frequency::Week },
            counts: Vec::new(),
        });
        assert_eq!(r["t"].parse::<usize>().unwrap(), e.counts.len() + 1);
        e.counts.push(r["count"].parse().unwrap());
    }
    out
}

/// Tracks the worst deviation seen.
#[derive(Default)]
struct Check {
    compared: usize,
    worst: f64,
    failures: Vec<String>,
}

impl Check {
    fn value(&mut self, what: &str, ours: Option<f64>, r: Option<f64>) {
        self.compared += 1;
        match (ours, r) {
            (Some(a), Some(b)) => {
                let dev = (a - b).abs() / b.abs().max(1.0);
                self.worst = self.worst.max(dev);
                if dev.is_nan() || dev > TOL {
                    self.failures.push(format!("{what}: ours {a} R {b}"));
                }
            }
            (None, None) => {}
            _ => self.failures.push(format!("{what}: ours {ours:?} R {r:?}")),
        }
    }

    fn alarm(&mut self, what: &str, ours: Option<bool>, r: Option<bool>) {
        if ours != r {
            self.failures.push(format!("{what} alarm: ours {ours:?} R {r:?}"));
        }
    }

    fn finish(self, name: &str) {
        println!("{name}: {} values compared, worst scaled deviation {:.3e}", self.compared, self.worst);
        let n = self.failures.len();
        assert!(self.failures.is_empty(), "{n} mismatches, first: {:#?}", &self.failures[..n.min(20)]);
    }
}

/// Groups fixture rows by (series, variant) and runs `method` on each group.
fn compare(
    file: &str,
    variant_col: &str,
    method: impl Fn(&str) -> Method,
    mut each: impl FnMut(&mut Check, &str, &BTreeMap<String, String>, &Point),
) -> Check {
    let data = series();
    let mut groups: BTreeMap<(String, String), Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for r in read(file) {
        groups.entry((r["series"].clone(), r[variant_col].clone())).or_default().push(r);
    }
    let mut check = Check::default();
    for ((s, v), rows) in &groups {
        let d = &data[s];
        let m = method(v);
        let first = rows[0]["t"].parse::<usize>().unwrap() - 1;
        let last = rows[rows.len() - 1]["t"].parse::<usize>().unwrap();
        let points = detect(&d.counts, d.freq, &m, first..last);
        assert_eq!(points.len(), rows.len());
        for (r, p) in rows.iter().zip(&points) {
            let what = format!("{s}/{v}/t={}", r["t"]);
            each(&mut check, &what, r, p);
        }
    }
    check
}

#[test]
fn ears_matches_r() {
    let method = |v: &str| {
        let d = EarsParams::default();
        match v {
            "C1" => Method::EarsC1(EarsParams { alpha: Some(0.001), ..d }),
            "C2" => Method::EarsC2(EarsParams { alpha: Some(0.001), ..d }),
            "C3" => Method::EarsC3(d),
            "C1_b10_ms05" => Method::EarsC1(EarsParams { baseline: 10, alpha: Some(0.01), min_sigma: 0.5 }),
            "C2_ms1" => Method::EarsC2(EarsParams { alpha: Some(0.001), min_sigma: 1.0, ..d }),
            "C3_ms05" => Method::EarsC3(EarsParams { alpha: Some(0.001), min_sigma: 0.5, ..d }),
            other => panic!("unknown variant {other}"),
        }
    };
    compare("r_ears.csv", "method", method, |c, what, r, p| {
        c.value(what, p.threshold, num(&r["upperbound"]));
        c.alarm(what, p.alarm, lgl(&r["alarm"]));
    })
    .finish("EARS");
}

#[test]
fn cusum_matches_r() {
    let method = |v: &str| {
        let d = CusumParams::default();
        Method::Cusum(match v {
            "pois" => d,
            "nb" => CusumParams { alpha: 0.2, ..d },
            "pois_trend" => CusumParams { kappa: 1.5f64.ln(), c_arl: 3.0, harmonics: 2, trend: true, ..d },
            "nb_trend" => CusumParams { kappa: 3f64.ln(), c_arl: 4.0, alpha: 0.5, trend: true, ..d },
            other => panic!("unknown variant {other}"),
        })
    };
    compare("r_cusum.csv", "variant", method, |c, what, r, p| {
        c.value(&format!("{what} mu0"), p.expected, num(&r["mu0"]));
        c.value(&format!("{what} stat"), p.score, num(&r["statistic"]));
        c.value(&format!("{what} cases"), p.threshold, num(&r["cases"]));
        c.alarm(what, p.alarm, lgl(&r["alarm"]));
    })
    .finish("CUSUM");
}

#[test]
fn farrington_matches_r() {
    let method = |v: &str| {
        let d = FarringtonParams::default();
        Method::Farrington(match v {
            "default" => d,
            "noufaily_nb" => FarringtonParams {
                no_periods: 10,
                past_weeks_not_included: Some(26),
                threshold_method: ThresholdMethod::NbPlugin,
                ..d
            },
            "muan" => FarringtonParams {
                b: 4,
                w: 2,
                no_periods: 6,
                threshold_method: ThresholdMethod::Muan,
                alpha: 0.01,
                ..d
            },
            "plain" => FarringtonParams {
                b: 3,
                w: 2,
                trend: false,
                reweight: false,
                alpha: 0.01,
                past_weeks_not_included: Some(0),
                ..d
            },
            other => panic!("unknown variant {other}"),
        })
    };
    // The daily series uses b = 3 for every variant (see make_fixtures.R).
    let data = series();
    let mut groups: BTreeMap<(String, String), Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for r in read("r_farrington.csv") {
        groups.entry((r["series"].clone(), r["variant"].clone())).or_default().push(r);
    }
    let mut c = Check::default();
    for ((s, v), rows) in &groups {
        let d = &data[s];
        let mut m = method(v);
        if let (Frequency::Day, Method::Farrington(p)) = (d.freq, &mut m) {
            p.b = 3;
        }
        let first = rows[0]["t"].parse::<usize>().unwrap() - 1;
        let points = detect(&d.counts, d.freq, &m, first..first + rows.len());
        for (r, p) in rows.iter().zip(&points) {
            farrington_point(&mut c, &format!("{s}/{v}/t={}", r["t"]), r, p);
        }
    }
    c.finish("Farrington");
}

/// One Farrington point against R's row. R leaves `expected` NA where
/// limit54 is not met; Aman reports it.
fn farrington_point(c: &mut Check, what: &str, r: &BTreeMap<String, String>, p: &Point) {
    c.value(&format!("{what} upper"), p.threshold, num(&r["upperbound"]));
    if let Some(e) = num(&r["expected"]) {
        c.value(&format!("{what} expected"), p.expected, Some(e));
    }
    c.value(&format!("{what} score"), p.score, num(&r["score"]));
    c.alarm(what, p.alarm, lgl(&r["alarm"]));
}

/// R's own weekly data sets (`make_datasets.R`): Farrington with R's defaults
/// and the improved variant (Noufaily settings) for b = 1, 2, 3 and 5.
#[test]
fn farrington_matches_r_on_its_data_sets_for_every_history_length() {
    let data = series_from("datasets.csv");
    let mut groups: BTreeMap<(String, String, usize), Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for r in read("r_farrington_b.csv") {
        groups.entry((r["series"].clone(), r["variant"].clone(), r["b"].parse().unwrap())).or_default().push(r);
    }
    let mut c = Check::default();
    let mut per_b = BTreeMap::<usize, usize>::new();
    for ((s, v, b), rows) in &groups {
        let d = FarringtonParams { b: *b, ..FarringtonParams::default() };
        let params = match v.as_str() {
            "farrington" => d,
            "noufaily" => FarringtonParams {
                no_periods: 10,
                past_weeks_not_included: Some(26),
                threshold_method: ThresholdMethod::NbPlugin,
                ..d
            },
            other => panic!("unknown variant {other}"),
        };
        let first = rows[0]["t"].parse::<usize>().unwrap() - 1;
        let points = detect(&data[s].counts, Frequency::Week, &Method::Farrington(params), first..first + rows.len());
        *per_b.entry(*b).or_default() += rows.len();
        for (r, p) in rows.iter().zip(&points) {
            farrington_point(&mut c, &format!("{s}/{v}/b={b}/t={}", r["t"]), r, p);
        }
    }
    assert!([1, 2, 3, 5].iter().all(|b| per_b[b] >= 1000), "points per b: {per_b:?}");
    c.finish("Farrington on R's data sets");
}
