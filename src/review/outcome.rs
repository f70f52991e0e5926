//! What a review run found: one [`ArtifactReport`] per
//! artifact and the run's [`Outcome`]. Plain data; renderers and the session read it.

use std::path::PathBuf;

use super::select::Pending;
use crate::diag::Diagnostic;
use crate::project::history::Status;
use crate::rubric::score::CheckResult;

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
    pub findings: Vec<Diagnostic>,
    pub next_revision: Option<String>,
    /// Why the rubric was chosen, when review detected the kind of document (no rubric named
    /// and not a workflow output or a `review.rules` match).
    pub detected: Option<String>,
    /// Why it could not be reviewed.
    pub error: Option<String>,
    /// Content hash (tells a new revision from a re-run).
    pub hash: String,
    /// The previous review of this artifact saw the same content and did not approve it: the
    /// author was told what to fix and changed nothing.
    pub resubmitted: bool,
    /// The semantic judge's part, when a judge ran (`review --judge`).
    pub judge: Option<super::judge::types::ArtifactJudge>,
}

impl ArtifactReport {
    pub fn passed(&self) -> bool {
        self.status == Status::Approved
    }

    /// Findings, the most costly first.
    pub fn ranked(&self) -> Vec<&Diagnostic> {
        let mut out: Vec<&Diagnostic> = self.findings.iter().collect();
        out.sort_by(|a, b| b.points().total_cmp(&a.points()).then(a.line.cmp(&b.line)));
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
    /// What the judge did, when one ran.
    pub judge: Option<super::judge::types::Summary>,
}

impl Outcome {
    /// True when every reviewed artifact passed (pending outputs do not fail a run).
    pub fn passed(&self) -> bool {
        self.artifacts.iter().all(ArtifactReport::passed)
    }

    pub fn failed(&self) -> impl Iterator<Item = &ArtifactReport> {
        self.artifacts.iter().filter(|a| !a.passed())
    }

    /// The bar the artifacts were held to, for a summary line: "threshold 80", or
    /// "thresholds 80-100" when a rubric's own threshold differs from the run's.
    pub fn threshold_label(&self) -> String {
        let bars = self.artifacts.iter().map(|a| a.threshold);
        match (bars.clone().min(), bars.max()) {
            (Some(low), Some(high)) if low != high => format!("thresholds {low}-{high}"),
            (Some(only), _) => format!("threshold {only}"),
            _ => format!("threshold {}", self.threshold),
        }
    }
}
