//! Outgrowing one machine: both backends have the schema the code describes,
//! and a deployment moves between them — copy, backup, restore — without
//! losing a row or changing an id.

use crate::cli::aman;
use crate::support::{ScratchPostgres, TestApp};
use aman_core::committee::action::{ActionStatus, Verdict};
use aman_core::committee::composition::{Constituency, Sex};
use aman_core::committee::referral::Severity;
use aman_core::role::Role;
use aman_db::Db;
use aman_db::schema::{SCHEMA, expected_summary};
use reqwest::StatusCode;
use serde_json::json;
use tempfile::TempDir;

both! {
async fn the_live_schema_is_the_described_schema(app: TestApp) {
    assert_eq!(app.db.schema_summary().await.expect("summary"), expected_summary());
}
}

/// Fills a deployment with every kind of row: concerns with sealed contact
/// and point, a duplicate, history, public updates, users and a session.
async fn populate(app: &TestApp) -> String {
    let with_identity = json!({"category": "crime", "description": "Thefts of generators in the street.",
        "lat": 36.34, "lon": 43.13, "contact": {"name": "Copied Reporter", "phone": "07701112233"}});
    let (status, body) = app.post_json("/api/v1/concerns", &with_identity).await;
    assert_eq!(status, StatusCode::CREATED);
    let receipt = body["receipt"].as_str().expect("receipt").to_owned();
    aman_app::jobs::run_due(&app.state, "populate").await;
    app.db.upsert_organisation("police", "مركز شرطة", "Copied Police Station", "IQG15Q05").await.expect("organisation");
    let (channel, _) = aman_app::channels::add(&app.state, aman_app::channels::ChannelKind::SmsSync, "Copied gateway")
        .await
        .expect("channel");
    let texted =
        aman_app::sms::Incoming {
            channel_id: channel, from: "+9647700000001", text: "مرحبا", message_id: "copied-1"
        };
    aman_app::sms::receive(&app.state, &texted).await.expect("a conversation under way");
    app.submit("tribal_conflict", "IQG15Q05").await;
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, device_hash) = aman_app::openrosa::new_device_password();
    let officer = app.db.user_by_email("triage_officer.iq@test").await.expect("read").expect("officer");
    app.db.set_device_password(officer.id, &device_hash, 5).await.expect("device password");
    let (_, queue) = staff.get("/api/v1/concerns").await;
    let newest = queue["concerns"][0]["id"].as_i64().expect("id");
    let oldest = queue["concerns"][1]["id"].as_i64().expect("id");
    let moved = staff
        .post(
            &format!("/api/v1/concerns/{oldest}/transitions"),
            &json!({"to": "under_review", "reason": "r", "public_note": "checking"}),
        )
        .await;
    assert_eq!(moved.0, StatusCode::OK);
    // The older concern duplicates the newer one: a self-reference pointing forward.
    let marked = staff
        .post(
            &format!("/api/v1/concerns/{oldest}/transitions"),
            &json!({"to": "duplicate", "reason": "same", "duplicate_of": newest.to_string()}),
        )
        .await;
    assert_eq!(marked.0, StatusCode::OK, "{}", marked.1);
    // Early warning: an imported event, counted series and a raised alert.
    let event = aman_db::NewConflictEvent {
        dataset: "ucdp-ged".into(),
        dataset_id: "114064".into(),
        occurred_on: chrono::NaiveDate::from_ymd_opt(2014, 6, 10).expect("date"),
        area: aman_core::area::Pcode::parse("IQG15Q05").expect("pcode"),
        category: aman_core::category::Category::from_code("terrorism").expect("category"),
        deaths: 3,
    };
    assert_eq!(app.db.insert_conflict_events(&[event]).await.expect("event"), 1);
    for _ in 0..5 {
        app.submit("hate_speech", "IQG15Q05").await;
    }
    assert!(aman_app::alerts::run(&app.state).await.expect("alerts").new_alerts > 0);
    // A survey form with one response.
    let workbook =
        std::fs::read(format!("{}/../../data/surveys/community-security-perception.xlsx", env!("CARGO_MANIFEST_DIR")))
            .expect("item bank");
    let form = app.db.insert_survey_form("aman_perception", "2026.1", "Safety", &workbook, 1).await.expect("form");
    let response = aman_db::NewResponse {
        external_id: "uuid-1".into(),
        area: aman_core::area::Pcode::parse("IQG15").expect("pcode"),
        collected_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        weight: 1.5,
        stratum: Some("urban".into()),
        cluster: Some("7".into()),
        sex: Some("female".into()),
        age_group: Some("15-29".into()),
        displacement: Some("returnee".into()),
        answers: r#"{"safe_night":"very_safe"}"#.into(),
        source: "import",
        text_sealed: Some(vec![1, 0, 255, 7]),
    };
    app.db.insert_responses(form, &[response]).await.expect("response");
    let ninewa = aman_core::area::Pcode::parse("IQG15").expect("pcode");
    app.db.upsert_populations(&[(ninewa.clone(), 4_000_000, 2024)]).await.expect("population");
    // A committee with a member, an issue, a meeting, attendance, a ballot and priorities.
    let police = app.db.organisations("IQG15Q05").await.expect("organisations")[0].id;
    let mut tx = app.db.begin().await.expect("begin");
    let committee = tx.create_committee(&ninewa, "Mosul committee", "{}", 2).await.expect("committee");
    let member = tx.add_member(committee, "Umm Ali", Constituency::Women, Sex::Female, None, 2).await.expect("member");
    let issue = tx.create_issue(committee, "Generators stolen", &[oldest], 3).await.expect("issue");
    let agenda = [format!("issue:{issue}")];
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let meeting = tx.create_meeting(committee, day, "Hall", &agenda, 4).await.expect("meeting");
    tx.set_attendance(meeting, &[(member, true)]).await.expect("attendance");
    tx.set_ballot(meeting, member, &format!("[\"issue:{issue}\"]")).await.expect("ballot");
    tx.set_priorities(meeting, "borda", "{}", 5).await.expect("priorities");
    let event = aman_core::audit::AuditEvent {
        at_ms: 6,
        actor_id: None,
        action: "referral.create".into(),
        subject: format!("concern:{oldest}"),
        detail: String::new(),
    };
    let audit = aman_db::Audit { key: &app.state.keys().audit_key(), event };
    tx.create_referral(oldest, police, Severity::Normal, 6, 7).await.expect("referral");
    tx.set_tags(oldest, &["generators".to_owned()]).await.expect("tags");
    tx.add_attachment(oldest, "image/png", 4, &[9, 0, 255, 1], 5, 6).await.expect("photo");
    tx.audit(audit).await.expect("audit");
    let items = [format!("issue:{issue}")];
    let action = aman_db::NewAction {
        committee_id: committee,
        title: "Patrols",
        owner_id: police,
        partners: &[],
        due_on: day,
        items: &items,
    };
    let action = tx.create_action(&action, 8).await.expect("action");
    tx.commit().await.expect("commit");
    let record = app.db.action(action).await.expect("query").expect("action");
    let mut tx = app.db.begin().await.expect("begin");
    tx.update_action(&record, ActionStatus::InProgress, "started", None, 9).await.expect("progress");
    tx.confirm_action(action, None, Some(member), Verdict::Better, 10).await.expect("confirmation");
    tx.commit().await.expect("commit");
    receipt
}

async fn snapshot(url: &str) -> Vec<Vec<Vec<String>>> {
    let db = Db::connect(url).await.expect("connect");
    let mut tables = Vec::new();
    for table in SCHEMA {
        tables.push(db.table_snapshot(table.name).await.expect("snapshot"));
    }
    db.close().await;
    tables
}

fn sqlite_url(dir: &TempDir, name: &str) -> String {
    format!("sqlite://{}", dir.path().join(name).display())
}

#[tokio::test]
async fn a_deployment_moves_to_postgres_and_back_unchanged() {
    let app = TestApp::sqlite().await;
    let receipt = populate(&app).await;
    let source = sqlite_url(&app.dir, "aman.db");
    let dir = TempDir::new().expect("dir");
    let back = sqlite_url(&dir, "back.db");
    // Through PostgreSQL when a server is configured, else SQLite to SQLite.
    let scratch = ScratchPostgres::create();
    let middle = scratch.as_ref().map_or_else(|| sqlite_url(&dir, "middle.db"), |pg| pg.url.clone());

    let output = aman(&["copy", "--from", &source, "--to", &middle], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = aman(&["copy", "--from", &middle, "--to", &back], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let original = snapshot(&source).await;
    let empty: Vec<&str> = aman_db::schema::SCHEMA
        .iter()
        .zip(&original)
        .filter(|(_, rows)| rows.is_empty())
        .map(|(t, _)| t.name)
        .collect();
    assert!(empty.is_empty(), "every table has rows to copy: {empty:?} have none");
    assert_eq!(snapshot(&middle).await, original);
    assert_eq!(snapshot(&back).await, original);

    // The copy is a working deployment: same receipt, same sealed identity.
    let copy = TestApp::serve(&middle, TempDir::new().expect("dir"), None).await;
    let (status, tracked) = copy.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(tracked["status"], "duplicate");
    let staff = copy.staff(Role::TriageOfficer, "IQG15").await;
    let (_, queue) = staff.get("/api/v1/concerns?category=crime").await;
    let id = queue["concerns"][0]["id"].as_i64().expect("id");
    let (_, view) = staff.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(view["contact"]["name"], "Copied Reporter");
    // New rows continue after the copied ids.
    copy.submit("crime", "IQG08").await;
    let (_, queue) = staff.get("/api/v1/concerns?area=IQG15").await;
    assert_eq!(queue["total"], 7, "two concerns and the five of the spike");
}

#[tokio::test]
async fn copy_refuses_a_target_with_data_unless_told() {
    let app = TestApp::sqlite().await;
    populate(&app).await;
    let source = sqlite_url(&app.dir, "aman.db");
    let dir = TempDir::new().expect("dir");
    let target = sqlite_url(&dir, "target.db");
    assert!(aman(&["copy", "--from", &source, "--to", &target], None).status.success());
    let again = aman(&["copy", "--from", &source, "--to", &target], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--overwrite"));
    let output = aman(&["copy", "--from", &source, "--to", &target, "--overwrite"], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(snapshot(&target).await, snapshot(&source).await);
}

#[tokio::test]
async fn backup_while_serving_and_restore_round_trip() {
    for app in [Some(TestApp::sqlite().await), TestApp::postgres().await].into_iter().flatten() {
        populate(&app).await;
        let source = app.database_url();
        let dir = TempDir::new().expect("dir");
        let file = dir.path().join("backup.sqlite");
        let file_arg = file.display().to_string();
        // The server keeps taking concerns during the backup.
        let (backup, _) = tokio::join!(
            tokio::task::spawn_blocking(move || aman(&["backup", "--db", &source, "--to", &file_arg], None)),
            app.submit("crime", "IQG02"),
        );
        let backup = backup.expect("backup ran");
        assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
        assert!(
            !aman(&["backup", "--db", &app.database_url(), "--to", &file.display().to_string()], None).status.success(),
            "never overwrites"
        );

        let restored = sqlite_url(&dir, "restored.db");
        let output = aman(&["restore", "--from", &file.display().to_string(), "--db", &restored], None);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let from_backup = snapshot(&format!("sqlite://{}", file.display())).await;
        assert_eq!(snapshot(&restored).await, from_backup);
        // The backup holds at least everything written before it started.
        assert!(from_backup[4].len() >= 2, "concerns in the backup");
    }
}
