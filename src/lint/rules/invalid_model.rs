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
        summary: "The `model` is not an alias, `inherit` or a `claude-...` model id",
        doc: r#"## What it does
Reports a `model` that is not `sonnet`, `opus`, `haiku`, `fable`, `inherit` or a full `claude-...` id, with the nearest alias. Session-only aliases (`default`, `best`, `opusplan`, `sonnet[1m]`, `opus[1m]`) are warnings.

## Why
The docs accept only these values in agent frontmatter; anything else does not pick the model you meant.

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

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
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
