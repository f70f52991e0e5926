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

/// [`normalized`] backwards: the same characters in reverse order.
fn normalized_rev(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace()
        .rev()
        .enumerate()
        .flat_map(|(i, w)| {
            let sep = (i > 0).then_some(' ');
            sep.into_iter()
                .chain(w.chars().rev().flat_map(|c| c.to_lowercase().rev()))
        })
}

/// Characters read from each end of a paragraph for its [`edge_key`].
const EDGE: usize = 8;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(h: u64, c: u64) -> u64 {
    (h ^ c).wrapping_mul(0x100_0000_01b3)
}

/// A key of the first and the last [`EDGE`] characters of the normalized text, read from
/// both ends without going through the middle: texts that [`same`] calls equal share it, so
/// a paragraph whose key no other paragraph has repeats none and is repeated by none.
fn edge_key(text: &str) -> u64 {
    let head = ascii_edge(text.bytes(), FNV_OFFSET).unwrap_or_else(|| {
        normalized(text)
            .take(EDGE)
            .fold(FNV_OFFSET, |h, c| mix(h, u64::from(c)))
    });
    // A character no normalized text holds separates the two ends.
    let sep = mix(head, 0);
    ascii_edge(text.bytes().rev(), sep).unwrap_or_else(|| {
        normalized_rev(text)
            .take(EDGE)
            .fold(sep, |h, c| mix(h, u64::from(c)))
    })
}

/// The first [`EDGE`] characters of the normalized text of `bytes` (a text or a text read
/// backwards) mixed into `h`, byte by byte; `None` if a byte outside ASCII comes first (then
/// the characters decide). ASCII whitespace is what `split_whitespace` splits ASCII at.
fn ascii_edge(bytes: impl Iterator<Item = u8>, mut h: u64) -> Option<u64> {
    let (mut n, mut gap, mut started) = (0, false, false);
    for b in bytes {
        if b >= 0x80 {
            return None;
        }
        if matches!(b, b'\t'..=b'\r' | b' ') {
            gap = started;
            continue;
        }
        if gap {
            h = mix(h, u64::from(b' '));
            n += 1;
            gap = false;
            if n == EDGE {
                return Some(h);
            }
        }
        h = mix(h, u64::from(b.to_ascii_lowercase()));
        n += 1;
        started = true;
        if n == EDGE {
            return Some(h);
        }
    }
    Some(h)
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
        // Only paragraphs that share their edges with another one can repeat or be repeated:
        // the others are never hashed whole.
        let edges: Vec<u64> = paragraphs.iter().map(|p| edge_key(&p.text)).collect();
        let mut sorted = edges.clone();
        sorted.sort_unstable();
        let shared = |k: u64| {
            let i = sorted.partition_point(|&x| x < k);
            sorted.get(i + 1) == Some(&k)
        };
        for (i, p) in paragraphs.iter().enumerate() {
            if !shared(edges[i]) {
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule before paragraphs were first told apart by their edges.
    fn every_paragraph_hashed(doc: &Document) -> Vec<(usize, String)> {
        let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut out = Vec::new();
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
                Some(at) => out.push((p.span.start, format!("line {}", doc.line(at)))),
                None => slot.push(i),
            }
        }
        out
    }

    proptest! {
        /// Texts equal once normalized have equal edge keys, ASCII or not.
        #[test]
        fn equal_texts_share_edge_keys(words in proptest::collection::vec("[a-zA-Z0-9.,!_]{1,4}|ß|İ|Σ|\u{212A}|é", 1..12), seps in proptest::collection::vec("[ \t\n\u{0B}\u{A0}]{1,2}", 12)) {
            let plain = words.join(" ");
            let spaced: String = words.iter().zip(&seps).map(|(w, s)| format!("{s}{}", w.to_uppercase())).collect();
            if same(&plain, &spaced) {
                prop_assert_eq!(edge_key(&plain), edge_key(&spaced));
            }
            // Byte by byte on ASCII, the key the characters give.
            for t in [&plain, &spaced] {
                let head = normalized(t).take(EDGE).fold(FNV_OFFSET, |h, c| mix(h, u64::from(c)));
                let by_chars = normalized_rev(t).take(EDGE).fold(mix(head, 0), |h, c| mix(h, u64::from(c)));
                prop_assert_eq!(edge_key(t), by_chars);
            }
            let back: Vec<char> = normalized_rev(&spaced).collect();
            let mut fwd: Vec<char> = normalized(&spaced).collect();
            fwd.reverse();
            prop_assert_eq!(back, fwd);
        }

        /// The rule finds what hashing every paragraph found.
        #[test]
        fn edges_skip_only_paragraphs_that_cannot_repeat(picks in proptest::collection::vec((0usize..6, 0usize..3), 1..14)) {
            const TEXTS: [&str; 6] = [
                "The cache keeps every parsed file for later runs.",
                "the CACHE keeps every parsed file for later runs",
                "The cache keeps every parsed file for later runs!",
                "Stra\u{df}e caches keep \u{212A}elvin files for runs.",
                "stra\u{df}e caches keep kelvin files for runs.",
                "The cache keeps some parsed file for later runs.",
            ];
            let spacing = ["", "  ", "\n"];
            let text: String = picks
                .iter()
                .map(|&(t, s)| format!("{}{}\n\n", spacing[s], TEXTS[t].replace(' ', if s == 1 { "  " } else { " " })))
                .collect();
            let doc = Document::parse(&text);
            let got: Vec<(usize, String)> = DuplicateParagraphs
                .evaluate(&doc, &Env::default())
                .findings
                .iter()
                .map(|f| (f.offset, f.message.trim_start_matches("paragraph repeats the one at ").to_string()))
                .collect();
            prop_assert_eq!(got, every_paragraph_hashed(&doc));
        }
    }
}
