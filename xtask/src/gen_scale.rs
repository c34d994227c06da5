//! `cargo xtask gen`: a large database, through the demo's own generator
//! (`aman demo --seed-only --concerns N`), so what is measured is what the
//! demo shows, a million times over. `cargo xtask bench-scale`: the pages
//! people read on such a database, timed against the release server.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::cli::{GenArgs, ScaleArgs};
use crate::server::{self, Server};

/// Runs the demo's generator on the given database; prints how long it took.
pub fn generate(GenArgs { concerns, db, key_file, aman }: GenArgs) -> Result<()> {
    let binary = match aman {
        Some(path) => path,
        None => server::build_release()?,
    };
    let started = Instant::now();
    let status = Command::new(&binary)
        .args(["demo", "--seed-only", "--concerns", &concerns.to_string(), "--db", &db])
        .arg("--key-file")
        .arg(&key_file)
        .status()
        .with_context(|| format!("running {}", binary.display()))?;
    ensure!(status.success(), "`aman demo --seed-only` failed ({status})");
    let seconds = started.elapsed().as_secs_f64();
    println!("generated in {seconds:.0} s ({:.0} concerns per second)", concerns as f64 / seconds);
    Ok(())
}

/// Durations of one kind of request.
struct Timings {
    what: &'static str,
    samples: Vec<Duration>,
}

impl Timings {
    fn new(what: &'static str) -> Timings {
        Timings { what, samples: Vec::new() }
    }

    fn row(&self) -> String {
        let mut sorted = self.samples.clone();
        sorted.sort();
        let at = |q: f64| {
            let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
            sorted[i].as_secs_f64() * 1000.0
        };
        format!(
            "| {} | {} | {:.1} | {:.1} | {:.1} |",
            self.what,
            sorted.len(),
            at(0.5),
            at(0.95),
            sorted.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        )
    }
}

/// A demo account's password and two-factor key, as `aman demo` printed them.
fn account(printed: &str, email: &str) -> Result<(String, Option<String>)> {
    let lines: Vec<&str> = printed.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(email))
        .with_context(|| format!("{email} is not among the accounts the demo printed"))?;
    let password = lines[at].split_whitespace().nth(1).context("no password")?.to_owned();
    let key = lines.get(at + 1).and_then(|l| l.split("two-factor key ").nth(1)).map(|k| k[..32].to_owned());
    Ok((password, key))
}

fn totp_now(base32: &str) -> Result<String> {
    let secret = data_encoding::BASE32_NOPAD.decode(base32.as_bytes()).context("two-factor key")?;
    let secret: [u8; aman_core::totp::SECRET_BYTES] =
        secret.try_into().map_err(|_| anyhow::anyhow!("the two-factor key has the wrong length"))?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
    Ok(aman_core::totp::code_at(&secret, now as i64))
}

async fn timed(request: reqwest::RequestBuilder) -> Result<Duration> {
    let started = Instant::now();
    let response = request.send().await?;
    let status = response.status();
    let body = response.bytes().await?;
    let elapsed = started.elapsed();
    ensure!(status.is_success(), "answered {status}: {}", String::from_utf8_lossy(&body[..body.len().min(300)]));
    Ok(elapsed)
}

/// Resident memory of a process, from /proc, in MiB.
fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?.split_whitespace().next()?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts the server on the database, browses as the public and as the
/// triage desk, and prints the figures.
pub fn bench(ScaleArgs { db, key_file, rounds, aman }: ScaleArgs) -> Result<()> {
    let binary = match aman {
        Some(path) => path,
        None => server::build_release()?,
    };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the tokio runtime")?;
    let mut server = Server::start_with(&binary, Some(&db), Some(&key_file))?;
    let result = runtime.block_on(measure(&mut server, &binary, &db, &key_file, rounds));
    server.stop()?;
    result
}

async fn measure(server: &mut Server, binary: &Path, db: &str, key_file: &Path, rounds: usize) -> Result<()> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(120)).build()?;
    server.wait_ready(&client).await?;
    let base = server.url().to_owned();
    let printed = std::fs::read_to_string(server.dir().join("server.stdout")).context("the demo's accounts")?;
    let (password, key) = account(&printed, "triage@demo.aman")?;
    let code = totp_now(&key.context("the triage desk has a two-factor key")?)?;
    let session: serde_json::Value = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&serde_json::json!({"email": "triage@demo.aman", "password": password, "code": code}))
        .send()
        .await?
        .json()
        .await?;
    let Some(token) = session["token"].as_str().map(str::to_owned) else { bail!("could not sign in: {session}") };

    // Every governorate and district, and the country.
    let mut places = vec![String::new()];
    for level in [1, 2] {
        let areas: serde_json::Value =
            client.get(format!("{base}/api/v1/areas?level={level}")).send().await?.json().await?;
        for area in areas["areas"].as_array().context("areas")? {
            places.push(format!("/{}", area["pcode"].as_str().context("pcode")?));
        }
    }
    let mut cold = Timings::new("dashboard, first view of each area");
    let mut warm = Timings::new("dashboard, each area again");
    for round in 0..rounds {
        for place in &places {
            let took = timed(client.get(format!("{base}/dashboard{place}"))).await?;
            if round == 0 { cold.samples.push(took) } else { warm.samples.push(took) }
        }
    }
    let rss = server.pid().and_then(rss_mib);

    let filters = [
        "",
        "?status=submitted",
        "?category=crime",
        "?area=IQG08",
        "?area=IQG02Q01&category=tribal_conflict",
        "?status=verified&category=services_failure&area=IQG15",
        "?q=%D8%A7%D9%84%D9%83%D9%87%D8%B1%D8%A8%D8%A7%D8%A1",
        // A name no concern holds: before the trigram index, the whole year read.
        "?q=%D8%B2%D8%B9%D9%8A%D8%B7",
        "?page=50",
    ];
    let mut queue = Timings::new("staff queue with filters (API)");
    let mut slowest = vec![Duration::ZERO; filters.len()];
    for _ in 0..rounds {
        for (i, filter) in filters.iter().enumerate() {
            let request = client.get(format!("{base}/api/v1/concerns{filter}")).bearer_auth(&token);
            let took = timed(request).await?;
            slowest[i] = slowest[i].max(took);
            queue.samples.push(took);
        }
    }
    let month = last_month();
    let mut sitrep = Timings::new("situation report page, country");
    for _ in 0..rounds {
        sitrep.samples.push(timed(client.get(format!("{base}/dashboard/IQ/sitrep/{month}"))).await?);
    }

    let pdf = std::env::temp_dir().join(format!("aman-bench-sitrep-{}.pdf", std::process::id()));
    let started = Instant::now();
    let printed = Command::new(binary)
        .args(["report", "sitrep", "--area", "IQ", "--month", &month, "--format", "pdf", "--db", db])
        .arg("--key-file")
        .arg(key_file)
        .arg("--out")
        .arg(&pdf)
        .output()
        .context("running aman report sitrep")?;
    let pdf_seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&pdf);

    println!("\n| what | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
    for timings in [&cold, &warm, &queue, &sitrep] {
        println!("{}", timings.row());
    }
    if printed.status.success() {
        println!("\nsituation report as PDF (aman report sitrep --format pdf, country, {month}): {pdf_seconds:.2} s");
    } else {
        println!("\nsituation report as PDF: failed ({})", String::from_utf8_lossy(&printed.stderr).trim());
    }
    println!("\nthe queue's filters, slowest of {rounds} each:");
    for (filter, took) in filters.iter().zip(&slowest) {
        println!("  {:>8.1} ms  /api/v1/concerns{filter}", took.as_secs_f64() * 1000.0);
    }
    match rss {
        Some(mib) => println!("server resident memory after browsing the dashboard: {mib:.0} MiB"),
        None => println!("server resident memory: not readable"),
    }
    Ok(())
}

/// The month before this one, `YYYY-MM` (the latest the reports cover whole).
fn last_month() -> String {
    use chrono::Datelike;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let today = chrono::DateTime::from_timestamp(now as i64, 0).unwrap_or_default().date_naive();
    let first = today.with_day(1).unwrap_or(today);
    (first - chrono::Days::new(1)).format("%Y-%m").to_string()
}
