//! RV003 `min-count`: there is enough of something (words, links, sources, findings, ...).

use std::ops::Range;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, plural, spec_name};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV003",
        name: "min-count",
        summary: "The artifact (or one section) has at least N words, links, sources, ...",
        doc: DOC,
    },
    compile,
    params: &["count", "min", "under"],
};

const DOC: &str = "\
## What it does

Counts one kind of thing in the artifact, or only inside one section with `under`, and
compares it with a minimum:

- `words`: words of text (code excluded)
- `links`: links (images excluded)
- `sources`: entries of the bibliography: list items or links in the `under` section, or in a
  section named Sources, References or Bibliography
- `code-blocks`, `list-items`, `tables`
- `findings`: subsections (e.g. `###`) directly under the `under` section, or all `###`
- `sections`: headings below the title (or below `under`)

## Why

A report with two sentences, one link or no findings has the right shape and no substance.

## Parameters

- `count`: one of the kinds above
- `min`: the minimum (a whole number >= 1)
- `under` (optional): `Heading|Alternative` to count inside that section only

The fraction is count / min, at most 1.

## Example

```yaml
- { id: sources, rule: min-count, dimension: accuracy, count: links, min: 3 }
- { id: depth, rule: min-count, dimension: coherence, count: words, under: \"Key Findings\", min: 200 }
```
";

const COUNTS: &[&str] = &[
    "links",
    "sources",
    "code-blocks",
    "words",
    "findings",
    "sections",
    "list-items",
    "tables",
];
const SOURCES: &str = "Source Bibliography|Sources|References|Bibliography|Works Cited|Citations";

#[derive(Debug)]
struct MinCount {
    count: String,
    min: u64,
    under: Option<String>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let count = p.string("count")?;
    if !COUNTS.contains(&count.as_str()) {
        return Err(p.error(
            None,
            format!(
                "unknown count `{count}`; expected one of: {}",
                COUNTS.join(", ")
            ),
        ));
    }
    let min = p.count("min")?;
    let under = p.opt_string("under")?;
    Ok(Box::new(MinCount { count, min, under }))
}

impl MinCount {
    fn measure(&self, doc: &Document, range: &Range<usize>, scope: Option<usize>) -> usize {
        let inside = |at: usize| range.contains(&at);
        match self.count.as_str() {
            "words" => doc.words_in(range),
            "links" => doc
                .links
                .iter()
                .filter(|l| !l.image && inside(l.offset))
                .count(),
            "code-blocks" => doc
                .code_blocks
                .iter()
                .filter(|c| inside(c.span.start))
                .count(),
            "list-items" => doc
                .list_items
                .iter()
                .filter(|(s, _)| inside(s.start))
                .count(),
            "tables" => doc.tables.iter().filter(|t| inside(t.start)).count(),
            "sections" => doc
                .headings
                .iter()
                .filter(|h| h.level >= 2 && inside(h.span.start) && Some(h.span.start) != scope)
                .count(),
            "findings" => match scope.and_then(|s| doc.headings.iter().find(|h| h.span.start == s))
            {
                Some(parent) => doc.subsections(parent).count(),
                None => doc.headings.iter().filter(|h| h.level == 3).count(),
            },
            _ => {
                let items = doc
                    .list_items
                    .iter()
                    .filter(|(s, d)| *d == 1 && inside(s.start))
                    .count();
                let links = doc
                    .links
                    .iter()
                    .filter(|l| !l.image && inside(l.offset))
                    .count();
                items.max(links)
            }
        }
    }
}

fn fix(count: &str, missing: u64, place: &str) -> String {
    let what = match count {
        "words" => "words of specific content (facts, numbers, reasons)".to_string(),
        "links" => plural(
            missing as usize,
            "link to a source that backs a claim",
            "links to sources that back the claims",
        ),
        "sources" => plural(
            missing as usize,
            "source (title, publisher, date, link)",
            "sources (title, publisher, date, link)",
        ),
        "code-blocks" => plural(
            missing as usize,
            "fenced code example",
            "fenced code examples",
        ),
        "findings" => plural(
            missing as usize,
            "`###` finding with its evidence",
            "`###` findings with their evidence",
        ),
        "sections" => plural(missing as usize, "section", "sections"),
        "list-items" => plural(missing as usize, "list item", "list items"),
        _ => plural(missing as usize, "table", "tables"),
    };
    if count == "words" {
        // Never a word count to reach: padding is worse than a short answer.
        format!("say what is missing{place}: the facts, figures, steps or reasons a reader needs")
    } else {
        format!("add {what}{place}")
    }
}

impl Rule for MinCount {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let spec = self
            .under
            .clone()
            .or_else(|| (self.count == "sources").then(|| SOURCES.to_string()));
        let (range, scope, offset, place) = match &spec {
            None => (0..doc.text.len(), None, 0, String::new()),
            Some(spec) => match doc.find_section(spec) {
                Some(h) => (
                    Document::section_range(h),
                    Some(h.span.start),
                    h.span.start,
                    format!(" in `{}`", h.text),
                ),
                None => {
                    let finding = Finding::new(
                        0,
                        format!(
                            "no `{}` section to count {} in",
                            spec_name(spec),
                            self.count
                        ),
                        format!("add a `## {}` section", super::kind::first_alt(spec)),
                    );
                    return Outcome::new(
                        0.0,
                        format!("0 {} (no section)", self.count),
                        vec![finding],
                    );
                }
            },
        };
        let n = self.measure(doc, &range, scope);
        let summary = format!("{n} {}{place} (min {})", self.count, self.min);
        let mut findings = Vec::new();
        if (n as u64) < self.min {
            findings.push(Finding::new(
                offset,
                format!("{}{place}: {n}; at least {} expected", self.count, self.min),
                fix(&self.count, self.min - n as u64, &place),
            ));
        }
        Outcome::new(n as f64 / self.min as f64, summary, findings)
    }
}
