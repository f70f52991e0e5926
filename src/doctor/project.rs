//! The checks that need the project: `.claude/settings.json` parses, the review hook is
//! there exactly when the manifest wants it and as `init` would write it, CLAUDE.md imports
//! AGENTS.md, and no project command or skill takes a built-in command's name.

use std::path::Path;

use serde_json::Value;

use super::codes;
use super::health::{Check, finding};
use crate::diag::Diagnostic;
use crate::project::{Project, layout};
use crate::scaffold::settings;

/// The project checks, in order.
pub(super) fn checks(project: &Project) -> Vec<Check> {
    let root = &project.root;
    let (settings_check, parsed) = settings_file(root);
    let hook = match &parsed {
        Some(value) => hook_check(project, value.as_ref()),
        None => Check::skipped(
            "hook",
            format!("{} cannot be used (see above)", layout::SETTINGS),
        ),
    };
    vec![settings_check, hook, claude_md(root), commands(root)]
}

/// Reads and parses the settings file: `None` when it cannot be used, `Some(None)` when it
/// is absent.
fn settings_file(root: &Path) -> (Check, Option<Option<Value>>) {
    let rel = layout::SETTINGS;
    let bad = |message: String, line: usize, column: usize, fix: &str| {
        let f = finding(&codes::INVALID_SETTINGS, rel, message)
            .at(line, column)
            .with_fix(fix);
        (Check::from("settings", "", vec![f]), None)
    };
    let path = match crate::fsx::join_inside(root, rel) {
        Ok(path) => path,
        Err(e) => return bad(format!("{e:#}"), 0, 0, "make it a file inside the project"),
    };
    if !path.exists() {
        return (
            Check::ok("settings", format!("{rel} is absent")),
            Some(None),
        );
    }
    let text = match crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES) {
        Ok(text) => text,
        Err(e) => {
            return bad(
                format!("cannot read it: {e}"),
                0,
                0,
                "make it a readable UTF-8 file",
            );
        }
    };
    let value = match settings::parse(&text) {
        Ok(value) => value,
        Err(e) => {
            return bad(
                format!(
                    "{}; Claude Code cannot use this file, so none of its hooks run",
                    e.message
                ),
                e.line,
                e.column,
                "fix the JSON at this position",
            );
        }
    };
    let shape = if !value.is_object() {
        Some("the top level is not an object")
    } else if value.get("hooks").is_some_and(|h| !h.is_object()) {
        Some("`hooks` is not an object")
    } else if value
        .pointer("/hooks/SubagentStop")
        .is_some_and(|s| !s.is_array())
    {
        Some("`hooks.SubagentStop` is not a list")
    } else {
        None
    };
    if let Some(what) = shape {
        return bad(
            format!("{what}; Claude Code ignores the hooks in it"),
            0,
            0,
            "give it the shape Claude Code reads: {\"hooks\": {\"SubagentStop\": [...]}}",
        );
    }
    (
        Check::ok("settings", format!("{rel} parses")),
        Some(Some(value)),
    )
}

/// agentpack's SubagentStop entry agrees with the manifest's `hooks` and with what `init`
/// writes for the current workflow.
fn hook_check(project: &Project, value: Option<&Value>) -> Check {
    let entries: Vec<&Value> = value
        .and_then(|v| v.pointer("/hooks/SubagentStop"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter(|e| settings::is_ours(e)).collect())
        .unwrap_or_default();
    let manifest_rel = crate::fsx::display_in(&project.manifest_path, &project.root);
    let rel = layout::SETTINGS;
    let wanted = project.manifest.hooks();
    let mut findings: Vec<Diagnostic> = Vec::new();
    match (wanted, entries.first()) {
        (true, None) => findings.push(
            finding(
                &codes::MISSING_HOOK,
                rel,
                format!(
                    "{manifest_rel} has the review hook on, but {rel} has no SubagentStop entry running `{}`, so no artifact is reviewed when an agent stops",
                    layout::HOOK_COMMAND
                ),
            )
            .with_fix("run `agentpack init` to add it, or set `hooks: false` in the manifest"),
        ),
        (false, Some(_)) => findings.push(
            finding(
                &codes::UNEXPECTED_HOOK,
                rel,
                format!(
                    "{manifest_rel} says `hooks: false`, but {rel} still runs `{}` on every subagent stop",
                    layout::HOOK_COMMAND
                ),
            )
            .with_fix("run `agentpack init --no-hooks` to remove the entry, or set `hooks: true`"),
        ),
        (true, Some(entry)) => {
            let expected = settings::expected(&settings::hook_agents(&project.manifest));
            if **entry != expected {
                let matcher = |v: &Value| v["matcher"].as_str().unwrap_or_default().to_string();
                findings.push(
                    finding(
                        &codes::STALE_HOOK,
                        rel,
                        format!(
                            "the review hook entry differs from what `agentpack init` writes (matcher `{}`, expected `{}`)",
                            matcher(entry),
                            matcher(&expected)
                        ),
                    )
                    .with_fix("run `agentpack init` to see the difference (`--force` replaces the entry)"),
                );
            }
        }
        (false, None) => {}
    }
    let detail = if wanted {
        format!(
            "{rel} runs `{}` for the workflow agents",
            layout::HOOK_COMMAND
        )
    } else {
        format!("hooks are off in {manifest_rel} and {rel} has no agentpack entry")
    };
    Check::from("hook", detail, findings)
}

/// The first memory file Claude Code reads imports AGENTS.md (or is AGENTS.md, linked).
fn claude_md(root: &Path) -> Check {
    let import = layout::AGENTS_MD_IMPORT;
    let Some(rel) = layout::CLAUDE_MD
        .into_iter()
        .find(|rel| root.join(rel).is_file())
    else {
        let f = finding(
            &codes::NO_AGENTS_IMPORT,
            layout::CLAUDE_MD[0],
            format!(
                "there is no {}: Claude Code reads that file, not {}, so the main thread never sees the handoff protocol",
                layout::CLAUDE_MD[0],
                layout::AGENTS_MD
            ),
        )
        .with_fix(format!("create {} with the line `{import}`, or run `agentpack init`", layout::CLAUDE_MD[0]));
        return Check::from("claude-md", "", vec![f]);
    };
    let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same(&root.join(rel), &root.join(layout::AGENTS_MD)) {
        return Check::ok("claude-md", format!("{rel} is {}", layout::AGENTS_MD));
    }
    let text = crate::fsx::join_inside(root, rel)
        .map_err(|e| format!("{e:#}"))
        .and_then(|p| {
            crate::fsx::read_text(&p, crate::fsx::MAX_FILE_BYTES).map_err(|e| e.to_string())
        });
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            let f = finding(
                &codes::NO_AGENTS_IMPORT,
                rel,
                format!("cannot read it: {e}"),
            )
            .with_fix("make it a readable UTF-8 file inside the project");
            return Check::from("claude-md", "", vec![f]);
        }
    };
    if imports(&text, layout::AGENTS_MD) {
        return Check::ok("claude-md", format!("{rel} imports {}", layout::AGENTS_MD));
    }
    let f = finding(
        &codes::NO_AGENTS_IMPORT,
        rel,
        format!(
            "{rel} does not import {} (`{import}`), so the main thread never sees the handoff protocol",
            layout::AGENTS_MD
        ),
    )
    .with_fix(format!("add a line `{import}` to {rel}, or run `agentpack init`"));
    Check::from("claude-md", "", vec![f])
}

/// Whether `text` has a Claude Code import of `target` (`@target` or `@./target` as a word,
/// outside fenced code blocks and inline code).
fn imports(text: &str, target: &str) -> bool {
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                continue;
            }
            (Some(open), Some(m)) if m == open => {
                fence = None;
                continue;
            }
            _ => {}
        }
        if fence.is_some() {
            continue;
        }
        // Text between backticks is code; imports there are not followed.
        let outside: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let found = outside.split_whitespace().any(|word| {
            word.strip_prefix('@')
                .map(|p| p.strip_prefix("./").unwrap_or(p))
                .is_some_and(|p| p == target)
        });
        if found {
            return true;
        }
    }
    false
}

/// No project command (`.claude/commands/NAME.md`) or skill (`.claude/skills/NAME/SKILL.md`)
/// takes the name of a Claude Code built-in command.
fn commands(root: &Path) -> Check {
    let mut defined: Vec<(String, String)> = Vec::new();
    let names = |dir: &str| -> Vec<std::fs::DirEntry> {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir))
            .map(|d| d.filter_map(Result::ok).collect())
            .unwrap_or_default();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        entries
    };
    for entry in names(layout::COMMANDS_DIR) {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file.strip_suffix(".md") {
            defined.push((name.to_string(), format!("{}/{file}", layout::COMMANDS_DIR)));
        }
    }
    for entry in names(layout::SKILLS_DIR) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().join("SKILL.md").is_file() {
            defined.push((
                name.clone(),
                format!("{}/{name}/SKILL.md", layout::SKILLS_DIR),
            ));
        }
    }
    let findings: Vec<Diagnostic> = defined
        .iter()
        .filter(|(name, _)| {
            crate::claude::BUILTIN_COMMANDS.contains(&name.to_ascii_lowercase().as_str())
        })
        .map(|(name, rel)| {
            finding(
                &codes::COMMAND_COLLISION,
                rel,
                format!(
                    "it defines `/{name}`, which is also a Claude Code built-in command; typing `/{name}` does not reliably run this file"
                ),
            )
            .with_fix(if name.eq_ignore_ascii_case("review") {
                "agentpack's review command is now `/agentpack-review`: run `agentpack init` to write it, then delete this file (or rename it if it is yours)".to_string()
            } else {
                "rename it: the command takes its name from the file (a skill from its folder)".to_string()
            })
        })
        .collect();
    let detail = match defined.len() {
        0 => "no project commands or skills".to_string(),
        n => format!(
            "{n} project command{} or skill{}, none named like a built-in",
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        ),
    };
    Check::from("commands", detail, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_is_a_word_outside_code() {
        assert!(imports("See the protocol:\n@AGENTS.md\n", "AGENTS.md"));
        assert!(imports("Read @./AGENTS.md first.", "AGENTS.md"));
        assert!(!imports("mail me@AGENTS.md", "AGENTS.md"));
        assert!(!imports("```\n@AGENTS.md\n```\n", "AGENTS.md"));
        assert!(!imports("write `@AGENTS.md` to import it", "AGENTS.md"));
        assert!(!imports("@AGENTS.md.bak", "AGENTS.md"));
        assert!(!imports("", "AGENTS.md"));
    }
}
