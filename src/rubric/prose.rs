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
/// string: repetition counts compare thousands of sentences and blocks per document. ASCII
/// bytes are folded through a table; only other characters are decoded.
pub fn normalized_key(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut key = Fnv::default();
    // A space is due before the next letter or digit: something else came after one.
    let mut gap = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            let f = FOLD[usize::from(b)];
            if f == 0 {
                gap = key.started;
                continue;
            }
            if gap {
                key.push(b' ');
                gap = false;
            }
            key.push(f);
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if !c.is_alphanumeric() {
            gap = key.started;
            continue;
        }
        if gap {
            key.push(b' ');
            gap = false;
        }
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            l.encode_utf8(&mut buf).bytes().for_each(|b| key.push(b));
        }
    }
    key.hash
}

/// A key of the first and the last word of [`normalize`]`(s)`: the first and the last run of
/// letters and digits, lowercased (a lowercased letter holds no space, so the normalized
/// text breaks into words exactly where the runs do). Texts equal once normalized share it.
pub fn edge_key(s: &str) -> u64 {
    let b = s.as_bytes();
    // ASCII edges (the common case) byte by byte, with the same key as the general case.
    let start = b
        .iter()
        .position(|&c| c >= 0x80 || FOLD[usize::from(c)] != 0);
    let end = b
        .iter()
        .rposition(|&c| c >= 0x80 || FOLD[usize::from(c)] != 0);
    if let (Some(start), Some(end)) = (start, end) {
        // The first word forward and the last word backward, hashed as they are read; the
        // general case when either is empty or touches a character outside ASCII.
        let run = |c: u8| if c < 0x80 { FOLD[usize::from(c)] } else { 0 };
        let mut h = FNV_OFFSET;
        let mut i = start;
        while let Some(f) = b.get(i).map(|&c| run(c)).filter(|&f| f != 0) {
            h = fnv_step(h, u32::from(f));
            i += 1;
        }
        h = fnv_step(h, 0);
        let mut j = end + 1;
        while let Some(f) = j.checked_sub(1).map(|k| run(b[k])).filter(|&f| f != 0) {
            h = fnv_step(h, u32::from(f));
            j -= 1;
        }
        let ascii = |i: usize| b.get(i).is_none_or(|c| *c < 0x80);
        if i > start && j <= end && ascii(i) && (j == 0 || ascii(j - 1)) {
            return h;
        }
    }
    edge_key_by_chars(s)
}

/// [`edge_key`] of any text, char by char.
fn edge_key_by_chars(s: &str) -> u64 {
    let alnum = |c: &char| c.is_alphanumeric();
    let first = s.chars().skip_while(|c| !alnum(c)).take_while(alnum);
    let last = s.chars().rev().skip_while(|c| !alnum(c)).take_while(alnum);
    first
        .chain(['\0'])
        .chain(last)
        .flat_map(char::to_lowercase)
        .fold(FNV_OFFSET, |h, c| fnv_step(h, u32::from(c)))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x100_0000_01b3)
}

/// Each ASCII byte lowercased when it is a letter or digit, else 0.
const FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

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

/// Words before a claim that ask for it or wait on it ("Make all tests pass", "until all
/// tests pass", "Ensure 100% pass"); [`wished`] adds "once", which [`unmet`] reads as done
/// ("Once verified, it shipped").
const ASKS: [&str; 11] = [
    "make", "making", "ensure", "ensuring", "until", "if", "unless", "should", "must", "will",
    "would",
];

/// Words before a claim that deny it ("not ready", "never tested").
const DENIES: [&str; 9] = [
    "not", "never", "isn't", "aren't", "wasn't", "weren't", "nor", "without", "no",
];

/// Whether the claim at `start` is a goal or a condition, not a result: the word before it
/// asks for it or waits on it ([`ASKS`], "once").
pub(crate) fn wished(t: &str, start: usize) -> bool {
    let word = word_before(t, start).to_lowercase();
    word == "once" || ASKS.contains(&word.as_str())
}

/// Whether a claim at `at` is an expectation or an open item rather than a result: its
/// line is an unchecked checklist item (`- [ ] **Production-ready:** verify ...`), or what
/// precedes it on the line names an expectation (`Expected: all tests pass`, `Goal:`,
/// `Success criteria:`).
pub(crate) fn expected(t: &str, at: usize) -> bool {
    let line = &t[t[..at].rfind('\n').map_or(0, |n| n + 1)..at];
    let item = line.trim_start();
    if ["- [ ]", "* [ ]", "+ [ ]"]
        .iter()
        .any(|b| item.starts_with(b))
    {
        return true;
    }
    let before = line
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`'))
        .to_lowercase();
    [
        "expected:",
        "expected",
        "expected result:",
        "expected results:",
        "expected outcome:",
        "expectation:",
        "expect",
        "goal:",
        "target:",
        "success criteria:",
        "acceptance criteria:",
        "done when:",
    ]
    .iter()
    .any(|e| {
        before.ends_with(e)
            && before[..before.len() - e.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether what is said at `at` is asked for, offered or denied rather than done: the word
/// before it (past an adverb: "should also be", "never fully verified") asks for it or denies
/// it, or it is passive after such a word ("should be verified", "hasn't been confirmed",
/// "needs to be tested", "can be verified by running"). "Once verified, it shipped" is done.
pub(crate) fn unmet(t: &str, at: usize) -> bool {
    // Negations written as contractions, besides [`DENIES`].
    const CONTRACTED: [&str; 11] = [
        "hasn't",
        "haven't",
        "can't",
        "cannot",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "didn't",
        "doesn't",
        "don't",
    ];
    let not_done = |w: &str| ASKS.contains(&w) || DENIES.contains(&w) || CONTRACTED.contains(&w);
    // The word that ends before `end` (lowercased, `’` read as `'`) and where it starts, past
    // adverbs.
    let before = |mut end: usize| loop {
        let head = t[..end].trim_end_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        let start = head
            .trim_end_matches(|c: char| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
            .len();
        let word = head[start..].replace('\u{2019}', "'").to_lowercase();
        let adverb =
            word.len() > 4 && word.ends_with("ly") || matches!(word.as_str(), "also" | "still");
        if !adverb {
            return (word, start);
        }
        end = start;
    };
    let (word, start) = before(at);
    if not_done(&word) {
        return true;
    }
    if !matches!(word.as_str(), "be" | "been" | "being") {
        return false;
    }
    let (word, _) = before(start);
    not_done(&word)
        || matches!(
            word.as_str(),
            "to" | "yet" | "can" | "could" | "may" | "might" | "need" | "needs"
        )
}

/// Whether the failure word at `at` is counted as none by the word before it: "No KeyError
/// issues", "zero FAILED" ("without KeyError", "never FAILED before" may still report one).
pub(crate) fn failure_denied(t: &str, at: usize) -> bool {
    matches!(word_before(t, at).to_lowercase().as_str(), "no" | "zero")
}

/// Whether the failure word at `start..end` is one the text leaves behind or rules out: the
/// state an arrow leads away from to a pass ("FAIL → PASS", "❌ → ✅"), or what cannot happen
/// ("so it cannot be skipped", "won't be skipped").
pub(crate) fn failure_left(t: &str, start: usize, end: usize) -> bool {
    let after = t[end..].trim_start_matches([' ', '\t', '*', '_']);
    let passed = ["→", "->", "=>", "⟶", "➡"]
        .iter()
        .find_map(|arrow| after.strip_prefix(arrow))
        .is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '\t', '*', '_', '\u{fe0f}']);
            rest.starts_with('✅')
                || rest
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("pass"))
        });
    let before = t[..start].trim_end_matches([' ', '\t', '*', '_']);
    let mut tail = before.len().saturating_sub(12);
    while !before.is_char_boundary(tail) {
        tail += 1;
    }
    let tail = before[tail..].to_ascii_lowercase();
    let ruled_out = ["not be", "n't be", "never be"]
        .iter()
        .any(|p| tail.ends_with(p));
    passed || ruled_out
}

/// "not ready to merge", "never fully tested": the word before the claim denies it.
fn negated(t: &str, at: usize) -> bool {
    DENIES.contains(&word_before(t, at).to_lowercase().as_str())
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
        /// The ASCII path of the edge key gives the key of the general one.
        #[test]
        fn edge_key_is_the_same_ascii_or_not(s in "[a-zA-Z0-9 ,.!\\-ÄéßİΣ_—]{0,16}") {
            prop_assert_eq!(edge_key(&s), edge_key_by_chars(&s));
        }

        /// The key is FNV-1a of exactly the string `normalize` builds, ASCII or not.
        #[test]
        fn key_is_the_hash_of_the_normalized_text(s in "[a-zA-Z0-9 ,.!\\n\\-ÄäÉéßİ_—²Σ٣]{0,60}") {
            prop_assert_eq!(normalized_key(&s), fnv(normalize(&s).as_bytes()));
        }
    }
}
