//! `agentpack explain CODE`: the documentation of one rule, by code (`AG004`) or name
//! (`invalid-yaml`); `--list` prints every rule. The rules come from
//! [`crate::rules::registry`], the text from [`crate::report::explain`].

use std::process::ExitCode;

use super::Ctx;
use crate::rules::registry;

/// Kept for `check`'s SARIF output, which names the rules of its findings.
pub use crate::rules::registry::all_rule_docs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule code (`AG004`) or name (`invalid-yaml`).
    #[arg(value_name = "CODE", required_unless_present = "list")]
    pub code: Option<String>,
    /// List every rule: code, name, default severity and summary.
    #[arg(long, conflicts_with = "code")]
    pub list: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    if args.list {
        crate::report::print(&crate::report::explain::list(&registry::all(), ctx.color))?;
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args.code.as_deref().unwrap_or_default().trim();
    let Some(entry) = registry::find(wanted) else {
        let hint =
            registry::nearest(wanted).map_or_else(String::new, |n| format!("did you mean `{n}`? "));
        anyhow::bail!(
            "unknown rule `{wanted}`; {hint}run `agentpack explain --list` to see every rule"
        );
    };
    crate::report::print(&crate::report::explain::doc(&entry, ctx.color))?;
    Ok(ExitCode::SUCCESS)
}
