//! AG018: `hooks`, `mcpServers` or `permissionMode` in a plugin agent, which ignores them.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const PLUGIN_IGNORED_FIELD: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG018",
        name: "plugin-ignored-field",
        summary: "A plugin agent sets `hooks`, `mcpServers` or `permissionMode`, which plugins ignore",
        doc: r#"## What it does
Reports `hooks`, `mcpServers` and `permissionMode` in an agent under `plugins/<plugin>/agents/` (or next to `.claude-plugin/`).

## Why
For security Claude Code ignores these fields in plugin agents, so the agent runs without the hooks, servers or mode the file asks for.

## Example
```yaml
permissionMode: bypassPermissions
```

## Use instead
Remove the field, or ship the agent in a project's `.claude/agents/` where it applies.
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    if !file.plugin {
        return;
    }
    for key in claude::PLUGIN_IGNORED_FIELDS {
        if file.get(key).is_some() {
            let (line, col) = file.key_pos(key);
            out.push(
                PLUGIN_IGNORED_FIELD
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
