//! AG024: `Task`, the old name of the `Agent` tool, in `tools`.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{Resolution, entries, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const TASK_ALIAS: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG024",
        name: "task-alias",
        summary: "`Task` is the old name of the `Agent` tool",
        doc: r#"## What it does
Reports `Task` (or `Task(...)`) in a tools list.

## Why
The subagent tool was renamed `Agent` in v2.1.63. `Task` still works as an alias, so this is information only.

## Example
```yaml
tools: Read, Task
```

## Use instead
```yaml
tools: Read, Agent
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    for entry in entries(file, "tools").unwrap_or_default() {
        let Resolution::Alias(alias, target) = resolve(tool_name(entry)) else {
            continue;
        };
        let (line, col) = file.find_in_value("tools", entry);
        out.push(
            TASK_ALIAS
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{alias}` is the old name of `{target}`; it still works as an alias"),
                )
                .with_fix(format!("write `{}`", entry.replacen(alias, target, 1))),
        );
    }
}
