//! AG025: a tool in `tools` that Claude Code never gives a subagent.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{
    Availability, Resolution, availability, entries, places, resolve, tool_name,
};
use crate::rules::RuleDoc;

pub(crate) const UNAVAILABLE_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG025",
        name: "unavailable-tool",
        summary: "A `tools` entry names a tool subagents never get",
        doc: r#"## What it does
Reports tools Claude Code never gives a subagent in any session: `AskUserQuestion`, `EnterPlanMode`, `ExitPlanMode` (unless `permissionMode: plan`), `EndConversation`, `WaitForMcpServers`, `Workflow`, `ScheduleWakeup`, `ReadNotifications`, `SetGoal`/`ProposeGoal`, `OfferChromeSetup`, `propose_skills`, `Projects` and a few internal ones. Tools only some sessions give (`TodoWrite`, `LSP`, `PowerShell`, the cron tools) are not reported.

## Why
Claude Code drops these entries from a subagent's tools, so the agent cannot count on them; when nothing else in the list resolves, every spawn is refused (`no-tool-resolves`).

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
    let never: Vec<(&str, &str)> = entries(file, "tools")
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| {
            matches!(resolve(tool_name(entry)), Resolution::Tool(tool, _)
                if availability(file, tool) == Availability::Never)
        })
        .map(|entry| ("tools", entry))
        .collect();
    for (&(_, entry), (line, col)) in never.iter().zip(places(file, &never)) {
        let Resolution::Tool(tool, _) = resolve(tool_name(entry)) else {
            continue;
        };
        out.push(
            UNAVAILABLE_TOOL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{tool}` is never given to a subagent, even when listed; Claude Code drops this entry"),
                )
                .with_fix(format!(
                    "remove `{tool}`; have the agent report back to the main conversation instead"
                )),
        );
    }
}
