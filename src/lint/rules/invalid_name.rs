//! AG007: a `name` Claude Code refuses to load (`:` inside, or a leading `-`).

use crate::claude;
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
        summary: "The `name` contains `:`, starts with `-` or is over 256 characters, so the agent is not loaded",
        doc: r#"## What it does
Reports a `name` that starts with `-`, is longer than 256 characters, or contains `:` after NFKC normalisation (so the fullwidth `：` and the small `﹕` count).

## Why
`:` is reserved for plugin scoping (`plugin:agent`). Claude Code refuses such a name ("Invalid name"), and the error only reaches the debug log: the agent is absent from the session.

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

/// Why Claude Code refuses `name`, if it does.
pub(crate) fn problem(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization as _;
    let chars = name.chars().count();
    if name.starts_with('-') {
        Some("starts with `-`".into())
    } else if chars > claude::MAX_NAME_CHARS {
        Some(format!(
            "is {chars} characters long, over the limit of {}",
            claude::MAX_NAME_CHARS
        ))
    } else if name.contains(':') {
        Some("contains `:`, which is reserved for plugin scoping".into())
    } else if name.nfkc().any(|c| c == ':') {
        Some("contains a character that Unicode normalisation (NFKC) turns into `:`, which is reserved for plugin scoping".into())
    } else {
        None
    }
}

/// Whether Claude Code refuses `name`.
pub(crate) fn is_invalid(name: &str) -> bool {
    problem(name).is_some()
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    // Plugin agents load under `plugin:name` whatever the name holds.
    if file.plugin {
        return;
    }
    let Some((name, why)) = file.name().and_then(|n| problem(n).map(|p| (n, p))) else {
        return;
    };
    let (line, col) = file.value_pos("name");
    let shown: String = name.chars().take(60).collect();
    let shown = if shown.len() < name.len() {
        format!("{shown}...")
    } else {
        shown
    };
    let fixed: String = kebab(name).chars().take(64).collect();
    out.push(
        INVALID_NAME
            .diag(
                file.path,
                line,
                col,
                format!("`name: {shown}` {why}; Claude Code does not load this agent"),
            )
            .with_fix(format!("use `name: {fixed}`")),
    );
}
