//! RV006 `code-language`: every code block says its language.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV006",
        name: "code-language",
        summary: "Every code block has a language tag",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Checks that every code block is fenced with a language tag (```` ```rust ````). Indented code
blocks have no tag and count as untagged. A timeline or a timestamped log (most lines open with
a time or a date: `10:40 UTC - cloud closed`) is text, not code, and needs no tag.

## Why

The tag drives syntax highlighting and tells the reader (and tools) what the snippet is: a
shell command, a config file or source code.

## Parameters

None. The fraction is tagged / all code blocks (1 when there is none).

## Example

```yaml
- { id: code-tags, rule: code-language, dimension: format }
```
";

#[derive(Debug)]
struct CodeLanguage;

/// Whether a block is a timeline or a timestamped log (most lines open with a time or a date,
/// `10:40 UTC - cloud closed`): text, not code, so it needs no language tag.
fn timeline(block: &str) -> bool {
    let stamped = |l: &str| {
        let b = l.trim_start().trim_start_matches('[').as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        // 10:40, 9:05, 2024-03-11
        (digits(0..2) && b.get(2) == Some(&b':') && digits(3..5))
            || (digits(0..1) && b.get(1) == Some(&b':') && digits(2..4))
            || (digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7))
    };
    let (mut lines, mut stamps) = (0, 0);
    for l in block.lines().filter(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with("```") && !t.starts_with("~~~")
    }) {
        lines += 1;
        stamps += usize::from(stamped(l));
    }
    lines >= 2 && stamps * 2 > lines
}

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(CodeLanguage))
}

impl Rule for CodeLanguage {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let total = doc.code_blocks.len();
        let findings: Vec<Finding> = doc
            .code_blocks
            .iter()
            .filter(|c| c.lang.is_none() && !timeline(&doc.text[c.span.clone()]))
            .map(|c| {
                let fix = if c.fenced {
                    "name the language after the opening fence, e.g. ```bash or ```text"
                } else {
                    "fence the indented block with ``` and a language, e.g. ```text"
                };
                Finding::new(c.span.start, "code block without a language tag", fix)
            })
            .collect();
        Outcome::share(
            total,
            ("code block", "code blocks"),
            "tagged",
            "no code blocks",
            findings,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(text: &str) -> f64 {
        super::super::fraction_of(&CodeLanguage, text)
    }

    #[test]
    fn a_timeline_needs_no_tag_and_code_does() {
        let timeline = "# Post-mortem\n\n```\n10:00 UTC - cloud open\n10:40 UTC - tokens found invalid, cloud closed\n11:30 UTC - cloud open\n```\n";
        assert_eq!(fraction(timeline), 1.0);
        let log =
            "# Run\n\n```\n2024-03-11 10:00:01 INFO start\n2024-03-11 10:00:04 INFO done\n```\n";
        assert_eq!(fraction(log), 1.0);
        // Commands or code without a tag still count, whatever numbers they hold.
        let code =
            "# Setup\n\n```\npip install -r requirements.txt\npython main.py --port 8080\n```\n";
        assert_eq!(fraction(code), 0.0);
        let one = "# T\n\n```\n10:00 start the job\n```\n";
        assert_eq!(fraction(one), 0.0);
    }
}
