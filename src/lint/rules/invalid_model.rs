//! AG014: a `model` that is not an alias, `inherit` or a `claude-...` id.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::model::kind;
use crate::lint::rule::Lint;
use crate::lint::suggest::nearest;
use crate::rules::RuleDoc;

pub(crate) const INVALID_MODEL: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG014",
        name: "invalid-model",
        summary: "The `model` is neither an alias nor a `claude-...` id, so the API rejects every spawn",
        doc: r#"## What it does
Reports a `model` string that is neither an alias (`sonnet`, `opus`, `haiku`, `fable`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`, `fable[1m]`, `inherit`, in any case) nor a `claude-...` id, with the nearest alias. `default` is not an alias. A `claude-...` id outside the families the client lists, and a non-string `model` (ignored: the agent inherits), are warnings.

## Why
Claude Code accepts any string: it trims it, resolves the aliases and sends everything else to the API verbatim as the model id. The API rejects an id it does not know, so every spawn of the agent fails.

## Example
```yaml
model: sonet
```

## Use instead
```yaml
model: sonnet
```
"#,
    },
};

/// Whether `model` (trimmed) is an alias the client resolves, in any case.
pub(crate) fn is_alias(model: &str) -> bool {
    let m = model.trim().to_ascii_lowercase();
    claude::MODELS.contains(&m.as_str())
}

/// The canonical spelling of an alias written in another case or with spaces.
pub(crate) fn canonical(model: &str) -> Option<String> {
    let m = model.trim().to_ascii_lowercase();
    (claude::MODELS.contains(&m.as_str()) && m != model).then_some(m)
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(value) = file.get("model") else {
        return;
    };
    let (line, col) = file.value_pos("model");
    let finding = |message: String, fix: &str| {
        INVALID_MODEL
            .diag(file.path, line, col, message)
            .with_fix(fix)
    };
    let model = match value.as_str().map(str::trim) {
        Some(m) if !m.is_empty() => m,
        _ => {
            let what = value
                .as_str()
                .map_or_else(|| kind(value).to_string(), |_| "empty".into());
            out.push(
                finding(
                    format!("`model` is {what}, not a model name; Claude Code ignores it and the agent inherits the main conversation's model"),
                    "use sonnet, opus, haiku, fable, inherit or a claude-... model id (quote a number)",
                )
                .with_severity(Severity::Warning),
            );
            return;
        }
    };
    if is_alias(model) {
        return;
    }
    if let Some(rest) = model.strip_prefix("claude-") {
        let family = claude::MODEL_FAMILIES
            .iter()
            .any(|f| rest.starts_with(&format!("{f}-")));
        if !family {
            out.push(
                finding(
                    format!("`model: {model}` is sent to the API as written, but it is not in a model family Claude Code lists (claude-opus-, -sonnet-, -haiku-, -fable-, -mythos-); an id the API does not serve fails every spawn"),
                    "use an alias (sonnet, opus, haiku, fable) unless you need this exact id",
                )
                .with_severity(Severity::Warning),
            );
        }
        return;
    }
    let fix = match nearest(&model.to_ascii_lowercase(), claude::MODELS.iter().copied()) {
        Some(m) => format!("use `model: {m}`"),
        None => format!(
            "use one of {}, or a claude-... model id",
            claude::MODELS.join(", ")
        ),
    };
    let why = if model.eq_ignore_ascii_case("default") {
        " (`default` is not an alias; write `inherit`, or leave `model` out)"
    } else {
        ""
    };
    out.push(finding(
        format!("`model: {model}` is neither an alias nor a claude-... id; Claude Code sends it to the API as the model id, which rejects it, so every spawn of this agent fails{why}"),
        &fix,
    ));
}
