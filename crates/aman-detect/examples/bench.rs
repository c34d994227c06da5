//! Throughput check: `cargo run --release -p aman-detect --example bench [series] [last]`.
//! Simulates `series` daily series of 10 years (default 119 x 13 = 1547) and
//! runs every method on 2 threads, over the full default range or, with a
//! second argument, only the last `last` days.

use std::time::Instant;

use aman_detect::{CusumParams, EarsParams, FarringtonParams, Frequency, Method, default_range, detect};

/// Small deterministic generator (xorshift) with a Poisson sampler.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn poisson(&mut self, mu: f64) -> u64 {
        let l = (-mu).exp();
        let (mut k, mut p) = (0, 1.0);
        loop {
            p *= self.uniform();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n_series = args.first().copied().unwrap_or(119 * 13);
    let last = args.get(1).copied();
    let n = 3650;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let series: Vec<Vec<u64>> = (0..n_series)
        .map(|s| {
            let base = 0.2 + (s % 17) as f64 * 0.3;
            (0..n)
                .map(|t| {
                    let season = 1.0 + 0.3 * (2.0 * std::f64::consts::PI * t as f64 / 365.0).sin();
                    rng.poisson(base * season)
                })
                .collect()
        })
        .collect();
    let methods = [
        ("ears-c1", Method::EarsC1(EarsParams::default())),
        ("ears-c2", Method::EarsC2(EarsParams::default())),
        ("ears-c3", Method::EarsC3(EarsParams::default())),
        ("cusum", Method::Cusum(CusumParams::default())),
        ("farrington", Method::Farrington(FarringtonParams::default())),
    ];
    let total = Instant::now();
    for (name, m) in &methods {
        let start = Instant::now();
        let alarms: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = series
                .chunks(series.len().div_ceil(2).max(1))
                .map(|chunk| {
                    scope.spawn(move || {
                        let mut alarms = 0;
                        for c in chunk {
                            let mut r = default_range(m, Frequency::Day, c.len());
                            if let (Some(l), false) = (last, matches!(m, Method::Cusum(_))) {
                                r.start = r.start.max(r.end.saturating_sub(l));
                            }
                            alarms += detect(c, Frequency::Day, m, r).iter().filter(|p| p.alarm == Some(true)).count();
                        }
                        alarms
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
        println!("{name:>10}: {:>8.3} s, {alarms} alarms", start.elapsed().as_secs_f64());
    }
    println!("{:>10}: {:>8.3} s", "total", total.elapsed().as_secs_f64());
}
