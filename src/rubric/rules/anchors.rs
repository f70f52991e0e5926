//! RV009 `anchors`: every `#anchor` link points at a heading of the same file.

use std::collections::HashSet;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV009",
        name: "anchors",
        summary: "Internal `#anchor` links resolve to a heading",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Checks that every link to `#anchor` matches a heading of the same file (GitHub slugs: lower
case, punctuation dropped, spaces as `-`, `-1`, `-2` for repeated headings) or an HTML
`<a id=...>`.

## Why

A table of contents that points at headings that were renamed or never written sends the
reader nowhere.

## Parameters

None. The fraction is resolved / all anchor links (1 when there is none).

## Example

```yaml
- { id: anchors, rule: anchors, dimension: accuracy }
```
";

#[derive(Debug)]
struct Anchors;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(Anchors))
}

/// Each heading's slug, in order, repeated ones numbered as GitHub does (`#setup`,
/// `#setup-1`).
pub(crate) fn heading_slugs(doc: &Document) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(doc.headings.len());
    // The last suffix used per base slug, so a heading repeated N times costs N steps in all,
    // not N² (20,000 `# h` lines used to take 15 s).
    let mut next: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let bases: Vec<String> = doc.headings.iter().map(|h| h.slug()).collect();
    for base in &bases {
        let mut slug = base.clone();
        let n = next.entry(base.as_str()).or_insert(0);
        while seen.contains(&slug) {
            *n += 1;
            slug = format!("{base}-{n}");
        }
        seen.insert(slug.clone());
        out.push(slug);
    }
    out
}

/// Slugs of all headings, repeated ones numbered as GitHub does, and the HTML anchors.
fn slugs(doc: &Document) -> HashSet<String> {
    let mut seen: HashSet<String> = heading_slugs(doc).into_iter().collect();
    seen.extend(doc.html_anchors.iter().cloned());
    seen
}

impl Rule for Anchors {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let anchors: Vec<_> = doc
            .links
            .iter()
            .filter(|l| l.dest.starts_with('#') && !l.image)
            .collect();
        // The headings' slugs, only for a document that links to one.
        let targets = if anchors.is_empty() {
            HashSet::new()
        } else {
            slugs(doc)
        };
        let findings: Vec<Finding> = anchors
            .iter()
            .filter(|l| {
                let anchor = &l.dest[1..];
                !targets.contains(anchor) && !targets.contains(&anchor.to_lowercase())
            })
            .map(|l| {
                let known: Vec<String> = doc
                    .headings
                    .iter()
                    .take(4)
                    .map(|h| format!("`#{}`", h.slug()))
                    .collect();
                let hint = if known.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", known.join(", "))
                };
                Finding::new(
                    l.offset,
                    format!("link `{}` points at no heading", l.dest),
                    format!("link to an existing heading{hint} or add the heading"),
                )
            })
            .collect();
        Outcome::share(
            anchors.len(),
            ("anchor link", "anchor links"),
            "resolve",
            "no anchor links",
            findings,
        )
    }
}
