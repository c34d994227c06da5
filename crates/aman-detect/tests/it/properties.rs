//! Property checks over seeded random series: constant series never alarm,
//! a large spike always alarms, and results do not depend on the future.

#![allow(clippy::unwrap_used)] // test helpers

use aman_detect::presets::Preset;
use aman_detect::{
    CusumParams, EarsParams, FarringtonParams, Frequency, Method, NbCusumParams, Point, ThresholdMethod, default_range,
    detect,
};

/// xorshift64* with a Poisson sampler (Knuth), enough for test data.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
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

fn methods() -> Vec<Method> {
    let f = FarringtonParams::default();
    vec![
        Method::EarsC1(EarsParams::default()),
        Method::EarsC2(EarsParams::default()),
        Method::EarsC3(EarsParams::default()),
        Method::EarsC3(EarsParams { min_sigma: 0.5, ..EarsParams::default() }),
        Method::Cusum(CusumParams::default()),
        Method::Cusum(CusumParams { alpha: 0.3, ..CusumParams::default() }),
        Method::Farrington(f),
        Method::Farrington(FarringtonParams {
            no_periods: 10,
            past_weeks_not_included: Some(26),
            threshold_method: ThresholdMethod::NbPlugin,
            ..f
        }),
        Method::Farrington(FarringtonParams { b: 3, threshold_method: ThresholdMethod::Muan, ..f }),
        Method::NbCusum(NbCusumParams::default()),
        Method::NbCusum(NbCusumParams {
            baseline: FarringtonParams { b: 2, ..NbCusumParams::default().baseline },
            ..NbCusumParams::default()
        }),
        Preset::Daily.method(Frequency::Week, N),
    ]
}

const N: usize = 340;

fn seeded_series(seed: u64) -> Vec<u64> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let level = 0.5 + (seed % 7) as f64;
    (0..N)
        .map(|t| {
            let season = 1.0 + 0.4 * (2.0 * std::f64::consts::PI * t as f64 / 52.0).sin();
            rng.poisson(level * season)
        })
        .collect()
}

#[test]
fn constant_series_never_alarm() {
    for c in [0u64, 1, 3, 17] {
        let counts = vec![c; N];
        for m in methods() {
            let r = default_range(&m, Frequency::Week, N);
            for (i, p) in detect(&counts, Frequency::Week, &m, r).iter().enumerate() {
                assert_ne!(p.alarm, Some(true), "{m:?} alarmed on constant {c} at {i}");
            }
        }
    }
}

#[test]
fn large_spike_always_alarms() {
    for seed in 0..8 {
        let counts = seeded_series(seed);
        let t = N - 1;
        let spike = 10 * counts.iter().copied().max().unwrap_or(0) + 60;
        for m in methods() {
            let mut c = counts.clone();
            if matches!(m, Method::EarsC3(_)) {
                // R's C3 alarms on the excess of the two previous points
                // (and a non-zero current count); see the crate docs.
                c[t - 2] = spike;
                c[t - 1] = spike;
                c[t] = c[t].max(1);
            } else {
                c[t] = spike;
            }
            let r = default_range(&m, Frequency::Week, N);
            let pts = detect(&c, Frequency::Week, &m, r.clone());
            let last = pts[t - r.start];
            assert_eq!(last.alarm, Some(true), "seed {seed} {m:?}: {last:?}");
        }
    }
}

#[test]
fn no_dependence_on_the_future() {
    for seed in 0..6 {
        let counts = seeded_series(seed + 100);
        for m in methods() {
            let full_range = default_range(&m, Frequency::Week, N);
            let full = detect(&counts, Frequency::Week, &m, full_range.clone());
            for cut in [full_range.start + 1, full_range.start + 40, N - 7] {
                let mut changed = counts.clone();
                for c in &mut changed[cut..] {
                    *c = *c * 3 + 11;
                }
                let part = detect(&changed, Frequency::Week, &m, full_range.start..cut);
                assert_eq!(part[..], full[..cut - full_range.start], "{m:?} cut {cut}");
            }
            // Incremental run: only the last point (not for the recursive CUSUMs).
            if !matches!(m, Method::Cusum(_) | Method::NbCusum(_)) {
                let last: Vec<Point> = detect(&counts, Frequency::Week, &m, N - 1..N);
                assert_eq!(last[0], full[full.len() - 1], "{m:?} last point");
            }
        }
    }
}

#[test]
fn out_of_range_points_are_empty() {
    let counts = seeded_series(1);
    for m in methods() {
        let pts = detect(&counts, Frequency::Week, &m, 0..3);
        assert!(pts.iter().all(|p| *p == Point::default()), "{m:?}");
        let pts = detect(&counts, Frequency::Week, &m, N..N + 5);
        assert_eq!(pts.len(), 5);
    }
}
