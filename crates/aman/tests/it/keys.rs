//! Keys live outside the database: a server refuses a key file that is not
//! the database's, and `aman keys rotate` re-encrypts every sealed field
//! without losing one.

use crate::cli::aman;
use crate::support::{TOTP_SECRET, TestApp, real_time_code};
use aman_core::role::Role;
use aman_core::secrets::Keys;
use aman_core::totp;
use reqwest::StatusCode;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Starts `aman serve`, returning the child and its base URL, or the error
/// it printed when it refused to start.
fn serve(db: &str, key: &str) -> Result<(std::process::Child, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", db, "--key-file", key, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read");
    if line.is_empty() {
        let output = child.wait_with_output().expect("exit");
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok((child, line.trim().rsplit(' ').next().expect("address").to_owned()))
}

async fn contact_seen_through(base: &str, email: &str, password: &str) -> serde_json::Value {
    let client = reqwest::Client::new();
    let session: serde_json::Value = client
        .post(format!("{base}/api/v1/sessions"))
        .json(
            &json!({"email": email, "password": password, "code": real_time_code(&totp::secret_base32(&TOTP_SECRET))}),
        )
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    let token = session["token"].as_str().expect("token");
    let list: serde_json::Value = client
        .get(format!("{base}/api/v1/concerns"))
        .bearer_auth(token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    let id = list["concerns"][0]["id"].as_i64().expect("id");
    let view: serde_json::Value = client
        .get(format!("{base}/api/v1/concerns/{id}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("view")
        .json()
        .await
        .expect("json");
    view["contact"].clone()
}

#[tokio::test]
async fn a_wrong_key_file_is_refused_and_rotation_loses_nothing() {
    let app = TestApp::sqlite().await;
    let body = json!({"category": "gbv", "description": "A woman in the street is beaten every week.", "area": "IQG02",
        "lat": 30.508, "lon": 47.78, "contact": {"name": "Rotated Reporter", "phone": "07709990000"}});
    let (status, submitted) = app.post_json("/api/v1/concerns", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    app.add_photo(submitted["receipt"].as_str().expect("receipt")).await;
    let password = app.add_user("rotator@test", Role::TriageOfficer, "IQ").await;
    // A survey response with sealed free text is re-encrypted too.
    let workbook = std::fs::read(crate::surveys::item_bank()).expect("item bank");
    let form_id = app.db.insert_survey_form("aman_perception", "1", "Safety", &workbook, 0).await.expect("form");
    let text = aman_core::secrets::survey_text_context(form_id, "r-1");
    let sealed = app.state.keys().seal(&text, br#"{"district":"typed"}"#, [5; 24]);
    let response = crate::surveys::stored_response("r-1", "{}", Some(sealed));
    app.db.insert_responses(form_id, &[response]).await.expect("response");
    // A text-message conversation under way is re-encrypted too.
    let (channel, _) = aman_app::channels::add(&app.state, aman_app::channels::ChannelKind::SmsSync, "gateway")
        .await
        .expect("channel");
    let incoming =
        aman_app::sms::Incoming { channel_id: channel, from: "+9647701112233", text: "مرحبا", message_id: "m-1" };
    aman_app::sms::receive(&app.state, &incoming).await.expect("conversation");
    let db = app.database_url();

    let key = app.dir.path().join("right.key");
    std::fs::write(&key, Keys::generate([7; 64]).to_json()).expect("key file");
    let wrong = app.dir.path().join("wrong.key");
    std::fs::write(&wrong, Keys::generate([8; 64]).to_json()).expect("key file");
    let refused = serve(&db, &wrong.display().to_string()).expect_err("a foreign key file must be refused");
    assert!(refused.contains("does not belong to this database"), "{refused}");

    let key = key.display().to_string();
    let output = aman(&["keys", "rotate", "--key-file", &key, "--db", &db], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 concerns re-encrypted"));
    let rotated = Keys::from_json(&std::fs::read_to_string(&key).expect("key file")).expect("keys");
    assert_eq!(rotated.current_data_key_id(), 2);
    let sealed = app.db.sealed_fields(0, 10).await.expect("sealed");
    assert!(sealed.iter().all(|f| f.contact_sealed.as_deref().and_then(Keys::sealed_key_id) == Some(2)));
    assert!(sealed.iter().all(|f| f.point_sealed.as_deref().and_then(Keys::sealed_key_id) == Some(2)));

    let output = aman(&["keys", "rotate", "--key-file", &key, "--db", &db, "--drop-old"], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let trimmed = Keys::from_json(&std::fs::read_to_string(&key).expect("key file")).expect("keys");
    assert_eq!(trimmed.current_data_key_id(), 3);
    let photos = app.db.sealed_attachments(0, 10).await.expect("sealed");
    let concern = app.db.concern(photos[0].concern_id).await.expect("query").expect("concern");
    let context = aman_core::secrets::attachment_context(&concern.receipt_hash);
    assert!(trimmed.open(&context, &photos[0].sealed).is_ok(), "the photo is re-sealed under the new key");
    let survey = app.db.sealed_survey_texts(0, 10).await.expect("sealed");
    assert_eq!(
        trimmed.open(&text, &survey[0].sealed).expect("re-sealed under the new key"),
        br#"{"district":"typed"}"#
    );
    let conversation = &app.db.sms_conversations().await.expect("conversations")[0];
    let context = aman_core::secrets::sms_context(&conversation.sender_hash);
    assert!(trimmed.open(&context, &conversation.state_sealed).is_ok(), "the conversation is re-sealed");

    let (mut server, base) = serve(&db, &key).expect("serves with the rotated file");
    let contact = contact_seen_through(&base, "rotator@test", &password).await;
    assert_eq!(contact, json!({"name": "Rotated Reporter", "phone": "07709990000"}));
    server.kill().expect("stop");
    let _ = server.wait();
    // The original file, whose only data key was dropped, no longer fits.
    let original = app.dir.path().join("original.key");
    std::fs::write(&original, Keys::generate([7; 64]).to_json()).expect("key file");
    let refused = serve(&db, &original.display().to_string()).expect_err("old file refused");
    assert!(refused.contains("lacks data key 3"), "{refused}");
}
