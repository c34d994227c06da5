//! Several servers, one database: receipts stay unique, concurrent edits
//! cannot overwrite each other, and scheduled jobs run exactly once per slot
//! across processes — taken over when a server dies mid-job.

use crate::cli::{aman, boundaries_dir};
use crate::support::{ScratchPostgres, TestApp, real_time_code};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use tempfile::TempDir;

both! {
async fn job_claims_are_exclusive_and_taken_over_after_a_crash(app: TestApp) {
    let db = &app.db;
    assert!(db.claim_job("drill", 5, "a", 1_000, 0).await.expect("claim"));
    assert!(!db.claim_job("drill", 5, "b", 1_000, 500).await.expect("claim"), "a holds the lease");
    // a died without finishing; after the lease b takes over.
    assert!(db.claim_job("drill", 5, "b", 1_000, 2_000).await.expect("claim"));
    db.finish_job("drill", 5, "a", "late", 2_100).await.expect("finish");
    assert_eq!(db.job_runs("drill").await.expect("runs"), [(5, "b".to_owned(), false)], "a's late finish is ignored");
    db.finish_job("drill", 5, "b", "done", 2_200).await.expect("finish");
    assert!(!db.claim_job("drill", 5, "c", 1_000, 100_000).await.expect("claim"), "finished slots never rerun");
    assert!(db.claim_job("drill", 6, "c", 1_000, 100_000).await.expect("claim"));
}

async fn the_session_sweep_ends_expired_sessions(app: TestApp) {
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    assert_eq!(staff.get("/api/v1/concerns").await.0, StatusCode::OK);
    assert_eq!(app.db.table_snapshot("sessions").await.expect("sessions").len(), 1);
    app.advance_minutes(60);
    let ran = aman_app::jobs::run_due(&app.state, "test-worker").await;
    assert!(ran.iter().any(|(job, _)| *job == "expire_sessions"), "{ran:?}");
    assert_eq!(app.db.table_snapshot("sessions").await.expect("sessions").len(), 0);
    assert_eq!(aman_app::jobs::run_due(&app.state, "another").await, vec![], "same slot: nobody runs it again");
    let runs = app.db.job_runs("expire_sessions").await.expect("runs");
    assert_eq!(runs.len(), 1);
    assert!(runs[0].2, "finished");
}
}

pub struct Server {
    pub child: Child,
    pub base: String,
    log: std::path::PathBuf,
}

pub fn start(db: &str, key: &str, dir: &TempDir, name: &str) -> Server {
    let log = dir.path().join(format!("{name}.log"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", db, "--key-file", key, "--listen", "127.0.0.1:0", "--job-period-seconds", "1"])
        .env("AMAN_LOG", "info,sqlx=warn")
        .env("AMAN_INTAKE_LIMITS", "off")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    let base = line.trim().rsplit(' ').next().expect("address").to_owned();
    Server { child, base, log }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_one_database() {
    let dir = TempDir::new().expect("dir");
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    let scratch = ScratchPostgres::create();
    let db = scratch
        .as_ref()
        .map_or_else(|| format!("sqlite://{}", dir.path().join("shared.db").display()), |pg| pg.url.clone());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let password = "a long enough password";
    let added = aman(
        &[
            "user",
            "add",
            "--db",
            &db,
            "--key-file",
            &key,
            "--email",
            "t@test",
            "--role",
            "triage_officer",
            "--area",
            "IQ",
        ],
        Some(password),
    );
    assert!(added.status.success());
    let printed = String::from_utf8_lossy(&added.stdout).into_owned();
    let totp_key = printed.lines().find_map(|l| l.trim().strip_prefix("key: ")).expect("a two-factor key").to_owned();
    let started = std::time::Instant::now();
    let mut servers = [start(&db, &key, &dir, "a"), start(&db, &key, &dir, "b")];
    let client = reqwest::Client::new();

    // Submissions spread over both servers: every receipt distinct, every one found on either.
    let mut tasks = Vec::new();
    for i in 0..40 {
        let url = format!("{}/api/v1/concerns", servers[i % 2].base);
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let body =
                json!({"category": "crime", "description": format!("submission {i} to two servers"), "area": "IQG08"});
            let response = client.post(url).json(&body).send().await.expect("request");
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<serde_json::Value>().await.expect("json")["receipt"].as_str().expect("receipt").to_owned()
        }));
    }
    let mut receipts = HashSet::new();
    for task in tasks {
        assert!(receipts.insert(task.await.expect("task")), "receipts are unique");
    }
    for (i, receipt) in receipts.iter().enumerate() {
        let response = client
            .get(format!("{}/api/v1/receipts/{receipt}", servers[(i + 1) % 2].base))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
    }

    // One session works on both servers; racing edits through different servers: one wins.
    let login = client
        .post(format!("{}/api/v1/sessions", servers[0].base))
        .json(&json!({"email": "t@test", "password": password, "code": real_time_code(&totp_key)}))
        .send()
        .await
        .expect("login");
    let token = login.json::<serde_json::Value>().await.expect("json")["token"].as_str().expect("token").to_owned();
    let queue: serde_json::Value = client
        .get(format!("{}/api/v1/concerns", servers[1].base))
        .bearer_auth(&token)
        .send()
        .await
        .expect("queue")
        .json()
        .await
        .expect("json");
    let id = queue["concerns"][0]["id"].as_i64().expect("id");
    let version = queue["concerns"][0]["version"].as_i64().expect("version");
    let send = |base: &str, to: &str| {
        client
            .post(format!("{base}/api/v1/concerns/{id}/transitions"))
            .bearer_auth(&token)
            .json(&json!({"to": to, "reason": "race", "version": version}))
            .send()
    };
    let (a, b) = tokio::join!(send(&servers[0].base, "under_review"), send(&servers[1].base, "rejected"));
    let mut statuses = [a.expect("a").status().as_u16(), b.expect("b").status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);

    // Let the one-second job run at least four slots between the two servers.
    let slots_run = |servers: &[Server]| {
        servers
            .iter()
            .map(|server| std::fs::read_to_string(&server.log).unwrap_or_default())
            .map(|log| log.lines().filter(|l| l.contains("job finished") && l.contains("expire_sessions")).count())
            .sum::<usize>()
    };
    let mut ticks = tokio::time::interval(std::time::Duration::from_millis(100));
    while slots_run(&servers) < 4 {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the job never ran four slots");
        ticks.tick().await;
    }
    for server in &mut servers {
        server.child.kill().expect("kill");
        server.child.wait().expect("reaped");
    }
    let mut runs: BTreeMap<String, usize> = BTreeMap::new();
    for server in &servers {
        let log = std::fs::read_to_string(&server.log).expect("log");
        for line in log.lines().filter(|l| l.contains("job finished") && l.contains("expire_sessions")) {
            let slot = line.split("slot=").nth(1).and_then(|s| s.split(' ').next()).expect("slot").to_owned();
            *runs.entry(slot).or_default() += 1;
        }
    }
    assert!(runs.len() >= 3, "slots run: {runs:?}");
    assert!(runs.values().all(|&count| count == 1), "each slot ran exactly once: {runs:?}");
}

/// `--metrics-listen` serves Prometheus metrics on an address of its own:
/// requests counted by route pattern (never the path, which may hold a
/// receipt), method and status, their durations, job runs; the public
/// address does not serve them. `--log-format json` writes one JSON object
/// per log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_served_apart_and_name_routes_not_paths() {
    let dir = TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("aman.db").display());
    let key = dir.path().join("aman.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());
    let log = dir.path().join("server.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0", "--job-period-seconds", "1"])
        .args(["--metrics-listen", "127.0.0.1:0", "--log-format", "json"])
        .env("AMAN_LOG", "info,sqlx=warn")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("server starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut address = |prefix: &str| {
        let line = lines.next().expect("a line").expect("read");
        assert!(line.starts_with(prefix), "{line}");
        line.trim().rsplit(' ').next().expect("address").trim_end_matches("/metrics").to_owned()
    };
    let metrics = address("Metrics are served on");
    let base = address("Aman is listening on");
    let client = reqwest::Client::new();
    let receipt = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ";
    let tracked = client.get(format!("{base}/api/v1/receipts/{receipt}")).send().await.expect("get");
    let status = tracked.status().as_u16();
    assert!(status == 404 || status == 422, "{status}");
    assert_eq!(client.get(format!("{base}/metrics")).send().await.expect("get").status(), StatusCode::NOT_FOUND);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let text = client.get(format!("{metrics}/metrics")).send().await.expect("metrics").text().await.expect("text");
    assert!(
        text.lines().any(|l| l.starts_with("aman_http_requests_total")
            && l.contains("route=\"/api/v1/receipts/{receipt}\"")
            && l.contains(&format!("status=\"{status}\""))),
        "{text}"
    );
    assert!(text.contains("aman_http_request_duration_seconds"), "{text}");
    assert!(text.contains("aman_job_runs_total{job=\"expire_sessions\""), "{text}");
    assert!(!text.contains(receipt) && !text.contains("ABCD"), "no path reaches the metrics");
    child.kill().expect("stop");
    let _ = child.wait();
    let logged = std::fs::read_to_string(&log).expect("log");
    let first = logged.lines().next().expect("a log line");
    let parsed: serde_json::Value = serde_json::from_str(first).unwrap_or_else(|e| panic!("{e}: {first}"));
    assert!(parsed["level"].is_string() && parsed["fields"].is_object(), "{parsed}");
    assert!(!logged.contains(receipt), "no path is logged");
}
