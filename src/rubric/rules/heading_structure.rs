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
    params: &["outline"],
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

- `outline` (optional): `strict` (the default) checks all three; `loose` lets a document
  have several `#` headings and skip a level, and still asks for a title and no empty
  section. Exactly one title and no skipped level are conventions of a handoff artifact; in
  documents written elsewhere (a report whose sections are all `#`, a post that jumps from
  `#` to `###`) they say nothing of quality: on the labeled sets a second title or a
  skipped level marks good documents more often than bad ones, while an empty section
  marks only bad ones. The rubrics that score such documents (`generic`, `article` and the
  detection rubrics) use `loose`.

Each problem costs a quarter of the check.

## Example

```yaml
- { id: structure, rule: heading-structure, dimension: coherence }
- { id: structure, rule: heading-structure, dimension: coherence, outline: loose }
```
";

#[derive(Debug)]
struct HeadingStructure {
    /// Whether a second title and a skipped level count (`outline: strict`), or only a
    /// missing title and empty sections (`outline: loose`).
    strict: bool,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let strict = match p.opt_string("outline")?.as_deref() {
        None | Some("strict") => true,
        Some("loose") => false,
        Some(other) => {
            return Err(p.error(
                None,
                format!("`outline` is `strict` or `loose`, not `{other}`"),
            ));
        }
    };
    Ok(Box::new(HeadingStructure { strict }))
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
        for extra in titles.iter().skip(1).filter(|_| self.strict) {
            findings.push(Finding::new(
                extra.span.start,
                format!("second `#` title `{}`", extra.text),
                "keep one `#` title; make this a `##` section",
            ));
        }
        let mut prev = 0u8;
        for (i, h) in doc.headings.iter().enumerate() {
            if self.strict && prev > 0 && h.level > prev + 1 {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The check `heading-structure` with `params` (a flow mapping's inside).
    fn check(params: &str) -> Result<Box<dyn Rule>, String> {
        crate::rubric::rules::tests::one_check("heading-structure", params)
    }

    fn messages(rule: &dyn Rule, text: &str) -> Vec<String> {
        let doc = Document::parse(text);
        let out = rule.evaluate(&doc, &Env::default());
        out.findings.into_iter().map(|f| f.message).collect()
    }

    /// `loose` lets sections be `#` and levels be skipped; a missing title and an empty
    /// section still count. `strict`, the default, counts all four.
    #[test]
    fn a_loose_outline_allows_several_titles_and_skipped_levels() {
        let flat = "# Goal\n\nText.\n\n# What changed\n\n#### Detail\n\nText.\n\n# Empty\n";
        let strict = check("").expect("compiles");
        assert_eq!(
            messages(strict.as_ref(), flat),
            [
                "second `#` title `What changed`",
                "heading `Detail` skips from level 1 to 4",
                "second `#` title `Empty`",
                "section `Empty` is empty",
            ]
        );
        let loose = check(", outline: loose").expect("compiles");
        assert_eq!(messages(loose.as_ref(), flat), ["section `Empty` is empty"]);
        assert_eq!(
            messages(loose.as_ref(), "## Only sections\n\nText.\n"),
            ["no `#` title"]
        );
        let Err(err) = check(", outline: sections") else {
            panic!("an unknown `outline` value compiles");
        };
        assert!(err.contains("`outline` is `strict` or `loose`"), "{err}");
    }
}
