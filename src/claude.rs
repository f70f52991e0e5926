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

/// Session-level model aliases `/model` knows but the agent docs do not list for `model:`.
pub const SESSION_MODELS: &[&str] = &["default", "best", "sonnet[1m]", "opus[1m]", "opusplan"];

/// Values of `permissionMode` (`manual` is an alias of `default` since v2.1.200).
pub const PERMISSION_MODES: &[&str] = &[
    "default",
    "acceptEdits",
    "auto",
    "dontAsk",
    "bypassPermissions",
    "plan",
    "manual",
];

/// `permissionMode` values older docs listed and later dropped.
pub const HISTORICAL_PERMISSION_MODES: &[&str] = &["ignore", "delegate"];

/// Values of `memory`.
pub const MEMORY_SCOPES: &[&str] = &["user", "project", "local"];

/// Values of `effort`.
pub const EFFORTS: &[&str] = &["low", "medium", "high", "xhigh", "max"];

/// Values of `isolation`.
pub const ISOLATIONS: &[&str] = &["worktree"];

/// Fields Claude Code ignores in a plugin's agents (for security).
pub const PLUGIN_IGNORED_FIELDS: &[&str] = &["hooks", "mcpServers", "permissionMode"];

/// Agent types built into Claude Code; a project file may override them.
pub const BUILTIN_AGENTS: &[&str] = &[
    "Explore",
    "Plan",
    "general-purpose",
    "claude",
    "statusline-setup",
    "claude-code-guide",
];

/// Undocumented keys seen in agent files, and what to write instead.
pub const KEY_SUGGESTIONS: &[(&str, &str)] = &[
    (
        "allowed-tools",
        "use `tools` (`allowed-tools` is the skill and command key)",
    ),
    ("allowed_tools", "use `tools`"),
    ("allowedTools", "use `tools`"),
    (
        "disallowed-tools",
        "use `disallowedTools` (agents spell it in camelCase)",
    ),
    ("mode", "use `permissionMode`"),
    (
        "disabled",
        "not a Claude Code field; move the file out of the agents folder to disable the agent",
    ),
    (
        "icon",
        "not a Claude Code field; remove it (`color` sets the UI colour)",
    ),
    (
        "user",
        "looks like a line of a multi-line description read as a key; indent the description under `description: >`",
    ),
    (
        "assistant",
        "looks like a line of a multi-line description read as a key; indent the description under `description: >`",
    ),
    (
        "prompt",
        "the markdown body below the frontmatter is the prompt; move the text there",
    ),
    (
        "system_prompt",
        "the markdown body below the frontmatter is the prompt; move the text there",
    ),
];

/// Names other frameworks and tutorials use for tools, keyed by their lowercase form without
/// `_`, `-` or spaces, with the Claude Code tool to use instead.
pub const TOOL_SUGGESTIONS: &[(&str, &str)] = &[
    ("listfiles", "Glob"),
    ("listdir", "Glob"),
    ("ls", "Glob"),
    ("websearch", "WebSearch"),
    ("webfetch", "WebFetch"),
    ("fetch", "WebFetch"),
    ("browser", "WebFetch"),
    ("readfile", "Read"),
    ("view", "Read"),
    ("cat", "Read"),
    ("writefile", "Write"),
    ("createfile", "Write"),
    ("editfile", "Edit"),
    ("strreplace", "Edit"),
    ("multiedit", "Edit"),
    ("searchfiles", "Grep"),
    ("search", "Grep"),
    ("grep", "Grep"),
    ("find", "Glob"),
    ("runcommand", "Bash"),
    ("terminal", "Bash"),
    ("shell", "Bash"),
    ("execute", "Bash"),
    ("todo", "TodoWrite"),
    ("todoread", "TodoWrite"),
    ("subagent", "Agent"),
    ("dispatchagent", "Agent"),
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
