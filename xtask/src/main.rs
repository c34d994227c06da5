//! Project automation for Aman, run as `cargo xtask <command>`.
//!
//! Two benchmarks and a crash-safety harness live here:
//!
//! * `bench-locate` measures how fast one thread turns a coordinate into the
//!   deepest administrative area (the `aman-geo` index);
//! * `bench-intake` loads a release build of the real server over HTTP and
//!   compares durable concern submissions with a trivial health check;
//! * `crash-test` kills the server with SIGKILL under load, again and again,
//!   and checks that every acknowledged concern is stored exactly once.
//!
//! Arguments are parsed by hand (see [`options`]); a bad command line prints
//! the usage and exits with status 2, a failed run exits with status 1.

mod bench_detect;
mod bench_survey;
mod cpu;
mod crash;
mod eval_detect;
mod intake;
mod load;
mod locate;
mod options;
mod pgbench;
mod rng;
mod server;

use std::process::ExitCode;

use options::{Options, UsageError};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  bench-locate [--points N] [--runs R] [--seed S]
      Point -> sub-district lookups on one thread, over three workloads.
      N points per workload (default 2000000), timed R times (default 3).

  bench-intake [--seconds S] [--connections C1,C2,...] [--warmup W]
               [--db sqlite|postgres] [--postgres-url URL] [--url URL]
      Builds and starts `aman demo` (release) on a free local port, then for
      each connection count runs GET /healthz and POST /api/v1/concerns for
      S seconds each (default 10) after W seconds of warm-up (default 1).
      Connection counts default to 64,256. The database is a fresh SQLite
      file (default) or, with --db postgres, a new database aman_bench_<pid>
      on --postgres-url (default $AMAN_TEST_POSTGRES_URL or
      postgres://postgres@127.0.0.1/postgres), dropped afterwards; then
      pgbench measures single-row INSERTs of a concern-shaped row for S
      seconds per connection count in a scratch database, for comparison.
      Needs psql and pgbench. With --url, benchmarks an already-running
      server instead of starting one.

  bench-survey [--responses N] [--domains D] [--runs R] [--seed S]
      Design-based estimation (aman-survey) against R's survey package: N
      seeded responses (default 1000000) in 20 strata x 100 PSUs with
      weights, D domains (default 50); the mean and a proportion with
      Taylor SEs for every domain, best of R runs (default 3), then Rscript
      (svydesign + svyby svymean) on the same CSV. Prints the speed-up;
      skips R if Rscript is absent.

  crash-test [--db sqlite|postgres] [--postgres-url URL] [--rounds R]
             [--submissions N] [--clients C] [--aman PATH] [--seed S]
      Durability check (docs/reliability.md): in each of R rounds (default
      20), C clients (default 32) submit up to N concerns (default 5000) to
      `aman serve` on a fresh database, which is killed with SIGKILL after a
      random 10-90% of them were acknowledged, then restarted. Fails unless
      every acknowledged concern is stored exactly once and nothing else is.
      PostgreSQL: a new database on --postgres-url (default
      $AMAN_TEST_POSTGRES_URL or postgres://postgres@127.0.0.1/postgres).
      Needs sqlite3 or psql. Without --aman, builds the release server.

  eval-detect [--series N] [--seed S]
      Outbreak-detection evaluation (docs/early-warning.md): N seeded daily
      series per baseline (default 200) with injected outbreaks, every
      aman-detect method with R's and Aman's defaults, plus a replay of the
      UCDP Iraq events in data/events. Prints markdown tables.

  bench-detect [--runs R] [--seed S]
      Outbreak-detection throughput (docs/benchmarks.md): 1547 seeded daily
      series (119 areas x 13 categories) of 10 years; every aman-detect
      method with Aman's presets over the whole series, the server's hourly
      alert run, and the newest day only, on 1 and 2 threads, best of R runs
      (default 3). Prints a markdown table.

  help
      Prints this text.
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = Options::parse(args).and_then(|options| match command.as_str() {
        "bench-locate" => locate::run(options),
        "bench-intake" => intake::run(options),
        "bench-survey" => bench_survey::run(options),
        "crash-test" => crash::run(options),
        "eval-detect" => eval_detect::run(options),
        "bench-detect" => bench_detect::run(options),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(UsageError::new(format!("unknown command `{other}`")).into()),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is::<UsageError>() => {
            eprintln!("error: {error}\n");
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
