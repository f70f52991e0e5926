//! Scoring a selection: every target against its rubric, in parallel, each failure contained
//! to its own artifact; then each status from the threshold and the review history.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::outcome::{ArtifactReport, Outcome};
use super::select::{Options, Selection, Target};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::project::history::{self, Status};
use crate::project::manifest::threshold;
use crate::project::{DEFAULT_MAX_ITERATIONS, Project};
use crate::rubric::rules::Env;
use crate::rubric::score;
use crate::rubric::{self, Rubric};

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
    let run_threshold = threshold(opts.threshold, None, manifest);
    let max_iterations = manifest.map_or(DEFAULT_MAX_ITERATIONS, |m| m.max_iterations());
    let history = project.map(|p| history::load(&p.root)).unwrap_or_default();
    let mut artifacts: Vec<ArtifactReport> = sel
        .targets
        .par_iter()
        .map(|t| {
            let rubric = &rubrics[&t.rubric];
            let pass_mark = threshold(opts.threshold, rubric.threshold, manifest);
            review_one(t, rubric, pass_mark, project.is_some())
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
            .is_some_and(|e| e.hash == a.hash && e.status != Status::Approved);
        a.change = a
            .score
            .zip(previous)
            .map(|(now, before)| score::round1(now - before));
        if a.status != Status::Error {
            let gated = a.checks.iter().any(|c| c.gate);
            a.status = match a.score {
                Some(s) if !gated && s.is_finite() && s >= f64::from(a.threshold) => {
                    Status::Approved
                }
                _ if iteration >= max_iterations => Status::Escalate,
                _ => Status::NeedsRefinement,
            };
        }
        // Findings of an artifact below the bar are errors; on a passing one, warnings.
        let severity = if a.passed() {
            Severity::Warning
        } else {
            Severity::Error
        };
        for f in a
            .findings
            .iter_mut()
            .filter(|f| f.severity != Severity::Info)
        {
            f.severity = severity;
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
        findings: vec![
            Diagnostic::new(
                rubric::UNREADABLE,
                Severity::Error,
                path,
                format!("could not be reviewed: {why}"),
            )
            .with_fix("save it as UTF-8 markdown under 10 MB that agentpack can read")
            .from_check("read", 100.0),
        ],
        next_revision: None,
        detected: None,
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
    // Notes that cost nothing: how the text was read and why this rubric was chosen.
    let note = |code: &str, message: String, fix: &str| {
        Diagnostic::new(code, Severity::Info, "", message)
            .with_fix(fix)
            .from_check(code, 0.0)
    };
    if let Some(why) = &t.detected {
        findings.insert(
            0,
            note(
                rubric::DETECTED,
                format!("scored with the `{}` rubric ({why})", t.rubric),
                "name the rubric with `--rubric NAME` if this is the wrong kind of document",
            ),
        );
    }
    if lossy {
        findings.insert(
            0,
            note(
                rubric::NOT_UTF8,
                "the file is not valid UTF-8; bytes that are not were read as \u{fffd}".into(),
                "save the file as UTF-8",
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
    for f in &mut findings {
        f.path = PathBuf::from(&t.path);
    }
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
        detected: t.detected.clone(),
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
    report.detected = t.detected.clone();
    report
}

/// Scores markdown text: the scorecard and its findings placed on lines.
pub fn score_text(text: &str, rubric: &Rubric, env: &Env) -> (score::Scorecard, Vec<Diagnostic>) {
    let doc = Document::parse(text);
    let card = score::score(rubric, &doc, env);
    let mut findings: Vec<Diagnostic> = card
        .checks
        .iter()
        .flat_map(|c| {
            let doc = &doc;
            c.findings.iter().map(move |f| {
                let (line, column) = doc.lines.line_col(doc.text, f.offset.min(doc.text.len()));
                Diagnostic::new(c.code, Severity::Warning, "", &f.message)
                    .at(line, column)
                    .with_fix(&f.fix)
                    .from_check(&c.id, c.impact)
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.code, &a.message).cmp(&(b.line, b.column, &b.code, &b.message))
    });
    (card, findings)
}

/// A short content hash (the first 16 hex digits of SHA-256) to tell revisions apart.
fn hash(text: &str) -> String {
    crate::fsx::sha256_hex(text)[..16].to_string()
}
