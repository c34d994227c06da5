//! The public dashboard: a map of the areas below shaded by concerns
//! received, monthly trends per category, the accountability figures —
//! every number protected, nothing moving once a month is over, pages small
//! enough for a weak connection.

use crate::support::TestApp;
use reqwest::StatusCode;

/// Concerns received in the month before last (a complete month once the
/// clock has moved on): 15 and 12 in two districts of Basra, 3 in a third,
/// 11 in Ninewa.
async fn seeded() -> TestApp {
    let app = TestApp::sqlite().await;
    seed(&app).await;
    app
}

pub async fn seed(app: &TestApp) {
    for (area, n) in [("IQG02Q01", 15), ("IQG02Q02", 12), ("IQG02Q03", 3), ("IQG15", 11)] {
        for _ in 0..n {
            app.submit("crime", area).await;
        }
    }
    // Forty days on, the month they arrived in is over.
    app.advance_minutes(40 * 24 * 60);
}

both! {
async fn the_dashboard_maps_protected_counts_and_trends(app: TestApp) {
    seed(&app).await;
    let (status, country) = app.get_text("/dashboard?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    // The country: eighteen governorates drawn, Basra shown, the others
    // hidden — Ninewa's 11 too: shown, it would tell that every other
    // governorate received none (41 − 30 − 11).
    assert_eq!(country.matches("<path class=").count(), 18, "{country}");
    assert!(country.contains("href=\"/dashboard/IQG02\"") && country.contains("Al-Basrah: 30"), "{country}");
    assert!(country.contains("Ninewa: &#60;11") && country.contains("Al-Anbar: &#60;11"), "{country}");
    assert!(country.contains("Concerns received: 41"), "{country}");
    // Trends rounded: 41 crime concerns in one month read ≈40.
    assert!(country.contains("≈40"), "{country}");

    // Basra: its districts, the one with three hidden.
    let (_, basra) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert!(basra.contains("Concerns received: 30"), "{basra}");
    // Abu Al-Khaseeb's 15 is shown; Basra district's 12 is hidden too, or
    // 30 − 15 − 12 would tell that the others received 3 between them.
    assert!(basra.contains("Abu Al-Khaseeb: 15</title>") && basra.contains("Al-Basrah: &#60;11</title>"), "{basra}");
    assert!(!basra.contains(": 3</title>") && !basra.contains(": 12</title>"), "{basra}");
    assert!(basra.contains("href=\"/dashboard\""), "the way back up");
    // A district hidden among its neighbours shows nothing of its own.
    let (_, small) = app.get_text("/dashboard/IQG02Q03?lang=en").await;
    assert!(small.contains("Concerns received: &#60;11"), "{small}");
    assert!(small.contains("Too few concerns in this area"), "{small}");

    // In Arabic, right to left, the same numbers.
    let (_, arabic) = app.get_text("/dashboard/IQG02?lang=ar").await;
    assert!(arabic.contains("dir=\"rtl\"") && arabic.contains("البلاغات الواردة: 30"), "{arabic}");
    // Unknown places are not found.
    assert_eq!(app.get_text("/dashboard/IQG99").await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get_text("/dashboard/nowhere").await.0, StatusCode::NOT_FOUND);
}
}

/// A month's figures never change once published: a concern received
/// today does not move them (it belongs to a month not yet shown).
#[tokio::test]
async fn published_months_do_not_move() {
    let app = seeded().await;
    let (_, before) = app.get_text("/dashboard/IQG02?lang=en").await;
    app.submit("crime", "IQG02Q01").await;
    let (_, after) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert_eq!(before, after);
}

/// The pages stay small for a weak connection: the whole country and the
/// areas with the most areas below them.
#[tokio::test]
async fn every_dashboard_page_weighs_under_200_kb() {
    let app = seeded().await;
    let areas = app.state.areas();
    let mut biggest = ("IQ".to_owned(), 0usize);
    let mut paths: Vec<String> = vec!["/dashboard".to_owned()];
    paths.extend((1..=2).flat_map(|level| areas.at_level(level)).map(|a| format!("/dashboard/{}", a.pcode)));
    for path in paths {
        let (status, page) = app.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        if page.len() > biggest.1 {
            biggest = (path.clone(), page.len());
        }
    }
    eprintln!("largest dashboard page: {} ({} bytes)", biggest.0, biggest.1);
    assert!(biggest.1 < 200_000, "{biggest:?}");
}
