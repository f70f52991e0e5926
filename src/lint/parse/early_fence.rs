//! AG027: a `---` inside the frontmatter ends it early, so the keys after it fall into the
//! body.

use crate::diag::{Diagnostic, Severity};
use crate::lint::discover::Candidate;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

use super::reader::{Block, line_of};

pub(crate) const EARLY_FENCE: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG027",
        name: "early-fence",
        summary: "A `---` inside the frontmatter ends it early; the keys after it become part of the prompt",
        doc: r#"## What it does
Reports a `---` that Claude Code takes for the closing fence before the real one: in a value (`description: Use this --- when ...`) or in a block scalar, with the keys that fall into the body.

## Why
The client ends the frontmatter at the first `---` anywhere after the opening line, even mid-line. Every later key (`tools`, `model`, ...) becomes text of the system prompt instead: an agent meant to have `tools: Read` silently gets every tool.

## Example
```yaml
description: Reviews code --- use after every change.
tools: Read, Grep
```

## Use instead
```yaml
description: Reviews code - use after every change.
tools: Read, Grep
```
"#,
    },
};

/// Reports a closing fence the client finds before the first line that is only `---`.
pub(crate) fn check(cand: &Candidate, text: &str, block: &Block) -> Option<Diagnostic> {
    let cut = block.close_offset;
    let at_line_start = cut == 0 || text.as_bytes().get(cut - 1) == Some(&b'\n');
    let line_end = text[cut..].find('\n').map_or(text.len(), |i| cut + i);
    if at_line_start && text[cut..line_end].trim_end() == "---" {
        return None;
    }
    // The fence the author meant: a later line that is only `---`.
    let mut offset = line_end + 1;
    let mut lost = Vec::new();
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..end].trim_end();
        if line == "---" {
            let keys = if lost.is_empty() {
                String::from("the rest of the frontmatter")
            } else {
                lost.join(", ")
            };
            let line = line_of(text, cut);
            return Some(
                EARLY_FENCE
                    .diag(
                        &cand.path,
                        line,
                        1,
                        format!("this `---` ends the frontmatter for Claude Code, so {keys} become part of the prompt instead of settings (without `tools` the agent gets every tool)"),
                    )
                    .with_fix("write the dashes differently (`-`, `—`): `---` anywhere, even quoted, ends the frontmatter"),
            );
        }
        if let Some((key, _)) = line.split_once(':')
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            lost.push(format!("`{key}`"));
        }
        offset = end + 1;
    }
    None
}
