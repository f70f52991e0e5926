//! `agentpack archive`: ends a run so the next request starts clean. Under the review lock it
//! first finishes any archive that was stopped half-way, then moves the current run's files
//! ([`run::files`]) into a new folder under [`run::RUNS_DIR`]: the record is written first
//! with `complete: false` (it is the journal), the files are renamed one by one and never
//! over an existing file, the history last, then the record is marked complete. A stop at any
//! point leaves every file either in the workspace or in the run's folder, never lost, and the
//! next `archive` finishes the move.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::fsx;
use crate::project::Project;
use crate::project::history;
use crate::project::run::{self, Move, Record, Summary};

/// What to archive.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The run's name (the folder is `YYYY-MM-DD-<slug of name>`); when absent, the title of
    /// the last workflow output ([`run::default_name`]).
    pub name: Option<String>,
    /// Plan only: no lock taken, nothing written.
    pub dry_run: bool,
}

/// What an archive did (or, in a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// The new run's folder, project-relative; `None` when there was nothing to archive.
    pub dir: Option<String>,
    /// The files moved into it, in order.
    pub files: Vec<Move>,
    /// Files under `artifacts/` that are not the run's and stay where they are.
    pub kept: Vec<String>,
    /// Archives that had been stopped half-way and were finished first.
    pub finished: Vec<Finished>,
    pub dry_run: bool,
}

/// An interrupted archive, finished.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub dir: String,
    /// Files it still had to move (project-relative).
    pub moved: Vec<String>,
    /// Files found both in the workspace and in the run's folder: the workspace copy is newer
    /// work and stays.
    pub left: Vec<String>,
}

/// Archives the current run of `project`.
pub fn archive(project: &Project, request: &Request) -> anyhow::Result<Archive> {
    let root = &project.root;
    let slug = match &request.name {
        Some(name) => run::slug(name).with_context(|| {
            format!("`{name}` has no letter or digit to name a folder with; use a name like `market-study`")
        })?,
        None => run::default_name(root, &project.manifest),
    };
    let runs = fsx::join_inside(root, run::RUNS_DIR)?;
    if request.dry_run {
        return plan(project, &runs, &slug, true);
    }
    let lock = history::lock(root, false)?.with_context(|| {
        format!(
            "a review is running in this project (it holds the lock on {}); run `agentpack archive` again when it has finished",
            history::path(root)
        )
    })?;
    let done = plan(project, &runs, &slug, false);
    // Taking the lock made a history file when there was none; an empty one is no run's.
    let history = root.join(history::path(root));
    if std::fs::symlink_metadata(&history).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let _ = std::fs::remove_file(&history);
    }
    drop(lock);
    done
}

/// Finishes the interrupted archives, then moves the current run (or, in a dry run, says
/// what both would do).
fn plan(project: &Project, runs: &Path, slug: &str, dry_run: bool) -> anyhow::Result<Archive> {
    let root = &project.root;
    let mut out = Archive {
        dry_run,
        ..Archive::default()
    };
    for interrupted in run::archived(root)
        .into_iter()
        .filter(|a| !a.record.complete)
    {
        out.finished
            .push(finish(root, &interrupted.dir, interrupted.record, dry_run)?);
    }
    let history = history::load(root);
    let mut files = run::files(root, &project.manifest, &history);
    // In a dry run, what the interrupted archives would take is not the new run's.
    files.retain(|m| !out.finished.iter().any(|f| f.moved.contains(&m.from)));
    check(root, &files)?;
    out.kept = kept(root, &files);
    if files.is_empty() {
        return Ok(out);
    }
    let now = history::now_rfc3339();
    let name = unique_name(runs, &run::folder_name(&now, slug));
    let dir = format!("{}/{name}", run::RUNS_DIR);
    out.dir = Some(dir.clone());
    out.files = files.clone();
    if dry_run {
        return Ok(out);
    }
    let record = Record::new(slug, now, Summary::of(&history), files);
    // A run folder linked to elsewhere is refused, not written through.
    let folder = fsx::join_inside(root, &dir)?;
    move_run(root, &folder, record).with_context(|| format!("cannot archive to {dir}"))?;
    Ok(out)
}

/// Refuses a run whose files resolve outside the project or would land on one another (or on
/// the record) in the run's folder, before anything is written.
fn check(root: &Path, files: &[Move]) -> anyhow::Result<()> {
    let mut seen = std::collections::BTreeSet::from([run::RECORD]);
    for m in files {
        fsx::join_inside(root, &m.from)?;
        if !seen.insert(m.to.as_str()) {
            anyhow::bail!(
                "{} would be archived as {}, which another file of the run already takes; rename the workflow output in {}",
                m.from,
                m.to,
                crate::project::MANIFEST
            );
        }
    }
    Ok(())
}

/// Writes the journal, moves every file, marks the record complete. When the very first move
/// fails (another file system, no permission), the empty run is removed again.
fn move_run(root: &Path, dir: &Path, mut record: Record) -> anyhow::Result<()> {
    // A reused folder holds only the temporary file of a stopped archive (see `unique_name`);
    // under the lock nobody else writes there.
    for entry in std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        let _ = std::fs::remove_file(entry.path());
    }
    write_record(dir, &record)?;
    for (i, m) in record.files.iter().enumerate() {
        if let Err(err) = move_one(root, dir, m) {
            if i == 0 {
                let _ = std::fs::remove_file(dir.join(run::RECORD));
                let _ = std::fs::remove_dir(dir);
            }
            return Err(err);
        }
    }
    record.complete = true;
    write_record(dir, &record)
}

/// Finishes an interrupted archive: moves what is still in the workspace, keeps a workspace
/// file whose archived copy already exists (it is newer work), marks the record complete. A
/// dry run only sorts the files.
fn finish(root: &Path, dir: &str, mut record: Record, dry_run: bool) -> anyhow::Result<Finished> {
    let folder = fsx::join_inside(root, dir)?;
    let mut done = Finished {
        dir: dir.to_string(),
        ..Finished::default()
    };
    for m in &record.files {
        let from = fsx::join_inside(root, &m.from)?;
        let Ok(meta) = std::fs::symlink_metadata(&from) else {
            continue;
        };
        // The lock made an empty history where the moved one was: nothing of the old run.
        if m.to == run::RUN_HISTORY && meta.len() == 0 {
            continue;
        }
        if std::fs::symlink_metadata(folder.join(&m.to)).is_ok() {
            done.left.push(m.from.clone());
            continue;
        }
        if !dry_run {
            move_one(root, &folder, m)?;
        }
        done.moved.push(m.from.clone());
    }
    if !dry_run {
        record.complete = true;
        write_record(&folder, &record)
            .with_context(|| format!("cannot finish the archive {dir}"))?;
    }
    Ok(done)
}

/// Moves one file of the run into `dir`.
fn move_one(root: &Path, dir: &Path, m: &Move) -> anyhow::Result<()> {
    let from = root.join(&m.from);
    let to = dir.join(&m.to);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fsx::crash_point();
    fsx::rename_no_replace(&from, &to)
        .with_context(|| format!("cannot move {} to {}", m.from, to.display()))?;
    fsx::crash_point();
    Ok(())
}

fn write_record(dir: &Path, record: &Record) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(record)?;
    text.push('\n');
    fsx::write_atomic(&dir.join(run::RECORD), text.as_bytes())
}

/// `base`, or `base-2`, `base-3`... whichever is free under `runs`. A folder holding nothing
/// but the temporary file of an archive stopped before its record was written is free.
fn unique_name(runs: &Path, base: &str) -> String {
    let free = |name: &str| {
        let path = runs.join(name);
        match std::fs::symlink_metadata(&path) {
            Err(_) => true,
            // Not a link to a folder elsewhere: `symlink_metadata` does not follow one.
            Ok(meta) if meta.is_dir() => std::fs::read_dir(&path).is_ok_and(|entries| {
                entries.filter_map(Result::ok).all(|e| {
                    e.file_name().to_str().is_some_and(fsx::is_temp_name)
                        && e.file_type().is_ok_and(|t| t.is_file())
                })
            }),
            Ok(_) => false,
        }
    };
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|name| free(name))
        .unwrap_or_else(|| base.to_string())
}

/// Files under `artifacts/` that the run leaves where they are (not temporary files, not a
/// `.gitkeep`).
fn kept(root: &Path, files: &[Move]) -> Vec<String> {
    let artifacts: PathBuf = root.join(crate::project::artifact::ARTIFACTS_DIR);
    let mut out: Vec<String> = walkdir::WalkDir::new(&artifacts)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n != ".gitkeep" && !fsx::is_temp_name(n))
        })
        .map(|e| fsx::display_in(e.path(), root))
        .filter(|rel| !files.iter().any(|m| &m.from == rel))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: &str, to: &str) -> Move {
        Move {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn files_that_would_land_on_one_another_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ok = [
            mv("artifacts/a.md", "artifacts/a.md"),
            mv("h", "reviews.jsonl"),
        ];
        assert!(check(dir.path(), &ok).is_ok());
        let clash = [
            mv("reviews.jsonl", "reviews.jsonl"),
            mv("h", "reviews.jsonl"),
        ];
        let err = check(dir.path(), &clash).unwrap_err().to_string();
        assert!(
            err.contains("h would be archived as reviews.jsonl"),
            "{err}"
        );
        assert!(check(dir.path(), &[mv(run::RECORD, run::RECORD)]).is_err());
        assert!(check(dir.path(), &[mv("../x.md", "x.md")]).is_err());
    }

    #[test]
    fn a_folder_with_only_a_stopped_write_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let runs = dir.path();
        assert_eq!(unique_name(runs, "d-x"), "d-x");
        std::fs::create_dir_all(runs.join("d-x")).unwrap();
        std::fs::write(runs.join("d-x/.agentpack-1.tmp"), "").unwrap();
        assert_eq!(unique_name(runs, "d-x"), "d-x");
        std::fs::write(runs.join("d-x/run.json"), "{}").unwrap();
        assert_eq!(unique_name(runs, "d-x"), "d-x-2");
        std::fs::write(runs.join("d-x-2"), "a file").unwrap();
        assert_eq!(unique_name(runs, "d-x"), "d-x-3");
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), runs.join("d-x-3")).unwrap();
            assert_eq!(unique_name(runs, "d-x"), "d-x-4", "a link is never reused");
        }
    }
}
