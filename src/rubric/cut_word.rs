//! A document's last word read as the start of one (see `ending`): a paragraph that is only
//! the first letter of its first word (`\n\nW`), a contraction cut at its apostrophe (`isn'`,
//! `They'`), a word that is no English word but the start of one (`initializati`), or a mark
//! that opens what was cut (a code fence's first backticks, a quote mark).

use std::sync::OnceLock;

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

/// Abbreviations a technical text may end on that the word list does not hold but starts
/// words of (`config` of `configure`): whole words here.
const SHORT_FORMS: &[&str] = &[
    "arg", "async", "auth", "biz", "cert", "cli", "config", "cred", "cya", "dep", "deno", "dev",
    "dir", "enum", "env", "eval", "func", "impl", "infra", "init", "lol", "num", "nums", "org",
    "param", "perf", "repl", "repo", "repos", "req", "res", "str", "toml", "uri", "util", "wip",
];

/// English words of three letters or more, lowercase and sorted (`templates/review/words.txt`,
/// from SCOWL; its notice is beside it).
fn english() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        crate::assets::embedded("review/words.txt")
            .unwrap_or("")
            .lines()
            .collect()
    })
}

/// The last word of `line` (a document's last line, trimmed) when it is no word but the start
/// of one: three or more ASCII letters at the very end of the line, in lowercase (or
/// capitalised where a sentence or an item starts), that the English word list does not hold
/// but starts a longer word of (`initializati`, `whic`, `3. Conside`). Not a word glued to
/// a path, an identifier, a code span, a mention or a hyphen (`data-dri` may be a name), nor
/// in an open code span, nor a capitalised word inside a sentence (a name: "Tom Eccles").
pub(super) fn unfinished_word(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let letters = line
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (before, word) = line.split_at(line.len() - letters);
    if word.len() < 3
        || before.ends_with(|c: char| c.is_alphanumeric() || "_-/.`'’@#".contains(c))
        || line.matches('`').count() % 2 == 1
        || !word[1..].bytes().all(|b| b.is_ascii_lowercase())
        || word.as_bytes()[0].is_ascii_uppercase() && !starts_sentence(before)
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if SHORT_FORMS.contains(&lower.as_str()) {
        return None;
    }
    let words = english();
    // The first listed word after it: the list holds it whole, or a longer word starting
    // with it comes right after where it would be.
    let next = words.partition_point(|w| *w < lower.as_str());
    let whole = words.get(next).is_some_and(|w| *w == lower);
    let longer = words[next..]
        .iter()
        .find(|w| **w != lower)
        .is_some_and(|w| w.starts_with(lower.as_str()));
    (!whole && longer).then_some(word)
}

/// Whether a word after `before` (the text before it on its line) starts a sentence or an
/// item: only markers, numbers and emphasis come before it on the line, or the end of a
/// sentence and a space (`... passed. Crea`).
fn starts_sentence(before: &str) -> bool {
    if before
        .chars()
        .all(|c| c.is_whitespace() || ">*_+-#.)".contains(c) || c.is_ascii_digit())
    {
        return true;
    }
    let spaced = before.trim_end_matches(['*', '_']);
    let closed = spaced.trim_end();
    closed.len() < spaced.len()
        && closed
            .trim_end_matches(['"', '”', '’', ')', '*', '_'])
            .ends_with(['.', '!', '?', ':'])
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
    fn a_word_that_is_only_the_start_of_one() {
        for (line, word) in [
            ("If the component requires initializati", "initializati"),
            ("3. Conside", "Conside"),
            ("- pref", "pref"),
            ("**Recommendation:** Crea", "Crea"),
            (
                "Report generated via autonomous codebase investiga",
                "investiga",
            ),
            ("The tests passed. Befor", "Befor"),
            ("(see the whic", "whic"),
        ] {
            assert_eq!(unfinished_word(line), Some(word), "{line:?}");
        }
        for whole in [
            // Words, names and abbreviations.
            "The fix is in the release",
            "- Tom Eccles",
            "Thanks to Dan Gohman",
            "- Config",
            "We moved it to the repo",
            "sign-off: wip",
            // Glued to something that is not prose, or in code.
            "See data-dri",
            "Run `cargo wri",
            "https://example.com/whic",
            "cc @whic",
            // Too short to tell, or not a lowercase word.
            "the re",
            "the errWrit",
            "the SOC",
            "on the server",
        ] {
            assert_eq!(unfinished_word(whole), None, "{whole:?}");
        }
    }

    #[test]
    fn the_word_list_is_sorted_lowercase_and_whole() {
        let words = english();
        assert!(words.len() > 50_000, "{}", words.len());
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(
            words
                .iter()
                .all(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        for w in ["initialization", "which", "consider"] {
            assert!(words.binary_search(&w).is_ok(), "{w}");
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
