//! Checks of `glm.rs`: R's results, and each shortcut against the plain
//! IRLS it replaces.

use crate::family::Family;
use crate::glm::Glm;

#[test]
fn poisson_intercept_only_is_the_mean() {
    let mut g = Glm::default();
    g.reset(1);
    for y in [1.0, 2.0, 3.0, 6.0] {
        g.push_row(&[1.0], y, 1.0);
    }
    assert!(g.fit(Family::Poisson));
    assert!(g.converged);
    assert!((g.coef[0].exp() - 3.0).abs() < 1e-9);
}

#[test]
fn all_zero_shortcut_gives_the_full_iteration() {
    // The shortcut needs an intercept of ones; a column of twos spans the
    // same model but takes every IRLS step.
    let fit = |one: f64| {
        let mut g = Glm::default();
        g.reset(2);
        for t in 0..21 {
            g.push_row(&[one, f64::from(t)], 0.0, 1.0);
        }
        assert!(g.fit(Family::Poisson));
        g
    };
    let (short, full) = (fit(1.0), fit(2.0));
    assert!(short.converged && full.converged);
    assert!((short.coef[0] - 2.0 * full.coef[0]).abs() < 1e-9, "{:?} {:?}", short.coef, full.coef);
    assert!((short.coef[1] - full.coef[1]).abs() < 1e-9, "{:?} {:?}", short.coef, full.coef);
    assert!((short.dispersion() / full.dispersion() - 1.0).abs() < 1e-6);
    // ln(0.1) - 23: the step at which glm.fit's deviance criterion holds.
    assert!((short.coef[0] - (0.1f64.ln() - 23.0)).abs() < 1e-9, "{:?}", short.coef);
}

#[test]
fn runs_of_equal_rows_give_the_row_by_row_fit() {
    // Intercept + a two-level factor: grouped rows take the path by runs,
    // alternating rows the one by rows; the fits must agree.
    let ys = [[0.0, 2.0, 1.0, 0.0, 3.0], [4.0, 1.0, 6.0, 2.0, 5.0]];
    let fit = |grouped: bool| {
        let mut g = Glm::default();
        g.reset(2);
        let order: Vec<(usize, usize)> = if grouped {
            (0..2).flat_map(|l| (0..5).map(move |i| (l, i))).collect()
        } else {
            (0..5).flat_map(|i| (0..2).map(move |l| (l, i))).collect()
        };
        for (l, i) in order {
            g.push_row(&[1.0, l as f64], ys[l][i], 1.0 + 0.1 * i as f64);
        }
        assert_eq!(g.find_runs(), grouped);
        assert!(g.fit(Family::Poisson) && g.converged);
        g
    };
    let (runs, rows) = (fit(true), fit(false));
    for j in 0..2 {
        assert!((runs.coef[j] - rows.coef[j]).abs() < 1e-12, "{:?} {:?}", runs.coef, rows.coef);
    }
    assert!((runs.dispersion() - rows.dispersion()).abs() < 1e-12);
    let mut buf = [0.0; 2];
    let (a, b) = (runs.predict_link(&[1.0, 1.0], &mut buf), rows.predict_link(&[1.0, 1.0], &mut buf));
    assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
    let (mut runs, mut rows) = (runs, rows);
    let (mut h_runs, mut h_rows) = (Vec::new(), Vec::new());
    runs.hats(&mut h_runs);
    rows.hats(&mut h_rows);
    assert!((h_runs[0] - h_rows[0]).abs() < 1e-12);
}

#[test]
fn poisson_slope_matches_r() {
    // R: coef(glm(c(1,0,2,4,3,7,9) ~ I(1:7), family = poisson))
    //  (Intercept) -0.749263304558  slope 0.429387376732
    let mut g = Glm::default();
    g.reset(2);
    for (i, y) in [1.0, 0.0, 2.0, 4.0, 3.0, 7.0, 9.0].iter().enumerate() {
        g.push_row(&[1.0, (i + 1) as f64], *y, 1.0);
    }
    assert!(g.fit(Family::Poisson));
    assert!((g.coef[0] - -0.749263304558).abs() < 1e-6, "{:?}", g.coef);
    assert!((g.coef[1] - 0.429387376732).abs() < 1e-6, "{:?}", g.coef);
}

#[test]
fn hat_values_match_r() {
    // R: hatvalues(glm(c(1,0,2,4,3,7,9) ~ I(1:7), family = poisson))
    let r = [0.2408721144, 0.2408140579, 0.2210495012, 0.1870795114, 0.1702519626, 0.2615608239, 0.6783720286];
    let mut g = Glm::default();
    g.reset(2);
    for (i, y) in [1.0, 0.0, 2.0, 4.0, 3.0, 7.0, 9.0].iter().enumerate() {
        g.push_row(&[1.0, (i + 1) as f64], *y, 1.0);
    }
    assert!(g.fit(Family::Poisson));
    let mut h = Vec::new();
    g.hats(&mut h);
    for (ours, r) in h.iter().zip(r) {
        assert!((ours - r).abs() < 1e-9, "{h:?}");
    }
    assert!((h.iter().sum::<f64>() - 2.0).abs() < 1e-12, "the hat values sum to the rank");
}
