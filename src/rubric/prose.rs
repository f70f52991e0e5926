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

/// The word just before `at` (emphasis markers and spaces skipped, apostrophes kept: "isn't"),
/// for rules that read a phrase by the word in front of it ("not ready", "needs to be added").
pub fn word_before(t: &str, at: usize) -> &str {
    t[..at]
        .trim_end_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .rsplit(|c: char| !(c.is_alphabetic() || c == '\''))
        .next()
        .unwrap_or("")
}

/// A 64-bit key of [`normalize`]`(s)` (FNV-1a over its bytes), computed without building the
/// string: repetition counts compare thousands of sentences and blocks per document.
pub fn normalized_key(s: &str) -> u64 {
    let mut key = Fnv::default();
    let mut gap = false;
    if s.is_ascii() {
        for &b in s.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if gap && key.started {
                    key.push(b' ');
                }
                gap = false;
                key.push(b.to_ascii_lowercase());
            } else {
                gap = true;
            }
        }
        return key.hash;
    }
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && key.started {
                key.push(b' ');
            }
            gap = false;
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(|b| key.push(b));
            }
        } else {
            gap = true;
        }
    }
    key.hash
}

/// FNV-1a, remembering whether any byte went in (a space never leads [`normalize`]).
struct Fnv {
    hash: u64,
    started: bool,
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv {
            hash: 0xcbf2_9ce4_8422_2325,
            started: false,
        }
    }
}

impl Fnv {
    fn push(&mut self, b: u8) {
        self.started = true;
        self.hash = (self.hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
}

/// Lowercase letters and digits with single spaces: two sentences that differ only in case,
/// punctuation or spacing compare equal. [`normalized_key`] is its key.
/// Whether the claim at `start..end` is denied: negated by the word before it ("not production
/// ready") or a label whose value says no (`**Production Ready**: ❌ Not yet`).
pub(crate) fn denied(t: &str, start: usize, end: usize) -> bool {
    negated(t, start) || says_no(&t[end..])
}

/// Whether the value after a label (`**Ready**: ❌ not yet`, `Ready: No`) says no.
fn says_no(rest: &str) -> bool {
    let Some(value) = rest.trim_start_matches(['*', '_']).strip_prefix(':') else {
        return false;
    };
    let value = value.trim_start_matches(['*', '_', ' ', '\t']);
    if value.starts_with(['❌', '✗', '✘', '🚫', '⛔', '🔴']) {
        return true;
    }
    let word: String = value
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "no" | "not" | "false" | "pending" | "partial" | "partially"
    )
}

/// "not ready to merge", "never fully tested": the word before the claim denies it.
fn negated(t: &str, at: usize) -> bool {
    let word = word_before(t, at).to_lowercase();
    matches!(
        word.as_str(),
        "not" | "never" | "isn't" | "aren't" | "wasn't" | "weren't" | "nor" | "without" | "no"
    )
}

#[cfg(test)]
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
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fnv(bytes: &[u8]) -> u64 {
        let mut key = Fnv::default();
        bytes.iter().for_each(|&b| key.push(b));
        key.hash
    }

    #[test]
    fn equal_keys_for_text_that_differs_in_case_spacing_and_punctuation() {
        let a = normalized_key("The cache was rewritten, in May.");
        assert_eq!(a, normalized_key("  the CACHE was   rewritten in may!"));
        assert_ne!(a, normalized_key("The cache was rewritten in June."));
        assert_eq!(
            normalized_key("Ünïcode Straße"),
            normalized_key("ünïcode — straße.")
        );
    }

    proptest! {
        /// The key is FNV-1a of exactly the string `normalize` builds, ASCII or not.
        #[test]
        fn key_is_the_hash_of_the_normalized_text(s in "[a-zA-Z0-9 ,.!\\n\\-ÄäÉéßİ_]{0,60}") {
            prop_assert_eq!(normalized_key(&s), fnv(normalize(&s).as_bytes()));
        }
    }
}
