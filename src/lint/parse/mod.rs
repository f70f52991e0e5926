//! The parse stage: reading an agent file the way Claude Code does ([`reader`]). The file
//! must be named `*.md` and be at most 1 MiB, open with a `---` frontmatter block that is
//! closed, and hold YAML that parses (maybe after the client's lenient retry) to a mapping.
//! A file that fails here is skipped by Claude Code without a word, so these codes are errors
//! (warnings for plugin agents, which still load under their file name). Each code lives in
//! its own file; this one runs the stage.

pub(crate) mod duplicate_key;
pub(crate) mod early_fence;
pub(crate) mod ignored_file;
pub(crate) mod invalid_yaml;
pub(crate) mod missing_frontmatter;
pub(crate) mod reader;
pub(crate) mod unquoted_value;
pub(crate) mod unreadable_file;
pub(crate) mod unterminated_frontmatter;

use serde_json::{Map, Value};

use super::discover::Candidate;
use super::model::AgentFile;
use crate::diag::Diagnostic;
use reader::Parsed;

/// Splits and parses `text` (already decoded, lossily if need be). `None` when the file is
/// not an agent or cannot be read further (the reason, if any, is pushed to `out`).
pub(crate) fn parse<'a>(
    cand: &'a Candidate,
    text: &'a str,
    out: &mut Vec<Diagnostic>,
) -> Option<AgentFile<'a>> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let Some(block) = reader::block(rest) else {
        let opened = rest.starts_with("---") && rest[3..].starts_with(|c: char| c.is_whitespace());
        if opened {
            if cand.in_agents_dir {
                out.push(unterminated_frontmatter::diag(
                    cand,
                    1,
                    !rest.contains('\n'),
                ));
            }
        } else {
            out.extend(missing_frontmatter::check(cand, rest));
        }
        return None;
    };
    if !cand.in_agents_dir && !has_top_level_key(block.yaml, "name") {
        return None;
    }
    if !ignored_file::extension_ok(cand) {
        out.push(ignored_file::extension(cand));
        return None;
    }
    let yaml_line = block.yaml_line;
    out.extend(early_fence::check(cand, rest, &block));
    let value = match reader::parse(block.yaml, yaml_line) {
        Parsed::Clean(v) => v,
        Parsed::Retried(v, first, quoted) => {
            out.push(unquoted_value::retried(cand, &first, &quoted, yaml_line));
            v
        }
        Parsed::Failed(first) => {
            let lf = block.yaml.replace('\r', "");
            let crlf_only = block.yaml.contains('\r')
                && !matches!(reader::parse(&lf, yaml_line), Parsed::Failed(_));
            if crlf_only {
                out.push(unquoted_value::crlf(
                    cand,
                    &first,
                    &reader::quoted_lines(&lf),
                    yaml_line,
                ));
            } else {
                out.push(invalid_yaml::syntax(cand, &first));
            }
            return None;
        }
    };
    let map = match value {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => {
            out.push(invalid_yaml::not_a_mapping(cand, yaml_line, &other));
            return None;
        }
    };
    let file = AgentFile::new(cand, block.yaml, yaml_line, map);
    out.extend(duplicate_key::check(&file));
    Some(file)
}

fn has_top_level_key(yaml: &str, key: &str) -> bool {
    yaml.lines().any(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}
