//! Test harness: a template database (migrated, Iraq's areas imported) is
//! built once per test process and copied for each test; each test gets its
//! own server on port 0 with a controllable clock.

use aman_core::area::Pcode;
use aman_core::role::Role;
use aman_core::secrets::{self, Keys};
use aman_core::totp;
use aman_db::Db;
use aman_web::{AppState, Settings};
use chrono::{DateTime, Utc};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};
use tempfile::TempDir;

/// The two-factor secret of every test account whose role needs one.
pub const TOTP_SECRET: [u8; totp::SECRET_BYTES] = [5; totp::SECRET_BYTES];

/// The current code of a base32 TOTP key, by the real clock (for servers
/// started as processes of their own).
pub fn real_time_code(base32: &str) -> String {
    let secret = totp::secret_from_base32(base32).expect("a base32 key");
    totp::code_at(&secret, Utc::now().timestamp())
}

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
                        db.upsert_areas(&aman_geo::parse_ocha(level, text).expect("parse")).await.expect("areas");
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
    postgres_database: Option<String>,
    database_url: String,
    pub state: AppState,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

/// Where PostgreSQL tests run: `AMAN_TEST_POSTGRES_URL` names a server and a
/// database this user may create databases from (e.g. postgres://postgres@127.0.0.1/postgres).
/// With `AMAN_TEST_REQUIRE_POSTGRES` set (as `.ci/run` does), a missing URL
/// fails the test instead of skipping its PostgreSQL half.
fn postgres_admin_url() -> Option<String> {
    let url = std::env::var("AMAN_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty());
    assert!(
        url.is_some() || !postgres_required(),
        "AMAN_TEST_REQUIRE_POSTGRES is set but AMAN_TEST_POSTGRES_URL is not"
    );
    url
}

/// Whether a missing PostgreSQL is an error rather than a reason to skip.
fn postgres_required() -> bool {
    std::env::var_os("AMAN_TEST_REQUIRE_POSTGRES").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The URL of another database on the same server.
fn postgres_url(database: &str) -> Option<String> {
    let admin = postgres_admin_url()?;
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let server = &base[..base.rfind('/')?];
    Some(match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    })
}

/// Runs an async block on a runtime of its own (tests each have their own).
fn on_own_runtime<T: Send + 'static>(work: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || tokio::runtime::Runtime::new().expect("runtime").block_on(work)).join().expect("thread")
}

async fn admin_execute(sql: String) {
    let db = Db::connect(&postgres_admin_url().expect("postgres url")).await.expect("connect to postgres");
    db.execute_admin(&sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    db.close().await;
}

/// A template database per schema version, reused across runs.
fn postgres_template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let version = aman_db::schema_fingerprint();
        let name = format!("aman_tpl_{version}");
        let building = format!("aman_tpl_{version}_{}", std::process::id());
        let (name_for_thread, building_for_thread) = (name.clone(), building.clone());
        on_own_runtime(async move {
            let admin = Db::connect(&postgres_admin_url().expect("url")).await.expect("connect to postgres");
            if admin.database_exists(&name_for_thread).await.expect("query") {
                admin.close().await;
                return;
            }
            admin.execute_admin(&format!("CREATE DATABASE {building_for_thread}")).await.expect("create");
            let db = Db::connect(&postgres_url(&building_for_thread).expect("url")).await.expect("connect");
            db.migrate(START_MS).await.expect("migrate");
            for (level, text) in aman_geo::embedded_boundaries() {
                db.upsert_areas(&aman_geo::parse_ocha(level, text).expect("parse")).await.expect("areas");
            }
            db.close().await;
            let renamed =
                admin.execute_admin(&format!("ALTER DATABASE {building_for_thread} RENAME TO {name_for_thread}")).await;
            if renamed.is_err() {
                let _ = admin.execute_admin(&format!("DROP DATABASE {building_for_thread}")).await;
            }
            admin.close().await;
        });
        name
    })
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with(Settings { intake_limits: None, ..Settings::default() }).await
    }

    pub async fn sqlite_with(settings: Settings) -> TestApp {
        let dir = TempDir::new().expect("temp dir");
        let path = dir.path().join("aman.db");
        std::fs::copy(template(), &path).expect("copy template");
        TestApp::serve_with(&format!("sqlite://{}", path.display()), dir, None, settings).await
    }

    /// `None` when no PostgreSQL server is configured.
    pub async fn postgres() -> Option<TestApp> {
        postgres_admin_url()?;
        let template = postgres_template();
        static COUNTER: AtomicI64 = AtomicI64::new(0);
        let name = format!("aman_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
        let create = format!("CREATE DATABASE {name} TEMPLATE {template}");
        on_own_runtime(admin_execute(create));
        let url = postgres_url(&name).expect("url");
        Some(TestApp::serve(&url, TempDir::new().expect("temp dir"), Some(name)).await)
    }

    /// Serves with flood limits off (tests submit many concerns from one
    /// address); `serve_with` takes other settings.
    pub async fn serve(url: &str, dir: TempDir, postgres_database: Option<String>) -> TestApp {
        TestApp::serve_with(url, dir, postgres_database, Settings { intake_limits: None, ..Settings::default() }).await
    }

    pub async fn serve_with(url: &str, dir: TempDir, postgres_database: Option<String>, settings: Settings) -> TestApp {
        let db = Db::connect(url).await.expect("connect");
        db.migrate(START_MS).await.expect("migrate");
        let keys = Keys::generate([7; 64]);
        let clock = Arc::new(AtomicI64::new(START_MS));
        let clock_for_state = clock.clone();
        let state = AppState::load(
            db.clone(),
            keys,
            Arc::new(move || {
                DateTime::<Utc>::from_timestamp_millis(clock_for_state.load(Ordering::SeqCst)).expect("valid time")
            }),
            settings,
        )
        .await
        .expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(aman_web::serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        let client = Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        TestApp {
            base,
            client,
            db,
            dir,
            clock,
            postgres_database,
            database_url: url.to_owned(),
            state,
            _shutdown: shutdown,
        }
    }

    /// Everything stored about concerns, users and sessions, as bytes to
    /// search for plaintext: the SQLite file and its WAL, or every row of the
    /// PostgreSQL tables as text (binary columns in hex).
    pub async fn stored_bytes(&self) -> Vec<u8> {
        if self.postgres_database.is_some() {
            return self.db.dump_text_for_tests().await.expect("dump").into_bytes();
        }
        let mut bytes = Vec::new();
        for name in ["aman.db", "aman.db-wal"] {
            if let Ok(mut content) = std::fs::read(self.dir.path().join(name)) {
                bytes.append(&mut content);
            }
        }
        bytes
    }

    /// The URL of this test's database.
    /// A key file matching this app's keys, for running commands on its database.
    pub fn key_file(&self) -> String {
        let path = self.dir.path().join("commands.key");
        std::fs::write(&path, Keys::generate([7; 64]).to_json()).expect("key file");
        path.display().to_string()
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.fetch_add(minutes * 60_000, Ordering::SeqCst);
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let response = self.client.post(self.url(path)).json(body).send().await.expect("request");
        json_of_request(reqwest::Method::POST, response).await
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        json_of(self.client.get(self.url(path)).send().await.expect("request")).await
    }

    /// Signs in through the login page; returns the session cookie (`name=value`).
    pub async fn page_login(&self, email: &str, password: &str) -> String {
        let login = self
            .client
            .post(self.url("/staff/login"))
            .form(&self.login_form(email, password))
            .send()
            .await
            .expect("login");
        login.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned()
    }

    /// A page's HTML as the holder of `cookie` sees it.
    pub async fn page_as(&self, cookie: &str, path: &str) -> String {
        let response = self.client.get(self.url(path)).header("cookie", cookie).send().await.expect("page");
        response.text().await.expect("html")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(self.url(path)).header("accept-language", "ar").send().await.expect("request");
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

    /// The reporter of `receipt` adds a small photo; its id.
    pub async fn add_photo(&self, receipt: &str) -> i64 {
        let response = self
            .client
            .post(self.url(&format!("/api/v1/receipts/{receipt}/attachments")))
            .header("content-type", "image/png")
            .body(crate::matrix::tiny_png())
            .send()
            .await
            .expect("photo");
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json::<Value>().await.expect("json")["id"].as_i64().expect("id")
    }

    /// Adds an account allowed to handle confidential categories.
    pub async fn add_user(&self, email: &str, role: Role, area: &str) -> String {
        self.add_user_with(email, role, area, true).await
    }

    pub async fn add_user_with(&self, email: &str, role: Role, area: &str, confidential: bool) -> String {
        let password = format!("password for {email}");
        let hash = secrets::hash_password(&password, [3; 16]);
        self.db
            .create_user(
                &aman_db::NewUser {
                    email,
                    display_name: email,
                    password_hash: &hash,
                    role,
                    area: &Pcode::parse(area).expect("pcode"),
                    confidential,
                },
                START_MS,
            )
            .await
            .expect("user");
        if role.requires_second_factor() {
            let user = self.db.user_by_email(email).await.expect("query").expect("user");
            let sealed = self.state.keys().seal(&secrets::totp_context(user.id), &TOTP_SECRET, [1; 24]);
            self.db.set_totp(user.id, Some(&sealed)).await.expect("enrol");
        }
        password
    }

    /// The current code of [`TOTP_SECRET`].
    pub fn totp_code(&self) -> String {
        totp::code_at(&TOTP_SECRET, self.clock.load(Ordering::SeqCst) / 1000)
    }

    /// A login body with a valid two-factor code. The clock moves on by one
    /// TOTP step first, so that logging in again is never a replay.
    pub fn credentials(&self, email: &str, password: &str) -> Value {
        self.clock.fetch_add(30_000, Ordering::SeqCst);
        serde_json::json!({"email": email, "password": password, "code": self.totp_code()})
    }

    /// A login body whose code is one digit off the right one.
    pub fn wrong_code_credentials(&self, email: &str, password: &str) -> Value {
        let mut body = self.credentials(email, password);
        let code: u32 = body["code"].as_str().and_then(|c| c.parse().ok()).expect("six digits");
        body["code"] = Value::String(format!("{:06}", (code + 1) % 1_000_000));
        body
    }

    /// The same, as the fields of the login form.
    pub fn login_form(&self, email: &str, password: &str) -> [(&'static str, String); 3] {
        let body = self.credentials(email, password);
        let field = |name: &str| body[name].as_str().unwrap_or_default().to_owned();
        [("email", field("email")), ("password", field("password")), ("code", field("code"))]
    }

    /// A staff member with an API token.
    pub async fn staff(&self, role: Role, area: &str) -> Staff {
        self.staff_with(role, area, true).await
    }

    /// A signed-in API client of a new account, cleared for the confidential
    /// categories or not.
    pub async fn staff_with(&self, role: Role, area: &str, confidential: bool) -> Staff {
        let cleared = if confidential { "" } else { ".uncleared" };
        let email = format!("{}.{}{cleared}@test", role.as_str(), area.to_lowercase());
        let password = self.add_user_with(&email, role, area, confidential).await;
        let (status, body) = self.post_json("/api/v1/sessions", &self.credentials(&email, &password)).await;
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
    /// A session opened elsewhere (e.g. for an account set up by hand).
    pub fn with_token(app: &TestApp, token: &str) -> Staff {
        Staff { token: token.to_owned(), base: app.base.clone(), client: app.client.clone() }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        json_of(self.client.get(format!("{}{path}", self.base)).bearer_auth(&self.token).send().await.expect("request"))
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        json_of_request(
            reqwest::Method::POST,
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

/// The status and JSON body of an answer; an API answer is checked against
/// the API contract (`contract.rs`).
pub async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    json_of_request(reqwest::Method::GET, response).await
}

pub async fn json_of_request(method: reqwest::Method, response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let path = response.url().path().to_owned();
    let is_json = response.headers().get("content-type").is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    if is_json {
        crate::contract::check(&method, &path, status, &body);
    }
    (status, body)
}

/// Every Rust source file under `root`, at any depth.
pub fn rust_files(root: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("sources") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Finds a value as text or as hex (how binary columns are dumped).
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    let hex: String = needle.bytes().map(|b| format!("{b:02x}")).collect();
    [needle.as_bytes(), hex.as_bytes()].iter().any(|n| haystack.windows(n.len()).any(|w| w == *n))
}

/// An empty PostgreSQL database that is dropped with this value, or `None`
/// when no server is configured.
pub struct ScratchPostgres {
    pub url: String,
    name: String,
}

impl ScratchPostgres {
    pub fn create() -> Option<ScratchPostgres> {
        postgres_admin_url()?;
        static COUNTER: AtomicI64 = AtomicI64::new(0);
        let name = format!("aman_scratch_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
        on_own_runtime(admin_execute(format!("CREATE DATABASE {name}")));
        Some(ScratchPostgres { url: postgres_url(&name)?, name })
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        on_own_runtime(admin_execute(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)));
    }
}

impl Drop for TestApp {
    /// A PostgreSQL test database is dropped with its test.
    fn drop(&mut self) {
        if let Some(name) = self.postgres_database.take() {
            // FORCE ends the server's connections; closing the pool here
            // would wait for tasks of the test's runtime, blocked in this drop.
            on_own_runtime(admin_execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")));
        }
    }
}

/// The Chromium to drive, or `None` to skip a browser test on a machine
/// without one. With `AMAN_TEST_REQUIRE_BROWSER` set (as `.ci/run` does), a
/// missing browser fails the test instead.
pub fn chromium() -> Option<String> {
    let binary = std::env::var("AMAN_TEST_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let found = std::process::Command::new(&binary).arg("--version").output().is_ok_and(|o| o.status.success());
    let required = std::env::var_os("AMAN_TEST_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty() && v != "0");
    assert!(found || !required, "AMAN_TEST_REQUIRE_BROWSER is set but `{binary}` does not run");
    if !found {
        eprintln!("skipped: no Chromium (`{binary}`); install it to run the browser tests");
    }
    found.then_some(binary)
}

/// The document of a page after headless Chromium (`chromium()`) has loaded
/// it and run its scripts (up to ten seconds of the page's virtual time).
pub async fn browser_dom(chromium: &str, url: &str) -> String {
    let profile = TempDir::new().expect("profile dir");
    let output = tokio::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .await
        .expect("chromium is installed (.ci/run installs it)");
    assert!(output.status.success(), "chromium: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8 page")
}

/// `aman demo` running on a new SQLite database: its address, and what it
/// printed before it listened (accounts, channels, the device password).
/// Stopped when dropped.
pub struct Demo {
    pub child: std::process::Child,
    pub base: String,
    pub printed: Vec<String>,
    /// The database's URL.
    pub db: String,
}

impl Demo {
    /// Starts it with its database and key file in `dir`, and `extra` flags.
    pub fn start(dir: &TempDir, extra: &[&str]) -> Demo {
        use std::io::BufRead;
        let db = format!("sqlite://{}", dir.path().join("demo.db").display());
        let key = dir.path().join("demo.key").display().to_string();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aman"))
            .args(["demo", "--db", &db, "--key-file", &key, "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn the demo");
        let mut printed = Vec::new();
        let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let base = loop {
            let line = lines.next().expect("the demo prints its address").expect("line");
            if let Some(address) = line.strip_prefix("Aman is listening on ") {
                break address.to_owned();
            }
            printed.push(line);
        };
        Demo { child, base, printed, db }
    }

    /// A printed account's password, and its two-factor key if it has one.
    pub fn account(&self, email: &str) -> (String, Option<String>) {
        let at = self.printed.iter().position(|l| l.trim_start().starts_with(email)).expect(email);
        let password = self.printed[at].split_whitespace().nth(1).expect("password").to_owned();
        let key = self.printed.get(at + 1).and_then(|l| l.split("two-factor key ").nth(1)).map(|k| k[..32].to_owned());
        (password, key)
    }

    /// The sign-in body of a printed account, with the current code of its
    /// second factor if it has one.
    pub fn credentials(&self, email: &str) -> serde_json::Value {
        let (password, key) = self.account(email);
        let mut body = serde_json::json!({"email": email, "password": password});
        if let Some(key) = key {
            body["code"] = serde_json::Value::String(real_time_code(&key));
        }
        body
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
