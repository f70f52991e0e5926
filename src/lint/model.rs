//! One agent file, parsed: its frontmatter as a JSON-like map plus where each top-level key
//! sits in the file, so rules can point at a line and column; and [`AgentInfo`], what the
//! rules across files (duplicate names, the manifest, `AGENTS.md`) know of each agent.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::discover::Candidate;

/// A parsed agent file.
#[derive(Debug)]
pub(crate) struct AgentFile<'a> {
    pub path: &'a Path,
    pub plugin: bool,
    pub map: Map<String, Value>,
    /// Top-level keys in file order: key, 1-based line, 1-based column of the value.
    keys: Vec<(String, usize, usize)>,
    /// Repeated top-level keys: key, line of an earlier copy, line of the last one.
    dups: Vec<(String, usize, usize)>,
    /// The frontmatter lines with their 1-based file line.
    lines: Vec<(usize, &'a str)>,
    /// The line of the opening `---`.
    pub start_line: usize,
}

impl<'a> AgentFile<'a> {
    pub(crate) fn new(
        cand: &'a Candidate,
        yaml: &'a str,
        yaml_line: usize,
        map: Map<String, Value>,
    ) -> Self {
        let lines: Vec<(usize, &str)> = yaml
            .split('\n')
            .enumerate()
            .map(|(i, l)| (yaml_line + i, l.strip_suffix('\r').unwrap_or(l)))
            .collect();
        let mut keys: Vec<(String, usize, usize)> = Vec::new();
        let mut dups = Vec::new();
        for &(no, line) in &lines {
            if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
                continue;
            }
            if let Some(colon) = line.find(':') {
                let key = line[..colon].trim().trim_matches(['"', '\'']).to_string();
                let after = &line[colon + 1..];
                let value_col = line[..colon + 1].chars().count()
                    + 1
                    + (after.len() - after.trim_start().len());
                // The last copy is the one the client keeps, so positions point at it.
                if let Some(at) = keys.iter().position(|(k, _, _)| *k == key) {
                    let (_, earlier, _) = keys.remove(at);
                    dups.push((key.clone(), earlier, no));
                }
                keys.push((key, no, value_col));
            }
        }
        keys.sort_by_key(|(_, line, _)| *line);
        AgentFile {
            path: &cand.path,
            plugin: cand.plugin,
            map,
            keys,
            dups,
            lines,
            start_line: yaml_line.saturating_sub(1).max(1),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// A field that is a non-empty string (whitespace counts: the client accepts it).
    fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Some(s),
            _ => None,
        }
    }

    /// The `name`, when the client can use it (a non-empty string).
    pub(crate) fn name(&self) -> Option<&str> {
        self.text("name")
    }

    /// The `description`, when the client can use it (a non-empty string).
    pub(crate) fn description(&self) -> Option<&str> {
        self.text("description")
    }

    /// Repeated top-level keys: (key, line of an earlier copy, line of the last copy).
    pub(crate) fn duplicates(&self) -> impl Iterator<Item = (&str, usize, usize)> {
        self.dups.iter().map(|(k, a, b)| (k.as_str(), *a, *b))
    }

    /// Line and column of `key` itself (or of the frontmatter start when not found).
    pub(crate) fn key_pos(&self, key: &str) -> (usize, usize) {
        self.keys
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((self.start_line, 1), |(_, line, _)| (*line, 1))
    }

    /// Line and column where the value of `key` starts.
    pub(crate) fn value_pos(&self, key: &str) -> (usize, usize) {
        self.keys
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((self.start_line, 1), |(_, line, col)| (*line, *col))
    }

    /// Position of `needle` inside the value of `key` (which may span lines); the value's
    /// start when not found.
    pub(crate) fn find_in_value(&self, key: &str, needle: &str) -> (usize, usize) {
        let Some(&(_, key_line, _)) = self.keys.iter().find(|(k, _, _)| k == key) else {
            return self.value_pos(key);
        };
        let next_key_line = self
            .keys
            .iter()
            .map(|(_, l, _)| *l)
            .filter(|l| *l > key_line)
            .min()
            .unwrap_or(usize::MAX);
        for &(no, line) in self
            .lines
            .iter()
            .filter(|(no, _)| *no >= key_line && *no < next_key_line)
        {
            let from = if no == key_line {
                line.find(':').map_or(0, |c| c + 1)
            } else {
                0
            };
            if let Some(at) = line.get(from..).and_then(|rest| rest.find(needle)) {
                return (no, line[..from + at].chars().count() + 1);
            }
        }
        self.value_pos(key)
    }

    /// Top-level keys in file order with their position.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&str, usize, usize)> {
        self.keys.iter().map(|(k, l, c)| (k.as_str(), *l, *c))
    }
}

/// How a YAML value reads in a message: "a number", "a list", ...
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// What the rules across files need to know about a linted agent file.
#[derive(Debug, Clone)]
pub(crate) struct AgentInfo {
    pub path: PathBuf,
    /// The `name` field, when it is a usable string.
    pub name: Option<String>,
    /// The agent is skipped by the client (a name it refuses, no description...).
    pub skipped: bool,
    pub tree: PathBuf,
    /// The line of `name:` (for duplicate reports).
    pub name_line: usize,
}

impl AgentInfo {
    pub(crate) fn new(cand: &Candidate, file: &AgentFile) -> Self {
        AgentInfo {
            path: cand.path.clone(),
            name: file.name().map(str::to_string),
            skipped: false,
            tree: cand.tree.clone(),
            name_line: file.key_pos("name").0,
        }
    }
}
