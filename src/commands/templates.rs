//! `agentpack templates eject`: copy built-in templates into the project's `templates/`
//! folder, where `init` and `add` pick them up instead of the built-ins.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::fsx;
use crate::project::Project;
use std::path::Path;

use super::Ctx;
use crate::report::{Color, paint};
use crate::templates::{self, override_path};

#[derive(Debug, clap::Subcommand)]
pub enum TemplatesCommand {
    /// Copy built-in templates (`agentpack list templates`) into ./templates/ to customize.
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
    let known = templates::template_names();
    let unknown: Vec<&str> = names
        .iter()
        .map(|n| templates::normalize(n))
        .filter(|n| !known.contains(n))
        .collect();
    if !unknown.is_empty() {
        anyhow::bail!(
            "unknown template `{}`; see `agentpack list templates` for the {} built-ins",
            unknown.join("`, `"),
            known.len()
        );
    }
    let cwd = crate::fsx::cwd()?;
    let root = match Project::discover(ctx.config.as_deref(), &cwd)? {
        Some(project) => project.root,
        None => cwd,
    };
    let mut out = String::new();
    let mut kept = 0;
    let mut unique: Vec<&str> = names.iter().map(|n| templates::normalize(n)).collect();
    unique.sort_unstable();
    unique.dedup();
    for name in unique {
        let source = templates::embedded(&format!("{name}{}", templates::SUFFIX))
            .expect("checked against template_names");
        let rel = override_path(Path::new(""), name);
        let path = fsx::join_inside(&root, &rel.to_string_lossy())?;
        let verb = if path.exists() && !force {
            kept += 1;
            ("exists", Color::Yellow)
        } else {
            fsx::write_atomic(&path, source.as_bytes())?;
            ("ejected", Color::Green)
        };
        let label = format!("{:>10}", verb.0);
        let _ = writeln!(
            out,
            "{} {}",
            paint(ctx.color, verb.1, &label),
            path.display()
        );
    }
    if kept > 0 {
        let _ = writeln!(
            out,
            "{kept} override{} already existed and {} kept; pass --force to replace with the built-in",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "was" } else { "were" }
        );
    } else if !ctx.quiet {
        let _ = writeln!(
            out,
            "Edit the copies, then run `agentpack init` (or `add`) to render them."
        );
    }
    crate::report::print(&out)?;
    Ok(if kept > 0 {
        ExitCode::from(super::EXIT_GATE)
    } else {
        ExitCode::SUCCESS
    })
}
