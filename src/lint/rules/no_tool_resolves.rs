//! AG021: a non-empty `tools` none of whose entries resolves, so the agent is refused.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{entries, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const NO_TOOL_RESOLVES: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG021",
        name: "no-tool-resolves",
        summary: "No entry of `tools` resolves, so Claude Code refuses to launch the agent",
        doc: r#"## What it does
Reports a non-empty `tools` list none of whose entries is a current tool, the `Task` alias or an MCP tool.

## Why
Since v2.1.208 Claude Code refuses to spawn such an agent: "Agent 'x' would be spawned with zero tools — refusing".

## Example
```yaml
tools: read_file, Web_Search
```

## Use instead
```yaml
tools: Read, WebSearch
```
or omit `tools` to inherit every tool.
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(tools) = entries(file, "tools").filter(|t| !t.is_empty()) else {
        return;
    };
    if tools
        .iter()
        .any(|entry| resolve(tool_name(entry)).resolves())
    {
        return;
    }
    let (line, col) = file.value_pos("tools");
    out.push(
        NO_TOOL_RESOLVES
            .diag(
                file.path,
                line,
                col,
                format!("no entry of `tools` resolves to a tool (unrecognized: {}); Claude Code refuses to launch this agent", tools.join(", ")),
            )
            .with_fix("use exact tool names such as Read, Grep, Glob, Bash, or omit `tools` to inherit every tool"),
    );
}
