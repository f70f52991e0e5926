//! `logs/reviews.jsonl`, the review history `review` appends to: one JSON object per reviewed
//! artifact per run. Read tolerantly: a line that is not a usable record is skipped and
//! counted, never fatal, since the file is appended to by hand-run tools and hooks alike.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Where the history lives, relative to the project root.
pub const PATH: &str = "logs/reviews.jsonl";

/// The verdict of one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Approved,
    NeedsRefinement,
    Escalate,
}

/// One review of one artifact. Fields other than these are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Entry {
    #[serde(default)]
    pub time: String,
    pub path: String,
    #[serde(default)]
    pub rubric: String,
    pub score: f64,
    pub status: Status,
    #[serde(default)]
    pub iteration: Option<u32>,
}

/// The usable entries in file order, and how many non-blank lines were skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub entries: Vec<Entry>,
    pub skipped: usize,
}

impl History {
    /// Reads `root/logs/reviews.jsonl`; a missing file is an empty history.
    pub fn load(root: &Path) -> anyhow::Result<History> {
        let path = root.join(PATH);
        if !path.exists() {
            return Ok(History::default());
        }
        match crate::fsx::read_text(&path, 100 * crate::fsx::MAX_FILE_BYTES) {
            Ok(text) => Ok(History::parse(&text)),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        }
    }

    /// Parses JSON lines, skipping (and counting) lines that are not usable entries.
    pub fn parse(text: &str) -> History {
        let mut history = History::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match serde_json::from_str::<Entry>(line) {
                Ok(entry) if entry.score.is_finite() => history.entries.push(entry),
                _ => history.skipped += 1,
            }
        }
        history
    }

    /// The last entry (in file order) whose path is one of `paths` (project-relative,
    /// `/`-separated); `root` lets absolute paths in the log match too.
    pub fn last_for(&self, root: &Path, paths: &[String]) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| paths.contains(&normalize(root, &e.path)))
    }
}

/// A logged path as a project-relative, `/`-separated path.
pub fn normalize(root: &Path, path: &str) -> String {
    let p = Path::new(path);
    let rel = if p.is_absolute() {
        let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        p.strip_prefix(&canon_root)
            .or_else(|_| p.strip_prefix(root))
            .unwrap_or(p)
    } else {
        p
    };
    let text = rel.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_skipped_and_counted() {
        let text = r#"{"time":"t","path":"artifacts/a.md","rubric":"r","score":71.5,"status":"NEEDS_REFINEMENT","iteration":1}
not json

{"path":"artifacts/a.md","score":85,"status":"APPROVED","iteration":2,"dimensions":{}}
{"path":"artifacts/a.md","score":85,"status":"MAYBE"}
{"path":"artifacts/b.md","status":"APPROVED"}
[1,2]
"#;
        let h = History::parse(text);
        assert_eq!(h.entries.len(), 2);
        assert_eq!(h.skipped, 4);
        let last = h
            .last_for(Path::new("/p"), &["artifacts/a.md".into()])
            .unwrap();
        assert_eq!((last.status, last.iteration), (Status::Approved, Some(2)));
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(
            normalize(Path::new("/p"), "./artifacts/a.md"),
            "artifacts/a.md"
        );
        assert_eq!(
            normalize(Path::new("/p"), "/p/artifacts/a.md"),
            "artifacts/a.md"
        );
    }
}
