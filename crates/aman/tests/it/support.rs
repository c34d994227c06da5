//! Test harness: a template database (migrated, Iraq's areas imported) is
//! built once per test process and copied for each test; each test gets its
//! own server on port 0 with a controllable clock.

use aman_core::area::Pcode;
use aman_core::role::Role;
use aman_core::secrets::{self, Keys};
use aman_db::Db;
use aman_web::{AppState, Settings};
use chrono::{DateTime, Utc};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};
use tempfile::TempDir;

/// 2026-11-29 09:00 UTC (noon in Iraq).
pub const START_MS: i64 = 1_795_942_800_000;

fn template() -> &'static PathBuf {
    static TEMPLATE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &TEMPLATE
        .get_or_init(|| {
            let dir = TempDir::new().expect("temp dir");
            let path = dir.path().join("template.db");
            let url = format!("sqlite://{}", path.display());
            // Built on a runtime of its own: each test has its own runtime.
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Runtime::new().expect("runtime");
                runtime.block_on(async {
                    let db = Db::connect(&url).await.expect("connect");
                    db.migrate(START_MS).await.expect("migrate");
                    for (level, text) in aman_geo::embedded_boundaries() {
                        db.upsert_areas(&aman_geo::parse_ocha(level, text).expect("parse"))
                            .await
                            .expect("areas");
                    }
                    db.close().await;
                });
            })
            .join()
            .expect("template built");
            (dir, path)
        })
        .1
}

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub db: Db,
    pub dir: TempDir,
    pub clock: Arc<AtomicI64>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    pub async fn start() -> TestApp {
        let dir = TempDir::new().expect("temp dir");
        let path = dir.path().join("aman.db");
        std::fs::copy(template(), &path).expect("copy template");
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .expect("connect");
        db.migrate(START_MS).await.expect("migrate");
        let keys = Keys::generate([7; 64]);
        let clock = Arc::new(AtomicI64::new(START_MS));
        let clock_for_state = clock.clone();
        let state = AppState::load(
            db.clone(),
            keys.clone(),
            Arc::new(move || {
                DateTime::<Utc>::from_timestamp_millis(clock_for_state.load(Ordering::SeqCst))
                    .expect("valid time")
            }),
            Settings::default(),
        )
        .await
        .expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(aman_web::serve(listener, state, async {
            let _ = stopped.await;
        }));
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            base,
            client,
            db,
            dir,
            clock,
            _shutdown: shutdown,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.fetch_add(minutes * 60_000, Ordering::SeqCst);
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request");
        json_of(response).await
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        json_of(
            self.client
                .get(self.url(path))
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self
            .client
            .get(self.url(path))
            .header("accept-language", "ar")
            .send()
            .await
            .expect("request");
        (response.status(), response.text().await.expect("body"))
    }

    /// Submits a valid concern and returns the receipt.
    pub async fn submit(&self, category: &str, area: &str) -> String {
        let (status, body) = self
            .post_json(
                "/api/v1/concerns",
                &serde_json::json!({"category": category, "description": "Armed men fire in the air near the market.", "area": area}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["receipt"].as_str().expect("receipt").to_owned()
    }

    pub async fn add_user(&self, email: &str, role: Role, area: &str) -> String {
        let password = format!("password for {email}");
        let hash = secrets::hash_password(&password, [3; 16]);
        self.db
            .create_user(
                email,
                email,
                &hash,
                role,
                &Pcode::parse(area).expect("pcode"),
                START_MS,
            )
            .await
            .expect("user");
        password
    }

    /// A staff member with an API token.
    pub async fn staff(&self, role: Role, area: &str) -> Staff {
        let email = format!("{}.{}@test", role.as_str(), area.to_lowercase());
        let password = self.add_user(&email, role, area).await;
        let (status, body) = self
            .post_json(
                "/api/v1/sessions",
                &serde_json::json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        Staff {
            token: body["token"].as_str().expect("token").to_owned(),
            base: self.base.clone(),
            client: self.client.clone(),
        }
    }

    /// The id of the concern a receipt belongs to, found through the
    /// national triage view.
    pub async fn newest_concern_id(&self, staff: &Staff) -> i64 {
        let (_, body) = staff.get("/api/v1/concerns").await;
        body["concerns"][0]["id"].as_i64().expect("a concern")
    }
}

pub struct Staff {
    pub token: String,
    base: String,
    client: Client,
}

impl Staff {
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        json_of(
            self.client
                .get(format!("{}{path}", self.base))
                .bearer_auth(&self.token)
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        json_of(
            self.client
                .post(format!("{}{path}", self.base))
                .bearer_auth(&self.token)
                .json(body)
                .send()
                .await
                .expect("request"),
        )
        .await
    }
}

pub async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Reads the whole database file and its WAL as bytes.
pub fn database_bytes(app: &TestApp) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in ["aman.db", "aman.db-wal"] {
        if let Ok(mut content) = std::fs::read(app.dir.path().join(name)) {
            bytes.append(&mut content);
        }
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
