//! agentpack: scaffold Claude Code agent packs, review the artifacts agents hand each other,
//! and check agent definitions the way Claude Code reads them.
//!
//! `main` parses the command line and hands over to [`run`]; every command returns the exit
//! code it earned (0 success, 1 gate failed) and every operational failure is an error that
//! maps to exit code 2.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assets;
pub mod claude;
pub mod cli;
pub mod commands;
pub mod diag;
pub mod doctor;
pub mod document;
pub mod fsx;
pub mod lint;
pub mod project;
pub mod report;
pub mod review;
pub mod rubric;
pub mod rules;
pub mod scaffold;
pub mod yaml;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser};

pub use commands::{EXIT_ERROR, EXIT_GATE};

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
    let global = &cli.global;
    let ctx = commands::Ctx {
        term: report::Term::new(global.color, global.quiet, global.verbose),
        config: global.config.clone(),
    };
    dispatch(cli.command, &ctx)
}

/// The only place that knows every command.
fn dispatch(command: cli::Command, ctx: &commands::Ctx) -> anyhow::Result<ExitCode> {
    use cli::Command;
    use commands::*;
    match command {
        Command::Init(args) => init::run(&args, ctx),
        Command::Add(args) => add::run(&args, ctx),
        Command::Sync(args) => sync::run(&args, ctx),
        Command::Remove(args) => remove::run(&args, ctx),
        Command::Rubrics(cmd) => rubrics::run(&cmd, ctx),
        Command::List(args) => list::run(&args, ctx),
        Command::Templates(cmd) => templates::run(&cmd, ctx),
        Command::Review(args) => review::run(&args, ctx),
        Command::Check(args) => check::run(&args, ctx),
        Command::Status(args) => status::run(&args, ctx),
        Command::Archive(args) => archive::run(&args, ctx),
        Command::Plan(args) => plan::run(&args, ctx),
        Command::Doctor(args) => doctor::run(&args, ctx),
        Command::Explain(args) => explain::run(&args, ctx),
        Command::Hook(cmd) => hook::run(&cmd, ctx),
        Command::Completions(args) => completions::run(&args, cli::Cli::command()),
        Command::Man => completions::man(cli::Cli::command()),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
