//! Gates on a document's outline: several outputs pasted together (the same section twice
//! under one parent, a heading that starts in the middle of a line) and hollow structure (a
//! "Table of Contents" heading with nothing under it, a long numbered reference list of which
//! the body cites few entries). [`super::gates`] runs them.

use std::collections::{HashMap, HashSet};
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

fn patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| [MID_LINE, ENTRY, MARKER].map(|p| regex(p).expect("static regex")))
}

/// The heading text that identifies a section: case, numbering and decoration dropped.
/// Every heading's, in one buffer.
struct Keys {
    text: String,
    /// Where each heading's key ends in `text`.
    ends: Vec<usize>,
}

impl Keys {
    fn of(doc: &Document) -> Keys {
        let mut text = String::new();
        let ends = doc
            .headings
            .iter()
            .map(|h| {
                let t = h
                    .text
                    .trim_start_matches(|c: char| !c.is_alphabetic())
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
    let mut seen: HashMap<(Option<usize>, u8, &str), usize> =
        HashMap::with_capacity(doc.headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in doc.headings.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&j| doc.headings[j].level >= h.level)
        {
            stack.pop();
        }
        let k = keys.get(i);
        if k.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && seen
                .insert((stack.last().copied(), h.level, k), i)
                .is_some()
        {
            return Some(Finding::new(
                h.span.start,
                format!(
                    "the section \"{}\" appears twice at the same level: several outputs pasted together",
                    h.text
                ),
                "merge the two sections into one, keeping what each adds",
            ));
        }
        stack.push(i);
    }
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    // Headings are in document order: their starts are sorted.
    let heading_at = |ls: usize| {
        doc.headings
            .binary_search_by_key(&ls, |h| h.span.start)
            .is_ok()
    };
    patterns()[0]
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
    let [_, entry, marker] = patterns();
    let entries: HashSet<&str> = entry
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
    for c in marker.captures_iter(&outside) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pasted_in(text: &str) -> bool {
        pasted(&Document::parse(text)).is_some()
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
}
