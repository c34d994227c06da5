//! Hostile or careless input gets a field error, never a panic, a 500 or a
//! stored absurdity (#13, finding 7).

use crate::support::*;
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn field_code(body: &Value, field: &str) -> String {
    body["error"]["field_codes"][field].as_str().unwrap_or_default().to_owned()
}

both! {
    async fn extreme_dates_are_field_errors_not_panics(app: TestApp) {
        for (query, field) in [("to=%2B262142-12-31", "to"), ("from=-0001-01-01", "from"), ("to=1899-12-31", "to")] {
            let (status, body) = app.get_json(&format!("/api/v1/public/accountability?{query}")).await;
            assert_eq!((status, field_code(&body, field)), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_date".to_owned()), "{query}");
        }
        let triage = app.staff(Role::TriageOfficer, "IQ").await;
        let (status, body) = triage.get("/api/v1/concerns?from=%2B262142-01-01").await;
        assert_eq!((status, field_code(&body, "from")), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_date".to_owned()));
        let concern = json!({"category": "crime", "description": "Shots fired near the market.", "area": "IQG08", "occurred_on": "+262142-01-01"});
        let (status, body) = app.post_json("/api/v1/concerns", &concern).await;
        assert_eq!((status, field_code(&body, "occurred_on")), (StatusCode::UNPROCESSABLE_ENTITY, "invalid_date".to_owned()));
    }

    async fn committee_input_is_kept_within_sense(app: TestApp) {
        let secretary = app.staff(Role::CommitteeMember, "IQG02").await;
        let rule = json!({"area": "IQG02Q03", "name": "Committee", "rule": {"min_women_share": 30.0}});
        let (status, body) = secretary.post("/api/v1/committees", &rule).await;
        assert_eq!((status, field_code(&body, "rule")), (StatusCode::UNPROCESSABLE_ENTITY, "out_of_range".to_owned()));
        let (_, body) = secretary.post("/api/v1/committees", &json!({"area": "IQG02Q03", "name": "Committee"})).await;
        let committee = body["id"].as_i64().expect("id");
        let mut members = Vec::new();
        for (name, constituency, sex) in [("Umm Ali", "women", "female"), ("Abu Ahmed", "residents", "male")] {
            let body = json!({"name": name, "constituency": constituency, "sex": sex});
            let (_, member) = secretary.post(&format!("/api/v1/committees/{committee}/members"), &body).await;
            members.push(member["id"].as_i64().expect("id"));
        }
        for category in ["crime", "tribal_conflict"] {
            let body = json!({"category": category, "description": "A concern for the committee.", "area": "IQG02Q03N01"});
            assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
        }
        let triage = app.staff(Role::TriageOfficer, "IQ").await;
        let (_, queue) = triage.get("/api/v1/concerns").await;
        let ids: Vec<i64> = queue["concerns"].as_array().expect("list").iter().filter_map(|c| c["id"].as_i64()).collect();
        for id in &ids {
            for to in ["under_review", "verified"] {
                triage.post(&format!("/api/v1/concerns/{id}/transitions"), &json!({"to": to, "reason": "checked"})).await;
            }
        }
        let agenda: Vec<String> = ids.iter().map(|id| format!("concern:{id}")).collect();
        let (_, meeting) = secretary
            .post(&format!("/api/v1/committees/{committee}/meetings"), &json!({"held_on": "2026-11-20", "place": "Hall", "agenda": agenda}))
            .await;
        let meeting = meeting["id"].as_i64().expect("id");
        let put = |path: String, body: Value| {
            let request = app.client.put(app.url(&path)).bearer_auth(&secretary.token).json(&body);
            async move { json_of(request.send().await.expect("request")).await }
        };
        put(format!("/api/v1/meetings/{meeting}/attendance"), json!({"present": [members[0]]})).await;
        // Only members marked present may vote.
        let (status, body) = put(format!("/api/v1/meetings/{meeting}/ballots/{}", members[1]), json!({"ranking": agenda})).await;
        assert_eq!((status, field_code(&body, "member")), (StatusCode::UNPROCESSABLE_ENTITY, "not_present".to_owned()));
        let (status, _) = put(format!("/api/v1/meetings/{meeting}/ballots/{}", members[0]), json!({"ranking": agenda})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        // Actions: a title of bounded length, a due date not in the past.
        let owner = app.db.upsert_organisation("police_station", "مركز شرطة", "Police station", "IQG02Q03").await.expect("organisation");
        let action = |title: String, due_on: &str| json!({"title": title, "owner_id": owner, "due_on": due_on, "items": [agenda[0]]});
        let actions = format!("/api/v1/committees/{committee}/actions");
        let (status, body) = secretary.post(&actions, &action("x".repeat(10_000), "2026-12-15")).await;
        assert_eq!((status, field_code(&body, "title")), (StatusCode::UNPROCESSABLE_ENTITY, "too_long".to_owned()));
        let (status, body) = secretary.post(&actions, &action("Patrols".into(), "1900-01-01")).await;
        assert_eq!((status, field_code(&body, "due_on")), (StatusCode::UNPROCESSABLE_ENTITY, "in_past".to_owned()));
        assert_eq!(secretary.post(&actions, &action("Patrols".into(), "2026-12-15")).await.0, StatusCode::CREATED);
    }
}

/// A body trickling in cannot hold a worker: the request gets `408` when its
/// time is up, and nothing is stored.
/// A server whose requests must arrive within 300 ms.
fn short_deadline() -> aman_web::Settings {
    aman_web::Settings {
        request_timeout: std::time::Duration::from_millis(300),
        intake_limits: None,
        ..aman_web::Settings::default()
    }
}

#[tokio::test]
async fn a_slow_body_gets_408() {
    let app = TestApp::sqlite_with(short_deadline()).await;
    let address = app.base.trim_start_matches("http://").to_owned();
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        // Without the deadline the server would wait for the body forever:
        // fail then, rather than hang.
        stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).expect("timeout");
        let head = "POST /api/v1/concerns HTTP/1.1\r\nHost: aman\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
        stream.write_all(format!("{head}{{\"category\": \"cri").as_bytes()).expect("write");
        let mut answer = String::new();
        let mut buffer = [0u8; 4096];
        while !answer.contains("\r\n\r\n") {
            let read = stream.read(&mut buffer).expect("read");
            if read == 0 {
                break;
            }
            answer.push_str(&String::from_utf8_lossy(&buffer[..read]));
        }
        answer
    })
    .await
    .expect("client");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
}

/// Headers trickling in are cut off too: the connection is closed once the
/// request deadline has passed without a whole head, instead of being held
/// open for as long as the client likes.
#[tokio::test]
async fn slow_headers_are_cut_off() {
    let app = TestApp::sqlite_with(short_deadline()).await;
    let address = app.base.trim_start_matches("http://").to_owned();
    let closed = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).expect("timeout");
        let started = std::time::Instant::now();
        stream.write_all(b"GET /api/v1/areas HTTP/1.1\r\nHost: aman\r\nX-Slow: a").expect("write");
        // The server must end the connection (an answer or none, then EOF);
        // a read that times out after 20 s means it was held open.
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => break Some(started.elapsed()),
                Ok(_) => continue,
                Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => break Some(started.elapsed()),
                Err(_) => break None,
            }
        }
    })
    .await
    .expect("client");
    let closed = closed.expect("the server held a half-sent request open");
    assert!(closed < std::time::Duration::from_secs(10), "closed after {closed:?}");
    // The server still answers everyone else.
    assert_eq!(app.get_json("/api/v1/areas").await.0, StatusCode::OK);
}

/// Every file the command line reads is read only up to its kind's limit:
/// an endless device (or a file too large) is refused before it fills
/// memory, by every import and analysis command.
#[test]
fn endless_inputs_are_refused_by_every_reader() {
    let dir = tempfile::TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("aman.db").display());
    let key = dir.path().join("k.key").display().to_string();
    assert!(crate::cli::aman(&["keys", "init", "--key-file", &key], None).status.success());
    let endless = "/dev/zero";
    let commands: [&[&str]; 7] = [
        &["survey", "import-form", endless, "--db", &db, "--key-file", &key],
        &["survey", "import-responses", "--form", "f", "--input", endless, "--db", &db, "--key-file", &key],
        &["survey", "estimate", "--input", endless, "--var", "v"],
        &["alerts", "detect", "--input", endless, "--method", "cusum"],
        &["import", "events", "--format", "ucdp", endless, "--db", &db],
        &["import", "population", endless, "--db", &db],
        &["index", "--config", endless, "--db", &db, "--key-file", &key],
    ];
    for args in commands {
        let output = crate::cli::aman(args, None);
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && message.contains("larger than"), "{args:?}: {message}");
    }
}
