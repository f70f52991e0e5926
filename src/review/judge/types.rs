//! The judge's results as data: per artifact ([`ArtifactJudge`]) and per run ([`Summary`]).
//! A leaf: the review's outcome holds these without importing the judge's machinery.

use serde::Serialize;

use super::verdict::Verdict;
use crate::project::JudgeMode;

/// Where an artifact's verdict came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The judge ran for it in this run.
    Called,
    /// An earlier run's verdict for the same content.
    Cached,
    /// Not judged: the run reached `max_calls`.
    OverCap,
    /// Its rubric asks the judge nothing.
    NoQuestions,
}

/// One dimension's parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionPart {
    pub dimension: &'static str,
    /// The rules' score, 0-10.
    pub rule: Option<f64>,
    /// The judge's score, 0-10.
    pub judge: f64,
    /// Share of the judge in the dimension.
    pub weight: f64,
    /// What the dimension counts in the score: the blend in score mode, the rule in advise.
    pub value: Option<f64>,
    pub reason: String,
}

/// The judge's part of one artifact's review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArtifactJudge {
    pub source: Source,
    /// The rules' own score, before any blending.
    pub rule_score: Option<f64>,
    pub dimensions: Vec<DimensionPart>,
    /// Why there is no verdict.
    pub error: Option<String>,
}

impl ArtifactJudge {
    pub(crate) fn without(source: Source, rule_score: Option<f64>) -> Self {
        ArtifactJudge {
            source,
            rule_score,
            dimensions: Vec::new(),
            error: None,
        }
    }
}

/// What the judge did in one run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub mode: JudgeMode,
    /// The command, as a shell would show it.
    pub command: String,
    /// Judge processes started.
    pub calls: u32,
    /// Verdicts taken from the cache.
    pub cached: u32,
    /// Artifacts left unjudged because `max_calls` was reached.
    pub over_cap: u32,
    /// Calls that gave no verdict.
    pub failed: u32,
    /// New verdicts, by cache key, for the session to store with the round.
    #[serde(skip)]
    pub fresh: Vec<(String, Verdict)>,
}
