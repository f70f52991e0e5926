//! `agentpack hook subagent-stop`: the Claude Code `SubagentStop` hook. It reviews the
//! stopping agent's workflow outputs and, below the threshold, blocks the stop with the
//! fixes as the agent's next instruction; after `max_iterations` rounds it lets the agent
//! stop and tells the user the artifact is escalated. Its own failures exit 1, never 2: exit
//! 2 would block the agent with our error message, forever.

use std::io::Read as _;
use std::process::ExitCode;

use super::Ctx;
use crate::review::hook;

#[derive(Debug, clap::Subcommand)]
pub enum HookCommand {
    /// Review the stopping subagent's artifact (Claude Code SubagentStop hook; JSON on stdin).
    SubagentStop,
}

pub fn run(cmd: &HookCommand, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let HookCommand::SubagentStop = cmd;
    match subagent_stop(ctx) {
        Ok(text) => {
            crate::report::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            // Never exit 2 here: Claude Code would feed the error to the agent as a block.
            crate::report::note(&format!("agentpack hook: {err:#}"));
            Ok(ExitCode::from(1))
        }
    }
}

fn subagent_stop(ctx: &Ctx) -> anyhow::Result<String> {
    let mut input = Vec::new();
    std::io::stdin()
        .take(hook::MAX_PAYLOAD + 1)
        .read_to_end(&mut input)
        .map_err(|e| anyhow::anyhow!("cannot read the hook input: {e}"))?;
    if input.len() as u64 > hook::MAX_PAYLOAD {
        anyhow::bail!("hook input is larger than 1 MB; not a hook payload");
    }
    let payload = hook::parse_payload(&input)?;
    if payload.agent_type.is_none() {
        return Ok(String::new());
    }
    let start = match &payload.cwd {
        Some(dir) => dir.clone(),
        None => crate::fsx::cwd()?,
    };
    let Some(project) = crate::project::Project::discover(ctx.config.as_deref(), &start)? else {
        return Ok(String::new());
    };
    Ok(hook::render(&hook::subagent_stop(&project, &payload)?))
}
