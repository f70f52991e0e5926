//! `agentpack sync`: re-render every generated file from the manifest and the templates,
//! merging the templates' changes into files the user edited; `--check` writes nothing and
//! exits 1 with the diffs when a sync would change anything (the CI gate for drift).

use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::merge::ConflictStyle;
use crate::scaffold::ops::{self, SyncRequest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 and show the diffs when `sync` would change a file (for CI).
    #[arg(long)]
    pub check: bool,
    /// Replace files you edited with the new render instead of merging.
    #[arg(long)]
    pub force: bool,
    /// Where overlapping changes go when a file you edited also changed in the templates:
    /// markers in the file, or the template's hunks in FILE.rej.
    #[arg(long, value_enum, default_value_t, value_name = "HOW")]
    pub conflict: ConflictStyle,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let outcome = ops::sync(&SyncRequest {
        config: ctx.config.clone(),
        check: args.check,
        force: args.force,
        conflict: args.conflict,
    })?;
    if args.check {
        let stale = outcome.plan.writes_anything() || outcome.conflicts() > 0;
        report::print(&report::scaffold::sync_check(ctx, &outcome))?;
        return Ok(super::gate(!stale));
    }
    report::print(&report::scaffold::outcome(ctx, &outcome))?;
    Ok(super::gate(outcome.conflicts() == 0))
}
