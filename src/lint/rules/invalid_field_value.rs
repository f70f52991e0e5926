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
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG017",
        name: "invalid-field-value",
        summary: "A field has a value Claude Code cannot use, so it drops the setting",
        doc: r#"## What it does
Checks the values Claude Code validates and drops when invalid: `memory` (user, project, local), `effort` (low, medium, high, xhigh, max in any case, `med`, or an integer), `isolation` (worktree, remote; plugin agents only worktree), `maxTurns` (a positive integer or a numeric string), `background` and `omitClaudeMd` (`true`/`false`, quoted or not), `autoCompactWindow` (an integer of at least 100000), `mcpServers` (a list of server names or `{name: config}` items), `initialPrompt` (a non-blank string), and the types of `disallowedTools` and `skills`.

## Why
The agent still loads, but the setting silently does not apply; only the debug log says so.

## Example
```yaml
maxTurns: ten
background: yes
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
    let isolations: &[&str] = if file.plugin {
        &["worktree"]
    } else {
        claude::ISOLATIONS
    };
    INVALID_FIELD_VALUE.check_enum(file, "isolation", isolations, out);
    let mut bad = |key: &str, want: &str, fix: &str| {
        let (line, col) = file.value_pos(key);
        let got = match file.get(key) {
            Some(Value::String(s)) => format!("`{s}`"),
            Some(v) => kind(v).to_string(),
            None => "missing".into(),
        };
        out.push(
            INVALID_FIELD_VALUE
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{key}` is {got}, not {want}; Claude Code drops it"),
                )
                .with_fix(fix.to_string()),
        );
    };
    let int = |v: &Value| match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    let flag = |v: &Value| v.is_boolean() || matches!(v.as_str(), Some("true" | "false"));
    if let Some(v) = file.get("effort") {
        let named = v
            .as_str()
            .is_some_and(|s| claude::EFFORTS.contains(&s.trim().to_ascii_lowercase().as_str()));
        if !named && int(v).is_none() {
            bad(
                "effort",
                "an effort level",
                "use low, medium, high, xhigh or max",
            );
        }
    }
    if file
        .get("maxTurns")
        .is_some_and(|v| int(v).is_none_or(|n| n <= 0))
    {
        bad(
            "maxTurns",
            "a positive integer",
            "write a whole number of turns, e.g. `maxTurns: 20`",
        );
    }
    if file.get("background").is_some_and(|v| !flag(v)) {
        bad(
            "background",
            "true or false",
            "write `background: true` or `background: false`",
        );
    }
    if file.get("omitClaudeMd").is_some_and(|v| !flag(v)) {
        bad(
            "omitClaudeMd",
            "true or false",
            "write `omitClaudeMd: true` or `omitClaudeMd: false`",
        );
    }
    if file
        .get("autoCompactWindow")
        .is_some_and(|v| v.as_i64().is_none_or(|n| n < 100_000))
    {
        bad(
            "autoCompactWindow",
            "an integer of at least 100000",
            "write a token count such as `autoCompactWindow: 200000`",
        );
    }
    let is_names = |v: &Value| {
        v.is_string() || v.is_null() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
    };
    for key in ["disallowedTools", "skills"] {
        if file.get(key).is_some_and(|v| !is_names(v)) {
            bad(
                key,
                "a comma-separated string or a list of names",
                "write `key: A, B` or a YAML list of names",
            );
        }
    }
    match file.get("mcpServers") {
        Some(Value::Array(items)) => {
            let ok =
                |item: &Value| item.is_string() || item.as_object().is_some_and(|m| m.len() == 1);
            if !items.iter().all(ok) {
                bad(
                    "mcpServers",
                    "a list of server names or `{name: config}` items",
                    "remove the items that are neither; Claude Code drops them",
                );
            }
        }
        Some(_) => bad(
            "mcpServers",
            "a list",
            "list server names or `{name: config}` entries under `mcpServers:`",
        ),
        None => {}
    }
    if file
        .get("initialPrompt")
        .is_some_and(|v| v.as_str().is_none_or(|s| s.trim().is_empty()))
    {
        bad(
            "initialPrompt",
            "a non-blank string",
            "write the prompt as text",
        );
    }
}
