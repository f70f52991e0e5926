//! AG025: a tool in `tools` that Claude Code never gives a subagent.

use serde_json::Value;

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{Resolution, entries, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const UNAVAILABLE_TOOL: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG025",
        name: "unavailable-tool",
        summary: "A `tools` entry names a tool subagents never get",
        doc: r#"## What it does
Reports `AskUserQuestion`, `EndConversation`, `EnterPlanMode`, `ExitPlanMode` (unless `permissionMode: plan`), `ScheduleWakeup`, `TaskOutput`, `WaitForMcpServers` and `Workflow` in a subagent's tools.

## Why
Claude Code withholds these from subagents even when listed, so the agent cannot count on them.

## Example
```yaml
tools: Read, AskUserQuestion
```

## Use instead
```yaml
tools: Read
```
and have the agent return its question to the main conversation.
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let plan_mode = file.get("permissionMode").and_then(Value::as_str) == Some("plan");
    for entry in entries(file, "tools").unwrap_or_default() {
        let name = tool_name(entry);
        let allowed_in_plan = name == "ExitPlanMode" && plan_mode;
        if resolve(name) != Resolution::Current
            || !claude::NOT_FOR_SUBAGENTS.contains(&name)
            || allowed_in_plan
        {
            continue;
        }
        let (line, col) = file.find_in_value("tools", entry);
        out.push(
            UNAVAILABLE_TOOL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{name}` is never given to a subagent, even when listed"),
                )
                .with_fix(format!(
                    "remove `{name}`; have the agent report back to the main conversation instead"
                )),
        );
    }
}
