//! AG024: a live alias (`Task`, `KillShell`, ...) in `tools`, with the tool it stands for.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{Resolution, entries, places, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const TOOL_ALIAS: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG024",
        name: "tool-alias",
        summary: "A `tools` entry uses an alias (`Task`, `KillShell`, ...) of a renamed tool",
        doc: r#"## What it does
Reports the live aliases Claude Code still resolves: `Task` (`Agent`), `KillShell` and `KillBash` (`TaskStop`), `ListPeers` (`ListAgents`), `Brief` (`SendUserMessage`), `ListMcpResources`, `ReadMcpResource`, `ReadMcpResourceDir` (the `...Tool` names) and `ProposeGoal` (`SetGoal`). `check --fix` writes the canonical name.

## Why
These tools were renamed; the old names still work, so this is information only. The canonical name is what hook matchers and permission rules see.

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
    let aliased: Vec<(&str, &str)> = entries(file, "tools")
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| matches!(resolve(tool_name(entry)), Resolution::Tool(_, Some(_))))
        .map(|entry| ("tools", entry))
        .collect();
    for (&(_, entry), (line, col)) in aliased.iter().zip(places(file, &aliased)) {
        let Resolution::Tool(target, Some(alias)) = resolve(tool_name(entry)) else {
            continue;
        };
        out.push(
            TOOL_ALIAS
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{alias}` is an alias of `{target}`; Claude Code resolves it"),
                )
                .with_fix(format!(
                    "write `{}` (`check --fix` does)",
                    entry.replacen(alias, target, 1)
                )),
        );
    }
}
