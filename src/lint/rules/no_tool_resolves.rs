//! AG021: a non-empty `tools` none of whose entries resolves, so the agent is refused.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{entries, may_resolve};
use crate::rules::RuleDoc;

pub(crate) const NO_TOOL_RESOLVES: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG021",
        name: "no-tool-resolves",
        summary: "No entry of `tools` gives a subagent a tool, so Claude Code refuses every spawn",
        doc: r#"## What it does
Reports a `tools` list none of whose entries can resolve: every one is unknown (`read`, `Foo`), removed (`TaskOutput`, `LS`) or a tool subagents never get (`AskUserQuestion`, `SetGoal`, `ExitPlanMode` without `permissionMode: plan`). `*`, an MCP selector or a tool only some sessions give (`TodoWrite`, `LSP`) counts as resolving. An empty list is `empty-tools`, not this.

## Why
Claude Code loads the agent, but every spawn fails: "Agent 'x' would be spawned with zero tools — refusing. Its tools list resolved to nothing".

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
    let Some(tools) = entries(file, "tools") else {
        return;
    };
    if tools.iter().any(|entry| may_resolve(file, entry)) {
        return;
    }
    let (line, col) = file.value_pos("tools");
    let mut d = NO_TOOL_RESOLVES
        .diag(
            file.path,
            line,
            col,
            format!("no entry of `tools` gives a subagent a tool ({}); Claude Code loads the agent but refuses every spawn: \"would be spawned with zero tools\"", tools.join(", ")),
        )
        .with_fix("use exact tool names such as Read, Grep, Glob, Bash, or omit `tools` to give every tool");
    if file.plugin {
        d = d.with_severity(Severity::Error);
    }
    out.push(d);
}
