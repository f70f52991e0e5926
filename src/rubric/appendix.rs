//! A lettered appendix the text refers to ("see Appendix A") that the document does not
//! have, for the `truncated` gate: the document stops before it.

use super::rules::Finding;
use crate::document::Document;

/// A lettered appendix the text refers to ("see Appendix A") that no heading holds: the
/// document stops before it. Another document's appendix ("Appendix A of the RFC", also as
/// a link: "[Appendix G][] in [RFC 3498][]") and a numbered part of one ("Appendix E.1") are
/// not this document's.
pub(crate) fn missing_appendix(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    let mut lines = LinesBefore::new(t);
    // What the headings say of each letter (`appendix a` in a heading), and how many
    // unlettered appendices they head: asked once, not again for each reference.
    let mut headed = [None; 26];
    let mut unlettered = None;
    memchr::memmem::find_iter(&t.as_bytes()[body..], b"Appendix ").find_map(|i| {
        let at = body + i;
        let rest = &t.as_bytes()[at + "Appendix ".len()..];
        let (&letter, after) = rest.split_first()?;
        let word = after.first().is_none_or(|b| !b.is_ascii_alphanumeric());
        let numbered = after.first() == Some(&b'.') && after.get(1).is_some_and(u8::is_ascii_digit);
        // Past the link's closing bracket and its label (`][]`, `][g]`), if any.
        let linked = after.strip_prefix(b"]").map_or(after, |a| {
            a.strip_prefix(b"[")
                .and_then(|l| l.iter().position(|&b| b == b']').map(|n| &l[n + 1..]))
                .unwrap_or(a)
        });
        // So does one named right after another document: a link or a file name before it
        // (`[V2_PLAN.md](V2_PLAN.md) Appendix A`, `DESIGN.md Appendix B`).
        let (line_start, link) = lines.at(at);
        let line_before = t[line_start..at].trim_end();
        let own_link = link.is_some_and(|l| t.as_bytes().get(l + 2) == Some(&b'#'));
        let here = [b" below".as_slice(), b" (below)", b" here"]
            .iter()
            .any(|w| after.starts_with(w));
        let file_before = line_before
            .rsplit(' ')
            .next()
            .and_then(|w| w.rsplit_once('.'))
            .is_some_and(|(name, ext)| {
                !name.is_empty() && ext.len() >= 2 && ext.bytes().all(|b| b.is_ascii_alphabetic())
            });
        let named_after = !here && (line_before.ends_with(')') && !own_link || file_before);
        // A link definition (`[Appendix G]: https://...`) points elsewhere too.
        let elsewhere = named_after
            || after.starts_with(b"]:")
            || [b" of ".as_slice(), b" in "]
                .iter()
                .any(|w| after.starts_with(w) || linked.starts_with(w));
        if !letter.is_ascii_uppercase() || !word || numbered || elsewhere || doc.in_code(at) {
            return None;
        }
        let name = format!("appendix {}", letter.to_ascii_lowercase() as char);
        let headed = headed[usize::from(letter - b'A')].get_or_insert_with(|| {
            doc.headings.iter().any(|h| h.text.to_lowercase().contains(&name))
                || lettered_part(doc, letter)
        });
        if *headed {
            return None;
        }
        // Appendices headed without letters (`## Appendix: go/doc API changes`): the second
        // is Appendix B.
        // `Appendix: ...`, `Appendix`, `Appendix - ...`; not `Appendix A`, `Appendix A.1`.
        let unlettered = *unlettered.get_or_insert_with(|| {
            doc.headings
                .iter()
                .filter(|h| {
                    let rest = h.text.get(..8).filter(|w| w.eq_ignore_ascii_case("appendix"));
                    rest.is_some_and(|_| {
                        let mut c = h.text[8..].trim_start().chars();
                        let lettered = c.next().is_some_and(|l| l.is_ascii_uppercase())
                            && c.next().is_none_or(|n| !n.is_alphanumeric());
                        !lettered
                    })
                })
                .count()
        });
        if usize::from(letter - b'A') < unlettered {
            return None;
        }
        Some(Finding::new(
            at,
            format!(
                "the text refers to Appendix {}, which the document does not have: it stops before it",
                letter as char
            ),
            "write the appendix the text refers to, or drop the reference",
        ))
    })
}

/// For offsets asked in increasing order, where the line holding each starts and where the
/// last `](` before it in that line is: each byte is read once, however many offsets a long
/// line holds.
struct LinesBefore<'t> {
    text: &'t [u8],
    /// How far the text is read.
    read: usize,
    /// The start of the line at `read`, and its last `](` before `read`.
    start: usize,
    link: Option<usize>,
}

impl<'t> LinesBefore<'t> {
    fn new(text: &'t str) -> Self {
        let text = text.as_bytes();
        Self {
            text,
            read: 0,
            start: 0,
            link: None,
        }
    }

    /// The start of the line holding `at`, and the start of the last `](` within
    /// `text[start..at]`; `at` is no smaller than the one asked before.
    fn at(&mut self, at: usize) -> (usize, Option<usize>) {
        let mut from = self.read.saturating_sub(1).max(self.start);
        if let Some(nl) = memchr::memrchr(b'\n', &self.text[self.read..at]) {
            (self.start, self.link) = (self.read + nl + 1, None);
            from = self.start;
        }
        if let Some(l) = memchr::memmem::rfind(&self.text[from..at], b"](") {
            self.link = Some(from + l);
        }
        self.read = at;
        (self.start, self.link)
    }
}

/// Whether a heading after an appendix heading starts with the letter as its own mark
/// (`## Appendix` then `### B. Matching` or `## B - Fuzz Testing`): the appendices are lettered
/// under one heading.
fn lettered_part(doc: &Document, letter: u8) -> bool {
    let Some(first) = doc
        .headings
        .iter()
        .position(|h| h.text.to_lowercase().contains("appendix"))
    else {
        return false;
    };
    doc.headings[first + 1..].iter().any(|h| {
        let Some(rest) = h.text.strip_prefix(letter as char) else {
            return false;
        };
        // `B.`, `B:`, `B)` or `B -`, then the part's name.
        let name = rest.strip_prefix(['.', ':', ')']).or_else(|| {
            rest.trim_start()
                .strip_prefix(['-', '\u{2013}', '\u{2014}', ':'])
        });
        name.is_some_and(|n| !n.trim().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(text: &str) -> bool {
        missing_appendix(&Document::parse(text)).is_some()
    }

    const HEAD: &str =
        "# Report\n\n## Findings\n\nThe build was slow on every machine we tried.\n\n";

    #[test]
    fn an_appendix_referred_to_and_missing_fires() {
        let text = format!(
            "{HEAD}The generator is in Appendix A, and the prompt in Appendix B.\n\n## Appendix A: Generator\n\nIt counts.\n\n## Appendix B\n\nThe prompt.\n"
        );
        assert!(!fires(&text));
        assert!(fires(&text.replace("## Appendix B\n\nThe prompt.\n", "")));
        // Another document's appendix, or a numbered part of one, is not this one's.
        assert!(!fires(&format!(
            "{HEAD}The figures come from Appendix F.6.2 of the paper and Appendix C of the RFC.\n"
        )));
        assert!(!fires(&format!("{HEAD}```text\nsee Appendix A\n```\n")));
        // Named right after another document: a link or a file name.
        assert!(!fires(&format!(
            "{HEAD}The list is kept in [V2_PLAN.md](V2_PLAN.md) Appendix A and in DESIGN.md Appendix B.\n"
        )));
        assert!(fires(&format!("{HEAD}The list is kept in Appendix A.\n")));
        // A link into this document, or an appendix "below", is this document's.
        assert!(fires(&format!(
            "{HEAD}See [the failures](#appendix-a) Appendix A and results.md Appendix B below.\n"
        )));
        // Appendices headed without letters count in order: the second is Appendix B.
        assert!(!fires(&format!(
            "{HEAD}The full API is listed in the Appendix B below.\n\n## Appendix: API changes\n\nTwo.\n\n## Appendix: the comment API\n\nThree.\n"
        )));
        assert!(fires(&format!(
            "{HEAD}The full API is listed in the Appendix C below.\n\n## Appendix: API changes\n\nTwo.\n\n## Appendix: the comment API\n\nThree.\n"
        )));
        // Lettered appendices are not counted as unlettered ones.
        assert!(fires(&format!(
            "{HEAD}The API is in Appendix B.\n\n## Appendix A\n\nTwo.\n\n### Appendix A.1\n\nThree.\n"
        )));
        // Also when the reference is a link, and in the link's definition.
        assert!(!fires(&format!(
            "{HEAD}See [Appendix G][] in [RFC 3498][] for more.\n\n[Appendix G]: https://x.example/3498#appendix-g\n[RFC 3498]: https://x.example/3498\n"
        )));
    }

    /// Each reference to an appendix read its whole line back and every heading again: 20,000
    /// on one line under 20,000 unlettered appendices took minutes. The line is read once and
    /// the headings once per letter now.
    #[test]
    fn many_appendix_references_read_the_text_once() {
        let refs = "See Appendix B. ".repeat(20_000);
        let heads: String = (0..20_000)
            .map(|n| format!("## Appendix: {n}\n\n"))
            .collect();
        let doc = format!("{HEAD}{refs}\n\n{heads}");
        assert!(missing_appendix(&Document::parse(&doc)).is_none());
        let doc = format!("{HEAD}{refs}Appendix C.\n\n## Appendix: one\n\n## Appendix: two\n");
        assert!(missing_appendix(&Document::parse(&doc)).is_some());
    }

    proptest::proptest! {
        /// `LinesBefore` answers what reading each line back does.
        #[test]
        fn lines_before_reads_as_the_line_back(
            text in "[a\\n\\](#]{0,40}",
            cuts in proptest::collection::vec(0usize..40, 0..8),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|&c| c <= text.len()).collect();
            cuts.sort_unstable();
            let mut lines = LinesBefore::new(&text);
            for at in cuts {
                let line = text[..at].rsplit('\n').next().unwrap_or("");
                let start = at - line.len();
                let link = line.rfind("](").map(|l| start + l);
                proptest::prop_assert_eq!(lines.at(at), (start, link));
            }
        }
    }
}
