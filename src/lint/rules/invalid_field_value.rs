//! AG017: a documented field with a value of the wrong type or outside its allowed values
//! (`memory`, `effort`, `isolation`, `maxTurns`, `background`, the name lists, ...).

use serde_json::Value;

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::model::kind;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const INVALID_FIELD_VALUE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG017",
        name: "invalid-field-value",
        summary: "A documented field has a value of the wrong type or outside its allowed values",
        doc: r#"## What it does
Checks `memory` (user, project, local), `effort` (low, medium, high, xhigh, max), `isolation` (worktree), `maxTurns` (a positive integer), `background` (a boolean), and the types of `tools`, `disallowedTools`, `skills`, `mcpServers`, `hooks` and `initialPrompt`.

## Why
A value Claude Code cannot use is dropped, so the setting silently does not apply.

## Example
```yaml
maxTurns: ten
background: "yes"
```

## Use instead
```yaml
maxTurns: 10
background: true
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    INVALID_FIELD_VALUE.check_enum(file, "memory", claude::MEMORY_SCOPES, out);
    INVALID_FIELD_VALUE.check_enum(file, "effort", claude::EFFORTS, out);
    INVALID_FIELD_VALUE.check_enum(file, "isolation", claude::ISOLATIONS, out);
    types(file, out);
}

/// Type checks of the remaining fields.
fn types(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let mut bad = |key: &str, want: &str, fix: &str| {
        let (line, col) = file.value_pos(key);
        let got = file.get(key).map_or("missing", kind);
        out.push(
            INVALID_FIELD_VALUE
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{key}` is {got}, not {want}"),
                )
                .with_fix(fix.to_string()),
        );
    };
    if file
        .get("maxTurns")
        .is_some_and(|v| v.as_u64().is_none_or(|n| n == 0))
    {
        bad(
            "maxTurns",
            "a positive integer",
            "write a whole number of turns, e.g. `maxTurns: 20`",
        );
    }
    if file.get("background").is_some_and(|v| !v.is_boolean()) {
        bad(
            "background",
            "a boolean",
            "write `background: true` or `background: false` (no quotes)",
        );
    }
    let is_names = |v: &Value| {
        v.is_string() || v.is_null() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
    };
    for key in ["tools", "disallowedTools", "skills"] {
        if file.get(key).is_some_and(|v| !is_names(v)) {
            bad(
                key,
                "a comma-separated string or a list of names",
                "write `key: A, B` or a YAML list of names",
            );
        }
    }
    if file.get("mcpServers").is_some_and(|v| !v.is_array()) {
        bad(
            "mcpServers",
            "a list",
            "list server names or `{name: config}` entries under `mcpServers:`",
        );
    }
    if file.get("hooks").is_some_and(|v| !v.is_object()) {
        bad(
            "hooks",
            "a mapping of hook events",
            "map events such as `PreToolUse:` to matcher lists",
        );
    }
    if file.get("initialPrompt").is_some_and(|v| !v.is_string()) {
        bad("initialPrompt", "a string", "write the prompt as text");
    }
}
