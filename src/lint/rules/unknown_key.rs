//! AG013: a frontmatter key that is not one of the documented agent fields.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::suggest::nearest;
use crate::rules::RuleDoc;

pub(crate) const UNKNOWN_KEY: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG013",
        name: "unknown-key",
        summary: "A frontmatter key Claude Code does not know",
        doc: r#"## What it does
Reports a top-level key that is not one of the 23 keys Claude Code reads, with the key meant when it can tell (`allowed-tools` -> `tools`, `mode` -> `permissionMode`, a misspelling -> the field).

## Why
Claude Code ignores unknown keys (one debug line per file), so a misspelled field silently does nothing. `allowed-tools` is the skill and command key: on an agent it restricts nothing, so the agent gets every tool. A `user:`/`assistant:`/`Context:` key is a line of a multi-line description that was read as a key, and the description stops before it.

## Example
```yaml
allowed-tools: Read, Grep
```

## Use instead
```yaml
tools: Read, Grep
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    for (key, line, _) in file.keys() {
        // A top-level `PreToolUse`/`PermissionRequest` is `invalid-hooks`, an error.
        if claude::FIELDS.contains(&key)
            || !file.map.contains_key(key)
            || claude::STRICT_HOOK_EVENTS.contains(&key)
        {
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
