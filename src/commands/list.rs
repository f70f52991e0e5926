//! `agentpack list`: the built-in packs, agents, rubrics and templates, one per line, name
//! first, so the output is easy to read and to pipe.

use std::process::ExitCode;

use super::Ctx;
use crate::assets::TEMPLATES;
use crate::report::{self, scaffold as show};
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
        What::Rubrics => rubric_rows()?,
        What::Templates => TEMPLATES
            .names()
            .into_iter()
            .map(|n| (n.to_string(), String::new()))
            .collect(),
    };
    report::print(&show::columns(ctx, &rows))?;
    Ok(ExitCode::SUCCESS)
}

fn rubric_rows() -> anyhow::Result<Vec<(String, String)>> {
    crate::rubric::builtin_names()
        .into_iter()
        .map(|name| {
            Ok((
                name.to_string(),
                crate::rubric::load(name, None)?.description,
            ))
        })
        .collect()
}
