//! `agentpack add`: add agents to an existing pack. The manifest gains the agents and a
//! workflow task each (before the orchestrator's synthesis, after `--after TASK`, or none for
//! `--on-demand`), edited in place so its comments survive; then every file is re-rendered
//! through the same plan as `init`, so edited files are still protected.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::ops::{self, AddRequest};
use crate::scaffold::wiring::Placement;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog agents to add (`agentpack list agents`), or new custom agents with --new.
    #[arg(required = true, value_name = "AGENT")]
    pub agents: Vec<String>,
    /// Run the new agents' tasks after this task (they need its output; the synthesis waits
    /// for them) instead of just before the orchestrator's synthesis.
    #[arg(long, value_name = "TASK", conflicts_with = "on_demand")]
    pub after: Option<String>,
    /// Give the agents no workflow task: the orchestrator calls them when needed, and a
    /// `review.rules` glob reviews their output.
    #[arg(long)]
    pub on_demand: bool,
    /// Scaffold new custom agents (names outside the catalog) from a blank template.
    #[arg(long = "new")]
    pub custom: bool,
    /// Project folder [default: the nearest folder with an agentpack.yaml].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Print the plan and diffs; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that differ from what agentpack would write.
    #[arg(long)]
    pub force: bool,
    /// Where overlapping changes go when a file you edited also changed in the templates.
    #[arg(long, value_enum, default_value_t, value_name = "HOW")]
    pub conflict: crate::scaffold::merge::ConflictStyle,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let outcome = ops::add(&AddRequest {
        agents: args.agents.clone(),
        dir: args.dir.clone(),
        config: ctx.config.clone(),
        dry_run: args.dry_run,
        force: args.force,
        conflict: args.conflict,
        placement: Placement {
            after: args.after.clone(),
            on_demand: args.on_demand,
            custom: args.custom,
        },
    })?;
    let Some(outcome) = outcome else {
        report::print(&report::scaffold::nothing_to_add(ctx))?;
        return Ok(ExitCode::SUCCESS);
    };
    report::print(&report::scaffold::outcome(ctx, &outcome))?;
    Ok(super::gate(outcome.conflicts() == 0))
}
