//! `agentpack remove`: undo `add`. The agent's manifest entries go (edited in place), its
//! tasks' readers are rewired to what it read, AGENTS.md and the hook matcher are re-rendered,
//! and its file is deleted unless the user edited it.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::remove::{self, RemoveRequest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent to remove.
    #[arg(value_name = "AGENT")]
    pub agent: String,
    /// Project folder [default: the nearest folder with an agentpack.yaml].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Print the plan and diffs; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Remove it even when other tasks read its output (they then need what it needed).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let removed = remove::remove(&RemoveRequest {
        agent: args.agent.clone(),
        dir: args.dir.clone(),
        config: ctx.config.clone(),
        dry_run: args.dry_run,
        force: args.force,
    })?;
    report::print(&report::scaffold::removed(ctx, &removed))?;
    Ok(super::gate(removed.outcome.conflicts() == 0))
}
