//! Prose as the quality checks see it: the blocks (paragraphs and tight list items) and their
//! sentences, code, tables and metadata lines left out. Built once per document on first use
//! and cached there (several rules and gates read them).

use std::ops::Range;

use super::bytescan::{CLASS, WS};
use super::interior::Interiors;
use super::text;
use super::words::{ends_sentence, token_run};

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
/// lists), in document order. `line_starts`: where the lines of `text` start (its line index).
pub(crate) fn build_blocks<'d>(
    text: &'d str,
    line_starts: &[usize],
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
        // A loose item's paragraphs are already in; a nested list is its own item, also when
        // it opens on the item's own line (`- - text`: the innermost item holds the text, and
        // each outer one would hold it again).
        let i = starts.partition_point(|&s| s < span.start);
        if starts.get(i).is_some_and(|&s| s < span.end) || opens_a_list(after_marker(src)) {
            continue;
        }
        // The item's lines up to the first after its own that opens a nested list (`- `,
        // `* `, `+ ` after white space): the lines `split('\n')` cuts, found in the line index.
        let len = item_text_len(src, span.start, line_starts);
        let body = &src[..len];
        let trimmed = body.trim();
        // One line: `trimmed.lines().count() == 1`.
        if !trimmed.is_empty()
            && memchr::memchr(b'\n', trimmed.as_bytes()).is_none()
            && text::metadata_line(trimmed).is_some_and(|(_, v)| !text::value_is_prose(&v))
        {
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

/// How many bytes of `src` (a list item's text, at file offset `at`) hold its own text: up to
/// the start of the first line after its first one that opens with a list marker (`- `, `* `,
/// `+ `, after white space), else all of it. `line_starts`: the file's line index.
fn item_text_len(src: &str, at: usize, line_starts: &[usize]) -> usize {
    let end = at + src.len();
    let first = line_starts.partition_point(|&s| s <= at);
    let inside = line_starts[first..].iter().take_while(|&&s| s < end);
    let mut next = line_starts[first..].iter().skip(1).copied();
    for &s in inside {
        // The line, with its `\n` (white space, as `trim_start` reads it).
        let line_end = next.next().map_or(end, |n| n.min(end));
        let t = src[s - at..line_end - at].trim_start();
        if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
            return s - at;
        }
    }
    src.len()
}

/// A list item's text after its marker (`- `, `* `, `+ `, `1. `, `1) `) and the white space
/// after it.
fn after_marker(item: &str) -> &str {
    let t = item.trim_start_matches([' ', '\t', '>']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        t[digits..].strip_prefix(['.', ')'])
    } else {
        t.strip_prefix(['-', '*', '+'])
    };
    match rest {
        Some(r) if r.starts_with([' ', '\t']) => r.trim_start_matches([' ', '\t']),
        _ => "",
    }
}

/// Whether text opens with a list marker: a nested list on the item's first line.
fn opens_a_list(text: &str) -> bool {
    !after_marker(text).is_empty()
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
        sentences_ascii(body, base, interiors, scratch);
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
/// `expected` is about how many there are (room made up front).
pub(crate) fn build_sentences<'d>(
    blocks: &[Block<'d>],
    interiors: &Interiors,
    expected: usize,
) -> Vec<Sentence<'d>> {
    let mut out = Vec::with_capacity(expected);
    let mut scratch = Vec::new();
    for b in blocks {
        sentences_of(b, interiors, &mut scratch, &mut out);
    }
    out
}

/// [`super::words::sentences`] of ASCII `body` (which starts at file offset `base`) as
/// (file offset, words), appended to `out`; an interior of `all` that starts where a token
/// of `body` starts, and ends inside it, is replayed instead of read.
fn sentences_ascii(body: &str, base: usize, all: &Interiors, out: &mut Vec<(usize, usize)>) {
    let bytes = body.as_bytes();
    let end = base + bytes.len();
    let mut r = all.chunks.partition_point(|c| c.from < base);
    let (mut i, mut start, mut words) = (0, None, 0);
    loop {
        while i < bytes.len() && CLASS[usize::from(bytes[i])] & WS != 0 {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let at = i;
        while all.chunks.get(r).is_some_and(|c| c.from < base + at) {
            r += 1;
        }
        if let Some(c) = all
            .chunks
            .get(r)
            .filter(|c| c.from == base + at && c.to <= end)
        {
            let runs = all
                .runs
                .get(c.runs.0 as usize..c.runs.1 as usize)
                .unwrap_or(&[]);
            for &(first, n) in runs {
                start.get_or_insert(first);
                words += n;
                if words > 0 {
                    out.extend(start.take().map(|s| (s, words)));
                    words = 0;
                }
            }
            if let Some((first, n)) = c.tail {
                start.get_or_insert(first);
                words += n;
            }
            i = c.to - base;
            r += 1;
            continue;
        }
        let (word, stop) = token_run(bytes, at);
        i = stop;
        start.get_or_insert(base + at);
        words += usize::from(word);
        if ends_sentence(&bytes[at..stop]) && words > 0 {
            out.extend(start.take().map(|s| (s, words)));
            words = 0;
        }
    }
    out.extend(start.filter(|_| words > 0).map(|s| (s, words)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `item_text_len` replaced: the item's lines cut by `split('\n')`, taken up to the
    /// first after its own that opens a nested list.
    fn item_text_len_by_split(src: &str) -> usize {
        let first = src.split('\n').take_while(|l| {
            let t = l.trim_start();
            !(t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ "))
                || std::ptr::eq(l.as_ptr(), src.as_ptr())
        });
        first.map(|l| l.len() + 1).sum::<usize>().min(src.len())
    }

    proptest! {
        /// Reading an item's lines from the line index cuts it where splitting its text does.
        #[test]
        fn item_text_len_is_the_split(
            parts in proptest::collection::vec(r"- |\* |\+ |-|\n|\r\n| |\t|\u{a0}|a|[a-z ]{1,6}", 0..24),
            cut in 0usize..64,
            len in 0usize..64,
        ) {
            let text = parts.concat();
            let starts = crate::diag::LineIndex::new(&text).starts().to_vec();
            let at = cut.min(text.len());
            let end = (at + len).min(text.len());
            if let Some(src) = text.get(at..end) {
                prop_assert_eq!(item_text_len(src, at, &starts), item_text_len_by_split(src));
            }
        }
    }
}
