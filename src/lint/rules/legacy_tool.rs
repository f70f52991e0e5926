//! AG020: a `tools` or `disallowedTools` entry naming a tool that was removed or renamed.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{Resolution, all_entries, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const LEGACY_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG020",
        name: "legacy-tool",
        summary: "A `tools` entry names a tool that no longer exists (`LS`, `MultiEdit`, ...)",
        doc: r#"## What it does
Reports `LS`, `MultiEdit`, `NotebookRead`, `TodoRead`, `SlashCommand`, `BashOutput`, `AgentOutputTool`, `KillShell`, `MCPSearch`, `TeamCreate` and `TeamDelete`, with their replacement.

## Why
These tools were removed or renamed. Claude Code drops the entry, so the agent silently loses the capability.

## Example
```yaml
tools: Read, LS, MultiEdit
```

## Use instead
```yaml
tools: Read, Glob, Edit
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    for (key, entry) in all_entries(file) {
        let name = tool_name(entry);
        let Resolution::Legacy(new) = resolve(name) else {
            continue;
        };
        let (line, col) = file.find_in_value(key, entry);
        out.push(
            LEGACY_TOOL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{name}` no longer exists; Claude Code drops this entry"),
                )
                .with_fix(format!("use `{new}`")),
        );
    }
}
