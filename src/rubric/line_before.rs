//! What a line holds around a match, read once per line for matches asked about in the order
//! of the text, not from the line's start for each (a line of thousands of matches took
//! seconds): [`LastLine`] keeps any answer about the last line asked about; [`LineBefore`]
//! counts the marks before a match for the leftover gate's excuses (`$` maths, quotation
//! marks, bold) and says whether its line is a link definition.

use std::cell::Cell;
use std::ops::Range;

use super::leftover_context::definition;
use crate::document::Document;

/// An answer about a line, kept for the last line asked about.
pub(crate) struct LastLine<T>(Cell<Option<(usize, T)>>);

impl<T> Default for LastLine<T> {
    fn default() -> Self {
        LastLine(Cell::new(None))
    }
}

impl<T: Copy> LastLine<T> {
    /// The answer for the line holding `at`: kept, or `read` from the line's span.
    pub(crate) fn get(&self, doc: &Document, at: usize, read: impl FnOnce(Range<usize>) -> T) -> T {
        let line = doc.line_span(at);
        match self.0.get() {
            Some((start, kept)) if start == line.start => kept,
            _ => {
                let start = line.start;
                let answer = read(line);
                self.0.set(Some((start, answer)));
                answer
            }
        }
    }
}

/// Marks counted on a line before an offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Before {
    /// `$` signs.
    pub(crate) dollars: usize,
    /// Straight double quotes.
    pub(crate) quotes: usize,
    /// `**` pairs (bold), counted left to right.
    pub(crate) bold: usize,
    /// Whether the last curly quotation mark is an opening one (`“` after any `”`).
    pub(crate) curly_open: bool,
    /// Whether the line is a blockquote (`>` first) and the offset is past the `>`.
    pub(crate) quoted_line: bool,
}

/// A reader of [`Before`] for offsets of one document.
pub(crate) struct LineBefore<'d, 't> {
    doc: &'d Document<'t>,
    /// The line last read (its start), how far, and what it held up to there.
    read: Option<(usize, usize, Read)>,
    /// Where the URL of the last line asked about starts, if it is a link definition.
    definition: LastLine<Option<usize>>,
}

/// What a line held up to a point: the marks, the `**` pairs of the star runs closed and
/// the length of the run open at the end (`**` pairs are counted left to right, a run of
/// `n` stars holding `n / 2`), and the last `“` and `”`.
#[derive(Clone, Copy, Default)]
struct Read {
    seen: Before,
    pairs: usize,
    run: usize,
    open: Option<usize>,
    close: Option<usize>,
    /// Where the line's text starts after its indentation.
    lead: usize,
}

impl<'d, 't> LineBefore<'d, 't> {
    pub(crate) fn new(doc: &'d Document<'t>) -> Self {
        LineBefore {
            doc,
            read: None,
            definition: LastLine::default(),
        }
    }

    /// The whole line holding `at`, without its line break.
    pub(crate) fn line(&self, at: usize) -> &'t str {
        &self.doc.text[self.doc.line_span(at)]
    }

    /// What the line holding `at` holds before it.
    pub(crate) fn at(&mut self, at: usize) -> Before {
        let t = self.doc.text;
        let line = self.doc.line_span(at);
        let (from, mut read) = match self.read {
            Some((l, to, read)) if l == line.start && to <= at => (to, read),
            _ => {
                let text = &t[line.clone()];
                let lead = line.start + text.len() - text.trim_start().len();
                (
                    line.start,
                    Read {
                        lead,
                        ..Read::default()
                    },
                )
            }
        };
        let part = &t[from..at];
        read.seen.dollars += part.matches('$').count();
        read.seen.quotes += part.matches('"').count();
        for b in part.bytes() {
            if b == b'*' {
                read.run += 1;
            } else {
                read.pairs += read.run / 2;
                read.run = 0;
            }
        }
        read.seen.bold = read.pairs + read.run / 2;
        read.open = part.rfind('“').map(|i| from + i).or(read.open);
        read.close = part.rfind('”').map(|i| from + i).or(read.close);
        read.seen.curly_open = read.open > read.close;
        read.seen.quoted_line = at > read.lead && t[read.lead..].starts_with('>');
        self.read = Some((line.start, at, read));
        read.seen
    }

    /// Whether the match `start..end` is part of a link reference definition's label
    /// (`[list of keywords]: https://...`, `` [`{integer}::div`]: https://... ``) or a piece of
    /// its URL with URL escapes in it (`...?title=Logo+[insert+name]&body=`): labels and URLs
    /// are not prose. `[docs]: https://x.dev/[insert page path]` and
    /// `https://x.dev/[INSERT_PATH]` still count.
    pub(crate) fn on_definition_line(&self, start: usize, end: usize) -> bool {
        let Some(url) = self.definition_url(start) else {
            return false;
        };
        let piece = &self.doc.text[start..end];
        start < url || piece.contains(['+', '%', '=', '&']) && !piece.contains(char::is_whitespace)
    }

    /// Where the URL starts when the line holding `at` is a link reference definition
    /// (`[label]: https://...`).
    fn definition_url(&self, at: usize) -> Option<usize> {
        let t = self.doc.text;
        self.definition.get(self.doc, at, |line| {
            definition(&t[line.clone()]).map(|d| line.start + d.dest_at)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Reading on from the last offset gives what reading the line from its start gives.
        #[test]
        fn reading_on_counts_as_reading_from_the_start(
            text in r#"[a$"*“”> \n]{0,60}|[ *$>]{0,20}"#,
            cuts in proptest::collection::vec(0usize..80, 1..8),
        ) {
            let doc = Document::parse(&text);
            let mut on = LineBefore::new(&doc);
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|&c| text.is_char_boundary(c))
                .collect();
            cuts.sort_unstable();
            for at in cuts {
                let got = on.at(at);
                let want = LineBefore::new(&doc).at(at);
                proptest::prop_assert_eq!(got, want, "at {}", at);
            }
        }
    }

    #[test]
    fn definition_lines_excuse_pieces_without_spaces() {
        let t = "Text.\n\n[`{integer}::div`]: https://doc.rust-lang.org/x\n[yours]: https://x.dev/?t=[insert+name]\n[rb]: https://x.dev/[insert runbook path]\n[describe the fix]: do it\n";
        let on = |needle: &str| {
            let s = t.find(needle).unwrap();
            LineBefore::new(&Document::parse(t)).on_definition_line(s, s + needle.len())
        };
        assert!(on("{integer}"));
        assert!(on("[insert+name]"));
        assert!(!on("[insert runbook path]"));
        assert!(!on("[describe"));
        let prose = "Text.\n\n[TBD] Owner, see [runbook]: ./runbook.md\n";
        let tbd = prose.find("[TBD]").unwrap();
        assert!(!LineBefore::new(&Document::parse(prose)).on_definition_line(tbd, tbd + 5));
        assert!(!on("Text"));
    }

    #[test]
    fn counts_the_marks_before_an_offset_on_its_line() {
        let text = "a $x$ \"q\" **b** “c” $\n> **“d";
        let doc = Document::parse(text);
        let mut on = LineBefore::new(&doc);
        let first = on.at(text.find("$\n").unwrap() + 1);
        assert_eq!((first.dollars, first.quotes, first.bold), (3, 2, 2));
        assert!(!first.curly_open && !first.quoted_line);
        let second = on.at(text.len());
        assert_eq!((second.dollars, second.quotes, second.bold), (0, 0, 1));
        assert!(second.curly_open && second.quoted_line);
    }
}
