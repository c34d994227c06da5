//! Normalisation, aggregation and ranking on one set of values and weights
//! (the point estimate, or one Monte Carlo draw).

use super::config::{Aggregation, Direction, IndexConfig, Normalisation};

/// What stays fixed across draws.
pub(super) struct Layout<'a> {
    pub config: &'a IndexConfig,
    /// Period index of every row (area × period).
    pub period_of_row: &'a [usize],
    pub n_periods: usize,
    /// Whether a row's coverage allows ranking it.
    pub eligible: &'a [bool],
}

/// Scores of every row.
pub(super) struct Scores {
    pub pillars: Vec<[Option<f64>; 4]>,
    pub overall: Vec<Option<f64>>,
    pub ranks: Vec<Option<f64>>,
}

/// Normalises one indicator over the rows that have it (NaN = missing, kept).
///
/// Min-max maps the worst value to 0 and the best to 1; z-score gives
/// (x − mean)/sd with the sample sd (n − 1), negated when lower is better.
/// An indicator with no spread (or a single value) carries no information
/// about differences: every row gets the midpoint (0.5, or 0 for z-scores).
pub(super) fn normalise(column: &[f64], direction: Direction, method: Normalisation) -> Vec<f64> {
    let present: Vec<f64> = column.iter().copied().filter(|v| !v.is_nan()).collect();
    let flip = direction == Direction::LowerIsBetter;
    match method {
        Normalisation::MinMax => {
            let min = present.iter().copied().fold(f64::INFINITY, f64::min);
            let max = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let range = max - min;
            column
                .iter()
                .map(|&x| match () {
                    _ if x.is_nan() => f64::NAN,
                    _ if range <= 0.0 => 0.5,
                    _ if flip => (max - x) / range,
                    _ => (x - min) / range,
                })
                .collect()
        }
        Normalisation::ZScore => {
            let n = present.len() as f64;
            let mean = present.iter().sum::<f64>() / n;
            let ss: f64 = present.iter().map(|x| (x - mean) * (x - mean)).sum();
            let sd = if present.len() > 1 { (ss / (n - 1.0)).sqrt() } else { 0.0 };
            column
                .iter()
                .map(|&x| match () {
                    _ if x.is_nan() => f64::NAN,
                    _ if sd <= 0.0 => 0.0,
                    _ if flip => (mean - x) / sd,
                    _ => (x - mean) / sd,
                })
                .collect()
        }
    }
}

/// The shift that makes every value at least 1 before a geometric mean:
/// c = 1 − min(0, smallest value). With min-max scores c = 1.
pub(super) fn geometric_shift<'a>(values: impl Iterator<Item = &'a f64>) -> f64 {
    let min = values.copied().filter(|v| !v.is_nan()).fold(0.0, f64::min);
    1.0 - min
}

/// Weighted mean of `(value, weight)` pairs, weights renormalised over the
/// pairs given; `None` when there are none.
fn aggregate(items: &[(f64, f64)], how: Aggregation, shift: f64) -> Option<f64> {
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    if items.is_empty() || total <= 0.0 {
        return None;
    }
    Some(match how {
        Aggregation::Arithmetic => items.iter().map(|(v, w)| v * w).sum::<f64>() / total,
        Aggregation::Geometric => (items.iter().map(|(v, w)| w * (v + shift).ln()).sum::<f64>() / total).exp() - shift,
    })
}

/// Scores and ranks every row. `raw[i][r]` is indicator *i*'s value in row
/// *r* (NaN = missing); `indicator_w` and `pillar_w` are the weights to use.
pub(super) fn score(layout: &Layout, raw: &[Vec<f64>], indicator_w: &[f64], pillar_w: &[f64; 4]) -> Scores {
    let config = layout.config;
    let normalised: Vec<Vec<f64>> = config
        .indicators
        .iter()
        .zip(raw)
        .map(|(spec, column)| normalise(column, spec.direction, config.normalisation))
        .collect();
    let shift = geometric_shift(normalised.iter().flatten());
    let n_rows = layout.period_of_row.len();
    let mut pillars = vec![[None; 4]; n_rows];
    let mut items = Vec::new();
    for (r, row) in pillars.iter_mut().enumerate() {
        for (p, slot) in row.iter_mut().enumerate() {
            items.clear();
            for (i, spec) in config.indicators.iter().enumerate() {
                let v = normalised[i][r];
                if spec.pillar.index() == p && !v.is_nan() {
                    items.push((v, indicator_w[i]));
                }
            }
            *slot = aggregate(&items, config.pillar_aggregation, shift);
        }
    }
    let shift = geometric_shift(pillars.iter().flatten().flatten());
    let overall: Vec<Option<f64>> = pillars
        .iter()
        .map(|row| {
            let items: Vec<(f64, f64)> =
                row.iter().zip(pillar_w).filter_map(|(s, &w)| s.map(|s| (s, w))).filter(|(_, w)| *w > 0.0).collect();
            aggregate(&items, config.overall_aggregation, shift)
        })
        .collect();
    let ranks = rank(&overall, layout);
    Scores { pillars, overall, ranks }
}

/// Ranks within each period, 1 = best (highest score); ties (equal to 1e-12
/// relative) share the average of their ranks. Rows without a score or not
/// eligible get none.
pub(super) fn rank(overall: &[Option<f64>], layout: &Layout) -> Vec<Option<f64>> {
    let mut ranks = vec![None; overall.len()];
    for period in 0..layout.n_periods {
        let mut rows: Vec<(usize, f64)> = overall
            .iter()
            .enumerate()
            .filter_map(|(r, s)| match s {
                Some(s) if layout.period_of_row[r] == period && layout.eligible[r] => Some((r, *s)),
                _ => None,
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut start = 0;
        while start < rows.len() {
            let mut end = start + 1;
            let tie = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0);
            while end < rows.len() && tie(rows[start].1, rows[end].1) {
                end += 1;
            }
            // positions start..end hold ranks start+1..=end; their average
            let shared = (start + 1 + end) as f64 / 2.0;
            for &(r, _) in &rows[start..end] {
                ranks[r] = Some(shared);
            }
            start = end;
        }
    }
    ranks
}

/// Quantile of sorted data, R's default (type 7, linear interpolation).
pub(super) fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
