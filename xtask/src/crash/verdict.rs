//! The set check over everything recorded and stored, and the printed summary.

#[allow(unused_imports)]
use super::*;

/// The set check: the submissions as the clients saw them against the
/// descriptions the database holds.
#[derive(Debug, Default)]
pub(super) struct Verdict {
    pub(super) submitted: usize,
    pub(super) acknowledged: usize,
    pub(super) failed: usize,
    pub(super) unknown: usize,
    /// Rows in the database.
    pub(super) stored: usize,
    /// Distinct submitted descriptions found in the database.
    pub(super) present: usize,
    pub(super) present_unknown: usize,
    pub(super) lost: Vec<String>,
    pub(super) duplicated: Vec<String>,
    pub(super) unexpected: Vec<String>,
    pub(super) failed_present: Vec<String>,
}

impl Verdict {
    pub(super) fn judge(records: &[Record], stored: &[String]) -> Verdict {
        let mut copies: HashMap<&str, usize> = HashMap::new();
        for description in stored {
            *copies.entry(description.as_str()).or_default() += 1;
        }
        let mut verdict = Verdict { submitted: records.len(), stored: stored.len(), ..Verdict::default() };
        let mut submitted: HashMap<&str, usize> = HashMap::with_capacity(records.len());
        for record in records {
            *submitted.entry(record.description.as_str()).or_default() += 1;
            let count = copies.get(record.description.as_str()).copied().unwrap_or(0);
            if count > 0 {
                verdict.present += 1;
            }
            match record.outcome {
                Outcome::Acknowledged(_) => {
                    verdict.acknowledged += 1;
                    if count == 0 {
                        verdict.lost.push(record.description.clone());
                    }
                }
                Outcome::Failed(_) => {
                    verdict.failed += 1;
                    if count > 0 {
                        verdict.failed_present.push(record.description.clone());
                    }
                }
                Outcome::Unknown => {
                    verdict.unknown += 1;
                    if count > 0 {
                        verdict.present_unknown += 1;
                    }
                }
            }
        }
        for (description, count) in copies {
            if count > 1 {
                verdict.duplicated.push(description.to_owned());
            }
            if !submitted.contains_key(description) {
                verdict.unexpected.push(description.to_owned());
            }
        }
        // A harness bug, not a server one: the descriptions must be unique.
        verdict
            .duplicated
            .extend(submitted.into_iter().filter(|&(_, n)| n > 1).map(|(d, _)| format!("(sent twice) {d}")));
        for list in [&mut verdict.lost, &mut verdict.duplicated, &mut verdict.unexpected, &mut verdict.failed_present] {
            list.sort();
        }
        verdict
    }

    #[cfg(test)]
    pub(super) fn passed(&self) -> bool {
        self.lost.is_empty()
            && self.duplicated.is_empty()
            && self.unexpected.is_empty()
            && self.failed_present.is_empty()
    }
}

pub(super) fn print_summary(
    settings: &Settings,
    database: &Database,
    rounds: &[RoundReport],
    verdict: &Verdict,
    receipts: &ReceiptCheck,
    problems: &[String],
    elapsed: Duration,
) {
    println!(
        "\ncrash-test on {}: {} rounds, up to {} submissions each, {} clients, seed {}",
        database.label(),
        rounds.len(),
        settings.submissions,
        settings.clients,
        settings.seed
    );
    println!(
        "\n{:>5} {:>9} {:>12} {:>7} {:>8} {:>10} {:>10} {:>8} {:>9}",
        "round", "submitted", "acknowledged", "failed", "unknown", "kill after", "in flight", "seconds", "acked/s"
    );
    for (index, round) in rounds.iter().enumerate() {
        let per_second = if round.seconds > 0.0 { round.acknowledged as f64 / round.seconds } else { 0.0 };
        println!(
            "{:>5} {:>9} {:>12} {:>7} {:>8} {:>10} {:>10} {:>8.2} {:>9.0}",
            index + 1,
            round.sent,
            round.acknowledged,
            round.failed,
            round.unknown,
            if round.killed_mid_stream { "mid-stream" } else { "all done" },
            round.in_flight_at_kill,
            round.seconds,
            per_second
        );
    }
    let mut failures: BTreeMap<u16, usize> = BTreeMap::new();
    for round in rounds {
        for (status, count) in &round.failures {
            *failures.entry(*status).or_default() += count;
        }
    }
    if !failures.is_empty() {
        let list: Vec<String> = failures.iter().map(|(status, count)| format!("{count} × {status}")).collect();
        println!("failed submissions by status: {}", list.join(", "));
    }

    println!(
        "\n{:>6} {:>9} {:>12} {:>7} {:>8} {:>8} {:>5} {:>10} {:>10}",
        "rounds", "submitted", "acknowledged", "failed", "unknown", "present", "lost", "duplicated", "unexpected"
    );
    println!(
        "{:>6} {:>9} {:>12} {:>7} {:>8} {:>8} {:>5} {:>10} {:>10}",
        rounds.len(),
        verdict.submitted,
        verdict.acknowledged,
        verdict.failed,
        verdict.unknown,
        verdict.present,
        verdict.lost.len(),
        verdict.duplicated.len(),
        verdict.unexpected.len()
    );
    println!(
        "\nrows in the database: {}; unknown but stored: {} of {}; failed but stored: {}",
        verdict.stored,
        verdict.present_unknown,
        verdict.unknown,
        verdict.failed_present.len()
    );
    println!(
        "receipts after restart: {} of {} sampled found{}; never-issued receipt {}",
        receipts.found,
        receipts.sampled,
        if receipts.unreadable > 0 {
            format!(" ({} acknowledged answers had no readable receipt)", receipts.unreadable)
        } else {
            String::new()
        },
        if receipts.unknown_refused { "answered 404" } else { "NOT answered 404" }
    );
    for (list, what) in [
        (&verdict.lost, "lost"),
        (&verdict.duplicated, "duplicated"),
        (&verdict.unexpected, "unexpected"),
        (&verdict.failed_present, "failed but stored"),
    ] {
        for description in list.iter().take(EXAMPLES) {
            println!("  {what}: {description}");
        }
        if list.len() > EXAMPLES {
            println!("  … and {} more {what}", list.len() - EXAMPLES);
        }
    }
    let result = if problems.is_empty() { "PASS".to_owned() } else { format!("FAIL: {}", problems.join(", ")) };
    println!("\nresult: {result} ({:.0} s in all)", elapsed.as_secs_f64());
}
