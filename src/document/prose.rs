//! Prose as the quality checks see it: the blocks (paragraphs and tight list items) and their
//! sentences, code, tables and metadata lines left out. Built once per document on first use
//! and cached there (several rules and gates read them).

use std::ops::Range;

use super::interior::{self, Interiors};
use super::text;

/// One sentence of prose.
#[derive(Debug, Clone)]
pub struct Sentence<'d> {
    pub offset: usize,
    pub text: &'d str,
    pub words: usize,
}

/// A block of prose (a paragraph or a tight list item) with its source text.
#[derive(Debug, Clone)]
pub struct Block<'d> {
    pub span: Range<usize>,
    pub source: &'d str,
}

/// Paragraphs (`(span, meta_only)`, in order) and list items that hold no paragraph (tight
/// lists), in document order.
pub(crate) fn build_blocks<'d>(
    text: &'d str,
    paragraphs: &[(Range<usize>, bool)],
    list_items: &[(Range<usize>, usize)],
) -> Vec<Block<'d>> {
    let mut out: Vec<Block<'d>> = paragraphs
        .iter()
        .filter(|(_, meta_only)| !meta_only)
        .map(|(span, _)| Block {
            span: span.clone(),
            source: text.get(span.clone()).unwrap_or(""),
        })
        .collect();
    // Paragraph starts are sorted: a binary search tells whether an item holds one.
    let starts: Vec<usize> = paragraphs.iter().map(|(s, _)| s.start).collect();
    for (span, _) in list_items {
        let src = text.get(span.clone()).unwrap_or("");
        // A loose item's paragraphs are already in; a nested list is its own item.
        let i = starts.partition_point(|&s| s < span.start);
        if starts.get(i).is_some_and(|&s| s < span.end) {
            continue;
        }
        let first = src.split("\n").take_while(|l| {
            let t = l.trim_start();
            !(t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ "))
                || std::ptr::eq(l.as_ptr(), src.as_ptr())
        });
        let len: usize = first.map(|l| l.len() + 1).sum::<usize>().min(src.len());
        let body = &src[..len];
        if text::metadata_line(body.trim()).is_some() && body.trim().lines().count() == 1 {
            continue;
        }
        out.push(Block {
            span: span.start..span.start + len,
            source: body,
        });
    }
    out.sort_by_key(|b| b.span.start);
    out
}

/// Strips list markers, emphasis and link targets enough for sentence splitting.
/// `scratch` is a buffer kept between blocks.
fn sentences_of<'d>(
    b: &Block<'d>,
    interiors: &Interiors,
    scratch: &mut Vec<(usize, usize)>,
    out: &mut Vec<Sentence<'d>>,
) {
    let src = b.source;
    let skip = src.len()
        - src
            .trim_start_matches([' ', '\t', '-', '*', '+', '>'])
            .len();
    let body = &src[skip..];
    let base = b.span.start + skip;
    scratch.clear();
    if body.is_ascii() {
        interior::sentences_ascii(body, base, interiors, scratch);
    } else {
        text::sentences_into(body, scratch);
        scratch.iter_mut().for_each(|(at, _)| *at += base);
    }
    out.extend(scratch.iter().map(|&(offset, words)| Sentence {
        offset,
        text: "",
        words,
    }));
    // Fill the text: from each start to the next start.
    let n = out.len();
    let first = out
        .iter()
        .rposition(|s| s.offset < b.span.start)
        .map_or(0, |i| i + 1);
    for i in first..n {
        let start = out[i].offset;
        let end = if i + 1 < n {
            out[i + 1].offset
        } else {
            b.span.end
        };
        out[i].text = src
            .get(start - b.span.start..end.min(b.span.end) - b.span.start)
            .unwrap_or("")
            .trim();
    }
}

/// Every prose sentence of the blocks (of a document whose parse kept `interiors`).
pub(crate) fn build_sentences<'d>(
    blocks: &[Block<'d>],
    interiors: &Interiors,
) -> Vec<Sentence<'d>> {
    let mut out = Vec::new();
    let mut scratch = Vec::new();
    for b in blocks {
        sentences_of(b, interiors, &mut scratch, &mut out);
    }
    out
}
