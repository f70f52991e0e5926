//! Markdown reports, also the GitHub job summary: `check` as a table of findings, `review` as
//! a score table with the findings of each failing artifact, `status` as the task table and
//! `plan` as one list per wave.

use std::fmt::Write as _;

use super::common::md_cell;
use super::style::Term;
use super::subject::{self, Kind, Subject, change_text, location, score_text, status_cells};
use crate::diag::Diagnostic;
use crate::project::Task;
use crate::project::state::Overview;
use crate::review::Outcome;

pub(super) const SUBJECTS: &[Kind] = &[Kind::Check, Kind::Review, Kind::Status, Kind::Plan];

pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    Ok(match *subject {
        Subject::Check { outcome, .. } => check(outcome),
        Subject::Review { outcome, .. } => review(outcome),
        Subject::Status(overview) => status(overview),
        Subject::Plan { tasks, waves } => plan(tasks, waves),
        _ => return Err(subject::unsupported(subject)),
    })
}

/// A heading, the summary and one table row per finding, worst first.
pub(super) fn check(o: &crate::lint::Outcome) -> String {
    let mut out = String::from("## agentpack check\n\n");
    let _ = writeln!(out, "{}\n", subject::check_summary(o));
    if o.diagnostics.is_empty() {
        return out;
    }
    out.push_str("| Severity | Location | Code | Message | Fix |\n|---|---|---|---|---|\n");
    let mut sorted: Vec<&Diagnostic> = o.diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for d in sorted {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            d.severity,
            md_cell(&location(d)),
            d.code,
            md_cell(&d.message),
            md_cell(d.fix.as_deref().unwrap_or(""))
        );
    }
    out
}

/// The summary table, then the findings of each failing artifact.
pub(super) fn review(outcome: &Outcome) -> String {
    let mut out = String::from("## agentpack review\n\n");
    let failed = outcome.failed().count();
    let _ = writeln!(
        out,
        "{} of {} artifacts pass ({}).\n",
        outcome.artifacts.len() - failed,
        outcome.artifacts.len(),
        outcome.threshold_label()
    );
    if !outcome.artifacts.is_empty() {
        out.push_str("| Artifact | Rubric | Score | Status | Change |\n|---|---|---:|---|---:|\n");
        for a in &outcome.artifacts {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                a.path,
                a.rubric,
                score_text(a.score),
                a.status.as_str(),
                change_text(a.change)
            );
        }
    }
    for p in &outcome.pending {
        let _ = writeln!(out, "| `{}` | {} | - | PENDING | - |", p.path, p.rubric);
    }
    for a in outcome.failed() {
        let _ = writeln!(out, "\n### `{}`\n", a.path);
        for f in a.ranked().into_iter().take(10) {
            let line = if f.line > 0 {
                format!("line {}", f.line)
            } else {
                "file".into()
            };
            let _ = writeln!(
                out,
                "- **{line}** `{}` {}. Fix: {}",
                f.code,
                f.message,
                f.fix_text()
            );
        }
    }
    out
}

/// The task table and the progress.
fn status(o: &Overview) -> String {
    let mut out = String::from("## agentpack status\n\n");
    let p = &o.progress;
    let _ = writeln!(
        out,
        "{}/{} tasks approved ({}%).\n",
        p.approved, p.total, p.percent
    );
    let runs = subject::run_lines(&o.runs);
    for line in &runs {
        let _ = writeln!(out, "- {line}");
    }
    if !runs.is_empty() {
        out.push('\n');
    }
    if o.tasks.is_empty() {
        return out;
    }
    out.push_str(
        "| Task | Agent | Output | Needs | State | Score | Iter |\n|---|---|---|---|---|---:|---:|\n",
    );
    for row in &o.tasks {
        let [id, agent, output, needs, state, score, iteration] = status_cells(row);
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {state} | {score} | {iteration} |",
            md_cell(&id),
            md_cell(&agent),
            md_cell(&output),
            md_cell(&needs)
        );
    }
    out
}

/// One list per wave.
fn plan(tasks: &[Task], waves: &[Vec<usize>]) -> String {
    let mut out = String::from("## agentpack plan\n\n");
    let _ = writeln!(out, "{} tasks in {} waves.", tasks.len(), waves.len());
    for (n, wave) in waves.iter().enumerate() {
        let _ = writeln!(out, "\n### Wave {}\n", n + 1);
        for &i in wave {
            let t = &tasks[i];
            let needs = if t.needs.is_empty() {
                String::new()
            } else {
                format!(" (needs {})", t.needs.join(", "))
            };
            let _ = writeln!(out, "- `{}`: {} -> `{}`{needs}", t.id, t.agent, t.output);
        }
    }
    out
}
