//! One round: clients submitting until the server is killed, and what each submission came to; the receipt look-ups after the last round.

#[allow(unused_imports)]
use super::*;
use rand::seq::SliceRandom;

/// The fate of one submission, as the client saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// `201 Created`; the receipt, unless the body could not be read.
    Acknowledged(Option<String>),
    /// A definite answer other than 201.
    Failed(StatusCode),
    /// No answer: connection refused or reset, timeout, truncated answer.
    Unknown,
}

#[derive(Clone, Debug)]
pub(super) struct Record {
    pub(super) description: String,
    pub(super) outcome: Outcome,
}

/// What one round did.
pub(super) struct RoundReport {
    pub(super) sent: usize,
    pub(super) acknowledged: usize,
    pub(super) failed: usize,
    pub(super) unknown: usize,
    /// Failed submissions by status.
    pub(super) failures: BTreeMap<u16, usize>,
    /// Whether the kill came before every submission had been answered.
    pub(super) killed_mid_stream: bool,
    pub(super) in_flight_at_kill: usize,
    pub(super) seconds: f64,
}

/// State shared by one round's clients.
pub(super) struct Round {
    pub(super) url: String,
    pub(super) number: usize,
    pub(super) seed: u64,
    pub(super) submissions: usize,
    pub(super) kill_at: usize,
    /// Sequence numbers handed out (may exceed `submissions` by the clients).
    pub(super) issued: AtomicUsize,
    pub(super) acknowledged: AtomicUsize,
    pub(super) in_flight: AtomicUsize,
    pub(super) clients_running: AtomicUsize,
    pub(super) stop: AtomicBool,
    /// Woken when `kill_at` submissions are acknowledged or every client is done.
    pub(super) kill: Notify,
}

pub(super) async fn run_round(
    server: &mut Serve,
    settings: &Settings,
    number: usize,
    kill_at: usize,
) -> Result<(RoundReport, Vec<Record>)> {
    let client = load::client(settings.clients)?;
    wait_ready(&client, &server.url).await?;
    let round = Arc::new(Round {
        url: format!("{}/api/v1/concerns", server.url),
        number,
        seed: settings.seed,
        submissions: settings.submissions,
        kill_at,
        issued: AtomicUsize::new(0),
        acknowledged: AtomicUsize::new(0),
        in_flight: AtomicUsize::new(0),
        clients_running: AtomicUsize::new(settings.clients),
        stop: AtomicBool::new(false),
        kill: Notify::new(),
    });
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for index in 0..settings.clients {
        tasks.spawn(submit_until_stopped(client.clone(), Arc::clone(&round), index));
    }
    // `notify_one` keeps a permit, so a wake-up before this await is not lost.
    round.kill.notified().await;
    round.stop.store(true, Ordering::SeqCst);
    let in_flight_at_kill = round.in_flight.load(Ordering::SeqCst);
    let killed_mid_stream = round.clients_running.load(Ordering::SeqCst) > 0;
    server.kill()?;
    let seconds = started.elapsed().as_secs_f64();

    let mut records = Vec::with_capacity(settings.submissions);
    while let Some(joined) = tasks.join_next().await {
        records.extend(joined.context("a client task panicked")?);
    }
    let mut report = RoundReport {
        sent: records.len(),
        acknowledged: 0,
        failed: 0,
        unknown: 0,
        failures: BTreeMap::new(),
        killed_mid_stream,
        in_flight_at_kill,
        seconds,
    };
    for record in &records {
        match record.outcome {
            Outcome::Acknowledged(_) => report.acknowledged += 1,
            Outcome::Failed(status) => {
                report.failed += 1;
                *report.failures.entry(status.as_u16()).or_default() += 1;
            }
            Outcome::Unknown => report.unknown += 1,
        }
    }
    Ok((report, records))
}

/// One client: submits back to back until the round's submissions are all
/// handed out or the server is about to be killed.
pub(super) async fn submit_until_stopped(client: Client, round: Arc<Round>, index: usize) -> Vec<Record> {
    let mut records = Vec::new();
    while !round.stop.load(Ordering::SeqCst) {
        let sequence = round.issued.fetch_add(1, Ordering::SeqCst);
        if sequence >= round.submissions {
            break;
        }
        let description = format!("crash-test r{} c{index} n{sequence} s{}", round.number, round.seed);
        round.in_flight.fetch_add(1, Ordering::SeqCst);
        let outcome = submit(&client, &round.url, &description).await;
        round.in_flight.fetch_sub(1, Ordering::SeqCst);
        if matches!(outcome, Outcome::Acknowledged(_))
            && round.acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == round.kill_at
        {
            round.kill.notify_one();
        }
        records.push(Record { description, outcome });
    }
    if round.clients_running.fetch_sub(1, Ordering::SeqCst) == 1 {
        round.kill.notify_one();
    }
    records
}

pub(super) async fn submit(client: &Client, url: &str, description: &str) -> Outcome {
    let body = json!({ "category": "crime", "description": description, "area": AREA });
    let response = match client.post(url).json(&body).send().await {
        Ok(response) => response,
        Err(_) => return Outcome::Unknown,
    };
    let status = response.status();
    if status != StatusCode::CREATED {
        return Outcome::Failed(status);
    }
    // The 201 alone is the promise; a body cut off by the kill loses only the receipt.
    let receipt = match response.json::<Value>().await {
        Ok(answer) => answer.get("receipt").and_then(Value::as_str).map(str::to_owned),
        Err(_) => None,
    };
    Outcome::Acknowledged(receipt)
}

pub(super) async fn wait_ready(client: &Client, base_url: &str) -> Result<()> {
    let url = format!("{base_url}/readyz");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let last = match client.get(&url).timeout(Duration::from_secs(2)).send().await {
            Ok(response) if response.status() == StatusCode::OK => return Ok(()),
            Ok(response) => format!("answered {}", response.status()),
            Err(error) => format!("failed: {error}"),
        };
        if Instant::now() > deadline {
            bail!("GET {url} {last}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the receipt lookups after the last round found.
pub(super) struct ReceiptCheck {
    pub(super) sampled: usize,
    pub(super) found: usize,
    /// Acknowledged submissions whose receipt could not be read from the answer.
    pub(super) unreadable: usize,
    pub(super) unknown_refused: bool,
}

/// Looks up a seeded random sample of acknowledged receipts, and one receipt
/// that was never issued (so a 200 means something).
pub(super) async fn check_receipts(base_url: &str, records: &[Record], rng: &mut StdRng) -> Result<ReceiptCheck> {
    let client = load::client(1)?;
    wait_ready(&client, base_url).await?;
    let mut receipts: Vec<&str> = records
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Acknowledged(receipt) => receipt.as_deref(),
            _ => None,
        })
        .collect();
    let unreadable = records.iter().filter(|r| r.outcome == Outcome::Acknowledged(None)).count();
    // A seeded partial Fisher–Yates shuffle (rand's) picks the sample.
    let sampled = receipts.len().min(RECEIPT_SAMPLE);
    let (sample, _) = receipts.partial_shuffle(rng, sampled);
    let mut found = 0;
    for receipt in sample.iter() {
        let status = lookup(&client, base_url, receipt).await?;
        if status == StatusCode::OK {
            found += 1;
        } else {
            eprintln!("receipt {receipt} answered {status}, not 200");
        }
    }
    let unknown = lookup(&client, base_url, UNKNOWN_RECEIPT).await?;
    if unknown != StatusCode::NOT_FOUND {
        eprintln!("the never-issued receipt {UNKNOWN_RECEIPT} answered {unknown}, not 404");
    }
    Ok(ReceiptCheck { sampled, found, unreadable, unknown_refused: unknown == StatusCode::NOT_FOUND })
}

pub(super) async fn lookup(client: &Client, base_url: &str, receipt: &str) -> Result<StatusCode> {
    let url = format!("{base_url}/api/v1/receipts/{receipt}");
    let response = client.get(&url).send().await.with_context(|| format!("GET {url}"))?;
    Ok(response.status())
}
