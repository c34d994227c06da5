//! Nothing acknowledged is ever lost: concerns answered with 201 survive a
//! `kill -9` of the server in the middle of a stream of submissions.

use crate::cli::{aman, boundaries_dir};
use reqwest::StatusCode;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

struct Server {
    child: Child,
    base: String,
}

fn start(db: &str, key: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aman"))
        .args(["serve", "--db", db, "--key-file", key, "--listen", "127.0.0.1:0"])
        .env("AMAN_INTAKE_LIMITS", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("first line");
    let base = line.trim().rsplit(' ').next().expect("address").to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    Server { child, base }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_concerns_survive_kill_9() {
    let dir = TempDir::new().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let key = dir.path().join("k.key").display().to_string();
    assert!(aman(&["keys", "init", "--key-file", &key], None).status.success());
    assert!(aman(&["import", "areas", &boundaries_dir(), "--db", &db], None).status.success());

    let mut server = start(&db, &key);
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().expect("client");
    let mut writers = Vec::new();
    let (counted, mut progress) = tokio::sync::watch::channel(0usize);
    let counted = std::sync::Arc::new(counted);
    for writer in 0..8 {
        let client = client.clone();
        let counted = counted.clone();
        let url = format!("{}/api/v1/concerns", server.base);
        writers.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for n in 0.. {
                let body = serde_json::json!({"category": "crime", "description": format!("writer {writer} concern {n}"), "area": "IQG08"});
                match client.post(&url).json(&body).send().await {
                    Ok(response) if response.status() == StatusCode::CREATED => {
                        let value: serde_json::Value = response.json().await.expect("json");
                        acknowledged.push(value["receipt"].as_str().expect("receipt").to_owned());
                        counted.send_modify(|n| *n += 1);
                    }
                    _ => break,
                }
            }
            acknowledged
        }));
    }
    // Once the writers have had 200 concerns acknowledged, kill the server
    // without warning while they go on.
    progress.wait_for(|n| *n >= 200).await.expect("writers acknowledged");
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reaped");
    let mut receipts = Vec::new();
    for writer in writers {
        receipts.extend(writer.await.expect("writer"));
    }
    assert!(receipts.len() > 20, "only {} acknowledged before the kill", receipts.len());

    let mut server = start(&db, &key);
    for receipt in &receipts {
        let response = client.get(format!("{}/api/v1/receipts/{receipt}", server.base)).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::OK, "acknowledged receipt {receipt} lost");
    }
    server.child.kill().expect("stop");
    let _ = server.child.wait();
}
