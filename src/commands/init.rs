//! `agentpack init`: scaffold an agent pack, or re-render the project from its manifest.
//! The generation wing plans and writes; this prints the plan and earns the exit code (1
//! when files the user edited were kept).

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::report;
use crate::scaffold::ops::{self, InitRequest};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to scaffold into; created when missing.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Built-in pack to start from (`agentpack list packs`) [default: research-writing].
    #[arg(long, value_name = "NAME")]
    pub pack: Option<String>,
    /// Catalog agents to use (`agentpack list agents`); with --pack, added to the pack.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub agents: Vec<String>,
    /// Project name [default: the folder's name].
    #[arg(long)]
    pub name: Option<String>,
    /// Model for every agent (sonnet, opus, haiku, fable, inherit or a full model id).
    #[arg(long, value_name = "ALIAS")]
    pub model: Option<String>,
    /// Pass mark for reviews, 0-100 [default: 80].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub threshold: Option<u32>,
    /// Also write example artifacts for the workflow, to try `agentpack review` at once.
    #[arg(long)]
    pub examples: bool,
    /// Do not install the SubagentStop review hook in .claude/settings.json.
    #[arg(long)]
    pub no_hooks: bool,
    /// Prefix every agent of the pack (`ap-` gives `ap-researcher`): in files, names, the
    /// workflow, the prompts, AGENTS.md and the hook matcher. For a project with agents of
    /// its own under those names.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Leave this agent of the pack out (the project has its own); its tasks leave the
    /// workflow. Repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "AGENT")]
    pub skip: Vec<String>,
    /// Descriptions that tell Claude Code to delegate to the agents on its own ("use
    /// PROACTIVELY"); by default the workflow starts only when asked.
    #[arg(long)]
    pub proactive: bool,
    /// Also write an `agent`-type SubagentStop hook that asks each agent's artifact the
    /// rubric's judge questions (a model call per stop; see README "Judge").
    #[arg(long, conflicts_with = "no_hooks")]
    pub judge_hook: bool,
    /// Print the plan and diffs; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite files that differ from what agentpack would write.
    #[arg(long)]
    pub force: bool,
    /// Where overlapping changes go when a file you edited also changed in the templates.
    #[arg(long, value_enum, default_value_t, value_name = "HOW")]
    pub conflict: crate::scaffold::merge::ConflictStyle,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let outcome = ops::init(&InitRequest {
        dir: args.dir.clone(),
        pack: args.pack.clone(),
        agents: args.agents.clone(),
        name: args.name.clone(),
        model: args.model.clone(),
        threshold: args.threshold,
        examples: args.examples,
        no_hooks: args.no_hooks,
        prefix: args.prefix.clone(),
        skip: args.skip.clone(),
        proactive: args.proactive,
        judge_hook: args.judge_hook,
        dry_run: args.dry_run,
        force: args.force,
        conflict: args.conflict,
    })?;
    report::print(&report::scaffold::outcome(ctx, &outcome))?;
    // The hook, the review command and AGENTS.md call `agentpack` by name (nothing to warn
    // about when a clash stopped the run before anything was written).
    if outcome.clashes.is_empty() && crate::doctor::path::find_agentpack().is_none() {
        let dir = crate::doctor::path::this_binary_dir();
        report::note(&report::scaffold::not_on_path(
            ctx,
            dir.as_deref(),
            outcome.manifest.hooks(),
        ));
    }
    Ok(super::gate(outcome.conflicts() == 0))
}
