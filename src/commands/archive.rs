//! `agentpack archive [NAME]`: ends a run. Moves the workflow outputs, their revisions, the
//! feedback and the review history into `.agentpack/archive/<date>-<name>/` so the next request
//! starts from a clean workspace at round 1. The review engine plans and moves; this prints.

use std::process::ExitCode;

use super::Ctx;
use crate::project::Project;
use crate::review::archive::{self, Request};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name of the run, used in its folder name (`YYYY-MM-DD-NAME`) [default: the title of
    /// the last workflow output, else `run`].
    pub name: Option<String>,
    /// Print what would move; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let project = Project::require(ctx.config.as_deref(), &crate::fsx::cwd()?)?;
    let done = archive::archive(
        &project,
        &Request {
            name: args.name.clone(),
            dry_run: args.dry_run,
        },
    )?;
    crate::report::print(&crate::report::archive::archive(ctx, &done))?;
    Ok(ExitCode::SUCCESS)
}
