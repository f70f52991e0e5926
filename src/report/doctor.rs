//! What `doctor` prints: one line per check (`ok`, `problem`, `skipped`) with what it found,
//! each problem's findings below it (`path:line:col: CODE message` and the fix), then the
//! verdict. Its JSON is in `json.rs`, with the other JSON reports.

use std::fmt::Write as _;

use super::style::{Color, Term, paint};
use super::subject::location;
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
