//! Scoring a selection: every target against its rubric, in parallel, each failure contained
//! to its own artifact; then each status from the threshold and the review history.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rayon::prelude::*;

use super::outcome::{ArtifactReport, Outcome};
use super::select::{self, Options, Selection, Target};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::project::history::{self, Status};
use crate::project::manifest::threshold;
use crate::project::{DEFAULT_MAX_ITERATIONS, Project};
use crate::rubric::rules::Env;
use crate::rubric::score;
use crate::rubric::{self, Rubric};

/// The rubrics of a run, each loaded once, on first use: kind detection picks some of them
/// while the targets are scored in parallel. A rubric that cannot be loaded is `None` here;
/// [`run`] then reports its error as if every rubric had been loaded up front.
struct Rubrics<'p> {
    root: Option<&'p Path>,
    loaded: Mutex<HashMap<String, Arc<Slot>>>,
}

/// One rubric, loaded at most once (`None`: it cannot be loaded).
type Slot = OnceLock<Option<Arc<Rubric>>>;

impl<'p> Rubrics<'p> {
    fn new(root: Option<&'p Path>) -> Self {
        Rubrics {
            root,
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// The rubric `name`, or `None` when it cannot be loaded.
    fn get(&self, name: &str) -> Option<Arc<Rubric>> {
        let slot = {
            let mut map = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
            map.entry(name.to_string()).or_default().clone()
        };
        slot.get_or_init(|| rubric::load(name, self.root).ok().map(Arc::new))
            .clone()
    }

    /// Fails with the load error of `name` when it cannot be loaded.
    fn check(&self, name: &str) -> anyhow::Result<()> {
        match self.get(name) {
            Some(_) => Ok(()),
            None => rubric::load(name, self.root).map(|_| ()),
        }
    }
}

/// Scores the selection. Unreadable files become failed reports, not errors; a rubric that
/// cannot be loaded is an error (exit 2).
pub fn run(project: Option<&Project>, sel: &Selection, opts: &Options) -> anyhow::Result<Outcome> {
    let rubrics = Rubrics::new(project.map(|p| p.root.as_path()));
    // With every rubric known up front, a broken one fails the run before anything is
    // scored; otherwise the same errors, in the same order, come after scoring.
    let upfront = sel.targets.iter().all(|t| !t.detect);
    if upfront {
        check_rubrics(&rubrics, sel.targets.iter().map(|t| t.rubric.as_str()), sel)?;
    }
    let manifest = project.map(|p| &p.manifest);
    let run_threshold = threshold(opts.threshold, None, manifest);
    let max_iterations = manifest.map_or(DEFAULT_MAX_ITERATIONS, |m| m.max_iterations());
    let history = project.map(|p| history::load(&p.root)).unwrap_or_default();
    let scored: Vec<Result<ArtifactReport, String>> = sel
        .targets
        .par_iter()
        .map(|t| {
            review_target(t, project.is_some(), |name| {
                let rubric = rubrics.get(name)?;
                let pass_mark = threshold(opts.threshold, rubric.threshold, manifest);
                Some((rubric, pass_mark))
            })
        })
        .collect();
    if !upfront {
        let names = scored.iter().map(|r| match r {
            Ok(report) => report.rubric.as_str(),
            Err(name) => name.as_str(),
        });
        check_rubrics(&rubrics, names, sel)?;
    }
    let mut artifacts = scored
        .into_iter()
        .map(|r| r.map_err(|name| anyhow::anyhow!("rubric `{name}` could not be loaded")))
        .collect::<anyhow::Result<Vec<ArtifactReport>>>()?;
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
    let judge = opts
        .judge
        .as_ref()
        .map(|s| super::judge::apply(project, s, &mut artifacts, |n| rubrics.get(n)))
        .transpose()?;
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
        judge,
    })
}

/// Loads the rubric of every target (`names`, in target order), then of every pending
/// output; the first that cannot be loaded is the error.
fn check_rubrics<'n>(
    rubrics: &Rubrics,
    names: impl Iterator<Item = &'n str>,
    sel: &'n Selection,
) -> anyhow::Result<()> {
    for name in names.chain(sel.pending.iter().map(|p| p.rubric.as_str())) {
        rubrics.check(name)?;
    }
    Ok(())
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
        judge: None,
    }
}

/// Reviews one file; never panics (a panic in a rule is reported as a failed review).
/// `with_hash` computes the content hash the history needs (skipped outside a project).
pub fn review_one(t: &Target, rubric: &Rubric, threshold: u32, with_hash: bool) -> ArtifactReport {
    // The rubric is chosen: no detection.
    let t = &Target {
        detect: false,
        ..t.clone()
    };
    let chosen = |_: &str| Some((rubric, threshold));
    match review_target(t, with_hash, chosen) {
        Ok(report) => report,
        Err(_) => unreachable!("the rubric is given"),
    }
}

/// Reviews one target: reads and parses the file once, detects its kind when nobody named a
/// rubric, then scores it against `rubric_for(name)` (the rubric and its pass mark). `Err`
/// holds the name of a rubric that cannot be loaded.
fn review_target<R: std::ops::Deref<Target = Rubric>>(
    t: &Target,
    with_hash: bool,
    rubric_for: impl Fn(&str) -> Option<(R, u32)>,
) -> Result<ArtifactReport, String> {
    // A file that cannot be read, or is too heavy to parse, fails before any rubric applies.
    let refuse = |why: String| -> Result<ArtifactReport, String> {
        let (_, threshold) = rubric_for(&t.rubric).ok_or_else(|| t.rubric.clone())?;
        Ok(with_target(
            failed(&t.path, t.file.clone(), &t.rubric, threshold, why),
            t,
        ))
    };
    let (text, lossy) = match crate::fsx::read_text_lossy(&t.file, crate::fsx::MAX_FILE_BYTES) {
        Ok(read) => read,
        Err(e) => return refuse(e.to_string()),
    };
    // The markdown parser keeps a node per piece of syntax: a file that is mostly brackets or
    // emphasis marks costs ~70 bytes a byte. Refusing such files before parsing bounds the
    // memory of every review (and of the hook, which scores a few files at once). A file no
    // longer than the bound cannot pass it: it is not counted.
    let max = crate::document::markdown::MAX_SYNTAX;
    let syntax = if text.len() > max {
        crate::document::markdown::syntax_weight(&text)
    } else {
        0
    };
    if syntax > max {
        return refuse(format!(
            "it holds {syntax} markdown punctuation characters, more than the {} a review parses",
            crate::document::markdown::MAX_SYNTAX
        ));
    }
    let dir = t.file.parent().map(Path::to_path_buf);
    let env = Env {
        dir: dir.as_deref(),
        ..Env::default()
    };
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = Document::parse(&text);
        let detected = t
            .detect
            .then(|| select::detect(&doc, &t.file, &env, |n| rubric_for(n).map(|(r, _)| r)));
        (doc, detected)
    }));
    // Checks detection already evaluated for the chosen rubric are not evaluated again.
    let (doc, detection) = match parsed {
        Ok((doc, detection)) => (Some(doc), detection),
        Err(_) => (None, None),
    };
    let (name, detected, known, kind_guessed) = match detection {
        Some((name, why, known, guessed)) => (name, Some(why), known, guessed),
        None => (t.rubric.clone(), t.detected.clone(), Vec::new(), false),
    };
    let env = Env {
        kind_guessed,
        ..env
    };
    let (rubric, threshold) = rubric_for(&name).ok_or_else(|| name.clone())?;
    let fail = |why: String| ArtifactReport {
        detected: detected.clone(),
        ..with_target(failed(&t.path, t.file.clone(), &name, threshold, why), t)
    };
    if text.trim().is_empty() {
        return Ok(fail("the file is empty".to_string()));
    }
    let internal = || fail("internal error while scoring (please report it)".to_string());
    let Some(doc) = doc else {
        return Ok(internal());
    };
    let scored = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        score_doc(&doc, &rubric, &env, known)
    }));
    let Ok((card, mut findings)) = scored else {
        return Ok(internal());
    };
    // Notes that cost nothing: how the text was read and why this rubric was chosen.
    let note = |code: &str, message: String, fix: &str| {
        Diagnostic::new(code, Severity::Info, "", message)
            .with_fix(fix)
            .from_check(code, 0.0)
    };
    if let Some(why) = &detected {
        findings.insert(
            0,
            note(
                rubric::DETECTED,
                format!("scored with the `{name}` rubric ({why})"),
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
    Ok(ArtifactReport {
        path: t.path.clone(),
        file: t.file.clone(),
        key: t.key.clone(),
        task: t.task.clone(),
        rubric: name,
        threshold,
        score,
        dimensions: card.dimensions,
        status: Status::NeedsRefinement,
        iteration: 1,
        change: None,
        checks: card.checks,
        findings,
        next_revision: t.next_revision.clone(),
        detected,
        error: None,
        hash: if with_hash {
            hash(&text)
        } else {
            String::new()
        },
        resubmitted: false,
        judge: None,
    })
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
    score_doc(&Document::parse(text), rubric, env, Vec::new())
}

/// [`score_text`] on a document already parsed.
fn score_doc(
    doc: &Document,
    rubric: &Rubric,
    env: &Env,
    known: crate::rubric::fit::Parts,
) -> (score::Scorecard, Vec<Diagnostic>) {
    let card = score::score_known(rubric, doc, env, known);
    let mut at = doc.lines.cursor(doc.text);
    let mut findings = Vec::new();
    for c in &card.checks {
        for f in &c.findings {
            let (line, column) = at.line_col(f.offset.min(doc.text.len()));
            findings.push(
                Diagnostic::new(c.code, Severity::Warning, "", &f.message)
                    .at(line, column)
                    .with_fix(&f.fix)
                    .from_check(&c.id, c.impact),
            );
        }
    }
    findings.sort_by(|a, b| {
        (a.line, a.column, &a.code, &a.message).cmp(&(b.line, b.column, &b.code, &b.message))
    });
    (card, findings)
}

/// A short content hash (the first 16 hex digits of SHA-256) to tell revisions apart.
fn hash(text: &str) -> String {
    crate::fsx::sha256_hex(text)[..16].to_string()
}
