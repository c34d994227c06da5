//! CPU use between two moments, from `/proc/stat` for the whole machine and
//! `/proc/PID/stat` for the benchmark's own processes (Linux only; elsewhere
//! there is simply no figure).
//!
//! Both benchmarks print it so that a run can be judged: on a shared machine,
//! CPU taken by other processes makes the figures low; and in `bench-intake`
//! a phase that leaves the cores partly idle is limited by waiting (for fsync,
//! or for a single writer), not by CPU.

/// Cumulative CPU time counters, in clock ticks, summed over all cores.
#[derive(Clone, Copy, Debug)]
struct Machine {
    busy: u64,
    iowait: u64,
    steal: u64,
    total: u64,
}

/// The counters at one moment: the machine's, and the CPU time used so far
/// by the watched processes (the benchmark itself, and the server it runs).
#[derive(Clone, Debug)]
pub struct Snapshot {
    machine: Machine,
    watched: Option<u64>,
}

/// Shares (0–1) of all cores' time between two snapshots.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    /// Running user or kernel code (including interrupts), by anyone.
    pub busy: f64,
    /// Running the watched processes; `busy - watched` is everyone else.
    pub watched: Option<f64>,
    /// Idle while some task waited for disk I/O.
    pub iowait: f64,
    /// Taken by the hypervisor for other virtual machines.
    pub steal: f64,
}

impl Usage {
    /// The share of all cores used by processes other than the watched ones.
    pub fn others(&self) -> Option<f64> {
        self.watched.map(|watched| (self.busy - watched).max(0.0))
    }
}

/// Reads the counters now; `pids` are the processes to watch (0 means this
/// process). `None` if `/proc` cannot be read.
pub fn snapshot(pids: &[u32]) -> Option<Snapshot> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let machine = parse_machine(text.lines().next()?)?;
    let watched = pids.iter().map(|&pid| process_ticks(pid)).sum();
    Some(Snapshot { machine, watched })
}

pub fn between(before: &Snapshot, after: &Snapshot) -> Option<Usage> {
    let total = after.machine.total.checked_sub(before.machine.total).filter(|&t| t > 0)? as f64;
    let share = |a: u64, b: u64| a.saturating_sub(b) as f64 / total;
    Some(Usage {
        busy: share(after.machine.busy, before.machine.busy),
        watched: before.watched.zip(after.watched).map(|(b, a)| share(a, b)),
        iowait: share(after.machine.iowait, before.machine.iowait),
        steal: share(after.machine.steal, before.machine.steal),
    })
}

/// Parses `cpu  user nice system idle iowait irq softirq steal …`.
fn parse_machine(line: &str) -> Option<Machine> {
    let mut fields = line.split_whitespace();
    if fields.next()? != "cpu" {
        return None;
    }
    let values: Vec<u64> = fields.take(8).map(str::parse).collect::<Result<_, _>>().ok()?;
    let &[user, nice, system, idle, iowait, irq, softirq, steal] = values.as_slice() else {
        return None;
    };
    let busy = user + nice + system + irq + softirq;
    Some(Machine { busy, iowait, steal, total: busy + idle + iowait + steal })
}

/// User plus system time of a process and all its threads so far.
fn process_ticks(pid: u32) -> Option<u64> {
    let path = match pid {
        0 => "/proc/self/stat".to_owned(),
        pid => format!("/proc/{pid}/stat"),
    };
    parse_process(&std::fs::read_to_string(path).ok()?)
}

/// Parses `pid (comm) state ppid … utime stime …`: utime and stime are the
/// 14th and 15th fields, the comm may hold spaces and parentheses.
fn parse_process(stat: &str) -> Option<u64> {
    let after_comm = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_comm.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_the_interval() -> Result<(), String> {
        let machine = |line| parse_machine(line).ok_or("unparsed");
        let before = Snapshot { machine: machine("cpu  100 0 50 800 10 0 0 0 0 0")?, watched: Some(40) };
        let after = Snapshot { machine: machine("cpu  160 0 70 880 30 0 0 20 0 0")?, watched: Some(90) };
        let usage = between(&before, &after).ok_or("no usage")?;
        assert_eq!((usage.busy, usage.iowait, usage.steal), (0.4, 0.1, 0.1));
        assert_eq!(usage.watched, Some(0.25));
        assert!(usage.others().is_some_and(|others| (others - 0.15).abs() < 1e-12));
        assert!(parse_machine("cpu0 1 2 3 4 5 6 7 8").is_none());
        assert!(parse_machine("cpu 1 2 3").is_none());
        Ok(())
    }

    #[test]
    fn reads_process_times_past_an_awkward_name() {
        let stat = "4242 (tokio (rt) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 731 112 0 0 20 0 7 0";
        assert_eq!(parse_process(stat), Some(843));
        assert!(process_ticks(0).is_some());
    }
}
