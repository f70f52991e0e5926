//! The one place that writes generated files: plan every file first (create / unchanged /
//! update / merge / overwrite / conflict), then write atomically and record what was
//! generated in the lockfile. A file the user edited is never overwritten without `--force`;
//! a file still as agentpack wrote it may be updated by a newer template. The plan is data:
//! `report::scaffold` shows it, with the diffs [`Planned::diff`] gives.
//!
//! Crash safety: every target is checked before the first write, and the lockfile is
//! written twice, before the files (recording old and new content as pristine) and after,
//! so a run stopped at any point leaves a project the next run finishes without `--force`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::lock::{LOCKFILE, Lock, LockEntry, hash};
use crate::fsx;

/// A file agentpack wants to exist with `content`.
#[derive(Debug, Clone)]
pub(crate) struct Generated {
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// Template it came from (empty for plain files such as `.gitkeep`).
    pub template: String,
    pub content: String,
    /// Write the file even when the user edited it, because the new content only adds to
    /// theirs (a merge); shown as `merge` with its diff.
    pub overwrite: bool,
}

/// What applying the plan does to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Action {
    /// The file does not exist yet.
    Create,
    /// Same content on disk already.
    Unchanged,
    /// Differs, but is exactly what agentpack wrote last time: safe to replace.
    Update,
    /// Differs from what agentpack wrote (the user edited it) and `--force` was given.
    Overwrite,
    /// The user's file, changed only by adding to it (a merge the command exists to make).
    Merge,
    /// Differs from what agentpack wrote; kept.
    Conflict,
}

impl Action {
    /// Whether applying the plan writes the file.
    pub(crate) fn writes(self) -> bool {
        matches!(
            self,
            Action::Create | Action::Update | Action::Overwrite | Action::Merge
        )
    }
}

/// A file agentpack moves or removes: its own state in an old place (`from` moves to `to`),
/// or a file it generated that the project no longer needs (`to` is `None`; planned only
/// when the lock shows the file is still as agentpack wrote it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relocation {
    pub from: String,
    pub to: Option<String>,
    /// What happens, once the plan is made.
    pub state: Relocated,
}

/// What applying the plan does to a [`Relocation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relocated {
    /// Renamed to its new place.
    Move,
    /// Deleted (also a move whose destination already has the same content).
    Remove,
    /// Left alone: the destination exists with other content, or the file was edited.
    Kept,
    /// Nothing to do on disk (already moved or removed); only the lockfile follows.
    Done,
}

impl Relocation {
    /// A move of agentpack's own file from an old place to a new one.
    pub(crate) fn moving(from: &str, to: &str) -> Relocation {
        Relocation {
            from: from.into(),
            to: Some(to.into()),
            state: Relocated::Move,
        }
    }

    /// The removal of a generated file the project no longer needs.
    pub(crate) fn removing(from: &str) -> Relocation {
        Relocation {
            from: from.into(),
            to: None,
            state: Relocated::Remove,
        }
    }
}

/// One planned file.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub file: Generated,
    pub action: Action,
    /// What is on disk now, when the file exists and is text.
    pub old: Option<String>,
}

/// Every file of one run, in path order, and the lockfile to write afterwards.
#[derive(Debug)]
pub(crate) struct Plan {
    pub root: PathBuf,
    pub files: Vec<Planned>,
    /// Files moved or removed, applied after the files are written.
    pub relocations: Vec<Relocation>,
    lock: Lock,
    /// The lock written before the files: `lock` plus the old hash of every updated file.
    pending: Lock,
    lock_changed: bool,
    /// Whether the lockfile existed when the plan was made.
    lock_existed: bool,
}

/// Plans writing `files` under `root`. Paths must be relative and stay inside `root`.
pub(crate) fn plan(root: &Path, files: Vec<Generated>, force: bool) -> anyhow::Result<Plan> {
    if root.exists() && !root.is_dir() {
        anyhow::bail!(
            "{} is a file, not a folder; choose another target",
            root.display()
        );
    }
    let old_lock = if root.is_dir() {
        Lock::load(root)?
    } else {
        Lock::default()
    };
    let mut lock = Lock::current(old_lock.files.clone());
    let mut pending = lock.clone();
    let mut planned = Vec::with_capacity(files.len());
    let mut seen = std::collections::HashSet::new();
    for mut file in files {
        // One normal form (LF) for what is compared, hashed and written; a CRLF file on
        // disk gets its endings back below.
        if file.content.contains("\r\n") {
            file.content = file.content.replace("\r\n", "\n");
        }
        if !seen.insert(crate::project::artifact::key(&file.path)) {
            anyhow::bail!(
                "two files for {}: a workflow output names a file agentpack generates; give the task another output",
                file.path
            );
        }
        let path = if root.exists() {
            fsx::join_inside(root, &file.path)?
        } else {
            fsx::check_relative(&file.path).map_err(anyhow::Error::msg)?;
            root.join(&file.path)
        };
        if path.is_dir() {
            anyhow::bail!(
                "{} is a folder, but agentpack generates a file there",
                path.display()
            );
        }
        // Refuse now what `apply` could only fail on half-way: a file where a folder must be.
        if let Some(blocker) = path
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(root) && *a != root)
            .find(|a| a.exists() && !a.is_dir())
        {
            anyhow::bail!(
                "{} is a file, but agentpack needs a folder there for {}; move it away",
                blocker.display(),
                file.path
            );
        }
        let (action, old) = if !path.exists() {
            (Action::Create, None)
        } else {
            let old = fsx::read_text(&path, fsx::MAX_FILE_BYTES).ok();
            // A checkout with CRLF line endings is the same file; updates keep its endings.
            let lf = old.as_deref().map(|t| t.replace("\r\n", "\n"));
            let crlf = old.as_deref().is_some_and(|t| t.contains("\r\n"));
            let action = match &lf {
                Some(text) if *text == file.content => Action::Unchanged,
                Some(text)
                    if old_lock
                        .files
                        .get(&file.path)
                        .is_some_and(|e| e.matches(&hash(text))) =>
                {
                    Action::Update
                }
                _ if force => Action::Overwrite,
                _ if file.overwrite => Action::Merge,
                _ => Action::Conflict,
            };
            if crlf && action != Action::Unchanged {
                file.content = file.content.replace('\n', "\r\n");
            }
            (action, old)
        };
        if action != Action::Conflict {
            let entry = LockEntry {
                template: file.template.clone(),
                sha256: hash(&file.content.replace("\r\n", "\n")),
                previous: None,
            };
            let previous = match (action, &old) {
                (Action::Update, Some(text)) => Some(hash(&text.replace("\r\n", "\n"))),
                _ => None,
            };
            pending.files.insert(
                file.path.clone(),
                LockEntry {
                    previous,
                    ..entry.clone()
                },
            );
            lock.files.insert(file.path.clone(), entry);
        }
        planned.push(Planned { file, action, old });
    }
    planned.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    // The lock forgets a file that is gone and no longer generated (removed by a run that
    // stopped before it could write its final lock, or deleted by the user).
    for l in [&mut lock, &mut pending] {
        l.files.retain(|path, _| {
            planned.iter().any(|p| &p.file.path == path)
                || root.join(path).symlink_metadata().is_ok()
        });
    }
    let lock_existed = root.join(LOCKFILE).exists();
    let lock_changed = lock.files != old_lock.files || !lock_existed;
    Ok(Plan {
        root: root.to_path_buf(),
        files: planned,
        relocations: Vec::new(),
        lock,
        pending,
        lock_changed,
        lock_existed,
    })
}

impl Plan {
    /// Adds moves and removals to the plan, deciding each against the disk and the lock: a
    /// removal happens only to a file still as agentpack wrote it, a move only when the
    /// destination is free (or already holds the same bytes). The lockfile follows: a moved
    /// entry changes its key, a removed one goes, also when a stopped run already did the
    /// work on disk.
    pub(crate) fn relocate(&mut self, relocations: Vec<Relocation>) -> anyhow::Result<()> {
        for mut rel in relocations {
            let from = fsx::join_inside(&self.root, &rel.from)?;
            let exists = from.symlink_metadata().is_ok();
            rel.state = match &rel.to {
                // The old lockfile: the plan writes the new one, so the old one only goes.
                Some(to) if to == LOCKFILE => {
                    if exists {
                        Relocated::Remove
                    } else {
                        Relocated::Done
                    }
                }
                Some(to) => {
                    let dest = fsx::join_inside(&self.root, to)?;
                    match (exists, dest.exists()) {
                        (false, _) => Relocated::Done,
                        (true, false) => Relocated::Move,
                        (true, true) if same_bytes(&from, &dest) => Relocated::Remove,
                        (true, true) => Relocated::Kept,
                    }
                }
                // Not there, or never agentpack's (a user's own file of that name): left alone.
                None if !exists || !self.pending.files.contains_key(&rel.from) => Relocated::Done,
                None => {
                    let pristine = fsx::read_text(&from, fsx::MAX_FILE_BYTES).is_ok_and(|t| {
                        self.pending
                            .files
                            .get(&rel.from)
                            .is_some_and(|e| e.matches(&hash(&t.replace("\r\n", "\n"))))
                    });
                    if pristine {
                        Relocated::Remove
                    } else {
                        Relocated::Kept
                    }
                }
            };
            if rel.state != Relocated::Kept {
                // A file still to be removed keeps its entry in the lock written first: a
                // run stopped before the removal must still see it as agentpack's.
                let removing = rel.to.is_none() && rel.state == Relocated::Remove;
                let locks = if removing {
                    vec![&mut self.lock]
                } else {
                    vec![&mut self.lock, &mut self.pending]
                };
                for lock in locks {
                    if let Some(entry) = lock.files.remove(&rel.from) {
                        self.lock_changed = true;
                        if let Some(to) = &rel.to {
                            lock.files.entry(to.clone()).or_insert(entry);
                        }
                    }
                }
            }
            self.relocations.push(rel);
        }
        Ok(())
    }

    /// The action planned for `path`, when the plan has that file.
    pub(crate) fn action_of(&self, path: &str) -> Option<Action> {
        self.files
            .iter()
            .find(|f| f.file.path == path)
            .map(|f| f.action)
    }

    /// Whether applying would write anything (a file or the lockfile).
    pub(crate) fn writes_anything(&self) -> bool {
        self.lock_changed || self.files.iter().any(|f| f.action.writes()) || self.relocates()
    }

    /// Whether applying moves or removes a file.
    fn relocates(&self) -> bool {
        self.relocations
            .iter()
            .any(|r| matches!(r.state, Relocated::Move | Relocated::Remove))
    }

    pub(crate) fn count(&self, action: Action) -> usize {
        self.files.iter().filter(|f| f.action == action).count()
    }

    /// Writes every file the plan creates or replaces, then the lockfile; first, when files
    /// change, a lockfile that accepts both their old and new content.
    pub(crate) fn apply(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create {}", self.root.display()))?;
        // Temporary files of a killed run, also where this run has nothing left to write.
        let mut folders: Vec<PathBuf> = self
            .files
            .iter()
            .filter_map(|f| self.root.join(&f.file.path).parent().map(Path::to_path_buf))
            .collect();
        folders.push(self.root.clone());
        folders.sort();
        folders.dedup();
        for folder in &folders {
            fsx::remove_stale_temps(folder);
        }
        let writes: Vec<&Planned> = self.files.iter().filter(|f| f.action.writes()).collect();
        if !writes.is_empty() || self.relocates() {
            fsx::write_atomic(&self.root.join(LOCKFILE), self.pending.to_text().as_bytes())?;
        }
        for f in writes {
            fsx::write_atomic(&self.root.join(&f.file.path), f.file.content.as_bytes())?;
        }
        for rel in &self.relocations {
            let from = self.root.join(&rel.from);
            match (rel.state, &rel.to) {
                (Relocated::Move, Some(to)) => {
                    let dest = self.root.join(to);
                    if let Some(dir) = dest.parent() {
                        std::fs::create_dir_all(dir)
                            .with_context(|| format!("cannot create {}", dir.display()))?;
                    }
                    fsx::crash_point();
                    std::fs::rename(&from, &dest).with_context(|| {
                        format!("cannot move {} to {}", rel.from, dest.display())
                    })?;
                }
                (Relocated::Remove, _) => {
                    fsx::crash_point();
                    std::fs::remove_file(&from)
                        .with_context(|| format!("cannot remove {}", from.display()))?;
                }
                _ => continue,
            }
            // The folder it leaves, and the ones above it, go when nothing else is in them.
            for dir in from.ancestors().skip(1) {
                if dir == self.root
                    || !dir.starts_with(&self.root)
                    || std::fs::remove_dir(dir).is_err()
                {
                    break;
                }
            }
        }
        if self.lock_changed || self.pending != self.lock {
            fsx::write_atomic(&self.root.join(LOCKFILE), self.lock.to_text().as_bytes())?;
        }
        Ok(())
    }

    /// Records `path` in the lockfile as `generated` rather than as what is written: for the
    /// manifest `add` edits in place, the lock keeps what the template renders, so a manifest
    /// carrying the user's own lines still counts as theirs for every later run.
    pub(crate) fn record_as(&mut self, path: &str, generated: &str) {
        let sha = hash(&generated.replace("\r\n", "\n"));
        for lock in [&mut self.lock, &mut self.pending] {
            if let Some(entry) = lock.files.get_mut(path) {
                entry.sha256.clone_from(&sha);
            }
        }
        self.lock_changed = true;
    }

    /// What applying does to the lockfile: `Create`, `Update`, or `None` when it stays as is.
    pub(crate) fn lock_action(&self) -> Option<Action> {
        match (self.lock_changed, self.lock_existed) {
            (false, _) => None,
            (true, true) => Some(Action::Update),
            (true, false) => Some(Action::Create),
        }
    }
}

impl Planned {
    /// A unified diff (3 lines of context) from what is on disk to what agentpack would
    /// write; `None` when the file on disk is not UTF-8 text.
    pub(crate) fn diff(&self) -> Option<String> {
        let old = self.old.as_deref()?;
        let text = similar::TextDiff::from_lines(old, self.file.content.as_str());
        Some(
            text.unified_diff()
                .context_radius(3)
                .header(
                    &format!("{} (yours)", self.file.path),
                    &format!("{} (agentpack)", self.file.path),
                )
                .to_string(),
        )
    }
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

/// A generated file for tests: rendered from template `t`, never forced.
#[cfg(test)]
pub(crate) fn test_file(path: &str, content: &str) -> Generated {
    Generated {
        path: path.into(),
        template: "t".into(),
        content: content.into(),
        overwrite: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_file as file;

    fn actions(plan: &Plan) -> Vec<(&str, Action)> {
        plan.files
            .iter()
            .map(|f| (f.file.path.as_str(), f.action))
            .collect()
    }

    #[test]
    fn lifecycle_create_unchanged_update_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let p = plan(&root, vec![file("a.md", "1"), file("b/c.md", "x")], false).unwrap();
        assert_eq!(
            actions(&p),
            [("a.md", Action::Create), ("b/c.md", Action::Create)]
        );
        p.apply().unwrap();

        let p = plan(&root, vec![file("a.md", "1"), file("b/c.md", "x")], false).unwrap();
        assert_eq!(
            actions(&p),
            [("a.md", Action::Unchanged), ("b/c.md", Action::Unchanged)]
        );
        assert!(!p.lock_changed, "a no-op run leaves the lockfile alone");

        // A newer template changes a.md (pristine) while the user edited b/c.md.
        std::fs::write(root.join("b/c.md"), "mine").unwrap();
        let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y")], false).unwrap();
        assert_eq!(
            actions(&p),
            [("a.md", Action::Update), ("b/c.md", Action::Conflict)]
        );
        p.apply().unwrap();
        assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), "2");
        assert_eq!(
            std::fs::read_to_string(root.join("b/c.md")).unwrap(),
            "mine"
        );

        // The edit is still an edit on the next run; --force replaces it.
        let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y")], false).unwrap();
        assert_eq!(actions(&p)[1], ("b/c.md", Action::Conflict));
        let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y")], true).unwrap();
        assert_eq!(actions(&p)[1], ("b/c.md", Action::Overwrite));
        p.apply().unwrap();
        assert_eq!(std::fs::read_to_string(root.join("b/c.md")).unwrap(), "y");
    }

    #[test]
    fn crlf_checkout_is_unchanged_and_updates_keep_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let p = plan(dir.path(), vec![file("a.md", "1\n2\n")], false).unwrap();
        p.apply().unwrap();
        std::fs::write(dir.path().join("a.md"), "1\r\n2\r\n").unwrap();
        let p = plan(dir.path(), vec![file("a.md", "1\n2\n")], false).unwrap();
        assert_eq!(actions(&p), [("a.md", Action::Unchanged)]);
        let p = plan(dir.path(), vec![file("a.md", "1\n3\n")], false).unwrap();
        assert_eq!(actions(&p), [("a.md", Action::Update)], "still pristine");
        p.apply().unwrap();
        let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
        assert_eq!(text, "1\r\n3\r\n");
        let p = plan(dir.path(), vec![file("a.md", "1\n3\n")], false).unwrap();
        assert_eq!(actions(&p), [("a.md", Action::Unchanged)]);
    }

    #[test]
    fn file_where_a_folder_must_be_is_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("artifacts"), "x").unwrap();
        let files = vec![file("a.md", "1"), file("artifacts/.gitkeep", "")];
        let err = plan(dir.path(), files, false).unwrap_err().to_string();
        assert!(
            err.contains("artifacts is a file, but agentpack needs a folder"),
            "{err}"
        );
        assert!(!dir.path().join("a.md").exists());
    }

    #[test]
    fn target_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, "x").unwrap();
        let err = plan(&f, vec![file("a.md", "1")], false).unwrap_err();
        assert!(err.to_string().contains("is a file"), "{err}");
    }
}
