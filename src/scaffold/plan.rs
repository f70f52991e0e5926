//! The one place that writes generated files: plan every file first (create / unchanged /
//! update / merge / overwrite / conflict), then write atomically and record what was
//! generated in the lockfile. A file the user edited is never overwritten without `--force`;
//! a file still as agentpack wrote it may be updated by a newer template, and one the user
//! edited gets the template's change by a 3-way merge (`super::merge`) from what was
//! generated (kept in the lock). The plan is data: `report::scaffold` shows it, with the
//! diffs [`Planned::diff`] gives.
//!
//! Crash safety: every target is checked before the first write, and the lockfile is
//! written twice, before the files (recording old and new content as pristine) and after,
//! so a run stopped at any point leaves a project the next run finishes without `--force`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::lock::{self, LOCKFILE, Lock, LockEntry, hash};
use super::merge::{self, ConflictStyle};
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

impl Generated {
    /// Whether a user's edit of this file is merged with the template's changes: files
    /// rendered from a template, except the manifest (a conflict there holds the whole run)
    /// and example artifacts (the agents' work, not agentpack's).
    pub(crate) fn three_way(&self) -> bool {
        !self.template.is_empty()
            && self.template != "project/agentpack.yaml"
            && !self.template.starts_with("examples/")
    }
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
    /// The user's file with agentpack's changes merged in: added to (settings), or a clean
    /// 3-way merge of the user's edit and the template's change.
    Merge,
    /// The user edited the file and the templates have nothing new for it: kept as is.
    Edited,
    /// A 3-way merge whose conflicts are marked in the file (or kept in `FILE.rej`).
    Marked,
    /// Differs from what agentpack wrote and cannot be merged (no record of what was
    /// generated, or unresolved conflict markers); kept.
    Conflict,
}

impl Action {
    /// Whether applying the plan writes the file.
    pub(crate) fn writes(self) -> bool {
        matches!(
            self,
            Action::Create | Action::Update | Action::Overwrite | Action::Merge | Action::Marked
        )
    }

    /// Whether the file needs the user's attention (the run's gate fails).
    pub(crate) fn is_conflict(self) -> bool {
        matches!(self, Action::Conflict | Action::Marked)
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
    /// With `--conflict rej`: the hunks of a conflicting merge, written to `PATH.rej`.
    pub rej: Option<String>,
}

/// How a run treats files the user edited.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Replace edited files with the new render.
    pub force: bool,
    /// Where the conflicts of a 3-way merge go.
    pub conflict: ConflictStyle,
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

/// [`plan_with`] with the default conflict style (inline markers).
#[cfg(test)]
pub(crate) fn plan(root: &Path, files: Vec<Generated>, force: bool) -> anyhow::Result<Plan> {
    plan_with(
        root,
        files,
        Options {
            force,
            ..Options::default()
        },
    )
}

/// Plans writing `files` under `root`. Paths must be relative and stay inside `root`.
pub(crate) fn plan_with(root: &Path, files: Vec<Generated>, opts: Options) -> anyhow::Result<Plan> {
    let force = opts.force;
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
        // What the templates render now; `file.content` becomes what is written.
        let render = file.content.clone();
        let entry = old_lock.files.get(&file.path);
        let mut rej = None;
        let (action, old) = if !path.exists() {
            (Action::Create, None)
        } else {
            let old = fsx::read_text(&path, fsx::MAX_FILE_BYTES).ok();
            // A checkout with CRLF line endings is the same file; updates keep its endings.
            let lf = old.as_deref().map(|t| t.replace("\r\n", "\n"));
            let crlf = old.as_deref().is_some_and(|t| t.contains("\r\n"));
            let action = match &lf {
                Some(text) if *text == render => Action::Unchanged,
                Some(text) if entry.is_some_and(|e| e.matches(&hash(text))) => Action::Update,
                _ if force => Action::Overwrite,
                _ if file.overwrite => Action::Merge,
                // Unresolved conflicts (markers in the file, or a `.rej` beside it) are the
                // user's to settle first.
                Some(text)
                    if file.three_way()
                        && !merge::has_markers(text)
                        && !root.join(format!("{}.rej", file.path)).exists() =>
                {
                    match base_of(entry, &render) {
                        Some(base) if base == render => Action::Edited,
                        Some(base) => {
                            let m =
                                merge::three_way(&base, text, &render, opts.conflict, &file.path);
                            rej = m.rej;
                            let action = match (m.conflicts, m.text == *text) {
                                (0, true) => Action::Edited,
                                (0, false) => Action::Merge,
                                _ => Action::Marked,
                            };
                            file.content = m.text;
                            action
                        }
                        None => Action::Conflict,
                    }
                }
                _ => Action::Conflict,
            };
            if crlf && action != Action::Unchanged {
                file.content = file.content.replace('\n', "\r\n");
            }
            (action, old)
        };
        if let Some(rej) = rej.as_ref().map(|_| format!("{}.rej", file.path))
            && fsx::join_inside(root, &rej)?.is_dir()
        {
            anyhow::bail!("{rej} is a folder, but the merge writes its rejected hunks there");
        }
        if action != Action::Conflict {
            let kept = entry.filter(|e| e.sha256 == hash(&render) && e.base.is_some());
            let entry = LockEntry {
                template: file.template.clone(),
                sha256: hash(&render),
                previous: None,
                // An unchanged render keeps its encoded base, whatever the compressor does.
                base: match kept {
                    Some(e) => e.base.clone(),
                    None => file.three_way().then(|| lock::encode(&render)),
                },
            };
            let pending_entry = match (action, &old) {
                (Action::Update, Some(text)) => Some(LockEntry {
                    previous: Some(hash(&text.replace("\r\n", "\n"))),
                    ..entry.clone()
                }),
                // Until the merged file is written, the user's file is still theirs: a run
                // stopped here merges again from the old base.
                (Action::Merge | Action::Marked, _) if file.three_way() => {
                    old_lock.files.get(&file.path).cloned()
                }
                _ => Some(entry.clone()),
            };
            if let Some(p) = pending_entry {
                pending.files.insert(file.path.clone(), p);
            }
            lock.files.insert(file.path.clone(), entry);
        }
        planned.push(Planned {
            file,
            action,
            old,
            rej,
        });
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
            if let Some(rej) = &f.rej {
                let path = fsx::join_inside(&self.root, &format!("{}.rej", f.file.path))?;
                fsx::write_atomic(&path, rej.as_bytes())?;
            }
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

/// What agentpack generated last time for a file: the text kept in the lock, or the new
/// render when it hashes to what the lock recorded (an older lock without texts).
fn base_of(entry: Option<&LockEntry>, render: &str) -> Option<String> {
    let entry = entry?;
    entry
        .base_text()
        .or_else(|| (entry.sha256 == hash(render)).then(|| render.to_string()))
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
#[path = "plan_tests.rs"]
mod tests;
