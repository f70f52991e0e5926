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

/// Reports the problems of the manifest's `judge:` block.
pub(super) fn check(
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
            Diagnostic::new(
                super::validate::INVALID_MANIFEST,
                Severity::Error,
                path,
                msg,
            )
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn errors(yaml: &str) -> Vec<String> {
        let text = format!("version: 1\nname: p\n{yaml}");
        super::super::validate::validate(Path::new("."), Path::new("agentpack.yaml"), &text)
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn judge_block_is_checked_with_positions() {
        assert!(errors("judge: { mode: advise, timeout_s: 30, max_calls: 5 }\n").is_empty());
        assert!(errors("judge: {}\n").is_empty());
        assert_eq!(
            errors("judge:\n  command: []\n"),
            ["4:12 judge.command is an empty list"]
        );
        assert_eq!(
            errors("judge:\n  command: ['', x]\n"),
            ["4:13 judge.command names no program"]
        );
        assert_eq!(
            errors("judge:\n  timeout_s: 0\n"),
            ["4:14 judge.timeout_s must be between 1 and 3600 seconds"]
        );
        let bad_mode = errors("judge:\n  mode: blend\n");
        assert!(bad_mode[0].starts_with("4:"), "{bad_mode:?}");
        assert!(bad_mode[0].contains("score"), "{bad_mode:?}");
        let unknown = errors("judge:\n  comand: [x]\n");
        assert!(unknown[0].contains("comand"), "{unknown:?}");
    }
}
