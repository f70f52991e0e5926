//! The empty-body gate: headings, tables and code without the prose that explains them.

use super::prose;
use super::rules::Finding;
use crate::document::{Document, text};

/// Fewer words of prose than this is no body: headings, commands and tables without the text
/// that explains them.
const MIN_BODY_WORDS: usize = 40;

/// Whether the prose holds at least `n` words (counting stops there).
fn has_prose_words(doc: &Document, n: usize) -> bool {
    let mut words = 0;
    prose::blocks(doc).iter().any(|b| {
        words += text::count_words(b.source);
        words >= n
    })
}

/// The full stops of Chinese and Japanese prose (`。！？`) that end a sentence inside a block:
/// the sentence split (`.`, `!`, `?` after a word) sees each such block as one sentence.
fn unspaced_stops(doc: &Document) -> usize {
    prose::blocks(doc)
        .iter()
        .map(|b| {
            let src = b.source.trim_end();
            let stops = src
                .chars()
                .filter(|c| matches!(c, '。' | '！' | '？'))
                .count();
            stops - usize::from(src.ends_with(['。', '！', '？']))
        })
        .sum()
}

/// Words of prose (paragraphs and list items, not headings or metadata), as a reader counts
/// them in Chinese and Japanese too ([`text::reader_words`]).
fn reader_prose_words(doc: &Document) -> usize {
    prose::blocks(doc)
        .iter()
        .map(|b| text::reader_words(b.source))
        .sum()
}

/// A document without a body: under four sentences or forty words of prose (tables and code
/// only), or more than half of four or more sections with nothing under them.
pub(super) fn empty_body(doc: &Document) -> Option<Finding> {
    let sentences = prose::sentences(doc).iter().take(4).count();
    // The words are counted in full only when the counts between spaces fall short: Chinese
    // and Japanese prose reads there as a sentence or two of a few words, so its full stops
    // and characters are counted then.
    if sentences < 4 || !has_prose_words(doc, MIN_BODY_WORDS) {
        let sentences = sentences + unspaced_stops(doc);
        let words = reader_prose_words(doc);
        if sentences < 4 || words < MIN_BODY_WORDS {
            return Some(Finding::new(
                doc.body_start,
                format!("only {sentences} sentences ({words} words) of prose: the body is missing"),
                "write the body the headings promise: what the tables and code show, and what follows from them",
            ));
        }
    }
    let sections: Vec<_> = doc.headings.iter().filter(|h| h.level >= 2).collect();
    if sections.len() >= 4 {
        let empty: Vec<_> = sections
            .iter()
            .filter(|h| {
                let r = h.span.end..h.section_end;
                doc.words_in(&r) == 0 && !doc.holds_block(&r)
            })
            .collect();
        if empty.len() * 2 > sections.len() {
            return Some(Finding::new(
                empty[0].span.start,
                format!(
                    "{} of {} sections have no text under them",
                    empty.len(),
                    sections.len()
                ),
                "write each section's content under its heading",
            ));
        }
    }
    None
}
