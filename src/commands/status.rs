//! `agentpack status`: where the workflow stands. One row per task with its agent, output
//! (the newest revision), needs, state, last score and iteration from the review history,
//! and the share of tasks approved. It reads; it never runs a review.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::Ctx;
use crate::project::{Project, Task};
use crate::report::{Color, paint};
use crate::review::history::{self, Entry};
use crate::review::{Status, newest_revision};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Text,
    Json,
}

/// Where one task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The output does not exist yet and every dependency is approved.
    Pending,
    /// The output does not exist and a dependency is not approved.
    Blocked,
    /// The output (or its newest revision) exists but was never reviewed.
    Unreviewed,
    NeedsRefinement,
    Approved,
    Escalated,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Blocked => "blocked",
            State::Unreviewed => "unreviewed",
            State::NeedsRefinement => "needs-refinement",
            State::Approved => "approved",
            State::Escalated => "escalated",
        }
    }
}

/// One row of the status table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub agent: String,
    /// The newest revision of the output (`x.vN.md`), or the output path.
    pub output: String,
    pub needs: Vec<String>,
    pub state: State,
    pub score: Option<f64>,
    pub iteration: Option<u32>,
}

#[derive(Debug, Serialize)]
struct Progress {
    approved: usize,
    total: usize,
    percent: usize,
}

/// The status of every task of `tasks`, in manifest order.
pub fn rows(tasks: &[Task], history: &[Entry], root: &Path) -> Vec<Row> {
    let mut rows: Vec<Row> = tasks
        .iter()
        .map(|task| {
            let newest = newest_revision(root, &task.output);
            let output = newest.clone().unwrap_or_else(|| task.output.clone());
            // Every revision of an output shares the history key of its first revision.
            let last = history
                .iter()
                .rev()
                .find(|e| e.artifact_key() == task.key());
            let state = match last {
                _ if newest.is_none() => State::Pending,
                Some(e) if crate::project::artifact::key(&e.path) == output => match e.status {
                    Status::Approved => State::Approved,
                    Status::Escalate => State::Escalated,
                    Status::NeedsRefinement | Status::Error => State::NeedsRefinement,
                },
                _ => State::Unreviewed,
            };
            Row {
                id: task.id.clone(),
                agent: task.agent.clone(),
                output,
                needs: task.needs.clone(),
                state,
                score: last.and_then(|e| e.score),
                iteration: last.map(|e| e.iteration),
            }
        })
        .collect();
    let approved: Vec<String> = rows
        .iter()
        .filter(|r| r.state == State::Approved)
        .map(|r| r.id.clone())
        .collect();
    for row in &mut rows {
        if row.state == State::Pending && row.needs.iter().any(|n| !approved.contains(n)) {
            row.state = State::Blocked;
        }
    }
    rows
}

fn score_text(score: Option<f64>) -> String {
    match score {
        Some(s) if s.fract() == 0.0 => format!("{s:.0}"),
        Some(s) => format!("{s:.1}"),
        None => "-".into(),
    }
}

fn text(rows: &[Row], progress: &Progress, color: bool) -> String {
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                r.agent.clone(),
                r.output.clone(),
                if r.needs.is_empty() {
                    "-".into()
                } else {
                    r.needs.join(", ")
                },
                r.state.as_str().into(),
                score_text(r.score),
                r.iteration.map_or_else(|| "-".into(), |i| i.to_string()),
            ]
        })
        .collect();
    let header = ["TASK", "AGENT", "OUTPUT", "NEEDS", "STATE", "SCORE", "ITER"].map(String::from);
    let mut widths = header.clone().map(|h| h.len());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String; 7]| -> String {
        let padded: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint(color, Color::Bold, &line(&header)));
    for (row, r) in cells.iter().zip(rows) {
        let tint = match r.state {
            State::Approved => Color::Green,
            State::NeedsRefinement | State::Unreviewed => Color::Yellow,
            State::Escalated => Color::Red,
            State::Pending | State::Blocked => Color::Dim,
        };
        let _ = writeln!(out, "{}", paint(color, tint, &line(row)));
    }
    let _ = writeln!(
        out,
        "\nProgress: {}/{} tasks approved ({}%)",
        progress.approved, progress.total, progress.percent
    );
    out
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let project = Project::require(ctx.config.as_deref(), &crate::fsx::cwd()?)?;
    let (history, skipped) = history::load_counted(&project.root);
    let rows = rows(&project.manifest.workflow, &history, &project.root);
    let approved = rows.iter().filter(|r| r.state == State::Approved).count();
    let total = rows.len();
    let progress = Progress {
        approved,
        total,
        percent: (approved * 100).checked_div(total).unwrap_or(0),
    };
    let out = match args.format {
        StatusFormat::Text => {
            if skipped > 0 && !ctx.quiet {
                crate::report::note(&format!(
                    "note: skipped {skipped} malformed line(s) in {}",
                    history::HISTORY_PATH
                ));
            }
            text(&rows, &progress, ctx.color)
        }
        StatusFormat::Json => {
            let value = serde_json::json!({
                "version": 1,
                "tasks": rows,
                "progress": progress,
                "skipped_lines": skipped,
            });
            let mut s = serde_json::to_string_pretty(&value)?;
            s.push('\n');
            s
        }
    };
    crate::report::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, needs: &[&str]) -> Task {
        Task {
            id: id.into(),
            agent: format!("{id}-agent"),
            needs: needs.iter().map(|s| s.to_string()).collect(),
            output: format!("artifacts/{id}.md"),
            rubric: None,
        }
    }

    #[test]
    fn states_follow_files_and_history() {
        let dir = tempfile::tempdir().unwrap();
        let art = dir.path().join("artifacts");
        std::fs::create_dir_all(&art).unwrap();
        for f in ["a.md", "b.md", "b.v2.md", "b.v10.md", "c.md"] {
            std::fs::write(art.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(dir.path().join("logs")).unwrap();
        let log = concat!(
            "{\"time\":\"t\",\"path\":\"artifacts/a.md\",\"score\":90,\"status\":\"APPROVED\",\"iteration\":1}\n",
            "not json\n",
            "{\"time\":\"t\",\"path\":\"artifacts/b.v2.md\",\"score\":60,\"status\":\"NEEDS_REFINEMENT\",\"iteration\":2}\n",
        );
        std::fs::write(dir.path().join(history::HISTORY_PATH), log).unwrap();
        let (history, skipped) = history::load_counted(dir.path());
        assert_eq!(skipped, 1);
        let tasks = [
            task("a", &[]),
            task("b", &["a"]),
            task("c", &["b"]),
            task("d", &["b"]),
            task("e", &["a"]),
        ];
        let rows = rows(&tasks, &history, dir.path());
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.output.as_str(), r.state, r.score))
            .collect();
        assert_eq!(
            got,
            [
                ("artifacts/a.md", State::Approved, Some(90.0)),
                ("artifacts/b.v10.md", State::Unreviewed, Some(60.0)),
                ("artifacts/c.md", State::Unreviewed, None),
                ("artifacts/d.md", State::Blocked, None),
                ("artifacts/e.md", State::Pending, None),
            ]
        );
    }
}
