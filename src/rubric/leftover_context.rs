//! Where a match of the leftover-text gate stands, for the matches that are not leftovers:
//! on a link reference definition line, inside an HTML comment, as the label of a reference
//! link, or as "to be added" inside a running sentence. Each looks back at most [`WINDOW`]
//! bytes, and what the whole document says (its comments, its link labels) is found once.

use std::ops::Range;
use std::sync::Arc;

use crate::document::Document;

/// How far back from a match its line, clause or paragraph is looked for.
const WINDOW: usize = 4096;

/// The start of the text `at` looks back over: [`WINDOW`] bytes, on a character boundary.
fn window(t: &str, at: usize) -> usize {
    let mut lo = at.saturating_sub(WINDOW);
    while !t.is_char_boundary(lo) {
        lo += 1;
    }
    lo
}

/// The document's HTML comments outside code (an unclosed one is none), found once.
#[derive(Debug)]
struct Comments(Vec<Range<usize>>);

fn comments(doc: &Document) -> Arc<Comments> {
    doc.memo(0, || {
        let bytes = doc.text.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&bytes[from..], b"<!--") {
            let open = from + i;
            // An unclosed comment hides the rest of the document by mistake: what it hides
            // still counts.
            let Some(end) =
                memchr::memmem::find(&bytes[open + 4..], b"-->").map(|j| open + 4 + j + 3)
            else {
                break;
            };
            if doc.in_code(open) {
                from = open + 4;
            } else {
                out.push(open..end);
                from = end;
            }
        }
        Arc::new(Comments(out))
    })
}

/// The labels of the document's link reference definitions, lowercased, found once.
#[derive(Debug)]
struct Labels(Vec<String>);

fn labels(doc: &Document) -> Arc<Labels> {
    doc.memo(0, || {
        let t = doc.text;
        let mut out = Vec::new();
        let mut at = 0;
        for line in t.split('\n') {
            if let Some((label, _)) = definition(line)
                && !doc.in_code(at)
            {
                out.push(label.to_lowercase());
            }
            at += line.len() + 1;
        }
        Arc::new(Labels(out))
    })
}

/// The label and destination of a link reference definition line (`[label]: https://...`),
/// when its destination is a URL or a path (`[describe the fix]: ...` is no definition).
fn definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let label = rest.strip_prefix('[')?;
    let close = label.find("]:").filter(|&c| c > 0)?;
    let dest = label[close + 2..].trim_start_matches([' ', '\t']);
    ["http://", "https://", "mailto:", "/", "./", "../", "#"]
        .iter()
        .any(|p| dest.starts_with(p))
        .then_some((&label[..close], dest))
}

/// Whether the match `start..end` is the label of a link reference definition line
/// (`[list of keywords]: https://...`) or a piece of one without white space in it
/// (`` [`{integer}::div`]: https://... ``, `...?title=[insert+name]`): labels and URLs are
/// not prose. `[docs]: https://x.dev/[insert page path]` still counts.
pub(super) fn on_definition_line(t: &str, start: usize, end: usize) -> bool {
    let lo = window(t, start);
    let Some(line_start) = t[lo..start]
        .rfind('\n')
        .map(|i| lo + i + 1)
        .or((lo == 0).then_some(0))
    else {
        return false;
    };
    let line_end = t[end..].find('\n').map_or(t.len(), |i| end + i);
    // The label itself (`[list of keywords]: https://...`), or a piece with no space in it.
    let label = t[end..].starts_with(':') && t[line_start..start].trim().is_empty();
    (label || !t[start..end].contains(char::is_whitespace))
        && definition(&t[line_start..line_end]).is_some()
}

/// Whether `at` is inside an HTML comment (`<!-- ... -->` outside code), which a reader
/// does not see.
pub(super) fn in_html_comment(doc: &Document, at: usize) -> bool {
    let c = comments(doc);
    let i = c.0.partition_point(|r| r.start <= at);
    i > 0 && c.0[i - 1].contains(&at)
}

/// Whether the bracket `start..end` is the label of a reference link (`[the example][todomvc]`):
/// it follows the link text's `]`, a link starts before it in the paragraph, and the document
/// defines the label.
pub(super) fn reference_label(doc: &Document, start: usize, end: usize) -> bool {
    let t = doc.text;
    let lo = window(t, start);
    let para = t[lo..start].rfind("\n\n").map_or(lo, |i| lo + i + 2);
    let label = t[start + 1..end - 1].to_lowercase();
    t[..start].ends_with(']') && doc.holds_link(&(para..start)) && labels(doc).0.contains(&label)
}

/// Whether "to be added" at `at` ends a sentence rather than standing for a missing part
/// ("More examples to be added.", "The risk assessment is still to be completed."): its
/// clause has a person as subject ("we don't expect these goals to be completed") or a verb
/// that sets something to be done ("the plan requires the tests to be written").
pub(super) fn in_sentence(t: &str, at: usize) -> bool {
    clause_before(t, at)
        .split(|c: char| !c.is_alphabetic())
        .any(|w| {
            let w = w.to_lowercase();
            PERSONS.contains(&w.as_str()) || SETTERS.iter().any(|v| w.starts_with(v))
        })
}

/// Subjects that make "X to be added" part of a sentence.
const PERSONS: &[&str] = &["i", "we", "you", "they", "he", "she", "us", "them"];

/// Stems of verbs that take an object and "to be ...": `require` (requires, required).
const SETTERS: &[&str] = &[
    "expect", "allow", "requir", "want", "wish", "permit", "ask", "lets",
];

/// The clause before `at`, from where it starts: a sentence's end, an opening bracket, a
/// colon, a semicolon, a table cell, a dash, a blank line or a line that starts a list item,
/// heading or quote. Lines joined by a soft break are one clause.
fn clause_before(t: &str, at: usize) -> &str {
    let lo = window(t, at);
    let para = t[lo..at].rfind("\n\n").map_or(lo, |i| lo + i + 2);
    let region = &t[para..at];
    for (i, c) in region.char_indices().rev() {
        let after = &region[i + c.len_utf8()..];
        let breaks = match c {
            '(' | '[' | ':' | ';' | '|' | '—' | '–' => true,
            '.' | '!' | '?' => after.starts_with(char::is_whitespace),
            '\n' => starts_block(after),
            _ => false,
        };
        if breaks {
            return after;
        }
    }
    region
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
    fn definition_lines_excuse_pieces_without_spaces() {
        let t = "Text.\n\n[`{integer}::div`]: https://doc.rust-lang.org/x\n[yours]: https://x.dev/?t=[insert+name]\n[rb]: https://x.dev/[insert runbook path]\n[describe the fix]: do it\n";
        let on = |needle: &str| {
            let s = at(t, needle);
            on_definition_line(t, s, s + needle.len())
        };
        assert!(on("{integer}"));
        assert!(on("[insert+name]"));
        assert!(!on("[insert runbook path]"));
        assert!(!on("[describe"));
        assert!(!on("Text"));
    }

    #[test]
    fn comments_are_seen_outside_code_until_they_close() {
        let t = "# T\n\na <!-- owner: Google (TBD) --> b (TBD)\n\nA `<!--` in code. Then (TBD).\n\n<!-- open (TBD)\n";
        let doc = Document::parse(t);
        assert!(in_html_comment(&doc, at(t, "(TBD)")));
        assert!(!in_html_comment(&doc, at(t, "b (TBD)") + 2));
        assert!(!in_html_comment(&doc, at(t, "Then (TBD)") + 5));
        assert!(!in_html_comment(&doc, t.rfind("(TBD)").unwrap()));
    }

    #[test]
    fn a_reference_label_counts_only_when_defined() {
        let t = "# T\n\nSee [the example][todomvc] and [the runbook][TODO].\n\n[todomvc]: https://x.dev/t\n";
        let doc = Document::parse(t);
        let label = |needle: &str| {
            let s = at(t, needle);
            reference_label(&doc, s, s + needle.len())
        };
        assert!(label("[todomvc]"));
        assert!(!label("[TODO]"));
    }

    #[test]
    fn a_person_or_a_setting_verb_makes_a_sentence() {
        let sentence = |t: &str| in_sentence(t, at(t, "to be"));
        assert!(sentence(
            "**we don't expect all of these goals to be completed**."
        ));
        assert!(sentence(
            "we require the following Release\nSignoff checklist to be completed."
        ));
        assert!(sentence("The plan requires the tests to be written"));
        assert!(!sentence(
            "The risk assessment for this migration is to be completed."
        ));
        assert!(!sentence(
            "Load test results for the holiday peak traffic to be added"
        ));
        assert!(!sentence("- We ran it.\n- Benchmarks to be added"));
        assert!(!sentence("We ran it. Results (to be completed)"));
    }
}
