//! Runs. One user request is one run: the workflow's outputs with their revisions, the
//! feedback and the review history. `agentpack archive` moves a run into a folder of its own
//! under [`RUNS_DIR`] with a [`Record`] (`run.json`) that is also the journal of the move, so
//! the next `archive` finishes an interrupted one; `status` reads the current run from the
//! history and the archived ones from their records. The one place that spells these paths.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::artifact::{self, ARTIFACTS_DIR, FEEDBACK_FALLBACK_PATH, FEEDBACK_PATH};
use super::history::Entry;
use super::manifest::Manifest;

/// Where archived runs go, relative to the project root: with agentpack's own state, out of
/// `artifacts/` (which a whole-project review reads and agents take their inputs from).
pub use super::layout::ARCHIVE_DIR as RUNS_DIR;
/// The record of an archived run, inside its folder.
pub const RECORD: &str = "run.json";
/// Where the history of an archived run goes inside its folder.
pub const RUN_HISTORY: &str = "reviews.jsonl";
/// The name of a run archived without one.
pub const DEFAULT_NAME: &str = "run";
const RECORD_VERSION: u32 = 1;

/// One file of a run and where archiving puts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// Project-relative, `/`-separated: where the file is in the workspace.
    pub from: String,
    /// Relative to the run's folder.
    pub to: String,
}

/// What the review history says about a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Time of the first review; `None` before the first one.
    #[serde(default)]
    pub started: Option<String>,
    /// Time of the last review.
    #[serde(default)]
    pub last_review: Option<String>,
    /// History lines: one per reviewed artifact per review.
    #[serde(default)]
    pub reviews: usize,
    /// The highest refinement round an artifact reached.
    #[serde(default)]
    pub rounds: u32,
}

impl Summary {
    /// The summary of a history (the current run's, or an archived one's).
    pub fn of(history: &[Entry]) -> Summary {
        Summary {
            started: history.first().map(|e| e.time.clone()),
            last_review: history.last().map(|e| e.time.clone()),
            reviews: history.len(),
            rounds: history.iter().map(|e| e.iteration).max().unwrap_or(0),
        }
    }
}

/// `run.json`: what an archived run holds. Written before the first file moves, with
/// `complete: false`, and rewritten with `complete: true` after the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub version: u32,
    pub name: String,
    /// When it was archived (UTC, RFC 3339).
    pub archived: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// False while the files are being moved: the next `archive` finishes the move.
    pub complete: bool,
    pub files: Vec<Move>,
}

impl Record {
    pub fn new(name: &str, archived: String, summary: Summary, files: Vec<Move>) -> Record {
        Record {
            version: RECORD_VERSION,
            name: name.to_string(),
            archived,
            summary,
            complete: false,
            files,
        }
    }
}

/// An archived run: its folder (project-relative) and record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    pub dir: String,
    pub record: Record,
}

/// The runs archived in the project at `root`, oldest first. Folders without a readable
/// record are not runs and are left out.
pub fn archived(root: &Path) -> Vec<Archived> {
    let Ok(entries) = std::fs::read_dir(root.join(RUNS_DIR)) else {
        return Vec::new();
    };
    let mut runs: Vec<Archived> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let text =
                crate::fsx::read_text(&e.path().join(RECORD), crate::fsx::MAX_FILE_BYTES).ok()?;
            let record = serde_json::from_str(&text).ok()?;
            Some(Archived {
                dir: format!("{RUNS_DIR}/{name}"),
                record,
            })
        })
        .collect();
    runs.sort_by(|a, b| (&a.record.archived, &a.dir).cmp(&(&b.record.archived, &b.dir)));
    runs
}

/// The current run and the archived ones, as `status` shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Runs {
    pub current: Summary,
    /// How many runs were archived.
    pub archived: usize,
    /// The folder of the newest archived run.
    pub latest: Option<String>,
    /// Folders of archives that were stopped half-way (`agentpack archive` finishes them).
    pub interrupted: Vec<String>,
}

impl Runs {
    pub fn load(root: &Path, history: &[Entry]) -> Runs {
        let archived = archived(root);
        let (done, interrupted): (Vec<_>, Vec<_>) =
            archived.into_iter().partition(|a| a.record.complete);
        Runs {
            current: Summary::of(history),
            archived: done.len(),
            latest: done.last().map(|a| a.dir.clone()),
            interrupted: interrupted.into_iter().map(|a| a.dir).collect(),
        }
    }

    /// Whether there is anything to say (a review or an archive happened).
    pub fn is_empty(&self) -> bool {
        self.current.reviews == 0 && self.archived == 0 && self.interrupted.is_empty()
    }
}

/// The files of the current run in the project at `root`, in the order archiving moves them:
/// each workflow output with its revisions, every other artifact under `artifacts/` the
/// history reviewed (with its revisions), the feedback files, and the history last (when it
/// has a line). Only files that exist are listed; each keeps its project-relative path inside
/// the run's folder, but the history becomes [`RUN_HISTORY`].
pub fn files(root: &Path, manifest: &Manifest, history: &[Entry]) -> Vec<Move> {
    let mut keys: Vec<String> = manifest.workflow.iter().map(|t| t.key()).collect();
    let prefix = format!("{ARTIFACTS_DIR}/");
    keys.extend(
        history
            .iter()
            .map(Entry::artifact_key)
            .filter(|k| k.starts_with(&prefix)),
    );
    let mut seen = BTreeSet::new();
    for key in keys {
        for (rel, _) in artifact::task_revisions(root, &key) {
            seen.insert(rel);
        }
    }
    for feedback in [FEEDBACK_PATH, FEEDBACK_FALLBACK_PATH] {
        if std::fs::symlink_metadata(root.join(feedback)).is_ok() {
            seen.insert(feedback.to_string());
        }
    }
    let mut moves: Vec<Move> = seen
        .into_iter()
        .map(|rel| Move {
            to: rel.clone(),
            from: rel,
        })
        .collect();
    // Where the history is (the 0.1 place in a project `init` has not moved yet).
    let history_path = super::history::path(root);
    if std::fs::symlink_metadata(root.join(&history_path)).is_ok_and(|m| m.len() > 0) {
        moves.push(Move {
            from: history_path,
            to: RUN_HISTORY.to_string(),
        });
    }
    moves
}

/// A run name as a folder name: lower case, runs of anything but letters, digits, `.` and
/// `_` become one `-`. `None` when nothing is left.
pub fn slug(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let after_word = out.ends_with(|p: char| p.is_alphanumeric() || p == '_');
        if c.is_alphanumeric() || c == '_' || (c == '.' && after_word) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches(['-', '.']).chars().take(64).collect();
    let out = out.trim_end_matches(['-', '.']).to_string();
    (!out.is_empty()).then_some(out)
}

/// The name of a run archived without one: the title (first `# ` heading) of the newest
/// revision of the last workflow output that has one, cut to a few words; else [`DEFAULT_NAME`].
pub fn default_name(root: &Path, manifest: &Manifest) -> String {
    manifest
        .workflow
        .iter()
        .rev()
        .filter_map(|task| artifact::newest_revision(root, &task.output))
        // A revision linked to outside the project is not read.
        .filter_map(|rel| crate::fsx::join_inside(root, &rel).ok())
        .filter_map(|path| crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES).ok())
        .find_map(|text| {
            let title = text.lines().find_map(|l| l.strip_prefix("# "))?;
            let slug = slug(title)?;
            let cut: String = slug.chars().take(TITLE_CHARS).collect();
            if cut.len() == slug.len() {
                return Some(slug);
            }
            let words = cut.rsplit_once('-').map_or(cut.as_str(), |(w, _)| w);
            Some(words.trim_end_matches(['-', '.']).to_string()).filter(|w| !w.is_empty())
        })
        .unwrap_or_else(|| DEFAULT_NAME.to_string())
}

/// How much of a title names a run.
const TITLE_CHARS: usize = 40;

/// The folder name of a run archived at `time` (RFC 3339) under `slug`: `YYYY-MM-DD-slug`.
pub fn folder_name(time: &str, slug: &str) -> String {
    format!("{}-{slug}", time.get(..10).unwrap_or(time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::history::{HISTORY_PATH, Status};

    fn entry(path: &str, time: &str, iteration: u32) -> Entry {
        serde_json::from_value(serde_json::json!({
            "time": time, "path": path, "status": "NEEDS_REFINEMENT", "iteration": iteration,
        }))
        .unwrap()
    }

    #[test]
    fn slugs_are_plain_folder_names() {
        assert_eq!(slug("Market study Q3").as_deref(), Some("market-study-q3"));
        assert_eq!(slug("  a/../b  ").as_deref(), Some("a-b"));
        assert_eq!(slug("v1.2_final").as_deref(), Some("v1.2_final"));
        assert_eq!(slug("..hidden").as_deref(), Some("hidden"));
        assert_eq!(slug("ÉTUDE").as_deref(), Some("étude"));
        assert_eq!(slug("/../"), None);
        assert_eq!(slug(""), None);
        assert_eq!(slug(&"x".repeat(200)).map(|s| s.len()), Some(64));
        assert_eq!(folder_name("2026-11-29T10:00:00Z", "q3"), "2026-11-29-q3");
    }

    #[test]
    fn a_run_without_a_name_is_named_after_the_last_output_title() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("artifacts")).unwrap();
        let manifest: Manifest = serde_json::from_value(serde_json::json!({
            "version": 1, "name": "p",
            "workflow": [{"id": "a", "agent": "x", "output": "artifacts/a.md"},
                         {"id": "b", "agent": "y", "output": "artifacts/b.md"}],
        }))
        .unwrap();
        assert_eq!(default_name(root, &manifest), DEFAULT_NAME);
        std::fs::write(
            root.join("artifacts/a.md"),
            "# Research: GPU export rules\n",
        )
        .unwrap();
        assert_eq!(default_name(root, &manifest), "research-gpu-export-rules");
        std::fs::write(root.join("artifacts/b.md"), "no title\n").unwrap();
        assert_eq!(default_name(root, &manifest), "research-gpu-export-rules");
        std::fs::write(
            root.join("artifacts/b.v2.md"),
            "intro\n# The impact of semiconductor export controls on cloud pricing\n",
        )
        .unwrap();
        assert_eq!(
            default_name(root, &manifest),
            "the-impact-of-semiconductor-export"
        );
    }

    #[test]
    fn summary_counts_reviews_and_the_highest_round() {
        let h = [
            entry("artifacts/a.md", "t1", 1),
            entry("artifacts/a.v2.md", "t2", 2),
            entry("artifacts/b.md", "t3", 1),
        ];
        let s = Summary::of(&h);
        assert_eq!(
            (
                s.started.as_deref(),
                s.last_review.as_deref(),
                s.reviews,
                s.rounds
            ),
            (Some("t1"), Some("t3"), 3, 2)
        );
        assert_eq!(Summary::of(&[]), Summary::default());
        assert_eq!(h[0].status, Status::NeedsRefinement);
    }

    #[test]
    fn files_are_outputs_revisions_reviewed_artifacts_feedback_and_history_last() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("artifacts")).unwrap();
        std::fs::create_dir_all(root.join(HISTORY_PATH).parent().unwrap()).unwrap();
        for f in ["out.md", "out.v2.md", "extra.md", "input.md", "feedback.md"] {
            std::fs::write(root.join("artifacts").join(f), "x").unwrap();
        }
        std::fs::write(root.join(HISTORY_PATH), "{}\n").unwrap();
        let manifest: Manifest = serde_json::from_value(serde_json::json!({
            "version": 1, "name": "p",
            "workflow": [{"id": "t", "agent": "a", "output": "./artifacts/out.md"},
                         {"id": "u", "agent": "b", "output": "artifacts/missing.md"}],
        }))
        .unwrap();
        let history = [
            entry("artifacts/extra.md", "t", 1),
            entry("notes/x.md", "t", 1),
        ];
        let got: Vec<(String, String)> = files(root, &manifest, &history)
            .into_iter()
            .map(|m| (m.from, m.to))
            .collect();
        let same = |p: &str| (p.to_string(), p.to_string());
        assert_eq!(
            got,
            [
                same("artifacts/extra.md"),
                same("artifacts/feedback.md"),
                same("artifacts/out.md"),
                same("artifacts/out.v2.md"),
                (HISTORY_PATH.to_string(), RUN_HISTORY.to_string()),
            ]
        );
    }
}
