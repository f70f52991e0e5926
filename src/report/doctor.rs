//! What `doctor` prints: one line per check (`ok`, `problem`, `skipped`) with what it found,
//! each problem's findings below it (`path:line:col: CODE message` and the fix), then the
//! verdict; and the versioned JSON of the same.

use std::fmt::Write as _;

use serde::Serialize;

use super::style::{Color, Term, paint};
use super::subject::location;
use crate::diag::Severity;
use crate::doctor::{Health, Status};

fn color(status: Status) -> Color {
    match status {
        Status::Ok => Color::Green,
        Status::Problem => Color::Red,
        Status::Skipped => Color::Dim,
    }
}

/// The human report.
pub(super) fn text(health: &Health, term: &Term) -> String {
    let mut out = String::new();
    for check in &health.checks {
        if term.quiet && check.status != Status::Problem {
            continue;
        }
        let word = paint(
            term.color,
            color(check.status),
            &format!("{:>8}", check.status.as_str()),
        );
        if check.status != Status::Problem {
            let _ = writeln!(out, "{word}  {}: {}", check.id, check.detail);
            continue;
        }
        let _ = writeln!(out, "{word}  {}", check.id);
        for d in &check.findings {
            let place = location(d);
            let place = if place.is_empty() {
                String::new()
            } else {
                format!("{place}: ")
            };
            let _ = writeln!(
                out,
                "          {place}{} {}: {}",
                d.code, d.severity, d.message
            );
            if let Some(fix) = &d.fix {
                let _ = writeln!(
                    out,
                    "          {} {fix}",
                    paint(term.color, Color::Cyan, "fix:")
                );
            }
        }
    }
    let problems = health.problems();
    if problems == 0 {
        let _ = writeln!(
            out,
            "{}",
            paint(term.color, Color::Green, "healthy: no problems found")
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            paint(
                term.color,
                Color::Red,
                &format!(
                    "{problems} problem{} found",
                    if problems == 1 { "" } else { "s" }
                )
            )
        );
    }
    out
}

#[derive(Serialize)]
struct Finding<'a> {
    path: String,
    line: usize,
    column: usize,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    fix: Option<&'a str>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    id: &'a str,
    status: Status,
    detail: &'a str,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
pub(super) struct Report<'a> {
    version: u32,
    healthy: bool,
    root: Option<String>,
    checks: Vec<CheckJson<'a>>,
}

/// The JSON report (`version`, `healthy`, `root`, `checks[]` with their findings).
pub(super) fn json(health: &Health, version: u32) -> Report<'_> {
    Report {
        version,
        healthy: health.healthy(),
        root: health.root.as_deref().map(super::display_path),
        checks: health
            .checks
            .iter()
            .map(|c| CheckJson {
                id: c.id,
                status: c.status,
                detail: &c.detail,
                findings: c
                    .findings
                    .iter()
                    .map(|d| Finding {
                        path: super::display_path(&d.path),
                        line: d.line,
                        column: d.column,
                        code: &d.code,
                        severity: d.severity,
                        message: &d.message,
                        fix: d.fix.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
