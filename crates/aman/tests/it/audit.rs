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

fn checkpoint_seq(path: &std::path::Path) -> i64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    aman_core::audit::Checkpoint::parse(&text).map_or(-1, |c| c.seq)
}

/// Starts a server, makes `count` audit entries, waits for the checkpoint to
/// move on, and kills the server.
async fn submit_and_stop(db: &str, key: &str, dir: &TempDir, checkpoint: &std::path::Path, count: usize) {
    let mut server = crate::servers::start(db, key, dir, "a");
    let before = checkpoint_seq(checkpoint);
    assert!(before >= 0, "a server writes the checkpoint as it starts");
    let client = reqwest::Client::new();
    for i in 0..count {
        // Each failed login is an audit entry.
        let body = json!({"email": format!("nobody{i}@test"), "password": "not the password"});
        let response = client.post(format!("{}/api/v1/sessions", server.base)).json(&body).send().await.expect("post");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // The job loop moves the checkpoint on (its tick is a quarter second here).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while checkpoint_seq(checkpoint) <= before {
        assert!(std::time::Instant::now() < deadline, "the checkpoint never moved past {before}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    server.child.kill().expect("kill");
    server.child.wait().expect("wait");
}

/// A whole database rolled back to an older copy has a log that verifies on
/// its own; the checkpoint servers keep beside the key file catches it, the
/// server refuses to start on it, and `aman audit checkpoint` accepts it on
/// purpose (and says so in the log).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_log_rolled_back_to_an_older_copy_is_caught_by_the_checkpoint() {
    use crate::servers::start;
    let dir = TempDir::new().expect("dir");
    let key = dir.path().join("k.key").display().to_string();
    let checkpoint = dir.path().join("k.audit-checkpoint");
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    let file = dir.path().join("aman.sqlite");
    let db = format!("sqlite://{}", file.display());
    assert!(aman(&["import", "areas", &crate::cli::boundaries_dir(), "--db", &db], None).status.success());
    let checkpoint_seq = || checkpoint_seq(&checkpoint);
    submit_and_stop(&db, &key, &dir, &checkpoint, 1).await;
    let old = dir.path().join("old.sqlite");
    assert!(aman(&["backup", "--db", &db, "--to", &old.display().to_string()], None).status.success());
    submit_and_stop(&db, &key, &dir, &checkpoint, 3).await;
    let verify = || aman(&["audit", "verify", "--db", &db, "--key-file", &key], None);
    let intact = verify();
    assert!(intact.status.success(), "{}", String::from_utf8_lossy(&intact.stderr));
    assert!(String::from_utf8_lossy(&intact.stdout).contains("reaches the checkpoint"));

    // Someone puts the older copy back: its own chain and head are intact.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    std::fs::copy(&old, &file).expect("roll back");
    let caught = verify();
    let message = String::from_utf8_lossy(&caught.stderr).into_owned();
    assert_eq!(caught.status.code(), Some(1), "{message}");
    assert!(message.contains("truncated or rolled back"), "{message}");
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = serve.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            serve.kill().expect("kill");
            panic!("a server started on a rolled-back log");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let mut refused = String::new();
    std::io::Read::read_to_string(&mut serve.stderr.take().expect("stderr"), &mut refused).expect("stderr");
    assert!(!status.success() && refused.contains("aman audit checkpoint"), "{refused}");

    // Accepted on purpose: written in the log, and the server starts again.
    let accepted = aman(&["audit", "checkpoint", "--db", &db, "--key-file", &key], None);
    assert!(accepted.status.success(), "{}", String::from_utf8_lossy(&accepted.stderr));
    assert!(verify().status.success());
    let dbh = Db::connect(&db).await.expect("connect");
    let (entries, _) = dbh.audit_chain().await.expect("chain");
    assert_eq!(entries.last().map(|e| e.event.action.as_str()), Some("audit.checkpoint_reset"));
    dbh.close().await;
    let mut server = start(&db, &key, &dir, "b");
    assert!(server.base.starts_with("http://"), "the server starts on the accepted log");
    server.child.kill().expect("kill");
    server.child.wait().expect("wait");

    // A checkpoint edited by hand is not sealed by the key.
    let text = std::fs::read_to_string(&checkpoint).expect("checkpoint");
    let seq = checkpoint_seq();
    std::fs::write(&checkpoint, text.replacen(&format!(" {seq} "), &format!(" {} ", seq - 1), 1)).expect("edit");
    let forged = verify();
    assert!(
        String::from_utf8_lossy(&forged.stderr).contains("not sealed"),
        "{}",
        String::from_utf8_lossy(&forged.stderr)
    );
}
