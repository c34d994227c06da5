//! The load generator of `bench-intake`: `C` tokio tasks sharing one HTTP/1.1
//! client, each sending requests back to back to one endpoint for a fixed
//! time, so at most `C` requests are in flight and the server sees `C`
//! keep-alive connections.
//!
//! Every phase starts with a warm-up whose requests are not counted; then a
//! request counts if it completes inside the measured window. Only the
//! expected status (200 for `/healthz`, 201 for a submission) counts as a
//! success; anything else, or a transport failure, is an error, kept by kind.
//! Latency percentiles are over the successes.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::cpu::{self, Usage};

/// The area named by half of the submissions: a sub-district of Mosul.
const AREA: &str = "IQG15Q05N04";
/// The coordinates sent by the other half: Mosul's old city.
const LAT_LON: (f64, f64) = (36.34, 43.13);

/// Numbers the submissions' descriptions across all phases, so no two
/// concerns in the database have the same text.
static NEXT_CONCERN: AtomicU64 = AtomicU64::new(0);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Healthz,
    Submit,
}

impl Endpoint {
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::Healthz => "GET /healthz",
            Endpoint::Submit => "POST /api/v1/concerns",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Endpoint::Healthz => "/healthz",
            Endpoint::Submit => "/api/v1/concerns",
        }
    }

    fn success(self) -> StatusCode {
        match self {
            Endpoint::Healthz => StatusCode::OK,
            Endpoint::Submit => StatusCode::CREATED,
        }
    }
}

/// What one phase measured.
pub struct PhaseReport {
    pub endpoint: Endpoint,
    pub connections: usize,
    pub window: Duration,
    pub successes: u64,
    /// Failed requests by kind ("503 Service Unavailable", "timeout", …).
    pub errors: BTreeMap<String, u64>,
    /// Latency of every success in microseconds, sorted.
    latencies_us: Vec<u32>,
    /// How busy the whole machine was during the measured window.
    pub cpu: Option<Usage>,
}

impl PhaseReport {
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    pub fn requests(&self) -> u64 {
        self.successes + self.error_count()
    }

    /// Successful requests per second of the measured window.
    pub fn per_second(&self) -> f64 {
        self.successes as f64 / self.window.as_secs_f64()
    }

    /// The latency below which a share `q` (0–1) of the successes fell
    /// (nearest rank), in milliseconds.
    pub fn percentile_ms(&self, q: f64) -> Option<f64> {
        nearest_rank(&self.latencies_us, q).map(|us| f64::from(us) / 1000.0)
    }
}

fn nearest_rank(sorted: &[u32], q: f64) -> Option<u32> {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len().max(1)) - 1).copied()
}

/// A client for `connections` concurrent HTTP/1.1 requests to one host.
pub fn client(connections: usize) -> Result<Client> {
    Client::builder()
        .http1_only()
        .pool_max_idle_per_host(connections)
        .tcp_nodelay(true)
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .context("building the HTTP client")
}

/// Sends one submission and checks the answer has the agreed shape; returns
/// the answer for display.
pub async fn probe_submission(base_url: &str) -> Result<Value> {
    let url = format!("{base_url}{}", Endpoint::Submit.path());
    let response = client(1)?
        .post(&url)
        .json(&concern(NEXT_CONCERN.fetch_add(1, Ordering::Relaxed)))
        .send()
        .await
        .with_context(|| format!("POST {url}"))?;
    let status = response.status();
    let body = response.text().await.context("reading the answer to the probe submission")?;
    if status != StatusCode::CREATED {
        bail!("the probe submission got {status}, not 201 Created: {}", shorten(&body, 500));
    }
    let answer: Value = serde_json::from_str(&body)
        .with_context(|| format!("the probe submission's answer is not JSON: {}", shorten(&body, 500)))?;
    if answer.get("receipt").and_then(Value::as_str).is_none()
        || answer.get("status").and_then(Value::as_str) != Some("submitted")
    {
        bail!("the probe submission's answer lacks a receipt or status \"submitted\": {answer}");
    }
    Ok(answer)
}

/// Runs one phase: `connections` tasks against `endpoint` for `warmup` plus
/// `window`. `watched` are the processes whose CPU use is ours (see
/// [`cpu::snapshot`]).
pub async fn run_phase(
    base_url: &str,
    endpoint: Endpoint,
    connections: usize,
    warmup: Duration,
    window: Duration,
    watched: &[u32],
) -> Result<PhaseReport> {
    let client = client(connections)?;
    let url: Arc<str> = format!("{base_url}{}", endpoint.path()).into();
    let counted_from = Instant::now() + warmup;
    let until = counted_from + window;
    let watched = watched.to_vec();
    let cpu_usage = tokio::spawn(async move {
        tokio::time::sleep_until(counted_from.into()).await;
        let before = cpu::snapshot(&watched);
        tokio::time::sleep_until(until.into()).await;
        cpu::between(&before?, &cpu::snapshot(&watched)?)
    });
    let mut tasks = JoinSet::new();
    for _ in 0..connections {
        let worker = Worker { client: client.clone(), url: Arc::clone(&url), endpoint, counted_from, until };
        tasks.spawn(worker.run());
    }
    let mut report = PhaseReport {
        endpoint,
        connections,
        window,
        successes: 0,
        errors: BTreeMap::new(),
        latencies_us: Vec::new(),
        cpu: None,
    };
    while let Some(joined) = tasks.join_next().await {
        let tally = joined.context("a load task panicked")?;
        report.successes += tally.latencies_us.len() as u64;
        report.latencies_us.extend(tally.latencies_us);
        for (kind, count) in tally.errors {
            *report.errors.entry(kind).or_default() += count;
        }
    }
    report.latencies_us.sort_unstable();
    report.cpu = cpu_usage.await.context("the CPU sampler panicked")?;
    Ok(report)
}

/// One simulated client: sends a request, waits for the whole answer,
/// repeats.
struct Worker {
    client: Client,
    url: Arc<str>,
    endpoint: Endpoint,
    counted_from: Instant,
    until: Instant,
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    errors: BTreeMap<String, u64>,
}

impl Worker {
    async fn run(self) -> Tally {
        let mut tally = Tally::default();
        loop {
            let started = Instant::now();
            if started >= self.until {
                return tally;
            }
            let outcome = self.send().await;
            let finished = Instant::now();
            if finished < self.counted_from || finished > self.until {
                continue;
            }
            match outcome {
                Ok(status) if status == self.endpoint.success() => {
                    let micros = finished.duration_since(started).as_micros();
                    tally.latencies_us.push(u32::try_from(micros).unwrap_or(u32::MAX));
                }
                Ok(status) => *tally.errors.entry(status.to_string()).or_default() += 1,
                Err(error) => *tally.errors.entry(describe(&error)).or_default() += 1,
            }
        }
    }

    /// One request, reading the body to the end so the connection is reused.
    async fn send(&self) -> Result<StatusCode, reqwest::Error> {
        let request = match self.endpoint {
            Endpoint::Healthz => self.client.get(&*self.url),
            Endpoint::Submit => {
                let body = concern(NEXT_CONCERN.fetch_add(1, Ordering::Relaxed));
                self.client.post(&*self.url).json(&body)
            }
        };
        let response = request.send().await?;
        let status = response.status();
        response.bytes().await?;
        Ok(status)
    }
}

/// The JSON of submission number `n`: even numbers name the area, odd ones
/// give coordinates for the server to locate.
fn concern(n: u64) -> Value {
    let description = format!("Armed men fire in the air near the market every night (bench {n})");
    let mut body = json!({
        "category": "armed_groups_weapons",
        "description": description,
        "language": "ar",
    });
    if n.is_multiple_of(2) {
        body["area"] = json!(AREA);
    } else {
        body["lat"] = json!(LAT_LON.0);
        body["lon"] = json!(LAT_LON.1);
    }
    body
}

/// A short, stable description of a transport failure: its kind and the
/// innermost cause (e.g. "connect: Connection refused (os error 111)").
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else if error.is_body() || error.is_decode() {
        "body"
    } else {
        "request"
    };
    let mut cause: &dyn std::error::Error = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    format!("{kind}: {}", shorten(&cause.to_string(), 80))
}

fn shorten(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let sorted: Vec<u32> = (1..=100).collect();
        assert_eq!(nearest_rank(&sorted, 0.5), Some(50));
        assert_eq!(nearest_rank(&sorted, 0.99), Some(99));
        assert_eq!(nearest_rank(&sorted, 1.0), Some(100));
        assert_eq!(nearest_rank(&sorted, 0.0), Some(1));
        assert_eq!(nearest_rank(&[7], 0.99), Some(7));
        assert_eq!(nearest_rank(&[], 0.5), None);
    }

    #[test]
    fn submissions_alternate_between_area_and_coordinates() {
        let even = concern(4);
        assert_eq!(even["area"], AREA);
        assert!(even.get("lat").is_none());
        let odd = concern(5);
        assert!(odd.get("area").is_none());
        assert_eq!((odd["lat"].as_f64(), odd["lon"].as_f64()), (Some(36.34), Some(43.13)));
        assert_eq!(odd["description"], "Armed men fire in the air near the market every night (bench 5)");
    }

    #[test]
    fn shortens_on_character_boundaries() {
        assert_eq!(shorten("مرحبا بالعالم", 5), "مرحبا…");
        assert_eq!(shorten("short", 80), "short");
    }
}
