//! How a document ends. A reader sees that a text stops before it is finished from its last
//! line: an empty list item or heading marker, a lead-in (`... as follows:`) with nothing
//! after it, a last word that is only the start of a word the document uses elsewhere
//! (`... once ava`), a function word (`... and the`), a paragraph or a `**Label:**` line
//! whose last sentence has no end, a list item without the full stop every other item of the
//! document has, or an indented code block left with a bracket open. [`super::gates`] runs
//! this after its own truncation checks (unclosed fences and tables, open brackets, an empty
//! last section, a table of contents without bodies).

use std::ops::Range;

use super::cut_word::{cut_at_apostrophe, opens_nothing, starts_a_paragraph, stops_mid_line};
use super::label_end::{after_list_marker, bold_label, unstopped_label};
use super::link_end::{before_link_target, cut_address, cut_url, only_a_link, points_to_link};
use super::outline_end::{bold_lead_only, lone_subsection};
use super::rules::Finding;
use super::sign_off::{closing_matter, end_marker, sign_off};
use crate::document::markdown::CodeBlock;
use crate::document::{Document, text};

/// Words a finished sentence does not end on. Object pronouns and particles ("fix it",
/// "log in", "as is") are left out: a list item may end on them.
const DANGLING: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "with", "for", "by", "that", "are", "from", "at",
    "which", "but", "we", "they", "our", "their", "my", "your", "its", "if", "when", "while",
    "because", "than", "into", "onto", "via", "whose", "whether", "was", "were",
];

/// The last paragraph or list item of the document (a paragraph of a loose item counts as
/// the item), or `Other` when a heading, code block or table comes after it.
#[derive(Debug, Clone, PartialEq)]
enum Last {
    Paragraph(Range<usize>),
    Item(Range<usize>),
    Other,
}

fn last_block(doc: &Document) -> Last {
    let para = doc
        .paragraphs
        .iter()
        .map(|p| p.span.clone())
        .max_by_key(|s| s.start);
    let item = doc
        .list_items
        .iter()
        .map(|(s, _)| s.clone())
        .max_by_key(|s| s.start);
    let other = doc
        .headings
        .iter()
        .map(|h| h.span.start)
        .chain(doc.code_blocks.iter().map(|c| c.span.start))
        .chain(doc.tables.iter().map(|x| x.start))
        .max();
    let after = |s: &Range<usize>| other.is_none_or(|o| s.start > o);
    match (para.filter(after), item.filter(after)) {
        (Some(p), Some(i)) if i.start <= p.start && p.start < i.end => Last::Item(p),
        (Some(p), Some(i)) if p.start > i.start => Last::Paragraph(p),
        (_, Some(i)) => Last::Item(i),
        (Some(p), None) => Last::Paragraph(p),
        (None, None) => Last::Other,
    }
}

/// Whether a line or text ends as a sentence does (`.`, `!`, `?`, the full stops of other
/// scripts: CJK `。！？`, Devanagari `।`, Khmer `។`, Myanmar `။`, Arabic `؟`, Urdu `۔`; also
/// inside closing quotes, brackets or emphasis).
pub(super) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end();
    // A smiley closes a sentence as a full stop would ("Pull requests are welcome :)"), but
    // not one after a word a sentence cannot end on ("help with the :)").
    if let Some(before) = [":)", ":-)", ";)", ";-)", ":D"]
        .iter()
        .find_map(|e| s.strip_suffix(e))
    {
        let word = before.split_whitespace().next_back().unwrap_or("");
        return !DANGLING.contains(&word.to_lowercase().as_str());
    }
    s.trim_end_matches([
        '"', '\'', ')', ']', '*', '_', '`', '”', '’', '」', '』', '）', '》',
    ])
    .ends_with([
        '.', '!', '?', '…', '。', '！', '？', '｡', '．', '।', '॥', '។', '။', '؟', '۔',
    ])
}

/// Whether a text ends in a script written without full stops (Thai, Lao): its sentences
/// end where the text does, so a missing stop says nothing.
fn unstopped_script(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '\u{0E00}'..='\u{0EFF}'))
}

/// The signs that the document stops before it is finished: its last line, then its outline.
pub(crate) fn cut_off(doc: &Document) -> Option<Finding> {
    last_line(doc)
        .or_else(|| lone_subsection(doc))
        .or_else(|| bold_lead_only(doc))
}

/// Whether `at` lies in a section of references (`## References`, `## Sources`): a citation
/// ends on a year or a page, not a full stop.
pub(crate) fn in_citations(doc: &Document, at: usize) -> bool {
    doc.headings
        .iter()
        .rfind(|h| h.span.start < at)
        .is_some_and(|h| {
            let h = h.text.to_lowercase();
            [
                "reference",
                "sources",
                "bibliography",
                "citations",
                "works cited",
                "further reading",
            ]
            .iter()
            .any(|w| h.contains(w))
        })
}

/// Where a document's text ends, as the signs of a cut-off end read it.
pub(crate) enum Tail<'d> {
    /// Inside this code block.
    Code(&'d CodeBlock),
    /// On a line that is not a table row: where it starts, and the line trimmed.
    Line(usize, &'d str),
}

/// How the document ends, and where its text ends; `None` in the front matter or a table.
pub(crate) fn tail<'d>(doc: &'d Document) -> Option<(Tail<'d>, usize)> {
    let t = doc.text;
    let end = t.trim_end().len();
    if end <= doc.body_start {
        return None;
    }
    if let Some(c) = doc.code_blocks.last().filter(|c| c.span.end >= end) {
        return Some((Tail::Code(c), end));
    }
    let line_start = t[..end].rfind('\n').map_or(0, |i| i + 1);
    let line = t[line_start..end].trim();
    (!line.starts_with('|')).then_some((Tail::Line(line_start, line), end))
}

/// The signs that the document stops before it is finished, read from its last line.
fn last_line(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let (line_start, line, end) = match tail(doc)? {
        (Tail::Code(c), end) => {
            return (!c.fenced)
                .then(|| open_code(t, c.span.start, end))
                .flatten();
        }
        (Tail::Line(start, line), end) => (start, line, end),
    };
    let at = line_start + (t[line_start..end].len() - t[line_start..end].trim_start().len());
    let cut = |what: &str| {
        Some(Finding::new(
            at,
            format!("the document stops {what}: it is cut off"),
            "finish the text and the sections it leaves out",
        ))
    };
    if is_bare_marker(line) {
        return cut("at an empty list item or heading");
    }
    if is_lone_letter_item(line) && item_before_has_words(t, line_start, 3) {
        return cut("on a list item of one letter, the start of a word");
    }
    if opens_nothing(line) {
        return cut("on a mark that opens what was cut: a code fence or a quote");
    }
    let core = line.trim_end_matches(['*', '_']).trim_end();
    let last_token = core.rsplit(char::is_whitespace).next().unwrap_or("");
    if core.ends_with(':') && !core.ends_with("::") && !colon_in_token(last_token) {
        return cut("on a lead-in that announces what follows, with nothing after it");
    }
    let above = &t[doc.body_start.min(line_start)..line_start];
    if unstopped_label(above, line, ends_sentence) {
        return cut("on a `**Label:**` line without the full stop its earlier ones have");
    }
    if cut_at_apostrophe(above, core) {
        return cut(&format!(
            "on \"{last_token}\", a word cut at its apostrophe"
        ));
    }
    if cut_address(t[..end].trim_end_matches(['*', '_']).trim_end()) {
        return cut("inside a web address");
    }
    // A face ends the text as a stop does ("... on the interwebs :p"), unless the words
    // before it stop on one a sentence cannot end on ("helped with the :)").
    if super::cut_word::emoticon(last_token) {
        let before = core[..core.len() - last_token.len()].trim_end();
        let word = super::prose::word_before(before, before.len()).to_lowercase();
        return if DANGLING.contains(&word.as_str()) {
            cut(&format!("on \"{word}\", in the middle of a sentence"))
        } else {
            None
        };
    }
    let word = last_token.trim_start_matches(|c: char| !c.is_alphanumeric());
    let bare = !word.is_empty() && word.chars().all(char::is_alphabetic);
    // The last line must be the end of a paragraph or list item (not a link definition).
    let last = last_block(doc);
    let span = match &last {
        Last::Paragraph(s) | Last::Item(s) if s.start < end && end <= s.end => s.clone(),
        _ => return None,
    };
    let item = matches!(last, Last::Item(_));
    // The last block up to the end of its last line.
    let src = t.get(span.start..end).unwrap_or("");
    let item_unstopped = || {
        // A prose item (six words or more) ending without the full stop the others have.
        item && text::count_words(src) >= 6
            && !core.ends_with([')', '/', '>'])
            && !ends_sentence(core)
            && items_end_with_stops(doc, span.start)
            && !list_unstopped(doc, span.start)
    };
    // A closing line of two sentences after the text ("Thanks again. Ciao", "Cheers! Theo")
    // signs it off, as a one-sentence one does for `unfinished::last_sentence`.
    let signs_off = || {
        sign_off(src.trim()) && text::has_words(t.get(doc.body_start..span.start).unwrap_or(""), 1)
            || closing_matter(doc, src, span.start)
    };
    // A field of a few words (`**Status:** Approved`, `Author: jdoe`) is no sentence; a
    // label leading a sentence (`- **UX/DX S3**: hooks not updated with ...`) is one.
    let one_field = || {
        !src.trim().contains('\n')
            && text::metadata_line(core).is_some_and(|(_, value)| text::count_words(&value) <= 3)
    };
    // The last line left open: no line break after it (what follows it is white space).
    let open = !t[end..].contains(['\n', '\r']);
    if open
        && !one_field()
        && !signs_off()
        && !in_citations(doc, span.start)
        && !reference_lines(src)
        && !end_marker(src.trim())
        && let Some(what) = stops_mid_line(above, core, word, ends_sentence(core))
    {
        return cut(&what);
    }
    if !core.ends_with(|c: char| c.is_alphanumeric()) {
        // A paragraph of several sentences whose last one stops on a link or code span.
        // A one-line field whose value is a link (`Image credit: [Bernard Spragg. NZ](url)`)
        // is no sentence.
        let field = !src.contains('\n')
            && text::metadata_line(core).is_some_and(|(_, value)| only_a_link(&value));
        // A link's text that stops on "the" or "of" is cut, whatever points to it.
        let shown = before_link_target(core);
        let link_word = super::prose::word_before(shown, shown.len()).to_lowercase();
        let cut_text = shown.len() < core.len() && DANGLING.contains(&link_word.as_str());
        let linked = !item
            && !field
            && core.ends_with([')', '`'])
            && !ends_sentence(core)
            && !ends_sentence(shown)
            && text::sentences(src).len() >= 2
            && (cut_text || !points_to_link(src));
        return if cut_url(last_token) {
            cut("inside a web address")
        } else if item_unstopped() {
            cut("on a list item without the full stop every other item has")
        } else if linked {
            cut("in the middle of a sentence (the last one has no full stop)")
        } else {
            None
        };
    }
    if bare && DANGLING.contains(&word.to_lowercase().as_str()) {
        return cut(&format!("on \"{word}\", in the middle of a sentence"));
    }
    let under_heading = doc
        .headings
        .iter()
        .rfind(|h| h.span.end <= span.start)
        .is_some_and(|h| t[h.span.end..span.start].trim().is_empty());
    if !item && !under_heading && src.trim() == word && starts_a_paragraph(word) {
        return cut(&format!(
            "on \"{word}\", a paragraph of only the start of its first word or item"
        ));
    }
    // The last part of a compound (`Agent-specif`) is a word of its own.
    let part = word.rsplit('-').next().unwrap_or(word);
    // Only where the text has the longer word as a compound's last part too ("domain-specific"
    // before "Agent-specif"): "Wi-Fi" after "first", "re-run" after "running" are whole.
    let compound = part.len() < word.len()
        && !part.is_empty()
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && {
            // Offsets into the lowercased text index that text (lowercasing may change lengths).
            let lower = above.to_lowercase();
            lower
                .match_indices(&format!("-{}", part.to_lowercase()))
                .any(|(i, m)| lower[i + m.len()..].starts_with(char::is_alphabetic))
        };
    if (bare || compound)
        && text::is_fragment(above, part)
        && !end_marker(src.trim())
        && !text::after_number(core)
    {
        return cut(&format!(
            "on \"{word}\", the start of a word, in the middle of a sentence"
        ));
    }
    if item {
        return if item_unstopped() {
            cut("on a list item without the full stop every other item has")
        } else {
            None
        };
    }
    // Two or more `**Label:** value` lines (reviewer, status, verdict) are a block of fields
    // signing the document off, not sentences; so are two or more lines that each open with
    // a status mark.
    // In another script the labels are bold (`**测试日期**: 2026-02-15`, `**作者**：X`).
    let fields_only = doc
        .paragraphs
        .iter()
        .any(|p| p.span.start == span.start && p.meta_only)
        || src
            .lines()
            .all(|l| l.trim().is_empty() || bold_label(l).is_some())
        // So do lines that each open with a status mark (`✅ No linter errors`).
        || src.lines().all(|l| {
            let l = l.trim_start();
            l.is_empty() || ["✅", "❌", "⚠️", "✔", "✓", "☑", "✗", "❎"].iter().any(|m| l.starts_with(m))
        });
    if fields_only && lines_with_text(src) >= 2 {
        return None;
    }
    // One `**Label:** value` line set off by a blank line below such a block (`**Status**`,
    // `**Priority**`, then `**Next Action**: Run the audit`) is the block's last field.
    if bold_label(line).is_some()
        && !src.trim().contains('\n')
        && doc
            .paragraphs
            .iter()
            .rfind(|p| p.span.end <= span.start)
            .is_some_and(|p| {
                t[p.span.end..span.start].trim().is_empty()
                    && p.meta_only
                    && lines_with_text(&t[p.span.clone()]) >= 2
            })
    {
        return None;
    }
    let meta = text::metadata_line(src.lines().next().unwrap_or("").trim()).is_some();
    let (sentences, words) = if meta {
        // A `**Label:** text` line: its text is the paragraph.
        let value = text::metadata_line(line)
            .map(|(_, v)| v)
            .unwrap_or_default();
        (1, text::count_words(&value))
    } else {
        // Chinese and Japanese are written without spaces: two characters make about a word.
        (text::sentences(src).len(), text::reader_words(src))
    };
    if (sentences >= 2 || words >= 8)
        && !signs_off()
        && !in_citations(doc, span.start)
        && !reference_lines(src)
        && !url_after_stop(src)
        && !emphasized(src)
        && !unstopped_script(core)
    {
        return cut("in the middle of a sentence (the last one has no full stop)");
    }
    None
}

/// How many lines of `s` hold more than white space.
fn lines_with_text(s: &str) -> usize {
    s.lines().filter(|l| !l.trim().is_empty()).count()
}

/// Whether a text ends on a URL after a full stop or as its object ([`text::object_url`]).
pub(super) fn url_after_stop(src: &str) -> bool {
    src.trim_end()
        .rsplit_once(char::is_whitespace)
        .is_some_and(|(before, url)| {
            (url.starts_with("https://") || url.starts_with("http://")) && ends_sentence(before)
                || text::object_url(before, url)
        })
}

/// Whether a last token's closing colon belongs to it, leading in to nothing: a link's address
/// (a link definition whose URL ends in `#examples:`) or an emoji shortcode (`:wave:`).
fn colon_in_token(token: &str) -> bool {
    let shortcode = token.len() > 2
        && token.starts_with(':')
        && token.ends_with(':')
        && token[1..token.len() - 1]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-'));
    token.contains("://") || shortcode
}

/// Whether each line of a paragraph opens with a citation key in brackets (one word holding
/// a digit) and a dash, or with a label and a colon and a URL (`[RFC1592] - amend ...`,
/// `[2]: https://...)`): a list of references, not sentences. `[Update]: we wait` is one.
pub(super) fn reference_lines(src: &str) -> bool {
    src.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        let l = l.trim_start();
        let Some((label, rest)) = l.strip_prefix('[').and_then(|r| r.split_once(']')) else {
            return false;
        };
        let key = !label.is_empty()
            && !label.contains(char::is_whitespace)
            && label.contains(|c: char| c.is_ascii_digit());
        let dash = [" -", " –", " —"].iter().any(|s| rest.starts_with(s));
        let url = rest.strip_prefix(':').is_some_and(|r| {
            let r = r.trim_start();
            r.starts_with("http://") || r.starts_with("https://")
        });
        key && dash || url
    })
}

/// A last paragraph wholly in emphasis (`*This completes the audit*`, `_Generated on 3 May_`)
/// is a sign-off or a caption, which needs no full stop.
fn emphasized(src: &str) -> bool {
    let p = src.trim();
    p.len() > 2
        && [('*', '*'), ('_', '_')]
            .iter()
            .any(|&(a, b)| p.starts_with(a) && p.ends_with(b))
}

/// `-`, `*`, `+`, `1.`, `2)` or `##` alone on the last line: an item or heading never written.
fn is_bare_marker(line: &str) -> bool {
    matches!(line, "-" | "*" | "+")
        || (1..=6).contains(&line.len()) && line.bytes().all(|b| b == b'#')
        || line.len() <= 4
            && line.ends_with(['.', ')'])
            && line.len() >= 2
            && line[..line.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// Whether the lines before `line_start` are list items, each of at least `n` words, up to
/// the list's lead-in: beside items that long, one of a single letter is one cut as it
/// started; in a list holding short items (`- Rust`, `- Go`, `- C`; options `- A`, `- B`;
/// sizes `- S`, `- M`, `- L`) it is whole.
fn item_before_has_words(t: &str, line_start: usize, n: usize) -> bool {
    let items: Vec<&str> = t[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| after_list_marker(l).is_some())
        .collect();
    !items.is_empty() && items.iter().all(|l| text::count_words(l) >= n)
}

/// Whether `line` is a list item of one letter (`- P`, `2. T`): the first letter of an item
/// cut off as it started. `I` is a word.
fn is_lone_letter_item(line: &str) -> bool {
    let Some(rest) = after_list_marker(line).and_then(|r| r.strip_prefix([' ', '\t'])) else {
        return false;
    };
    let mut chars = rest.trim().chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && c != 'I')
}

/// Whether the document's list items of six words or more, before the one at `last`, end
/// with a full stop: four or more of them, and at least four in five.
fn items_end_with_stops(doc: &Document, last: usize) -> bool {
    let t = doc.text;
    let (mut long, mut stopped) = (0, 0);
    for (span, _) in &doc.list_items {
        if span.start >= last {
            continue;
        }
        let own = own_text(t.get(span.clone()).unwrap_or(""));
        if text::count_words(&own) < 6 {
            continue;
        }
        long += 1;
        stopped += usize::from(ends_sentence(&own));
    }
    long >= 4 && stopped * 5 >= long * 4
}

/// Whether the last item's own list, the items at its depth right before it, has two items
/// or more and none ends with a full stop: a list written without stops (commands, next
/// steps) ends like its items, whatever the rest of the document does.
fn list_unstopped(doc: &Document, last: usize) -> bool {
    let Some(i) = doc.list_items.iter().position(|(s, _)| s.start == last) else {
        return false;
    };
    let mut siblings = 0;
    for s in siblings_before(doc, i) {
        if ends_sentence(&own_text(doc.text.get(s.clone()).unwrap_or(""))) {
            return false;
        }
        siblings += 1;
    }
    siblings >= 2
}

/// The items of the same list before `doc.list_items[i]`, nearest first, read back from it
/// once: nested items of earlier siblings are passed over; an item further out (the parent)
/// or a gap with text ends the list.
pub(crate) fn siblings_before<'d>(
    doc: &'d Document,
    i: usize,
) -> impl Iterator<Item = &'d Range<usize>> + 'd {
    let (t, items) = (doc.text, &doc.list_items);
    let depth = items[i].1;
    let mut at = items[i].0.start;
    items[..i]
        .iter()
        .rev()
        .filter(move |(_, d)| *d <= depth)
        .map_while(move |(s, d)| {
            let next = *d == depth && t.get(s.end..at).is_some_and(|gap| gap.trim().is_empty());
            next.then(|| {
                at = s.start;
                s
            })
        })
}

/// A list item's own text: up to its first nested item or block.
fn own_text(item: &str) -> String {
    item.lines()
        .enumerate()
        .take_while(|(i, l)| {
            let s = l.trim_start();
            *i == 0
                || !(s.is_empty()
                    || s.starts_with(['-', '*', '+', '`', '|'])
                    || s.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join(" ")
}

/// An indented code block at the very end with more brackets opened than closed.
fn open_code(t: &str, start: usize, end: usize) -> Option<Finding> {
    let code = t.get(start..end)?;
    let opened = code.matches(['{', '(', '[']).count();
    let closed = code.matches(['}', ')', ']']).count();
    (opened > closed).then(|| {
        Finding::new(
            start,
            "the document stops inside a code block, with a bracket left open: it is cut off",
            "finish the code block and the text after it",
        )
    })
}

#[cfg(test)]
#[path = "ending_tests.rs"]
mod tests;
