//! Where agentpack keeps its own state in a project: every path it reads or writes for
//! itself, in one place. All of it lives under `.agentpack/`, so a project's root holds only
//! what its people and agents use (the manifest, `AGENTS.md`, `artifacts/`, `.claude/`).
//! `.agentpack/.gitignore` keeps the local part (logs, cache) out of commits; the rest
//! (lockfile, rubric and template overrides) is meant to be committed. A leaf module: it
//! imports nothing, so every layer may read it. [`legacy`] names the layout of agentpack
//! 0.1, which `init` moves here. The second part names the files agentpack shares with
//! Claude Code (settings, CLAUDE.md, AGENTS.md, commands, skills): generation writes them
//! and `doctor` inspects them through the same constants.

/// The folder of agentpack's own state, at the project root.
pub const STATE_DIR: &str = ".agentpack";
/// What `init`/`add` generated, with content hashes (committed).
pub const LOCKFILE: &str = ".agentpack/agentpack.lock";
/// Project rubrics, `NAME.yaml`, overriding or adding to the built-ins (committed).
pub const RUBRICS_DIR: &str = ".agentpack/rubrics";
/// Project templates, `NAME.j2`, overriding the built-ins (committed).
pub const TEMPLATES_DIR: &str = ".agentpack/templates";
/// Template tests (`templates test`): `cases/NAME.yaml` and `snapshots/CASE/PATH.snap`
/// (committed).
pub const TEMPLATE_TESTS_DIR: &str = ".agentpack/template-tests";
/// Local logs (not committed).
pub const LOGS_DIR: &str = ".agentpack/logs";
/// The review history: one JSON line per reviewed artifact per run (local).
pub const HISTORY: &str = ".agentpack/logs/reviews.jsonl";
/// Caches that can be rebuilt at any time (local).
pub const CACHE_DIR: &str = ".agentpack/cache";
/// Archived runs (`agentpack archive`), kept for the record (committed).
pub const ARCHIVE_DIR: &str = ".agentpack/archive";
/// Keeps the local state out of git.
pub const GITIGNORE: &str = ".agentpack/.gitignore";
/// The content of [`GITIGNORE`].
pub const GITIGNORE_TEXT: &str =
    "# agentpack's local state: review history and caches are per checkout.\n/logs/\n/cache/\n";

// Files shared with Claude Code.

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

/// Whether `path` (relative to the project root, `/`-separated, any case) is agentpack's
/// own state, where no workflow output may go.
pub fn is_state(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower == STATE_DIR || lower.starts_with(".agentpack/")
}

/// The path (relative to `root`) where agentpack's file lives in this project: `current`,
/// unless only the 0.1 place `old` has it (a project `init` has not moved yet), so a review
/// keeps counting rounds and finds its overrides before and after the move.
pub fn resolve(root: &std::path::Path, current: &str, old: &str) -> String {
    let has = |rel: &str| root.join(rel).symlink_metadata().is_ok();
    if !has(current) && has(old) {
        old.to_string()
    } else {
        current.to_string()
    }
}

/// Whether the project at `root` still has state at the 0.1 places (its lockfile or its
/// history at the root), which `init` moves under [`STATE_DIR`].
pub fn is_legacy(root: &std::path::Path) -> bool {
    [legacy::LOCKFILE, legacy::HISTORY]
        .iter()
        .any(|rel| root.join(rel).symlink_metadata().is_ok())
}

/// The layout of agentpack 0.1: state spread over the project root. `init` moves what it
/// finds here into [`STATE_DIR`].
pub mod legacy {
    /// The lockfile at the project root; its presence marks a project of the old layout.
    pub const LOCKFILE: &str = "agentpack.lock";
    /// The review history.
    pub const HISTORY: &str = "logs/reviews.jsonl";
    /// Rubric overrides.
    pub const RUBRICS_DIR: &str = "config/rubrics";
    /// Template overrides.
    pub const TEMPLATES_DIR: &str = "templates";
    /// Folders every pack got, each with a `.gitkeep`.
    pub const FOLDERS: [&str; 4] = ["config", "logs", "src", "tests"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_path_is_under_the_state_dir() {
        for path in [
            LOCKFILE,
            RUBRICS_DIR,
            TEMPLATES_DIR,
            TEMPLATE_TESTS_DIR,
            LOGS_DIR,
            HISTORY,
            CACHE_DIR,
            ARCHIVE_DIR,
            GITIGNORE,
        ] {
            assert!(is_state(path), "{path}");
        }
        assert!(HISTORY.starts_with(LOGS_DIR));
        assert!(is_state(".AgentPack/x") && !is_state(".agentpackx/y"));
        assert!(!is_state("artifacts/x.md"));
    }
}
