//! `agentpack templates eject`: copy built-in templates into the project's
//! `.agentpack/templates/` folder, where `init` and `add` pick them up instead of the built-ins.

use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::render;

#[derive(Debug, clap::Subcommand)]
pub enum TemplatesCommand {
    /// Copy built-in templates (`agentpack list templates`) into .agentpack/templates/ to customize.
    Eject {
        /// Template names, e.g. `agents/researcher.md` or `project/AGENTS.md`.
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
        /// Replace an override that already exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(cmd: &TemplatesCommand, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let TemplatesCommand::Eject { names, force } = cmd;
    let done = render::eject(ctx.config.as_deref(), names, *force)?;
    report::print(&report::scaffold::ejected(ctx, &done))?;
    Ok(super::gate(done.iter().all(|e| e.written)))
}
