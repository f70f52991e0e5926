//! RV008 `heading-structure`: one title, no skipped levels, no empty sections.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, penalty};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV008",
        name: "heading-structure",
        summary: "Exactly one H1, no skipped heading levels, no empty sections",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Checks the outline: exactly one `#` title, no level skipped on the way down (`##` then
`####`), and no section left empty (a heading followed directly by a heading of the same or a
higher level, or by the end of the file).

## Why

The outline is how readers and tools navigate an artifact; an empty section is a promise the
text does not keep.

## Parameters

None. Each problem costs a quarter of the check.

## Example

```yaml
- { id: structure, rule: heading-structure, dimension: coherence }
```
";

#[derive(Debug)]
struct HeadingStructure;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(HeadingStructure))
}

impl Rule for HeadingStructure {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut findings = Vec::new();
        let titles: Vec<_> = doc.headings.iter().filter(|h| h.level == 1).collect();
        if titles.is_empty() {
            findings.push(Finding::new(
                0,
                "no `#` title",
                "start the artifact with one `# Title` line",
            ));
        }
        for extra in titles.iter().skip(1) {
            findings.push(Finding::new(
                extra.span.start,
                format!("second `#` title `{}`", extra.text),
                "keep one `#` title; make this a `##` section",
            ));
        }
        let mut prev = 0u8;
        for (i, h) in doc.headings.iter().enumerate() {
            if prev > 0 && h.level > prev + 1 {
                findings.push(Finding::new(
                    h.span.start,
                    format!(
                        "heading `{}` skips from level {prev} to {}",
                        h.text, h.level
                    ),
                    format!(
                        "make it a level {} heading ({})",
                        prev + 1,
                        "#".repeat(usize::from(prev) + 1)
                    ),
                ));
            }
            prev = h.level;
            let content_end = doc
                .headings
                .get(i + 1)
                .map_or(doc.text.len(), |n| n.span.start);
            let has_child = doc.headings.get(i + 1).is_some_and(|n| n.level > h.level);
            let body = doc.text.get(h.span.end..content_end).unwrap_or("");
            if !has_child && body.trim().is_empty() {
                findings.push(Finding::new(
                    h.span.start,
                    format!("section `{}` is empty", h.text),
                    "write its content or remove the heading",
                ));
            }
        }
        let summary = if findings.is_empty() {
            format!("{} headings, well formed", doc.headings.len())
        } else {
            format!("{} outline problems", findings.len())
        };
        Outcome::new(penalty(findings.len()), summary, findings)
    }
}
