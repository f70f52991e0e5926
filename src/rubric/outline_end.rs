//! The outline's signs that a document stops before it is finished: it ends inside the lone
//! first part of a section, or on the bold line that opens its last section, where the
//! sections before it are full and nothing closes the document (no conclusion, next steps,
//! sources or appendix); or its table of contents lists sections after the one it stops in.
//! `ending.rs` reads the last line first; these read the headings.

use super::rules::Finding;
use crate::document::markdown::{Heading, Link};
use crate::document::{Document, text};

/// Heading words of the parts that close a document: a conclusion, what to do next, its
/// sources, its limits, an appendix, and a project page's license and contribution notes.
pub(super) const CLOSING: &[&str] = &[
    "conclusion",
    "conclusions",
    "summary",
    "next steps",
    "recommendation",
    "recommendations",
    "references",
    "sources",
    "citations",
    "bibliography",
    "further reading",
    "resources",
    "see also",
    "learn more",
    "appendix",
    "limitations",
    "caveats",
    "open questions",
    "open issues",
    "unresolved questions",
    "future work",
    "takeaways",
    "verdict",
    "wrap-up",
    "final thoughts",
    "acknowledgements",
    "what's next",
    "outlook",
    "action items",
    "license",
    "licence",
    "licensing",
    "contributing",
    "contribution",
    "contributions",
    "credits",
    "authors",
    "support",
    "faq",
    "changelog",
    "thanks",
];

/// Whether a heading holds one of [`CLOSING`] as whole words. Each starts with a letter, so
/// an occurrence starts where a word does: only word starts are compared.
pub(super) fn is_closing(heading: &str) -> bool {
    if heading.is_ascii() {
        return is_closing_ascii(heading);
    }
    let h = heading.to_lowercase();
    let mut prev_alnum = false;
    let found = h.char_indices().any(|(i, ch)| {
        let start = !prev_alnum && ch.is_ascii_lowercase();
        prev_alnum = ch.is_alphanumeric();
        start
            && CLOSING.iter().any(|c| {
                c.as_bytes()[0] == ch as u8
                    && h[i..].starts_with(c)
                    && !h[i + c.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
    });
    found && !h.contains("executive summary")
}

/// [`is_closing`] of an ASCII heading, lowercased byte by byte (no copy unless one is found).
fn is_closing_ascii(heading: &str) -> bool {
    let (h, mut prev_alnum) = (heading.as_bytes(), false);
    let found = (0..h.len()).any(|i| {
        let ch = h[i].to_ascii_lowercase();
        let start = !prev_alnum && ch.is_ascii_lowercase();
        prev_alnum = ch.is_ascii_alphanumeric();
        start
            && CLOSING.iter().any(|c| {
                let c = c.as_bytes();
                c[0] == ch
                    && h.get(i..i + c.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(c))
                    && !h.get(i + c.len()).is_some_and(u8::is_ascii_alphanumeric)
            })
    });
    found && !heading.to_ascii_lowercase().contains("executive summary")
}

/// The headings that open sections: all of them, less a title alone at its level.
fn sections<'d>(doc: &'d Document) -> &'d [Heading] {
    let hs = &doc.headings;
    let skip = usize::from(hs.len() > 1 && hs[1..].iter().all(|h| h.level > hs[0].level));
    &hs[skip..]
}

/// Whether something closes the document (a conclusion, next steps, sources...) after its
/// first two sections, which open it (a summary up front does not close it).
fn closed(sections: &[Heading]) -> bool {
    sections.iter().skip(2).any(|h| is_closing(&h.text))
}

/// The document stops inside the first subsection of a section (`4.1` and no `4.2`) that
/// opens straight into it, where the sections before it have two subsections or more, and
/// nothing closes it: no conclusion, next steps, sources or appendix after its first two
/// headings.
pub(super) fn lone_subsection(doc: &Document) -> Option<Finding> {
    let hs = sections(doc);
    let main = hs.iter().map(|h| h.level).min()?;
    let mains: Vec<usize> = (0..hs.len()).filter(|&i| hs[i].level == main).collect();
    if mains.len() < 2 {
        return None;
    }
    // Direct subsections of heading `i`: the shallowest headings inside its section.
    let children = |i: usize| -> Vec<usize> {
        let inside: Vec<usize> = (i + 1..hs.len())
            .take_while(|&j| hs[j].level > hs[i].level)
            .collect();
        let top = inside.iter().map(|&j| hs[j].level).min();
        inside
            .into_iter()
            .filter(|&j| Some(hs[j].level) == top)
            .collect()
    };
    // From the last main section down to the last heading: the sections the end lies in.
    let mut at = *mains.last()?;
    let mut siblings: Vec<usize> = mains.clone();
    loop {
        let kids = children(at);
        if kids.is_empty() {
            return None;
        }
        let earlier_groups = || {
            siblings
                .iter()
                .filter(|&&s| s < at)
                .any(|&s| children(s).len() >= 2)
        };
        // A section that says something of its own before its one subsection ("let's look
        // at an example") has an aside, not a list of parts left unfinished.
        let opens_straight = || {
            let own = doc
                .text
                .get(hs[at].span.end..hs[kids[0]].span.start)
                .unwrap_or("");
            text::count_words(own) < 40
        };
        // A lone part that has parts of its own is developed, not begun: the end is read
        // one level down, inside it.
        let developed = || children(kids[0]).len() >= 2;
        // Whether anything closes the document is asked last: the other conditions rule
        // most documents out sooner.
        if kids.len() == 1 && opens_straight() && !developed() && earlier_groups() && !closed(hs) {
            let h = &hs[kids[0]];
            return Some(Finding::new(
                h.span.start,
                format!(
                    "the document stops in \"{}\", the first part of \"{}\", where the sections before it have several parts and nothing closes it",
                    h.text, hs[at].text
                ),
                "finish the sections it leaves out (the rest of this one, and a conclusion or next steps)",
            ));
        }
        siblings = kids.clone();
        at = *kids.last()?;
    }
}

/// Words each earlier sibling section holds at least, for a last section that is only a bold
/// lead to read as cut: sections that all say this much do not end on their lead.
const FULL_SECTION_WORDS: usize = 50;

/// A heading's section number (`4.` and `4` give `[4]`, `4.1` gives `[4, 1]`), when it opens
/// with one followed by a space, a `)` or nothing.
fn section_number(heading: &str) -> Option<Vec<u32>> {
    let n = heading
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let (number, rest) = heading.split_at(n);
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !rest
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == ')' || c == '\t')
    {
        return None;
    }
    number
        .trim_end_matches('.')
        .split('.')
        .map(|p| p.parse().ok())
        .collect()
}

/// Whether heading `next` numbers the section after `prev` (`3.` then `4.`, `4.1` then
/// `4.2`): an outline that runs on, where a README's last heading (`Status`) or a
/// changelog's (`1.0.0`, counting down) is no step of a sequence.
fn follows(prev: &str, next: &str) -> bool {
    match (section_number(prev), section_number(next)) {
        (Some(p), Some(n)) => {
            p.len() == n.len()
                && p[..p.len() - 1] == n[..n.len() - 1]
                && p.last().map(|x| x + 1) == n.last().copied()
        }
        _ => false,
    }
}

/// Whether `lead` (a paragraph's source, trimmed) is bold from end to end: one `**` or `__`
/// span whose text starts and ends on a visible character (`** x **` is no emphasis).
fn all_bold(lead: &str) -> bool {
    ["**", "__"].iter().any(|mark| {
        let inner = lead
            .strip_prefix(mark)
            .and_then(|l| l.strip_suffix(mark))
            .unwrap_or("");
        !inner.is_empty()
            && !inner.contains(mark)
            && !inner.starts_with(char::is_whitespace)
            && !inner.ends_with(char::is_whitespace)
    })
}

/// The document stops on the bold lead of its last section (`## 4. Root Cause` then
/// `**v1 shipped a protocol.**` and nothing more), numbered next after the section before it,
/// where the sections beside it (two or more) each run to [`FULL_SECTION_WORDS`] words, and
/// nothing closes it: the cut fell after the line that opens the section. A bold line alone
/// reads as a heading (the explanation check counts a short one as a section), so the section
/// is as empty as a heading with nothing under it. A bold line that quotes, links or sits
/// over HTML says something of its own.
pub(super) fn bold_lead_only(doc: &Document) -> Option<Finding> {
    let hs = sections(doc);
    let (last, head) = hs.split_last()?;
    // The earlier sections beside the last one: those of its level since its parent. The
    // numbering is asked first, as most documents' last heading does not run on from one.
    let siblings: Vec<_> = head
        .iter()
        .rev()
        .take_while(|h| h.level >= last.level)
        .filter(|h| h.level == last.level)
        .collect();
    let runs_on = siblings
        .first()
        .is_some_and(|p| follows(&p.text, &last.text));
    if !runs_on || siblings.len() < 2 {
        return None;
    }
    // The last section runs to the end: what starts after its heading is in it.
    let own = last.span.end..doc.text.len();
    let first = doc.paragraphs.partition_point(|p| p.span.start < own.start);
    let [lead] = &doc.paragraphs[first..] else {
        return None;
    };
    let lead = lead.span.clone();
    let quoted = doc.text[doc.line_span(lead.start).start..lead.start].contains('>');
    if quoted
        || doc.text[lead.end..].contains('<')
        || !all_bold(doc.text[lead].trim())
        || doc.holds_link(&own)
        || doc
            .list_items
            .last()
            .is_some_and(|(s, _)| s.start >= own.start)
        || doc.holds_block(&own)
        || closed(hs)
    {
        return None;
    }
    let full = |h: &&Heading| doc.words_in(&(h.span.end..h.section_end)) >= FULL_SECTION_WORDS;
    siblings.iter().all(full).then(|| {
        Finding::new(
            last.span.start,
            format!(
                "the document stops on the bold line that opens \"{}\", where the sections before it run to several paragraphs and nothing closes it",
                last.text
            ),
            "finish this section and the ones it leads to (a conclusion or next steps)",
        )
    })
}

/// A table of contents whose last entries name no section, while the document stops inside
/// the section of the last entry it has: the contents list parts the text never reached
/// (`Metrics`, `Traces`, `Logs` listed; the text ends in `Traces`). The contents are the
/// in-page `links` that open a list line (`- [Setup](#setup)`), from the first of them up
/// to the first heading after it. `anchor` reads an anchor loosely (as the contents gate
/// compares them); an entry is there when `found` says so, when its anchor is a repeated
/// heading's numbered one (`#setup-1`), or when its own text names a heading (an anchor
/// copied percent-encoded from a browser). A stale entry in the middle, or a missing one
/// after a section the text goes on past, is not a cut.
pub(crate) fn contents_cut_short(
    doc: &Document,
    links: &[&Link],
    anchor: impl Fn(&str) -> String,
    found: impl Fn(&Link) -> bool,
) -> Option<Finding> {
    let t = doc.text;
    let first = links.iter().find(|l| opens_list_line(t, l.offset))?;
    let end = doc
        .headings
        .iter()
        .find(|h| h.span.start > first.offset)
        .map_or(t.len(), |h| h.span.start);
    let toc: Vec<&Link> = links
        .iter()
        .copied()
        .filter(|l| (first.offset..end).contains(&l.offset) && opens_list_line(t, l.offset))
        .collect();
    let numbered: Vec<String> = super::rules::anchors::heading_slugs(doc)
        .iter()
        .map(|s| anchor(s))
        .collect();
    let slugs: std::collections::HashSet<&str> = numbered.iter().map(String::as_str).collect();
    let named: std::collections::HashSet<String> =
        doc.headings.iter().map(|h| anchor(&h.slug())).collect();
    let there = |l: &Link| {
        found(l)
            || slugs.contains(anchor(&l.dest[1..]).as_str())
            || entry_text(t, l.offset).is_some_and(|e| named.contains(&anchor(&text::slug(e))))
    };
    let have = toc.iter().take_while(|l| there(l)).count();
    if toc.len() < 3 || have == 0 || have == toc.len() || toc[have..].iter().any(|l| there(l)) {
        return None;
    }
    let last = anchor(&toc[have - 1].dest[1..]);
    let h = &doc.headings[numbered.iter().position(|s| *s == last)?];
    if h.section_end < t.trim_end().len() {
        return None;
    }
    Some(Finding::new(
        toc[have].offset,
        format!(
            "the table of contents lists {} more section(s) after \"{}\", where the document stops",
            toc.len() - have,
            h.text
        ),
        "write the sections the contents promise, or trim the contents",
    ))
}

/// Whether the link at `at` is the first thing on a list line (`- `, `* `, `+ `, `1. `,
/// `2) `, bold allowed): an entry of contents, not a reference in prose.
fn opens_list_line(t: &str, at: usize) -> bool {
    let line = t[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = t[line..at].trim().trim_end_matches(['*', '_']).trim_end();
    matches!(before, "-" | "*" | "+")
        || before
            .strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The text of the link `[text](...)` at `at`.
fn entry_text(t: &str, at: usize) -> Option<&str> {
    let rest = t.get(at..)?.strip_prefix('[')?;
    let close = rest.find("](")?;
    Some(&rest[..close])
}
