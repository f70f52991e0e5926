//! `agentpack rubrics`: rubrics as customizations. `eject` copies built-in rubrics into the
//! project's rubric folder, where review, the hook and `check` use them instead of the
//! built-ins; `show` prints the rubric in force for a name and says where it comes from.

use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::rubric::custom;
use crate::scaffold::render;

#[derive(Debug, clap::Subcommand)]
pub enum RubricsCommand {
    /// Copy built-in rubrics (`agentpack list rubrics`) into the project to customize them.
    Eject {
        /// Rubric names, e.g. `research-report`.
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
        /// Replace a project rubric that already exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the rubric review uses for NAME: the project's own file, else the built-in.
    Show {
        #[arg(value_name = "NAME")]
        name: String,
    },
}

pub fn run(cmd: &RubricsCommand, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    match cmd {
        RubricsCommand::Eject { names, force } => {
            let done = render::eject_from(
                &crate::assets::RUBRICS,
                "rubric",
                ctx.config.as_deref(),
                names,
                *force,
            )?;
            let next = "Edit the copies: `agentpack review` and the review hook use them from now on; `agentpack check` validates them.";
            report::print(&report::scaffold::ejected_with(ctx, &done, next))?;
            Ok(super::gate(done.iter().all(|e| e.written)))
        }
        RubricsCommand::Show { name } => {
            let root = super::list::project_root(ctx)?;
            let (origin, text) = custom::effective(root.as_deref(), name)?;
            report::print(&report::scaffold::rubric_text(name, &origin, &text))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
