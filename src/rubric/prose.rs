//! Prose as the quality checks see it: the sentences of paragraphs and list items (code,
//! tables and metadata lines left out), each with its offset and text. Built by the document
//! model once per document (see [`crate::document::prose`]).

use crate::document::Document;

pub use crate::document::prose::{Block, Sentence};

/// Paragraphs and list items that hold no paragraph (tight lists), in document order.
pub fn blocks<'s, 'd>(doc: &'s Document<'d>) -> &'s [Block<'d>] {
    doc.prose_blocks()
}

/// Every prose sentence of the document.
pub fn sentences<'s, 'd>(doc: &'s Document<'d>) -> &'s [Sentence<'d>] {
    doc.prose_sentences()
}

/// Lowercase letters and digits with single spaces: two sentences that differ only in case,
/// punctuation or spacing compare equal.
pub fn normalize(s: &str) -> String {
    if s.is_ascii() {
        return normalize_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// [`normalize`] of ASCII text (the common case), byte by byte: the same result, as ASCII
/// letters and digits are the only alphanumeric ASCII characters and lowercase one to one.
fn normalize_ascii(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut gap = false;
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            out.push(b.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a sentence names something specific: a figure, code, a link or a quotation.
pub fn is_specific(s: &str) -> bool {
    if s.bytes()
        .any(|b| b.is_ascii_digit() || b == b'`' || b == b'"')
        || s.contains("](")
        || s.contains("http")
    {
        return true;
    }
    // Names alone do not make a sentence specific: agent filler is full of them.
    false
}
