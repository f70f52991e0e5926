//! `agentpack doctor`: checks that what `init` set up will run inside Claude Code (PATH,
//! the hook entry, settings.json, CLAUDE.md's import of AGENTS.md, command names). The
//! checks live in the `doctor` engine; this prints them and exits 1 on a problem.

use std::process::ExitCode;

use super::Ctx;
use crate::report::format::{self, Format};
use crate::report::subject::{Kind, Subject};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, default_value = "text", value_parser = format::parser(Kind::Doctor), value_name = "FMT")]
    pub format: Format,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let start = crate::fsx::cwd()?;
    let health = crate::doctor::run(&start, ctx.config.as_deref());
    let text = format::render(args.format, &Subject::Doctor(&health), ctx)?;
    crate::report::print(&text)?;
    Ok(super::gate(health.healthy()))
}
