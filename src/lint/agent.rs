//! One agent file, parsed: its frontmatter as a JSON-like map plus where each top-level key
//! sits in the file, so rules can point at a line and column. Also the per-file driver that
//! runs every agent rule, and the per-tree pass (duplicate names).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::discover::Candidate;
use super::{description, fields, frontmatter, name, tools};
use crate::diag::{Diagnostic, Severity};

/// A parsed agent file.
#[derive(Debug)]
pub(crate) struct AgentFile<'a> {
    pub path: &'a Path,
    pub plugin: bool,
    pub map: Map<String, Value>,
    /// Top-level keys in file order: key, 1-based line, 1-based column of the value.
    keys: Vec<(String, usize, usize)>,
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
        let mut keys = Vec::new();
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
                if !keys.iter().any(|(k, _, _)| *k == key) {
                    keys.push((key, no, value_col));
                }
            }
        }
        AgentFile {
            path: &cand.path,
            plugin: cand.plugin,
            map,
            keys,
            lines,
            start_line: yaml_line.saturating_sub(1).max(1),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
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

/// Severity of a "Claude Code skips this file" finding: plugin agents still load under their
/// file name, so for them it is a warning.
pub(crate) fn skip_severity(plugin: bool, default: Severity) -> Severity {
    if plugin && default == Severity::Error {
        Severity::Warning
    } else {
        default
    }
}

/// What the project rules need to know about a linted agent file.
#[derive(Debug, Clone)]
pub(crate) struct AgentInfo {
    pub path: PathBuf,
    /// The `name` field, when it is a usable string.
    pub name: Option<String>,
    pub tree: PathBuf,
    /// The line of `name:` (for duplicate reports).
    pub name_line: usize,
}

/// Lints one agent file's text; `None` when it is not an agent (or cannot be parsed).
pub(crate) fn lint_text(
    cand: &Candidate,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<AgentInfo> {
    let file = frontmatter::parse(cand, text, out)?;
    let name = name::check(&file, out);
    description::check(&file, out);
    fields::check(&file, out);
    tools::check(&file, out);
    Some(AgentInfo {
        path: cand.path.clone(),
        name,
        tree: cand.tree.clone(),
        name_line: file.key_pos("name").0,
    })
}

/// The result of linting a set of candidates.
#[derive(Debug, Default)]
pub(crate) struct Linted {
    /// Files that turned out to be agent files (including broken ones).
    pub files: Vec<PathBuf>,
    /// The agents that parsed.
    pub agents: Vec<AgentInfo>,
}

/// Lints every candidate (in parallel), then the per-tree rules.
pub(crate) fn lint_all(cands: &[Candidate], out: &mut Vec<Diagnostic>) -> Linted {
    use rayon::prelude::*;
    let results: Vec<(&Candidate, Vec<Diagnostic>, Option<AgentInfo>)> = cands
        .par_iter()
        .map(|cand| {
            let mut diags = Vec::new();
            let info = match crate::fsx::read_text(&cand.path, crate::fsx::MAX_FILE_BYTES) {
                Ok(text) => lint_text(cand, &text, &mut diags),
                Err(err) => {
                    if cand.in_agents_dir {
                        diags.push(frontmatter::unreadable(&cand.path, &err));
                    }
                    None
                }
            };
            (cand, diags, info)
        })
        .collect();
    let mut linted = Linted::default();
    for (cand, diags, info) in results {
        if cand.in_agents_dir || info.is_some() || !diags.is_empty() {
            linted.files.push(cand.path.clone());
        }
        out.extend(diags);
        linted.agents.extend(info);
    }
    name::check_duplicates(&linted.agents, out);
    linted
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cand(plugin: bool) -> Candidate {
        Candidate {
            path: PathBuf::from(if plugin {
                "plugins/p/agents/a.md"
            } else {
                ".claude/agents/a.md"
            }),
            in_agents_dir: true,
            plugin,
            tree: PathBuf::from(".claude/agents"),
        }
    }

    #[test]
    fn positions_point_at_values_and_entries() {
        let text =
            "---\nname: a\ndescription: Use when x.\ntools:\n  - Read\n  - Web_Search\n---\n";
        let mut out = Vec::new();
        let info = lint_text(&cand(false), text, &mut out).unwrap();
        assert_eq!(info.name.as_deref(), Some("a"));
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            (out[0].code.as_str(), out[0].line, out[0].column),
            ("AG019", 6, 5)
        );
    }

    #[test]
    fn hostile_frontmatter_is_a_finding() {
        for text in [
            "---\nname: [[[[\n---\n",
            "---\n: x\n---\n",
            "---\nname: a\n  bad indent: x\n---\n",
            "---\r\nname: a\r\ndescription: x: y\r\n---\r\n",
            "---\nname: &a x\ndescription: *a\n---\n",
            "---\n\"\\uZZZZ\": 1\n---\n",
        ] {
            let mut out = Vec::new();
            lint_text(&cand(false), text, &mut out);
            assert!(!out.is_empty(), "{text:?} gave no finding");
        }
    }

    proptest! {
        #[test]
        fn linter_never_panics(
            body in "(---\r?\n)?((name|description|tools|model|color|maxTurns|hooks|x)(: ?)[ -~]{0,30}\r?\n|  - [ -~]{0,10}\n|[ -~]{0,20}\n){0,8}(---\n)?\\PC{0,20}",
            plugin in any::<bool>(),
        ) {
            let mut out = Vec::new();
            let _ = lint_text(&cand(plugin), &body, &mut out);
            for d in &out {
                prop_assert!(d.line <= body.lines().count() + 2, "{d:?}");
            }
        }
    }
}
