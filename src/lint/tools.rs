//! `tools` and `disallowedTools` as Claude Code reads them: a string split on commas and
//! whitespace outside parentheses, or a list whose items are split the same way; `*` means
//! every tool, and an empty, null, number or boolean value means no tools. Each entry's tool
//! name resolves to a tool (maybe through an alias), an MCP selector, a removed name or
//! nothing; and a tool is given to subagents always, in some sessions only, or never. The
//! tool rules and `check --fix` share this reading.

use serde_json::Value;

use super::model::AgentFile;
use crate::claude;

/// Splits a tools string on commas and whitespace outside parentheses.
pub(crate) fn split_tools(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && (c == ',' || c.is_whitespace()) => {
                out.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// What a `tools`-like field asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spec<'f> {
    /// No key, or `*` among the entries: every tool of the pool.
    All,
    /// Empty, null, `""`, `[]`, a number or a boolean: no tools at all.
    Nothing,
    /// These entries.
    Entries(Vec<&'f str>),
}

/// Reads the field `key` (`tools`, `disallowedTools`, `skills`).
pub(crate) fn spec<'f>(file: &'f AgentFile, key: &str) -> Spec<'f> {
    let entries: Vec<&str> = match file.get(key) {
        None => return Spec::All,
        Some(Value::String(s)) => split_tools(s),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(split_tools)
            .collect(),
        Some(_) => Vec::new(),
    };
    if entries.contains(&"*") {
        Spec::All
    } else if entries.is_empty() {
        Spec::Nothing
    } else {
        Spec::Entries(entries)
    }
}

/// The entries of a tools field; `None` when the field gives every tool or none.
pub(crate) fn entries<'f>(file: &'f AgentFile, key: &str) -> Option<Vec<&'f str>> {
    match spec(file, key) {
        Spec::Entries(e) => Some(e),
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
                .filter(|e| *e != "*")
                .map(move |e| (key, e))
        })
        .collect()
}

/// Where each of `entries` (key, entry) sits in its key's value, as
/// [`AgentFile::find_in_value`] gives it, each key's value read once for all its entries.
pub(crate) fn places(file: &AgentFile, entries: &[(&str, &str)]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); entries.len()];
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let at: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].0 == key)
            .collect();
        let needles: Vec<&str> = at.iter().map(|&i| entries[i].1).collect();
        for (i, place) in at.into_iter().zip(file.find_all_in_value(key, &needles)) {
            out[i] = place;
        }
    }
    out
}

/// The tool name of an entry: `Bash(git *)` -> `Bash`.
pub(crate) fn tool_name(entry: &str) -> &str {
    entry.split('(').next().unwrap_or(entry).trim()
}

/// What a tool name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// A tool of the registry, maybe reached through an alias: (tool, alias used).
    Tool(&'static str, Option<&'static str>),
    /// An `mcp__` selector.
    Mcp,
    /// A name the client no longer knows, with what replaces it.
    Legacy(Option<&'static str>),
    /// Nothing.
    Unknown,
}

/// Whether a subagent gets a tool of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    Always,
    /// Only in some sessions (model, platform, MCP servers, feature gates).
    Session,
    Never,
}

/// What the tool `name` (no parenthesised rule) resolves to.
pub(crate) fn resolve(name: &str) -> Resolution {
    if let Some(tool) = claude::TOOLS.iter().find(|t| **t == name) {
        Resolution::Tool(tool, None)
    } else if let Some(&(alias, target)) = claude::ALIASES.iter().find(|(a, _)| *a == name) {
        Resolution::Tool(target, Some(alias))
    } else if name.starts_with("mcp__") {
        Resolution::Mcp
    } else if let Some(&(_, new)) = claude::LEGACY_TOOLS.iter().find(|(old, _)| *old == name) {
        Resolution::Legacy(new)
    } else {
        Resolution::Unknown
    }
}

/// Whether a subagent of `file` gets the registry tool `tool`.
pub(crate) fn availability(file: &AgentFile, tool: &str) -> Availability {
    let plan = file.get("permissionMode").and_then(Value::as_str) == Some("plan");
    if tool == "ExitPlanMode" && plan {
        Availability::Always
    } else if claude::NOT_FOR_SUBAGENTS.contains(&tool) {
        Availability::Never
    } else if claude::SESSION_TOOLS.contains(&tool) {
        Availability::Session
    } else {
        Availability::Always
    }
}

/// Whether an entry can give the agent a tool in some session (MCP selectors count: the
/// servers are the session's).
pub(crate) fn may_resolve(file: &AgentFile, entry: &str) -> bool {
    match resolve(tool_name(entry)) {
        Resolution::Tool(tool, _) => availability(file, tool) != Availability::Never,
        Resolution::Mcp => true,
        Resolution::Legacy(_) | Resolution::Unknown => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_commas_and_whitespace_outside_parentheses() {
        assert_eq!(
            split_tools("Read, Bash(git add, git commit), Grep,"),
            ["Read", "Bash(git add, git commit)", "Grep"]
        );
        assert_eq!(split_tools("Read Grep\tGlob"), ["Read", "Grep", "Glob"]);
        assert_eq!(split_tools("Read: Write"), ["Read:", "Write"]);
        assert_eq!(split_tools(" "), Vec::<&str>::new());
        assert_eq!(split_tools("Bash(a(b), c"), ["Bash(a(b), c"]);
    }

    #[test]
    fn resolutions() {
        assert_eq!(resolve("Read"), Resolution::Tool("Read", None));
        assert_eq!(resolve("Task"), Resolution::Tool("Agent", Some("Task")));
        assert_eq!(
            resolve("KillShell"),
            Resolution::Tool("TaskStop", Some("KillShell"))
        );
        assert_eq!(resolve("mcp__x__y"), Resolution::Mcp);
        assert_eq!(resolve("LS"), Resolution::Legacy(Some("Glob")));
        assert_eq!(resolve("TaskOutput"), Resolution::Legacy(None));
        assert_eq!(resolve("Web_Search"), Resolution::Unknown);
    }
}
