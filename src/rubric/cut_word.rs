//! A document's last word read as the start of one (see `ending`): a paragraph that is only
//! the first letter of its first word (`\n\nW`), a contraction cut at its apostrophe (`isn'`,
//! `They'`), a mark that opens what was cut (a code fence's first backticks, a quote mark), or
//! a file that stops in the middle of its last line on no English word; and a face that ends a
//! text as a stop does (`:p`).

use super::english;

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

/// How a file left open stops in the middle of its last line, if it does. A writer who
/// finishes a file, or the editor they write it in, usually ends its last line with a line
/// break; a stream stopped by an output limit leaves the line open (the caller checks that).
/// Where the line (`core`, trimmed; `sentence_ended`: it ends a sentence) does not end a
/// sentence, it stops mid-word when it ends on a word (`word`) that is no English word but
/// the start of one ([`english::cut_short`]) and that the document, written in English, has
/// used nowhere before (`above`: the text before the line): "Paste the repositor". The word
/// is lowercase, or capitalised because it opens its sentence ("Consequen"), and then of
/// seven letters or more: a name opens sentences too, and short ones start English words
/// ("Chris", "Astrid"). Many finished files lack the line break, and a new word that is a
/// word ("- Health checks"), a name, a short word, a word of another language or one the list
/// lacks ("kubectl") is no sign; nor is a space after the last word by itself.
pub(super) fn stops_mid_line(
    above: &str,
    core: &str,
    word: &str,
    sentence_ended: bool,
) -> Option<String> {
    let line = core.strip_suffix(word).unwrap_or("");
    let lower = word.bytes().all(|b| b.is_ascii_lowercase());
    let capitalised = word.len() >= 7
        && word.as_bytes()[0].is_ascii_uppercase()
        && word.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        && opens_sentence(line);
    // A name, an acronym (`Go`, `GA`) or a word of two letters (`id`) is whole more often
    // than cut.
    if sentence_ended || word.len() < 3 || !(lower || capitalised) {
        return None;
    }
    let used = [above, line].iter().any(|t| {
        t.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(word))
    });
    let stem = word.to_ascii_lowercase();
    (!used && english::cut_short(&stem) && english::mostly_english(above)).then(|| {
        format!("on \"{word}\" with no line break, the start of an English word the document has not used")
    })
}

/// Whether a word after `before` (its line's text before it) opens a sentence: nothing but a
/// list marker, a quote mark or emphasis comes before it on its line, or a sentence's end.
fn opens_sentence(before: &str) -> bool {
    let b = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let b = b.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
    b.is_empty() || matches!(b, "-" | "*" | "+") || b.ends_with(['.', '!', '?'])
}

/// Whether `token` is a face: a colon, semicolon or equals sign for eyes, maybe a nose (`-`,
/// `'`), and a mouth, once or repeated (`:)`, `;-)`, `:p`, `:D`, `:((`, `:/`).
pub(super) fn emoticon(token: &str) -> bool {
    let Some(rest) = token.strip_prefix([':', ';', '=']) else {
        return false;
    };
    let mouth = rest.strip_prefix(['-', '\'']).unwrap_or(rest);
    mouth.chars().next().is_some_and(|m| {
        matches!(m, ')' | '(' | 'p' | 'P' | 'D' | '/' | '|' | 'o' | 'O')
            && mouth.chars().all(|c| c == m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_are_told_from_brackets_and_words() {
        for face in [
            ":)", ":-)", ";)", ":p", ":P", ":D", ":(", ":((", ":/", "=)", ":'(",
        ] {
            assert!(emoticon(face), "{face}");
        }
        for other in ["(", ":", "::", ":pa", ":)x", "a:)", "", "https://", ":-"] {
            assert!(!emoticon(other), "{other}");
        }
    }

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
