//! A document's last word read as the start of one (see `ending`): a paragraph that is only
//! the first letter of its first word (`\n\nW`), a contraction cut at its apostrophe (`isn'`,
//! `They'`), a mark that opens what was cut (a code fence's first backticks, a quote mark), a
//! word of prose that is no word but the start of one (`Conside`, `availabilit`), or a link's
//! address cut before its host ends (`https://gi`).

use std::ops::Range;
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

/// Bytes before a final run of letters that make it part of a number, an identifier, a path,
/// an address, an option or code rather than a word of prose.
const NOT_PROSE_BEFORE: &[u8] = b"0123456789_/.:#@=\\&%$~+`";

/// Endings that inflect a word: a longer word of the document that is the last word plus one
/// of these, and no English word itself ("datasets" before a last "dataset"), makes the last
/// word one of the document's own terms.
const INFLECTIONS: &[&str] = &["s", "es", "ed", "d", "ing", "er", "ers", "ly", "est"];

/// Where `text` (trimmed at its end) stops inside a word: its last run of letters, written
/// in lowercase or capitalized (not an acronym), of two letters or more and in prose (not
/// glued to a digit, a path or an address; after a hyphen only as the second part of a
/// lowercase compound), is no English word, stands nowhere else in the text, and starts a
/// longer word the text used before its last line, one that is not the run plus an
/// inflection ("Conside" after "considered", "availabilit" after "availability").
///
/// The longer word must be the text's own: English words that start with the run would make
/// a cut of every name ("Theo"), greeting ("Merci") and abbreviation ("util", "prio") a
/// finished text may end on. And it must come before the last line, where a label's value
/// may shorten the label itself ("Priority: prio"). "dataset" beside "datasets", "tokio"
/// used before, "KEP", "go1compat" and a name that starts no word of the text are not cut.
pub(super) fn word_cut_off(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let start = b
        .iter()
        .rposition(|c| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let word = &text[start..];
    if word.len() < 2 || !word.bytes().skip(1).all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let compound = start >= 2 && b[start - 1] == b'-' && b[start - 2].is_ascii_lowercase();
    let glued = start > 0 && NOT_PROSE_BEFORE.contains(&b[start - 1]);
    if glued || (start > 0 && b[start - 1] == b'-' && !compound) {
        return None;
    }
    let w = word.to_ascii_lowercase();
    if is_english(&w) {
        return None;
    }
    let last_line = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut starts_earlier = false;
    let mut at = 0;
    for run in text[..start].split(|c: char| !c.is_ascii_alphabetic()) {
        let run_at = at;
        at += run.len() + 1;
        if run.len() < w.len() || !run[..w.len()].eq_ignore_ascii_case(&w) {
            continue;
        }
        if run.len() == w.len() {
            return None;
        }
        let longer = run.to_ascii_lowercase();
        if INFLECTIONS.contains(&&longer[w.len()..]) && !is_english(&longer) {
            return None;
        }
        starts_earlier |= run_at < last_line;
    }
    starts_earlier.then_some(start..text.len())
}

/// Where `text` (trimmed at its end) stops inside a link's address: its last token is the
/// start of a scheme (`http`, `https:/`) where an address goes (after `]: `, `](`, `<`, a
/// list marker or `: `), or an address that ends inside its host, which has no dot and is
/// not `localhost` (`https://gi`).
pub(super) fn link_cut_off(text: &str) -> Option<Range<usize>> {
    let token_at = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[token_at..];
    // Past what opens an address in the token itself: `(`, `<`, `[`, a link's `](`.
    let opened = token.rfind("](").map_or(0, |i| i + 2);
    let at = token_at
        + opened
        + (token[opened..].len() - token[opened..].trim_start_matches(['(', '<', '[']).len());
    let url = &text[at..];
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s));
    if let Some(host) = rest {
        let hostname =
            !host.is_empty() && host.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
        return (hostname && host != "localhost").then_some(at..text.len());
    }
    let scheme = "https://".starts_with(&lower) || "http://".starts_with(&lower);
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    // Where only an address can go, two letters of its scheme are one cut; where a word could
    // go too (after `: ` or a list marker), four ("http").
    let only_address =
        line.ends_with("](") || line.ends_with('<') || line.trim_end().ends_with("]:");
    let address_or_word = (line.ends_with(char::is_whitespace) && line.trim_end().ends_with(':'))
        || matches!(line.trim(), "-" | "*" | "+");
    let long_enough = match (only_address, address_or_word) {
        (true, _) => url.len() >= 2,
        (false, true) => url.len() >= 4,
        (false, false) => false,
    };
    (scheme && long_enough).then_some(at..text.len())
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
    fn a_word_cut_off_is_no_word_but_the_start_of_one() {
        let body = "We considered the options, their availability and the datasets we had on the multi-database cluster.\n\n";
        for cut in [
            "- Conside",
            "The system's availabilit",
            "a multi-dat",
            "Opti",
            "**Consi",
            "the new (datase",
        ] {
            let text = format!("{body}{cut}");
            let r = word_cut_off(&text);
            assert!(r.is_some(), "{cut}");
            assert!(cut.ends_with(&text[r.unwrap()]), "{cut}");
        }
        for whole in [
            // English words, and words the text used before.
            "- Consider",
            "the dataset",
            "datasets and the kernel",
            // Not prose: acronyms, numbers, paths, identifiers, options.
            "Graduated to GA",
            "KEP",
            "https://golang.org/doc/go1compat",
            "see src/lib",
            "set --verbo",
            "gpt-4o-20",
            "`foo_ba",
            // A name that starts no word of the text, even one that starts an English word.
            "built with zorbl",
            "Cheers,\nTheo",
            // A label's value that shortens its label.
            "Availability: avail",
            // One letter.
            "Y",
        ] {
            let text = format!("{body}{whole}");
            assert_eq!(word_cut_off(&text), None, "{whole}");
        }
        // A word the text has inflected is its own term; one it has only as an English word
        // with more letters is cut ("thi" of "this").
        assert_eq!(
            word_cut_off("We ran the tokio runtime.\n\nIt uses tokio"),
            None
        );
        assert!(word_cut_off("This is what we ran.\n\nAnd thi").is_some());
    }

    #[test]
    fn a_link_cut_off_ends_before_its_host_or_scheme_does() {
        for cut in [
            "[examples]: https://gi",
            "See [the docs](https://doc",
            "- https://ww",
            "<http",
            "[ry]: ht",
            "Source: https:/",
        ] {
            let r = link_cut_off(cut);
            assert!(r.is_some(), "{cut}");
        }
        for whole in [
            "[examples]: https://github.com/a/b",
            "http://localhost",
            "http://localhost:8080",
            "served over http",
            "the ht",
            "Note: ht",
            "[x]: h",
            "https://example.com/guide/intro",
            "[ry]: https://github.com/tokio-rs/tokio/releases/tag/tokio-0.2.14",
        ] {
            assert_eq!(link_cut_off(whole), None, "{whole}");
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
