//! Nothing about a reporter's device, and no plaintext identity, anywhere:
//! after submissions and lookups through the real binary (with its most
//! verbose logging), the database file, its WAL, the logs and a backup are
//! scanned for the client's address, user agent, forwarded-for header, the
//! planted name, phone and coordinates, and the receipt.

use crate::cli::{aman, boundaries_dir};
use crate::support::{TestApp, contains};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use tempfile::TempDir;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_device_data_or_plaintext_identity_is_stored_or_logged() {
    let dir = TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("aman.db").display());
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let log = dir.path().join("server.log");
    let mut server = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0"])
        .env("AMAN_LOG", "trace,sqlx=warn,hyper=info,h2=info")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("server");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout")).read_line(&mut line).expect("line");
    let base = line.trim().rsplit(' ').next().expect("address").to_owned();

    let client = reqwest::Client::builder().user_agent("PlantedAgent/7.7 (Nokia 105)").build().expect("client");
    let device = |request: reqwest::RequestBuilder| {
        request
            .header("x-forwarded-for", "203.0.113.77")
            .header("x-real-ip", "198.51.100.23")
            .header("accept-language", "ar")
    };
    let body = json!({"category": "armed_groups_weapons", "description": "Armed men fire in the air near the market.",
        "lat": 33.31275193, "lon": 44.36127541, "contact": {"name": "Planted Qz Name", "phone": "07712345987"}});
    let response = device(client.post(format!("{base}/api/v1/concerns")).json(&body)).send().await.expect("submit");
    assert_eq!(response.status(), StatusCode::CREATED);
    let receipt =
        response.json::<serde_json::Value>().await.expect("json")["receipt"].as_str().expect("receipt").to_owned();
    let form = [
        ("category", "crime"),
        ("description", "Thefts near the bakery every night."),
        ("governorate", "IQG08"),
        ("contact_name", "Planted Qz Name"),
        ("action", "submit"),
    ];
    assert_eq!(
        device(client.post(format!("{base}/report")).form(&form)).send().await.expect("form").status(),
        StatusCode::OK
    );
    assert_eq!(
        device(client.get(format!("{base}/api/v1/receipts/{receipt}"))).send().await.expect("track").status(),
        StatusCode::OK
    );
    let tracked = device(client.post(format!("{base}/track")).form(&[("receipt", receipt.as_str())]))
        .send()
        .await
        .expect("track");
    assert_eq!(tracked.status(), StatusCode::OK);
    // The doors of other systems: a text message and a RapidPro run carry
    // the sender's number (a URN), which is a contact detail too.
    let secret_of = |kind: &str| {
        let added = aman(&["channel", "add", "--kind", kind, "--name", kind, "--db", &db, "--key-file", &key], None);
        assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
        let out = String::from_utf8_lossy(&added.stdout).into_owned();
        out.lines()
            .find_map(|l| l.split("shown once; give it to the other system): ").nth(1))
            .expect("secret")
            .to_owned()
    };
    let sms = secret_of("smssync");
    let texted = [("secret", sms.as_str()), ("from", "+9647719988776"), ("message", "مرحبا"), ("message_id", "p-1")];
    let answer = device(client.post(format!("{base}/channels/smssync")).form(&texted)).send().await.expect("sms");
    assert_eq!(answer.status(), StatusCode::OK);
    let rapidpro = secret_of("rapidpro");
    let fixture = format!("{}/tests/fixtures/rapidpro/file_concern.json", env!("CARGO_MANIFEST_DIR"));
    let run = std::fs::read_to_string(fixture).expect("fixture").replace("9647701234567", "9647718877665");
    let answer = device(client.post(format!("{base}/channels/rapidpro/concerns")))
        .header("authorization", format!("Token {rapidpro}"))
        .header("content-type", "application/json")
        .body(run)
        .send()
        .await
        .expect("rapidpro");
    assert_eq!(answer.status(), StatusCode::CREATED);
    let backup = dir.path().join("backup.sqlite");
    assert!(aman(&["backup", "--db", &db, "--to", &backup.display().to_string()], None).status.success());
    server.kill().expect("stop");
    let _ = server.wait();

    // The scan reads real data: the description (not an identity) is there.
    let backup_bytes = std::fs::read(&backup).expect("backup");
    assert!(contains(&backup_bytes, "Armed men fire in the air near the market."));
    let logs = std::fs::read(&log).expect("log");
    assert!(!logs.is_empty(), "the server logged at trace level");
    for file in ["aman.db", "aman.db-wal", "server.log", "backup.sqlite"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        for secret in [
            "203.0.113.77",
            "198.51.100.23",
            "127.0.0.1",
            "PlantedAgent",
            "Nokia",
            "Planted Qz Name",
            "07712345987",
            "9647719988776",
            "9647718877665",
            "33.31275193",
            "44.36127541",
            receipt.as_str(),
            &receipt.replace('-', ""),
        ] {
            assert!(!contains(&bytes, secret), "{secret} found in {file}");
        }
    }
}

both! {
/// A reporter adds a photo with the receipt; it is kept without what the
/// camera wrote into it (here a GPS position in a text chunk), sealed at
/// rest, listed and opened only by staff who may see the concern (each
/// opening audited), refused in other formats and beyond five per concern.
async fn photos_are_stripped_sealed_and_shown_only_to_staff_who_may(app: TestApp) {
    let receipt = app.submit("crime", "IQG02Q01").await;
    let mut png = crate::matrix::tiny_png();
    let marker = b"tEXtComment\0GPS 36.3412N 43.1300E";
    let mut chunk = (marker.len() as u32 - 4).to_be_bytes().to_vec();
    chunk.extend_from_slice(marker);
    chunk.extend_from_slice(&[0, 0, 0, 0]);
    let end = png.len() - 12;
    png.splice(end..end, chunk);
    let upload = |content_type: &'static str, bytes: Vec<u8>| {
        let request = app.client.post(app.url(&format!("/api/v1/receipts/{receipt}/attachments")));
        async move {
            let response = request.header("content-type", content_type).body(bytes).send().await.expect("upload");
            crate::support::json_of_request(reqwest::Method::POST, response).await
        }
    };
    let (status, created) = upload("image/png", png.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let photo = created["id"].as_i64().expect("id");
    assert!(!contains(&app.stored_bytes().await, "36.3412N"), "nothing of the camera's notes is stored");
    assert_eq!(upload("application/pdf", b"%PDF-1.4".to_vec()).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(upload("image/jpeg", b"not a jpeg".to_vec()).await.1["error"]["field_codes"]["file"], "unreadable_image");
    assert_eq!(app.post_json("/api/v1/receipts/0000-0000-0000-0000-0000-0000/attachments", &json!({})).await.0, StatusCode::NOT_FOUND);

    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, list) = triage.get(&format!("/api/v1/concerns/{id}/attachments")).await;
    assert_eq!(list["attachments"][0]["content_type"], "image/png");
    let opened = app
        .client
        .get(app.url(&format!("/api/v1/concerns/{id}/attachments/{photo}")))
        .bearer_auth(&triage.token)
        .send()
        .await
        .expect("open");
    assert_eq!(opened.headers()["cache-control"], "no-store");
    let bytes = opened.bytes().await.expect("bytes");
    assert!(!bytes.windows(8).any(|w| w == b"36.3412N"), "what staff open is the cleaned picture");
    assert_eq!(image::load_from_memory(&bytes).expect("a picture").width(), 2);
    let elsewhere = app.staff(Role::TriageOfficer, "IQG15").await;
    assert_eq!(elsewhere.get(&format!("/api/v1/concerns/{id}/attachments")).await.0, StatusCode::NOT_FOUND);
    for _ in 1..5 {
        assert_eq!(upload("image/png", png.clone()).await.0, StatusCode::CREATED);
    }
    assert_eq!(upload("image/png", png).await.1["error"]["field_codes"]["file"], "too_many_attachments");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    assert!(audit.iter().any(|row| row.iter().any(|c| c == "attachment.view")), "opening is audited");
}
}
