//! AG005: a single-line value that is invalid YAML until quoted, which Claude Code recovers
//! with LF line endings and not with CRLF.

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;
use crate::yaml::YamlError;

use super::reader::Quoted;

pub(crate) const UNQUOTED_VALUE: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG005",
        name: "unquoted-value",
        summary: "A value is invalid YAML until quoted: the client rescues it with LF line endings, not with CRLF",
        doc: r#"## What it does
Reports frontmatter that fails to parse as written but that Claude Code's lenient retry rescues: it re-quotes `key: value` lines at column 0 whose value holds `: ` or one of ``{ } [ ] * & # ! | > % @ ` `` (typically `description: ... Triggers on: x`, `@mention`, a leading backtick) and turns leading tabs into spaces. A warning for LF files; an error when a line that needs quoting ends in CRLF, since the retry cannot match it and the agent is skipped.

## Why
The retry only matches lines ending in LF, so the same agent loads on one machine and vanishes on another once an editor or git saves it with CRLF (anthropics/claude-code#80890).

## Example
```yaml
description: Reviews code. Triggers on: review, audit
```

## Use instead
```yaml
description: "Reviews code. Triggers on: review, audit"
```
or a folded block scalar (`description: >` with the text indented below).
"#,
    },
};

/// Reports a file the client loads only through its lenient retry.
pub(crate) fn retried(
    cand: &Candidate,
    first: &YamlError,
    quoted: &[Quoted],
    yaml_line: usize,
) -> Diagnostic {
    let Some(q) = quoted.first() else {
        // Only the tab fix ran.
        return UNQUOTED_VALUE
            .diag(&cand.path, first.line, first.column, "leading tabs are not valid YAML; Claude Code turns each into two spaces and loads the agent")
            .with_fix("indent with spaces");
    };
    let keys: Vec<String> = quoted.iter().map(|q| format!("`{}`", q.key)).collect();
    UNQUOTED_VALUE
        .diag(
            &cand.path,
            yaml_line + q.index,
            1,
            format!(
                "{} {} not valid YAML as written ({}); Claude Code re-quotes it and loads the agent, but not if the file is saved with CRLF line endings",
                keys.join(", "),
                if keys.len() == 1 { "is" } else { "are" },
                first.message
            ),
        )
        .with_fix("quote the value (`key: \"...\"`) or use a folded block (`key: >` with the text indented below); `check --fix` quotes it")
}

/// Reports a CRLF file that the retry would rescue with LF line endings.
pub(crate) fn crlf(
    cand: &Candidate,
    first: &YamlError,
    quoted: &[Quoted],
    yaml_line: usize,
) -> Diagnostic {
    let line = quoted.first().map_or(first.line, |q| yaml_line + q.index);
    let mut d = UNQUOTED_VALUE.diag(
        &cand.path,
        line,
        1,
        format!(
            "this value is not valid YAML until quoted ({}), and the line ends in CRLF, so Claude Code's retry cannot quote it: {}",
            first.message,
            crate::lint::rule::skipped(cand.plugin)
        ),
    );
    d.severity = crate::lint::rule::skip_severity(cand.plugin, Severity::Error);
    d.with_fix("quote the value, or save the file with LF line endings; `check --fix` does both")
}
