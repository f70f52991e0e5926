//! RV001 `required-sections`: each required section is a heading of the artifact.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, first_alt, spec_name};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV001",
        name: "required-sections",
        summary: "Each required section is present as a heading",
        doc: DOC,
    },
    compile,
    params: &["sections"],
};

const DOC: &str = "\
## What it does

Checks that every required section is a heading of the artifact, at any level. `|` separates
alternatives (`Sources|References`); the match ignores case, numbering, punctuation and a
plural `s`, accepts the words inside a longer heading (`Sources and further reading`) and
forgives a small typo.

## Why

A reader (or the next agent) looks for a section by name. A missing section is missing work.

## Parameters

- `sections`: list of section names, each `Name|Alternative|...`.

The fraction is found / required.

## Example

```yaml
- { id: sections, rule: required-sections, dimension: completeness, weight: 3,
    sections: [\"Executive Summary\", \"Key Findings\", \"Sources|References\"] }
```
";

#[derive(Debug)]
struct RequiredSections {
    sections: Vec<String>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let sections = p.strings("sections")?.into_iter().map(|(s, _)| s).collect();
    Ok(Box::new(RequiredSections { sections }))
}

impl Rule for RequiredSections {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut findings = Vec::new();
        // Where the previous required section ends: a missing one belongs there.
        let mut after: Option<(&str, usize, usize)> = None;
        for spec in &self.sections {
            match doc.find_section(spec) {
                Some(h) => after = Some((&h.text, doc.line(h.span.start), h.section_end)),
                None => {
                    let name = first_alt(spec);
                    let (offset, place) = match after {
                        Some((prev, line, end)) => (
                            end.min(doc.text.len()),
                            format!(" after `{prev}` (line {line})"),
                        ),
                        None => (0, String::new()),
                    };
                    findings.push(Finding::new(
                        offset,
                        format!("missing section `{}`", spec_name(spec)),
                        format!("add a `## {name}` section{place} and fill it"),
                    ));
                }
            }
        }
        Outcome::share(
            self.sections.len(),
            ("required section", "required sections"),
            "present",
            "no required sections",
            findings,
        )
    }
}
