//! AG007: a `name` Claude Code refuses to load (`:` inside, or a leading `-`).

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::suggest::kebab;
use crate::rules::RuleDoc;

pub(crate) const INVALID_NAME: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG007",
        name: "invalid-name",
        summary: "The `name` contains `:` or starts with `-`, so the agent is not loaded",
        doc: r#"## What it does
Reports a `name` that contains `:` or starts with `-`.

## Why
`:` is reserved for plugin scoping (`plugin:agent`). Since Claude Code v2.1.218 such a name is not loaded; the error only reaches the debug log.

## Example
```yaml
name: review:security
```

## Use instead
```yaml
name: review-security
```
"#,
    },
};

/// Whether Claude Code refuses `name`.
pub(crate) fn is_invalid(name: &str) -> bool {
    name.contains(':') || name.starts_with('-')
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(name) = file.name().filter(|n| is_invalid(n)) else {
        return;
    };
    let why = if name.contains(':') {
        "contains `:`, which is reserved for plugin scoping"
    } else {
        "starts with `-`"
    };
    let (line, col) = file.value_pos("name");
    out.push(
        INVALID_NAME
            .diag(
                file.path,
                line,
                col,
                format!("`name: {name}` {why}; Claude Code does not load this agent"),
            )
            .with_fix(format!("use `name: {}`", kebab(name))),
    );
}
