//! AG029: `hooks` that Claude Code cannot read. A `PreToolUse` or `PermissionRequest` hook
//! outside `hooks`, a malformed one inside it, or `hooks` that is not a mapping of events
//! makes the agent unloadable; a malformed entry of another event, or an unknown event, is
//! dropped.

use serde_json::{Map, Value};

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::{AgentFile, kind};
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const INVALID_HOOKS: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG029",
        name: "invalid-hooks",
        summary: "The agent's `hooks` are malformed: Claude Code skips the agent, or drops the entry",
        doc: r#"## What it does
Checks the frontmatter `hooks` the way Claude Code does. Errors (the agent is unloadable): `PreToolUse:` or `PermissionRequest:` at the top level of the frontmatter; `hooks` that is not a mapping of events (a string, a matcher list, a single matcher); a `PreToolUse` or `PermissionRequest` entry that is not a list of `{matcher, hooks: [{type, command|prompt|url}]}`. Warnings (the entry is dropped): a malformed entry of another event, or an event Claude Code does not know.

## Why
Claude Code validates an agent's hooks when it loads the file. For the two events that gate permissions a bad entry makes the whole agent unloadable, with a line in the debug log only; other bad entries are dropped, so the hook never runs.

## Example
```yaml
PreToolUse:
  - matcher: Bash
    hooks:
      - type: command
        command: ./check.sh
```

## Use instead
```yaml
hooks:
  PreToolUse:
    - matcher: Bash
      hooks:
        - type: command
          command: ./check.sh
```
"#,
    },
};

/// What is wrong with one event's list of matchers, if anything.
fn entry_problem(value: &Value) -> Option<String> {
    let Value::Array(items) = value else {
        return Some(format!("is {}, not a list of matchers", kind(value)));
    };
    for item in items {
        let Value::Object(m) = item else {
            return Some(format!(
                "has an item that is {}, not a `{{matcher, hooks}}` mapping",
                kind(item)
            ));
        };
        if m.get("matcher").is_some_and(|v| !v.is_string()) {
            return Some("has a `matcher` that is not a string".into());
        }
        let Some(Value::Array(hooks)) = m.get("hooks") else {
            return Some("has an item without a `hooks:` list".into());
        };
        for hook in hooks {
            if let Some(p) = hook_problem(hook) {
                return Some(p);
            }
        }
    }
    None
}

fn hook_problem(hook: &Value) -> Option<String> {
    let Value::Object(h) = hook else {
        return Some(format!("has a hook that is {}, not a mapping", kind(hook)));
    };
    let ty = h.get("type").and_then(Value::as_str).unwrap_or("");
    if !claude::HOOK_TYPES.contains(&ty) {
        return Some(format!(
            "has a hook whose `type` is not one of {}",
            claude::HOOK_TYPES.join(", ")
        ));
    }
    let needs = match ty {
        "command" => "command",
        "prompt" | "agent" => "prompt",
        "http" => "url",
        _ => return None,
    };
    if !h.get(needs).is_some_and(Value::is_string) {
        return Some(format!("has a `{ty}` hook without `{needs}:`"));
    }
    None
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    // Plugin agents ignore `hooks` altogether (`plugin-ignored-field`).
    if file.plugin {
        return;
    }
    for event in claude::STRICT_HOOK_EVENTS {
        if file.get(event).is_some() {
            let (line, col) = file.key_pos(event);
            out.push(
                INVALID_HOOKS
                    .diag(file.path, line, col, format!("`{event}:` at the top level of the frontmatter makes the agent unloadable; Claude Code skips it"))
                    .with_fix(format!("move it under `hooks:` (indented), as `hooks:\\n  {event}: ...`")),
            );
        }
    }
    let Some(hooks) = file.get("hooks").filter(|v| !v.is_null()) else {
        return;
    };
    let (line, col) = file.value_pos("hooks");
    let matcher_shaped =
        |m: &Map<String, Value>| m.contains_key("matcher") || m.contains_key("hooks");
    let Value::Object(events) = hooks.clone() else {
        out.push(
            INVALID_HOOKS
                .diag(
                    file.path,
                    line,
                    col,
                    format!(
                        "`hooks` is {}, not a mapping of hook events; Claude Code skips the agent",
                        kind(hooks)
                    ),
                )
                .with_fix(
                    "map events to matcher lists: `hooks:\\n  PostToolUse:\\n    - matcher: ...`",
                ),
        );
        return;
    };
    if matcher_shaped(&events) {
        out.push(
            INVALID_HOOKS
                .diag(file.path, line, col, "`hooks` holds a matcher, not a mapping of hook events; Claude Code skips the agent")
                .with_fix("put the matcher list under an event: `hooks:\\n  PreToolUse:\\n    - matcher: ...`"),
        );
        return;
    }
    let names: Vec<&str> = events.keys().map(String::as_str).collect();
    let places = file.find_all_in_value("hooks", &names);
    for ((event, value), (line, col)) in events.iter().zip(places) {
        if !claude::HOOK_EVENTS.contains(&event.as_str()) {
            out.push(
                INVALID_HOOKS
                    .diag(file.path, line, col, format!("`{event}` is not a hook event Claude Code knows; it drops these hooks"))
                    .with_severity(Severity::Warning)
                    .with_fix("use an event such as PreToolUse, PostToolUse or Stop (which runs as SubagentStop)"),
            );
            continue;
        }
        let Some(problem) = entry_problem(value) else {
            continue;
        };
        let strict = claude::STRICT_HOOK_EVENTS.contains(&event.as_str());
        let effect = if strict {
            "Claude Code skips the agent"
        } else {
            "Claude Code drops it"
        };
        let mut d = INVALID_HOOKS
            .diag(file.path, line, col, format!("`hooks.{event}` {problem}; {effect}"))
            .with_fix("write `- matcher: ...` items, each with `hooks:` listing `{type: command, command: ...}`");
        if !strict {
            d = d.with_severity(Severity::Warning);
        }
        out.push(d);
    }
}
