//! Every frontmatter key but `name`, `description` and the tool lists: unknown keys, and the
//! values of `model`, `color`, `permissionMode`, `memory`, `effort`, `isolation`, `maxTurns`,
//! `background` and the other documented fields; plus what plugin agents ignore.

use serde_json::Value;

use super::Lint;
use super::agent::AgentFile;
use super::suggest::nearest;
use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

pub(crate) const UNKNOWN_KEY: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG013",
        name: "unknown-key",
        summary: "A frontmatter key Claude Code does not know",
        doc: "## What it does\nReports a top-level key that is not one of the 16 documented agent fields, with the key meant when it can tell (`allowed-tools` -> `tools`, `mode` -> `permissionMode`, a misspelling -> the field).\n\n## Why\nUnknown keys are ignored without a word, so a misspelled field silently does nothing. `allowed-tools` is the skill and command key: on an agent it restricts nothing.\n\n## Example\n```yaml\nallowed-tools: Read, Grep\n```\n\n## Use instead\n```yaml\ntools: Read, Grep\n```\n",
    },
};

pub(crate) const INVALID_MODEL: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG014",
        name: "invalid-model",
        summary: "The `model` is not an alias, `inherit` or a `claude-...` model id",
        doc: "## What it does\nReports a `model` that is not `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a full `claude-...` id, with the nearest alias. Session-only aliases (`default`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`) are warnings.\n\n## Why\nThe docs accept only these values in agent frontmatter; anything else does not pick the model you meant.\n\n## Example\n```yaml\nmodel: sonet\n```\n\n## Use instead\n```yaml\nmodel: sonnet\n```\n",
    },
};

pub(crate) const INVALID_COLOR: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG015",
        name: "invalid-color",
        summary: "The `color` is not one of the documented palette",
        doc: "## What it does\nReports a `color` outside red, blue, green, yellow, purple, orange, pink and cyan.\n\n## Why\nThe colour only affects the UI; an unknown one falls back to the default, so the agent is not told apart as intended.\n\n## Example\n```yaml\ncolor: magenta\n```\n\n## Use instead\n```yaml\ncolor: pink\n```\n",
    },
};

pub(crate) const INVALID_PERMISSION_MODE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG016",
        name: "invalid-permission-mode",
        summary: "The `permissionMode` is not a documented mode",
        doc: "## What it does\nReports a `permissionMode` outside `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan` and `manual`. The historical `ignore` and `delegate` are warnings.\n\n## Why\nAn unknown mode does not give the agent the permissions you expect.\n\n## Example\n```yaml\npermissionMode: accept-edits\n```\n\n## Use instead\n```yaml\npermissionMode: acceptEdits\n```\n",
    },
};

pub(crate) const INVALID_VALUE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG017",
        name: "invalid-field-value",
        summary: "A documented field has a value of the wrong type or outside its allowed values",
        doc: "## What it does\nChecks `memory` (user, project, local), `effort` (low, medium, high, xhigh, max), `isolation` (worktree), `maxTurns` (a positive integer), `background` (a boolean), and the types of `tools`, `disallowedTools`, `skills`, `mcpServers`, `hooks` and `initialPrompt`.\n\n## Why\nA value Claude Code cannot use is dropped, so the setting silently does not apply.\n\n## Example\n```yaml\nmaxTurns: ten\nbackground: \"yes\"\n```\n\n## Use instead\n```yaml\nmaxTurns: 10\nbackground: true\n```\n",
    },
};

pub(crate) const PLUGIN_IGNORED: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG018",
        name: "plugin-ignored-field",
        summary: "A plugin agent sets `hooks`, `mcpServers` or `permissionMode`, which plugins ignore",
        doc: "## What it does\nReports `hooks`, `mcpServers` and `permissionMode` in an agent under `plugins/<plugin>/agents/` (or next to `.claude-plugin/`).\n\n## Why\nFor security Claude Code ignores these fields in plugin agents, so the agent runs without the hooks, servers or mode the file asks for.\n\n## Example\n```yaml\npermissionMode: bypassPermissions\n```\n\n## Use instead\nRemove the field, or ship the agent in a project's `.claude/agents/` where it applies.\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[
    &UNKNOWN_KEY,
    &INVALID_MODEL,
    &INVALID_COLOR,
    &INVALID_PERMISSION_MODE,
    &INVALID_VALUE,
    &PLUGIN_IGNORED,
];

/// How a YAML value reads in a message: "a number", "a list", ...
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    unknown_keys(file, out);
    model(file, out);
    enum_field(file, "color", claude::COLORS, &INVALID_COLOR, out);
    permission_mode(file, out);
    enum_field(file, "memory", claude::MEMORY_SCOPES, &INVALID_VALUE, out);
    enum_field(file, "effort", claude::EFFORTS, &INVALID_VALUE, out);
    enum_field(file, "isolation", claude::ISOLATIONS, &INVALID_VALUE, out);
    types(file, out);
    if file.plugin {
        for key in claude::PLUGIN_IGNORED_FIELDS {
            if file.get(key).is_some() {
                let (line, col) = file.key_pos(key);
                out.push(
                    PLUGIN_IGNORED
                        .diag(
                            file.path,
                            line,
                            col,
                            format!("`{key}` is ignored for plugin agents"),
                        )
                        .with_fix(format!(
                            "remove `{key}`, or install the agent in a project's .claude/agents/"
                        )),
                );
            }
        }
    }
}

fn unknown_keys(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    for (key, line, _) in file.keys() {
        if claude::FIELDS.contains(&key) || !file.map.contains_key(key) {
            continue;
        }
        let fix = claude::KEY_SUGGESTIONS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, fix)| fix.to_string())
            .or_else(|| nearest(key, claude::FIELDS.iter().copied()).map(|f| format!("use `{f}`")))
            .unwrap_or_else(|| {
                format!("remove it; agent fields are {}", claude::FIELDS.join(", "))
            });
        out.push(
            UNKNOWN_KEY
                .diag(
                    file.path,
                    line,
                    1,
                    format!("unknown key `{key}`; Claude Code ignores it"),
                )
                .with_fix(fix),
        );
    }
}

fn model(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(value) = file.get("model") else {
        return;
    };
    let (line, col) = file.value_pos("model");
    let Some(model) = value.as_str() else {
        out.push(
            INVALID_MODEL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`model` is {}, not a model name", kind(value)),
                )
                .with_fix("use sonnet, opus, haiku, fable, inherit or a claude-... model id"),
        );
        return;
    };
    if claude::MODELS.contains(&model) || model.starts_with("claude-") {
        return;
    }
    if claude::SESSION_MODELS.contains(&model) {
        let message = format!(
            "`model: {model}` is a session alias of /model; agent frontmatter documents only sonnet, opus, haiku, fable, inherit and claude-... ids"
        );
        out.push(
            INVALID_MODEL
                .diag(file.path, line, col, message)
                .with_severity(Severity::Warning)
                .with_fix("use inherit, or an alias such as opus"),
        );
        return;
    }
    let fix = match nearest(model, claude::MODELS.iter().copied()) {
        Some(m) => format!("use `model: {m}`"),
        None => format!(
            "use one of {}, or a claude-... model id",
            claude::MODELS.join(", ")
        ),
    };
    out.push(
        INVALID_MODEL
            .diag(file.path, line, col, format!("unknown model `{model}`"))
            .with_fix(fix),
    );
}

fn permission_mode(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(Value::String(mode)) = file.get("permissionMode") else {
        enum_field(
            file,
            "permissionMode",
            claude::PERMISSION_MODES,
            &INVALID_PERMISSION_MODE,
            out,
        );
        return;
    };
    if claude::HISTORICAL_PERMISSION_MODES.contains(&mode.as_str()) {
        let (line, col) = file.value_pos("permissionMode");
        let message =
            format!("`permissionMode: {mode}` was listed by older docs and is no longer a mode");
        out.push(
            INVALID_PERMISSION_MODE
                .diag(file.path, line, col, message)
                .with_severity(Severity::Warning)
                .with_fix(format!(
                    "use one of {}",
                    claude::PERMISSION_MODES.join(", ")
                )),
        );
        return;
    }
    enum_field(
        file,
        "permissionMode",
        claude::PERMISSION_MODES,
        &INVALID_PERMISSION_MODE,
        out,
    );
}

fn enum_field(
    file: &AgentFile,
    key: &str,
    allowed: &[&str],
    lint: &Lint,
    out: &mut Vec<Diagnostic>,
) {
    let Some(value) = file.get(key) else { return };
    if value.as_str().is_some_and(|v| allowed.contains(&v)) {
        return;
    }
    let (line, col) = file.value_pos(key);
    let shown = value
        .as_str()
        .map_or_else(|| kind(value).to_string(), |s| format!("`{s}`"));
    let fix = match value
        .as_str()
        .and_then(|v| nearest(v, allowed.iter().copied()))
    {
        Some(near) => format!("use `{key}: {near}`"),
        None => format!("use one of {}", allowed.join(", ")),
    };
    out.push(
        lint.diag(
            file.path,
            line,
            col,
            format!("`{key}` is {shown}, not one of {}", allowed.join(", ")),
        )
        .with_fix(fix),
    );
}

/// Type checks of the remaining fields.
fn types(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let mut bad = |key: &str, want: &str, fix: &str| {
        let (line, col) = file.value_pos(key);
        let got = file.get(key).map_or("missing", kind);
        out.push(
            INVALID_VALUE
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
