//! `agentpack list`: the built-in packs, agents, rubrics and templates, one per line, name
//! first, so the output is easy to read and to pipe.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::Ctx;
use crate::pack;
use crate::report::{Color, paint};
use crate::templates;

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
        What::Packs => pack::packs()
            .iter()
            .map(|(name, def)| {
                let default = if name == pack::DEFAULT_PACK {
                    " (default)"
                } else {
                    ""
                };
                (
                    name.clone(),
                    format!("{}{default}: {}", def.description, def.agents.join(", ")),
                )
            })
            .collect(),
        What::Agents => pack::catalog()
            .iter()
            .map(|(name, a)| (name.clone(), format!("{} [{}]", a.role, a.model)))
            .collect(),
        What::Rubrics => rubric_rows()?,
        What::Templates => templates::template_names()
            .into_iter()
            .map(|n| (n.to_string(), String::new()))
            .collect(),
    };
    let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, detail) in rows {
        if detail.is_empty() || ctx.quiet {
            let _ = writeln!(out, "{name}");
        } else {
            let padded = format!("{name:<width$}");
            let _ = writeln!(out, "{}  {detail}", paint(ctx.color, Color::Bold, &padded));
        }
    }
    crate::report::print(&out)?;
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
