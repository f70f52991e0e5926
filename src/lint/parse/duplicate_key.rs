//! AG028: a top-level frontmatter key written twice; the last one wins.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const DUPLICATE_KEY: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG028",
        name: "duplicate-key",
        summary: "A frontmatter key is written twice; Claude Code keeps the last one",
        doc: r#"## What it does
Reports every earlier occurrence of a top-level key that is repeated.

## Why
Claude Code's YAML parser accepts duplicate keys and keeps the last value, so the first one is silently ignored: an edit to it changes nothing.

## Example
```yaml
name: reviewer
description: Reviews code. Use after changes.
name: code-reviewer
```

## Use instead
Keep one `name:`.
"#,
    },
};

/// Reports the earlier copies of each repeated key.
pub(crate) fn check(file: &AgentFile) -> Vec<Diagnostic> {
    file.duplicates()
        .map(|(key, line, last)| {
            DUPLICATE_KEY
                .diag(
                    file.path,
                    line,
                    1,
                    format!("`{key}` is set again on line {last}; Claude Code keeps the last value and ignores this one"),
                )
                .with_fix(format!("keep one `{key}:`"))
        })
        .collect()
}
