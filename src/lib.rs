//! agentpack: scaffold Claude Code agent packs, review the artifacts agents hand each other,
//! and check agent definitions the way Claude Code reads them.
//!
//! `main` parses the command line and hands over to [`run`]; every command returns the exit
//! code it earned (0 success, 1 gate failed) and every operational failure is an error that
//! maps to exit code 2.

pub mod claude;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod document;
pub mod fsx;
pub mod lint;
pub mod pack;
pub mod report;
pub mod review;
pub mod rubric;
pub mod rules;
pub mod scaffold;
pub mod settings;
pub mod templates;
pub mod term;
pub mod workflow;
pub mod yaml;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Exit code when a gate failed: a score under the threshold, an error finding, a kept conflict.
pub const EXIT_GATE: u8 = 1;
/// Exit code for usage, configuration and I/O errors.
pub const EXIT_ERROR: u8 = 2;

/// Entry point shared by the binary: parse, run, print the error chain, map to an exit code.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    use anyhow::Context as _;
    if let Some(dir) = &cli.global.directory {
        std::env::set_current_dir(dir)
            .with_context(|| format!("cannot change to directory {}", dir.display()))?;
    }
    let ctx = term::Ctx::new(&cli.global);
    commands::dispatch(cli.command, &ctx)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
