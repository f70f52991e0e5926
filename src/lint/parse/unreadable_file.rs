//! AG001: an agent file that cannot be read as UTF-8 text.

use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::fsx::ReadError;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const UNREADABLE_FILE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG001",
        name: "unreadable-file",
        summary: "An agent file cannot be read as UTF-8 text",
        doc: r#"## What it does
Reports an agent file that is not valid UTF-8, contains NUL bytes, is over the 10 MB limit or cannot be read, with the line and column of the first bad byte.

## Why
Claude Code reads agent files as UTF-8 text; a file saved in another encoding loses characters or is skipped.

## Example
A file saved as Latin-1 with `caf\xe9` in its description.

## Use instead
Save the file as UTF-8 (without NUL bytes) and keep it under 10 MB.
"#,
    },
};

/// Reports an unreadable file (an agent file, or `AGENTS.md`).
pub(crate) fn diag(path: &Path, err: &ReadError) -> Diagnostic {
    let (line, col) = match err {
        ReadError::NotUtf8 { line, column } => (*line, *column),
        _ => (0, 0),
    };
    UNREADABLE_FILE.diag(path, line, col, err.to_string())
}
