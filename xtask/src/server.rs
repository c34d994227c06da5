//! A release build of the real server, started for `bench-intake` and
//! stopped again afterwards.
//!
//! The server runs `aman demo` on a free loopback port with its database,
//! key file and logs in a fresh temporary directory. [`Server`] kills the
//! process when dropped, so an early `?` never leaves it running; the
//! directory is removed only after a clean run, so the logs of a failed one
//! can be read.

use std::fs::{self, File};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};

/// How long `aman demo` may take to migrate, load the areas and answer
/// `/readyz`.
const READY_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a stopped server may take to exit after SIGTERM before SIGKILL.
const STOP_GRACE: Duration = Duration::from_secs(10);
/// Lines of the server's stderr shown when something goes wrong.
const TAIL_LINES: usize = 30;

/// The workspace root: the parent of this crate's directory.
fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .context("the xtask crate has no parent directory")
}

/// Runs `cargo build --release -p aman` and returns the binary it built.
pub fn build_release() -> Result<PathBuf> {
    let root = workspace_root()?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building the server: cargo build --release -p aman");
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--release", "-p", "aman"])
        .status()
        .context("could not run cargo")?;
    ensure!(status.success(), "`cargo build --release -p aman` failed ({status})");
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    let binary = target.join("release").join(format!("aman{}", std::env::consts::EXE_SUFFIX));
    ensure!(binary.is_file(), "the build succeeded but {} does not exist", binary.display());
    Ok(binary)
}

/// A running `aman demo` child process.
pub struct Server {
    child: Option<Child>,
    dir: PathBuf,
    url: String,
}

impl Server {
    /// Starts `binary demo` on a free port with everything in a new
    /// temporary directory: the key file, the logs and, unless `db_url`
    /// names another database, a fresh SQLite database. Does not wait for
    /// it to be ready.
    pub fn start(binary: &Path, db_url: Option<&str>) -> Result<Server> {
        Server::start_with(binary, db_url, None)
    }

    /// As [`Server::start`], on an existing key file when one is given (the
    /// database named by `db_url` was made with it).
    pub fn start_with(binary: &Path, db_url: Option<&str>, key_file: Option<&Path>) -> Result<Server> {
        let dir = make_temp_dir()?;
        let db = match db_url {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}", dir.join("bench.db").display()),
        };
        let key_file = key_file.map_or_else(|| dir.join("bench.key"), Path::to_path_buf);
        let port = free_port()?;
        let log =
            |name: &str| File::create(dir.join(name)).with_context(|| format!("creating {name} in {}", dir.display()));
        let listen = format!("127.0.0.1:{port}");
        let child = Command::new(binary)
            .arg("demo")
            .args(["--listen", &listen])
            .args(["--db", &db])
            .arg("--key-file")
            .arg(&key_file)
            // One load generator is one client: the flood limits would stop it.
            .env("AMAN_INTAKE_LIMITS", "off")
            .stdin(Stdio::null())
            .stdout(log("server.stdout")?)
            .stderr(log("server.stderr")?)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        eprintln!("started server (pid {}) on {listen}, files in {}", child.id(), dir.display());
        Ok(Server { child: Some(child), dir, url: format!("http://{listen}") })
    }

    /// The process id, while the server runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// The base URL, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Polls `GET /readyz` until it answers 200, failing with the tail of
    /// the server's stderr if the server exits or takes too long.
    pub async fn wait_ready(&mut self, client: &reqwest::Client) -> Result<()> {
        let started = Instant::now();
        let url = format!("{}/readyz", self.url);
        loop {
            if let Some(status) = self.exit_status()? {
                bail!("the server exited ({status}) before it was ready\n{}", self.stderr_tail());
            }
            let answer = match client.get(&url).timeout(Duration::from_secs(2)).send().await {
                Ok(response) if response.status() == reqwest::StatusCode::OK => {
                    eprintln!("server ready after {:.1} s", started.elapsed().as_secs_f64());
                    return Ok(());
                }
                Ok(response) => format!("GET /readyz answered {}", response.status()),
                Err(error) => format!("GET /readyz failed: {error}"),
            };
            if started.elapsed() > READY_TIMEOUT {
                bail!(
                    "the server was not ready after {} s (last: {answer})\n{}",
                    READY_TIMEOUT.as_secs(),
                    self.stderr_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Stops the server: SIGTERM, then SIGKILL after a grace period. Fails
    /// if the server had already exited on its own, which means it crashed
    /// during the benchmark.
    pub fn stop(&mut self) -> Result<()> {
        if let Some(status) = self.exit_status()? {
            self.child = None;
            bail!("the server had already exited ({status})\n{}", self.stderr_tail());
        }
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        terminate(&child);
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().context("waiting for the server")? {
                eprintln!("server stopped ({status})");
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("server ignored SIGTERM for {} s; killing it", STOP_GRACE.as_secs());
        child.kill().context("killing the server")?;
        child.wait().context("waiting for the killed server")?;
        Ok(())
    }

    /// Deletes the temporary directory (database, key, logs).
    pub fn remove_files(self) -> Result<()> {
        fs::remove_dir_all(&self.dir).with_context(|| format!("removing {}", self.dir.display()))
    }

    fn exit_status(&mut self) -> Result<Option<ExitStatus>> {
        match &mut self.child {
            Some(child) => child.try_wait().context("checking on the server"),
            None => Ok(None),
        }
    }

    /// The last lines the server wrote to stderr, for error messages.
    fn stderr_tail(&self) -> String {
        let path = self.dir.join("server.stderr");
        match fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let lines: Vec<&str> = text.lines().collect();
                let tail = lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n");
                format!("--- last lines of {} ---\n{tail}", path.display())
            }
            Err(error) => format!("(could not read {}: {error})", path.display()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Best effort: this runs while unwinding from another error.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Asks the process to shut down cleanly with SIGTERM, sent through `kill(1)`:
/// calling `libc::kill` directly would need `unsafe`, which the workspace
/// forbids.
#[cfg(unix)]
fn terminate(child: &Child) {
    let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).stderr(Stdio::null()).status();
    if !matches!(sent, Ok(status) if status.success()) {
        eprintln!("could not send SIGTERM to the server; it will be killed");
    }
}

#[cfg(not(unix))]
fn terminate(_child: &Child) {}

fn make_temp_dir() -> Result<PathBuf> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("aman-bench-{}-{nanos:09}", std::process::id()));
    fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// A loopback port that was free a moment ago: bind to port 0, read the port
/// the kernel chose, release it.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("binding a probe socket")?;
    Ok(listener.local_addr().context("reading the probe socket's port")?.port())
}
