//! Gates on a document's outline: several outputs pasted together (the same section twice
//! under one parent, a heading that starts in the middle of a line) and hollow structure (a
//! "Table of Contents" heading with nothing under it, a long numbered reference list of which
//! the body cites few entries, a figure referred to that the document does not show).
//! [`super::gates`] runs them.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::regex;
use super::rules::Finding;
use crate::document::Document;

/// A heading marker after text on the same line ("...as shown.## Recommendations").
const MID_LINE: &str = r"(?m)[.!?:)*\w][ \t]{0,2}#{2,6}[ \t]+[A-Z][a-z]+";
/// A numbered reference entry (`[3] Title`, `3. Title`, `- [3] Title`) at the start of a line.
const ENTRY: &str = r"(?m)^[ \t]*(?:[-*+][ \t]+)?\[?\^?(\d{1,3})(?:\]|\.|\)|:)[ \t]+\S";
/// A citation marker in the body: `[3]`, `[3, 4]`, `[3-5]`, `[^3]`.
const MARKER: &str = r"\[\^?(\d{1,3}(?:[ \t]*[,–-][ \t]*\d{1,3})*)\]";

/// Pattern `i` of [`MID_LINE`], [`ENTRY`] and [`MARKER`], each compiled on its first use:
/// most documents have no mid-line `##` and no reference list, and a run whose documents need
/// none of them compiles none (each costs a million instructions or more to build).
fn pattern(i: usize) -> &'static Regex {
    static RE: [OnceLock<Regex>; 3] = [const { OnceLock::new() }; 3];
    RE[i].get_or_init(|| regex([MID_LINE, ENTRY, MARKER][i]).expect("static regex"))
}

/// The heading text that identifies a section: case, numbering and decoration dropped.
/// Every heading's, in one buffer.
struct Keys {
    text: String,
    /// Where each heading's key ends in `text`.
    ends: Vec<usize>,
}

impl Keys {
    /// The keys of `doc`'s headings, made once per document (two gates read them).
    fn of(doc: &Document) -> Arc<Keys> {
        doc.memo(0, || Arc::new(Keys::make(doc)))
    }

    fn make(doc: &Document) -> Keys {
        let mut text = String::new();
        let ends = doc
            .headings
            .iter()
            .map(|h| {
                // Numbering goes, but not digits a word starts with ("2D Geometry Types" and
                // "3D Geometry Types" are two sections).
                let name = h.text.trim_start_matches(|c: char| !c.is_alphabetic());
                let before = &h.text[..h.text.len() - name.len()];
                let digits =
                    before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let t = h.text[before.len() - digits..]
                    .trim_end_matches(|c: char| !c.is_alphanumeric());
                if t.is_ascii() {
                    // What `to_lowercase` gives for ASCII text.
                    let from = text.len();
                    text.push_str(t);
                    text[from..].make_ascii_lowercase();
                } else {
                    text.push_str(&t.to_lowercase());
                }
                text.len()
            })
            .collect();
        Keys { text, ends }
    }

    /// The key of heading `i`.
    fn get(&self, i: usize) -> &str {
        &self.text[i.checked_sub(1).map_or(0, |j| self.ends[j])..self.ends[i]]
    }
}

/// Several outputs pasted together: a section heading repeated under the same parent, or a
/// heading marker that starts in the middle of a line.
pub(crate) fn pasted(doc: &Document) -> Option<Finding> {
    // Parent of each heading: the nearest earlier heading of a lower level.
    let keys = Keys::of(doc);
    // (parent, level, key, heading) of each heading with a key of three letters or more,
    // sorted: a section repeated under its parent is the later of two neighbours alike.
    let mut sections: Vec<(Option<usize>, u8, &str, usize)> =
        Vec::with_capacity(doc.headings.len());
    let mut stack: Vec<usize> = Vec::new();
    let divs = super::structures::fenced_divs(doc);
    for (i, h) in doc.headings.iter().enumerate() {
        // A heading inside a fenced div (`:::: solution`) heads that box, as each exercise's
        // "Solution" does in a lesson: the box repeats, not the document.
        if divs.iter().any(|d| d.contains(&h.span.start)) {
            continue;
        }
        while stack
            .last()
            .is_some_and(|&j| doc.headings[j].level >= h.level)
        {
            stack.pop();
        }
        let k = keys.get(i);
        if k.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            sections.push((stack.last().copied(), h.level, k, i));
        }
        stack.push(i);
    }
    sections.sort_unstable();
    let repeated = sections
        .windows(2)
        .filter(|w| (w[0].0, w[0].1, w[0].2) == (w[1].0, w[1].1, w[1].2))
        .map(|w| w[1].3)
        .min();
    if let Some(i) = repeated {
        let h = &doc.headings[i];
        return Some(Finding::new(
            h.span.start,
            format!(
                "the section \"{}\" appears twice at the same level: several outputs pasted together",
                h.text
            ),
            "merge the two sections into one, keeping what each adds",
        ));
    }
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    // Headings are in document order: their starts are sorted.
    let heading_at = |ls: usize| {
        doc.headings
            .binary_search_by_key(&ls, |h| h.span.start)
            .is_ok()
    };
    if !may_hold_mid_line(t) {
        return None;
    }
    pattern(0)
        .find_iter(t)
        .filter(|m| m.start() >= body && !doc.in_code(m.start()))
        .find(|m| {
            let ls = t[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let line = t[ls..].trim_start();
            !heading_at(ls) && !line.starts_with(['#', '|', '>'])
        })
        .map(|m| {
            let shown: String = t[m.start()..m.end()].chars().take(60).collect();
            Finding::new(
                m.start(),
                format!(
                    "a heading starts in the middle of a line (`{shown}`): outputs pasted together"
                ),
                "put the heading on its own line and check what was cut at the join",
            )
        })
}

/// Whether [`MID_LINE`] can match in `t`: a run of `#` with a character of its first class
/// before it (up to two spaces or tabs between; any byte above ASCII may end a Unicode `\w`).
/// Heading markers open their lines: most documents hold no such run and skip the search.
fn may_hold_mid_line(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memmem::find_iter(b, b"##").any(|i| {
        let before = &b[..i];
        let blanks = (before.iter().rev().take(2))
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        before[..i - blanks]
            .last()
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c >= 0x80 || b".!?:)*_".contains(&c))
    })
}

/// Hollow structure: a "Table of Contents" heading with nothing under it, or a numbered
/// reference list of six or more entries of which the body cites fewer than half.
pub(crate) fn hollow(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let keys = Keys::of(doc);
    let toc = doc.headings.iter().enumerate().find(|(i, h)| {
        matches!(keys.get(*i), "table of contents" | "contents" | "toc")
            && doc
                .headings
                .get(i + 1)
                .is_some_and(|next| t[h.span.end..next.span.start].trim().is_empty())
    });
    if let Some((_, h)) = toc {
        return Some(Finding::new(
            h.span.start,
            format!("\"{}\" has no contents under it", h.text),
            "list the sections, or remove the heading",
        ));
    }
    let (_, refs) = doc.headings.iter().enumerate().find(|(i, _)| {
        matches!(
            keys.get(*i),
            "references"
                | "sources"
                | "bibliography"
                | "citations"
                | "works cited"
                | "notes and references"
        )
    })?;
    let section = &t[refs.span.end..refs.section_end];
    let entries: HashSet<&str> = pattern(1)
        .captures_iter(section)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    if entries.len() < 6 {
        return None;
    }
    let mut cited = HashSet::new();
    let outside = t[doc.body_start.min(refs.span.start)..refs.span.start].to_string()
        + &t[refs.section_end..];
    for c in pattern(2).captures_iter(&outside) {
        let list = c.get(1).map_or("", |m| m.as_str());
        let bounds: Vec<u32> = list
            .split([',', '–', '-'])
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        if list.contains(['–', '-']) && bounds.len() == 2 && bounds[1] >= bounds[0] {
            cited.extend((bounds[0]..=bounds[1].min(bounds[0] + 50)).map(|n| n.to_string()));
        } else {
            cited.extend(bounds.iter().map(u32::to_string));
        }
    }
    let used = entries.iter().filter(|e| cited.contains(**e)).count();
    (used >= 1 && used * 2 < entries.len()).then(|| {
        Finding::new(
            refs.span.start,
            format!(
                "the body cites {used} of the {} references listed: the list pads the sources",
                entries.len()
            ),
            "cite each reference where it supports a claim, or drop it from the list",
        )
    })
}

/// A figure the text refers to ("Figure 1 shows the learning curves") in a document that
/// shows none: no image (markdown, HTML, a link to an image file, a site template's include),
/// no diagram code block, and no caption naming that figure anywhere, code included (ASCII
/// art carries its own). Another document's figure ("Figure 3 of the paper", "Figure 2 in
/// [1]", a link `[Figure 2](url)`) is not this one's.
pub(crate) fn missing_figure(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    let mut refs = memchr::memmem::find_iter(&t.as_bytes()[body..], b"Fig")
        .map(|i| body + i)
        .filter_map(|at| figure_number(t, at).map(|n| (at, n)))
        .peekable();
    refs.peek()?;
    if shows_a_figure(doc) {
        return None;
    }
    let (at, number) = refs.find(|&(at, number)| {
        // `number` is the text at `at`, as written.
        let after = &t[at + number.len()..];
        // Quoted ("Figure 8: CPU use" in <url>), it is someone else's caption; after a year
        // in a citation ("Smith et al., 2020, Fig. 2"), someone else's figure.
        let before = t[..at].trim_end_matches([',', ';', ' ']);
        let cited = before.len() + 2 <= at
            && before.len() >= 4
            && before.as_bytes()[before.len() - 4..]
                .iter()
                .all(u8::is_ascii_digit);
        let elsewhere = [" of ", " in ", "](", "]["]
            .iter()
            .any(|w| after.starts_with(w))
            || t[..at].ends_with(['[', '"', '\'', '“', '‘'])
            || cited;
        !elsewhere && !doc.in_code(at) && !captioned(doc, number)
    })?;
    Some(Finding::new(
        at,
        format!("the text refers to {number}, which the document does not show"),
        "include the figure (an image or a diagram) or say in the text what it shows",
    ))
}

/// Numbered citation markers (`[1]`, `[2]`) with nothing behind them: two or more numbers
/// cited, no citation defined anywhere in the document and no sources part. The sources
/// were lost or never existed; one stray `[1]` may be something else.
pub(crate) fn dangling_citations(doc: &Document) -> Option<Finding> {
    let cites = super::lexicon::citations(doc);
    if !cites.definitions.is_empty() {
        return None;
    }
    let numbered: Vec<(usize, u32)> = cites
        .markers
        .iter()
        .filter_map(|(at, label)| Some((*at, label.parse().ok()?)))
        .collect();
    let first = numbered.first()?.0;
    let mut numbers: Vec<u32> = numbered.iter().map(|&(_, n)| n).collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < 2
        || super::lexicon::builtin_role("sources").is_some_and(|r| r.find(doc).is_some())
    {
        return None;
    }
    Some(Finding::new(
        first,
        format!(
            "the text cites {} sources ([{}] to [{}]) and lists none of them",
            numbers.len(),
            numbers[0],
            numbers[numbers.len() - 1]
        ),
        "add the sources the markers point to (a References list or `[n]: url` lines), or drop the markers",
    ))
}

/// `Figure 1`, `Fig. 2`, `Fig 3b` at `at`, as written; `None` when no number follows.
fn figure_number(t: &str, at: usize) -> Option<&str> {
    let rest = &t[at..];
    let head = ["Figure ", "Fig. ", "Fig "]
        .iter()
        .find(|h| rest.starts_with(**h))?;
    if t[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let digits = rest[head.len()..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (digits > 0).then(|| &rest[..head.len() + digits])
}

/// Whether the document shows an image or a diagram of any kind.
fn shows_a_figure(doc: &Document) -> bool {
    const IMAGE_FILES: [&str; 7] = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"];
    const DIAGRAMS: [&str; 7] = [
        "mermaid", "plantuml", "puml", "dot", "graphviz", "d2", "svg",
    ];
    const EMBEDS: [&str; 10] = [
        "<img", "<image", "<svg", "<figure", "<picture", "<video", "<iframe", "<object", "<embed",
        "{%",
    ];
    // The folded text when the document has one (no copy), else a lowercased copy.
    let folded: std::borrow::Cow<str> = doc
        .folded_text()
        .map_or_else(|| doc.text.to_lowercase().into(), Into::into);
    doc.links.iter().any(|l| {
        let dest = l.dest.to_ascii_lowercase();
        l.image || IMAGE_FILES.iter().any(|x| dest.ends_with(x))
    }) || doc.code_blocks.iter().any(|c| {
        c.lang
            .as_deref()
            .is_some_and(|l| DIAGRAMS.iter().any(|d| l.eq_ignore_ascii_case(d)))
    }) || EMBEDS.iter().any(|e| folded.contains(e))
        || folded.contains("{{<")
}

/// Whether `number` (`Figure 1`) stands as a caption somewhere: in code (ASCII art), at the
/// start of a line after markup (`> Figure 1: ...`, `**Figure 1.**`, `*Fig. 1*`), or before a
/// colon (`Figure 1: Learning curves`).
fn captioned(doc: &Document, number: &str) -> bool {
    let t = doc.text;
    memchr::memmem::find_iter(t.as_bytes(), number.as_bytes()).any(|i| {
        let next = t.as_bytes().get(i + number.len());
        if next.is_some_and(u8::is_ascii_digit) {
            return false;
        }
        if next == Some(&b':') {
            return true;
        }
        let line = &t[t[..i].rfind('\n').map_or(0, |l| l + 1)..i];
        doc.in_code(i)
            || line
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '>' | '*' | '_' | '|' | '#' | '-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pasted_in(text: &str) -> bool {
        pasted(&Document::parse(text)).is_some()
    }

    #[test]
    fn digits_a_heading_starts_with_name_it_and_numbering_does_not() {
        let two = |a: &str, b: &str| {
            format!("# Shapes\n\n## Types\n\n### {a}\n\nText.\n\n### {b}\n\nText.\n")
        };
        assert!(!pasted_in(&two("2D Geometry Types", "3D Geometry Types")));
        assert!(!pasted_in(&two("x86 Targets", "x64 Targets")));
        assert!(pasted_in(&two("2D Geometry Types", "2D Geometry Types")));
        assert!(pasted_in(&two("1. Summary", "2. Summary")));
        assert!(pasted_in(&two("Summary", "3) Summary")));
    }

    #[test]
    fn a_heading_in_each_fenced_div_is_the_box_s_own() {
        let exercise = |n: u8| {
            format!(
                "::::: challenge\n\n## Exercise {n}\n\nText.\n\n:::: solution\n\n## Solution\n\nText.\n\n::::\n\n:::::\n\n"
            )
        };
        let lesson = [
            "# Lesson\n\n## Files\n\nText.\n\n",
            &exercise(1),
            &exercise(2),
        ]
        .concat();
        assert!(!pasted_in(&lesson));
        // The same headings outside the boxes, or in a code block's colons, are repeated.
        let bare = lesson.replace(":::::", "").replace("::::", "");
        assert!(pasted_in(&bare));
        let fenced = "# Lesson\n\n```\n::: note\n```\n\n## Solution\n\nA.\n\n## Solution\n\nB.\n";
        assert!(pasted_in(fenced));
    }

    proptest::proptest! {
        /// The quick test before the mid-line heading pattern skips only texts it cannot match.
        #[test]
        fn the_mid_line_prefilter_skips_no_match(
            text in r"(?:##|#|###### |[ \t]|\n|a|_|é|\.|\)|-|Setup|Use){0,12}",
        ) {
            if pattern(0).is_match(&text) {
                proptest::prop_assert!(may_hold_mid_line(&text), "{:?}", text);
            }
        }

        /// The repeated section found by sorting is the first one a map of the sections seen
        /// so far meets (what the gate read before).
        #[test]
        fn the_first_repeated_section_is_found(
            heads in proptest::collection::vec((1u8..4, 0usize..4), 0..12),
        ) {
            let names = ["Setup", "Usage", "Notes", "Pros"];
            let text: String = heads
                .iter()
                .map(|&(level, n)| format!("{} {}\n\nText.\n\n", "#".repeat(level.into()), names[n]))
                .collect();
            let doc = Document::parse(&text);
            let keys = Keys::of(&doc);
            let mut seen = std::collections::HashMap::new();
            let mut stack: Vec<usize> = Vec::new();
            let mut want = None;
            for (i, h) in doc.headings.iter().enumerate() {
                while stack.last().is_some_and(|&j| doc.headings[j].level >= h.level) {
                    stack.pop();
                }
                if seen.insert((stack.last().copied(), h.level, keys.get(i)), i).is_some() {
                    want = Some(h.span.start);
                    break;
                }
                stack.push(i);
            }
            proptest::prop_assert_eq!(pasted(&doc).map(|f| f.offset), want, "{}", text);
        }
    }

    fn hollow_in(text: &str) -> bool {
        hollow(&Document::parse(text)).is_some()
    }

    #[test]
    fn repeated_sections_and_mid_line_headings_fire() {
        assert!(pasted_in(
            "# Report\n\n## Findings\n\nOne.\n\n## Recommendations\n\nTwo.\n\n## Recommendations\n\nThree.\n"
        ));
        assert!(pasted_in(
            "# Report\n\n## Findings\n\nThe cache was rewritten.## Recommendations\n\nTwo.\n"
        ));
        // The same subsection under different parents is structure, not pasting.
        assert!(!pasted_in(
            "# Options\n\n## Option A\n\n### Pros\n\nFast.\n\n## Option B\n\n### Pros\n\nSmall.\n"
        ));
        // Numbered headings that differ, `C#`, and `##` in code are not headings pasted in.
        assert!(!pasted_in(
            "# Guide\n\n## 1. Setup\n\nUse C# 12 here.\n\n## 2. Usage\n\n`x ## Y` and\n\n```\nfoo ## Bar\n```\n"
        ));
    }

    #[test]
    fn empty_contents_and_padded_references_fire() {
        assert!(hollow_in(
            "# Report\n\n## Table of Contents\n\n## Introduction\n\nText.\n"
        ));
        assert!(!hollow_in(
            "# Report\n\n## Table of Contents\n\n- [Introduction](#introduction)\n\n## Introduction\n\nText.\n"
        ));
        let refs = (1..=8)
            .map(|n| format!("[{n}] Source {n}. https://example.org/{n}\n"))
            .collect::<String>();
        assert!(hollow_in(&format!(
            "# Report\n\nPrices rose [1].\n\n## References\n\n{refs}"
        )));
        assert!(!hollow_in(&format!(
            "# Report\n\nPrices rose [1-3], wages fell [4, 5] and rents [6][7][8].\n\n## References\n\n{refs}"
        )));
        // A bibliography the body never marks is another style, not padding.
        assert!(!hollow_in(&format!(
            "# Report\n\nPrices rose.\n\n## References\n\n{refs}"
        )));
    }

    fn figure_missing_in(text: &str) -> bool {
        missing_figure(&Document::parse(text)).is_some()
    }

    #[test]
    fn a_figure_referred_to_and_not_shown_fires() {
        let text = "# Study\n\nThe agent converged after 600 episodes. Figure 1 shows the learning curves.\n";
        assert!(figure_missing_in(text));
        // Shown: an image, an HTML image, a link to an image file, a diagram, a site include.
        for shown in [
            "![curves](curves.png)",
            "<img src=\"c.png\">",
            "[the curves](plots/curves.svg)",
            "```mermaid\ngraph TD; A-->B\n```",
            "{% include curves.html %}",
        ] {
            assert!(!figure_missing_in(&format!("{text}\n{shown}\n")), "{shown}");
        }
        // Captioned: in a blockquote, in bold, inside ASCII art.
        for caption in [
            "> Figure 1: Learning curves per text type.",
            "**Figure 1.** Learning curves.",
            "```\n+---+\n| a |  Figure 1: curves\n+---+\n```",
        ] {
            assert!(
                !figure_missing_in(&format!("{text}\n{caption}\n")),
                "{caption}"
            );
        }
        // Another document's figure, a link to it, code, and a word that only starts so.
        assert!(!figure_missing_in(
            "# Notes\n\nAs Figure 3 of the paper shows, and [Figure 2](https://example.org/f2) too.\n\nConfigure 1 node; `Figure 4` is a type.\n"
        ));
        // A figure of a cited work.
        assert!(!figure_missing_in(
            "# Review\n\nAccuracy falls with depth (Smith et al., 2020, Fig. 2).\n"
        ));
        // Someone else's caption, quoted.
        assert!(!figure_missing_in(
            "# Notes\n\nThe \"Figure 8: CPU use under load\" in <https://arxiv.org/pdf/2402.00365> shows the cost.\n"
        ));
        // A caption of Figure 10 does not caption Figure 1.
        assert!(figure_missing_in(&format!("{text}\n> Figure 10: other.\n")));
    }

    #[test]
    fn numbered_citations_with_no_sources_fire() {
        let text = "# SQLite for the admin backend\n\nIt handles 100,000 hits a day [1], and WAL mode lets readers run beside the writer [2]. Backups stream to object storage [3].\n";
        let dangling = |t: &str| dangling_citations(&Document::parse(t)).is_some();
        assert!(dangling(text));
        // Sources given as definitions, as a list under a sources heading, or one stray marker.
        assert!(!dangling(&format!(
            "{text}\n[1]: https://sqlite.org/whentouse.html\n[2]: https://sqlite.org/wal.html\n"
        )));
        assert!(!dangling(&format!(
            "{text}\n## References\n\n1. SQLite, Appropriate Uses. https://sqlite.org/whentouse.html\n2. SQLite, WAL. https://sqlite.org/wal.html\n3. Litestream docs. https://litestream.io\n"
        )));
        assert!(!dangling(
            "# Notes\n\nThe first element, `a[1]`, and the note [1] above.\n"
        ));
    }
}
