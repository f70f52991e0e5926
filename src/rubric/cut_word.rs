//! A document's last word read as the start of one (see `ending`): a paragraph that is only
//! the first letter of its first word (`\n\nW`), a contraction cut at its apostrophe (`isn'`,
//! `They'`), a mark that opens what was cut (a code fence's first backticks, a quote mark), or
//! the start of a longer word the text uses (`ava`, `Conside`).

use std::sync::OnceLock;

/// The English words review knows, lowercase ASCII, one per line, sorted bytewise: SCOWL's
/// size-50 American list (`data/NOTICE.md` says where it comes from and under which terms).
const ENGLISH: &str = include_str!("data/english-words.txt");

/// Whether `w` (lowercase ASCII) is an English word.
fn is_english(w: &str) -> bool {
    // Built the first time a document ends on a word it has nowhere else, which few do.
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| ENGLISH.lines().collect())
        .binary_search(&w)
        .is_ok()
}

/// Whether `word`, the last word of a text (letters only), is only the start of a word: a
/// single lowercase letter other than `a` and `i`; or a word (not an acronym) that `before`
/// (the text before its line) never uses whole but uses as the start of a longer word, two
/// letters longer ("ava" of "available": a plural is no longer word), or one letter longer
/// when that letter is no plural's or past tense's (`s`, `d`) and `word` is no English word
/// ("Conside" of "consider", "availabilit" of "availability"; not "parse" of "parser").
pub(super) fn is_fragment(before: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if word.chars().count() == 1 {
        return !matches!(lower.as_str(), "a" | "i") && word.chars().all(char::is_lowercase);
    }
    // Acronyms and names in capitals are whole words however short.
    if word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return false;
    }
    let (mut two_longer, mut one_longer) = (false, false);
    for w in before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
    {
        if w == lower {
            return false;
        }
        if w.starts_with(lower.as_str()) {
            two_longer |= w.len() >= lower.len() + 2;
            one_longer |= w.len() == lower.len() + 1 && !w.ends_with(['s', 'd']);
        }
    }
    two_longer || (one_longer && !is_english(&lower))
}

/// Whether `word`, the whole of a document's last paragraph (one that follows text, not a
/// heading), is the first letter of its first word: one Latin letter ("A" and "I" too, which
/// never make such a paragraph alone). A letter or a number under a heading answers it
/// ("## Grade" then "B"), one character of another script is a word ("끝"), and two or three
/// letters may sign a post off ("Tom").
pub(super) fn starts_a_paragraph(word: &str) -> bool {
    word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Words a contraction cut at its apostrophe leaves: "isn'", "They'", "can’".
const CONTRACTED: &[&str] = &[
    "isn", "aren", "wasn", "weren", "don", "doesn", "didn", "can", "couldn", "wouldn", "shouldn",
    "won", "haven", "hasn", "hadn", "mustn", "needn", "ain", "i", "you", "we", "they", "he", "she",
    "it", "that", "there", "here", "what", "who", "where", "let",
];

/// Whether `line`, a document's last (`above`: the text before it), ends on a contraction cut
/// at its apostrophe ("The fix isn'", "They'"). Only the words of [`CONTRACTED`]: a
/// possessive cut the same way ("the client'") cannot be told from a name with a prime
/// ("foldl'"), a dropped g ("hackin'") or another language ("un po'"). Not when a single
/// quote opened earlier in its paragraph (after anything but a letter or digit: "choose 'It
/// can'", also on a line before) is closed by it.
pub(super) fn cut_at_apostrophe(above: &str, line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['*', '_']);
    let Some(stem) = t.strip_suffix(['\'', '’']) else {
        return false;
    };
    let start = stem
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(stem.len(), |(i, _)| i);
    let word = stem[start..].to_lowercase();
    let opens = |s: &str| {
        s.char_indices().any(|(i, c)| {
            matches!(c, '\'' | '‘')
                && s[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
        })
    };
    let para_before = &above[above.rfind("\n\n").map_or(0, |i| i + 2)..];
    CONTRACTED.contains(&word.as_str()) && !opens(&stem[..start]) && !opens(para_before)
}

/// Whether `line`, a document's last, ends on a mark that opens something with nothing
/// after it: the line is one or two backticks or tildes (a code fence's first marks) or its
/// last token is a quote mark alone (`as defined in "`).
pub(super) fn opens_nothing(line: &str) -> bool {
    matches!(line.trim(), "`" | "``" | "~" | "~~")
        || line
            .split_whitespace()
            .next_back()
            .is_some_and(|t| matches!(t, "\"" | "“" | "‘"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_paragraph() {
        for cut in ["W", "I", "t"] {
            assert!(starts_a_paragraph(cut), "{cut}");
        }
        for whole in ["No", "Tom", "Adv", "RF", "NA", "2", "0", "끝", "é"] {
            assert!(!starts_a_paragraph(whole), "{whole}");
        }
    }

    #[test]
    fn a_mark_that_opens_nothing() {
        for cut in ["``", " ~ ", "Note that \"old\" and \"", "the same “"] {
            assert!(opens_nothing(cut), "{cut:?}");
        }
        for whole in ["```", "`x`", "He said \"no\"", "Quote: \" x"] {
            assert!(!opens_nothing(whole), "{whole:?}");
        }
    }

    #[test]
    fn a_fragment_starts_a_longer_word_the_text_uses() {
        let before = "We considered the options, their availability and the datasets we had \
            on the parser cluster. It is available. We ran the tokio runtime.\n";
        for cut in [
            "Conside",
            "availabilit",
            "Opti",
            "ava",
            "t",
            "runti",
            "conside",
        ] {
            assert!(is_fragment(before, cut), "{cut}");
        }
        for whole in [
            // Words the text uses whole, or with one letter more that inflects them or makes
            // another English word ("parse" of "parser").
            "tokio", "dataset", "parse", "a",
            // Acronyms, and names that start no word of the text.
            "GA", "KEP", "zorbl", "Theo",
        ] {
            assert!(!is_fragment(before, whole), "{whole}");
        }
    }

    #[test]
    fn the_word_list_is_sorted_lowercase_ascii() {
        let words: Vec<&str> = ENGLISH.lines().collect();
        assert!(words.len() > 60_000);
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(
            words
                .iter()
                .all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase()))
        );
        assert!(is_english("consider") && is_english("a") && is_english("zoos"));
        assert!(!is_english("conside") && !is_english("zorbl"));
    }

    #[test]
    fn a_word_cut_at_its_apostrophe() {
        for cut in [
            "The fix isn'",
            "They'",
            "can’",
            "**don'**",
            "The `retry` helper in `src/net.rs` doesn'",
            "He said \"go\" but didn'",
        ] {
            assert!(cut_at_apostrophe("", cut), "{cut}");
        }
        for whole in [
            "the users'",
            "set it to 'quoted'",
            "then choose 'Add new item'",
            "- engine='pyarrow'",
            "Settings→'Billing'",
            "Happy hackin'",
            "than a developer'",
            "then fold with foldl'",
            "un po'",
            "‘fine’",
            "it",
            "O'Brien",
            "`x'",
        ] {
            assert!(!cut_at_apostrophe("", whole), "{whole}");
        }
        // A quote opened on the line before, in the same paragraph, is closed.
        assert!(!cut_at_apostrophe("The flag is 'on\n", "by default'"));
        assert!(cut_at_apostrophe("The flag is 'on'.\n\n", "It isn'"));
    }
}
