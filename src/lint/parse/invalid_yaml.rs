//! AG004: frontmatter that is not valid YAML (and quoting values would not fix it), or not
//! a mapping of keys.

use serde_json::Value;

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::model::kind;
use crate::lint::rule::Lint;
use crate::lint::rule::{skip_severity, skipped};
use crate::rules::RuleDoc;
use crate::yaml::YamlError;

pub(crate) const INVALID_YAML: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG004",
        name: "invalid-yaml",
        summary: "The frontmatter is not valid YAML, or not a mapping of keys",
        doc: r#"## What it does
Parses the frontmatter as Claude Code does (YAML 1.2, then its lenient retry) and reports the first error at its line and column when both fail. A frontmatter that is a list or a scalar is reported too.

## Why
When the YAML does not parse, Claude Code reads no field at all and skips the agent; only its debug log says so ("failed to parse and was ignored"). The usual cause is a multi-line description whose continuation lines (`<example>`, a bare sentence) start at column 0, or an indented continuation line holding `: `.

## Example
```yaml
description: Reviews code.
Examples:
<example>user: "review this"</example>
```

## Use instead
```yaml
description: >
  Reviews code.
  Examples: <example>user: "review this"</example>
```
"#,
    },
};

/// The parser's message, minus internals a user cannot act on.
fn yaml_problem(message: &str) -> &str {
    if message.contains("too large to expand") {
        "aliases expand beyond the size limit (an alias bomb?)"
    } else {
        message
    }
}

/// Reports the first YAML error, with a fix for the usual causes.
pub(crate) fn syntax(cand: &Candidate, strict: &YamlError) -> Diagnostic {
    let multi_line = ["mapping values", "simple key", "expected ':'"]
        .iter()
        .any(|m| strict.message.contains(m));
    let fix = if multi_line {
        "a multi-line value needs its continuation lines indented under `description: >` (or `|`); lines such as `Examples:` or `<example>` at column 0 break the YAML"
    } else {
        "fix the YAML syntax at this position; quote values that contain `: `, `#` or start with a special character"
    };
    let mut d = INVALID_YAML.diag(
        &cand.path,
        strict.line,
        strict.column,
        format!(
            "frontmatter is not valid YAML: {}; {}",
            yaml_problem(&strict.message),
            skipped(cand.plugin)
        ),
    );
    d.severity = skip_severity(cand.plugin, d.severity);
    d.with_fix(fix)
}

/// Reports frontmatter (starting at `line`) that is a list or a scalar.
pub(crate) fn not_a_mapping(cand: &Candidate, line: usize, value: &Value) -> Diagnostic {
    let mut d = INVALID_YAML.diag(
        &cand.path,
        line,
        1,
        format!("frontmatter is {}, not a mapping of keys", kind(value)),
    );
    d.severity = skip_severity(cand.plugin, d.severity);
    d.with_fix("write one `key: value` per line")
}
