//! The one place that writes generated files: plan every file first (create / unchanged /
//! update / conflict), show the plan and diffs, then write atomically and record what was
//! generated in `agentpack.lock`. A file the user edited is never overwritten without
//! `--force`; a file still as agentpack wrote it may be updated by a newer template.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fsx;
use crate::report::{Color, Term, paint};

/// File name of the lockfile, at the project root.
pub const LOCKFILE: &str = "agentpack.lock";

/// A file agentpack wants to exist with `content`.
#[derive(Debug, Clone)]
pub struct Generated {
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
pub enum Action {
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
    fn label(self) -> (&'static str, Color) {
        match self {
            Action::Create => ("create", Color::Green),
            Action::Unchanged => ("unchanged", Color::Dim),
            Action::Update => ("update", Color::Cyan),
            Action::Overwrite => ("overwrite", Color::Yellow),
            Action::Merge => ("merge", Color::Cyan),
            Action::Conflict => ("conflict", Color::Red),
        }
    }

    fn writes(self) -> bool {
        matches!(
            self,
            Action::Create | Action::Update | Action::Overwrite | Action::Merge
        )
    }
}

/// One planned file.
#[derive(Debug, Clone)]
pub struct Planned {
    pub file: Generated,
    pub action: Action,
    /// What is on disk now, when the file exists and is text.
    pub old: Option<String>,
}

/// Every file of one run, in path order, and the lockfile to write afterwards.
#[derive(Debug)]
pub struct Plan {
    pub root: PathBuf,
    pub files: Vec<Planned>,
    lock: Lock,
    lock_changed: bool,
}

/// `agentpack.lock`: what was generated, so later runs can tell pristine files from edited ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    pub version: u32,
    pub generator: String,
    pub files: BTreeMap<String, LockEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockEntry {
    pub template: String,
    pub sha256: String,
}

/// Hex SHA-256 of a text.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Lock {
    /// Reads the lockfile of `root`; a missing one is empty, a broken one an error.
    pub fn load(root: &Path) -> anyhow::Result<Lock> {
        let path = root.join(LOCKFILE);
        if !path.exists() {
            return Ok(Lock::default());
        }
        let text = fsx::read_text(&path, fsx::MAX_FILE_BYTES)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: {}; delete the file to start over (every existing file then counts as edited)",
                path.display(),
                e.line(),
                e.column(),
                e
            )
        })
    }

    fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Plans writing `files` under `root`. Paths must be relative and stay inside `root`.
pub fn plan(root: &Path, files: Vec<Generated>, force: bool) -> anyhow::Result<Plan> {
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
    let mut lock = Lock {
        version: 1,
        generator: format!("agentpack {}", env!("CARGO_PKG_VERSION")),
        files: old_lock.files.clone(),
    };
    let mut planned = Vec::with_capacity(files.len());
    for file in files {
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
        let mut file = file;
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
                        .is_some_and(|e| e.sha256 == hash(text)) =>
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
            lock.files.insert(
                file.path.clone(),
                LockEntry {
                    template: file.template.clone(),
                    sha256: hash(&file.content.replace("\r\n", "\n")),
                },
            );
        }
        planned.push(Planned { file, action, old });
    }
    planned.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let lock_changed = lock.files != old_lock.files || !root.join(LOCKFILE).exists();
    Ok(Plan {
        root: root.to_path_buf(),
        files: planned,
        lock,
        lock_changed,
    })
}

impl Plan {
    pub fn count(&self, action: Action) -> usize {
        self.files.iter().filter(|f| f.action == action).count()
    }

    /// Writes every file the plan creates or replaces, then the lockfile.
    pub fn apply(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create {}", self.root.display()))?;
        for f in self.files.iter().filter(|f| f.action.writes()) {
            fsx::write_atomic(&self.root.join(&f.file.path), f.file.content.as_bytes())?;
        }
        if self.lock_changed {
            fsx::write_atomic(&self.root.join(LOCKFILE), self.lock.to_text().as_bytes())?;
        }
        Ok(())
    }

    /// The plan as a user reads it: one line per file, diffs where content changes.
    /// Unchanged files are listed only when `verbose`; diffs of updates only when
    /// `show_update_diffs` (dry runs and verbose runs).
    pub fn render(&self, ctx: &Term, show_update_diffs: bool) -> String {
        let mut out = String::new();
        for f in &self.files {
            if f.action == Action::Unchanged && !ctx.verbose {
                continue;
            }
            let (label, color) = f.action.label();
            let padded = format!("{label:>10}");
            let _ = writeln!(out, "{} {}", paint(ctx.color, color, &padded), f.file.path);
            let show_diff = match f.action {
                Action::Conflict | Action::Overwrite | Action::Merge => true,
                Action::Update => show_update_diffs,
                _ => false,
            };
            if show_diff {
                out.push_str(&diff(ctx, f));
            }
        }
        if self.lock_changed && (ctx.verbose || self.files.iter().any(|f| f.action.writes())) {
            let label = if self.root.join(LOCKFILE).exists() {
                "update"
            } else {
                "create"
            };
            let padded = format!("{label:>10}");
            let _ = writeln!(out, "{} {LOCKFILE}", paint(ctx.color, Color::Dim, &padded));
        }
        out
    }
}

/// A unified diff from what is on disk to what agentpack would write.
fn diff(ctx: &Term, f: &Planned) -> String {
    let Some(old) = &f.old else {
        return "           (not a UTF-8 text file; cannot show a diff)\n".to_string();
    };
    let text = similar::TextDiff::from_lines(old.as_str(), f.file.content.as_str());
    let mut out = String::new();
    let udiff = text
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("{} (yours)", f.file.path),
            &format!("{} (agentpack)", f.file.path),
        )
        .to_string();
    for line in udiff.lines() {
        let color = match line.chars().next() {
            Some('+') if !line.starts_with("+++") => Some(Color::Green),
            Some('-') if !line.starts_with("---") => Some(Color::Red),
            Some('@') => Some(Color::Cyan),
            _ => None,
        };
        let line = match color {
            Some(c) => paint(ctx.color, c, line),
            None => line.to_string(),
        };
        let _ = writeln!(out, "    {line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, content: &str) -> Generated {
        Generated {
            path: path.into(),
            template: "t".into(),
            content: content.into(),
            overwrite: false,
        }
    }

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
    fn conflict_shows_a_unified_diff() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one\ntwo\n").unwrap();
        let p = plan(dir.path(), vec![file("a.md", "one\n2\n")], false).unwrap();
        let text = p.render(&Term::default(), false);
        assert!(text.contains("  conflict a.md"), "{text}");
        assert!(text.contains("-two") && text.contains("+2"), "{text}");
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

    #[test]
    fn broken_lockfile_is_an_error_with_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCKFILE), "{\n  \"version\": 1,\n  oops\n}").unwrap();
        let err = plan(dir.path(), vec![file("a.md", "1")], false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("agentpack.lock:3:"), "{err}");
    }
}
