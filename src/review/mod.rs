//! The review engine behind `agentpack review` and the SubagentStop hook: choose targets
//! ([`select`]), score them in parallel against their rubrics ([`run`]), derive each status
//! from the threshold and the review history, then, as separate steps, append the history
//! ([`history::append`]) and write or remove the feedback file ([`feedback::write`]).
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use agentpack::review::{self, Options};
//! let project = agentpack::config::Project::load("agentpack.yaml".as_ref())?;
//! let opts = Options::default();
//! let selection = review::select(Some(&project), &[], &opts)?;
//! let outcome = review::run(Some(&project), &selection, &opts)?;
//! review::history::append(&project.root, &outcome)?;
//! let action = review::feedback::write(&project.root, &outcome, selection.whole_project)?;
//! # let _ = action; Ok(()) }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{DEFAULT_MAX_ITERATIONS, DEFAULT_THRESHOLD, Project};
use crate::document::Document;
use crate::rubric::rules::Env;
use crate::rubric::score::{self, CheckResult};
use crate::rubric::{self, Rubric};

pub mod feedback;
pub mod formats;
pub mod history;
pub mod render;
mod select;

pub use select::{
    ARTIFACTS_DIR, Pending, Selection, Target, newest_revision, next_revision, select,
    split_revision,
};

/// What the command line (or a hook) asks of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Forces one rubric (name or file) for every target.
    pub rubric: Option<String>,
    /// Overrides the rubric's and the manifest's threshold.
    pub threshold: Option<u32>,
}

/// The verdict on one artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// One finding, placed and ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFinding {
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub rule: String,
    pub check: String,
    pub dimension: String,
    pub message: String,
    pub fix: String,
    /// Points of the score its check lost (shared by the check's findings).
    pub impact: f64,
}

/// The review of one artifact.
#[derive(Debug, Clone)]
pub struct ArtifactReport {
    pub path: String,
    pub file: PathBuf,
    pub key: String,
    pub task: Option<String>,
    pub rubric: String,
    pub threshold: u32,
    /// 0-100; `None` when it could not be scored (fails closed).
    pub score: Option<f64>,
    pub dimensions: [Option<f64>; 5],
    pub status: Status,
    pub iteration: u32,
    /// Score change since the previous reviewed version.
    pub change: Option<f64>,
    pub checks: Vec<CheckResult>,
    /// Sorted by line.
    pub findings: Vec<ReportFinding>,
    pub next_revision: Option<String>,
    /// Why it could not be reviewed.
    pub error: Option<String>,
    /// Content hash (tells a new revision from a re-run).
    pub hash: String,
    /// The previous review of this artifact saw the same content and did not approve it: the
    /// author was told what to fix and changed nothing.
    pub resubmitted: bool,
}

impl ArtifactReport {
    pub fn passed(&self) -> bool {
        self.status == Status::Approved
    }

    /// Findings, the most costly first.
    pub fn ranked(&self) -> Vec<&ReportFinding> {
        let mut out: Vec<&ReportFinding> = self.findings.iter().collect();
        out.sort_by(|a, b| b.impact.total_cmp(&a.impact).then(a.line.cmp(&b.line)));
        out
    }
}

/// The result of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The run's threshold (flag, else manifest, else 80); a rubric may set its own.
    pub threshold: u32,
    pub max_iterations: u32,
    /// Sorted by path.
    pub artifacts: Vec<ArtifactReport>,
    pub pending: Vec<Pending>,
}

impl Outcome {
    /// True when every reviewed artifact passed (pending outputs do not fail a run).
    pub fn passed(&self) -> bool {
        self.artifacts.iter().all(ArtifactReport::passed)
    }

    pub fn failed(&self) -> impl Iterator<Item = &ArtifactReport> {
        self.artifacts.iter().filter(|a| !a.passed())
    }
}

/// Loads every rubric the targets need; a missing or broken rubric is a config error.
fn load_rubrics(
    project: Option<&Project>,
    sel: &Selection,
) -> anyhow::Result<HashMap<String, Rubric>> {
    let root = project.map(|p| p.root.as_path());
    let mut rubrics = HashMap::new();
    let names = sel
        .targets
        .iter()
        .map(|t| &t.rubric)
        .chain(sel.pending.iter().map(|p| &p.rubric));
    for name in names {
        if !rubrics.contains_key(name) {
            rubrics.insert(name.clone(), rubric::load(name, root)?);
        }
    }
    Ok(rubrics)
}

/// Scores the selection. Unreadable files become failed reports, not errors; a rubric that
/// cannot be loaded is an error (exit 2).
pub fn run(project: Option<&Project>, sel: &Selection, opts: &Options) -> anyhow::Result<Outcome> {
    let rubrics = load_rubrics(project, sel)?;
    let manifest = project.map(|p| &p.manifest);
    let run_threshold = opts
        .threshold
        .or(manifest.and_then(|m| m.threshold))
        .unwrap_or(DEFAULT_THRESHOLD);
    let max_iterations = manifest.map_or(DEFAULT_MAX_ITERATIONS, |m| m.max_iterations());
    let history = project.map(|p| history::load(&p.root)).unwrap_or_default();
    let mut artifacts: Vec<ArtifactReport> = sel
        .targets
        .par_iter()
        .map(|t| {
            let rubric = &rubrics[&t.rubric];
            let threshold = opts
                .threshold
                .or(rubric.threshold)
                .or(manifest.and_then(|m| m.threshold))
                .unwrap_or(DEFAULT_THRESHOLD);
            review_one(t, rubric, threshold, project.is_some())
        })
        .collect();
    for (path, why) in &sel.problems {
        let mut report = failed(
            path,
            PathBuf::from(path),
            GENERIC_LABEL,
            run_threshold,
            why.clone(),
        );
        report.key = path.clone();
        artifacts.push(report);
    }
    artifacts.sort_by(|a, b| a.path.cmp(&b.path));
    for a in &mut artifacts {
        let (iteration, previous) = history::iteration(&history, &a.key, &a.hash);
        a.iteration = iteration;
        a.resubmitted = history::last(&history, &a.key)
            .is_some_and(|e| e.hash == a.hash && e.status != Status::Approved.as_str());
        a.change = a
            .score
            .zip(previous)
            .map(|(now, before)| score::round1(now - before));
        if a.status != Status::Error {
            a.status = match a.score {
                Some(s) if s.is_finite() && s >= f64::from(a.threshold) => Status::Approved,
                _ if iteration >= max_iterations => Status::Escalate,
                _ => Status::NeedsRefinement,
            };
        }
    }
    Ok(Outcome {
        threshold: run_threshold,
        max_iterations,
        artifacts,
        pending: sel.pending.clone(),
    })
}

const GENERIC_LABEL: &str = "-";

fn failed(path: &str, file: PathBuf, rubric: &str, threshold: u32, why: String) -> ArtifactReport {
    ArtifactReport {
        path: path.to_string(),
        file,
        key: path.to_string(),
        task: None,
        rubric: rubric.to_string(),
        threshold,
        score: None,
        dimensions: [None; 5],
        status: Status::Error,
        iteration: 1,
        change: None,
        checks: Vec::new(),
        findings: vec![ReportFinding {
            line: 0,
            column: 0,
            code: rubric::UNREADABLE.into(),
            rule: "unreadable-artifact".into(),
            check: "read".into(),
            dimension: String::new(),
            message: format!("could not be reviewed: {why}"),
            fix: "save it as UTF-8 markdown under 10 MB that agentpack can read".into(),
            impact: 100.0,
        }],
        next_revision: None,
        error: Some(why),
        hash: String::new(),
        resubmitted: false,
    }
}

/// Reviews one file; never panics (a panic in a rule is reported as a failed review).
/// `with_hash` computes the content hash the history needs (skipped outside a project).
pub fn review_one(t: &Target, rubric: &Rubric, threshold: u32, with_hash: bool) -> ArtifactReport {
    let (text, lossy) = match crate::fsx::read_text_lossy(&t.file, crate::fsx::MAX_FILE_BYTES) {
        Ok(read) => read,
        Err(e) => {
            return with_target(
                failed(&t.path, t.file.clone(), &t.rubric, threshold, e.to_string()),
                t,
            );
        }
    };
    if text.trim().is_empty() {
        let why = "the file is empty".to_string();
        return with_target(
            failed(&t.path, t.file.clone(), &t.rubric, threshold, why),
            t,
        );
    }
    let dir = t.file.parent().map(Path::to_path_buf);
    let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        score_text(
            &text,
            rubric,
            &Env {
                dir: dir.as_deref(),
            },
        )
    }));
    let Ok((card, mut findings)) = scored else {
        let why = "internal error while scoring (please report it)".to_string();
        return with_target(
            failed(&t.path, t.file.clone(), &t.rubric, threshold, why),
            t,
        );
    };
    let note = |code: &str, rule: &str, message: String, fix: &str| ReportFinding {
        line: 0,
        column: 0,
        code: code.into(),
        rule: rule.into(),
        check: rule.into(),
        dimension: String::new(),
        message,
        fix: fix.into(),
        impact: 0.0,
    };
    if lossy {
        findings.insert(
            0,
            note(
                rubric::NOT_UTF8,
                "not-utf8",
                "the file is not valid UTF-8; bytes that are not were read as \u{fffd}".into(),
                "save the file as UTF-8",
            ),
        );
    }
    if let Some(why) = &t.detected {
        findings.insert(
            0,
            note(
                rubric::DETECTED,
                "kind-detected",
                format!("scored with the `{}` rubric ({why})", t.rubric),
                "name the rubric with `--rubric NAME` if this is the wrong kind of document",
            ),
        );
    }
    // A gate fails the artifact whatever the run's threshold is.
    let gated = card.checks.iter().any(|c| c.gate);
    let score = Some(card.score).filter(|s| s.is_finite()).map(|s| {
        if gated && s >= f64::from(threshold) {
            (f64::from(threshold) - 1.0).max(0.0)
        } else {
            s
        }
    });
    ArtifactReport {
        path: t.path.clone(),
        file: t.file.clone(),
        key: t.key.clone(),
        task: t.task.clone(),
        rubric: t.rubric.clone(),
        threshold,
        score,
        dimensions: card.dimensions,
        status: Status::NeedsRefinement,
        iteration: 1,
        change: None,
        checks: card.checks,
        findings,
        next_revision: t.next_revision.clone(),
        error: None,
        hash: if with_hash {
            hash(&text)
        } else {
            String::new()
        },
        resubmitted: false,
    }
}

fn with_target(mut report: ArtifactReport, t: &Target) -> ArtifactReport {
    report.key = t.key.clone();
    report.task = t.task.clone();
    report.next_revision = t.next_revision.clone();
    report
}

/// Scores markdown text: the scorecard and its findings placed on lines.
pub fn score_text(
    text: &str,
    rubric: &Rubric,
    env: &Env,
) -> (score::Scorecard, Vec<ReportFinding>) {
    let doc = Document::parse(text);
    let card = score::score(rubric, &doc, env);
    let mut findings: Vec<ReportFinding> = card
        .checks
        .iter()
        .flat_map(|c| {
            let doc = &doc;
            c.findings.iter().map(move |f| {
                let (line, column) = doc.lines.line_col(doc.text, f.offset.min(doc.text.len()));
                ReportFinding {
                    line,
                    column,
                    code: c.code.to_string(),
                    rule: c.rule.to_string(),
                    check: c.id.clone(),
                    dimension: c.dimension.to_string(),
                    message: f.message.clone(),
                    fix: f.fix.clone(),
                    impact: c.impact,
                }
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.code, &a.message).cmp(&(b.line, b.column, &b.code, &b.message))
    });
    (card, findings)
}

/// `path` relative to `root` when inside it, `/`-separated.
pub fn select_display(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    crate::report::display_path(rel)
}

/// A short content hash (the first 16 hex digits of SHA-256) to tell revisions apart.
fn hash(text: &str) -> String {
    crate::scaffold::hash(text)[..16].to_string()
}
