//! `AGENTS.md` as the rules see it: its text, the manifest and agents it is checked against,
//! and the agents it names: the first column of any table headed `Agent` (tables as the
//! project's markdown model finds them) and `@agent-NAME` mentions.

use std::path::Path;

use super::model::AgentInfo;
use crate::document::Document;
use crate::project::Manifest;

/// File name, at the project root.
pub(crate) const FILE: &str = "AGENTS.md";

/// A read `AGENTS.md` with what it is checked against.
#[derive(Debug)]
pub(crate) struct AgentsMd<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub manifest: &'a Manifest,
    /// The agents that parsed in the agents folders.
    pub agents: &'a [AgentInfo],
}

impl AgentsMd<'_> {
    /// Whether `word` occurs in the text not as part of a longer name.
    pub(crate) fn mentions(&self, word: &str) -> bool {
        mentions(self.text, word)
    }

    /// Whether `name` is an agent of the manifest, of `.claude/agents/` or built in.
    pub(crate) fn defines(&self, name: &str) -> bool {
        self.manifest.agents.contains_key(name)
            || self.agents.iter().any(|a| a.name.as_deref() == Some(name))
            || crate::claude::BUILTIN_AGENTS.contains(&name)
    }

    /// Agents the text names, with their 1-based line and column.
    pub(crate) fn named_agents(&self) -> Vec<(String, usize, usize)> {
        named_agents(self.text)
    }
}

fn mentions(text: &str, word: &str) -> bool {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
    })
}

/// The first cell of a table row: `| `writer` | w |` -> `` `writer` ``.
fn first_cell(row: &str) -> &str {
    row.trim()
        .trim_start_matches('|')
        .split('|')
        .next()
        .unwrap_or("")
        .trim()
}

fn named_agents(text: &str) -> Vec<(String, usize, usize)> {
    let doc = Document::parse(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for table in &doc.tables {
        let first = doc.line(table.start);
        let last = doc.line(table.end.saturating_sub(1).max(table.start));
        // Rows after one whose first cell is `Agent` (the header) name agents.
        let mut in_agent_table = false;
        for no in first..=last {
            let Some(line) = lines.get(no - 1) else { break };
            let cell = first_cell(line);
            if cell.eq_ignore_ascii_case("agent") {
                in_agent_table = true;
            } else if in_agent_table && !cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
                let name = cell.trim_matches('`').trim();
                if !name.is_empty() {
                    let col = line.find(name).map_or(1, |c| line[..c].chars().count() + 1);
                    out.push((name.to_string(), no, col));
                }
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        for (at, _) in line.match_indices("@agent-") {
            let name: String = line[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !name.is_empty() {
                out.push((name, i + 1, line[..at].chars().count() + 1));
            }
        }
    }
    out.sort_by_key(|(_, line, col)| (*line, *col));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roster_names_and_mentions() {
        let text = "# X\n\n| Agent | Role |\n|---|---|\n| `writer` | w |\n| researcher | r |\n\nAsk @agent-editor.\n\n| Artifact | By |\n|---|---|\n| `a.md` | x |\n";
        let names: Vec<_> = named_agents(text)
            .into_iter()
            .map(|(n, l, _)| (n, l))
            .collect();
        assert_eq!(
            names,
            [
                ("writer".into(), 5),
                ("researcher".into(), 6),
                ("editor".into(), 8)
            ]
        );
        assert!(mentions("the `writer` agent", "writer"));
        assert!(!mentions("ghost-writer", "writer"));
    }

    #[test]
    fn tables_are_the_markdown_models() {
        // No leading pipes is still a table; a table in a code block is not one.
        let text = "Agent | Role\n---|---\nwriter | w\n\n```\n| Agent |\n|---|\n| ghost |\n```\n";
        let names: Vec<_> = named_agents(text).into_iter().map(|(n, ..)| n).collect();
        assert_eq!(names, ["writer"]);
    }
}
