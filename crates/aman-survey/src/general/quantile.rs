//! Quantiles with Woodruff intervals, R's `svyquantile(~y, design, p,
//! ci = TRUE)` with survey 4.1's defaults (`qrule = "math"`,
//! `interval.type = "mean"`).
//!
//! * Estimate (`qrule_math`): with the respondents of non-zero weight sorted
//!   by y (ties in input order), cumulative weights C_k and total W, let k be
//!   the last position with C_k ≤ p·W (1 when there is none); the quantile is
//!   y_(k) when C_k/W equals p exactly and y_(k+1) otherwise (y_(n) when
//!   k = n). This is the smallest value whose weighted distribution function
//!   reaches p — except that when even the smallest value passes p, R's
//!   `last()` returns position 1 and the rule gives the second smallest
//!   value; this is reproduced.
//!   Weights are taken as R holds them, 1/(1/w), and summed as R's long
//!   double accumulator does.
//! * Interval (Woodruff 1952): F̂ = the weighted mean of 1{y ≤ q̂} with its
//!   linearised SE; the interval of the probability F̂ ± t·SE (t from the df
//!   of the respondents with a value) is mapped back through the same rule;
//!   an end outside [0, 1] is NaN.
//! * SE: the interval's width / (2t).

use crate::design::Design;
use crate::options::{LonelyPsu, Values};
use crate::variance::{LonelyStratum, variance};

/// A running sum kept to about twice double precision (Knuth's TwoSum), so
/// that each partial sum rounds as R's `sum`/`cumsum` do with their long
/// double accumulator: which observation reaches p·W exactly decides the
/// quantile (e.g. equal weights and p·n an integer).
#[derive(Default, Clone, Copy)]
struct Accurate {
    hi: f64,
    lo: f64,
}

impl Accurate {
    fn add(&mut self, x: f64) {
        let s = self.hi + x;
        let b = s - self.hi;
        let err = (self.hi - (s - b)) + (x - b);
        self.hi = s;
        self.lo += err;
    }

    fn value(self) -> f64 {
        self.hi + self.lo
    }
}

/// The "math" rule at probability `p` over `sorted` (value, weight) pairs
/// of non-zero weight, sorted by value.
fn qrule_math(sorted: &[(f64, f64)], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let mut acc = Accurate::default();
    sorted.iter().for_each(|&(_, w)| acc.add(w));
    let total = acc.value();
    let mut running = Accurate::default();
    let mut pos = 0;
    let mut cum_at_pos = sorted[0].1;
    for (k, &(_, w)) in sorted.iter().enumerate() {
        running.add(w);
        let cum = running.value();
        if cum <= p * total {
            pos = k;
            cum_at_pos = cum;
        }
    }
    if p - cum_at_pos / total == 0.0 { sorted[pos].0 } else { sorted[(pos + 1).min(sorted.len() - 1)].0 }
}

/// Quantile at `p` of `y` over the `present` respondents, with Woodruff
/// interval at critical value `q`.
pub(super) fn quantile(
    design: &Design,
    y: &[f64],
    present: &[bool],
    p: f64,
    q: f64,
    lonely: LonelyPsu,
) -> Result<Values, LonelyStratum> {
    let mut sorted: Vec<(f64, f64)> = present
        .iter()
        .enumerate()
        .filter(|&(i, &p)| p && design.weight(i) != 0.0)
        // R stores 1/w and uses 1/(1/w), which can differ from w in the
        // last bit, and that decides exact ties of C_k with p·W.
        .map(|(i, _)| (y[i], 1.0 / (1.0 / design.weight(i))))
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let estimate = qrule_math(&sorted, p);
    // Weighted mean of 1{y ≤ q̂} and its linearised variance.
    let (mut sw, mut swy) = (0.0, 0.0);
    for (i, _) in present.iter().enumerate().filter(|(_, p)| **p) {
        let w = design.weight(i);
        sw += w;
        swy += w * f64::from(u8::from(y[i] <= estimate));
    }
    let f = swy / sw;
    let z: Vec<f64> = present
        .iter()
        .enumerate()
        .map(|(i, &p)| if p { design.weight(i) * (f64::from(u8::from(y[i] <= estimate)) - f) / sw } else { f64::NAN })
        .collect();
    let se_f = variance(design, &z, lonely)?.sqrt();
    let (lo, hi) = (f - q * se_f, f + q * se_f);
    let ci_low = if lo.is_nan() || lo < 0.0 { f64::NAN } else { qrule_math(&sorted, lo) };
    let ci_high = if hi.is_nan() || hi > 1.0 { f64::NAN } else { qrule_math(&sorted, hi) };
    let se = (ci_high - ci_low) / (2.0 * q);
    Ok(Values { estimate, se, ci_low, ci_high })
}

#[cfg(test)]
mod tests {
    use super::qrule_math;

    #[test]
    fn math_rule_by_hand() {
        let data = [(1.0, 1.0), (2.0, 1.0), (3.0, 2.0)];
        // F = 0.25, 0.5, 1.
        assert_eq!(qrule_math(&data, 0.5), 2.0);
        assert_eq!(qrule_math(&data, 0.3), 2.0);
        assert_eq!(qrule_math(&data, 0.51), 3.0);
        assert_eq!(qrule_math(&data, 1.0), 3.0);
        // R's last() quirk: below the first jump the second value is returned.
        assert_eq!(qrule_math(&data, 0.1), 2.0);
        assert!(qrule_math(&[], 0.5).is_nan());
    }
}
