//! A real browser for the journeys: headless Chromium driven over the
//! DevTools protocol (a WebSocket), the page sized as a phone or a laptop.
//! Pages are filled and submitted as a person would, by their forms; after
//! each step the test reads what the page shows, checks that nothing
//! overflows the screen sideways, and keeps a screenshot under
//! `target/journeys/` for review.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
    /// Where this journey's screenshots go, and how many there are.
    shots: std::path::PathBuf,
    taken: usize,
}

impl Browser {
    /// Chromium showing pages `width` × `height` CSS pixels (a phone when
    /// `mobile`), or `None` on a machine without Chromium (see `chromium()`).
    pub fn launch(journey: &str, width: u32, height: u32, mobile: bool) -> Option<Browser> {
        let binary = crate::support::chromium()?;
        let profile = tempfile::TempDir::new().expect("profile");
        let mut child = Command::new(binary)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let url = stderr
            .lines()
            .map_while(Result::ok)
            .find_map(|line| line.strip_prefix("DevTools listening on ").map(str::to_owned))
            .expect("chromium prints its DevTools address");
        let (socket, _) = tungstenite::connect(url).expect("devtools");
        let shots = std::path::PathBuf::from(format!("{}/../../target/journeys/{journey}", env!("CARGO_MANIFEST_DIR")));
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        let mut browser =
            Browser { child, socket, session: String::new(), next: 0, _profile: profile, shots, taken: 0 };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call("Target.attachToTarget", json!({"targetId": target["targetId"], "flatten": true}));
        browser.session = attached["sessionId"].as_str().expect("session").to_owned();
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        Some(browser)
    }

    /// One DevTools command and its result (events in between are skipped).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params).unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// One DevTools command: its result, or the error it answered.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let mut message = json!({"id": self.next, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(message.to_string())).expect("send");
        loop {
            let Message::Text(text) = self.socket.read().expect("read") else { continue };
            let answer: Value = serde_json::from_str(text.as_str()).expect("json");
            if answer["id"] == self.next {
                return match answer.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(answer["result"].clone()),
                };
            }
        }
    }

    /// The phone is at this place, and the resident allows `origin` to know it.
    pub fn place_at(&mut self, origin: &str, latitude: f64, longitude: f64) {
        let session = std::mem::take(&mut self.session);
        self.call("Browser.grantPermissions", json!({"origin": origin, "permissions": ["geolocation"]}));
        self.session = session;
        self.call(
            "Emulation.setGeolocationOverride",
            json!({"latitude": latitude, "longitude": longitude, "accuracy": 10}),
        );
    }

    /// Chooses a file in the page's file field `selector`, as the person would.
    pub fn choose_file(&mut self, selector: &str, path: &std::path::Path) {
        let document = self.call("DOM.getDocument", json!({}));
        let node = self.call("DOM.querySelector", json!({"nodeId": document["root"]["nodeId"], "selector": selector}));
        self.call("DOM.setFileInputFiles", json!({"nodeId": node["nodeId"], "files": [path.display().to_string()]}));
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true, "awaitPromise": true}));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Opens a page and waits until it has loaded.
    pub fn open(&mut self, url: &str) {
        self.eval("window.__journey_old_page = true");
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for_new_page();
    }

    /// Runs `action` (which submits a form or follows a link) and waits for
    /// the page it leads to.
    pub fn act(&mut self, action: &str) {
        self.eval("window.__journey_old_page = true");
        self.eval(action);
        self.wait_for_new_page();
    }

    fn wait_for_new_page(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // While the page changes, the old one may be gone before the new
            // one can answer: that is "not yet", not a failure.
            let state = self
                .try_call(
                    "Runtime.evaluate",
                    json!({"expression": "[window.__journey_old_page === true, document.readyState].join(' ')", "returnByValue": true}),
                )
                .map(|r| r["result"]["value"].clone())
                .unwrap_or(Value::Null);
            if state == "false complete" {
                return;
            }
            assert!(Instant::now() < deadline, "the page never loaded ({state})");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The text a reader sees.
    pub fn text(&mut self) -> String {
        self.eval("document.body.innerText").as_str().unwrap_or_default().to_owned()
    }

    /// The serious and critical accessibility problems axe-core finds on the page.
    fn accessibility_problems(&mut self) -> Vec<String> {
        const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");
        if self.eval("typeof axe") != "object" {
            self.eval(AXE);
        }
        let found = self.eval(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations\
               .filter(v => v.impact === 'serious' || v.impact === 'critical')\
               .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        );
        found
            .as_array()
            .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }

    /// Checks the page fits the screen sideways and has no serious or
    /// critical accessibility problem, and keeps a screenshot of it.
    pub fn look(&mut self, step: &str) {
        let overflow = self.eval("document.documentElement.scrollWidth - window.innerWidth").as_i64().unwrap_or(0);
        let shot = self.call("Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true}));
        let png = data_encoding::BASE64.decode(shot["data"].as_str().expect("image").as_bytes()).expect("base64");
        self.taken += 1;
        std::fs::write(self.shots.join(format!("{:02}-{step}.png", self.taken)), png).expect("screenshot");
        let url = self.eval("location.pathname");
        assert!(overflow <= 0, "{step} ({url}): the page is {overflow} px wider than the screen");
        let problems = self.accessibility_problems();
        assert!(problems.is_empty(), "{step} ({url}): axe-core finds {problems:#?}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A JavaScript string literal of `text`.
pub fn js(text: &str) -> String {
    serde_json::to_string(text).expect("string")
}
