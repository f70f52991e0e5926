//! English words, to tell a word cut off from a whole one at the end of a file left open
//! (`cut_word::stops_mid_line`). The list is data, `templates/review/english-words.txt`
//! (from SCOWL; its notices are in the file), read the first time a document needs it: most
//! never do.

use std::sync::OnceLock;

/// The list's words, sorted (its comment lines left out).
fn words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let text = crate::assets::embedded("review/english-words.txt").unwrap_or("");
        let mut words: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        // Sorted in the file; sorting again keeps a hand edit from breaking the search.
        words.sort_unstable();
        words
    })
}

fn listed(word: &str) -> bool {
    words().binary_search(&word).is_ok()
}

/// Whether `stem` followed by `tail` is listed, without joining them.
fn listed_joined(stem: &str, tail: &str) -> bool {
    // The list is ASCII: a byte index splits a word.
    words()
        .binary_search_by(|w| {
            let (head, rest) = w.split_at(stem.len().min(w.len()));
            head.cmp(stem).then_with(|| rest.cmp(tail))
        })
        .is_ok()
}

/// Endings a listed word takes that the list may not hold ("zeroized", "benchmarking").
const ENDINGS: [&str; 14] = [
    "s", "es", "ed", "d", "ing", "ly", "er", "ers", "ation", "ations", "ize", "ized", "izes",
    "ization",
];

/// Beginnings a listed word takes that the list may not hold ("defragmentation", "rerun").
const BEGINNINGS: [&str; 11] = [
    "re", "de", "un", "pre", "non", "sub", "over", "under", "multi", "inter", "auto",
];

/// Whether lowercase `word` is an English word: listed, or a listed word (or one less its
/// final `e`) with a common ending, or either with a common beginning.
pub(crate) fn is_word(word: &str) -> bool {
    let with_ending = |w: &str| {
        listed(w)
            || ENDINGS.iter().any(|e| {
                w.strip_suffix(e).is_some_and(|stem| {
                    stem.len() >= 3 && (listed(stem) || listed_joined(stem, "e"))
                })
            })
    };
    with_ending(word)
        || BEGINNINGS.iter().any(|b| {
            word.strip_prefix(b)
                .is_some_and(|rest| rest.len() >= 3 && with_ending(rest))
        })
}

/// Whether lowercase `word` is the start of an English word and no word itself: what a word
/// cut off leaves ("repositor", "availabilit"). A word the list lacks whole ("kubectl",
/// "readme") starts none of its words, so it is not taken for one cut.
pub(crate) fn cut_short(word: &str) -> bool {
    let list = words();
    let at = list.partition_point(|w| *w <= word);
    list.get(at).is_some_and(|next| next.starts_with(word)) && !is_word(word)
}

/// Whether `text` is written in English: of its lowercase words of three letters or more, at
/// least 20 and three in five are listed. A word the list lacks in another language is no
/// sign of a cut.
pub(crate) fn mostly_english(text: &str) -> bool {
    let (mut seen, mut known) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
    {
        seen += 1;
        known += usize::from(listed(w));
    }
    seen >= 20 && known * 5 >= seen * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_their_endings_are_words_cut_ones_are_not() {
        for w in [
            "repository",
            "checks",
            "benchmarking",
            "defragmentation",
            "rerun",
            "help",
        ] {
            assert!(is_word(w), "{w}");
        }
        for w in ["repositor", "stagin", "availabilit", "uniq"] {
            assert!(!is_word(w), "{w}");
            assert!(cut_short(w), "{w}");
        }
        // Words the list lacks whole start none of its words: no sign of a cut.
        for w in ["kubectl", "readme", "localhost", "json"] {
            assert!(!cut_short(w), "{w}");
        }
        // A listed word starts longer ones ("check", "checks") but is whole.
        assert!(!cut_short("check"));
    }

    #[test]
    fn english_is_told_from_other_languages() {
        let en = "the parser reads every file once and the cache keeps what it read so the second run takes a third of the time of the first one";
        assert!(mostly_english(en));
        let fr = "les utilisateurs configurent les environnements de développement avec les stratégies existantes pour chaque test et les couleurs des terminaux";
        assert!(!mostly_english(fr));
        // Too few words to tell.
        assert!(!mostly_english("the parser reads"));
    }
}
