//! Where a match of the leftover-text gate stands, for the matches that are not leftovers:
//! on a link reference definition line, inside an HTML comment, as the label of a reference
//! link, or as "to be added" inside a running sentence.

use crate::document::{Document, text};

/// Whether `at` is on a link reference definition line (`[label]: https://...`): its label
/// and URL are not prose (`` [`{integer}::div`]: https://... ``, `...?title=[insert+name]`).
/// A destination that is not a URL or a path (`[describe the fix]: ...`) is not one.
pub(super) fn on_definition_line(t: &str, at: usize) -> bool {
    let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = t[at..].find('\n').map_or(t.len(), |i| at + i);
    let line = &t[start..end];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(label) = line.trim_start_matches(' ').strip_prefix('[') else {
        return false;
    };
    let Some(close) = label.find("]:") else {
        return false;
    };
    let dest = label[close + 2..].trim_start_matches([' ', '\t']);
    indent <= 3
        && close > 0
        && ["http://", "https://", "mailto:", "/", "./", "../", "#"]
            .iter()
            .any(|p| dest.starts_with(p))
}

/// Whether `at` is inside an HTML comment (`<!-- ... -->`), which a reader does not see.
pub(super) fn in_html_comment(t: &str, at: usize) -> bool {
    t[..at]
        .rfind("<!--")
        .is_some_and(|open| !t[open..at].contains("-->"))
}

/// Whether the bracket at `at` is the label of a reference link the parser resolved
/// (`[the example][todomvc]`): it follows the link text's `]`, and a link starts earlier in
/// the paragraph.
pub(super) fn reference_label(doc: &Document, at: usize) -> bool {
    let t = doc.text;
    let para = t[..at].rfind("\n\n").map_or(0, |i| i + 2);
    t[..at].ends_with(']') && doc.holds_link(&(para..at))
}

/// The most words a clause may hold before "to be added" for the phrase to stand for a
/// missing part ("More examples to be added.") rather than end a sentence ("we don't expect
/// all of these goals to be completed").
pub(super) const NOTE_WORDS: usize = 4;

/// The words of the clause before `at`, from where the clause starts: a sentence's end, an
/// opening bracket, a colon, a semicolon, a table cell, a dash, a blank line or a line that
/// starts a list item, heading or quote. Lines joined by a soft break are one clause.
pub(super) fn clause_words_before(t: &str, at: usize) -> usize {
    let para = t[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let region = &t[para..at];
    let mut from = 0;
    for (i, c) in region.char_indices().rev() {
        let after = &region[i + c.len_utf8()..];
        let breaks = match c {
            '(' | '[' | ':' | ';' | '|' | '—' | '–' => true,
            '.' | '!' | '?' => after.starts_with(char::is_whitespace),
            '\n' => starts_block(after),
            _ => false,
        };
        if breaks {
            from = i + c.len_utf8();
            break;
        }
    }
    text::count_words(&region[from..])
}

/// Whether `line` starts a list item, a heading or a quote.
fn starts_block(line: &str) -> bool {
    let l = line.trim_start_matches([' ', '\t']);
    let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    ["- ", "* ", "+ ", "#", ">"]
        .iter()
        .any(|p| l.starts_with(p))
        || digits > 0 && (l[digits..].starts_with(". ") || l[digits..].starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: &str, needle: &str) -> usize {
        t.find(needle).expect("needle")
    }

    #[test]
    fn definition_lines_are_recognised_wherever_the_match_is() {
        let t = "Text.\n\n[`{integer}::div`]: https://doc.rust-lang.org/x\n[yours]: https://x.dev/?t=[insert+name]\n[describe the fix]: do it\n";
        assert!(on_definition_line(t, at(t, "{integer}")));
        assert!(on_definition_line(t, at(t, "[insert")));
        assert!(!on_definition_line(t, at(t, "[describe")));
        assert!(!on_definition_line(t, at(t, "Text")));
    }

    #[test]
    fn comments_are_seen_until_they_close() {
        let t = "a <!-- owner: Google (TBD) --> b (TBD)";
        assert!(in_html_comment(t, at(t, "(TBD)")));
        assert!(!in_html_comment(t, t.rfind("(TBD)").unwrap()));
    }

    #[test]
    fn clauses_start_at_sentences_brackets_and_blocks_not_soft_breaks() {
        let words = |t: &str| clause_words_before(t, at(t, "to be"));
        assert_eq!(words("Examples to be added."), 1);
        assert_eq!(words("Done. More examples to be added."), 2);
        assert_eq!(words("Results (to be completed)"), 0);
        assert_eq!(words("- First item\n- Examples to be added"), 1);
        assert_eq!(
            words("we require the following Release\nSignoff checklist to be completed."),
            7
        );
        assert_eq!(
            words("**we don't expect all of these goals to be completed**."),
            7
        );
    }
}
