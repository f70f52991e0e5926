//! The `judge:` part of the manifest validator ([`super::validate`]): a command that cannot
//! run, a timeout of zero or a cap nobody meant, each at its line and column.

use std::path::Path;

use serde::Deserialize;

use super::manifest::Manifest;
use crate::diag::{Diagnostic, Severity};
use crate::yaml::{self, Spanned};

type Mark = Option<Spanned<serde::de::IgnoredAny>>;

/// Longest judge timeout accepted, in seconds (one hour).
pub const MAX_TIMEOUT_S: u64 = 3600;

/// Where the values of `judge:` are written.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JudgeMarks {
    command: Option<Spanned<Vec<Mark>>>,
    timeout_s: Mark,
}

fn pos(mark: Option<&Mark>) -> (usize, usize) {
    mark.and_then(Option::as_ref).map_or((1, 1), yaml::position)
}

/// Reports the problems of the manifest's `judge:` block under `code`.
pub(super) fn check(
    code: &str,
    manifest: &Manifest,
    marks: Option<&JudgeMarks>,
    out: &mut Vec<Diagnostic>,
    path: &Path,
) {
    let Some(judge) = &manifest.judge else {
        return;
    };
    let mut push = |(line, col): (usize, usize), msg: String, fix: &str| {
        out.push(
            Diagnostic::new(code, Severity::Error, path, msg)
                .at(line, col)
                .with_fix(fix),
        );
    };
    let command_marks = marks.and_then(|m| m.command.as_ref());
    match judge.command.as_deref() {
        Some([]) => push(
            command_marks.map_or((1, 1), yaml::position),
            "judge.command is an empty list".into(),
            "write the program and its arguments, e.g. `command: [./judge.sh, --strict]`, or drop the key for the default `claude -p` line",
        ),
        Some([program, ..]) if program.trim().is_empty() => push(
            pos(command_marks.and_then(|c| c.value.first())),
            "judge.command names no program".into(),
            "start the list with the program to run, e.g. `claude`",
        ),
        _ => {}
    }
    if let Some(t) = judge.timeout_s
        && !(1..=MAX_TIMEOUT_S).contains(&t)
    {
        push(
            pos(marks.map(|m| &m.timeout_s)),
            format!("judge.timeout_s must be between 1 and {MAX_TIMEOUT_S} seconds"),
            "write e.g. `timeout_s: 120`",
        );
    }
}
