//! AG019: a `tools` or `disallowedTools` entry that is no tool, with the tool meant.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::suggest::{fold, nearest};
use crate::lint::tools::{Resolution, all_entries, places, resolve, tool_name};
use crate::rules::RuleDoc;

pub(crate) const UNKNOWN_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG019",
        name: "unknown-tool",
        summary: "A `tools` entry is not a Claude Code tool, with the nearest valid name",
        doc: r#"## What it does
Reports an entry of `tools` or `disallowedTools` that is neither a tool of the client's registry, a live alias (`Task`, `KillShell`, ...), nor an `mcp__` selector, and suggests the tool meant (`Web_Search` -> `WebSearch`, `List_Files` -> `Glob`, `read_file` -> `Read`). Entries may carry a rule in parentheses (`Bash(git *)`).

## Why
Tool names are exact, case-sensitive identifiers (`read` is not `Read`). Claude Code drops an entry it does not recognise, so the agent runs without the tool you meant to give it. Entries are split on commas and whitespace, so `Read Grep` is two valid names.

## Example
```yaml
tools: Read, Web_Search, List_Files
```

## Use instead
```yaml
tools: Read, WebSearch, Glob
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let unknown: Vec<(&str, &str)> = all_entries(file)
        .into_iter()
        .filter(|(_, entry)| resolve(tool_name(entry)) == Resolution::Unknown)
        .collect();
    for (&(_, entry), (line, col)) in unknown.iter().zip(places(file, &unknown)) {
        let name = tool_name(entry);
        out.push(
            UNKNOWN_TOOL
                .diag(
                    file.path,
                    line,
                    col,
                    format!("`{name}` is not a Claude Code tool; the entry is dropped"),
                )
                .with_fix(suggest_tool(name)),
        );
    }
}

/// What to write instead of an unknown tool name.
fn suggest_tool(name: &str) -> String {
    if let Some(tool) = claude::TOOLS.iter().find(|t| t.eq_ignore_ascii_case(name)) {
        return format!("use `{tool}` (tool names are case-sensitive)");
    }
    let folded = fold(name);
    if let Some((_, tool)) = claude::TOOL_SUGGESTIONS.iter().find(|(k, _)| *k == folded) {
        return format!("use `{tool}`");
    }
    if let Some(tool) = nearest(name, claude::TOOLS.iter().copied()) {
        return format!("use `{tool}`");
    }
    if name.contains(':') {
        return format!(
            "a skill or command is not a tool; list it under `skills:` or write `Skill({name})`"
        );
    }
    if name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return format!(
            "not a tool: an MCP server needs the prefix (`mcp__{name}`), another agent is reached with `Agent`"
        );
    }
    "remove it; tool names are exact and case-sensitive, e.g. Read, Grep, Glob, Bash".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest_tool("Web_Search"), "use `WebSearch`");
        assert_eq!(suggest_tool("List_Files"), "use `Glob`");
        assert_eq!(suggest_tool("read_file"), "use `Read`");
        assert_eq!(suggest_tool("Grpe"), "use `Grep`");
        assert_eq!(
            suggest_tool("read"),
            "use `Read` (tool names are case-sensitive)"
        );
        assert!(suggest_tool("context7").contains("mcp__context7"));
        assert!(suggest_tool("catalog:search").contains("Skill(catalog:search)"));
    }
}
