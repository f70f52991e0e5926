//! GitHub Actions output: workflow commands (`::error file=..,line=..,title=..::msg`) that
//! become annotations on the pull request, and a markdown summary appended to
//! `$GITHUB_STEP_SUMMARY` when that variable is set. GitHub shows at most 10 annotations of
//! each kind per step, so the score of each failing artifact is the error (what fails the
//! gate), its findings are warnings (notices for artifacts that pass), most costly first,
//! and what does not fit is counted on a plain line; the summary has everything.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Context as _;

use super::common::display_path;
use super::markdown;
use super::style::Term;
use super::subject::{Kind, Subject, check_summary, review_diagnostics, score_text, unsupported};
use crate::diag::{Diagnostic, Severity};
use crate::review;

pub(super) const SUBJECTS: &[Kind] = &[Kind::Check, Kind::Review];

/// Annotations of one kind GitHub shows per step; the rest are dropped silently.
pub const PER_STEP: usize = 10;

/// The annotations; the markdown report goes to the job summary.
pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    match *subject {
        Subject::Check { outcome, .. } => {
            append_step_summary(&markdown::check(outcome))?;
            let mut out = annotations(&outcome.diagnostics);
            out.push_str(&check_summary(outcome));
            out.push('\n');
            Ok(out)
        }
        Subject::Review { outcome, .. } => {
            append_step_summary(&markdown::review(outcome))?;
            Ok(review_annotations(outcome))
        }
        _ => Err(unsupported(subject)),
    }
}

/// A review: one error per artifact under the bar (worst score first) carrying its score,
/// then the findings one level down (warnings under the bar, notices above it), the most
/// costly first, each kind capped at [`PER_STEP`]; then a summary line.
fn review_annotations(outcome: &review::Outcome) -> String {
    let mut failing: Vec<&review::ArtifactReport> = outcome.failed().collect();
    failing.sort_by(|a, b| {
        let score = |r: &review::ArtifactReport| r.score.unwrap_or(-1.0);
        score(a).total_cmp(&score(b)).then(a.path.cmp(&b.path))
    });
    let mut diags: Vec<Diagnostic> = failing.iter().map(|a| score_annotation(a)).collect();
    let mut findings: Vec<Diagnostic> = review_diagnostics(outcome)
        .into_iter()
        .filter(|d| d.code != "score")
        .map(|mut d| {
            d.severity = match d.severity {
                Severity::Error => Severity::Warning,
                _ => Severity::Info,
            };
            d
        })
        .collect();
    let impact = |d: &Diagnostic| d.impact.unwrap_or(0.0);
    findings.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(impact(b).total_cmp(&impact(a)))
            .then(a.sort_key().cmp(&b.sort_key()))
    });
    diags.extend(findings);
    let mut out = annotations_in_order(&diags);
    let n = outcome.artifacts.len();
    let _ = writeln!(
        out,
        "agentpack review: {} of {n} artifact{} below the bar",
        failing.len(),
        if n == 1 { "" } else { "s" }
    );
    out
}

/// The error that carries an artifact's score: the title says the score and the bar, the
/// message why it fails, how many findings it has and where the revision goes.
fn score_annotation(a: &review::ArtifactReport) -> Diagnostic {
    let title = match a.score {
        Some(_) => format!("score {} < {}", score_text(a.score), a.threshold),
        None => format!("not reviewed ({})", a.status.as_str()),
    };
    let findings = a.findings.len();
    let message = format!(
        "{}; {findings} finding{}",
        super::subject::verdict(a),
        if findings == 1 { "" } else { "s" }
    );
    let fix = match &a.next_revision {
        Some(next) => format!("fix the findings and write the revision to {next}"),
        None => "fix the findings".to_string(),
    };
    Diagnostic::new(title, Severity::Error, &a.path, message)
        .at(1, 0)
        .with_fix(fix)
}

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line per diagnostic, errors first, then by path and line.
pub fn annotations(diags: &[Diagnostic]) -> String {
    let mut sorted: Vec<Diagnostic> = diags.to_vec();
    sorted.sort_by(|a, b| {
        (a.severity, &a.path, a.line, &a.code).cmp(&(b.severity, &b.path, b.line, &b.code))
    });
    annotations_in_order(&sorted)
}

/// One annotation line per diagnostic, in the order given (for callers that rank by
/// impact), at most [`PER_STEP`] of each kind; a plain line counts what was left out.
fn annotations_in_order(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut shown = [0usize; 3];
    let mut left_out = 0;
    for d in diags {
        let (command, slot) = match d.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            Severity::Info => ("notice", 2),
        };
        if shown[slot] == PER_STEP {
            left_out += 1;
            continue;
        }
        shown[slot] += 1;
        let mut props = format!("file={}", escape_property(&display_path(&d.path)));
        if d.line > 0 {
            let _ = write!(props, ",line={}", d.line);
        }
        if d.column > 0 {
            let _ = write!(props, ",col={}", d.column);
        }
        let _ = write!(props, ",title={}", escape_property(&d.code));
        let mut message = d.message.clone();
        if let Some(fix) = &d.fix {
            let _ = write!(message, "\nFix: {fix}");
        }
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "agentpack: {left_out} more finding{} not annotated (GitHub shows {PER_STEP} of each kind per step); the job summary lists them all",
            if left_out == 1 { " is" } else { "s are" }
        );
    }
    out
}

/// Appends `markdown` to the file named by `$GITHUB_STEP_SUMMARY`, if set.
pub fn append_step_summary(markdown: &str) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot open $GITHUB_STEP_SUMMARY ({})",
                path.to_string_lossy()
            )
        })?;
    file.write_all(markdown.as_bytes())
        .context("cannot write $GITHUB_STEP_SUMMARY")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_first_and_escaped() {
        let diags = [
            Diagnostic::new("W1", Severity::Warning, "a.md", "meh").at(1, 1),
            Diagnostic::new("E1", Severity::Error, "b,c.md", "100% bad\nreally")
                .at(7, 0)
                .with_fix("fix: it"),
        ];
        let text = annotations(&diags);
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=b%2Cc.md,line=7,title=E1::100%25 bad%0Areally%0AFix: fix: it"
        );
        assert_eq!(lines[1], "::warning file=a.md,line=1,col=1,title=W1::meh");
    }

    #[test]
    fn each_kind_is_capped_at_what_github_shows_and_the_rest_is_counted() {
        let mut diags: Vec<Diagnostic> = (1..=12)
            .map(|i| Diagnostic::new("W", Severity::Warning, "a.md", "w").at(i, 1))
            .collect();
        diags.push(Diagnostic::new("E", Severity::Error, "a.md", "e").at(1, 1));
        let text = annotations(&diags);
        let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(count("::error "), 1, "{text}");
        assert_eq!(count("::warning "), PER_STEP, "{text}");
        assert!(
            text.ends_with("agentpack: 2 more findings are not annotated (GitHub shows 10 of each kind per step); the job summary lists them all\n"),
            "{text}"
        );
    }
}
