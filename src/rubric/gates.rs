//! Gates: defects that fail an artifact whatever else it scores. Leftover template or prompt
//! text, truncation, an empty body and gross repetition are checked for every rubric; a rule
//! may raise its own gate (mostly filler, core parts missing). A gate caps the score below
//! the pass mark and its findings come first in the feedback.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::framing::PROMPT_TEXT;
use super::leftover_context as context;
use super::lexicon::LazyRegex;

use super::rules::Finding;
use crate::document::markdown::Link;
use crate::document::{Document, text};

/// Code of every gate finding.
pub const CODE: &str = "RV015";
/// Documentation of the gate code.
pub use super::gates_doc::DOC;

/// A gated score is at most this share of what the checks gave, and below 60.
pub const CAP_SHARE: f64 = 0.6;
pub const CAP_MAX: f64 = 59.0;

/// One gate that fired.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// `leftover-text`, `truncated`, `empty-body`, `repetition`, ...
    pub id: &'static str,
    pub summary: String,
    pub findings: Vec<Finding>,
}

/// The score after gates: unchanged when none fired.
pub fn cap(score: f64) -> f64 {
    (score * CAP_SHARE).min(CAP_MAX)
}

/// Runs the document gates.
pub fn check(doc: &Document) -> Vec<Gate> {
    let mut out = Vec::new();
    let leftovers = leftover_text(doc);
    if !leftovers.is_empty() {
        out.push(Gate {
            id: "leftover-text",
            summary: format!(
                "{} of template or prompt text left in",
                super::rules::plural(leftovers.len(), "piece", "pieces")
            ),
            findings: leftovers,
        });
    }
    let empty = super::body::empty_body(doc);
    if let Some(f) = empty {
        out.push(Gate {
            id: "empty-body",
            summary: "the document has no body".into(),
            findings: vec![f],
        });
    } else if let Some(f) = truncation(doc)
        .or_else(|| super::ending::cut_off(doc))
        .or_else(|| super::unfinished::cut_off(doc))
    {
        out.push(Gate {
            id: "truncated",
            summary: "the document is cut off or unfinished".into(),
            findings: vec![f],
        });
    }
    let verdicts = !super::claims::no_verdict(doc);
    let verdict = verdicts
        .then(|| super::consistency::premature_verdict(doc))
        .flatten()
        .or_else(|| super::consistency::done_status_over_open_criteria(doc));
    if let Some((f, summary)) = verdict
        .map(|f| {
            (
                f,
                "the verdict contradicts the open work the document lists",
            )
        })
        .or_else(|| {
            let f = super::tallies::severity_tally(doc)?;
            Some((f, "the tally of findings contradicts the findings listed"))
        })
    {
        out.push(Gate {
            id: "contradiction",
            summary: summary.into(),
            findings: vec![f],
        });
    }
    out.extend(
        super::consistency::more_gates(doc, verdicts).map(|(id, summary, f)| Gate {
            id,
            summary: summary.into(),
            findings: vec![f],
        }),
    );
    if let Some(f) = super::unresolved::open_investigation(doc)
        .or_else(|| super::unresolved::planned_testing(doc))
        .or_else(|| super::unresolved::pending_testing(doc))
    {
        out.push(Gate {
            id: "unresolved-cause",
            summary: "the investigation leaves its cause or its fix unverified".into(),
            findings: vec![f],
        });
    }
    if let Some(f) = super::padding::repetition(doc) {
        out.push(Gate {
            id: "repetition",
            summary: "much of the prose repeats itself".into(),
            findings: vec![f],
        });
    }
    out
}

/// Leftover-text patterns, each with what it finds and, where its own scan is slow (no
/// literal to skip ahead to), a literal every match holds under the same case rule, written
/// beside it: a document without that literal skips the pattern. The others find their literals fast
/// alone (scanning all of them as one set costs more).
fn patterns() -> &'static [(LazyRegex, &'static str, Option<LazyRegex>)] {
    static RE: OnceLock<Vec<(LazyRegex, &'static str, Option<LazyRegex>)>> = OnceLock::new();
    RE.get_or_init(|| {
        let list: &[(&str, &str, Option<&str>)] = &[
            (r"\{[A-Za-z][^{}\n]{0,100}\}", "template slot", None),
            (r"(?i)<\s*(?:insert|add|your|enter|fill in|placeholder|put)\b[^<>\n]{0,80}>", "template slot", None),
            (r"(?i)\[\s*(?:your|insert|add |enter|todo|tbd|placeholder|fill in|name of|link to|describe|list |write )[^\]\n]{0,80}\]", "template slot", None),
            (r"(?i)\[\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:sentences?|paragraphs?|words?|bullets?|bullet points?|items?|lines?|examples?|pages?)\b[^\]\n]{0,80}\]", "template instruction", None),
            (r"(?im)\bto be (?:completed|written|filled in|added)(?:[ \t]+(?:later|soon|here))?[ \t]*[.!:…]*[ \t\r]*(?:$|[)\]*_])", "unfinished text", Some(r"(?i)to be ")),
            (r"(?i)[(\[]\s*to be (?:determined|decided|confirmed)\s*[)\]]", "unfinished text", Some(r"(?i)to be ")),
            (r"(?m)^\s*(?:[-*+]\s+)?(?:\*\*[^*\n]{1,40}\*\*:?\s*)?[*_]{0,3}(?:TODO|TBD|FIXME)(?:\b|_+(?:[ \t*.,;:!?)\]|]|$))", "unfinished text", Some("TODO|TBD|FIXME")),
            (r"[\[(](?:TODO|TBD|FIXME|PLACEHOLDER)\b[^\])\n]{0,60}[\])]", "unfinished text", None),
            (r"(?i)\b(?:content|section|details?|text|body)\s+(?:TBD|TODO)\b", "unfinished text", Some("(?i)todo|tbd")),
            (r"\|\s*[*_]{0,3}(?:TODO|TBD)[*_]{0,3}\s*\|", "unfinished text", None),
            // The same in Chinese: 【待补充】 (to be added), （此处填写...） (fill in here), 待定 (TBD).
            (r"[【\[（(]\s*(?:待补充|待填写|待完善|待定|待确认|此处填写|请填写|此处插入|此处补充|这里填写)[^】\]）)\n]{0,60}[】\]）)]", "template slot", None),
            (r"(?m)^\s*(?:[-*+]\s+)?(?:待补充|待填写|待完善)[。.…：:]*\s*$", "unfinished text", None),
            (r"\bYou MUST\b", PROMPT_TEXT, None),
            (r"(?i)\bassume that the current date is\b", PROMPT_TEXT, None),
            (r"(?i)\bas an ai (?:language )?model\b", PROMPT_TEXT, None),
            (r"(?im)^\s*you are an? (?:[a-z-]+ ){0,3}(?:assistant|agent|expert|researcher|writer|analyst)\b", PROMPT_TEXT, Some("(?i)you are")),
            (r"(?i)\byour (?:task|job|goal) is to\b", PROMPT_TEXT, None),
            (r"(?i)\blorem ipsum\b", "template text", None),
            (r"(?i)\binsert [a-z ]{1,30} here\b", "template text", None),
            (r"(?im)(?-u:\b)(?:add|paste|put|attach) [a-z ]{1,30} here[ \t]*[.!)\]*_]*[ \t]*$", "template text", None),
            (r"(?i)\bcontinue (?:with|for) [^.\n]{0,60}\.\.\.", "template text", None),
            (r"\bYYYY-MM-DD\b|\bNN%", "template sample value", None),
            (r"(?i)<!--\s*(?:TODO|TBD|FIXME|PLACEHOLDER|fill|add|insert|write)\b", "template comment", None),
            (r"(?m)^#{1,2}[ \t]+(?:Title|Document Title|Your Title|Report Title|Heading|Section Title)[ \t]*$", "template heading", Some("Title|Heading")),
        ];
        list.iter()
            .map(|(p, what, literal)| {
                // Each compiled on first use (most documents need few of them), once per
                // pattern text: two patterns share `(?i)to be `.
                (LazyRegex::new(p), *what, literal.map(LazyRegex::new))
            })
            .collect()
    })
}

fn leftover_text(doc: &Document) -> Vec<Finding> {
    leftover_text_with(doc, true)
}

/// [`leftover_text`], with or without the one-pass literal scan that skips patterns with
/// nothing to find (`scan`: the same findings either way).
fn leftover_text_with(doc: &Document, scan: bool) -> Vec<Finding> {
    let t = doc.text;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut empty = HashMap::new();
    let mut lines = super::line_before::LineBefore::new(doc);
    let scanned = scan.then(|| super::leftover_scan::Held::scan(doc));
    // Whether the text holds each literal, scanned once for the patterns that share it.
    let mut held: Vec<(&str, bool)> = Vec::new();
    for (re, what, literal) in patterns() {
        // The scan and the pattern's needs in it (if it has an entry): can it match, where.
        let needs = scanned
            .as_ref()
            .zip(super::leftover_scan::Held::entry(re.as_str()));
        if needs.is_some_and(|(s, e)| !s.may_match(e)) {
            continue;
        }
        if let Some(lit) = literal
            && needs.is_none()
        {
            let has = match held.iter().find(|(p, _)| *p == lit.as_str()) {
                Some(&(_, has)) => has,
                None => {
                    let has = lit.get().is_match(t);
                    held.push((lit.as_str(), has));
                    has
                }
            };
            if !has {
                continue;
            }
        }
        // A pattern that ends on a keyword is run only around the keyword's lines.
        let windows = needs.and_then(|(s, e)| s.windows(e, t));
        let matches: Vec<(usize, usize)> = match windows {
            Some(ws) => ws
                .into_iter()
                .flat_map(|w| {
                    re.get()
                        .find_iter(&t[w.clone()])
                        .map(move |m| (w.start + m.start(), w.start + m.end()))
                })
                .collect(),
            None => re
                .get()
                .find_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect(),
        };
        for (s, e) in matches {
            let m = &t[s..e];
            if doc.in_code(s)
                || seen.contains(&s)
                || super::framing::quoted_prompt(&mut lines, s, what)
                || super::framing::argued(t, s, m)
                || lines.on_definition_line(s, e)
            {
                continue;
            }
            // A pattern anchored at a line start may take the blank lines before the text in
            // its leading space: the text itself starts here.
            let text_at = s + (m.len() - m.trim_start().len());
            if super::honest_tbd::honest(doc, text_at, m) {
                continue;
            }
            let brace = m.starts_with('{');
            if brace && super::slots::excused(t, &mut lines, s, e) {
                continue;
            }
            // An HTML comment, and anything in one, only counts where it is all its section
            // holds: the reader does not see it.
            if (m.starts_with("<!--") || context::in_html_comment(doc, s))
                && !context::section_is_empty(doc, s, &mut empty)
            {
                continue;
            }
            // "it needs to be added." is an instruction to the reader, not a missing part; nor
            // is an aside its sentence goes on after.
            if m.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("to be"))
                && (obligation_before(t, s)
                    || causative_before(t, s)
                    || closes_an_aside(m, &t[e..]))
            {
                continue;
            }
            // `[Your Name](url)` is a link, not a slot; so are a reference link the parser
            // resolved (`[described here][18875]`, `[list of keywords]`) and its label
            // (`[the example][todomvc]`). An unresolved `[Your Name][]` is text.
            if m.starts_with('[')
                && (t[e..].starts_with('(')
                    || doc.holds_link(&(s..s + 1))
                    || context::reference_label(doc, s, e))
            {
                continue;
            }
            // `TODO comments found`, `TODO/FIXME: none` name the markers as a category, they
            // are not one (`TODO/FIXME: write the steps` is one).
            if m.ends_with(|c: char| c.is_ascii_uppercase())
                && super::framing::names_markers(&t[e..])
                || super::framing::marker_list(&t[..s], m)
            {
                continue;
            }
            seen.insert(s);
            let shown: String = m.trim().chars().take(60).collect();
            out.push(Finding::new(
                text_at,
                format!("{what} left in: `{shown}`"),
                "replace it with the real content, or delete it",
            ));
        }
    }
    out.extend(super::consistency::token_answers(doc));
    out.extend(super::framing::leftovers(doc));
    out.extend(super::forms::token_sections(doc));
    out.sort_by_key(|f| f.offset);
    out
}

/// Whether the word before `at` makes "to be added" an obligation ("needs to be added", "has
/// to be written") rather than a note that a part is missing ("Examples to be added.").
fn obligation_before(t: &str, at: usize) -> bool {
    let word = super::prose::word_before(t, at);
    [
        "need", "needs", "needed", "has", "have", "had", "must", "ought", "want", "wants", "going",
        "should", "would", "will",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether a "to be written" match `m` closes a bracket the sentence goes on after (`after`
/// is the text after it): an aside inside a sentence ("our (yet to be written) regression
/// tests, on the other hand", or with the line wrapped after the bracket, "the (yet to be
/// written)\nreference document"), not a note. A note wrapped onto the next line without
/// brackets stays one ("Benchmarks to be added\nonce the run finishes.").
fn closes_an_aside(m: &str, after: &str) -> bool {
    let (line, rest) = after.split_once('\n').unwrap_or((after, ""));
    let goes_on = if line.trim().is_empty() {
        rest.trim_start_matches([' ', '\t'])
            .starts_with(char::is_lowercase)
    } else {
        line.trim_start_matches(['*', '_', ' '])
            .starts_with(char::is_alphanumeric)
    };
    m.trim_end().ends_with([')', ']']) && goes_on
}

/// Whether a verb that lets or makes something be done governs "to be written" at `at`, a
/// few words back in its sentence ("It allows multiple different algorithms to be written
/// over the same data"): what the sentence says the thing allows, not a note that a part is
/// missing.
fn causative_before(t: &str, at: usize) -> bool {
    // The sentence's last few words lie in the last few hundred bytes: a page of such notes
    // is not read again from its start for each one.
    let mut from = at.saturating_sub(400);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let before = &t[from..at];
    let start = [". ", "! ", "? ", "\n\n", ": "]
        .iter()
        .filter_map(|s| before.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    before[start..]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .any(|w| {
            [
                "allow", "allows", "allowing", "enable", "enables", "let", "lets", "permit",
                "permits", "cause", "causes", "require", "requires", "force", "forces",
            ]
            .iter()
            .any(|v| w.eq_ignore_ascii_case(v))
        })
}

fn truncation(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let end = t.trim_end().len();
    // An unclosed code fence runs to the end of the file.
    if let Some(c) = doc
        .code_blocks
        .last()
        .filter(|c| c.fenced && c.span.end >= end)
    {
        let body = t[c.span.clone()].trim_end();
        let fence = body.trim_start().chars().take(3).collect::<String>();
        let last = body.lines().last().unwrap_or("").trim();
        if body.lines().count() < 2 || !last.starts_with(fence.as_str()) {
            return Some(Finding::new(
                c.span.start,
                "the code block is never closed: the document stops inside it",
                "finish the code block and the text after it",
            ));
        }
    }
    let last_line = t[..end].lines().last().unwrap_or("").trim();
    if last_line.starts_with('|')
        && !last_line.ends_with('|')
        && last_line.matches('|').count() >= 1
    {
        return Some(Finding::new(
            end - last_line.len(),
            "the document stops in the middle of a table row",
            "finish the table and the text after it",
        ));
    }
    // A table row with fewer cells than the table's header, and than the row before it (rows
    // shorter than the header all along are the writer's).
    let cells = |line: &str| line.trim().matches('|').count();
    if last_line.starts_with('|')
        && let Some(table) = doc.tables.last()
        && let Some(rows) = t
            .get(table.clone())
            .map(|s| s.trim_end().lines().collect::<Vec<_>>())
        && let Some(header) = rows.first()
        && cells(last_line) < cells(header)
        && rows
            .iter()
            .rev()
            .map(|r| r.trim())
            .find(|r| *r != last_line)
            .is_none_or(|before| cells(last_line) < cells(before))
    {
        return Some(Finding::new(
            end - last_line.len(),
            "the document stops in the middle of a table row",
            "finish the table and the text after it",
        ));
    }
    // The last block with visible text leaves a code span, emphasis or bracket open. A block
    // of Unicode spaces (NBSP) is a paragraph to markdown but lies past `end`.
    let last_start = doc
        .paragraphs
        .iter()
        .map(|p| p.span.start)
        .chain(doc.list_items.iter().map(|(s, _)| s.start))
        .chain(doc.headings.iter().map(|h| h.span.start))
        .chain(doc.code_blocks.iter().map(|c| c.span.start))
        .chain(doc.tables.iter().map(|x| x.start))
        .filter(|&start| start < end)
        .max();
    if let Some(start) = last_start
        && !doc.code_blocks.iter().any(|c| c.span.start == start)
        && !doc.tables.iter().any(|x| x.start == start)
    {
        let tail = &t[start..end];
        // A face's mouth is no bracket ("What is the way forward? :(").
        let faces = |mouth: char| {
            tail.split_whitespace()
                .filter(|w| super::cut_word::emoticon(w))
                .map(|w| w.matches(mouth).count())
                .sum::<usize>()
        };
        let unbalanced = tail.matches('`').count() % 2 == 1
            || tail.matches("**").count() % 2 == 1
            || tail.matches('(').count() - faces('(') > tail.matches(')').count() - faces(')')
            || tail.matches('[').count() > tail.matches(']').count();
        if unbalanced {
            return Some(Finding::new(
                start,
                "the document stops in the middle of a sentence (a code span, emphasis or bracket is left open)",
                "finish the sentence and the sections it leaves out",
            ));
        }
    }
    // The last heading has nothing under it (a section marked "(Optional)" may be empty). A
    // `#` heading counts when it is not the first one and does not close the document: a
    // document whose parts are all `#` stops at the last of them, while a lone `#` is a title
    // with nothing yet to follow, and a slide deck ends on a `# Questions?` or `# Thank you!`.
    // A labelled note set as a heading, a sentence ("NOTE: This post is also on my
    // website."), is not a section left empty.
    if let Some(h) = doc.headings.last()
        && !(["NOTE", "Note", "Update", "Edit", "Disclaimer"]
            .iter()
            .any(|l| h.text.strip_prefix(l).is_some_and(|r| r.starts_with(':')))
            && h.text.trim_end().ends_with(['.', '!'])
            && text::count_words(&h.text) >= 4)
        && (h.level >= 2 || (doc.headings.len() > 1 && !closing_heading(&h.text)))
        && !verdict_heading(&h.text)
        && !["(optional)", "[optional]"]
            .iter()
            .any(|o| h.text.to_ascii_lowercase().contains(o))
        && t.get(h.span.end..)
            .is_some_and(|rest| rest.trim().is_empty())
    {
        return Some(Finding::new(
            h.span.start,
            format!(
                "the last section, \"{}\", is empty: the document stops there",
                h.text
            ),
            "write that section or remove the heading",
        ));
    }
    // The last sentence is cut off.
    if let Some(f) = super::unfinished::last_sentence(doc) {
        return Some(f);
    }
    // A table of contents promising sections that are not there. Anchors compare loosely:
    // renderers differ on the hyphens an emoji or a symbol leaves (`## 🚀 Quick Start` is
    // `#-quick-start` on GitHub, `#quick-start` elsewhere) and on underscores
    // (`#appendix_thp-flag-behavior`), and the section is there either way; a heading may
    // also name its own id (`### Title {#fixes}`).
    let toc: Vec<_> = doc
        .links
        .iter()
        .filter(|l| l.dest.starts_with('#') && l.dest.len() > 1)
        .collect();
    if toc.len() >= 3 {
        let slugs: HashSet<String> = doc
            .headings
            .iter()
            .map(|h| loose_anchor(&h.slug()))
            .chain(doc.headings.iter().filter_map(|h| {
                let line = doc.text.get(h.span.clone())?.lines().next()?.trim_end();
                let id = line.trim_end_matches('#').trim_end().strip_suffix('}')?;
                let id = id.rsplit_once("{#")?.1;
                Some(loose_anchor(id))
            }))
            .chain(doc.html_anchors.iter().map(|a| loose_anchor(a)))
            .collect();
        let missing: Vec<_> = toc
            .iter()
            .filter(|l| !slugs.contains(&loose_anchor(&l.dest[1..])))
            .collect();
        if missing.len() * 2 > toc.len() {
            return Some(Finding::new(
                missing[0].offset,
                format!(
                    "the table of contents lists {} sections that are not in the document",
                    missing.len()
                ),
                "write the sections the contents promise, or trim the contents",
            ));
        }
        let found = |l: &Link| slugs.contains(&loose_anchor(&l.dest[1..]));
        return super::outline_end::contents_cut_short(doc, &toc, loose_anchor, found);
    }
    None
}

/// Whether a last `#` heading with nothing under it closes the document rather than opening a
/// part: a question or exclamation (`# Questions?`, `# Thank you!`), or thanks, questions or
/// an end said plainly (`# Thanks`, `# Q&A`, `# The End`).
fn closing_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ' ']);
    let lower = t.to_lowercase();
    t.ends_with(['?', '!', '？', '！'])
        || lower.starts_with("thank")
        || ["questions", "q&a", "q & a", "the end", "end", "fin"].contains(&lower.as_str())
}

/// Whether a heading is a field that states a verdict (`## Self-Check: PASSED`, `## Status:
/// DONE ✅`): its value is the section, nothing is missing under it.
fn verdict_heading(text: &str) -> bool {
    let Some((_, value)) = text.split_once(':') else {
        return false;
    };
    let word = value
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    [
        "passed",
        "pass",
        "failed",
        "fail",
        "approved",
        "rejected",
        "complete",
        "completed",
        "done",
        "ok",
    ]
    .contains(&word.as_str())
}

/// An anchor lowercased with only its letters and digits: renderers differ on what a symbol,
/// a space or a dot leaves (`## B - Fuzz Testing` is `#b---fuzz-testing` on GitHub, and
/// `## server.ws` is `#serverws` there but `#server-ws` on a VitePress site).
fn loose_anchor(anchor: &str) -> String {
    anchor
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
#[path = "gates_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "contents_tests.rs"]
mod contents_tests;

#[cfg(test)]
#[path = "last_word_tests.rs"]
mod last_word_tests;

#[cfg(test)]
#[path = "unspaced_tests.rs"]
mod unspaced_tests;

#[cfg(test)]
#[path = "honest_tbd_tests.rs"]
mod honest_tbd_tests;
