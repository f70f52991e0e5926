//! Where each workflow task stands: its newest output revision, the last review of it and
//! whether its dependencies are approved, plus the share of tasks approved. It reads the
//! artifacts folder, the review history and the archived runs; it never runs a review.

use std::path::Path;

use serde::Serialize;

use super::artifact::{self, newest_revision};
use super::history::{self, Entry, Status};
use super::load::Project;
use super::manifest::Task;
use super::run::Runs;

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
    pub fn as_str(self) -> &'static str {
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

/// One task and where it stands.
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

/// How many tasks are approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub approved: usize,
    pub total: usize,
    pub percent: usize,
}

impl Progress {
    pub fn of(rows: &[Row]) -> Progress {
        let approved = rows.iter().filter(|r| r.state == State::Approved).count();
        let total = rows.len();
        Progress {
            approved,
            total,
            percent: (approved * 100).checked_div(total).unwrap_or(0),
        }
    }
}

/// The state of a whole workflow, as `agentpack status` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// One row per task, in manifest order.
    pub tasks: Vec<Row>,
    pub progress: Progress,
    /// Lines of the review history that could not be read.
    pub skipped_lines: usize,
    /// The current run and the archived ones.
    pub runs: Runs,
}

impl Overview {
    /// Reads the artifacts and the review history of `project`.
    pub fn load(project: &Project) -> Overview {
        let (history, skipped_lines) = history::load_counted(&project.root);
        let tasks = rows(&project.manifest.workflow, &history, &project.root);
        Overview {
            progress: Progress::of(&tasks),
            tasks,
            skipped_lines,
            runs: Runs::load(&project.root, &history),
        }
    }
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
                Some(e) if artifact::key(&e.path) == output => match e.status {
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
            description: None,
            acceptance: Vec::new(),
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
        std::fs::create_dir_all(dir.path().join(crate::project::layout::LOGS_DIR)).unwrap();
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

    #[test]
    fn an_output_written_with_dot_slash_is_the_same_artifact() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("artifacts")).unwrap();
        std::fs::write(dir.path().join("artifacts/x.md"), "x").unwrap();
        std::fs::create_dir_all(dir.path().join(crate::project::layout::LOGS_DIR)).unwrap();
        let log = "{\"time\":\"t\",\"path\":\"artifacts/x.md\",\"key\":\"artifacts/x.md\",\"score\":95,\"status\":\"APPROVED\",\"iteration\":1}\n";
        std::fs::write(dir.path().join(history::HISTORY_PATH), log).unwrap();
        let (history, _) = history::load_counted(dir.path());
        let mut dotted = task("x", &[]);
        dotted.output = "./artifacts/x.md".into();
        let rows = rows(&[dotted], &history, dir.path());
        assert_eq!(rows[0].state, State::Approved, "{rows:?}");
        assert_eq!(rows[0].output, "artifacts/x.md");
    }
}
