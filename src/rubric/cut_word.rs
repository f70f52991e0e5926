//! A document's last word read as the start of one (see `ending`): a paragraph that is only
//! the first letter of its first word or the number of a numbered item (`\n\nW`, `\n\n2`),
//! a word cut at its apostrophe (`isn'`, `They'`, `the client'`), or a mark that opens what
//! was cut (a code fence's first backticks, a quote mark).

/// Whether `word`, the whole of a document's last paragraph, is the start of something
/// longer: one letter ("A" and "I" too, which never make a paragraph alone) or one or two
/// digits (an item's number before its `.`). Two or three letters are left alone: a name
/// signs a post off ("Tom"), and "No" answers a question.
pub(super) fn starts_a_paragraph(word: &str) -> bool {
    let b = word.as_bytes();
    (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || ((1..=2).contains(&b.len()) && b.iter().all(u8::is_ascii_digit))
}

/// Whether `line`, a document's last, ends on a word cut at its apostrophe: a letter other
/// than `s` before a closing `'` or `’` (a contraction or a possessive goes on after it).
/// "the users'" is a plural's possessive, and a quote opened earlier on the line ("choose
/// 'Add item'") is closed by it.
pub(super) fn cut_at_apostrophe(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['*', '_']);
    let Some(stem) = t.strip_suffix(['\'', '’']) else {
        return false;
    };
    let opens_a_quote = stem.char_indices().any(|(i, c)| {
        matches!(c, '\'' | '‘' | '"' | '“' | '`')
            && stem[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '*' | '_'))
    });
    stem.chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic() && !c.eq_ignore_ascii_case(&'s'))
        && !opens_a_quote
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
        for cut in ["W", "I", "é", "2", "11"] {
            assert!(starts_a_paragraph(cut), "{cut}");
        }
        for whole in ["No", "Tom", "Adv", "RF", "NA", "100", "Then"] {
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
            "than a developer'",
            "can’",
            "**don'**",
        ] {
            assert!(cut_at_apostrophe(cut), "{cut}");
        }
        for whole in [
            "the users'",
            "set it to 'quoted'",
            "then choose 'Add new item'",
            "‘fine’",
            "it",
            "O'Brien",
            "`x'",
        ] {
            assert!(!cut_at_apostrophe(whole), "{whole}");
        }
    }
}
