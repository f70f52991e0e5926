//! AG020: a `tools` or `disallowedTools` entry naming a tool that was removed or renamed.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{Resolution, all_entries, places, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const LEGACY_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG020",
        name: "legacy-tool",
        summary: "A `tools` entry names a tool that no longer exists (`LS`, `MultiEdit`, ...)",
        doc: r#"## What it does
Reports names Claude Code no longer recognises: `LS` (use `Glob`), `MultiEdit` (`Edit`), `NotebookRead` (`Read`), `TodoRead` (`TodoWrite`), `SlashCommand` (`Skill`), `MCPSearch` (`ToolSearch`), and the removed `TaskOutput`, `TeamCreate`, `TeamDelete`, `BashOutput`, `BashOutputTool`, `AgentOutput`, `AgentOutputTool`, `Frame`, `FrameRead`, `SuggestBackgroundPR`, `AutofixPr`. `check --fix` renames the ones with a replacement.

## Why
Claude Code drops an entry it does not recognise, so the agent silently loses the capability; when no entry of `tools` resolves, every spawn is refused (`no-tool-resolves`).

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
    let legacy: Vec<(&str, &str)> = all_entries(file)
        .into_iter()
        .filter(|(_, entry)| matches!(resolve(tool_name(entry)), Resolution::Legacy(_)))
        .collect();
    for (&(_, entry), (line, col)) in legacy.iter().zip(places(file, &legacy)) {
        let name = tool_name(entry);
        let Resolution::Legacy(new) = resolve(name) else {
            continue;
        };
        let fix = match new {
            Some(new) => format!("use `{new}` (`check --fix` renames it)"),
            None => format!("remove `{name}`; nothing replaces it"),
        };
        out.push(
            LEGACY_TOOL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{name}` is not a tool in Claude Code any more; it drops this entry"),
                )
                .with_fix(fix),
        );
    }
}
