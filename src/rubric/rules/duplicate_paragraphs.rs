//! RV010 `duplicate-paragraphs`: no paragraph is repeated.

use std::collections::HashMap;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, penalty, plural};
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
    params: &[],
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

fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().enumerate().flat_map(|(i, w)| {
        let sep = (i > 0).then_some(' ');
        sep.into_iter()
            .chain(w.chars().flat_map(char::to_lowercase))
    })
}

/// FNV-1a over the normalized text (case and whitespace ignored).
fn fingerprint(text: &str) -> u64 {
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(0x100_0000_01b3);
    let mut h = 0xcbf2_9ce4_8422_2325;
    if text.is_ascii() {
        // The common case, without decoding or Unicode case tables.
        let mut gap = false;
        for &b in text.trim().as_bytes() {
            if b.is_ascii_whitespace() {
                gap = true;
                continue;
            }
            if gap {
                h = mix(h, u64::from(b' '));
                gap = false;
            }
            h = mix(h, u64::from(b.to_ascii_lowercase()));
        }
        return h;
    }
    normalized(text).fold(h, |h, c| mix(h, u64::from(c)))
}

fn same(a: &str, b: &str) -> bool {
    normalized(a).eq(normalized(b))
}

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(DuplicateParagraphs))
}

impl Rule for DuplicateParagraphs {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        // Keyed by a hash of the normalized text; a hit is confirmed on the text itself.
        let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut findings = Vec::new();
        let paragraphs: Vec<_> = doc
            .paragraphs
            .iter()
            .filter(|p| p.words >= MIN_WORDS && !p.meta_only)
            .collect();
        for (i, p) in paragraphs.iter().enumerate() {
            let slot = first.entry(fingerprint(&p.text)).or_default();
            let earlier = slot
                .iter()
                .copied()
                .find(|&j| same(&paragraphs[j].text, &p.text));
            match earlier.map(|j| paragraphs[j].span.start) {
                Some(at) => findings.push(Finding::new(
                    p.span.start,
                    format!("paragraph repeats the one at line {}", doc.line(at)),
                    "delete the copy or say something new here",
                )),
                None => slot.push(i),
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
