//! RV004 `forbid`: template text (placeholders, TODO, lorem ipsum) is not left in.

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, penalty, plural};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV004",
        name: "forbid",
        summary: "No text matches a forbidden pattern (placeholders, TODO, lorem ipsum)",
        doc: DOC,
    },
    compile,
    params: &["patterns", "message"],
};

const DOC: &str = "\
## What it does

Reports every match of each pattern (Rust regex syntax) outside code blocks and inline code,
with its line. Typical patterns: `\\{[a-z][a-z0-9 _-]*\\}` for template placeholders like
`{topic}`, `\\bTODO\\b`, `\\bTBD\\b`, `(?i)continue for`, `(?i)lorem ipsum`.

## Why

An artifact that still holds its template's placeholders looks complete and says nothing;
this is the cheapest way to fool a shape-only check, so it costs the most.

## Parameters

- `patterns`: list of regexes (single-quote them in YAML so `\\` stays as is)
- `message` (optional): what to tell the author when one matches

Each match costs a quarter of the check; four or more give 0.

## Example

```yaml
- { id: placeholders, rule: forbid, dimension: completeness, weight: 2,
    patterns: ['\\{[a-z][a-z0-9 _-]*\\}', '\\bTODO\\b', '(?i)lorem ipsum'] }
```
";

#[derive(Debug)]
struct Forbid {
    patterns: Vec<Regex>,
    message: Option<String>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let mut patterns = Vec::new();
    for (pattern, pos) in p.strings("patterns")? {
        patterns.push(p.regex(&pattern, pos)?);
    }
    let message = p.opt_string("message")?;
    Ok(Box::new(Forbid { patterns, message }))
}

impl Rule for Forbid {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut hits: Vec<(usize, &str)> = Vec::new();
        let mut count = 0;
        for re in &self.patterns {
            for m in re.find_iter(doc.text) {
                if m.as_str().is_empty()
                    || doc.in_code(m.start())
                    || hits.iter().any(|(at, _)| *at == m.start())
                {
                    continue;
                }
                count += 1;
                if hits.len() < super::kind::MAX_FINDINGS * 4 {
                    hits.push((m.start(), m.as_str()));
                }
            }
        }
        hits.sort_by_key(|(at, _)| *at);
        let findings = hits
            .into_iter()
            .map(|(at, text)| {
                let shown: String = text.trim().chars().take(60).collect();
                let message = match &self.message {
                    Some(m) => format!("{m}: `{shown}`"),
                    None => format!("forbidden text `{shown}`"),
                };
                Finding::new(
                    at,
                    message,
                    format!("replace `{shown}` with the real content"),
                )
            })
            .collect();
        let summary = if count == 0 {
            "no forbidden text".to_string()
        } else {
            plural(count, "forbidden match", "forbidden matches")
        };
        Outcome::new(penalty(count), summary, findings)
    }
}
