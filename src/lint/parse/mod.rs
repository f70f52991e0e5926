//! The parse stage: reading an agent file the way Claude Code does. The file must be UTF-8,
//! open with a `---` frontmatter block that is closed, and hold YAML that parses to a
//! mapping. A file that fails here is skipped by Claude Code without a word, so these codes
//! are errors (warnings for plugin agents, which still load under their file name). Each
//! code lives in its own file; this one runs the stage.

pub(crate) mod invalid_yaml;
pub(crate) mod missing_frontmatter;
pub(crate) mod unquoted_value;
pub(crate) mod unreadable_file;
pub(crate) mod unterminated_frontmatter;

use serde_json::{Map, Value};

use super::discover::Candidate;
use super::model::AgentFile;
use crate::diag::Diagnostic;
use crate::document::frontmatter::{Split, split};

/// Splits and parses `text`. `None` when the file is not an agent or cannot be read further
/// (the reason, if any, is pushed to `out`).
pub(crate) fn parse<'a>(
    cand: &'a Candidate,
    text: &'a str,
    out: &mut Vec<Diagnostic>,
) -> Option<AgentFile<'a>> {
    let fm = match split(text) {
        Split::Found(fm) => fm,
        Split::Missing => {
            out.extend(missing_frontmatter::check(cand));
            return None;
        }
        Split::Unterminated { line } => {
            if cand.in_agents_dir {
                out.push(unterminated_frontmatter::diag(cand, line));
            }
            return None;
        }
    };
    if !cand.in_agents_dir && !has_top_level_key(fm.yaml, "name") {
        return None;
    }
    let value = match crate::yaml::parse::<Value>(fm.yaml, fm.yaml_line - 1) {
        Ok(v) => v,
        Err(strict) => match recover(fm.yaml, fm.yaml_line - 1) {
            Some(v) => {
                out.push(unquoted_value::diag(cand, &strict, text.contains("\r\n")));
                v
            }
            None => {
                out.push(invalid_yaml::syntax(cand, &strict));
                return None;
            }
        },
    };
    let map = match value {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => {
            out.push(invalid_yaml::not_a_mapping(cand, fm.yaml_line, &other));
            return None;
        }
    };
    Some(AgentFile::new(cand, fm.yaml, fm.yaml_line, map))
}

fn has_top_level_key(yaml: &str, key: &str) -> bool {
    yaml.lines().any(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// Re-parses `yaml` with each single-line plain value of a top-level key that holds `: `
/// double-quoted.
/// `Some` when that fixes it: the value Claude Code most likely recovers.
pub(crate) fn recover(yaml: &str, line_offset: usize) -> Option<Value> {
    let lines: Vec<&str> = yaml.split('\n').collect();
    let mut changed = false;
    let mut out = String::with_capacity(yaml.len() + 64);
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let next_is_top = lines[i + 1..]
            .iter()
            .map(|l| l.trim_end_matches('\r'))
            .find(|l| !l.trim().is_empty())
            .is_none_or(|l| !l.starts_with([' ', '\t']));
        // Only a value holding `: ` breaks strict YAML this way; quoting others would turn
        // numbers and booleans into strings and invent errors.
        let breaks = line
            .split_once(": ")
            .is_some_and(|(_, value)| value.contains(": "));
        match quote_line(line) {
            Some(quoted) if next_is_top && breaks => {
                out.push_str(&quoted);
                changed = true;
            }
            _ => out.push_str(line),
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    if !changed {
        return None;
    }
    crate::yaml::parse::<Value>(&out, line_offset).ok()
}

/// `key: plain value` -> `key: "plain value"`; `None` for other lines.
fn quote_line(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let colon = line.find(": ")?;
    let key = &line[..colon];
    if key.is_empty() || key.contains(['"', '\'', '{', '[']) {
        return None;
    }
    let value = line[colon + 2..].trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("{key}: \"{escaped}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_an_unquoted_colon_only() {
        let v = recover("name: a\ndescription: Use it. Triggers on: x\n", 1).unwrap();
        assert_eq!(v["description"], "Use it. Triggers on: x");
        assert!(recover("name: a\ndescription: x\nExamples:\n<example>\n", 1).is_none());
        assert!(recover("description: >\n  a: b\n", 1).is_none());
        let v = recover(
            "description: Reviews. Triggers on: x\nmaxTurns: 10\nbackground: true\n",
            1,
        )
        .unwrap();
        assert_eq!(v["maxTurns"], 10, "other values keep their types");
        assert_eq!(v["background"], true);
    }

    #[test]
    fn quote_line_leaves_structure_alone() {
        assert_eq!(
            quote_line("tools: Read, Grep"),
            Some("tools: \"Read, Grep\"".into())
        );
        assert_eq!(quote_line("a: \"x\""), None);
        assert_eq!(quote_line("  nested: x"), None);
        assert_eq!(quote_line("- item"), None);
        assert_eq!(
            quote_line("d: say \"hi\" # c"),
            Some("d: \"say \\\"hi\\\"\"".into())
        );
    }
}
