//! `agentpack check`: lint agent definitions, the manifest and AGENTS.md the way Claude Code
//! reads them. Without paths it checks the project; with paths, every agent file below them.
//! Exit 1 on an error (or a warning with `--strict`), 2 when it cannot run.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::diag::Severity;
use crate::lint::{self, Outcome};
use crate::project::{MANIFEST, find_manifest};
use crate::report::format::{self, Format};
use crate::report::subject::{Kind, Subject};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Agent files or folders to check (anywhere: a plugin repository, a catalog). Without
    /// paths, checks the project: `.claude/agents/`, `agentpack.yaml` and `AGENTS.md`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = format::parser(Kind::Check), default_value = "text")]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Apply the mechanical fixes first (tool renames, aliases to canonical names, quoting
    /// values Claude Code's retry needs, CRLF frontmatter it cannot read); each file is
    /// written atomically, and a second run changes nothing.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes `--fix` would make as a unified diff; write nothing.
    #[arg(long)]
    pub diff: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if args.fix || args.diff {
        let root = if args.paths.is_empty() {
            super::list::project_root(ctx)?.unwrap_or_else(|| PathBuf::from("."))
        } else {
            PathBuf::from(".")
        };
        let fixes = lint::fix::plan(&root, &args.paths)?;
        if args.diff {
            crate::report::print(&crate::report::fix::diff(&fixes))?;
            return Ok(super::gate(fixes.is_empty()));
        }
        lint::fix::apply(&fixes)?;
        crate::report::note(crate::report::fix::applied(&fixes).trim_end());
    }
    let outcome = if args.paths.is_empty() {
        check_project(ctx)?
    } else {
        lint::check_paths(&args.paths)?
    };
    let subject = Subject::Check {
        outcome: &outcome,
        strict: args.strict,
    };
    crate::report::print(&format::render(args.format, &subject, ctx)?)?;
    let failed =
        outcome.count(Severity::Error) > 0 || (args.strict && outcome.count(Severity::Warning) > 0);
    Ok(super::gate(!failed))
}

/// The project folder `check` works on without paths.
fn check_project(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let cwd = crate::fsx::cwd()?;
    let manifest = match &ctx.config {
        Some(path) if !path.is_file() => anyhow::bail!("--config {}: no such file", path.display()),
        Some(path) => Some(path.clone()),
        None => find_manifest(&cwd),
    };
    let root = match &manifest {
        Some(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), |p| p.to_path_buf()),
        None => cwd.clone(),
    };
    // Show paths relative to where the user stands when the project is here or below.
    let root = root.strip_prefix(&cwd).map_or(root.clone(), |rel| {
        if rel.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            rel.to_path_buf()
        }
    });
    let manifest = manifest.map(|m| {
        root.join(
            m.file_name()
                .map_or_else(|| MANIFEST.into(), |n| n.to_os_string()),
        )
    });
    if manifest.is_none() && !root.join(".claude/agents").is_dir() {
        anyhow::bail!(
            "nothing to check: no {MANIFEST} in {} or any parent folder and no .claude/agents/; pass the agent files or folders to check",
            cwd.display()
        );
    }
    if manifest.is_some() {
        crate::report::legacy_layout_note(&root, ctx.quiet);
    }
    lint::check_project(&root, manifest.as_deref())
}
