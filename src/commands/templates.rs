//! `agentpack templates`: `eject` copies built-ins into the project's `.agentpack/templates/`
//! folder, where `init`, `add` and `sync` pick them up; `test` snapshot-tests what they
//! render; `adopt` turns an edited generated file into an override; `diff` shows an ejected
//! copy against the current built-in.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::{render, snapshots, templates};

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
    /// Render the templates against the manifest and the cases in
    /// .agentpack/template-tests/cases/, check them, and compare with the snapshots.
    Test {
        /// Accept the new output: write the snapshots (of cases that pass `check`).
        #[arg(long)]
        update: bool,
    },
    /// Turn a generated file you edited into a template override in .agentpack/templates/.
    Adopt {
        /// The generated file, e.g. `.claude/agents/writer.md`.
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// Replace an existing override the edit does not map onto.
        #[arg(long)]
        force: bool,
    },
    /// Show ejected templates against the current built-ins (default: every ejected one).
    Diff {
        #[arg(value_name = "NAME")]
        names: Vec<String>,
    },
}

pub fn run(cmd: &TemplatesCommand, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let config = ctx.config.as_deref();
    match cmd {
        TemplatesCommand::Eject { names, force } => {
            let done = render::eject(config, names, *force)?;
            report::print(&report::scaffold::ejected(ctx, &done))?;
            Ok(super::gate(done.iter().all(|e| e.written)))
        }
        TemplatesCommand::Test { update } => {
            let result = snapshots::run(config, *update)?;
            report::print(&report::templates::test_report(ctx, &result))?;
            Ok(super::gate(result.passed()))
        }
        TemplatesCommand::Adopt { path, force } => {
            let done = templates::adopt(config, path, *force)?;
            report::print(&report::templates::adopted(ctx, &done))?;
            Ok(ExitCode::SUCCESS)
        }
        TemplatesCommand::Diff { names } => {
            let diffs = templates::diff(config, names)?;
            report::print(&report::templates::template_diffs(ctx, &diffs))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
