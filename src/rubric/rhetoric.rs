//! Stock rhetoric the filler rule counts by its shape rather than by its words: the
//! antithesis that sets a subject against what nobody claimed it was ("AI isn't just a tool;
//! it's a mirror", "This is not about replacing models", "Not just inference, but memory").
//! One such sentence is ordinary English; a document that argues by them asserts importance
//! instead of showing it.

/// Whether the sentence holds a stock antithesis: a negation ("not", "isn't", "doesn't"...)
/// directly followed by "just", "merely", "simply" or "about" ("not about to" is another
/// idiom and does not count; "not only ... but also" is ordinary English and does not count
/// either). Read word by word; the sentence is skipped unless it holds "not" or "n't".
pub(crate) fn antithesis(sentence: &str) -> bool {
    if !has_negation(sentence.as_bytes()) {
        return false;
    }
    let mut words = sentence
        .split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')))
        .filter(|w| !w.is_empty());
    let mut prev = "";
    let mut pending = false;
    for w in words.by_ref() {
        if pending {
            // "not about to" is an idiom of intention, not a contrast.
            if !w.eq_ignore_ascii_case("to") {
                return true;
            }
            pending = false;
        }
        if negation(prev) {
            if ["just", "merely", "simply"]
                .iter()
                .any(|k| w.eq_ignore_ascii_case(k))
            {
                return true;
            }
            if w.eq_ignore_ascii_case("about") {
                pending = true;
            }
        }
        prev = w;
    }
    // "... is not about" ending the sentence is a contrast too.
    pending
}

/// Whether a word negates: "not" or a contraction ending in "n't" / "n’t".
fn negation(w: &str) -> bool {
    w.eq_ignore_ascii_case("not")
        || w.len() > 3 && (w.ends_with("n't") || w.ends_with("N'T") || w.ends_with("n’t"))
}

/// A cheap test that the sentence may hold a negation at all: a `t` or `T` after "no", "NO"
/// or an apostrophe after "n" ("not", "Not", "n't", "n’t"), found with one memchr pass.
fn has_negation(b: &[u8]) -> bool {
    memchr::memchr2_iter(b't', b'T', b).any(|i| {
        let before = &b[..i];
        before.ends_with(b"no")
            || before.ends_with(b"No")
            || before.ends_with(b"NO")
            || before.ends_with(b"n'")
            || before.ends_with(b"N'")
            || before.ends_with("n’".as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::antithesis;

    #[test]
    fn negated_just_merely_simply_about_are_antitheses() {
        for s in [
            "GPT Researcher isn't just a tool.",
            "This is not just an incremental improvement.",
            "Not just inference speed, though that matters.",
            "AI wasn’t merely a mirror; it was a window.",
            "The fix is not simply a retry.",
            "This is not about replacing large language models.",
            "Art weren't just about entertainment; they were about connection.",
            "What it is not about.",
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
            "It is just a retry with a 200 ms back-off.",
            "Notably, the parser reads the input once.",
            "The knot just held.",
            "The parser cannot simply skip the header.",
        ] {
            assert!(!antithesis(s), "{s}");
        }
    }
}
