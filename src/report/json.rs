//! Versioned JSON: `check` (docs/check-json.md), `review` (docs/review-json.md), `status`,
//! `plan` and `doctor`. Serialized from borrowed structs, not a `serde_json::Value` tree, so
//! a large run does not hold its report twice in memory.

use serde::Serialize;

use super::common::display_path;
use super::style::Term;
use super::subject::{self, Kind, Subject};
use crate::diag::{Diagnostic, Severity};
use crate::project::Task;
use crate::project::run::Runs;
use crate::project::state::{Overview, Progress, Row};
use crate::review::{self, ArtifactReport, Outcome, Status};
use crate::rubric::DIMENSIONS;

pub(super) const SUBJECTS: &[Kind] = &[
    Kind::Check,
    Kind::Review,
    Kind::Status,
    Kind::Plan,
    Kind::Doctor,
];

/// Version of every JSON output; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    let mut text = match *subject {
        Subject::Check { outcome, .. } => to_string(&check(outcome)),
        Subject::Review {
            outcome,
            feedback,
            root,
        } => {
            let path = subject::feedback_path(feedback, root);
            to_string(&review(outcome, path.as_deref()))
        }
        Subject::Status(overview) => to_string(&status(overview)),
        Subject::Plan { tasks, waves } => to_string(&plan(tasks, waves)),
        Subject::Doctor(health) => to_string(&doctor(health)),
    }?;
    text.push('\n');
    Ok(text)
}

fn to_string(value: &impl Serialize) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)?)
}

#[derive(Serialize)]
struct CheckDiag<'a> {
    path: String,
    line: usize,
    column: usize,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    fix: Option<&'a str>,
}

impl<'a> CheckDiag<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        CheckDiag {
            path: display_path(&d.path),
            line: d.line,
            column: d.column,
            code: &d.code,
            severity: d.severity,
            message: &d.message,
            fix: d.fix.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct CheckSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct CheckReport<'a> {
    version: u32,
    diagnostics: Vec<CheckDiag<'a>>,
    summary: CheckSummary,
}

#[derive(Serialize)]
struct DoctorCheck<'a> {
    id: &'a str,
    status: crate::doctor::Status,
    detail: &'a str,
    findings: Vec<CheckDiag<'a>>,
}

#[derive(Serialize)]
struct DoctorReport<'a> {
    version: u32,
    healthy: bool,
    root: Option<String>,
    checks: Vec<DoctorCheck<'a>>,
}

/// `doctor`: the verdict, the project root and each check with its findings.
fn doctor(health: &crate::doctor::Health) -> DoctorReport<'_> {
    DoctorReport {
        version: JSON_VERSION,
        healthy: health.healthy(),
        root: health.root.as_deref().map(display_path),
        checks: health
            .checks
            .iter()
            .map(|c| DoctorCheck {
                id: c.id,
                status: c.status,
                detail: &c.detail,
                findings: c.findings.iter().map(CheckDiag::new).collect(),
            })
            .collect(),
    }
}

fn check(o: &crate::lint::Outcome) -> CheckReport<'_> {
    CheckReport {
        version: JSON_VERSION,
        diagnostics: o.diagnostics.iter().map(CheckDiag::new).collect(),
        summary: CheckSummary {
            files: o.files.len(),
            errors: o.count(Severity::Error),
            warnings: o.count(Severity::Warning),
            infos: o.count(Severity::Info),
        },
    }
}

#[derive(Serialize)]
struct ReviewReport<'a> {
    version: u32,
    threshold: u32,
    max_iterations: u32,
    passed: bool,
    summary: ReviewSummary,
    artifacts: Vec<JsonArtifact<'a>>,
    pending: &'a [review::Pending],
    feedback: Option<&'a str>,
    /// Calls made and cached, when a judge ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    judge: Option<&'a review::judge::Summary>,
}

#[derive(Serialize)]
struct ReviewSummary {
    reviewed: usize,
    passed: usize,
    failed: usize,
    pending: usize,
}

#[derive(Serialize)]
struct JsonArtifact<'a> {
    path: &'a str,
    task: Option<&'a str>,
    rubric: &'a str,
    /// Why the rubric was chosen when review detected the document's kind.
    detected: Option<&'a str>,
    score: Option<f64>,
    threshold: u32,
    status: Status,
    passed: bool,
    iteration: u32,
    change: Option<f64>,
    dimensions: indexmap::IndexMap<&'static str, Option<f64>>,
    revision: Option<&'a str>,
    error: Option<&'a str>,
    checks: Vec<JsonCheck<'a>>,
    findings: Vec<JsonFinding<'a>>,
    /// Per dimension, the rule part and the judge part, when a judge ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    judge: Option<&'a review::judge::ArtifactJudge>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    line: usize,
    column: usize,
    code: &'a str,
    rule: &'a str,
    check: &'a str,
    dimension: &'a str,
    message: &'a str,
    fix: &'a str,
    impact: f64,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    id: &'a str,
    rule: &'a str,
    code: &'a str,
    dimension: &'a str,
    weight: f64,
    fraction: f64,
    summary: &'a str,
    impact: f64,
}

fn artifact(a: &ArtifactReport) -> JsonArtifact<'_> {
    JsonArtifact {
        path: &a.path,
        task: a.task.as_deref(),
        rubric: &a.rubric,
        score: a.score,
        threshold: a.threshold,
        status: a.status,
        passed: a.passed(),
        iteration: a.iteration,
        change: a.change,
        dimensions: DIMENSIONS.iter().copied().zip(a.dimensions).collect(),
        revision: a.next_revision.as_deref(),
        detected: a.detected.as_deref(),
        error: a.error.as_deref(),
        judge: a.judge.as_ref(),
        checks: a
            .checks
            .iter()
            .map(|c| JsonCheck {
                id: &c.id,
                rule: c.rule,
                code: c.code,
                dimension: c.dimension,
                weight: c.weight,
                fraction: (c.fraction * 1000.0).round() / 1000.0,
                summary: &c.summary,
                impact: c.impact,
            })
            .collect(),
        findings: a
            .findings
            .iter()
            .map(|f| JsonFinding {
                line: f.line,
                column: f.column,
                code: &f.code,
                rule: rule_name(a, f),
                check: f.check.as_deref().unwrap_or_default(),
                dimension: review::feedback::dimension_of(a, f),
                message: &f.message,
                fix: f.fix_text(),
                impact: f.points(),
            })
            .collect(),
    }
}

/// The rule kind's name for a finding: from its check, else from the rule registry.
fn rule_name<'a>(a: &'a ArtifactReport, f: &Diagnostic) -> &'a str {
    a.checks
        .iter()
        .find(|c| Some(c.id.as_str()) == f.check.as_deref())
        .map(|c| c.rule)
        .or_else(|| {
            crate::rubric::rule_docs()
                .into_iter()
                .find(|d| d.code == f.code)
                .map(|d| d.name)
        })
        .unwrap_or_default()
}

fn review<'a>(outcome: &'a Outcome, feedback: Option<&'a str>) -> ReviewReport<'a> {
    let failed = outcome.failed().count();
    ReviewReport {
        version: JSON_VERSION,
        threshold: outcome.threshold,
        max_iterations: outcome.max_iterations,
        passed: outcome.passed(),
        summary: ReviewSummary {
            reviewed: outcome.artifacts.len(),
            passed: outcome.artifacts.len() - failed,
            failed,
            pending: outcome.pending.len(),
        },
        artifacts: outcome.artifacts.iter().map(artifact).collect(),
        pending: &outcome.pending,
        feedback,
        judge: outcome.judge.as_ref(),
    }
}

#[derive(Serialize)]
struct StatusReport<'a> {
    version: u32,
    tasks: &'a [Row],
    progress: Progress,
    skipped_lines: usize,
    runs: &'a Runs,
}

fn status(o: &Overview) -> StatusReport<'_> {
    StatusReport {
        version: JSON_VERSION,
        tasks: &o.tasks,
        progress: o.progress,
        skipped_lines: o.skipped_lines,
        runs: &o.runs,
    }
}

#[derive(Serialize)]
struct PlanReport<'a> {
    version: u32,
    waves: Vec<Vec<PlanTask<'a>>>,
}

#[derive(Serialize)]
struct PlanTask<'a> {
    id: &'a str,
    agent: &'a str,
    output: &'a str,
    needs: &'a [String],
    rubric: Option<&'a str>,
}

fn plan<'a>(tasks: &'a [Task], waves: &[Vec<usize>]) -> PlanReport<'a> {
    let task = |i: usize| {
        let t = &tasks[i];
        PlanTask {
            id: &t.id,
            agent: &t.agent,
            output: &t.output,
            needs: &t.needs,
            rubric: t.rubric.as_deref(),
        }
    };
    PlanReport {
        version: JSON_VERSION,
        waves: waves
            .iter()
            .map(|w| w.iter().map(|&i| task(i)).collect())
            .collect(),
    }
}
