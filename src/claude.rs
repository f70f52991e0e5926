//! Facts about Claude Code's agent format, as data: the frontmatter keys, tool names
//! (current, legacy), models and colours. Source: the Claude Code docs as summarized in
//! `shared/reference/claude-code-agents.md` (tools reference of 2026-08-22). Keep this table
//! current; a stale list is how validators end up flagging valid tools.

/// Every documented frontmatter key of an agent file.
pub const FIELDS: &[&str] = &[
    "name",
    "description",
    "tools",
    "disallowedTools",
    "model",
    "permissionMode",
    "maxTurns",
    "skills",
    "mcpServers",
    "hooks",
    "memory",
    "background",
    "effort",
    "isolation",
    "color",
    "initialPrompt",
];

/// Built-in tool names Claude Code knows today (exact, case-sensitive).
pub const TOOLS: &[&str] = &[
    "Agent",
    "Artifact",
    "AskUserQuestion",
    "Bash",
    "CronCreate",
    "CronDelete",
    "CronList",
    "Edit",
    "EndConversation",
    "EnterPlanMode",
    "EnterWorktree",
    "ExitPlanMode",
    "ExitWorktree",
    "Glob",
    "Grep",
    "ListAgents",
    "ListMcpResourcesTool",
    "LSP",
    "Monitor",
    "NotebookEdit",
    "PowerShell",
    "PushNotification",
    "Read",
    "ReadMcpResourceTool",
    "RemoteTrigger",
    "ReportFindings",
    "ScheduleWakeup",
    "SendMessage",
    "SendUserFile",
    "ShareOnboardingGuide",
    "Skill",
    "TaskCreate",
    "TaskGet",
    "TaskList",
    "TaskOutput",
    "TaskStop",
    "TaskUpdate",
    "TodoWrite",
    "ToolSearch",
    "WaitForMcpServers",
    "WebFetch",
    "WebSearch",
    "Workflow",
    "Write",
];

/// `Task` still works as an alias of `Agent`.
pub const ALIASES: &[(&str, &str)] = &[("Task", "Agent")];

/// Names that existed once and are dropped now, with what replaced them.
pub const LEGACY_TOOLS: &[(&str, &str)] = &[
    ("LS", "Glob"),
    ("MultiEdit", "Edit"),
    ("NotebookRead", "Read"),
    ("TodoRead", "TodoWrite"),
    ("SlashCommand", "Skill"),
    ("BashOutput", "TaskOutput"),
    ("AgentOutputTool", "TaskOutput"),
    ("KillShell", "TaskStop"),
    ("MCPSearch", "ToolSearch"),
    ("TeamCreate", "Agent"),
    ("TeamDelete", "Agent"),
];

/// Tools a subagent never gets, even when listed.
pub const NOT_FOR_SUBAGENTS: &[&str] = &[
    "AskUserQuestion",
    "EndConversation",
    "EnterPlanMode",
    "ExitPlanMode",
    "ScheduleWakeup",
    "TaskOutput",
    "WaitForMcpServers",
    "Workflow",
];

/// Model aliases accepted in `model:`; full ids (`claude-...`) are accepted too.
pub const MODELS: &[&str] = &["sonnet", "opus", "haiku", "fable", "inherit"];

/// The documented colour palette.
pub const COLORS: &[&str] = &[
    "red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan",
];

/// Whether `tool` (one entry of a `tools` list, possibly `Name(specifier)`) names a current
/// built-in tool, an alias, or an MCP tool.
pub fn is_current_tool(entry: &str) -> bool {
    let name = entry.split('(').next().unwrap_or(entry).trim();
    TOOLS.contains(&name) || ALIASES.iter().any(|(a, _)| *a == name) || name.starts_with("mcp__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_entries_resolve() {
        assert!(is_current_tool("Read"));
        assert!(is_current_tool("Bash(git *)"));
        assert!(is_current_tool("Task"));
        assert!(is_current_tool("mcp__github__create_issue"));
        assert!(!is_current_tool("LS"));
        assert!(!is_current_tool("Web_Search"));
        assert!(!is_current_tool("read"));
    }

    #[test]
    fn legacy_names_are_not_current() {
        for (old, new) in LEGACY_TOOLS {
            assert!(!TOOLS.contains(old), "{old} is both current and legacy");
            assert!(TOOLS.contains(new), "{old} points at unknown {new}");
        }
    }
}
