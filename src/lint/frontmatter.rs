//! Reading an agent file the way Claude Code does: the file must be UTF-8, open with a
//! `---` frontmatter block that is closed, and hold YAML that parses to a mapping. A file that
//! fails here is skipped by Claude Code without a word, so these rules are errors (warnings
//! for plugin agents, which still load under their file name).

use std::path::Path;

use serde_json::{Map, Value};

use super::agent::{AgentFile, skip_severity};
use super::discover::Candidate;
use super::{Lint, fields};
use crate::diag::{Diagnostic, Severity};
use crate::document::frontmatter::{Split, split};
use crate::fsx::ReadError;
use crate::rules::RuleDoc;

pub(crate) const UNREADABLE: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG001",
        name: "unreadable-file",
        summary: "An agent file cannot be read as UTF-8 text",
        doc: "## What it does\nReports an agent file that is not valid UTF-8, contains NUL bytes, is over the 10 MB limit or cannot be read, with the line and column of the first bad byte.\n\n## Why\nClaude Code reads agent files as UTF-8 text; a file saved in another encoding loses characters or is skipped.\n\n## Example\nA file saved as Latin-1 with `caf\\xe9` in its description.\n\n## Use instead\nSave the file as UTF-8 (without NUL bytes) and keep it under 10 MB.\n",
    },
};

pub(crate) const MISSING_FRONTMATTER: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG002",
        name: "missing-frontmatter",
        summary: "A markdown file in an agents folder does not start with a `---` frontmatter block",
        doc: "## What it does\nReports a `.md` file in an agents folder whose first line is not `---`. `README.md`, `CONTRIBUTING.md`, `CHANGELOG.md` and `LICENSE.md` are exempt.\n\n## Why\nClaude Code treats a file without frontmatter (so without `name`) as documentation and never loads it as an agent; nothing tells you.\n\n## Example\n```markdown\n# Code reviewer\nYou review code.\n```\n\n## Use instead\n```markdown\n---\nname: code-reviewer\ndescription: Reviews code for quality. Use after writing or changing code.\n---\nYou review code.\n```\n",
    },
};

pub(crate) const UNTERMINATED: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG003",
        name: "unterminated-frontmatter",
        summary: "The frontmatter block opens with `---` but is never closed",
        doc: "## What it does\nReports an agent file whose opening `---` line has no closing `---` line.\n\n## Why\nWithout the closing fence nothing is read as frontmatter: the agent has no name and is skipped.\n\n## Example\n```markdown\n---\nname: writer\ndescription: Writes docs. Use after research.\n# Writer\n```\n\n## Use instead\nClose the block with a line holding only `---` before the body.\n",
    },
};

pub(crate) const INVALID_YAML: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG004",
        name: "invalid-yaml",
        summary: "The frontmatter is not valid YAML, or not a mapping of keys",
        doc: "## What it does\nParses the frontmatter as strict YAML and reports the first error at its line and column in the file, when quoting values would not fix it. Duplicate keys and a frontmatter that is a list or a scalar are reported too.\n\n## Why\nWhen the YAML does not parse, Claude Code reads no field at all and skips the agent silently (anthropics/claude-code#45971, #91871). The usual cause is a multi-line description whose continuation lines (`Examples:`, `<example>`, `user: \"...\"`) start at column 0.\n\n## Example\n```yaml\ndescription: Reviews code.\nExamples:\n<example>user: \"review this\"</example>\n```\n\n## Use instead\n```yaml\ndescription: >\n  Reviews code.\n  Examples: <example>user: \"review this\"</example>\n```\n",
    },
};

pub(crate) const UNQUOTED_COLON: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG005",
        name: "unquoted-value",
        summary: "A single-line value is invalid YAML until quoted (usually an unquoted `: `)",
        doc: "## What it does\nReports frontmatter that fails strict YAML but parses once single-line values are quoted, typically `description: ... Triggers on: x`. A warning for LF files and an error for files with CRLF line endings.\n\n## Why\nClaude Code recovers such a value in a file with LF line endings but skips the whole agent when the file has CRLF endings (anthropics/claude-code#80890), so the agent works on one machine and vanishes on another.\n\n## Example\n```yaml\ndescription: Reviews code. Triggers on: review, audit\n```\n\n## Use instead\n```yaml\ndescription: \"Reviews code. Triggers on: review, audit\"\n```\nor a folded block scalar (`description: >` with the text indented below).\n",
    },
};

pub(crate) const LINTS: &[&Lint] = &[
    &UNREADABLE,
    &MISSING_FRONTMATTER,
    &UNTERMINATED,
    &INVALID_YAML,
    &UNQUOTED_COLON,
];

/// Files in an agents folder that are documentation, not agents.
const DOC_FILES: &[&str] = &[
    "readme",
    "contributing",
    "changelog",
    "license",
    "code_of_conduct",
];

/// What Claude Code does with a file whose frontmatter cannot be read.
fn skipped(plugin: bool) -> &'static str {
    if plugin {
        "this plugin agent still loads under its file name, but with none of its fields"
    } else {
        "Claude Code skips the whole agent"
    }
}

/// The parser's message, minus internals a user cannot act on.
fn yaml_problem(message: &str) -> &str {
    if message.contains("too large to expand") {
        "aliases expand beyond the size limit (an alias bomb?)"
    } else {
        message
    }
}

/// Reports an unreadable file.
pub(crate) fn unreadable(path: &Path, err: &ReadError) -> Diagnostic {
    let (line, col) = match err {
        ReadError::NotUtf8 { line, column } => (*line, *column),
        _ => (0, 0),
    };
    UNREADABLE.diag(path, line, col, err.to_string())
}

/// Splits and parses `text`. `None` when the file is not an agent or cannot be read further
/// (the reason, if any, is pushed to `out`).
pub(crate) fn parse<'a>(
    cand: &'a Candidate,
    text: &'a str,
    out: &mut Vec<Diagnostic>,
) -> Option<AgentFile<'a>> {
    let path = cand.path.as_path();
    let crlf = text.contains("\r\n");
    let fm = match split(text) {
        Split::Found(fm) => fm,
        Split::Missing => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_ascii_lowercase());
            let is_doc = stem.is_some_and(|s| DOC_FILES.contains(&s.as_str()));
            if cand.in_agents_dir && !is_doc {
                let mut d = MISSING_FRONTMATTER.diag(path, 1, 1, if cand.plugin { "the file does not start with a `---` frontmatter block; this plugin agent loads under its file name with a placeholder description" } else { "the file does not start with a `---` frontmatter block; Claude Code treats it as documentation, not as an agent" });
                d.severity = skip_severity(cand.plugin, d.severity);
                out.push(d.with_fix(
                    "start the file with `---`, then `name:` and `description:`, then `---`",
                ));
            }
            return None;
        }
        Split::Unterminated { line } => {
            if !cand.in_agents_dir {
                return None;
            }
            let mut d = UNTERMINATED.diag(
                path,
                line,
                1,
                format!(
                    "the frontmatter opened here is never closed with a `---` line; {}",
                    skipped(cand.plugin)
                ),
            );
            d.severity = skip_severity(cand.plugin, d.severity);
            out.push(d.with_fix("add a line holding only `---` after the last frontmatter key"));
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
                let (severity, why) = if crlf && !cand.plugin {
                    (
                        Severity::Error,
                        "the file has CRLF line endings, so Claude Code skips it",
                    )
                } else {
                    (
                        Severity::Warning,
                        "Claude Code recovers it with LF line endings but skips the file if it is saved with CRLF",
                    )
                };
                let mut d = UNQUOTED_COLON.diag(
                    path,
                    strict.line,
                    strict.column,
                    format!(
                        "value is not valid YAML until quoted ({}); {why}",
                        strict.message
                    ),
                );
                d.severity = severity;
                out.push(d.with_fix("quote the value (`key: \"...\"`) or use a folded block (`key: >` with the text indented below)"));
                v
            }
            None => {
                let multi_line = ["mapping values", "simple key", "expected ':'"]
                    .iter()
                    .any(|m| strict.message.contains(m));
                let fix = if multi_line {
                    "a multi-line value needs its continuation lines indented under `description: >` (or `|`); lines such as `Examples:` or `<example>` at column 0 break the YAML"
                } else if strict.message.contains("duplicate") {
                    "keep one of the duplicated keys"
                } else {
                    "fix the YAML syntax at this position; quote values that contain `: `, `#` or start with a special character"
                };
                let mut d = INVALID_YAML.diag(
                    path,
                    strict.line,
                    strict.column,
                    format!(
                        "frontmatter is not valid YAML: {}; {}",
                        yaml_problem(&strict.message),
                        skipped(cand.plugin)
                    ),
                );
                d.severity = skip_severity(cand.plugin, d.severity);
                out.push(d.with_fix(fix));
                return None;
            }
        },
    };
    let map = match value {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => {
            let mut d = INVALID_YAML.diag(
                path,
                fm.yaml_line,
                1,
                format!(
                    "frontmatter is {}, not a mapping of keys",
                    fields::kind(&other)
                ),
            );
            d.severity = skip_severity(cand.plugin, d.severity);
            out.push(d.with_fix("write one `key: value` per line"));
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
