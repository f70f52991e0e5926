//! AG002: a markdown file in an agents folder without a `---` frontmatter block.

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::lint::rule::skip_severity;
use crate::rules::RuleDoc;

pub(crate) const MISSING_FRONTMATTER: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG002",
        name: "missing-frontmatter",
        summary: "A markdown file in an agents folder does not start with a `---` frontmatter block",
        doc: r#"## What it does
Reports a `.md` file in an agents folder that does not open with `---` at its very first byte (after a BOM): a blank line or a space before the fence is enough. `README.md`, `CONTRIBUTING.md`, `CHANGELOG.md` and `LICENSE.md` are exempt.

## Why
Claude Code treats a file without frontmatter (so without `name`) as documentation and never loads it as an agent; nothing tells you.

## Example
```markdown
# Code reviewer
You review code.
```

## Use instead
```markdown
---
name: code-reviewer
description: Reviews code for quality. Use after writing or changing code.
---
You review code.
```
"#,
    },
};

/// Files in an agents folder that are documentation, not agents.
const DOC_FILES: &[&str] = &[
    "readme",
    "contributing",
    "changelog",
    "license",
    "code_of_conduct",
];

/// Whether `path` is named like documentation (README, LICENSE, ...).
pub(crate) fn is_doc_file(path: &std::path::Path) -> bool {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|s| DOC_FILES.contains(&s.as_str()))
}

/// Reports a file without frontmatter, unless it is documentation or outside an agents folder.
pub(crate) fn check(cand: &Candidate, text: &str) -> Option<Diagnostic> {
    let is_doc = is_doc_file(&cand.path);
    if !cand.in_agents_dir || is_doc {
        return None;
    }
    // A fence below a blank line or after spaces is the usual near miss.
    let late = text.trim_start().starts_with("---") && !text.starts_with("---");
    let message = match (cand.plugin, late) {
        (true, _) => {
            "the file does not start with a `---` frontmatter block; this plugin agent loads under its file name with a placeholder description"
        }
        (false, true) => {
            "the `---` fence must be the very first bytes of the file (no blank line or spaces before it); Claude Code treats this file as documentation, not as an agent"
        }
        (false, false) => {
            "the file does not start with a `---` frontmatter block; Claude Code treats it as documentation, not as an agent"
        }
    };
    let mut d = MISSING_FRONTMATTER.diag(&cand.path, 1, 1, message);
    d.severity = skip_severity(cand.plugin, d.severity);
    Some(d.with_fix("start the file with `---`, then `name:` and `description:`, then `---`"))
}
