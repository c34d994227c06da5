//! The tamper-evident audit log: staff actions are recorded, administrators
//! (only) browse them, and `aman audit verify` catches any single entry
//! altered, deleted, inserted or reordered.

use crate::cli::aman;
use crate::support::TestApp;
use aman_core::role::Role;
use aman_core::secrets::Keys;
use aman_db::Db;
use reqwest::StatusCode;
use serde_json::json;
use tempfile::TempDir;

both! {
async fn sensitive_reads_and_changes_are_recorded_in_a_sealed_chain(app: TestApp) {
    let body = json!({"category": "crime", "description": "Extortion of shop owners at night.", "area": "IQG02Q01",
        "contact": {"name": "Audit Planted Name", "phone": "07705550101"}});
    assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    triage.get(&format!("/api/v1/concerns/{id}")).await;
    triage.post(&format!("/api/v1/concerns/{id}/transitions"), &json!({"to": "under_review", "reason": "checking"})).await;
    triage.post(&format!("/api/v1/concerns/{id}/notes"), &json!({"body": "called back"})).await;
    app.post_json("/api/v1/sessions", &json!({"email": "nobody@test", "password": "guess"})).await;

    let police = app.staff(Role::PoliceLiaison, "IQG02").await;
    assert_eq!(police.get("/api/v1/audit").await.0, StatusCode::FORBIDDEN);
    let admin = app.staff(Role::Administrator, "IQ").await;
    let (status, log) = admin.get("/api/v1/audit").await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let actions: Vec<&str> = log["entries"].as_array().expect("entries").iter().filter_map(|e| e["action"].as_str()).collect();
    for expected in ["session.login", "concern.list", "concern.view", "identity.view", "concern.transition", "concern.note", "session.login_failed"] {
        assert!(actions.contains(&expected), "{expected} missing from {actions:?}");
    }
    let (_, filtered) = admin.get(&format!("/api/v1/audit?subject=concern:{id}&action=concern.")).await;
    assert!(filtered["entries"].as_array().expect("entries").iter().all(|e| e["subject"] == format!("concern:{id}")));
    assert!(!log.to_string().contains("Audit Planted Name") && !log.to_string().contains("07705550101"));

    let (entries, (seq, hash, mac)) = app.db.audit_chain().await.expect("chain");
    let key = Keys::generate([7; 64]).audit_key();
    assert_eq!(aman_core::audit::verify(&key, &entries, Some((seq, &hash, &mac))), Ok(entries.len()));
    assert!(entries.len() >= 8);
}
}

#[tokio::test]
async fn audit_verify_names_the_first_bad_entry_after_any_tampering() {
    let app = TestApp::sqlite().await;
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    for _ in 0..3 {
        app.submit("crime", "IQG08").await;
        triage.get("/api/v1/concerns").await;
    }
    let dir = TempDir::new().expect("dir");
    let key = dir.path().join("test.key");
    std::fs::write(&key, Keys::generate([7; 64]).to_json()).expect("key file");
    let key = key.display().to_string();
    let base = dir.path().join("base.sqlite");
    assert!(aman(&["backup", "--db", &app.database_url(), "--to", &base.display().to_string()], None).status.success());
    let verify = |file: &std::path::Path| {
        aman(&["audit", "verify", "--db", &format!("sqlite://{}", file.display()), "--key-file", &key], None)
    };
    let intact = verify(&base);
    assert!(intact.status.success(), "{}", String::from_utf8_lossy(&intact.stderr));
    assert!(String::from_utf8_lossy(&intact.stdout).contains("audit log intact"));

    let cases = [
        ("altered", "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3", "entry 3"),
        ("deleted", "DELETE FROM audit_log WHERE seq = 3", "entry 3"),
        (
            "inserted",
            "INSERT INTO audit_log SELECT 100, at, actor_id, action, subject, detail, prev_hash, hash, mac FROM audit_log WHERE seq = 2",
            "entry",
        ),
        (
            "reordered",
            "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1",
            "entry 2",
        ),
        (
            "truncated",
            "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
            "removed or added at the end",
        ),
        (
            "emptied",
            "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, mac = '', \
             hash = '0000000000000000000000000000000000000000000000000000000000000000'",
            "every entry was removed",
        ),
        (
            "wiped with its key checks",
            "DELETE FROM audit_log; DELETE FROM key_checks; UPDATE audit_head SET seq = 0, mac = '', \
             hash = '0000000000000000000000000000000000000000000000000000000000000000'",
            "the log was wiped",
        ),
    ];
    for (name, tamper, expected) in cases {
        let file = dir.path().join(format!("{name}.sqlite"));
        std::fs::copy(&base, &file).expect("copy");
        let db = Db::connect(&format!("sqlite://{}", file.display())).await.expect("connect");
        db.execute_admin(tamper).await.expect("tamper");
        db.close().await;
        let output = verify(&file);
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        assert!(message.contains("audit log broken") && message.contains(expected), "{name}: {message}");
    }
}
