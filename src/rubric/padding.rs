//! The `repetition` gate of [`super::gates`]: a document that starts over, repeats its
//! sentences, or is padded block by block (paragraphs, `**Label:** text` lines and list items
//! appended again). The sentence count misses copies held in label lines or short list items
//! (a review's `**Issue**:`/`**Fix**:` lines); the block count weighs each block of eight
//! words or more by its words, so copies holding a fifth of the text are caught whatever
//! their form. Short repeated lines ("See above.", `**Status**: fixed`) and table rows are
//! not blocks of eight words.

use std::collections::HashSet;

use super::prose;
use super::rules::Finding;
use crate::document::{Document, text};

/// Gross repetition: a second title restating the first, over a fifth of the prose
/// sentences repeated, or [`repeated_blocks`].
pub(crate) fn repetition(doc: &Document) -> Option<Finding> {
    if let Some(f) = super::consistency::restart(doc) {
        return Some(f);
    }
    let sentences = prose::sentences(doc);
    let mut long = Vec::with_capacity(sentences.len());
    long.extend(sentences.iter().filter(|s| s.words >= 5));
    let mut repeats = repeated_sentences(&long);
    let gross = |repeats: &[usize], of: usize| repeats.len() >= 3 && repeats.len() * 5 > of;
    if gross(&repeats, long.len()) {
        // Sentences of label lines (`**Status**: Merged. Tests pass on Linux.`) are prose,
        // but a status repeated from task to task is a form filled in, not padding: such
        // lines count as blocks below, whole, not sentence by sentence. Asked only here,
        // where the count would fail the document.
        long.retain(|s| {
            let line = doc.text.get(doc.line_span(s.offset)).unwrap_or("");
            text::metadata_line(line).is_none()
        });
        repeats = repeated_sentences(&long);
    }
    if gross(&repeats, long.len()) {
        return Some(Finding::new(
            repeats[0],
            format!(
                "{} of {} sentences repeat earlier ones",
                repeats.len(),
                long.len()
            ),
            "delete the repeated text; say each thing once",
        ));
    }
    repeated_blocks(doc)
}

/// The offsets of `sentences` that repeat an earlier one.
fn repeated_sentences(sentences: &[&prose::Sentence<'_>]) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut repeats = Vec::new();
    for i in may_repeat(sentences.iter().map(|s| s.text)) {
        if !seen.insert(prose::normalized_key(sentences[i].text)) {
            repeats.push(sentences[i].offset);
        }
    }
    repeats
}

/// Blocks shorter than this may repeat (a status line, "See the table below.").
const MIN_WORDS: usize = 8;

/// Paragraphs (metadata lines too) and tight list items of eight words or more that repeat
/// an earlier one: a gate when three or more do and they hold over a fifth of the words.
fn repeated_blocks(doc: &Document) -> Option<Finding> {
    let label_lines = doc
        .paragraphs
        .iter()
        .filter(|p| p.meta_only)
        .map(|p| (p.span.start, doc.text.get(p.span.clone()).unwrap_or("")));
    // Tight list items of one `Label: value` line, which prose leaves out as metadata:
    // repeated, they pad as much as paragraphs do. (A loose item's paragraph is counted as a
    // paragraph.)
    let holds_a_paragraph = |span: &std::ops::Range<usize>| {
        let i = doc
            .paragraphs
            .partition_point(|p| p.span.start < span.start);
        doc.paragraphs
            .get(i)
            .is_some_and(|p| p.span.start < span.end)
    };
    let prose_blocks = prose::blocks(doc);
    let label_items = doc.list_items.iter().filter_map(|(span, _)| {
        let src = doc.text.get(span.clone()).unwrap_or("").trim_end();
        // The cheap tests first: most items are prose blocks already, or no label line. Items
        // nested on one line (`- - - x`) share its text, each to the line's end: only the few
        // innermost can read as a label line (`metadata_line` looks for the colon in its
        // first 65 bytes), so only those are read to the end.
        let in_prose = prose_blocks
            .binary_search_by_key(&span.start, |b| b.span.start)
            .is_ok();
        (!in_prose
            && !holds_a_paragraph(span)
            && text::metadata_line(src.trim_start()).is_some()
            && !src.contains('\n')
            && text::count_words(src) >= MIN_WORDS)
            .then_some((span.start, src))
    });
    let mut blocks: Vec<(usize, &str)> = prose_blocks
        .iter()
        .map(|b| (b.span.start, b.source))
        .chain(label_lines)
        .chain(label_items)
        .collect();
    blocks.sort_by_key(|b| b.0);
    let mut seen = HashSet::new();
    let (mut repeated, mut copies) = (0, Vec::new());
    for i in may_repeat(blocks.iter().map(|b| b.1)) {
        let (at, src) = blocks[i];
        let words = text::count_words(src);
        if words < MIN_WORDS {
            continue;
        }
        if !seen.insert(prose::normalized_key(src)) {
            repeated += words;
            copies.push(at);
        }
    }
    if copies.len() < 3 {
        return None;
    }
    let total: usize = blocks
        .iter()
        .map(|b| text::count_words(b.1))
        .filter(|&w| w >= MIN_WORDS)
        .sum();
    (repeated * 5 > total).then(|| {
        Finding::new(
            copies[0],
            format!(
                "{} blocks repeat earlier ones word for word ({repeated} of {total} words)",
                copies.len()
            ),
            "delete the repeated text; say each thing once",
        )
    })
}

/// Positions (in order) of the texts that may repeat another: those whose first and last
/// words, as [`prose::normalize`] writes them, another text shares. Texts equal once
/// normalized share them, so the others repeat nothing and need no full key.
fn may_repeat<'t>(texts: impl Iterator<Item = &'t str>) -> Vec<usize> {
    let keys: Vec<u64> = texts.map(prose::edge_key).collect();
    // Each key's first position, in an open-addressing table of at least twice as many slots:
    // sorting the keys to find the shared ones cost the bench corpus 37 M instructions more.
    let bits = (2 * keys.len()).next_power_of_two().trailing_zeros().max(1);
    let mask = (1usize << bits) - 1;
    let mut first = vec![u32::MAX; mask + 1];
    let mut shared = vec![false; keys.len()];
    for (i, &k) in keys.iter().enumerate() {
        let mut at = (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            match first[at] {
                u32::MAX => {
                    first[at] = i as u32;
                    break;
                }
                j if keys[j as usize] == k => {
                    (shared[j as usize], shared[i]) = (true, true);
                    break;
                }
                _ => at = (at + 1) & mask,
            }
        }
    }
    (0..shared.len()).filter(|&i| shared[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUE: &str = "**Issue**: the loader returns before the second query runs, so the roster is never read.\n**Fix**: merge the two conditions into one and read the roster in the same pass.\n";

    fn fires(text: &str) -> bool {
        repeated_blocks(&Document::parse(text)).is_some()
    }

    #[test]
    fn label_lines_appended_again_are_padding() {
        let one = format!(
            "# Review\n\n### 1. Loader\n\n{ISSUE}\n### 2. Cache\n\n**Issue**: the cache key ignores the season, so last year's totals are shown.\n**Fix**: add the season to the key and clear the old entries on start.\n"
        );
        assert!(!fires(&one));
        let padded = format!("{one}\n{ISSUE}\n{ISSUE}\n{ISSUE}");
        assert!(fires(&padded));
    }

    #[test]
    fn label_items_appended_again_are_padding_once_each() {
        let items = "- Failure: the test expected `List: x y` but got the global object back.\n- Root cause: `evalExpr` ran each expression with bare `this` bound to the global object.\n";
        let one = format!(
            "# Fix\n\n## Context\n\n{items}\n## Verification\n\n- Ran `npm test`: all 179 tests passed on the first run after the change.\n"
        );
        assert!(!fires(&one));
        assert!(fires(&format!("{one}\n{items}\n{items}")));
        // A loose list's items are their paragraphs: each counted once, so none repeats.
        let loose = "# Update\n\n- **Source link**: crate pages now show a link to the source on docs.rs.\n\n- **HTML emails**: emails from the registry now support HTML formatting and images.\n\n- **Fastly CDN**: the sparse index is now served primarily through Fastly to save credits.\n\n- **Tokens**: OAuth tokens from GitHub are now encrypted at rest in the database.\n";
        assert!(!fires(loose));
    }

    /// Items nested on one line (`- - - … x`) each run to the line's end: reading each whole
    /// to count its words read the line once per item (200,000 markers took minutes). Only
    /// an item that can be a label line is read to its end now.
    #[test]
    fn items_nested_on_one_line_are_read_once() {
        let line = format!("{}x\n", "- ".repeat(100_000));
        assert!(repetition(&Document::parse(&line)).is_none());
        let labels = format!(
            "{}Key: one two three four five six seven eight\n",
            "- ".repeat(100_000)
        );
        assert!(repetition(&Document::parse(&labels)).is_none());
    }

    proptest::proptest! {
        /// Texts equal once normalized have the same edge key, so skipping the texts whose
        /// edge key is their own finds the same repeats as keying every text.
        #[test]
        fn only_texts_sharing_their_edges_can_repeat(
            texts in proptest::collection::vec("[aAbBİß .,-]{0,8}", 0..12),
        ) {
            let mut seen = HashSet::new();
            let every: Vec<usize> = (0..texts.len())
                .filter(|&i| !seen.insert(prose::normalized_key(&texts[i])))
                .collect();
            let mut seen = HashSet::new();
            let some: Vec<usize> = may_repeat(texts.iter().map(String::as_str))
                .into_iter()
                .filter(|&i| !seen.insert(prose::normalized_key(&texts[i])))
                .collect();
            proptest::prop_assert_eq!(every, some);
            // The positions are those whose key another text has, in order.
            let keys: Vec<u64> = texts.iter().map(|t| prose::edge_key(t)).collect();
            let shared: Vec<usize> = (0..keys.len())
                .filter(|&i| (0..keys.len()).any(|j| j != i && keys[j] == keys[i]))
                .collect();
            proptest::prop_assert_eq!(may_repeat(texts.iter().map(String::as_str)), shared);
            for a in &texts {
                for b in &texts {
                    if prose::normalize(a) == prose::normalize(b) {
                        proptest::prop_assert_eq!(prose::edge_key(a), prose::edge_key(b));
                    }
                }
            }
        }
    }

    /// A status line filled in the same words task after task (`**Status**: Merged in #41.
    /// Tests pass on Linux and macOS.`) is a form, not padding, though its sentences are
    /// prose: the sentence count leaves label lines to the block count, which sees them
    /// differ. The same sentences repeated in paragraphs still fail.
    #[test]
    fn a_status_line_repeated_from_task_to_task_is_no_padding() {
        let mut doc = String::from(
            "# Sprint report\n\nThe sprint moved the uploader to resumable parts. Five tasks landed. Each one was reviewed by two people. The release goes out on Friday.\n\n",
        );
        for (n, change) in [
            "retries a failed part",
            "checks each part's hash",
            "resumes after a restart",
            "uploads parts in parallel",
            "reports progress per part",
        ]
        .iter()
        .enumerate()
        {
            doc.push_str(&format!(
                "## Task {n}\n\n- **Change**: The uploader now {change} without starting over.\n- **Status**: Merged in #{}. Unit and integration tests pass on Linux and macOS.\n\n",
                40 + n
            ));
        }
        assert!(repetition(&Document::parse(&doc)).is_none());
        let prose = doc.replace("- **Status**: ", "");
        assert!(repetition(&Document::parse(&prose)).is_some());
    }

    #[test]
    fn short_repeated_lines_are_not_padding() {
        let mut doc = String::from("# Review\n\n");
        for n in 1..=6 {
            doc.push_str(&format!(
                "### Finding {n}\n\nThe handler number {n} drops the error it gets from the parser and goes on with an empty value.\n\n**Status**: fixed, see above.\n\n"
            ));
        }
        assert!(!fires(&doc));
    }
}
