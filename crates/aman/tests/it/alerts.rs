//! Early warning end to end: concerns counted into the series of every area
//! level, a spike raising one alert per level and category (and no more on
//! later runs), who sees and moves alerts, escalation of unacknowledged
//! alerts with a controllable clock, and conflict events imported from UCDP.

use crate::cli::aman;
use crate::support::TestApp;
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const SUBDISTRICT: &str = "IQG02Q03N01";
const DISTRICT: &str = "IQG02Q03";

async fn report(app: &TestApp, category: &str, days_ago: u64) {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date") - chrono::Days::new(days_ago);
    let body = json!({"category": category, "description": "Shots fired between two clans near the river.",
        "area": SUBDISTRICT, "occurred_on": day.to_string()});
    assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
}

fn alerts_of(body: &Value) -> Vec<(String, String, String)> {
    let mut list: Vec<(String, String, String)> = body["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| {
            let field = |name: &str| a[name].as_str().unwrap_or_default().to_owned();
            (field("area"), field("category"), field("status"))
        })
        .collect();
    list.sort();
    list
}

both! {
async fn a_spike_raises_alerts_that_committees_answer(app: TestApp) {
    for days_ago in [20, 17, 14, 11, 8, 5] {
        report(&app, "tribal_conflict", days_ago).await;
    }
    for _ in 0..5 {
        report(&app, "tribal_conflict", 0).await;
        report(&app, "security_conduct", 0).await;
    }
    let run = aman_app::alerts::run(&app.state).await.expect("run");
    assert_eq!(run.counted, 16);
    // One alert per cluster and category, at the deepest level that explains
    // it (the sub-district); the district, governorate and country sums that
    // rose with it raise nothing of their own.
    assert_eq!(run.new_alerts, 2, "{run}");
    let again = aman_app::alerts::run(&app.state).await.expect("run");
    assert_eq!((again.counted, again.new_alerts), (0, 0), "no alert storm: {again}");
    assert!(again.continued >= 2, "{again}");

    let basra = app.staff(Role::TriageOfficer, "IQG02").await;
    let (status, body) = basra.get("/api/v1/alerts").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = alerts_of(&body);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.contains(&(SUBDISTRICT.to_owned(), "tribal_conflict".to_owned(), "new".to_owned())));
    let police = app.staff(Role::PoliceLiaison, "IQG02").await;
    let police_seen = alerts_of(&police.get("/api/v1/alerts").await.1);
    assert_eq!(police_seen.len(), 1);
    assert!(police_seen.iter().all(|(_, category, _)| category == "tribal_conflict"), "{police_seen:?}");
    let elsewhere = app.staff(Role::TriageOfficer, "IQG15").await;
    assert!(alerts_of(&elsewhere.get("/api/v1/alerts").await.1).is_empty());
    assert_eq!(app.staff(Role::Analyst, "IQ").await.get("/api/v1/alerts").await.0, StatusCode::FORBIDDEN);

    // The committee answers the sub-district's tribal-conflict alert.
    let (_, body) = basra.get(&format!("/api/v1/alerts?area={SUBDISTRICT}&category=tribal_conflict")).await;
    let alert = &body["alerts"][0];
    let (id, version) = (alert["id"].as_i64().expect("id"), alert["version"].as_i64().expect("version"));
    assert_eq!(alert["observed"], 5);
    // The alert names the concerns that raised it.
    let (status, detail) = basra.get(&format!("/api/v1/alerts/{}", alert["id"])).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let raised_by = detail["concerns"].as_array().expect("concerns").len();
    assert_eq!(raised_by, 5, "today's five reports in the sub-district: {detail}");
    assert_eq!(app.staff(Role::Analyst, "IQG02").await.get(&format!("/api/v1/alerts/{}", alert["id"])).await.0, StatusCode::FORBIDDEN);
    assert_eq!(elsewhere.get(&format!("/api/v1/alerts/{}", alert["id"])).await.0, StatusCode::NOT_FOUND);
    // An alert of the district over the same days lists the sub-district's below it.
    let day = aman_db::day_number(alert["first_day"].as_str().and_then(|d| d.parse().ok()).expect("date"));
    let mut tx = app.db.begin().await.expect("begin");
    let district_alarm = aman_db::AlarmRecord {
        source: aman_core::alert::SeriesSource::Concerns,
        area: DISTRICT,
        category: "tribal_conflict",
        method: aman_core::alert::AlertMethod { detector: aman_core::alert::Detector::EarsC2, weekly: false },
        day,
        observed: 7,
        expected: Some(1.0),
        threshold: Some(4.0),
        score: Some(5.0),
    };
    let district = tx.insert_alert(&district_alarm, crate::support::START_MS).await.expect("alert");
    tx.commit().await.expect("commit");
    let (_, parent) = basra.get(&format!("/api/v1/alerts/{district}")).await;
    let children: Vec<i64> = parent["children"].as_array().expect("children").iter().filter_map(|c| c["id"].as_i64()).collect();
    assert_eq!(children, [alert["id"].as_i64().expect("id")], "{parent}");
    assert_eq!(parent["concerns"].as_array().map(Vec::len), Some(5));
    let path = format!("/api/v1/alerts/{id}/transitions");
    let committee = app.staff(Role::CommitteeMember, "IQG02").await;
    let code = |r: (StatusCode, Value)| (r.0.as_u16(), r.1["error"]["code"].as_str().unwrap_or("").to_owned());
    assert_eq!(code(committee.post(&path, &json!({"to": "closed"})).await), (409, "illegal_transition".into()));
    assert_eq!(code(committee.post(&path, &json!({"to": "dismissed"})).await), (422, "validation_failed".into()));
    assert_eq!(code(police.post(&path, &json!({"to": "acknowledged"})).await), (403, "forbidden".into()));
    let (status, moved) = committee.post(&path, &json!({"to": "acknowledged", "version": version})).await;
    assert_eq!((status, moved["status"].as_str()), (StatusCode::OK, Some("acknowledged")), "{moved}");
    let stale = committee.post(&path, &json!({"to": "response_planned", "version": version})).await;
    assert_eq!(code(stale), (409, "edit_conflict".into()));
    let (status, _) = committee.post(&path, &json!({"to": "response_planned", "reason": "Meeting with both sheikhs on Thursday"})).await;
    assert_eq!(status, StatusCode::OK);

    // Nobody acknowledged the others: after 48 hours they go one level up.
    app.advance_minutes(49 * 60);
    let later = aman_app::alerts::run(&app.state).await.expect("run");
    assert_eq!(later.escalated, 2, "the two alerts nobody answered, not the answered one: {later}");
    assert_eq!(basra.get("/api/v1/alerts").await.0, StatusCode::UNAUTHORIZED, "sessions end after 12 hours");
    let basra = app.staff(Role::Administrator, "IQG02").await;
    let (_, body) = basra.get(&format!("/api/v1/alerts?area={SUBDISTRICT}&category=security_conduct")).await;
    assert_eq!(body["alerts"][0]["escalated_to"], DISTRICT, "{body}");
    let (_, body) = basra.get(&format!("/api/v1/alerts?area={SUBDISTRICT}&category=tribal_conflict")).await;
    assert!(body["alerts"][0]["escalated_to"].is_null(), "an acknowledged alert is not escalated");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for action in ["alert.raise", "alert.transition", "alert.escalate"] {
        assert!(audit.iter().any(|row| row.iter().any(|cell| cell == action)), "{action} audited");
    }
}

async fn the_series_are_counted_once_and_incrementally(app: TestApp) {
    for days_ago in [3, 2, 2] {
        report(&app, "crime", days_ago).await;
    }
    aman_app::alerts::run(&app.state).await.expect("run");
    report(&app, "crime", 1).await;
    report(&app, "hate_speech", 2).await;
    let run = aman_app::alerts::run(&app.state).await.expect("run");
    assert_eq!(run.counted, 2, "only what arrived since the last run");
    aman_app::alerts::run(&app.state).await.expect("run");
    let counts = app.db.table_snapshot("daily_counts").await.expect("counts");
    let total = |area: &str, category: &str| -> i64 {
        counts.iter().filter(|r| r[0] == "concerns" && r[1] == area && r[2] == category).map(|r| r[4].parse::<i64>().expect("count")).sum()
    };
    for area in [SUBDISTRICT, DISTRICT, "IQG02", "IQ"] {
        assert_eq!((total(area, "crime"), total(area, "hate_speech")), (4, 1), "{area}");
    }
    let two_days_ago = aman_db::day_number(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")).to_string();
    let day = counts.iter().find(|r| r[1] == SUBDISTRICT && r[2] == "crime" && r[3] == two_days_ago).expect("row");
    assert_eq!(day[4], "2");
}
}

#[tokio::test]
async fn the_alerts_page_lists_alerts_and_moves_them_with_csrf() {
    let app = TestApp::sqlite().await;
    for days_ago in [20, 13, 6] {
        report(&app, "armed_groups_weapons", days_ago).await;
    }
    for _ in 0..6 {
        report(&app, "armed_groups_weapons", 1).await;
    }
    assert!(aman_app::alerts::run(&app.state).await.expect("run").new_alerts > 0);
    let password = app.add_user("secretary@basra", Role::CommitteeMember, "IQG02").await;
    let login = app
        .client
        .post(app.url("/staff/login"))
        .form(&app.login_form("secretary@basra", &password))
        .send()
        .await
        .expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned();
    let queue = app.client.get(app.url("/staff?lang=en")).header("cookie", &cookie).send().await.expect("queue");
    let queue = queue.text().await.expect("html");
    assert!(queue.contains("open early-warning alert") && queue.contains("/staff/alerts?open=1"), "{queue}");
    let page = app.client.get(app.url("/staff/alerts?lang=en")).header("cookie", &cookie).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Al-Bahhar") && html.contains(">New<"), "{html}");
    let start = html.find("action=\"/staff/alerts/").expect("a form") + "action=\"/staff/alerts/".len();
    let id: i64 = html[start..].split('"').next().expect("id").parse().expect("number");
    let form = |csrf: &str| [("csrf", csrf.to_owned()), ("to", "acknowledged".to_owned()), ("reason", String::new())];
    let forged = app
        .client
        .post(app.url(&format!("/staff/alerts/{id}")))
        .header("cookie", &cookie)
        .form(&form("forged"))
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let csrf_start = html.find("name=\"csrf\" value=\"").expect("csrf") + "name=\"csrf\" value=\"".len();
    let csrf = html[csrf_start..].split('"').next().expect("token");
    let moved = app
        .client
        .post(app.url(&format!("/staff/alerts/{id}")))
        .header("cookie", &cookie)
        .form(&form(csrf))
        .send()
        .await
        .expect("post");
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let alert = app.db.alert(id).await.expect("query").expect("alert");
    assert_eq!(alert.status.as_str(), "acknowledged");
}

#[test]
fn conflict_events_import_once_and_feed_the_series() {
    let dir = tempfile::TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("events.db").display());
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    let file = format!("{}/../../data/events/conflict_data_irq.csv", env!("CARGO_MANIFEST_DIR"));
    let import = || aman(&["import", "events", "--format", "ucdp", &file, "--db", &db], None);
    let refused = import();
    assert!(String::from_utf8_lossy(&refused.stderr).contains("import them first"), "areas are needed first");
    assert!(aman(&["import", "areas", &crate::cli::boundaries_dir(), "--db", &db], None).status.success());
    let first = import();
    let first = String::from_utf8_lossy(&first.stdout).into_owned();
    let second = import();
    let second = String::from_utf8_lossy(&second.stdout).into_owned();
    let new: u64 =
        first.split("; ").nth(1).and_then(|p| p.split(' ').next()).and_then(|n| n.parse().ok()).expect(&first);
    assert!(new > 7000, "{first}");
    assert!(second.contains("; 0 new,"), "idempotent: {second}");
    let run = aman(&["alerts", "run", "--db", &db, "--key-file", &key], None);
    assert!(
        String::from_utf8_lossy(&run.stdout).contains(&format!("counted {new} records")),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}

#[tokio::test]
async fn a_rise_spread_over_a_week_is_caught_by_the_weekly_series() {
    let app = TestApp::sqlite().await;
    for weeks_ago in 1..9 {
        report(&app, "hate_speech", weeks_ago * 7 + 3).await;
    }
    for days_ago in 0..6 {
        report(&app, "hate_speech", days_ago).await;
    }
    let run = aman_app::alerts::run(&app.state).await.expect("run");
    assert!(run.new_alerts >= 1, "{run}");
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, body) = staff.get(&format!("/api/v1/alerts?area={SUBDISTRICT}&category=hate_speech")).await;
    let alert = &body["alerts"][0];
    assert_eq!((alert["method"].as_str(), alert["observed"].as_i64()), (Some("ears-c2-weekly"), Some(6)), "{body}");
}
