//! `tools` and `disallowedTools`: parsed as Claude Code does (a comma-separated string split
//! outside parentheses, or a YAML list), each entry resolved against the current tool names,
//! the `Task` alias, MCP tools and the legacy names. An agent whose entries all fail to
//! resolve is refused at launch.

use serde_json::Value;

use super::Lint;
use super::agent::AgentFile;
use super::suggest::{fold, nearest};
use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

pub(crate) const UNKNOWN_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG019",
        name: "unknown-tool",
        summary: "A `tools` entry is not a Claude Code tool, with the nearest valid name",
        doc: "## What it does\nReports an entry of `tools` or `disallowedTools` that is neither a current tool, the `Task` alias, nor an `mcp__` tool, and suggests the tool meant (`Web_Search` -> `WebSearch`, `List_Files` -> `Glob`, `read_file` -> `Read`). Entries may carry a rule in parentheses (`Bash(git *)`).\n\n## Why\nTool names are exact, case-sensitive identifiers. Claude Code drops an entry it does not recognise, so the agent runs without the tool you meant to give it.\n\n## Example\n```yaml\ntools: Read, Web_Search, List_Files\n```\n\n## Use instead\n```yaml\ntools: Read, WebSearch, Glob\n```\n",
    },
};

pub(crate) const LEGACY_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG020",
        name: "legacy-tool",
        summary: "A `tools` entry names a tool that no longer exists (`LS`, `MultiEdit`, ...)",
        doc: "## What it does\nReports `LS`, `MultiEdit`, `NotebookRead`, `TodoRead`, `SlashCommand`, `BashOutput`, `AgentOutputTool`, `KillShell`, `MCPSearch`, `TeamCreate` and `TeamDelete`, with their replacement.\n\n## Why\nThese tools were removed or renamed. Claude Code drops the entry, so the agent silently loses the capability.\n\n## Example\n```yaml\ntools: Read, LS, MultiEdit\n```\n\n## Use instead\n```yaml\ntools: Read, Glob, Edit\n```\n",
    },
};

pub(crate) const NO_TOOL_RESOLVES: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG021",
        name: "no-tool-resolves",
        summary: "No entry of `tools` resolves, so Claude Code refuses to launch the agent",
        doc: "## What it does\nReports a non-empty `tools` list none of whose entries is a current tool, the `Task` alias or an MCP tool.\n\n## Why\nSince v2.1.208 Claude Code refuses to spawn such an agent: \"Agent 'x' would be spawned with zero tools — refusing\".\n\n## Example\n```yaml\ntools: read_file, Web_Search\n```\n\n## Use instead\n```yaml\ntools: Read, WebSearch\n```\nor omit `tools` to inherit every tool.\n",
    },
};

pub(crate) const EMPTY_TOOLS: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG022",
        name: "empty-tools",
        summary: "`tools: []` gives the agent no tools at all",
        doc: "## What it does\nReports an empty `tools` list (or empty string).\n\n## Why\nAn empty list means no tools, not \"inherit\": the agent launches unable to read a file. That is rarely what the author wanted.\n\n## Example\n```yaml\ntools: []\n```\n\n## Use instead\nOmit `tools` to inherit every tool, or list the tools the agent needs.\n",
    },
};

pub(crate) const DUPLICATE_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG023",
        name: "duplicate-tool",
        summary: "A tool is listed twice, or in both `tools` and `disallowedTools`",
        doc: "## What it does\nReports a tool repeated in `tools`, and a tool present in both `tools` and `disallowedTools`.\n\n## Why\nA repeat is harmless but hides mistakes. `disallowedTools` applies first, so a tool in both lists is removed: the `tools` entry does nothing.\n\n## Example\n```yaml\ntools: Read, Grep, Read\ndisallowedTools: Grep\n```\n\n## Use instead\n```yaml\ntools: Read\n```\n",
    },
};

pub(crate) const TASK_ALIAS: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG024",
        name: "task-alias",
        summary: "`Task` is the old name of the `Agent` tool",
        doc: "## What it does\nReports `Task` (or `Task(...)`) in a tools list.\n\n## Why\nThe subagent tool was renamed `Agent` in v2.1.63. `Task` still works as an alias, so this is information only.\n\n## Example\n```yaml\ntools: Read, Task\n```\n\n## Use instead\n```yaml\ntools: Read, Agent\n```\n",
    },
};

pub(crate) const UNAVAILABLE_TOOL: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG025",
        name: "unavailable-tool",
        summary: "A `tools` entry names a tool subagents never get",
        doc: "## What it does\nReports `AskUserQuestion`, `EndConversation`, `EnterPlanMode`, `ExitPlanMode` (unless `permissionMode: plan`), `ScheduleWakeup`, `TaskOutput`, `WaitForMcpServers` and `Workflow` in a subagent's tools.\n\n## Why\nClaude Code withholds these from subagents even when listed, so the agent cannot count on them.\n\n## Example\n```yaml\ntools: Read, AskUserQuestion\n```\n\n## Use instead\n```yaml\ntools: Read\n```\nand have the agent return its question to the main conversation.\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[
    &UNKNOWN_TOOL,
    &LEGACY_TOOL,
    &NO_TOOL_RESOLVES,
    &EMPTY_TOOLS,
    &DUPLICATE_TOOL,
    &TASK_ALIAS,
    &UNAVAILABLE_TOOL,
];

/// Splits a comma-separated tools string on commas outside parentheses.
pub(crate) fn split_tools(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The entries of a tools field, `None` when absent, null or not a string/list.
fn entries(value: Option<&Value>) -> Option<Vec<&str>> {
    match value? {
        Value::String(s) => Some(split_tools(s)),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::trim)
                .collect(),
        ),
        _ => None,
    }
}

/// The tool name of an entry: `Bash(git *)` -> `Bash`.
fn tool_name(entry: &str) -> &str {
    entry.split('(').next().unwrap_or(entry).trim()
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let plan_mode = file.get("permissionMode").and_then(Value::as_str) == Some("plan");
    let denied = entries(file.get("disallowedTools")).unwrap_or_default();
    for entry in &denied {
        resolve(file, "disallowedTools", entry, plan_mode, out);
    }
    let Some(tools) = entries(file.get("tools")) else {
        return;
    };
    if tools.is_empty() {
        let (line, col) = file.value_pos("tools");
        out.push(
            EMPTY_TOOLS
                .diag(file.path, line, col, "`tools` is empty, so the agent gets no tools at all (it does not inherit them)")
                .with_fix("omit `tools` to inherit every tool, or list the tools the agent needs"),
        );
        return;
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut unresolved = Vec::new();
    let mut resolved = 0;
    for entry in &tools {
        let name = tool_name(entry);
        let (line, col) = file.find_in_value("tools", entry);
        if seen.contains(&name) && !entry.contains('(') {
            out.push(
                DUPLICATE_TOOL
                    .diag(
                        file.path,
                        line,
                        col,
                        format!("`{name}` is listed more than once in `tools`"),
                    )
                    .with_fix("keep one entry"),
            );
        }
        seen.push(name);
        if denied
            .iter()
            .any(|d| *d == *entry || tool_name(d) == name && !d.contains('('))
        {
            out.push(
                DUPLICATE_TOOL
                    .diag(file.path, line, col, format!("`{name}` is in both `tools` and `disallowedTools`; the denylist wins, so the agent does not get it"))
                    .with_fix("remove it from one of the lists"),
            );
        }
        if resolve(file, "tools", entry, plan_mode, out) {
            resolved += 1;
        } else {
            unresolved.push(*entry);
        }
    }
    if resolved == 0 {
        let (line, col) = file.value_pos("tools");
        out.push(
            NO_TOOL_RESOLVES
                .diag(
                    file.path,
                    line,
                    col,
                    format!("no entry of `tools` resolves to a tool (unrecognized: {}); Claude Code refuses to launch this agent", unresolved.join(", ")),
                )
                .with_fix("use exact tool names such as Read, Grep, Glob, Bash, or omit `tools` to inherit every tool"),
        );
    }
}

/// Reports an entry that does not resolve, or resolves with a caveat; true when it resolves.
fn resolve(
    file: &AgentFile,
    key: &str,
    entry: &str,
    plan_mode: bool,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let name = tool_name(entry);
    let (line, col) = file.find_in_value(key, entry);
    let path = file.path;
    if claude::TOOLS.contains(&name) {
        let allowed_in_plan = name == "ExitPlanMode" && plan_mode;
        if key == "tools" && claude::NOT_FOR_SUBAGENTS.contains(&name) && !allowed_in_plan {
            out.push(
                UNAVAILABLE_TOOL
                    .diag(path, line, col, format!("`{name}` is never given to a subagent, even when listed"))
                    .with_fix(format!("remove `{name}`; have the agent report back to the main conversation instead")),
            );
        }
        return true;
    }
    if let Some((alias, target)) = claude::ALIASES.iter().find(|(a, _)| *a == name) {
        if key == "tools" {
            out.push(
                TASK_ALIAS
                    .diag(
                        path,
                        line,
                        col,
                        format!(
                            "`{alias}` is the old name of `{target}`; it still works as an alias"
                        ),
                    )
                    .with_fix(format!("write `{}`", entry.replacen(alias, target, 1))),
            );
        }
        return true;
    }
    if name.starts_with("mcp__") {
        return true;
    }
    if let Some((_, new)) = claude::LEGACY_TOOLS.iter().find(|(old, _)| *old == name) {
        out.push(
            LEGACY_TOOL
                .diag(
                    path,
                    line,
                    col,
                    format!("`{name}` no longer exists; Claude Code drops this entry"),
                )
                .with_fix(format!("use `{new}`")),
        );
        return false;
    }
    out.push(
        UNKNOWN_TOOL
            .diag(
                path,
                line,
                col,
                format!("`{name}` is not a Claude Code tool; the entry is dropped"),
            )
            .with_fix(suggest_tool(name)),
    );
    false
}

/// What to write instead of an unknown tool name.
fn suggest_tool(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 1 && words.iter().all(|w| claude::is_current_tool(w)) {
        return format!("separate tool names with commas: `{}`", words.join(", "));
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
    fn splits_outside_parentheses() {
        assert_eq!(
            split_tools("Read, Bash(git add, git commit), Grep,"),
            ["Read", "Bash(git add, git commit)", "Grep"]
        );
        assert_eq!(split_tools(" "), Vec::<&str>::new());
        assert_eq!(split_tools("Bash(a(b), c"), ["Bash(a(b), c"]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_tool("Web_Search"), "use `WebSearch`");
        assert_eq!(suggest_tool("List_Files"), "use `Glob`");
        assert_eq!(suggest_tool("read_file"), "use `Read`");
        assert_eq!(suggest_tool("Grpe"), "use `Grep`");
        assert_eq!(
            suggest_tool("Read Grep"),
            "separate tool names with commas: `Read, Grep`"
        );
        assert!(suggest_tool("context7").contains("mcp__context7"));
        assert!(suggest_tool("catalog:search").contains("Skill(catalog:search)"));
    }
}
