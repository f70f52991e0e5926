//! RV010 `duplicate-paragraphs`: no paragraph is repeated.

use std::collections::HashMap;

use super::{penalty, plural, Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV010",
        name: "duplicate-paragraphs",
        summary: "No paragraph of five words or more appears twice",
        doc: DOC,
    },
    compile,
};

const DOC: &str = "\
## What it does

Compares the prose paragraphs of five words or more (case and whitespace ignored) and
reports each repeat with the line of the first copy.

## Why

Copied paragraphs pad an artifact to look longer and are a sign of a generator looping.

## Parameters

None. Each repeat costs a quarter of the check.

## Example

```yaml
- { id: repetition, rule: duplicate-paragraphs, dimension: coherence }
```
";

/// Paragraphs shorter than this may repeat ("See the table below.").
const MIN_WORDS: usize = 5;

#[derive(Debug)]
struct DuplicateParagraphs;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(DuplicateParagraphs))
}

impl Rule for DuplicateParagraphs {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut findings = Vec::new();
        for p in doc.paragraphs.iter().filter(|p| p.words >= MIN_WORDS && !p.meta_only) {
            let key = p.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            match first.get(&key) {
                Some(&at) => findings.push(Finding::new(
                    p.span.start,
                    format!("paragraph repeats the one at line {}", doc.line(at)),
                    "delete the copy or say something new here",
                )),
                None => {
                    first.insert(key, p.span.start);
                }
            }
        }
        let summary = if findings.is_empty() {
            "no repeated paragraphs".to_string()
        } else {
            plural(findings.len(), "repeated paragraph", "repeated paragraphs")
        };
        Outcome::new(penalty(findings.len()), summary, findings)
    }
}
