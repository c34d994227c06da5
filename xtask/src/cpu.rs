//! Machine-wide CPU use between two moments, from the first line of
//! `/proc/stat` (Linux only; elsewhere there is simply no figure).
//!
//! `bench-intake` shows it per phase: a phase that leaves the cores partly
//! idle is limited by waiting (for fsync, or for a single writer), not by
//! CPU, and more connections or cores would not help it.

/// Cumulative CPU time counters, in clock ticks, summed over all cores.
#[derive(Clone, Copy, Debug)]
pub struct Ticks {
    busy: u64,
    iowait: u64,
    steal: u64,
    total: u64,
}

/// Shares (0–1) of all cores' time between two samples.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    /// Running user or kernel code (including interrupts).
    pub busy: f64,
    /// Idle while some task waited for disk I/O.
    pub iowait: f64,
    /// Taken by the hypervisor for other virtual machines.
    pub steal: f64,
}

pub fn sample() -> Option<Ticks> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    parse(text.lines().next()?)
}

/// Parses `cpu  user nice system idle iowait irq softirq steal …`.
fn parse(line: &str) -> Option<Ticks> {
    let mut fields = line.split_whitespace();
    if fields.next()? != "cpu" {
        return None;
    }
    let values: Vec<u64> = fields.take(8).map(str::parse).collect::<Result<_, _>>().ok()?;
    let &[user, nice, system, idle, iowait, irq, softirq, steal] = values.as_slice() else {
        return None;
    };
    let busy = user + nice + system + irq + softirq;
    Some(Ticks { busy, iowait, steal, total: busy + idle + iowait + steal })
}

pub fn between(before: Ticks, after: Ticks) -> Option<Usage> {
    let total = after.total.checked_sub(before.total).filter(|&t| t > 0)? as f64;
    let share = |a: u64, b: u64| a.saturating_sub(b) as f64 / total;
    Some(Usage {
        busy: share(after.busy, before.busy),
        iowait: share(after.iowait, before.iowait),
        steal: share(after.steal, before.steal),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_the_interval() -> Result<(), String> {
        let before = parse("cpu  100 0 50 800 10 0 0 0 0 0").ok_or("before")?;
        let after = parse("cpu  160 0 70 880 30 0 0 20 0 0").ok_or("after")?;
        let usage = between(before, after).ok_or("usage")?;
        assert_eq!((usage.busy, usage.iowait, usage.steal), (0.4, 0.1, 0.1));
        assert!(parse("cpu0 1 2 3 4 5 6 7 8").is_none());
        assert!(parse("cpu 1 2 3").is_none());
        Ok(())
    }
}
