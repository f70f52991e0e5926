//! Claude Code's own reading of an agent file, step by step, so the lints can say exactly
//! what the client does: one BOM removed; the frontmatter is `^---\s*\n([\s\S]*?)---\s*\n?`
//! (it ends at the first `---` anywhere after the opening line, even mid-line); the YAML is
//! parsed with the last of duplicate keys winning; when that throws, a lenient retry quotes
//! the values of `key: value` lines at column 0 that hold `: ` or one of
//! ``{ } [ ] * & # ! | > % @ ` `` (a CRLF line never qualifies), turns leading tabs into two
//! spaces each, and parses once more.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::yaml::YamlError;

/// The frontmatter block as the client cuts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the text.
    pub yaml_offset: usize,
    /// 1-based line of the first YAML byte.
    pub yaml_line: usize,
    /// Byte offset where the closing `---` starts.
    pub close_offset: usize,
}

fn fence_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\A---\s*\n((?s:.*?))---\s*\n?").expect("static regex"))
}

/// Cuts the frontmatter out of `text` (a BOM already removed); `None` when the client sees
/// none, so it treats the file as documentation.
pub(crate) fn block(text: &str) -> Option<Block<'_>> {
    let caps = fence_re().captures(text)?;
    let yaml = caps.get(1)?;
    Some(Block {
        yaml: yaml.as_str(),
        yaml_offset: yaml.start(),
        yaml_line: line_of(text, yaml.start()),
        close_offset: yaml.end(),
    })
}

/// 1-based line of byte `offset`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Parses YAML as the client's parser does: YAML 1.2 core schema, duplicate keys allowed
/// (the last wins). Our own files go through the strict facade in `crate::yaml`.
pub(crate) fn parse_yaml(text: &str, line_offset: usize) -> Result<Value, YamlError> {
    crate::yaml::parse_last_key_wins(text, line_offset)
}

fn retry_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // JavaScript's `.` stops at `\r`, so a CRLF line never matches.
    RE.get_or_init(|| Regex::new(r"^([a-zA-Z_-]+):\s+(\S[^\r\n]*)$").expect("static regex"))
}

const SPECIAL: &[char] = &[
    '{', '}', '[', ']', '*', '&', '#', '!', '|', '>', '%', '@', '`',
];

/// Whether the retry re-quotes `value` (the text after `key:` and its spaces).
fn needs_quotes(value: &str) -> bool {
    let wrapped = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if wrapped {
        return false;
    }
    if value.starts_with('[')
        && value.ends_with(']')
        && matches!(parse_yaml(value, 0), Ok(Value::Array(_)))
    {
        return false;
    }
    value.contains(": ") || value.contains(SPECIAL)
}

/// A line the retry rewrites: its 0-based index in the YAML, and the rewritten line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quoted {
    pub index: usize,
    pub key: String,
    pub line: String,
}

/// The lines of `yaml` the retry re-quotes.
pub(crate) fn quoted_lines(yaml: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    for (index, line) in yaml.split('\n').enumerate() {
        let Some(caps) = retry_line_re().captures(line) else {
            continue;
        };
        let (key, value) = (&caps[1], &caps[2]);
        if !needs_quotes(value) {
            continue;
        }
        let escaped = serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""));
        out.push(Quoted {
            index,
            key: key.to_string(),
            line: format!("{key}: {escaped}"),
        });
    }
    out
}

/// The text the retry parses: quoted lines, then leading tabs as two spaces each.
pub(crate) fn retry_text(yaml: &str) -> String {
    let quoted = quoted_lines(yaml);
    // In line order, as `quoted_lines` finds them: each met once, walking the lines.
    let mut next = quoted.iter().peekable();
    let lines: Vec<String> = yaml
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = next
                .next_if(|q| q.index == i)
                .map_or(line, |q| q.line.as_str());
            let tabs = line.len() - line.trim_start_matches('\t').len();
            format!("{}{}", "  ".repeat(tabs), &line[tabs..])
        })
        .collect();
    lines.join("\n")
}

/// How the client's parse of a frontmatter went.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// The first parse worked.
    Clean(Value),
    /// The first parse failed and the retry worked: the first error, the lines it quoted.
    Retried(Value, YamlError, Vec<Quoted>),
    /// Both failed: the first error.
    Failed(YamlError),
}

/// Parses `yaml` (starting at file line `yaml_line`) the way the client does.
pub(crate) fn parse(yaml: &str, yaml_line: usize) -> Parsed {
    let offset = yaml_line.saturating_sub(1);
    match parse_yaml(yaml, offset) {
        Ok(v) => Parsed::Clean(v),
        Err(first) => match parse_yaml(&retry_text(yaml), offset) {
            Ok(v) => Parsed::Retried(v, first, quoted_lines(yaml)),
            Err(_) => Parsed::Failed(first),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_ends_at_the_first_dashes() {
        let b = block("---\nname: a\ndescription: x --- y\ntools: Read\n---\nbody").unwrap();
        assert_eq!(b.yaml, "name: a\ndescription: x ");
        assert_eq!(b.yaml_line, 2);
        assert!(block("\n---\nname: a\n---\n").is_none());
        assert!(block("---\rname: a\r---\r").is_none());
        assert!(block("---\nname: a\n...\n").is_none());
        assert_eq!(block("---\nname: a\n----\nx").unwrap().yaml, "name: a\n");
        assert_eq!(
            block("---  \r\nname: a\r\n---\r\n").unwrap().yaml,
            "name: a\r\n"
        );
    }

    /// Each line looked for its quoted copy among all of them: 50,000 lines to quote took
    /// minutes in a debug build. Both are in line order: walked together now.
    #[test]
    fn many_lines_to_quote_are_walked_once() {
        let yaml = "note: Use it. Triggers on: x\n".repeat(50_000);
        let text = retry_text(&yaml);
        let last = text.lines().nth(49_999);
        assert_eq!(last, Some("note: \"Use it. Triggers on: x\""));
    }

    #[test]
    fn retry_quotes_what_the_client_quotes() {
        let q = quoted_lines("name: a\ndescription: Use it. Triggers on: x\ntools: Read\n");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].line, "description: \"Use it. Triggers on: x\"");
        assert!(quoted_lines("description: Use it. Triggers on: x\r\n").is_empty());
        assert!(quoted_lines("tools: [Read, Grep]\n").is_empty());
        assert!(quoted_lines("x2: a: b\n").is_empty(), "digits in the key");
        assert_eq!(quoted_lines("d: @me\n")[0].line, "d: \"@me\"");
    }

    #[test]
    fn parse_steps() {
        assert!(matches!(parse("name: a\nname: b\n", 2), Parsed::Clean(v) if v["name"] == "b"));
        assert!(matches!(
            parse("name: a\ndescription: x: y\n", 2),
            Parsed::Retried(..)
        ));
        assert!(matches!(
            parse("name: a\ndescription: x: y\r\n", 2),
            Parsed::Failed(_)
        ));
        assert!(matches!(
            parse("tools:\n\t- Read\n", 2),
            Parsed::Retried(..)
        ));
        assert!(matches!(
            parse("description: x\n<example>\n", 2),
            Parsed::Failed(_)
        ));
    }
}
