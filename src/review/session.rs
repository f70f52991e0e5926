//! One review round, the same for `agentpack review` and the SubagentStop hook: select the
//! targets, score them, append the history and write the feedback file. In a project that
//! records its reviews the whole round holds an exclusive lock on the history file, so hooks
//! and runs that finish at the same moment see each other's rounds and lose no feedback.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::feedback;
use super::outcome::Outcome;
use super::run::run;
use super::select::{Options, select};
use crate::project::Project;
use crate::project::history::{self, Entry, HISTORY_PATH};
use crate::rubric::DIMENSIONS;

/// What one round did.
#[derive(Debug)]
pub struct Session {
    pub outcome: Outcome,
    /// The whole project was reviewed (not a few named files).
    pub whole_project: bool,
    /// What happened to the feedback file; `None` when nothing was recorded.
    pub feedback: Option<feedback::Action>,
}

/// Reviews `paths` (the project's artifacts when empty). With `record`, inside a project, the
/// round appends to `logs/reviews.jsonl` and writes or removes the feedback file, all under
/// the review lock.
pub fn review(
    project: Option<&Project>,
    paths: &[PathBuf],
    opts: &Options,
    record: bool,
) -> anyhow::Result<Session> {
    let recording = project.filter(|_| record);
    let _lock = recording.map(|p| lock(&p.root)).transpose()?;
    let selection = select(project, paths, opts)?;
    let outcome = run(project, &selection, opts)?;
    let mut feedback = None;
    if let Some(project) = recording {
        history::append(&project.root, &entries(&outcome))?;
        feedback = Some(feedback::write(
            &project.root,
            &outcome,
            selection.whole_project,
        )?);
    }
    Ok(Session {
        outcome,
        whole_project: selection.whole_project,
        feedback,
    })
}

/// Takes the exclusive review lock of the project at `root`: a lock on the history file,
/// released when the returned handle drops (also when the process dies).
fn lock(root: &Path) -> anyhow::Result<File> {
    let path = root.join(HISTORY_PATH);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(file)
}

/// One history line per reviewed artifact.
fn entries(outcome: &Outcome) -> Vec<Entry> {
    let time = history::now_rfc3339();
    outcome
        .artifacts
        .iter()
        .map(|a| Entry {
            time: time.clone(),
            path: a.path.clone(),
            key: a.key.clone(),
            task: a.task.clone(),
            rubric: a.rubric.clone(),
            score: a.score,
            threshold: Some(a.threshold),
            dimensions: DIMENSIONS
                .iter()
                .zip(a.dimensions)
                .map(|(d, v)| (d.to_string(), v))
                .collect(),
            status: a.status,
            iteration: a.iteration,
            hash: a.hash.clone(),
        })
        .collect()
}
