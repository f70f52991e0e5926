//! AG001: an agent file that cannot be read, or not as UTF-8 text.

use std::io::Read as _;
use std::path::Path;

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::fsx::ReadError;
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

use super::ignored_file;

pub(crate) const UNREADABLE_FILE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG001",
        name: "unreadable-file",
        summary: "An agent file cannot be read, or holds bytes that are not UTF-8",
        doc: r#"## What it does
Reports an agent file that cannot be read (an error: Claude Code cannot load it either), and a warning for one that is not valid UTF-8, at the first bad byte.

## Why
Claude Code decodes agent files as UTF-8 and replaces bytes that are not with U+FFFD, then loads the agent: a description saved as Latin-1 reaches Claude with `�` where `é` was meant.

## Example
A file saved as Latin-1 with `caf\xe9` in its description.

## Use instead
Save the file as UTF-8.
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

/// Reads an agent file as the client does: at most 1 MiB, decoded lossily. The text and a
/// warning when bytes were replaced; or the finding (if any) that stops the lint.
#[allow(clippy::result_large_err)] // one per file, and the error is the rare path
pub(crate) fn read(cand: &Candidate) -> Result<(String, Option<Diagnostic>), Option<Diagnostic>> {
    let path = &cand.path;
    let failed = |e: std::io::Error| {
        Some(UNREADABLE_FILE.diag(
            path,
            0,
            0,
            format!("cannot read the file: {e}; Claude Code cannot load it either"),
        ))
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::new();
    file.take(claude::MAX_AGENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > claude::MAX_AGENT_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        // Only an agent file is worth the report: markdown elsewhere may be anything.
        return Err((cand.in_agents_dir || starts_like_agent(&bytes))
            .then(|| ignored_file::too_big(cand, size)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let d = UNREADABLE_FILE
                .diag(
                    path,
                    line,
                    column,
                    "the file is not valid UTF-8; Claude Code replaces the bad bytes with `\u{fffd}` and loads the agent with them",
                )
                .with_severity(Severity::Warning)
                .with_fix("save the file as UTF-8");
            Ok((String::from_utf8_lossy(&bytes).into_owned(), Some(d)))
        }
    }
}

fn starts_like_agent(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    bytes.starts_with(b"---")
}
