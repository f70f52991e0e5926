//! One module per subcommand. Each exposes `Args` (clap) and `run`, returning the exit code
//! it earned; `dispatch` is the only place that knows them all.

pub mod add;
pub mod check;
pub mod completions;
pub mod explain;
pub mod hook;
pub mod init;
pub mod list;
pub mod plan;
pub mod review;
pub mod status;
pub mod templates;

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Command;
use crate::term::Ctx;

pub fn dispatch(command: Command, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(&args, ctx),
        Command::Add(args) => add::run(&args, ctx),
        Command::List(args) => list::run(&args, ctx),
        Command::Templates(cmd) => templates::run(&cmd, ctx),
        Command::Review(args) => review::run(&args, ctx),
        Command::Check(args) => check::run(&args, ctx),
        Command::Status(args) => status::run(&args, ctx),
        Command::Plan(args) => plan::run(&args, ctx),
        Command::Explain(args) => explain::run(&args, ctx),
        Command::Hook(cmd) => hook::run(&cmd, ctx),
        Command::Completions(args) => completions::run(&args),
        Command::Man => completions::man(),
    }
}

/// Writes `text` to standard output; a closed pipe surfaces as an error `main` maps to 0.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a line to standard error; a closed stderr is not worth a crash.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// The current directory, as an error with context when it is gone.
pub fn cwd() -> anyhow::Result<std::path::PathBuf> {
    use anyhow::Context as _;
    std::env::current_dir().context("cannot read the current directory")
}
