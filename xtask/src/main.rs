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
//! The command line is parsed by `clap` (see [`cli`]); a bad command line
//! prints the usage and exits with status 2, a failed run exits with status 1.

mod bench_dedup;
mod bench_detect;
mod bench_survey;
mod cli;
mod cpu;
mod crash;
mod draw;
mod eval_common;
mod eval_detect;
mod eval_flag;
mod eval_geocode;
mod eval_noufaily;
mod eval_replay;
mod gen_scale;
mod intake;
mod load;
mod locate;
mod pgbench;
mod server;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = cli.check() {
        error.exit();
    }
    let result = match cli.command {
        Command::BenchLocate(args) => locate::run(args),
        Command::BenchIntake(args) => intake::run(args),
        Command::BenchSurvey(args) => bench_survey::run(args),
        Command::CrashTest(args) => crash::run(args),
        Command::EvalDetect(args) => eval_detect::run(args),
        Command::BenchDetect(args) => bench_detect::run(args),
        Command::Gen(args) => gen_scale::generate(args),
        Command::BenchScale(args) => gen_scale::bench(args),
        Command::BenchDedup(args) => bench_dedup::run(args),
        Command::EvalGeocode(args) => eval_geocode::run(args),
        Command::EvalFlag(args) => eval_flag::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
