//! RV005 `subsection-fields`: every subsection under a heading carries its fields.

use super::kind::{
    Env, Finding, Kind, Outcome, ParamError, Params, Rule, first_alt, plural, spec_name,
};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV005",
        name: "subsection-fields",
        summary: "Each subsection under a heading has the required `Key: value` fields",
        doc: DOC,
    },
    compile,
    params: &["under", "fields"],
};

const DOC: &str = "\
## What it does

For every subsection directly under the `under` heading (each `###` under `## Key Findings`),
checks that each field appears in that subsection as `Key: value`, `**Key**: value` or
`**Key:** value` with a non-empty value.

## Why

A finding without its source cannot be checked; one without a confidence cannot be weighed.
Requiring the fields per finding keeps evidence next to the claim it supports.

## Parameters

- `under`: `Heading|Alternative` whose subsections are checked
- `fields`: list of field names (`Name|Alternative` allowed)

The fraction is fields present / (subsections x fields); 0 when there is no subsection.

## Example

```yaml
- { id: evidence, rule: subsection-fields, dimension: accuracy,
    under: \"Key Findings\", fields: [Source, Confidence] }
```
";

#[derive(Debug)]
struct SubsectionFields {
    under: String,
    fields: Vec<String>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let under = p.string("under")?;
    let fields = p.strings("fields")?.into_iter().map(|(s, _)| s).collect();
    Ok(Box::new(SubsectionFields { under, fields }))
}

impl Rule for SubsectionFields {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let Some(parent) = doc.find_section(&self.under) else {
            let f = Finding::new(
                0,
                format!(
                    "no `{}` section, so its subsections cannot be checked",
                    spec_name(&self.under)
                ),
                format!(
                    "add a `## {}` section with `###` subsections",
                    first_alt(&self.under)
                ),
            );
            return Outcome::new(0.0, "section missing", vec![f]);
        };
        let subs: Vec<_> = doc.subsections(parent).collect();
        if subs.is_empty() {
            let f = Finding::new(
                parent.span.start,
                format!("`{}` has no subsections", parent.text),
                {
                    let names: Vec<&str> = self.fields.iter().map(|f| first_alt(f)).collect();
                    format!(
                        "give each item under `{}` its own `###` heading with its {} lines",
                        parent.text,
                        names.join(" and ")
                    )
                },
            );
            return Outcome::new(0.0, "no subsections", vec![f]);
        }
        let mut findings = Vec::new();
        for sub in &subs {
            let range = Document::section_range(sub);
            for spec in &self.fields {
                let present = doc.metadata.iter().any(|m| {
                    range.contains(&m.offset)
                        && !m.value.is_empty()
                        && spec
                            .split('|')
                            .any(|alt| alt.trim().eq_ignore_ascii_case(m.key.trim()))
                });
                if !present {
                    findings.push(Finding::new(
                        sub.span.start,
                        format!("`{}` has no `{}` field", sub.text, first_alt(spec)),
                        format!(
                            "add a `**{}**: ...` line under the `{}` heading",
                            first_alt(spec),
                            sub.text
                        ),
                    ));
                }
            }
        }
        let total = subs.len() * self.fields.len();
        let ok = total - findings.len();
        let summary = format!(
            "{ok} of {total} fields present in {}",
            plural(subs.len(), "subsection", "subsections")
        );
        Outcome::new(ok as f64 / total as f64, summary, findings)
    }
}
