//! `agentpack plan`: the workflow as dependency waves. Tasks of one wave have everything they
//! need and can run in parallel. `--format mermaid` prints the same flowchart `init` writes
//! into AGENTS.md; `json` gives the waves as data.

use std::process::ExitCode;

use super::Ctx;
use crate::project::Project;
use crate::report::format::{self, Format};
use crate::report::subject::{Kind, Subject};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_parser = format::parser(Kind::Plan), default_value = "text")]
    pub format: Format,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let project = Project::require(ctx.config.as_deref(), &crate::fsx::cwd()?)?;
    let tasks = &project.manifest.workflow;
    let waves = crate::project::workflow::waves(tasks).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}; run `agentpack check` for details",
            project.manifest_path.display()
        )
    })?;
    let subject = Subject::Plan {
        tasks,
        waves: &waves,
    };
    crate::report::print(&format::render(args.format, &subject, ctx)?)?;
    Ok(ExitCode::SUCCESS)
}
