//! L2-regularised logistic regression on sparse rows, fitted by dual
//! coordinate descent: no OS randomness and a fixed order of every sum, so
//! the same data give the same weights bit for bit.
//!
//! The objective is scikit-learn's and LIBLINEAR's:
//! `C · Σ sᵢ · log(1 + exp(−yᵢ zᵢ)) + ½‖w‖²` with `zᵢ = w·xᵢ + b` and `sᵢ`
//! the weight of the example's class.

use crate::flag::features::Row;

/// How a model is fitted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Inverse regularisation strength (scikit-learn's `C`).
    pub c: f64,
    /// Weigh each class by `n / (2 · n_class)` (scikit-learn's "balanced").
    pub balanced: bool,
    /// Passes over the examples at most.
    pub max_iterations: usize,
    /// Stop when the largest dual gradient of a pass has fallen to this
    /// share of the first pass's.
    pub tolerance: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { c: 4.0, balanced: true, max_iterations: 200, tolerance: 1e-3 }
    }
}

/// A fitted linear model.
#[derive(Clone, Debug, PartialEq)]
pub struct Linear {
    /// One weight per column.
    pub weights: Vec<f64>,
    /// The intercept.
    pub bias: f64,
}

impl Linear {
    /// `w·x + b`.
    pub fn margin(&self, row: &Row) -> f64 {
        self.bias + row.columns.iter().zip(&row.values).map(|(&c, v)| self.weights[c as usize] * v).sum::<f64>()
    }

    /// The probability of the positive class, in [0, 1].
    pub fn probability(&self, row: &Row) -> f64 {
        sigmoid(self.margin(row))
    }
}

/// `1 / (1 + e^−z)`, without overflow.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 { 1.0 / (1.0 + (-z).exp()) } else { z.exp() / (1.0 + z.exp()) }
}

/// Each example's weight in the loss: `C` times its class's weight.
fn example_weights(labels: &[bool], settings: &Settings) -> Vec<f64> {
    let positives = labels.iter().filter(|&&l| l).count();
    let n = labels.len() as f64;
    let class_weight = |label: bool| {
        let count = if label { positives } else { labels.len() - positives };
        if settings.balanced && count > 0 { n / (2.0 * count as f64) } else { 1.0 }
    };
    labels.iter().map(|&l| settings.c * class_weight(l)).collect()
}

/// Fits by dual coordinate descent (Yu, Huang & Lin, "Dual coordinate
/// descent methods for logistic regression and maximum entropy models",
/// Machine Learning 85, 2011), the method of LIBLINEAR's `-s 7`: one dual
/// variable `αᵢ ∈ (0, Cᵢ)` per example, `w = Σ αᵢ yᵢ xᵢ`, each variable
/// set in turn to the root of its one-dimensional problem by a bracketed
/// Newton iteration. The intercept is a constant feature 1, so, as in
/// LIBLINEAR, it is penalised like the weights. Examples are visited in an
/// order drawn afresh each pass from a fixed-seed generator; the passes
/// stop when the largest dual gradient has fallen to `tolerance` times the
/// first pass's, or after `max_iterations` passes.
pub fn fit(rows: &[Row], labels: &[bool], columns: usize, settings: &Settings) -> Linear {
    assert_eq!(rows.len(), labels.len(), "one label per row");
    let bounds = example_weights(labels, settings);
    let mut weights = vec![0.0; columns];
    let mut bias = 0.0;
    let mut alpha: Vec<f64> = bounds.iter().map(|&c| (0.001 * c).min(1e-8)).collect();
    for ((row, &label), &a) in rows.iter().zip(labels).zip(&alpha) {
        let ya = if label { a } else { -a };
        row.columns.iter().zip(&row.values).for_each(|(&c, v)| weights[c as usize] += ya * v);
        bias += ya;
    }
    let squared_norms: Vec<f64> = rows.iter().map(|r| 1.0 + r.values.iter().map(|v| v * v).sum::<f64>()).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut first_violation = None;
    for _ in 0..settings.max_iterations {
        // Fisher-Yates with xorshift64*, seeded once above.
        for i in (1..order.len()).rev() {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let j = (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % (i + 1);
            order.swap(i, j);
        }
        let mut violation: f64 = 0.0;
        for &i in &order {
            let (row, c, q) = (&rows[i], bounds[i], squared_norms[i]);
            let y = if labels[i] { 1.0 } else { -1.0 };
            let margin = bias + row.columns.iter().zip(&row.values).map(|(&k, v)| weights[k as usize] * v).sum::<f64>();
            let (old, b) = (alpha[i], y * margin);
            // g'(a) = ln(a / (C − a)) + q (a − old) + b, increasing on (0, C).
            let slope = |a: f64| (a / (c - a)).ln() + q * (a - old) + b;
            violation = violation.max(slope(old).abs());
            let (mut low, mut high, mut a) = (0.0, c, old);
            for _ in 0..60 {
                let g = slope(a);
                if g.abs() < 1e-12 {
                    break;
                }
                if g > 0.0 {
                    high = a
                } else {
                    low = a
                }
                let newton = a - g / (c / (a * (c - a)) + q);
                a = if newton > low && newton < high { newton } else { 0.5 * (low + high) };
                if high - low < 1e-15 * c {
                    break;
                }
            }
            let change = y * (a - old);
            if change != 0.0 {
                row.columns.iter().zip(&row.values).for_each(|(&k, v)| weights[k as usize] += change * v);
                bias += change;
                alpha[i] = a;
            }
        }
        let first = *first_violation.get_or_insert(violation);
        if violation <= settings.tolerance * first {
            break;
        }
    }
    Linear { weights, bias }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(u32, f64)]) -> Row {
        Row { columns: pairs.iter().map(|p| p.0).collect(), values: pairs.iter().map(|p| p.1).collect() }
    }

    fn examples() -> (Vec<Row>, Vec<bool>) {
        let rows = vec![
            row(&[(0, 1.0)]),
            row(&[(0, 0.8), (2, 0.6)]),
            row(&[(1, 1.0)]),
            row(&[(1, 0.6), (2, 0.8)]),
            row(&[(2, 1.0)]),
            row(&[(0, 0.6), (1, 0.8)]),
        ];
        (rows, vec![true, true, false, false, false, true])
    }

    #[test]
    fn fit_separates_and_regularisation_shrinks() {
        let (rows, labels) = examples();
        let strong = fit(&rows, &labels, 3, &Settings { c: 100.0, ..Settings::default() });
        let weak = fit(&rows, &labels, 3, &Settings { c: 0.01, ..Settings::default() });
        assert!(strong.probability(&rows[0]) > 0.9 && strong.probability(&rows[2]) < 0.1);
        assert!(strong.weights[0] > 0.0 && strong.weights[1] < 0.0);
        assert!(weak.weights[0].abs() < strong.weights[0].abs());
        assert_eq!(strong, fit(&rows, &labels, 3, &Settings { c: 100.0, ..Settings::default() }), "deterministic");
        assert!((strong.margin(&rows[0]) - (strong.bias + strong.weights[0])).abs() < 1e-12);
    }

    /// At the optimum the primal gradient vanishes: `w = Σ Cᵢ yᵢ σ(−yᵢ zᵢ) xᵢ`
    /// and likewise for the intercept (a constant feature 1).
    #[test]
    fn the_solution_is_the_primal_optimum() {
        let (rows, labels) = examples();
        for balanced in [false, true] {
            let settings = Settings { c: 2.0, balanced, max_iterations: 1000, tolerance: 1e-9 };
            let model = fit(&rows, &labels, 3, &settings);
            let bounds = example_weights(&labels, &settings);
            let mut expected = [0.0; 4];
            for ((r, &label), &c) in rows.iter().zip(&labels).zip(&bounds) {
                let y = if label { 1.0 } else { -1.0 };
                let pull = c * y * sigmoid(-y * model.margin(r));
                r.columns.iter().zip(&r.values).for_each(|(&k, v)| expected[k as usize] += pull * v);
                expected[3] += pull;
            }
            let got = [model.weights[0], model.weights[1], model.weights[2], model.bias];
            for (g, e) in got.iter().zip(expected) {
                assert!((g - e).abs() < 1e-6, "balanced {balanced}: {got:?} against {expected:?}");
            }
        }
        let settings = Settings { balanced: true, ..Settings::default() };
        let weights = example_weights(&[true, false, false, false], &settings);
        assert_eq!(weights, [8.0, 8.0 / 3.0, 8.0 / 3.0, 8.0 / 3.0], "n / (2 n_class) times C = 4");
    }

    #[test]
    fn sigmoid_is_bounded() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(1000.0) <= 1.0 && sigmoid(-1000.0) >= 0.0);
        assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
    }
}
