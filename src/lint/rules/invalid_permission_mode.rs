//! AG016: a `permissionMode` that is not a documented mode (a historical one is a warning).

use serde_json::Value;

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const INVALID_PERMISSION_MODE: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG016",
        name: "invalid-permission-mode",
        summary: "The `permissionMode` is not a mode Claude Code knows, so it drops it",
        doc: r#"## What it does
Reports a `permissionMode` outside `default`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`, `plan` and `manual`. The historical `ignore` and `delegate` are warnings.

## Why
Claude Code drops an unknown mode (a debug line says so) and the agent runs in the session's mode, not the one you wrote. Plugin agents ignore `permissionMode` altogether (`plugin-ignored-field`).

## Example
```yaml
permissionMode: accept-edits
```

## Use instead
```yaml
permissionMode: acceptEdits
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    if let Some(Value::String(mode)) = file.get("permissionMode")
        && claude::HISTORICAL_PERMISSION_MODES.contains(&mode.as_str())
    {
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
    INVALID_PERMISSION_MODE.check_enum(file, "permissionMode", claude::PERMISSION_MODES, out);
}
