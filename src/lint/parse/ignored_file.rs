//! AG026: a file meant as an agent that Claude Code never reads: its name does not end in
//! lower-case `.md`, or it is over 1 MiB.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::lint::rule::skip_severity;
use crate::rules::RuleDoc;

pub(crate) const IGNORED_FILE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG026",
        name: "ignored-file",
        summary: "Claude Code never reads this agent file (not named `*.md`, or over 1 MiB)",
        doc: r#"## What it does
Reports an agent file (one with a frontmatter block) whose name ends in `.MD` or another case of `.md`, and any agent file over 1,048,576 bytes.

## Why
Claude Code discovers agents with a case-sensitive `endsWith(".md")` and skips files over 1 MiB ("not a regular file or exceeds 1048576 byte limit" in the debug log). Either way the agent is absent from the session and nothing says so.

## Example
`.claude/agents/Reviewer.MD`

## Use instead
`.claude/agents/reviewer.md`, under 1 MiB (move long reference material to files the agent reads).
"#,
    },
};

/// Whether the file name ends in lower-case `.md` (or it is not a markdown file at all).
pub(crate) fn extension_ok(cand: &Candidate) -> bool {
    cand.path.extension().is_none_or(|e| e == "md")
}

/// Reports a frontmatter file whose extension is `.MD` (or another case).
pub(crate) fn extension(cand: &Candidate) -> Diagnostic {
    let ext = cand
        .path
        .extension()
        .map_or_else(String::new, |e| e.to_string_lossy().into_owned());
    let mut d = IGNORED_FILE.diag(
        &cand.path,
        1,
        1,
        format!("the file name ends in `.{ext}`; Claude Code reads only names ending in lower-case `.md`, so it never sees this agent"),
    );
    d.severity = skip_severity(cand.plugin, d.severity);
    d.with_fix("rename the file to end in `.md`")
}

/// Reports a file over the client's size limit.
pub(crate) fn too_big(cand: &Candidate, bytes: u64) -> Diagnostic {
    let mut d = IGNORED_FILE.diag(
        &cand.path,
        1,
        1,
        format!(
            "the file is {bytes} bytes, over Claude Code's limit of {} bytes; it never reads this agent",
            claude::MAX_AGENT_BYTES
        ),
    );
    d.severity = skip_severity(cand.plugin, d.severity);
    d.with_fix("keep the agent file under 1 MiB; move reference material to files the agent reads")
}
