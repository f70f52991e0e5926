//! One review round, the same for `agentpack review` and the SubagentStop hook: select the
//! targets, score them, append the history and write the feedback file. In a project that
//! records its reviews the whole round holds an exclusive lock on the history file, so hooks
//! and runs that finish at the same moment see each other's rounds and lose no feedback.
//! Everything a round reads or writes resolves inside the project: an artifact, the history
//! or the feedback file reached through a link to outside is an error, never followed.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::feedback;
use super::outcome::Outcome;
use super::run::run;
use super::select::{Options, select};
use crate::project::Project;
use crate::project::history::{self, Entry};
use crate::rubric::DIMENSIONS;

/// What one round did.
#[derive(Debug)]
pub struct Session {
    pub outcome: Outcome,
    /// The whole project was reviewed (not a few named files).
    pub whole_project: bool,
    /// What happened to the feedback file; `None` when nothing was recorded.
    pub feedback: Option<feedback::Action>,
    /// Why the round could not be recorded (a read-only checkout, a full disk): the scores
    /// are still good to show before failing.
    pub unrecorded: Option<anyhow::Error>,
}

/// Reviews `paths` (the project's artifacts when empty). With `record`, inside a project, the
/// round appends to the history (`.agentpack/logs/`) and writes or removes the feedback file, all under
/// the review lock.
pub fn review(
    project: Option<&Project>,
    paths: &[PathBuf],
    opts: &Options,
    record: bool,
) -> anyhow::Result<Session> {
    let mut recording = project.filter(|_| record);
    let mut unrecorded = None;
    let _lock = match recording.map(|p| lock(&p.root)).transpose() {
        Ok(lock) => lock,
        Err(err) => {
            recording = None;
            unrecorded = Some(err);
            None
        }
    };
    let mut selection = select(project, paths, opts)?;
    if let Some(project) = project {
        keep_inside(&project.root, &mut selection);
    }
    let outcome = run(project, &selection, opts)?;
    let mut feedback = None;
    if let Some(project) = recording {
        match write_round(&project.root, &outcome, selection.whole_project) {
            Ok(action) => feedback = Some(action),
            Err(err) => unrecorded = Some(err),
        }
    }
    Ok(Session {
        outcome,
        whole_project: selection.whole_project,
        feedback,
        unrecorded,
    })
}

/// Appends the round to the history and writes the feedback file.
fn write_round(
    root: &Path,
    outcome: &Outcome,
    whole_project: bool,
) -> anyhow::Result<feedback::Action> {
    for rel in [feedback::FEEDBACK_PATH, feedback::FALLBACK_PATH] {
        crate::fsx::join_inside(root, rel)?;
    }
    if let Some(judge) = &outcome.judge {
        for (key, verdict) in &judge.fresh {
            super::judge::cache::put(root, key, verdict)?;
        }
    }
    history::append(root, &entries(outcome))?;
    feedback::write(root, outcome, whole_project)
}

/// Turns every target that resolves outside the project (a workflow output that is a link
/// to a file elsewhere) into a problem: it is reported as an error, never read. In a
/// whole-project review, so are the artifacts linked to outside that selection left out.
fn keep_inside(root: &Path, selection: &mut super::select::Selection) {
    let Ok(canon_root) = root.canonicalize() else {
        return;
    };
    if selection.whole_project {
        let artifacts = root.join(super::select::ARTIFACTS_DIR);
        for entry in walkdir::WalkDir::new(&artifacts)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        {
            if let Ok(canon) = entry.path().canonicalize()
                && !canon.starts_with(&canon_root)
            {
                selection.problems.push((
                    crate::fsx::display_in(entry.path(), root),
                    format!(
                        "resolves to {}, outside the project; agentpack does not read it (replace the link with the file)",
                        canon.display()
                    ),
                ));
            }
        }
    }
    selection.targets.retain(|t| {
        let file = if t.file.is_absolute() {
            t.file.clone()
        } else {
            root.join(&t.file)
        };
        match file.canonicalize() {
            Ok(canon) if !canon.starts_with(&canon_root) => {
                selection.problems.push((
                    t.path.clone(),
                    format!(
                        "resolves to {}, outside the project; agentpack does not read it (replace the link with the file)",
                        canon.display()
                    ),
                ));
                false
            }
            _ => true,
        }
    });
}

/// Takes the exclusive review lock of the project at `root` (see [`history::lock`]).
fn lock(root: &Path) -> anyhow::Result<File> {
    history::lock(root, true)?
        .with_context(|| format!("cannot lock {}", root.join(history::path(root)).display()))
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
