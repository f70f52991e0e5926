//! `agentpack add`: add catalog agents to an existing pack. The manifest gains the agents
//! and a workflow task each (run before the orchestrator's synthesis); then every file is
//! re-rendered through the same plan as `init`, so edited files are still protected.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::pack;
use crate::project::{MANIFEST, Project};
use crate::scaffold;
use crate::templates::Renderer;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Catalog agents to add (`agentpack list agents`).
    #[arg(required = true, value_name = "AGENT")]
    pub agents: Vec<String>,
    /// Project folder [default: the nearest folder with an agentpack.yaml].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Print the plan and diffs; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that differ from what agentpack would write.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let start = match &args.dir {
        Some(dir) => dir.clone(),
        None => crate::fsx::cwd()?,
    };
    let project = match &args.dir {
        Some(dir) if ctx.config.is_none() => Project::load(&dir.join(MANIFEST))?,
        _ => Project::require(ctx.config.as_deref(), &start)?,
    };
    let mut manifest = project.manifest.clone();
    let added = pack::add_agents(&mut manifest, &args.agents)?;
    if added.is_empty() {
        if !ctx.quiet {
            crate::report::print("Every agent named is already in the pack; nothing to add.\n")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let renderer = Renderer::new(Some(&project.root));
    // The manifest is the input the user asked to change, wherever it lives (`--config`): it
    // is rewritten even when edited, with every value carried over; only comments are lost.
    let manifest_name = project
        .manifest_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(MANIFEST)
        .to_string();
    let mut files =
        super::init::generate(&project.root, &manifest, &renderer, Some(&manifest_name))?;
    for f in files.iter_mut().filter(|f| f.path == manifest_name) {
        f.overwrite = true;
    }
    let plan = scaffold::plan(&project.root, files, args.force)?;
    if !ctx.quiet {
        crate::report::print(&format!(
            "Adding {} to {}\n",
            added.join(", "),
            project.root.display()
        ))?;
    }
    super::init::finish(ctx, &plan, args.dry_run, &project.root, &manifest)
}
