//! Facts about Claude Code's agent format, as data: the frontmatter keys, tool names
//! (current, aliases, removed, never given to subagents), models and colours. Source: Claude
//! Code 2.1.332, read from its code and checked by running it (`scripts/claude-oracle/`
//! records its verdicts on every fixture into `tests/fixtures/claude-code/verdicts.json`).
//! Keep this table current; a stale list is how validators end up flagging valid tools.

/// The Claude Code version these facts were verified against.
pub const VERIFIED_VERSION: &str = "2.1.332";

/// Every frontmatter key the client reads from an agent file (23 of them).
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
    "autoCompactWindow",
    "omitClaudeMd",
    "observer",
    "observerMessage",
    "observeToolResults",
    "observeSubagents",
    "experimental",
];

/// The client's tool registry (exact, case-sensitive names).
pub const TOOLS: &[&str] = &[
    "Agent",
    "Artifact",
    "AskUserQuestion",
    "Bash",
    "ClaudeDesign",
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
    "OfferChromeSetup",
    "PowerShell",
    "Projects",
    "propose_skills",
    "PushNotification",
    "Read",
    "ReadMcpResourceDirTool",
    "ReadMcpResourceTool",
    "ReadNotifications",
    "RemoteTrigger",
    "ReportFindings",
    "ScheduleWakeup",
    "SendFeedback",
    "SendMessage",
    "SendUserFile",
    "SendUserMessage",
    "SetGoal",
    "ShareOnboardingGuide",
    "ShowOnboardingRolePicker",
    "Skill",
    "SubagentHandback",
    "TaskCreate",
    "TaskGet",
    "TaskList",
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

/// Live aliases, resolved before lookup: (alias, tool).
pub const ALIASES: &[(&str, &str)] = &[
    ("Task", "Agent"),
    ("KillShell", "TaskStop"),
    ("KillBash", "TaskStop"),
    ("ListPeers", "ListAgents"),
    ("Brief", "SendUserMessage"),
    ("ListMcpResources", "ListMcpResourcesTool"),
    ("ReadMcpResource", "ReadMcpResourceTool"),
    ("ReadMcpResourceDir", "ReadMcpResourceDirTool"),
    ("ProposeGoal", "SetGoal"),
];

/// Names the client does not recognise any more, with the tool that does the job now
/// (`None`: nothing replaces it; drop the entry). `check --fix` renames the `Some` ones.
pub const LEGACY_TOOLS: &[(&str, Option<&str>)] = &[
    ("LS", Some("Glob")),
    ("MultiEdit", Some("Edit")),
    ("NotebookRead", Some("Read")),
    ("TodoRead", Some("TodoWrite")),
    ("SlashCommand", Some("Skill")),
    ("MCPSearch", Some("ToolSearch")),
    ("TaskOutput", None),
    ("TeamCreate", None),
    ("TeamDelete", None),
    ("BashOutput", None),
    ("BashOutputTool", None),
    ("AgentOutput", None),
    ("AgentOutputTool", None),
    ("Frame", None),
    ("FrameRead", None),
    ("SuggestBackgroundPR", None),
    ("AutofixPr", None),
];

/// Tools a subagent never gets in any session, even when listed (`ExitPlanMode` is given
/// with `permissionMode: plan`).
pub const NOT_FOR_SUBAGENTS: &[&str] = &[
    "AskUserQuestion",
    "EnterPlanMode",
    "ExitPlanMode",
    "EndConversation",
    "WaitForMcpServers",
    "Workflow",
    "ScheduleWakeup",
    "ReadNotifications",
    "SetGoal",
    "OfferChromeSetup",
    "propose_skills",
    "Projects",
    "RefreshMcpTools",
    "PauseGoal",
    "GetGoal",
    "PublishPlugin",
    "WrapUp",
    "ConnectGitHub",
];

/// Tools a subagent gets only in some sessions (the model, the platform, MCP servers,
/// feature gates, foreground runs): never an error, since another session may have them.
pub const SESSION_TOOLS: &[&str] = &[
    "TodoWrite",
    "TaskCreate",
    "TaskGet",
    "TaskList",
    "TaskUpdate",
    "PowerShell",
    "LSP",
    "ListMcpResourcesTool",
    "ReadMcpResourceTool",
    "ReadMcpResourceDirTool",
    "Artifact",
    "ClaudeDesign",
    "PushNotification",
    "RemoteTrigger",
    "SendFeedback",
    "SendUserFile",
    "SendUserMessage",
    "ShareOnboardingGuide",
    "ShowOnboardingRolePicker",
    "SubagentHandback",
    "CronCreate",
    "CronDelete",
    "CronList",
    "ListAgents",
    "ReportFindings",
];

/// Model aliases accepted in `model:` (any case, trimmed); full ids (`claude-...`) too.
pub const MODELS: &[&str] = &[
    "sonnet",
    "opus",
    "haiku",
    "fable",
    "best",
    "opusplan",
    "sonnet[1m]",
    "opus[1m]",
    "fable[1m]",
    "inherit",
];

/// Model families the client lists for full ids (`claude-<family>-...`).
pub const MODEL_FAMILIES: &[&str] = &["opus", "sonnet", "haiku", "fable", "mythos"];

/// The colour palette (case-sensitive).
pub const COLORS: &[&str] = &[
    "red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan",
];

/// Values of `permissionMode` (`manual` means `default`).
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

/// Values of `effort` (any case; `med` means medium; an integer works too).
pub const EFFORTS: &[&str] = &["low", "medium", "high", "xhigh", "max", "med"];

/// Values of `isolation` (plugin agents accept only `worktree`).
pub const ISOLATIONS: &[&str] = &["worktree", "remote"];

/// Fields Claude Code ignores in a plugin's agents.
pub const PLUGIN_IGNORED_FIELDS: &[&str] = &[
    "permissionMode",
    "hooks",
    "mcpServers",
    "initialPrompt",
    "observer",
    "observerMessage",
    "observeSubagents",
];

/// Hook events whose entries, if malformed or outside `hooks`, make the agent unloadable.
pub const STRICT_HOOK_EVENTS: &[&str] = &["PreToolUse", "PermissionRequest"];

/// Hook events the client knows.
pub const HOOK_EVENTS: &[&str] = &[
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "PostToolBatch",
    "Notification",
    "UserPromptSubmit",
    "UserPromptExpansion",
    "SessionStart",
    "SessionEnd",
    "Stop",
    "StopFailure",
    "SubagentStart",
    "SubagentStop",
    "PreCompact",
    "PostCompact",
    "PreModelSwitch",
    "PostModelSwitch",
    "PermissionRequest",
    "PermissionDenied",
    "Setup",
    "TeammateIdle",
    "TaskCreated",
    "TaskCompleted",
    "Elicitation",
    "ElicitationResult",
    "ConfigChange",
    "WorktreeCreate",
    "WorktreeRemove",
    "InstructionsLoaded",
    "CwdChanged",
    "FileChanged",
    "DirectoryAdded",
    "MessageDisplay",
    "PreSkillShellCommand",
];

/// Hook types.
pub const HOOK_TYPES: &[&str] = &["command", "prompt", "agent", "http", "mcp_tool"];

/// Largest agent file the client reads (bytes).
pub const MAX_AGENT_BYTES: u64 = 1_048_576;

/// Longest `name` the client loads (characters).
pub const MAX_NAME_CHARS: usize = 256;

/// Agent types built into Claude Code; a project file may override them.
pub const BUILTIN_AGENTS: &[&str] = &[
    "Explore",
    "Plan",
    "general-purpose",
    "claude",
    "statusline-setup",
    "claude-code-guide",
];

/// Unknown keys seen in agent files, and what to write instead.
pub const KEY_SUGGESTIONS: &[(&str, &str)] = &[
    (
        "allowed-tools",
        "use `tools` (`allowed-tools` is the skill and command key; on an agent it restricts nothing)",
    ),
    ("allowed_tools", "use `tools`"),
    ("allowedTools", "use `tools`"),
    (
        "disallowed-tools",
        "use `disallowedTools` (agents spell it in camelCase)",
    ),
    ("when-to-use", "put it in `description`"),
    ("when_to_use", "put it in `description`"),
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
        "a line of a multi-line description read as a key, which also cut the description short; indent the description under `description: >`",
    ),
    (
        "assistant",
        "a line of a multi-line description read as a key, which also cut the description short; indent the description under `description: >`",
    ),
    (
        "Context",
        "a line of a multi-line description read as a key, which also cut the description short; indent the description under `description: >`",
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

/// Slash commands Claude Code has built in (commands and bundled skills). A project command
/// or skill with one of these names collides with the built-in, so typing it does not
/// reliably run the project's file. Names are compared in lower case.
pub const BUILTIN_COMMANDS: &[&str] = &[
    "add-dir",
    "agents",
    "batch",
    "branch",
    "bug",
    "clear",
    "compact",
    "config",
    "context",
    "cost",
    "debug",
    "diff",
    "doctor",
    "exit",
    "export",
    "help",
    "hooks",
    "ide",
    "init",
    "install-github-app",
    "login",
    "logout",
    "loop",
    "mcp",
    "memory",
    "model",
    "output-style",
    "permissions",
    "plugin",
    "pr-comments",
    "pr_comments",
    "quit",
    "release-notes",
    "resume",
    "review",
    "rewind",
    "security-review",
    "simplify",
    "status",
    "statusline",
    "terminal-setup",
    "todos",
    "upgrade",
    "usage",
    "vim",
];

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
            assert!(
                new.is_none_or(|n| TOOLS.contains(&n)),
                "{old} points at unknown {new:?}"
            );
        }
        for (alias, tool) in ALIASES {
            assert!(TOOLS.contains(tool), "{alias} points at unknown {tool}");
        }
    }
}
