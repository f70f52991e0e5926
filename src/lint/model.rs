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
        // Every copy of a key in file order, and where its last copy is among them: an
        // earlier copy is struck out (`None`) when the next is read.
        let mut copies: Vec<Option<(String, usize, usize)>> = Vec::new();
        let mut last = std::collections::HashMap::new();
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
                if let Some(at) = last.insert(key.clone(), copies.len())
                    && let Some((_, earlier, _)) = copies[at].take()
                {
                    dups.push((key.clone(), earlier, no));
                }
                copies.push(Some((key, no, value_col)));
            }
        }
        // In file order, as the lines were read.
        let keys: Vec<(String, usize, usize)> = copies.into_iter().flatten().collect();
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
        let Some(lines) = self.value_lines(key) else {
            return self.value_pos(key);
        };
        for (no, line, from) in lines {
            if let Some(at) = line.get(from..).and_then(|rest| rest.find(needle)) {
                return (no, line[..from + at].chars().count() + 1);
            }
        }
        self.value_pos(key)
    }

    /// The lines of `key`'s value (from its key's line to the next key's), each with its
    /// number and where its value starts (after the key's colon on the key's own line).
    fn value_lines(&self, key: &str) -> Option<Vec<(usize, &str, usize)>> {
        let &(_, key_line, _) = self.keys.iter().find(|(k, _, _)| k == key)?;
        let next_key_line = self
            .keys
            .iter()
            .map(|(_, l, _)| *l)
            .filter(|l| *l > key_line)
            .min()
            .unwrap_or(usize::MAX);
        Some(
            self.lines
                .iter()
                .filter(|(no, _)| *no >= key_line && *no < next_key_line)
                .map(|&(no, line)| {
                    let from = if no == key_line {
                        line.find(':').map_or(0, |c| c + 1)
                    } else {
                        0
                    };
                    (no, line, from)
                })
                .collect(),
        )
    }

    /// The positions of `needles` inside the value of `key`, each as [`Self::find_in_value`]
    /// gives it (its first place in the value), with one read of the value for all of them:
    /// a list of thousands of tools is not read again for each.
    pub(crate) fn find_all_in_value(&self, key: &str, needles: &[&str]) -> Vec<(usize, usize)> {
        let Some(lines) = self.value_lines(key) else {
            return vec![self.value_pos(key); needles.len()];
        };
        // Each distinct needle once (an empty one is found where the value starts: asked
        // alone).
        let mut ids = std::collections::HashMap::new();
        let mut patterns = Vec::new();
        for n in needles.iter().filter(|n| !n.is_empty()) {
            ids.entry(*n).or_insert_with(|| {
                patterns.push(*n);
                patterns.len() - 1
            });
        }
        let mut first: Vec<Option<(usize, usize)>> = vec![None; patterns.len()];
        // A few hundred needles to an automaton: building one for tens of thousands takes
        // time that grows faster than their number (its states are shuffled).
        for (chunk, found) in patterns.chunks(512).zip(first.chunks_mut(512)) {
            let Ok(ac) = aho_corasick::AhoCorasick::new(chunk) else {
                continue;
            };
            let mut left = chunk.len();
            for &(no, line, from) in &lines {
                // Character columns, counted once per line that needs them.
                let chars: Vec<usize> = if line.is_ascii() {
                    Vec::new()
                } else {
                    line.char_indices().map(|(i, _)| i).collect()
                };
                let column = |at: usize| match chars.is_empty() {
                    true => at + 1,
                    false => chars.partition_point(|&c| c < at) + 1,
                };
                // Matches come in the order they end: a needle's first is its leftmost.
                for m in ac.find_overlapping_iter(&line[from..]) {
                    let slot = &mut found[m.pattern().as_usize()];
                    if slot.is_none() {
                        *slot = Some((no, column(from + m.start())));
                        left -= 1;
                        if left == 0 {
                            break;
                        }
                    }
                }
                if left == 0 {
                    break;
                }
            }
        }
        needles
            .iter()
            .map(|n| match ids.get(n) {
                Some(&id) => first[id].unwrap_or_else(|| self.value_pos(key)),
                None => self.find_in_value(key, n),
            })
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(cand: &'a Candidate, yaml: &'a str) -> AgentFile<'a> {
        AgentFile::new(cand, yaml, 2, Map::new())
    }

    fn candidate() -> Candidate {
        Candidate {
            path: PathBuf::from("a.md"),
            in_agents_dir: true,
            plugin: false,
            tree: PathBuf::from("."),
        }
    }

    /// One read of the value places each needle where asking for it alone does: its first
    /// place, on a later line, after a character wider than a byte, or the value's start.
    #[test]
    fn all_places_at_once_are_each_place() {
        let cand = candidate();
        let yaml = "name: a\ntools: Bash(git:*), Réad, Bash, Read\n  , Grep\nother: Grep\nhooks:\n  Stop: []\n";
        let f = file(&cand, yaml);
        let needles = [
            "Bash",
            "Read",
            "Bash(git:*)",
            "Read",
            "Grep",
            "Nope",
            "",
            "ad",
        ];
        let each: Vec<_> = needles
            .iter()
            .map(|n| f.find_in_value("tools", n))
            .collect();
        assert_eq!(f.find_all_in_value("tools", &needles), each);
        assert_eq!(each[4], (4, 5));
        assert_eq!(
            f.find_all_in_value("missing", &["x"]),
            vec![f.value_pos("missing")]
        );
    }

    /// 20,000 tools one per line, each placed by reading the value again: minutes in a debug
    /// build. Now one read for all (a few hundred needles to an automaton).
    #[test]
    fn many_tools_are_placed_in_one_read() {
        let cand = candidate();
        let list: String = (0..20_000).map(|n| format!("  - Tool{n}\n")).collect();
        let yaml = format!("name: a\ntools:\n{list}");
        let f = file(&cand, &yaml);
        let needles: Vec<String> = (0..20_000).map(|n| format!("Tool{n}")).collect();
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        let places = f.find_all_in_value("tools", &needles);
        assert_eq!(places[0], (4, 5));
        assert_eq!(places[19_999], (20_003, 5));
        // Repeated keys: each copy struck out once the next is read.
        let keys: String = (0..20_000).map(|n| format!("k{}: v\n", n % 100)).collect();
        let f = file(&cand, &keys);
        assert_eq!(f.duplicates().count(), 19_900);
        assert_eq!(f.keys().count(), 100);
    }
}
