//! Starting, waiting for and killing `aman serve`, and the temporary files around it.

#[allow(unused_imports)]
use super::*;

/// A running `aman serve`. Its stdout is copied to `<label>.stdout` by a
/// thread, which also hands over the first line; stderr goes to
/// `<label>.stderr`. Dropping it kills the process.
pub(super) struct Serve {
    pub(super) child: Option<Child>,
    pub(super) url: String,
    pub(super) stderr: PathBuf,
    pub(super) copier: Option<JoinHandle<()>>,
}

impl Serve {
    pub(super) fn start(binary: &Path, db_url: &str, key_file: &Path, dir: &Path, label: &str) -> Result<Serve> {
        let stderr = dir.join(format!("{label}.stderr"));
        let stdout_copy = dir.join(format!("{label}.stdout"));
        let mut child = Command::new(binary)
            .args(["serve", "--db", db_url, "--listen", "127.0.0.1:0", "--key-file"])
            .arg(key_file)
            // The harness is one client hammering intake: flood limits off.
            .env("AMAN_INTAKE_LIMITS", "off")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(File::create(&stderr).with_context(|| format!("creating {}", stderr.display()))?)
            .spawn()
            .with_context(|| format!("starting {} serve", binary.display()))?;
        let stdout = child.stdout.take().context("the server's stdout was not captured")?;
        let mut copy = File::create(&stdout_copy).with_context(|| format!("creating {}", stdout_copy.display()))?;
        let (first_line, first_line_received) = std::sync::mpsc::channel();
        // Keep reading to the end: a closed pipe would make the server's
        // later prints fail.
        let copier = std::thread::spawn(move || {
            for (index, line) in BufReader::new(stdout).lines().map_while(Result::ok).enumerate() {
                let _ = writeln!(copy, "{line}");
                if index == 0 {
                    let _ = first_line.send(line);
                }
            }
        });
        let mut serve = Serve { child: Some(child), url: String::new(), stderr, copier: Some(copier) };
        let line = match first_line_received.recv_timeout(START_TIMEOUT) {
            Ok(line) => line,
            Err(error) => bail!("aman serve printed no first line ({error})\n{}", serve.stderr_tail()),
        };
        let Some(url) = line.strip_prefix(LISTENING) else {
            bail!("aman serve's first line is not `{LISTENING}…`: {line}\n{}", serve.stderr_tail());
        };
        serve.url = url.trim_end_matches('/').to_owned();
        Ok(serve)
    }

    /// SIGKILL, after checking the server did not exit by itself.
    pub(super) fn kill(&mut self) -> Result<()> {
        let Some(mut child) = self.child.take() else { bail!("the server was already stopped") };
        if let Some(status) = child.try_wait().context("checking on the server")? {
            bail!("the server exited by itself ({status}) before it was killed\n{}", self.stderr_tail());
        }
        child.kill().context("killing the server")?;
        child.wait().context("waiting for the killed server")?;
        self.join_copier();
        Ok(())
    }

    /// SIGTERM, and a clean exit within the grace period.
    pub(super) fn stop(&mut self) -> Result<()> {
        let Some(mut child) = self.child.take() else { return Ok(()) };
        if let Some(status) = child.try_wait().context("checking on the server")? {
            bail!("the server exited by itself ({status})\n{}", self.stderr_tail());
        }
        // Through kill(1): calling libc::kill would need `unsafe`, which the workspace forbids.
        let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
        let deadline = Instant::now() + STOP_GRACE;
        if matches!(sent, Ok(status) if status.success()) {
            while Instant::now() < deadline {
                if let Some(status) = child.try_wait().context("waiting for the server")? {
                    self.join_copier();
                    ensure!(status.success(), "the server failed while stopping ({status})\n{}", self.stderr_tail());
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        child.kill().context("killing the server")?;
        child.wait().context("waiting for the killed server")?;
        bail!("the server did not stop within {} s of SIGTERM\n{}", STOP_GRACE.as_secs(), self.stderr_tail())
    }

    pub(super) fn join_copier(&mut self) {
        if let Some(copier) = self.copier.take() {
            let _ = copier.join();
        }
    }

    pub(super) fn stderr_tail(&self) -> String {
        match fs::read(&self.stderr) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let lines: Vec<&str> = text.lines().collect();
                let tail = lines[lines.len().saturating_sub(TAIL_LINES)..].join("\n");
                format!("--- last lines of {} ---\n{tail}", self.stderr.display())
            }
            Err(error) => format!("(could not read {}: {error})", self.stderr.display()),
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Best effort: this runs while unwinding from another error.
            let _ = child.kill();
            let _ = child.wait();
        }
        self.join_copier();
    }
}

/// The workspace root: the parent of this crate's directory.
pub(super) fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .context("the xtask crate has no parent directory")
}

pub(super) fn make_temp_dir() -> Result<PathBuf> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("aman-crash-{}-{nanos:09}", std::process::id()));
    fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}
