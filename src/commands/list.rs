//! `agentpack list`: the built-in packs, agents, rubrics and templates, one per line, name
//! first, so the output is easy to read and to pipe. Rubrics include the project's own.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::assets::TEMPLATES;
use crate::report::{self, scaffold as show};
use crate::rubric::custom;
use crate::scaffold::catalog;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list.
    #[arg(value_enum, default_value_t = What::Packs)]
    pub what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Packs,
    Agents,
    Rubrics,
    Templates,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let rows: Vec<(String, String)> = match args.what {
        What::Packs => show::pack_rows(catalog::packs()),
        What::Agents => show::agent_rows(catalog::catalog()),
        What::Rubrics => {
            let root = project_root(ctx)?;
            custom::all(root.as_deref())
                .into_iter()
                .map(|(name, origin)| {
                    let description = crate::rubric::load(&name, root.as_deref())
                        .map(|r| r.description)
                        .map_err(|e| format!("{e:#}"));
                    show::rubric_row(name, &origin, description)
                })
                .collect()
        }
        What::Templates => TEMPLATES
            .names()
            .into_iter()
            .map(|n| (n.to_string(), String::new()))
            .collect(),
    };
    report::print(&show::columns(ctx, &rows))?;
    Ok(ExitCode::SUCCESS)
}

/// The folder of the project this run is in (`--config`, else the nearest manifest walking
/// up), found without reading the manifest: listing never fails on a broken one.
pub(crate) fn project_root(ctx: &Ctx) -> anyhow::Result<Option<PathBuf>> {
    let manifest = match &ctx.config {
        Some(path) => Some(path.clone()),
        None => crate::project::find_manifest(&crate::fsx::cwd()?),
    };
    Ok(manifest.map(|m| {
        m.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf)
    }))
}
