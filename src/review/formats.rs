//! The machine formats of a review, built on the shared renderers in `crate::report`: SARIF
//! 2.1.0 (one result per finding), JUnit (one test case per artifact) and GitHub workflow
//! commands (worst first) with the markdown table as the step summary.

use std::fmt::Write as _;

use super::{ArtifactReport, Outcome};
use crate::diag::{Diagnostic, Severity};
use crate::report::{github, junit, sarif};

/// Findings as diagnostics (already errors below the bar, warnings above). Each failing
/// artifact also gets one diagnostic with its score, so a gate failure is visible even when
/// the lost points have no line.
pub fn diagnostics(outcome: &Outcome) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &outcome.artifacts {
        if !a.passed() {
            out.push(
                Diagnostic::new("score", Severity::Error, &a.path, verdict(a))
                    .at(1, 1)
                    .with_fix(match &a.next_revision {
                        Some(next) => {
                            format!("fix the findings below and write the revision to {next}")
                        }
                        None => "fix the findings below".to_string(),
                    })
                    .from_check("score", 100.0),
            );
        }
        for f in a.ranked() {
            let mut d = f.clone();
            d.message = format!("{} ({})", f.message, f.check.as_deref().unwrap_or_default());
            if f.line == 0 {
                d = d.at(1, 0);
            }
            out.push(d);
        }
    }
    out
}

fn verdict(a: &ArtifactReport) -> String {
    match a.score {
        Some(s) => format!(
            "score {s:.1} is below {} ({}, rubric {})",
            a.threshold,
            a.status.as_str(),
            a.rubric
        ),
        None => format!("could not be reviewed ({})", a.status.as_str()),
    }
}

/// SARIF 2.1.0.
pub fn sarif(outcome: &Outcome) -> String {
    let mut diags = diagnostics(outcome);
    crate::diag::sort(&mut diags);
    sarif::render(&diags, &crate::rubric::rule_docs())
}

/// JUnit XML: one test case per artifact, failing below the bar.
pub fn junit(outcome: &Outcome) -> String {
    let cases: Vec<junit::Case> = outcome
        .artifacts
        .iter()
        .map(|a| {
            let mut body = String::new();
            for f in &a.findings {
                let _ = writeln!(
                    body,
                    "line {}: [{}] {}\n  fix: {}",
                    f.line,
                    f.code,
                    f.message,
                    f.fix_text()
                );
            }
            let score = a.score.map_or("-".to_string(), |s| format!("{s:.1}"));
            junit::Case {
                name: a.path.clone(),
                classname: format!("agentpack.review.{}", a.rubric),
                failures: if a.passed() {
                    Vec::new()
                } else {
                    vec![(verdict(a), body)]
                },
                output: format!(
                    "score {score} (threshold {}), status {}",
                    a.threshold,
                    a.status.as_str()
                ),
            }
        })
        .collect();
    junit::render("agentpack review", &cases)
}

/// GitHub workflow commands, worst first; appends the markdown table to the step summary.
pub fn github(outcome: &Outcome) -> anyhow::Result<String> {
    let mut diags = diagnostics(outcome);
    // Failing artifacts first, then by the points each finding's check lost.
    let impact = |d: &Diagnostic| d.impact.unwrap_or(100.0);
    diags.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(impact(b).total_cmp(&impact(a)))
            .then(a.sort_key().cmp(&b.sort_key()))
    });
    let text = github::annotations_in_order(&diags);
    github::append_step_summary(&super::render::markdown(outcome))?;
    Ok(text)
}
