//! Citations in a document: reference definitions, footnotes, `[n] Title URL` and numbered
//! bibliography lines, and the `[n]` markers that point at them. The evidence rule and the
//! `link-list` structure read them.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::matching::definition;
use crate::document::Document;

/// Citations in a document: definitions (`[n]: url`, `[^n]: text`, `[n] Title URL`, numbered
/// bibliography lines) and markers (`[n]`, `[^n]`) in the text.
#[derive(Debug, Default)]
pub struct Citations {
    /// Offsets of definition lines.
    pub definitions: Vec<usize>,
    /// Labels defined (`1`, `^note`), sorted: thousands of markers each look theirs up.
    pub defined: Vec<String>,
    /// (offset, label) of markers used in prose.
    pub markers: Vec<(usize, String)>,
    /// Offsets of definitions written as a bibliography entry, `[n] Title ... URL` (no
    /// colon): entries made to be cited by their `[n]`, unlike a link's `[n]: url`.
    pub bibliography: Vec<usize>,
}

impl Citations {
    /// Whether `label` is defined.
    pub fn defines(&self, label: &str) -> bool {
        self.defined
            .binary_search_by(|d| d.as_str().cmp(label))
            .is_ok()
    }
}

/// Every citation definition and marker outside code, found once per document: the
/// evidence rule and role finding (`link-list`) both ask.
pub fn citations(doc: &Document) -> Arc<Citations> {
    doc.memo(0, || Arc::new(find(doc)))
}

fn find(doc: &Document) -> Citations {
    let mut out = Citations::default();
    let text = doc.text;
    // A definition fills one line (no part of the pattern crosses a newline) from its start:
    // the pattern runs only on the lines that can start one, with the same captures.
    for (line_at, line) in definition_lines(text, doc.lines.starts(), doc.body_start) {
        let Some(d) = definition(line) else {
            continue;
        };
        let start = line_at;
        if start < doc.body_start || doc.in_code(start) {
            continue;
        }
        let rest = d.rest;
        let colon = d.colon;
        let has_url = holds_url(rest);
        if let Some(label) = d.label {
            // `[n]: url`, `[^n]: text`, or `[n] Title ... URL`.
            if colon && (label.starts_with('^') || has_url || rest.starts_with("http"))
                || !colon
                    && label.chars().all(|ch| ch.is_ascii_digit())
                    && (has_url || looks_bibliographic(rest))
            {
                out.definitions.push(start);
                out.defined.push(label.to_string());
                if !colon {
                    out.bibliography.push(start);
                }
            }
        } else if let Some(n) = d.number
            && (has_url || looks_bibliographic(rest))
        {
            out.definitions.push(start);
            out.defined.push(n.to_string());
        }
    }
    let def_lines: Vec<usize> = out.definitions.iter().map(|d| doc.lines.line(*d)).collect();
    // The label is the match without its brackets: no captures needed.
    for all in markers(text) {
        let label = &text[all.start + 1..all.end - 1];
        let at = all.start;
        if at < doc.body_start
            || doc.in_code(at)
            || def_lines.binary_search(&doc.lines.line(at)).is_ok()
        {
            continue;
        }
        let after = text.as_bytes().get(all.end).copied();
        if matches!(after, Some(b'(') | Some(b':') | Some(b'[')) {
            continue;
        }
        // A checkbox or a link text `[1](...)` is not a marker; neither is `a[1]` (indexing).
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ']' || c == ')')
            && !label.starts_with('^')
        {
            continue;
        }
        out.markers.push((at, label.to_string()));
    }
    out.defined.sort_unstable();
    out
}

/// Whether `rest` holds `http://`, `https://` or `](`: one pass for the `:` and `]` those
/// need (both rare in prose), not one search for each.
fn holds_url(rest: &str) -> bool {
    let b = rest.as_bytes();
    memchr::memchr2_iter(b':', b']', b).any(|i| {
        let (before, after) = (&b[..i], &b[i + 1..]);
        if b[i] == b']' {
            after.starts_with(b"(")
        } else {
            after.starts_with(b"//") && (before.ends_with(b"http") || before.ends_with(b"https"))
        }
    })
}

/// Lines (offset, text without the newline) from the one holding `from` on that could open a
/// citation definition: after spaces, tabs and list markers comes `[`, `\\`, a digit, or a
/// non-ASCII character (the pattern's `\\d` is Unicode). Every line the definition pattern
/// matches is among them. `starts` are the text's line starts (`Document::lines`): the text
/// is not split again.
fn definition_lines<'t>(
    text: &'t str,
    starts: &'t [usize],
    from: usize,
) -> impl Iterator<Item = (usize, &'t str)> + 't {
    let first = starts
        .partition_point(|&s| s <= from.min(text.len()))
        .saturating_sub(1);
    (first..starts.len()).filter_map(move |k| {
        let at = starts[k];
        let end = starts.get(k + 1).map_or(text.len(), |&next| next - 1);
        let line = text.get(at..end)?;
        let b = *line
            .as_bytes()
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'-' | b'*' | b'+'))?;
        (b == b'[' || b == b'\\' || b.is_ascii_digit() || !b.is_ascii()).then_some((at, line))
    })
}

/// The matches (as ranges) of `\[(\^?\d{1,3}|\^[\w-]{1,20})\]` in `text`. That pattern costs
/// milliseconds to build (a Unicode class repeated 20 times): the same pattern without the
/// bounds finds the same brackets (their content is the whole run up to `]`, which holds no
/// `[`, so no other match starts inside one) and the bounds are checked on what it found. Each
/// `[` opens at most one match, so each is read on its own: by hand when its run is ASCII (a
/// regex search per bracket costs more than the bracket), else by the pattern.
pub(crate) fn markers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    memchr::memchr_iter(b'[', text.as_bytes()).filter_map(move |at| {
        let end = marker_end(text, at)?;
        let label = &text[at + 1..end - 1];
        let bounded = match label.strip_prefix('^') {
            Some(rest) => rest.chars().count() <= 20,
            None => label.chars().count() <= 3,
        };
        bounded.then_some(at..end)
    })
}

/// Where the match of `\[(?:\^?\d+|\^[\w-]+)\]` that starts at the `[` at `at` ends, if one
/// does: after the `[` (and a `^`), a run of digits (or, after a `^`, of word characters and
/// `-`) and then `]`. A run reaching a character outside ASCII (where `\d` and `\w` are
/// Unicode classes) is left to the pattern.
fn marker_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let caret = b.get(at + 1) == Some(&b'^');
    let from = at + 1 + usize::from(caret);
    let (mut i, mut digits) = (from, true);
    while let Some(&c) = b.get(i) {
        if c >= 0x80 {
            return loose_end(text, at);
        }
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
            break;
        }
        digits &= c.is_ascii_digit();
        i += 1;
    }
    (i > from && b.get(i) == Some(&b']') && (caret || digits)).then_some(i + 1)
}

/// [`marker_end`] by the pattern itself, anchored at `at`: an unanchored search from `at`
/// would read on to the next marker anywhere after it (and throw it away), so a document of
/// many brackets holding non-ASCII text (`[Überblick](...)`) cost the square of their number.
/// The pattern looks at nothing before its `[`, so matching on the rest of the text from `at`
/// finds what a search of the whole text finds there.
fn loose_end(text: &str, at: usize) -> Option<usize> {
    static LOOSE: OnceLock<Regex> = OnceLock::new();
    let loose =
        LOOSE.get_or_init(|| Regex::new(r"^\[(?:\^?\d+|\^[\w-]+)\]").expect("static regex"));
    loose.find(&text[at..]).map(|m| at + m.end())
}

/// A bibliography entry without a URL: an author-year or a quoted or italic title (`*Title*`;
/// a bold lead-in such as `1. **Default to Opus** for planning` is a list item, not a title).
fn looks_bibliographic(rest: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r#"(?:\(\d{4}\)|\b(?:19|20)\d{2}\b.*[.,]|\bdoi:|\barXiv\b|"[^"]{8,}"|(?:^|[^*])\*[^*]{8,}\*(?:[^*]|$))"#,
        )
        .expect("static regex")
    });
    re.is_match(rest)
}

#[cfg(test)]
mod tests {
    /// The candidate lines as splitting the text gave them before the line index was used.
    fn split_lines(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
        let first = text[..from.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let mut at = first;
        text[first..].split('\n').filter_map(move |line| {
            let line_at = at;
            at += line.len() + 1;
            let rest = line.trim_start_matches([' ', '\t', '-', '*', '+']);
            let b = *rest.as_bytes().first()?;
            (b == b'[' || b == b'\\' || b.is_ascii_digit() || !b.is_ascii())
                .then_some((line_at, line))
        })
    }

    proptest::proptest! {
        /// The lines read from the line index are the lines the text splits into.
        #[test]
        fn definition_lines_agree_with_splitting(text in r"(?:[ \t\-*+\[\\0-9a\n]|é|\r\n)*", from in 0usize..40) {
            let index = crate::diag::LineIndex::new(&text);
            let from = from.min(text.len());
            let from = (0..=from).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let have: Vec<_> = super::definition_lines(&text, index.starts(), from).collect();
            let want: Vec<_> = split_lines(&text, from).collect();
            proptest::prop_assert_eq!(have, want);
        }

        /// One pass for `:` and `]` says what three searches said.
        #[test]
        fn holds_url_is_the_three_searches(text in r"(?:https?|://|:|//|\]\(|\]|\(|s|h|p| |é)*") {
            let want = text.contains("http://") || text.contains("https://") || text.contains("](");
            proptest::prop_assert_eq!(super::holds_url(&text), want);
        }

        /// The bounds checked by hand find what the bounded pattern finds.
        #[test]
        fn markers_agree_with_the_bounded_pattern(text in r"(\[|\]|\^|[0-9]{1,4}|[a-z_-]{1,12}|٣|é| )*") {
            let re = regex::Regex::new(r"\[(\^?\d{1,3}|\^[\w-]{1,20})\]").unwrap();
            let want: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
            let have: Vec<_> = super::markers(&text).collect();
            proptest::prop_assert_eq!(have, want);
        }
    }
}
