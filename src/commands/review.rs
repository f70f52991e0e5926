//! `agentpack review`: score artifacts against their rubrics, write the feedback file and
//! the history, print the report, and exit 1 when an artifact is below the bar. The engine
//! is `crate::review`; this file maps flags to it.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::project::{JudgeMode, Project};
use crate::report::format::{self, Format};
use crate::report::subject::{Kind, Subject};
use crate::review::{Options, judge, session};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to review (folders are searched for *.md). Default: the project's
    /// workflow outputs and other artifacts.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Score every file against this rubric: a built-in or .agentpack/rubrics name, or a .yaml file.
    #[arg(long, value_name = "NAME|FILE")]
    pub rubric: Option<String>,
    /// Pass mark 0-100; overrides the rubric's and the manifest's threshold.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub threshold: Option<u32>,
    /// Output format.
    #[arg(long, value_parser = format::parser(Kind::Review), default_value = "text", value_name = "FMT")]
    pub format: Format,
    /// Write nothing: no artifacts/feedback.md, no review history.
    #[arg(long)]
    pub no_feedback: bool,
    /// Report without failing: exit 0 even when an artifact is below the threshold.
    #[arg(long)]
    pub exit_zero: bool,
    /// Also ask a semantic judge the rubric's `judge:` questions: the one configured under
    /// `judge:` in agentpack.yaml, else Claude Code headless (`claude -p`). See README "Judge".
    #[arg(long)]
    pub judge: bool,
    /// Judge with this command for this run (prompt on stdin, verdict JSON on stdout); score
    /// mode unless --judge-mode advise.
    #[arg(long, value_name = "'CMD ARGS'")]
    pub judge_command: Option<String>,
    /// `score` blends the judge into the dimensions; `advise` shows it beside the rule score
    /// (implies --judge).
    #[arg(long, value_name = "MODE", value_parser = ["score", "advise"])]
    pub judge_mode: Option<String>,
    /// No judge for this run, even when agentpack.yaml configures one.
    #[arg(long, conflicts_with_all = ["judge", "judge_command", "judge_mode"])]
    pub no_judge: bool,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let cwd = crate::fsx::cwd()?;
    let project = Project::discover(ctx.config.as_deref(), &cwd)?;
    if let Some(p) = &project {
        crate::report::legacy_layout_note(&p.root, ctx.quiet);
    }
    let request = judge::Request {
        judge: args.judge,
        command: args.judge_command.clone(),
        mode: args.judge_mode.as_deref().map(|m| match m {
            "advise" => JudgeMode::Advise,
            _ => JudgeMode::Score,
        }),
        off: args.no_judge,
    };
    let manifest = project.as_ref().map(|p| &p.manifest);
    let root = project.as_ref().map_or(cwd.as_path(), |p| p.root.as_path());
    let opts = Options {
        rubric: args.rubric.clone(),
        threshold: args.threshold,
        judge: judge::Settings::resolve(manifest, root, &cwd, &request)?,
    };
    let done = session::review(project.as_ref(), &args.paths, &opts, !args.no_feedback)?;
    let (outcome, action) = (done.outcome, done.feedback);
    let root = project
        .as_ref()
        .map_or_else(|| PathBuf::from("."), |p| p.root.clone());
    let subject = Subject::Review {
        outcome: &outcome,
        feedback: action.as_ref(),
        root: &root,
    };
    crate::report::print(&format::render(args.format, &subject, ctx)?)?;
    // The scores are shown even when the round could not be recorded (a read-only checkout).
    if let Some(err) = done.unrecorded {
        return Err(err.context(
            "the review above was not recorded; pass --no-feedback to review without writing",
        ));
    }
    Ok(super::gate(outcome.passed() || args.exit_zero))
}
