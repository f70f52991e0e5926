//! The review history (`.agentpack/logs/reviews.jsonl`): one JSON line per reviewed artifact
//! per run, with the verdict as a typed [`Status`]. The iteration count (how many refinement rounds an artifact has had) and
//! the score change come from it. A line that does not parse is skipped, so a hand-edited log
//! never blocks a review.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The verdict on one artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Score >= threshold.
    Approved,
    /// Below the threshold; a refinement round should run.
    NeedsRefinement,
    /// Still below after `max_iterations` rounds: a person decides.
    Escalate,
    /// Could not be read or reviewed; counts as failed.
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "APPROVED",
            Status::NeedsRefinement => "NEEDS_REFINEMENT",
            Status::Escalate => "ESCALATE",
            Status::Error => "ERROR",
        }
    }
}

/// Where the history lives, relative to the project root.
pub use super::layout::HISTORY as HISTORY_PATH;

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// UTC, RFC 3339.
    pub time: String,
    pub path: String,
    /// The first revision's path: all revisions of one artifact share it.
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub task: Option<String>,
    #[serde(default)]
    pub rubric: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub threshold: Option<u32>,
    #[serde(default)]
    pub dimensions: IndexMap<String, Option<f64>>,
    pub status: Status,
    #[serde(default)]
    pub iteration: u32,
    #[serde(default)]
    pub hash: String,
}

/// Where the history of the project at `root` is: [`HISTORY_PATH`], or the 0.1 place
/// until `init` moves it.
pub fn path(root: &Path) -> String {
    super::layout::resolve(root, HISTORY_PATH, super::layout::legacy::HISTORY)
}

/// Reads the history of the project at `root` (empty when there is none).
pub fn load(root: &Path) -> Vec<Entry> {
    load_counted(root).0
}

/// The history and the number of lines skipped because they do not parse.
pub fn load_counted(root: &Path) -> (Vec<Entry>, usize) {
    let Ok(text) = crate::fsx::read_text(&root.join(path(root)), 64 * crate::fsx::MAX_FILE_BYTES)
    else {
        return (Vec::new(), 0);
    };
    let mut skipped = 0;
    let entries = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let entry = serde_json::from_str(l).ok();
            skipped += usize::from(entry.is_none());
            entry
        })
        .collect();
    (entries, skipped)
}

/// The newest entry of artifact `key` (entries written before keys were recorded match by path).
pub fn last<'a>(history: &'a [Entry], key: &str) -> Option<&'a Entry> {
    history.iter().rev().find(|e| e.artifact_key() == key)
}

impl Entry {
    /// The normalised artifact key of this entry, whatever spelling was recorded.
    pub fn artifact_key(&self) -> String {
        let recorded = if self.key.is_empty() {
            &self.path
        } else {
            &self.key
        };
        super::artifact::split_revision(&super::artifact::key(recorded)).0
    }
}

/// The iteration of the version with `hash` of artifact `key`, and the score of the previous
/// version. A new content hash starts a new round; an approval resets the count.
pub fn iteration(history: &[Entry], key: &str, hash: &str) -> (u32, Option<f64>) {
    let mut rounds: HashMap<&str, u32> = HashMap::new();
    let mut current = 0;
    let mut reset = false;
    let mut previous = None;
    for e in history.iter().filter(|e| e.artifact_key() == key) {
        if e.hash != hash {
            previous = e.score;
        }
        if !rounds.contains_key(e.hash.as_str()) {
            current = if reset { 1 } else { current + 1 };
            reset = false;
            rounds.insert(&e.hash, current);
        }
        if e.status == Status::Approved {
            reset = true;
        }
    }
    let n = match rounds.get(hash) {
        Some(&n) => n,
        None if reset => 1,
        None => current + 1,
    };
    (n.max(1), previous)
}

/// Appends `entries` to the history of the project at `root` in one write; returns its path.
/// The caller holds the review lock ([`lock`]), so runs append one after another.
pub fn append(root: &Path, entries: &[Entry]) -> anyhow::Result<PathBuf> {
    let path = root.join(self::path(root));
    if entries.is_empty() {
        return Ok(path);
    }
    let mut lines = String::new();
    for entry in entries {
        lines.push_str(&serde_json::to_string(entry)?);
        lines.push('\n');
    }
    let mut file = open(root)?;
    // A run killed in the middle of its write (or stopped by a full disk) leaves a line
    // without its end; ending it here keeps that fragment from swallowing our first record.
    if !ends_with_newline(&mut file).with_context(|| format!("cannot read {}", path.display()))? {
        lines.insert(0, '\n');
    }
    crate::fsx::crash_point();
    // One write call per run keeps even an unlocked writer from interleaving inside a line.
    file.write_all(lines.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    crate::fsx::crash_point();
    Ok(path)
}

/// Opens (creating) the history of the project at `root` for appending. The file must
/// resolve inside the project and is never a symlink: a link is refused, not followed.
pub fn open(root: &Path) -> anyhow::Result<std::fs::File> {
    let rel = self::path(root);
    let path = crate::fsx::join_inside(root, &rel)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // The folder may have been created through a link made since the check.
        crate::fsx::join_inside(root, &rel)?;
    }
    crate::fsx::open_append(&path).with_context(|| format!("cannot open {}", path.display()))
}

/// Takes the exclusive review lock of the project at `root`: a lock on the history file,
/// released when the returned handle drops (also when the process dies). `agentpack archive`
/// moves the history away while holding it, so a waiter that wakes up on the moved file lets
/// it go and locks the file now at [`path`]. With `wait` false, a lock another process
/// holds is `Ok(None)` instead of a wait.
pub fn lock(root: &Path, wait: bool) -> anyhow::Result<Option<std::fs::File>> {
    loop {
        let path = root.join(self::path(root));
        let file = open(root)?;
        if wait {
            file.lock()
                .with_context(|| format!("cannot lock {}", path.display()))?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()));
                }
            }
        }
        if still_at(&file, &path) {
            return Ok(Some(file));
        }
    }
}

/// Whether the open `file` is still the one at `path` (not moved away or replaced).
#[cfg(unix)]
fn still_at(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &std::fs::File, path: &Path) -> bool {
    path.is_file()
}

fn ends_with_newline(file: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, hash: &str, status: Status, score: f64) -> Entry {
        Entry {
            time: String::new(),
            path: key.into(),
            key: key.into(),
            task: None,
            rubric: "generic".into(),
            score: Some(score),
            threshold: Some(80),
            dimensions: IndexMap::new(),
            status,
            iteration: 0,
            hash: hash.into(),
        }
    }

    #[test]
    fn append_after_a_torn_line_keeps_the_new_record() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(crate::project::layout::LOGS_DIR)).unwrap();
        let path = dir.path().join(HISTORY_PATH);
        std::fs::write(&path, "{\"time\":\"2026-01-01T00:00:00Z\",\"pa").unwrap();
        append(dir.path(), &[entry("a", "h", Status::NeedsRefinement, 1.0)]).unwrap();
        let (entries, skipped) = load_counted(dir.path());
        assert_eq!(
            (entries.len(), skipped),
            (1, 1),
            "the fragment alone is lost"
        );
    }

    #[cfg(unix)]
    #[test]
    fn history_link_is_refused_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim.txt");
        std::fs::write(&victim, "mine\n").unwrap();
        std::fs::create_dir_all(dir.path().join(crate::project::layout::LOGS_DIR)).unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(HISTORY_PATH)).unwrap();
        let e = [entry("a", "h", Status::NeedsRefinement, 1.0)];
        assert!(append(dir.path(), &e).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n");
    }

    #[test]
    fn a_waiter_on_a_moved_history_locks_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let held = lock(&root, true).unwrap().unwrap();
        assert!(lock(&root, false).unwrap().is_none(), "held elsewhere");
        let waiter = {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut file = lock(&root, true).unwrap().unwrap();
                file.write_all(b"new\n").unwrap();
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(100));
        // What `archive` does while holding the lock.
        std::fs::rename(root.join(HISTORY_PATH), root.join("moved.jsonl")).unwrap();
        drop(held);
        waiter.join().unwrap();
        assert_eq!(
            std::fs::read_to_string(root.join(HISTORY_PATH)).unwrap(),
            "new\n"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("moved.jsonl")).unwrap(),
            ""
        );
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(1_772_064_000 + 3661), "2026-02-26T01:01:01Z");
    }

    #[test]
    fn rounds_count_new_versions_and_reset_on_approval() {
        let n = Status::NeedsRefinement;
        let h = vec![
            entry("a", "h1", n, 40.0),
            entry("a", "h1", n, 40.0),
            entry("a", "h2", n, 55.0),
            entry("b", "x", n, 1.0),
        ];
        assert_eq!(iteration(&h, "a", "h1"), (1, Some(55.0)));
        assert_eq!(iteration(&h, "a", "h2"), (2, Some(40.0)));
        assert_eq!(iteration(&h, "a", "h3"), (3, Some(55.0)));
        assert_eq!(iteration(&h, "new", "h"), (1, None));
        let mut h = h;
        h.push(entry("a", "h3", Status::Approved, 90.0));
        assert_eq!(iteration(&h, "a", "h4"), (1, Some(90.0)));
    }
}
