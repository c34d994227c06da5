//! The Community Security Index from a deployment's own data: survey shares
//! per governorate and quarter, report rates from an imported population
//! table, ranks with their plausible intervals, and flags for what is missing.

use crate::cli::aman;
use crate::support::TestApp;
use aman_core::area::Pcode;
use aman_db::NewResponse;

/// `n` respondents of a governorate who all answer `good` (or all `bad`).
fn responses(governorate: &str, n: usize, good: bool) -> Vec<NewResponse> {
    let pick = |yes: &str, no: &str| if good { yes.to_owned() } else { no.to_owned() };
    (0..n)
        .map(|i| {
            let answers = serde_json::json!({
                "safe_night": pick("very_safe", "very_unsafe"), "group_relations": pick("good", "bad"),
                "youth_future": pick("agree", "disagree"), "trust_cso": pick("some", "none"),
                "trust_police": pick("a_lot", "none"), "trust_courts": pick("some", "little"),
                "report_crime": pick("very_likely", "very_unlikely"),
            });
            NewResponse {
                external_id: format!("{governorate}-{i}"),
                area: Pcode::parse(governorate).expect("pcode"),
                collected_on: chrono::NaiveDate::from_ymd_opt(2026, 8, 1 + (i % 28) as u32).expect("date"),
                weight: 1.0,
                stratum: None,
                cluster: None,
                sex: Some(if i % 2 == 0 { "female" } else { "male" }.to_owned()),
                age_group: None,
                displacement: None,
                answers: answers.to_string(),
                source: "import",
                text_sealed: None,
            }
        })
        .collect()
}

#[tokio::test]
async fn governorates_are_ranked_with_intervals_and_missing_data_flagged() {
    let app = TestApp::sqlite().await;
    let workbook =
        std::fs::read(format!("{}/../../data/surveys/community-security-perception.xlsx", env!("CARGO_MANIFEST_DIR")))
            .expect("item bank");
    let form = app.db.insert_survey_form("aman_perception", "2026.1", "Safety", &workbook, 0).await.expect("form");
    let mut all = responses("IQG02", 40, true);
    all.extend(responses("IQG15", 40, false));
    app.db.insert_responses(form, &all).await.expect("responses");
    let db = app.database_url();
    let key = app.dir.path().join("k.key");
    std::fs::write(&key, aman_core::secrets::Keys::generate([7; 64]).to_json()).expect("key");
    let key = key.display().to_string();
    let index = || {
        let output = aman(&["index", "--period", "2026-Q3", "--db", &db, "--key-file", &key], None);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let row = |csv: &str, area: &str| -> Vec<String> {
        csv.lines().find(|l| l.starts_with(area)).expect(area).split(',').map(str::to_owned).collect()
    };
    let csv = index();
    assert!(csv.starts_with(
        "area,social,economic,cultural,institutional,overall,rank,rank_low,rank_median,rank_high,missing\n"
    ));
    let (basra, ninewa) = (row(&csv, "IQG02"), row(&csv, "IQG15"));
    assert_eq!((basra[6].as_str(), ninewa[6].as_str()), ("1.0000", "2.0000"), "{csv}");
    assert!(basra[10].contains("tribal_conflict_reports"), "no population: rates are missing: {csv}");
    assert!(!csv.contains("IQG08"), "Baghdad has no data: {csv}");

    // With populations, the report rates count.
    let population = app.dir.path().join("population.csv");
    std::fs::write(&population, "pcode,population,year\nIQG02,3000000,2024\nIQG15,4000000,2024\n").expect("csv");
    let imported = aman(&["import", "population", &population.display().to_string(), "--db", &db], None);
    assert!(String::from_utf8_lossy(&imported.stdout).contains("recorded the population of 2 areas"));
    let bad = app.dir.path().join("bad.csv");
    std::fs::write(&bad, "pcode,population,year\nIQG02,3000000,2024\nIQG99,12,2024\n").expect("csv");
    let refused = aman(&["import", "population", &bad.display().to_string(), "--db", &db], None);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 3: `IQG99` is not a known P-code"));
    let csv = index();
    assert!(!row(&csv, "IQG02")[10].contains("tribal_conflict_reports"), "{csv}");

    // The public page draws the rank intervals.
    let page = app.get_text("/index?period=2026-Q3&lang=en").await.1;
    assert!(page.contains("Community Security Index") && page.contains("<svg class=\"interval\""), "{page}");
    assert!(page.find("Al-Basrah").expect("Basra") < page.find("Ninewa").expect("Ninewa"), "ranked best first");
    // A governorate's trend over the last four quarters (only 2026-Q3 has data here).
    let trend = app.get_text("/index?area=IQG02&lang=en").await.1;
    assert!(trend.contains(">2026-Q3<") && trend.contains(">1 / 2<"), "{trend}");
}
