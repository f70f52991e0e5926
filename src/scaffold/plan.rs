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
    /// Exactly what agentpack wrote, for an agent `remove` took out: deleted.
    Delete,
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
    let lock_existed = root.join(LOCKFILE).exists();
    let lock_changed = lock.files != old_lock.files || !lock_existed;
    Ok(Plan {
        root: root.to_path_buf(),
        files: planned,
        lock,
        pending,
        lock_changed,
        lock_existed,
    })
}

impl Plan {
    /// The action planned for `path`, when the plan has that file.
    pub(crate) fn action_of(&self, path: &str) -> Option<Action> {
        self.files
            .iter()
            .find(|f| f.file.path == path)
            .map(|f| f.action)
    }

    /// Whether applying would write anything (a file or the lockfile).
    pub(crate) fn writes_anything(&self) -> bool {
        self.lock_changed || self.files.iter().any(|f| f.action.writes())
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
        if !writes.is_empty() {
            fsx::write_atomic(&self.root.join(LOCKFILE), self.pending.to_text().as_bytes())?;
        }
        for f in writes {
            fsx::write_atomic(&self.root.join(&f.file.path), f.file.content.as_bytes())?;
        }
        for f in self.files.iter().filter(|f| f.action == Action::Delete) {
            fsx::remove_file(&self.root.join(&f.file.path))?;
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

    /// Drops `path` from the lockfile (a file gone for good), if it is there.
    pub(crate) fn forget(&mut self, path: &str) {
        if self.lock.files.remove(path).is_some() {
            self.lock_changed = true;
        }
    }

    /// Plans deleting `path` (relative to the root), a file agentpack wrote and nobody
    /// edited, and forgetting it in the lockfile.
    pub(crate) fn delete(&mut self, path: &str) {
        let old = fsx::read_text(&self.root.join(path), fsx::MAX_FILE_BYTES).ok();
        self.forget(path);
        self.files.push(Planned {
            file: Generated {
                path: path.to_string(),
                template: String::new(),
                content: String::new(),
                overwrite: false,
            },
            action: Action::Delete,
            old,
        });
        self.files.sort_by(|a, b| a.file.path.cmp(&b.file.path));
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
