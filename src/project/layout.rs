//! Where the files Claude Code and agentpack share live in a project, relative to its root:
//! the settings that hold the review hook, the memory file Claude Code reads (CLAUDE.md)
//! and the one it should import (AGENTS.md), and the folders of project commands and skills.
//! Generation writes these paths and `doctor` inspects them, so the two cannot drift.

/// The shared project settings, where `init` merges the SubagentStop review hook.
pub const SETTINGS: &str = ".claude/settings.json";
/// The memory files Claude Code reads at the start of a session, in the order it looks.
pub const CLAUDE_MD: [&str; 2] = ["CLAUDE.md", ".claude/CLAUDE.md"];
/// The handoff protocol the agents and people follow.
pub const AGENTS_MD: &str = "AGENTS.md";
/// How CLAUDE.md imports AGENTS.md (Claude Code's `@path` import).
pub const AGENTS_MD_IMPORT: &str = "@AGENTS.md";
/// Project slash commands: `<name>.md` defines `/<name>`.
pub const COMMANDS_DIR: &str = ".claude/commands";
/// Project skills: `<name>/SKILL.md` defines `/<name>`.
pub const SKILLS_DIR: &str = ".claude/skills";
/// The command that runs the review hook; Claude Code finds `agentpack` on PATH.
pub const HOOK_COMMAND: &str = "agentpack hook subagent-stop";
/// The program every generated file (hook, command, AGENTS.md) calls by name.
pub const PROGRAM: &str = "agentpack";
