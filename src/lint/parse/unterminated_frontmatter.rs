//! AG003: a frontmatter block opened with `---` and never closed.

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::lint::rule::{skip_severity, skipped};
use crate::rules::RuleDoc;

pub(crate) const UNTERMINATED_FRONTMATTER: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG003",
        name: "unterminated-frontmatter",
        summary: "The frontmatter block opens with `---` but is never closed",
        doc: r#"## What it does
Reports an agent file whose opening `---` line has no closing `---` after it (a YAML `...` end marker does not count), or whose lines end in a lone CR.

## Why
Without the closing fence nothing is read as frontmatter: the agent has no name and is skipped.

## Example
```markdown
---
name: writer
description: Writes docs. Use after research.
# Writer
```

## Use instead
Close the block with a line holding only `---` before the body.
"#,
    },
};

/// Reports the frontmatter opened at `line` that is never closed (`cr_only`: the file has
/// no `\n` at all, so the client never sees the fences as lines).
pub(crate) fn diag(cand: &Candidate, line: usize, cr_only: bool) -> Diagnostic {
    let what = if cr_only {
        "the file uses old Mac (CR-only) line endings, so Claude Code finds no frontmatter block"
    } else {
        "the frontmatter opened here is never closed with `---` (a `...` does not close it)"
    };
    let mut d = UNTERMINATED_FRONTMATTER.diag(
        &cand.path,
        line,
        1,
        format!("{what}; {}", skipped(cand.plugin)),
    );
    d.severity = skip_severity(cand.plugin, d.severity);
    d.with_fix("add a line holding only `---` after the last frontmatter key")
}
