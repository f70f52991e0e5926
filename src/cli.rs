//! Command-line definitions. The doc comments here are the `--help` text, the man page and
//! the shell completions, so they are written for users.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::report::ColorChoice;

/// Scaffold Claude Code agent packs, review the artifacts agents hand each other, and check
/// agent definitions before Claude Code silently skips them.
#[derive(Debug, Parser)]
#[command(
    name = "agentpack",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Run as if agentpack was started in DIR.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// Use this manifest instead of the agentpack.yaml found by walking up.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only errors and the final verdict.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (every finding, every unchanged file).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold an agent pack into DIR (default: the current directory).
    Init(commands::init::Args),
    /// Add catalog agents to an existing pack: agent files, manifest and AGENTS.md.
    Add(commands::add::Args),
    /// Re-render every generated file from the manifest and templates (`--check`: CI drift gate).
    Sync(commands::sync::Args),
    /// Remove an agent from the pack: undoes `add` (manifest, AGENTS.md, hook matcher, its file
    /// unless you edited it).
    Remove(commands::remove::Args),
    /// Work with rubrics: `eject` copies a built-in into the project, `show` prints the one in
    /// force.
    #[command(subcommand)]
    Rubrics(commands::rubrics::RubricsCommand),
    /// List built-in packs, agents, rubrics or templates.
    List(commands::list::Args),
    /// Work with templates: `eject` to customize, `test` snapshots, `adopt` an edit, `diff`.
    #[command(subcommand)]
    Templates(commands::templates::TemplatesCommand),
    /// Score markdown artifacts against rubrics; exit 1 when one is under the threshold.
    Review(commands::review::Args),
    /// Validate agent definitions, the manifest and AGENTS.md the way Claude Code reads them.
    Check(commands::check::Args),
    /// Show each workflow task: agent, output, score, state, and overall progress.
    Status(commands::status::Args),
    /// End a run: archive its outputs, feedback and history so the next request starts clean.
    ///
    /// Moves the workflow outputs with their revisions, the feedback and the review history into
    /// .agentpack/archive/DATE-NAME/; the next first draft is reviewed as round 1.
    Archive(commands::archive::Args),
    /// Show the workflow as dependency waves (tasks in one wave can run in parallel).
    Plan(commands::plan::Args),
    /// Check that the project will work inside Claude Code: agentpack on PATH, the hook
    /// entry, settings.json, CLAUDE.md importing AGENTS.md, command names; exit 1 on a problem.
    Doctor(commands::doctor::Args),
    /// Print the documentation of a rule.
    Explain(commands::explain::Args),
    /// Hooks for Claude Code (`hook subagent-stop` reviews a subagent's artifact as it stops).
    #[command(subcommand)]
    Hook(commands::hook::HookCommand),
    /// Print a shell completion script.
    Completions(commands::completions::Args),
    /// Print the man page (roff).
    Man,
}
