//! Retention: a configurable time after a concern leaves the life-cycle, its
//! contact details and exact point are erased and the anonymised record stays.

use crate::cli::aman;
use crate::support::TestApp;
use aman_core::role::Role;
use aman_core::secrets::Keys;
use reqwest::StatusCode;
use serde_json::json;

/// A concern with a contact, an exact point and a photo.
async fn concern_with_identity(app: &TestApp, description: &str) {
    let body = json!({"category": "crime", "description": description, "lat": 36.34, "lon": 43.13,
        "contact": {"name": "Retained Reporter", "phone": "07701230000"}});
    let (status, submitted) = app.post_json("/api/v1/concerns", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    app.add_photo(submitted["receipt"].as_str().expect("receipt")).await;
}

both! {
async fn identities_are_erased_after_the_retention_period(app: TestApp) {
    concern_with_identity(&app, "This one will be rejected and then forgotten.").await;
    concern_with_identity(&app, "This one stays open and keeps its contact.").await;
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, list) = triage.get("/api/v1/concerns").await;
    let open_id = list["concerns"][0]["id"].as_i64().expect("id");
    let closed_id = list["concerns"][1]["id"].as_i64().expect("id");
    let (status, _) = triage.post(&format!("/api/v1/concerns/{closed_id}/transitions"), &json!({"to": "rejected", "reason": "not verifiable"})).await;
    assert_eq!(status, StatusCode::OK);

    app.advance_minutes(89 * 24 * 60);
    aman_app::jobs::run_due(&app.state, "day-89").await;
    assert_eq!(app.db.sealed_fields(0, 10).await.expect("sealed").len(), 2, "not yet");

    app.advance_minutes(2 * 24 * 60);
    let ran = aman_app::jobs::run_due(&app.state, "day-91").await;
    assert!(ran.iter().any(|(job, _)| *job == "retention"), "{ran:?}");
    let sealed = app.db.sealed_fields(0, 10).await.expect("sealed");
    assert_eq!(sealed.iter().map(|f| f.id).collect::<Vec<_>>(), vec![open_id]);
    assert!(app.db.attachments_of(closed_id).await.expect("query").is_empty(), "its photo is erased too");
    assert_eq!(app.db.attachments_of(open_id).await.expect("query").len(), 1);
    let record = app.db.concern(closed_id).await.expect("query").expect("the record stays");
    assert_eq!(record.description, "This one will be rejected and then forgotten.");
    let (entries, _) = app.db.audit_chain().await.expect("chain");
    assert!(entries.iter().any(|e| e.event.action == "retention.purge" && e.event.subject == format!("concern:{closed_id}")));
}
}

#[tokio::test]
async fn retention_run_erases_from_the_command_line() {
    let app = TestApp::sqlite().await;
    concern_with_identity(&app, "Closed long ago, for the command line.").await;
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let id = app.newest_concern_id(&triage).await;
    // Closed three days before the real clock's now.
    let long_ago = chrono::Utc::now().timestamp_millis() - 3 * 86_400_000;
    let change = aman_db::Transition {
        from: aman_core::lifecycle::Status::Submitted,
        to: aman_core::lifecycle::Status::Rejected,
        duplicate_of: None,
        reason: "spam",
        public_note: None,
        actor_id: Some(1),
        now_ms: long_ago,
        expected_version: 1,
    };
    let key = Keys::generate([7; 64]);
    let event = aman_core::audit::AuditEvent {
        at_ms: long_ago,
        actor_id: None,
        action: "concern.transition".into(),
        subject: format!("concern:{id}"),
        detail: String::new(),
    };
    app.db.transition(id, &change, aman_db::Audit { key: &key.audit_key(), event }).await.expect("close");
    let key_file = app.dir.path().join("k.key");
    std::fs::write(&key_file, key.to_json()).expect("key file");
    let key_file = key_file.display().to_string();
    let db = app.database_url();
    let kept = aman(&["retention", "run", "--db", &db, "--key-file", &key_file, "--retention-days", "5"], None);
    assert!(
        String::from_utf8_lossy(&kept.stdout).contains("of 0 concerns"),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    let erased = aman(&["retention", "run", "--db", &db, "--key-file", &key_file, "--retention-days", "2"], None);
    assert!(
        String::from_utf8_lossy(&erased.stdout).contains("of 1 concerns"),
        "{}",
        String::from_utf8_lossy(&erased.stderr)
    );
    assert!(app.db.sealed_fields(0, 10).await.expect("sealed").is_empty());
}
