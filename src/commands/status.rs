//! `agentpack status`: where the workflow stands. One row per task with its agent, output
//! (the newest revision), needs, state, last score and iteration from the review history,
//! and the share of tasks approved. It reads; it never runs a review.

use std::process::ExitCode;

use super::Ctx;
use crate::project::Project;
use crate::project::state::Overview;
use crate::report::format::{self, Format};
use crate::report::subject::{Kind, Subject};
use crate::review::history::HISTORY_PATH;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_parser = format::parser(Kind::Status), default_value = "text")]
    pub format: Format,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let project = Project::require(ctx.config.as_deref(), &crate::fsx::cwd()?)?;
    crate::report::legacy_layout_note(&project.root, ctx.quiet);
    let overview = Overview::load(&project);
    // Machine formats carry the count themselves (`skipped_lines`).
    let skipped = overview.skipped_lines;
    if skipped > 0 && args.format == Format::Text && !ctx.quiet {
        crate::report::note(&format!(
            "note: skipped {skipped} malformed line(s) in {HISTORY_PATH}"
        ));
    }
    crate::report::print(&format::render(
        args.format,
        &Subject::Status(&overview),
        ctx,
    )?)?;
    Ok(ExitCode::SUCCESS)
}
