//! `tools` and `disallowedTools` as Claude Code reads them: a comma-separated string split
//! outside parentheses, or a YAML list; each entry's tool name, and what it resolves to
//! (a current tool, the `Task` alias, an MCP tool, a legacy name, nothing). The tool rules
//! share this reading.

use serde_json::Value;

use super::model::AgentFile;
use crate::claude;

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

/// The entries of a tools field (`tools`, `disallowedTools`); `None` when absent, null or
/// not a string or list.
pub(crate) fn entries<'f>(file: &'f AgentFile, key: &str) -> Option<Vec<&'f str>> {
    match file.get(key)? {
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

/// Every entry of both fields, `disallowedTools` first, with the key it is listed under.
pub(crate) fn all_entries<'f>(file: &'f AgentFile) -> Vec<(&'static str, &'f str)> {
    ["disallowedTools", "tools"]
        .into_iter()
        .flat_map(|key| {
            entries(file, key)
                .unwrap_or_default()
                .into_iter()
                .map(move |e| (key, e))
        })
        .collect()
}

/// The tool name of an entry: `Bash(git *)` -> `Bash`.
pub(crate) fn tool_name(entry: &str) -> &str {
    entry.split('(').next().unwrap_or(entry).trim()
}

/// What a tool name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A current tool.
    Current,
    /// An old name that still works: (alias, tool).
    Alias(&'static str, &'static str),
    /// An `mcp__` tool.
    Mcp,
    /// A removed tool, with its replacement; Claude Code drops the entry.
    Legacy(&'static str),
    /// Nothing; Claude Code drops the entry.
    Unknown,
}

impl Resolution {
    /// Whether the entry gives the agent a tool.
    pub(crate) fn resolves(self) -> bool {
        matches!(
            self,
            Resolution::Current | Resolution::Alias(..) | Resolution::Mcp
        )
    }
}

/// What the tool `name` (no parenthesised rule) resolves to.
pub(crate) fn resolve(name: &str) -> Resolution {
    if claude::TOOLS.contains(&name) {
        Resolution::Current
    } else if let Some(&(alias, target)) = claude::ALIASES.iter().find(|(a, _)| *a == name) {
        Resolution::Alias(alias, target)
    } else if name.starts_with("mcp__") {
        Resolution::Mcp
    } else if let Some(&(_, new)) = claude::LEGACY_TOOLS.iter().find(|(old, _)| *old == name) {
        Resolution::Legacy(new)
    } else {
        Resolution::Unknown
    }
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
    fn resolutions() {
        assert_eq!(resolve("Read"), Resolution::Current);
        assert_eq!(resolve("Task"), Resolution::Alias("Task", "Agent"));
        assert_eq!(resolve("mcp__x__y"), Resolution::Mcp);
        assert!(matches!(resolve("LS"), Resolution::Legacy(_)));
        assert_eq!(resolve("Web_Search"), Resolution::Unknown);
    }
}
