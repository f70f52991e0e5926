//! How `check` findings are shown: `text` (`path:line:col: CODE severity: message` with the
//! fix below), the versioned `json` of docs/check-json.md, `markdown`, and the shared SARIF,
//! JUnit and GitHub renderers fed with the same sorted diagnostics.

use std::fmt::Write as _;

use serde::Serialize;

use super::Outcome;
use crate::diag::{Diagnostic, Severity};
use crate::report::{Color, paint};
use crate::report::{display_path, junit};

/// Version of the JSON output; bumped on any incompatible change.
pub(crate) const JSON_VERSION: u32 = 1;

fn location(d: &Diagnostic) -> String {
    let path = display_path(&d.path);
    if d.line == 0 {
        path
    } else {
        format!("{path}:{}:{}", d.line, d.column.max(1))
    }
}

/// The summary line: `3 files checked: 1 error, 2 warnings, 0 notes`.
pub(crate) fn summary_line(o: &Outcome) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}, {}",
        plural(o.files.len(), "file"),
        plural(o.count(Severity::Error), "error"),
        plural(o.count(Severity::Warning), "warning"),
        plural(o.count(Severity::Info), "note"),
    )
}

/// Human output. `quiet` keeps errors only; `color` paints codes by severity.
pub(crate) fn text(o: &Outcome, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    for d in &o.diagnostics {
        if quiet && d.severity != Severity::Error {
            continue;
        }
        let tint = match d.severity {
            Severity::Error => Color::Red,
            Severity::Warning => Color::Yellow,
            Severity::Info => Color::Blue,
        };
        let head = paint(color, tint, &format!("{} {}:", d.code, d.severity));
        let _ = writeln!(out, "{}: {head} {}", location(d), d.message);
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, "  {} {fix}", paint(color, Color::Cyan, "fix:"));
        }
    }
    let shown = if quiet {
        o.count(Severity::Error)
    } else {
        o.diagnostics.len()
    };
    if shown > 0 {
        out.push('\n');
    }
    out.push_str(&summary_line(o));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    path: String,
    line: usize,
    column: usize,
    code: &'a str,
    severity: Severity,
    message: &'a str,
    fix: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    version: u32,
    diagnostics: Vec<JsonDiag<'a>>,
    summary: JsonSummary,
}

/// Machine output, documented in docs/check-json.md.
pub(crate) fn json(o: &Outcome) -> String {
    let out = JsonOut {
        version: JSON_VERSION,
        diagnostics: o
            .diagnostics
            .iter()
            .map(|d| JsonDiag {
                path: display_path(&d.path),
                line: d.line,
                column: d.column,
                code: &d.code,
                severity: d.severity,
                message: &d.message,
                fix: d.fix.as_deref(),
            })
            .collect(),
        summary: JsonSummary {
            files: o.files.len(),
            errors: o.count(Severity::Error),
            warnings: o.count(Severity::Warning),
            infos: o.count(Severity::Info),
        },
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// A markdown report: a heading, the summary and one table row per finding, worst first.
pub(crate) fn markdown(o: &Outcome) -> String {
    let mut out = String::from("## agentpack check\n\n");
    let _ = writeln!(out, "{}\n", summary_line(o));
    if o.diagnostics.is_empty() {
        return out;
    }
    out.push_str("| Severity | Location | Code | Message | Fix |\n|---|---|---|---|---|\n");
    let mut sorted: Vec<&Diagnostic> = o.diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for d in sorted {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            d.severity,
            md_cell(&location(d)),
            d.code,
            md_cell(&d.message),
            md_cell(d.fix.as_deref().unwrap_or(""))
        );
    }
    out
}

/// JUnit: one case per file; errors (and warnings with `strict`) are failures.
pub(crate) fn junit(o: &Outcome, strict: bool) -> String {
    let mut paths: Vec<&std::path::PathBuf> = o
        .files
        .iter()
        .chain(o.diagnostics.iter().map(|d| &d.path))
        .collect();
    paths.sort();
    paths.dedup();
    let cases: Vec<junit::Case> = paths
        .into_iter()
        .map(|file| {
            let mut case = junit::Case {
                name: display_path(file),
                classname: "agentpack.check".into(),
                ..junit::Case::default()
            };
            for d in o.diagnostics.iter().filter(|d| &d.path == file) {
                let line = format!("{}: {} {}: {}", location(d), d.code, d.severity, d.message);
                let fails =
                    d.severity == Severity::Error || (strict && d.severity == Severity::Warning);
                if fails {
                    case.failures
                        .push((format!("{} {}", d.code, d.message), line));
                } else {
                    let _ = writeln!(case.output, "{line}");
                }
            }
            case
        })
        .collect();
    junit::render("agentpack check", &cases)
}
