//! `agentpack hook ...` (being built).

use std::process::ExitCode;

use crate::term::Ctx;

#[derive(Debug, clap::Subcommand)]
pub enum HookCommand {
    /// Review the stopping subagent's artifact (Claude Code SubagentStop hook; JSON on stdin).
    SubagentStop,
}

pub fn run(_cmd: &HookCommand, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`agentpack hook` is not available in this build yet")
}
