//! `aman demo` as a newcomer runs it: it starts, prints working accounts
//! (the triage desk with its two-factor key), and within moments its
//! committee sees the early-warning alert of the seeded feud, next to real
//! conflict events imported from UCDP.

use crate::support::{Demo, real_time_code};
use serde_json::{Value, json};

#[tokio::test]
async fn the_demo_starts_with_accounts_alerts_and_events() {
    let dir = tempfile::TempDir::new().expect("dir");
    let demo = Demo::start(&dir, &[]);
    let (base, printed, db) = (demo.base.clone(), &demo.printed, demo.db.clone());
    let account = |email: &str| demo.account(email);
    let client = reqwest::Client::new();
    let login = |body: Value| client.post(format!("{base}/api/v1/sessions")).json(&body).send();
    let (password, key) = account("triage@demo.aman");
    let code = real_time_code(&key.expect("the triage desk has a two-factor key"));
    let session: Value = login(json!({"email": "triage@demo.aman", "password": password, "code": code}))
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    assert!(session["token"].is_string(), "{session}");

    // A field device signs in with the device password the demo printed.
    let device = printed.iter().find(|l| l.trim_start().starts_with("Device (OpenRosa")).expect("a device password");
    let (email, secret) = device.rsplit_once(") ").expect("account").1.split_once(" / ").expect("email / password");
    let forms =
        client.get(format!("{base}/openrosa/formList")).basic_auth(email, Some(secret)).send().await.expect("forms");
    assert_eq!(forms.status(), reqwest::StatusCode::OK, "{device}");
    assert!(forms.text().await.expect("body").contains("<formID>aman_perception</formID>"));

    let (password, key) = account("committee.abualkhaseeb@demo.aman");
    assert!(key.is_none(), "committee members need no second factor");
    let session: Value = login(json!({"email": "committee.abualkhaseeb@demo.aman", "password": password}))
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    let token = session["token"].as_str().expect("token").to_owned();
    let mut seen = Value::Null;
    for _ in 0..100 {
        seen = client
            .get(format!("{base}/api/v1/alerts?category=tribal_conflict&open=1"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("alerts")
            .json()
            .await
            .expect("json");
        if seen["alerts"].as_array().is_some_and(|a| !a.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let alerts = seen["alerts"].as_array().expect("alerts");
    assert!(alerts.iter().any(|a| a["area"].as_str().is_some_and(|p| p.starts_with("IQG02Q01"))), "{seen}");
    // Surveys: a year of perception responses, and the real Kirkuk poll by ethnicity.
    let base = &base;
    let estimates = |path: String| async move {
        let body: Value = reqwest::get(format!("{base}{path}")).await.expect("estimates").json().await.expect("json");
        body["estimates"].as_array().cloned().unwrap_or_default()
    };
    let by_quarter =
        estimates("/api/v1/surveys/aman_perception/estimates?var=safe_night&value=very_safe&by=period".into()).await;
    assert!(by_quarter.len() >= 4 && by_quarter.iter().all(|e| e["suppressed"] == false), "{by_quarter:?}");
    let kirkuk = estimates("/api/v1/surveys/kirkuk_trust/estimates?var=trust_police&by=ethnicity".into()).await;
    let groups: Vec<&str> =
        kirkuk.iter().filter(|e| e["suppressed"] == false).filter_map(|e| e["domain"].as_str()).collect();
    // The few "other" respondents are hidden, and the Turkmen with them: the
    // overall figure minus the three others would give theirs away.
    assert_eq!(groups, ["arab", "kurd"], "{kirkuk:?}");
    // The demo's organisation accounts find their referrals, with what they need to act.
    for email in ["cso.baghdad@demo.aman", "police.mosul@demo.aman"] {
        let (password, _) = account(email);
        let session: Value =
            login(json!({"email": email, "password": password})).await.expect("login").json().await.expect("json");
        let token = session["token"].as_str().expect("token");
        let inbox = client.get(format!("{base}/api/v1/referrals")).bearer_auth(token).send().await.expect("inbox");
        assert_eq!(inbox.status(), reqwest::StatusCode::OK, "{email}");
        let inbox: Value = inbox.json().await.expect("json");
        let first = &inbox["referrals"][0]["concern"];
        assert!(first["description"].is_string() && first["due_on"].is_string(), "{email}: {inbox}");
    }
    drop(demo);
    let stored = aman_db::Db::connect(&db).await.expect("open");
    assert!(stored.count_conflict_events().await.expect("count") > 7000, "real events imported");
    stored.close().await;
}
