//! AG005: a single-line value that is invalid YAML until quoted, which Claude Code recovers
//! with LF line endings and not with CRLF.

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;
use crate::yaml::YamlError;

pub(crate) const UNQUOTED_VALUE: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG005",
        name: "unquoted-value",
        summary: "A single-line value is invalid YAML until quoted (usually an unquoted `: `)",
        doc: r#"## What it does
Reports frontmatter that fails strict YAML but parses once single-line values are quoted, typically `description: ... Triggers on: x`. A warning for LF files and an error for files with CRLF line endings.

## Why
Claude Code recovers such a value in a file with LF line endings but skips the whole agent when the file has CRLF endings (anthropics/claude-code#80890), so the agent works on one machine and vanishes on another.

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

/// Reports the strict parser's error on a file the quoted re-parse recovered; an error when
/// the file has CRLF line endings (and is not a plugin agent).
pub(crate) fn diag(cand: &Candidate, strict: &YamlError, crlf: bool) -> Diagnostic {
    let (severity, why) = if crlf && !cand.plugin {
        (
            Severity::Error,
            "the file has CRLF line endings, so Claude Code skips it",
        )
    } else {
        (
            Severity::Warning,
            "Claude Code recovers it with LF line endings but skips the file if it is saved with CRLF",
        )
    };
    let mut d = UNQUOTED_VALUE.diag(
        &cand.path,
        strict.line,
        strict.column,
        format!(
            "value is not valid YAML until quoted ({}); {why}",
            strict.message
        ),
    );
    d.severity = severity;
    d.with_fix("quote the value (`key: \"...\"`) or use a folded block (`key: >` with the text indented below)")
}
