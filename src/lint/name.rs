//! The `name` field: present, a string, loadable (no `:`, no leading `-`), in the documented
//! style, and unique within one agents tree.

use std::collections::HashMap;

use super::Lint;
use super::agent::{AgentFile, AgentInfo, skip_severity};
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

pub(crate) const MISSING_NAME: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG006",
        name: "missing-name",
        summary: "The frontmatter has no `name`, or it is empty or not a string",
        doc: "## What it does\nReports an agent file whose frontmatter lacks `name`, or whose `name` is empty or not a string. For plugin agents it is a warning: they load under their file name.\n\n## Why\nOnly `name` and `description` are required. Without `name` Claude Code treats the file as documentation and never offers the agent.\n\n## Example\n```yaml\ndescription: Reviews code. Use after changes.\n```\n\n## Use instead\n```yaml\nname: code-reviewer\ndescription: Reviews code. Use after changes.\n```\n",
    },
};

pub(crate) const INVALID_NAME: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG007",
        name: "invalid-name",
        summary: "The `name` contains `:` or starts with `-`, so the agent is not loaded",
        doc: "## What it does\nReports a `name` that contains `:` or starts with `-`.\n\n## Why\n`:` is reserved for plugin scoping (`plugin:agent`). Since Claude Code v2.1.218 such a name is not loaded; the error only reaches the debug log.\n\n## Example\n```yaml\nname: review:security\n```\n\n## Use instead\n```yaml\nname: review-security\n```\n",
    },
};

pub(crate) const NAME_STYLE: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG008",
        name: "name-style",
        summary: "The `name` is not lowercase letters, digits and hyphens",
        doc: "## What it does\nReports a `name` with uppercase letters, underscores, dots or spaces.\n\n## Why\nThe docs define names as lowercase letters and hyphens. Other spellings are hard to type in `@agent-<name>` mentions and in hook matchers, and may be rejected by later versions.\n\n## Example\n```yaml\nname: Code_Reviewer\n```\n\n## Use instead\n```yaml\nname: code-reviewer\n```\n",
    },
};

pub(crate) const DUPLICATE_NAME: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG009",
        name: "duplicate-name",
        summary: "Two files in one agents tree declare the same `name`",
        doc: "## What it does\nReports every file after the first (by path) whose `name` is already used in the same agents tree (`.claude/agents/**`, or one plugin's `agents/`).\n\n## Why\nOnly one of them loads, and which one depends on the order the file system lists them; `/doctor` reports it but the session does not.\n\n## Example\n`.claude/agents/reviewer.md` and `.claude/agents/old/reviewer.md` both have `name: reviewer`.\n\n## Use instead\nRename one agent or delete the stale file.\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[&MISSING_NAME, &INVALID_NAME, &NAME_STYLE, &DUPLICATE_NAME];

/// Checks `name`; returns it when it is a usable string.
pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) -> Option<String> {
    let path = file.path;
    let plugin_note = if file.plugin {
        "; this plugin agent loads under its file name instead"
    } else {
        "; Claude Code treats the file as documentation and skips it"
    };
    let problem = match file.get("name") {
        None => Some("the frontmatter has no `name`".to_string()),
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
            Some("`name` is empty".to_string())
        }
        Some(serde_json::Value::String(_)) => None,
        Some(other) => Some(format!(
            "`name` is {}, not a string",
            super::fields::kind(other)
        )),
    };
    if let Some(problem) = problem {
        let (line, col) = file.value_pos("name");
        let stem = path
            .file_stem()
            .map_or_else(String::new, |s| kebab(&s.to_string_lossy()));
        let mut d = MISSING_NAME.diag(path, line, col, format!("{problem}{plugin_note}"));
        d.severity = skip_severity(file.plugin, d.severity);
        out.push(d.with_fix(format!(
            "add `name: {stem}` (lowercase letters and hyphens)"
        )));
        return None;
    }
    let name = file
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let (line, col) = file.value_pos("name");
    if name.contains(':') || name.starts_with('-') {
        let why = if name.contains(':') {
            "contains `:`, which is reserved for plugin scoping"
        } else {
            "starts with `-`"
        };
        out.push(
            INVALID_NAME
                .diag(
                    path,
                    line,
                    col,
                    format!("`name: {name}` {why}; Claude Code does not load this agent"),
                )
                .with_fix(format!("use `name: {}`", kebab(&name))),
        );
    } else if !is_kebab(&name) {
        out.push(
            NAME_STYLE
                .diag(
                    path,
                    line,
                    col,
                    format!("`name: {name}` is not lowercase letters, digits and hyphens"),
                )
                .with_fix(format!("use `name: {}`", kebab(&name))),
        );
    }
    Some(name)
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `Code_Reviewer v2` -> `code-reviewer-v2`.
pub(crate) fn kebab(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with('-') {
                out.push('-');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "agent".into()
    } else {
        trimmed.to_string()
    }
}

/// Reports names used twice within one agents tree (agents arrive sorted by path).
pub(crate) fn check_duplicates(agents: &[AgentInfo], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&std::path::Path, &str), &AgentInfo> = HashMap::new();
    for agent in agents {
        let Some(name) = agent.name.as_deref() else {
            continue;
        };
        match seen.get(&(agent.tree.as_path(), name)) {
            Some(first) => out.push(
                DUPLICATE_NAME
                    .diag(
                        &agent.path,
                        agent.name_line,
                        1,
                        format!(
                            "`name: {name}` is also declared in {}; only one of them loads",
                            crate::report::display_path(&first.path)
                        ),
                    )
                    .with_fix("rename one of the agents or delete the stale file"),
            ),
            None => {
                seen.insert((agent.tree.as_path(), name), agent);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert_eq!(kebab("Code_Reviewer v2"), "code-reviewer-v2");
        assert_eq!(kebab("codeReviewer"), "code-reviewer");
        assert_eq!(kebab("review:security"), "review-security");
        assert_eq!(kebab("-x"), "x");
        assert_eq!(kebab("::"), "agent");
        assert!(is_kebab("a1-b2") && !is_kebab("a--b") && !is_kebab("A") && !is_kebab(""));
    }
}
