//! The doors other systems use, driven with their own protocols' bodies
//! (recorded in `tests/fixtures/`, with their sources) against the real
//! server: RapidPro flows file concerns and follow them.

use crate::support::TestApp;
use aman_app::channels::{self, ChannelKind};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
    let mut request = app.client.post(app.url(path)).json(body);
    if let Some(token) = token {
        request = request.header("authorization", format!("Token {token}"));
    }
    crate::support::json_of(request.send().await.expect("post")).await
}

both! {
/// A RapidPro flow files a concern from its results (category by menu
/// number, a place by its Arabic name, the contact's number sealed), gets
/// the receipt back in the contact's language, files nothing new when
/// RapidPro retries, and a second flow follows the receipt.
async fn a_rapidpro_flow_files_a_concern_and_follows_it(app: TestApp) {
    let (_, secret) = channels::add(&app.state, ChannelKind::RapidPro, "U-Report Iraq").await.expect("channel");
    let (_, sms_secret) = channels::add(&app.state, ChannelKind::SmsSync, "Basra gateway").await.expect("channel");
    let run = fixture("rapidpro/file_concern.json");
    let path = "/channels/rapidpro/concerns";
    for token in [None, Some("not-a-secret"), Some(sms_secret.as_str())] {
        assert_eq!(post(&app, path, token, &run).await.0, StatusCode::UNAUTHORIZED, "{token:?}");
    }
    let (status, filed) = post(&app, path, Some(&secret), &run).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    let receipt = filed["receipt"].as_str().expect("receipt").to_owned();
    assert_eq!(filed["status"], "submitted");
    assert!(filed["message"].as_str().is_some_and(|m| m.contains(&receipt) && m.contains("إيصال")), "{filed}");
    // RapidPro retries a webhook it did not hear back from: the same receipt, one concern.
    let (_, again) = post(&app, path, Some(&secret), &run).await;
    assert_eq!(again["receipt"], filed["receipt"]);
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!((concern["channel"].as_str(), concern["category"].as_str()), (Some("rapidpro"), Some("armed_groups_weapons")));
    assert_eq!(concern["area"]["name"]["en"], "Al-Zubair", "{concern}");
    assert_eq!(concern["contact"]["phone"], "+9647701234567", "the officer may call back: {concern}");
    assert!(!crate::support::contains(&app.stored_bytes().await, "9647701234567"), "the URN is sealed");
    let (_, listed) = triage.get("/api/v1/concerns").await;
    assert_eq!(listed["concerns"][0]["channel"], "rapidpro");

    // Something missing: nothing filed, the reason in the contact's language.
    let mut short = run.clone();
    short["run"]["uuid"] = "another-run-of-the-flow-0001".into();
    short["results"]["description"]["value"] = "نار".into();
    let (status, refused) = post(&app, path, Some(&secret), &short).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["receipt"].is_null() && refused["message"].as_str().is_some_and(|m| m.contains("الوصف")), "{refused}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    // Following it, in Kurmanji, with the news staff made public.
    triage.post(&format!("/api/v1/concerns/{id}/updates"), &serde_json::json!({"body": "The police visited the market."})).await;
    let mut follow = fixture("rapidpro/status.json");
    follow["input"]["text"] = receipt.clone().into();
    let (status, followed) = post(&app, "/channels/rapidpro/status", Some(&secret), &follow).await;
    assert_eq!(status, StatusCode::OK, "{followed}");
    assert_eq!(followed["status"], "submitted");
    let message = followed["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("Rapora te:") && message.contains("The police visited the market."), "{followed}");
    follow["input"]["text"] = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF".into();
    let (status, unknown) = post(&app, "/channels/rapidpro/status", Some(&secret), &follow).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("wesl")), "{unknown}");
}
}

/// `aman channel add` prints a secret once; the secret opens the door.
#[tokio::test]
async fn a_channel_is_added_from_the_command_line() {
    let app = TestApp::sqlite().await;
    let dir = tempfile::TempDir::new().expect("dir");
    let key = dir.path().join("k.key");
    std::fs::write(&key, aman_core::secrets::Keys::generate([7; 64]).to_json()).expect("key file");
    let key = key.display().to_string();
    let db = app.database_url();
    let added = crate::cli::aman(
        &["channel", "add", "--kind", "rapidpro", "--name", "U-Report Iraq", "--db", &db, "--key-file", &key],
        None,
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let out = String::from_utf8_lossy(&added.stdout);
    let secret =
        out.lines().find_map(|l| l.split("shown once; give it to the other system): ").nth(1)).expect("secret");
    let (status, _) =
        post(&app, "/channels/rapidpro/concerns", Some(secret.trim()), &fixture("rapidpro/file_concern.json")).await;
    assert_eq!(status, StatusCode::CREATED);
    let again = crate::cli::aman(
        &["channel", "add", "--kind", "rapidpro", "--name", "U-Report Iraq", "--db", &db, "--key-file", &key],
        None,
    );
    assert!(!again.status.success(), "a name is used once");
}
