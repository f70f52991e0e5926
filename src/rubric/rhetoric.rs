//! Stock rhetoric the filler rule counts by its shape rather than by its words: the
//! antithesis that sets a subject against what nobody claimed it was ("AI isn't just a tool;
//! it's a mirror", "This is not just an improvement", "Not just inference, but memory").
//! One such sentence is ordinary English; a document that argues by them asserts importance
//! instead of showing it.

use crate::document::Document;

/// Whether the document may hold a stock antithesis: in its lowercased text, a "just" after a
/// negation, with anything but letters, digits and apostrophes between (spaces, a line break,
/// emphasis, a dash), found with one memchr pass for `j` (a rare letter). Most documents hold
/// none, and then no sentence is read; every sentence [`antithesis`] accepts passes it. A text
/// that cannot be folded in ASCII is read sentence by sentence.
pub(crate) fn may_hold_antithesis(doc: &Document) -> bool {
    let Some(folded) = doc.folded_text() else {
        return true;
    };
    memchr::memchr_iter(b'j', folded.as_bytes()).any(|i| {
        let before = folded[..i].trim_end_matches(|c: char| !word_char(c));
        folded[i..].starts_with("just") && before.len() < i && negation(before.as_bytes())
    })
}

/// What a word is made of, for both readings: letters, digits and apostrophes.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Whether the sentence holds a stock antithesis: a negation ("not", "isn't", "doesn't"...)
/// directly followed by "just" (emphasis and dashes around the words do not matter). "Not
/// only ... but also" is ordinary English and does not count; "not merely", "not simply" and
/// "not about" are the same figure but rarer, and are left out to keep the scan to one
/// letter.
pub(crate) fn antithesis(sentence: &str) -> bool {
    let mut prev: &[u8] = b"";
    for w in sentence
        .split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .map(|w| w.trim_matches(|c: char| !word_char(c)))
        .filter(|w| !w.is_empty())
    {
        if w.eq_ignore_ascii_case("just") && negation(prev) {
            return true;
        }
        prev = w.as_bytes();
    }
    false
}

/// Whether a word (or the text before a word) ends in a negation: "not", or "n't" / "n’t"
/// after a form of "be" or "do" ("isn't", "doesn't"), in any ASCII case. Modal contractions
/// ("can't just", "shouldn't just") and the imperative "don't just" give advice, not a
/// contrast, and do not count.
fn negation(w: &[u8]) -> bool {
    let ends_word = |suffix: &[u8]| {
        w.len() >= suffix.len()
            && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
            && !w[..w.len() - suffix.len()]
                .last()
                .is_some_and(|b| b.is_ascii_alphanumeric())
    };
    ends_word(b"not")
        || ["is", "are", "was", "were", "does", "did"].iter().any(|v| {
            [&b"n't"[..], "n’t".as_bytes()]
                .iter()
                .any(|n| ends_word(&[v.as_bytes(), n].concat()))
        })
}

#[cfg(test)]
mod tests {
    use super::{Document, antithesis, may_hold_antithesis};
    use proptest::prelude::*;

    proptest! {
        /// The document scan lets through every sentence the sentence scan accepts, so
        /// skipping the sentences when it finds nothing changes no count.
        #[test]
        fn the_document_scan_misses_no_antithesis(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("not"), Just("NOT"), Just("isn't"), Just("wasn’t"), Just("can't"),
                    Just("just"), Just("*just*"), Just("*not*"), Just("—"), Just("a"),
                    Just("tool"), Just("(just"), Just("\"just\""), Just("cannot"), Just("knot"),
                ],
                1..12,
            )
        ) {
            let sentence = format!("{}.", words.join(" "));
            let doc = Document::parse(&sentence);
            if antithesis(&sentence) {
                prop_assert!(may_hold_antithesis(&doc), "{sentence}");
            }
        }
    }

    #[test]
    fn the_document_scan_finds_a_plain_antithesis_in_any_case() {
        for text in [
            "# A\n\nIt ISN'T JUST a tool.\n",
            "# A\n\nThis is not\njust speed.\n",
            "# A\n\nIt wasn’t just fast.\n",
            "# A\n\nIt is not *just* a tool.\n",
            "# A\n\nIt is *not* just a tool.\n",
            "# A\n\nIt is not—just a tool.\n",
        ] {
            assert!(may_hold_antithesis(&Document::parse(text)), "{text}");
        }
        for text in [
            "# A\n\nThe cache is not shared; it is just a map.\n",
            "# A\n\nYou cannot just delete it.\n",
        ] {
            assert!(!may_hold_antithesis(&Document::parse(text)), "{text}");
        }
    }

    #[test]
    fn a_negated_just_is_an_antithesis() {
        for s in [
            "GPT Researcher isn't just a tool.",
            "This is not just an incremental improvement.",
            "Not just inference speed, though that matters.",
            "AI wasn’t *just* a mirror; it was a window.",
            "It's NOT JUST a retry.",
            "Art weren't just about entertainment; they were about connection.",
        ] {
            assert!(antithesis(s), "{s}");
        }
    }

    #[test]
    fn other_negations_and_idioms_are_not() {
        for s in [
            "The cache is not shared between workers.",
            "We are not only faster but also smaller.",
            "I was not about to give up on the parser.",
            "The fix is not simply a retry.",
            "You cannot just delete the lock file.",
            "It is just a retry with a 200 ms back-off.",
            "Notably, the parser reads the input once.",
            "The knot just held.",
            "The parser cannot simply skip the header.",
            "You can't just delete the old key.",
            "You shouldn't just restart the service.",
            "Don't just copy the file; check it.",
        ] {
            assert!(!antithesis(s), "{s}");
        }
    }
}
