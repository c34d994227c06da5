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
    assert!(country.contains("href=\"/dashboard/IQG02\"") && country.contains("Al-Basrah: ≈30"), "{country}");
    assert!(country.contains("Ninewa: &#60;11") && country.contains("Al-Anbar: &#60;11"), "{country}");
    // Rounded to 5 like every count here (twelve months are sometimes four
    // of accountability's quarters: exact, they would subtract).
    assert!(country.contains("Concerns received: ≈40"), "{country}");
    // Trends rounded: 41 crime concerns in one month read ≈40, every kind
    // together first, then crime.
    assert!(country.contains("≈40"), "{country}");
    let all_kinds = country.find("All kinds of threat together").expect("every kind together");
    assert!(country[all_kinds..].contains("Crime"), "{country}");

    // Basra: its districts, the one with three hidden.
    let (_, basra) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert!(basra.contains("Concerns received: ≈30"), "{basra}");
    // Abu Al-Khaseeb's 15 is shown; Basra district's 12 is hidden too, or
    // 30 − 15 − 12 would tell that the others received 3 between them.
    assert!(basra.contains("Abu Al-Khaseeb: ≈15</title>") && basra.contains("Al-Basrah: &#60;11</title>"), "{basra}");
    assert!(!basra.contains("3</title>") && !basra.contains("12</title>"), "{basra}");
    assert!(basra.contains("href=\"/dashboard\""), "the way back up");
    // A district hidden among its neighbours shows nothing of its own.
    let (_, small) = app.get_text("/dashboard/IQG02Q03?lang=en").await;
    assert!(small.contains("Concerns received: &#60;11"), "{small}");
    assert!(small.contains("Too few concerns in this area"), "{small}");

    // In Arabic, right to left, the same numbers.
    let (_, arabic) = app.get_text("/dashboard/IQG02?lang=ar").await;
    assert!(arabic.contains("dir=\"rtl\"") && arabic.contains("البلاغات الواردة: ≈30"), "{arabic}");
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

/// Public figures are read from the database once for every page and kept
/// for ten minutes: concerns imported late into a month already shown
/// appear once the figures are read again (renewed after five), not before.
#[tokio::test]
async fn late_arrivals_show_once_the_figures_are_read_again() {
    let app = seeded().await;
    let (_, before) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert!(before.contains("Abu Al-Khaseeb: ≈15"), "{before}");
    for n in 0..20 {
        let input = aman_core::concern::ConcernInput {
            category: Some("crime".into()),
            description: Some(format!("Shots fired near the market, night {n}.")),
            area: Some("IQG02Q01".into()),
            occurred_on: Some("2026-11-29".into()),
            ..Default::default()
        };
        let received = crate::support::START_MS + 3_600_000;
        assert!(aman_app::concerns::import(&app.state, &input, &format!("late-{n}"), received).await.expect("import"));
    }
    let (_, kept) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert_eq!(kept, before, "the figures read a minute ago are shown");
    // A server renews what pages asked for once half the time has passed,
    // before any reader has to wait for it.
    app.advance_minutes(4);
    app.state.published().renew(&app.state).await.expect("renew");
    let (_, kept) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert_eq!(kept, before, "not yet due");
    app.advance_minutes(2);
    app.state.published().renew(&app.state).await.expect("renew");
    let (_, after) = app.get_text("/dashboard/IQG02?lang=en").await;
    assert!(after.contains("Abu Al-Khaseeb: ≈35"), "{after}");
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

both! {
/// The situation report of a month that is over: the same protection as
/// the dashboard, every section on the public page; staff choose sections.
async fn a_month_is_reported_with_protected_figures(app: TestApp) {
    seed(&app).await;
    let (status, report) = app.get_text("/dashboard/IQG02/sitrep/2026-11?lang=en").await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(report.contains("Situation report: Al-Basrah"), "{report}");
    assert!(report.contains("Concerns received: ≈30 (the month before: &#60;11)"), "{report}");
    assert_eq!(report.matches("<path class=").count(), 7, "Basra's districts on the map");
    assert!(report.contains("Abu Al-Khaseeb: ≈15</title>"), "{report}");
    assert!(report.contains("No early-warning alert was raised this month."), "{report}");
    assert!(report.contains("CC BY-IGO"), "the boundaries' attribution is printed with the map");
    // A month not over, a month that is not one, a place that is not one.
    let (status, page) = app.get_text("/dashboard/IQG02/sitrep/2027-01?lang=en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert_eq!(app.get_text("/dashboard/IQG02/sitrep/2026-13").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get_text("/dashboard/IQG99/sitrep/2026-11").await.0, StatusCode::NOT_FOUND);

    // Staff: their own area and the last month over by default; the sections they tick.
    let password = app.add_user("sitrep@test", aman_core::role::Role::CommitteeMember, "IQG02").await;
    let cookie = app.page_login("sitrep@test", &password).await;
    let page = app.page_as(&cookie, "/staff/sitrep?lang=en").await;
    assert!(page.contains("Situation report: Al-Basrah") && page.contains("By kind of threat"), "{page}");
    let page = app.page_as(&cookie, "/staff/sitrep?lang=en&chosen=1&area=Basra&month=2026-11&map=1").await;
    assert!(page.contains("<h2 id=\"map-heading\">") && !page.contains("<h2>By kind of threat</h2>"), "{page}");
    assert!(page.contains("≈30"), "{page}");
}
}

/// `aman report sitrep` writes the report as a standalone HTML file, and
/// as a PDF through headless Chromium with the Arabic as text.
#[tokio::test]
async fn the_situation_report_is_written_to_html_and_pdf() {
    let app = seeded().await;
    let dir = tempfile::TempDir::new().expect("dir");
    let (key, db) = (app.key_file(), app.database_url());
    let report = |format: &str, lang: &str, out: &std::path::Path, chromium: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_aman"));
        command
            .args(["report", "sitrep", "--area", "IQG02", "--month", "2026-11", "--format", format, "--lang", lang])
            .arg("--out")
            .arg(out)
            .args(["--db", &db, "--key-file", &key])
            .env_remove("AMAN_DATABASE_URL");
        if let Some(binary) = chromium {
            command.env("AMAN_CHROMIUM", binary);
        }
        command.output().expect("aman runs")
    };
    let html = dir.path().join("basra.html");
    let written = report("html", "ar", &html, None);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let text = std::fs::read_to_string(&html).expect("html");
    assert!(text.contains("تقرير الوضع: البصرة") && text.contains("dir=\"rtl\""), "{text}");
    assert!(text.contains("<style>") && !text.contains("<script") && !text.contains("/static/aman.css"), "standalone");

    let Some(chromium) = crate::support::chromium() else { return };
    let pdf = dir.path().join("basra.pdf");
    let written = report("pdf", "ckb", &pdf, Some(&chromium));
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 5_000, "{} bytes", bytes.len());
    // The Sorani is real text in the PDF, when poppler's pdftotext is here to read it.
    if let Ok(extracted) = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&extracted.stdout);
        assert!(text.contains("بەسرە") || text.contains("ڕاپۆرتی دۆخ"), "{text}");
    }
    if let Ok(dir) = std::env::var("AMAN_KEEP_SITREP") {
        std::fs::copy(&pdf, format!("{dir}/basra-ckb.pdf")).expect("copy");
    }
}

both! {
/// Open data: a month's concerns per area and category as HXL-tagged CSV
/// and as GeoJSON, with the dashboard's protection (rounded, hidden cells
/// left out); only months that are over.
async fn open_data_is_tagged_and_protected(app: TestApp) {
    seed(&app).await;
    let (status, hxl) = app.get_text("/api/v1/public/aggregates?level=2&month=2026-11&format=hxl").await;
    assert_eq!(status, StatusCode::OK, "{hxl}");
    let mut lines = hxl.lines();
    lines.next();
    assert_eq!(
        lines.next(),
        Some("#date+month,#adm1+code,#adm1+name,#adm2+code,#adm2+name,#indicator+name,#indicator+num")
    );
    let rows: Vec<&str> = lines.collect();
    // Abu Al-Khaseeb 15 and Basra district 12 (crime): each shown rounded;
    // the district with 3 and everything else left out.
    assert_eq!(rows, ["2026-11,IQG02,Al-Basrah,IQG02Q01,Abu Al-Khaseeb,crime,15", "2026-11,IQG02,Al-Basrah,IQG02Q02,Al-Basrah,crime,10"]);
    let (_, level1) = app.get_text("/api/v1/public/aggregates?month=2026-11").await;
    assert!(level1.contains("2026-11,IQG02,Al-Basrah,crime,30") && level1.contains("2026-11,IQG15,Ninewa,crime,10"), "{level1}");

    let (status, geojson) = app.get_json("/api/v1/public/aggregates?level=1&month=2026-11&format=geojson").await;
    assert_eq!(status, StatusCode::OK);
    let features = geojson["features"].as_array().expect("features");
    assert_eq!(features.len(), 18);
    let basra = features.iter().find(|f| f["properties"]["pcode"] == "IQG02").expect("Basra");
    assert_eq!(basra["properties"]["counts"]["crime"], 30);
    let lon = basra["geometry"]["coordinates"][0].as_f64().expect("lon");
    assert!((46.0..49.0).contains(&lon), "longitude first: {lon}");

    assert_eq!(app.get_text("/api/v1/public/aggregates?month=2027-01").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get_text("/api/v1/public/aggregates?level=4").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get_text("/api/v1/public/aggregates?format=xml").await.0, StatusCode::UNPROCESSABLE_ENTITY);
}
}

/// HXL's reference library (libhxl, Python) reads the export: the tags, the
/// rows and the numbers. Runs where `AMAN_TEST_HXL_PYTHON` names a Python
/// with libhxl (`.ci/run` makes one); elsewhere it says it was skipped.
#[tokio::test]
async fn libhxl_reads_the_open_data() {
    let Ok(python) = std::env::var("AMAN_TEST_HXL_PYTHON") else {
        eprintln!("skipped: AMAN_TEST_HXL_PYTHON is not set");
        return;
    };
    let app = seeded().await;
    let (_, hxl) = app.get_text("/api/v1/public/aggregates?level=2&month=2026-11").await;
    let dir = tempfile::TempDir::new().expect("dir");
    let file = dir.path().join("aggregates.csv");
    std::fs::write(&file, hxl).expect("write");
    let script = r##"
import sys, hxl
source = hxl.data(sys.argv[1], hxl.input.InputOptions(allow_local=True))
print("|".join(c.display_tag for c in source.columns))
total = 0
for row in source:
    total += int(row.get("#indicator+num"))
    print(row.get("#adm2+code"), row.get("#indicator+name"))
print("total", total)
"##;
    let output = std::process::Command::new(python).arg("-c").arg(script).arg(&file).output().expect("python runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("#date+month|#adm1+code|#adm1+name|#adm2+code|#adm2+name|#indicator+name|#indicator+num")
    );
    assert_eq!(lines.collect::<Vec<_>>(), ["IQG02Q01 crime", "IQG02Q02 crime", "total 25"]);
}
