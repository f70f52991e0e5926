//! GitHub Actions output: workflow commands (`::error file=..,line=..,title=..::msg`) that
//! become annotations on the pull request, worst first, and a markdown summary appended to
//! `$GITHUB_STEP_SUMMARY` when that variable is set.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Context as _;

use super::common::display_path;
use super::markdown;
use super::style::Term;
use super::subject::{Kind, Subject, check_summary, review_diagnostics, unsupported};
use crate::diag::{Diagnostic, Severity};

pub(super) const SUBJECTS: &[Kind] = &[Kind::Check, Kind::Review];

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
            let mut diags = review_diagnostics(outcome);
            // Failing artifacts first, then by the points each finding's check lost.
            let impact = |d: &Diagnostic| d.impact.unwrap_or(100.0);
            diags.sort_by(|a, b| {
                a.severity
                    .cmp(&b.severity)
                    .then(impact(b).total_cmp(&impact(a)))
                    .then(a.sort_key().cmp(&b.sort_key()))
            });
            append_step_summary(&markdown::review(outcome))?;
            Ok(annotations_in_order(&diags))
        }
        _ => Err(unsupported(subject)),
    }
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

/// One annotation line per diagnostic, in the order given (for callers that rank by impact).
fn annotations_in_order(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
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
}
