//! `check --fix`: the mechanical fixes, applied to the text of an agent file. Line endings
//! of a frontmatter the client's retry cannot read (CRLF) become LF; values the retry would
//! have to quote are quoted; removed tool names with a successor are renamed (`LS` -> `Glob`,
//! `MultiEdit` -> `Edit`), aliases become the canonical name (`Task` -> `Agent`); a model
//! alias in another case becomes lower case. Fixing fixed text changes nothing.

use std::path::{Path, PathBuf};

use super::discover;
use super::parse::reader::{self, Parsed};
use super::tools::{Resolution, resolve, split_tools, tool_name};

/// One file `--fix` would change: its path, the text on disk and the fixed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    /// What was done, one short line each.
    pub changes: Vec<String>,
}

/// The fixes for the agent files below `paths` (or the project's `.claude/agents/` when
/// `paths` is empty), sorted by path; files with nothing to fix are left out.
pub fn plan(root: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<Fixed>> {
    let cands = if paths.is_empty() {
        discover::project_agent_files(root)?
    } else {
        discover::agent_files(paths)?
    };
    let mut out = Vec::new();
    for cand in cands.iter().filter(|c| c.in_agents_dir) {
        let Ok(before) = std::fs::read_to_string(&cand.path) else {
            continue;
        };
        let (after, changes) = fix_text(&before);
        if after != before {
            out.push(Fixed {
                path: cand.path.clone(),
                before,
                after,
                changes,
            });
        }
    }
    Ok(out)
}

/// Writes every fix, each file atomically.
pub fn apply(fixes: &[Fixed]) -> anyhow::Result<()> {
    for f in fixes {
        crate::fsx::write_atomic(&f.path, f.after.as_bytes())?;
    }
    Ok(())
}

/// Fixes one file's text; the new text and what changed.
pub(crate) fn fix_text(text: &str) -> (String, Vec<String>) {
    let mut changes = Vec::new();
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let mut body = text[bom.len()..].to_string();
    let Some(block) = reader::block(&body) else {
        return (text.to_string(), changes);
    };
    let yaml_line = block.yaml_line;
    let mut yaml = block.yaml.to_string();
    let (head, tail) = (
        body[..block.yaml_offset].to_string(),
        body[block.close_offset..].to_string(),
    );
    // CRLF defeats the retry: the frontmatter gets LF endings when it needs the retry.
    if yaml.contains('\r') && !matches!(reader::parse(&yaml, yaml_line), Parsed::Clean(_)) {
        yaml = yaml.replace("\r\n", "\n");
        changes.push(
            "frontmatter line endings CRLF -> LF (Claude Code's retry cannot read CRLF)".into(),
        );
    }
    // Quote what the retry would quote, so the first parse works.
    if let Parsed::Retried(..) = reader::parse(&yaml, yaml_line) {
        let quoted = reader::quoted_lines(&yaml);
        let mut lines: Vec<String> = yaml.split('\n').map(str::to_string).collect();
        for q in &quoted {
            lines[q.index] = q.line.clone();
            changes.push(format!("quoted the value of `{}`", q.key));
        }
        yaml = lines.join("\n");
    }
    let (renamed, mut more) = rename_tools(&yaml);
    yaml = renamed;
    changes.append(&mut more);
    let (model, mut more) = canonical_model(&yaml);
    yaml = model;
    changes.append(&mut more);
    let head = if changes.iter().any(|c| c.contains("CRLF")) {
        head.replace("\r\n", "\n")
    } else {
        head
    };
    body = format!("{head}{yaml}{tail}");
    (format!("{bom}{body}"), changes)
}

/// Renames tool entries in the `tools`/`disallowedTools` lines (the key's line and the
/// indented lines below it).
fn rename_tools(yaml: &str) -> (String, Vec<String>) {
    let mut changes = Vec::new();
    let mut in_tools = false;
    let lines: Vec<String> = yaml
        .split('\n')
        .map(|line| {
            if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
                in_tools = line.starts_with("tools:") || line.starts_with("disallowedTools:");
            }
            if !in_tools {
                return line.to_string();
            }
            let value_start = if line.starts_with([' ', '\t', '-']) {
                0
            } else {
                line.find(':').map_or(0, |c| c + 1)
            };
            let mut out = line[..value_start].to_string();
            let mut rest = &line[value_start..];
            // Entries keep their separators: only the names change.
            let names: Vec<&str> = split_tools(rest.trim_matches(|c| "[]-\"' \r".contains(c)))
                .into_iter()
                .map(|e| tool_name(e.trim_matches(|c| "\"'[],".contains(c))))
                .collect();
            for name in names {
                let new = match resolve(name) {
                    Resolution::Legacy(Some(new)) => new,
                    Resolution::Tool(tool, Some(_)) => tool,
                    _ => continue,
                };
                if let Some(at) = find_word(rest, name) {
                    out.push_str(&rest[..at]);
                    out.push_str(new);
                    rest = &rest[at + name.len()..];
                    changes.push(format!("tool `{name}` -> `{new}`"));
                }
            }
            out.push_str(rest);
            out
        })
        .collect();
    (lines.join("\n"), changes)
}

/// Byte offset of `word` in `text` where it is not part of a longer name.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back().is_none_or(|c| !is_name(c));
        let after = text[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_name(c));
        if before && after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `model: Sonnet` -> `model: sonnet`.
fn canonical_model(yaml: &str) -> (String, Vec<String>) {
    let mut changes = Vec::new();
    let lines: Vec<String> = yaml
        .split('\n')
        .map(|line| {
            let Some(value) = line.strip_prefix("model:") else {
                return line.to_string();
            };
            let cr = if value.ends_with('\r') { "\r" } else { "" };
            let v = value.trim_end_matches('\r').trim();
            match super::rules::invalid_model::canonical(v) {
                Some(new) if !v.starts_with(['"', '\'']) => {
                    changes.push(format!("model `{v}` -> `{new}`"));
                    format!("model: {new}{cr}")
                }
                _ => line.to_string(),
            }
        })
        .collect();
    (lines.join("\n"), changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_mechanical_and_idempotent() {
        let text = "---\r\nname: a\r\ndescription: Reviews. Triggers on: x\r\ntools: Read, LS, MultiEdit, Task, KillShell, TaskOutput\r\nmodel: Sonnet\r\n---\r\nBody\r\n";
        let (fixed, changes) = fix_text(text);
        assert_eq!(
            fixed,
            "---\nname: a\ndescription: \"Reviews. Triggers on: x\"\ntools: Read, Glob, Edit, Agent, TaskStop, TaskOutput\nmodel: sonnet\n---\r\nBody\r\n"
        );
        assert!(changes.len() >= 6, "{changes:?}");
        assert_eq!(fix_text(&fixed).0, fixed, "a second run changes nothing");
    }

    #[test]
    fn lists_and_clean_files() {
        let text = "---\nname: a\ndescription: x\ntools:\n  - LS\n  - Bash(ls *)\n---\n";
        assert_eq!(
            fix_text(text).0,
            "---\nname: a\ndescription: x\ntools:\n  - Glob\n  - Bash(ls *)\n---\n"
        );
        let clean = "---\nname: a\ndescription: x\ntools: Read\nmodel: claude-opus-5\n---\n";
        assert_eq!(fix_text(clean).0, clean);
        assert!(fix_text("no frontmatter").1.is_empty());
    }
}
