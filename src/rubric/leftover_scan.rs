//! One pass over a document that says which leftover-text patterns of [`super::gates`] can
//! match at all. Each pattern with an entry in [`needs`] is listed with what every match of
//! it holds: one literal of each of its groups, or an opening bracket followed by what the
//! pattern needs after it (`[` then a digit or white space). A document without them skips
//! the pattern (its regex would find nothing). The literals are looked for together by one
//! Aho-Corasick automaton over the ASCII-lowercased text ([`Document::folded_text`]), the
//! brackets with `memchr`, instead of a regex scan per pattern. Exact: a pattern runs
//! whenever it could match, and every pattern runs when the text holds a character that
//! case-folds onto an ASCII letter (no folded text then). A pattern without an entry always
//! runs.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::document::Document;

/// What every match of a pattern holds.
enum Need {
    /// One of these literals: lowercase, found in the lowercased text as they are (`(?i)`
    /// patterns).
    Fold(&'static [&'static str]),
    /// One of these literals in exactly this case (case-sensitive patterns).
    Case(&'static [&'static str]),
    /// The byte, then (in the lowercased text) something [`follows`] accepts.
    After(u8, Next),
    /// Every match holds one of these keywords (`true`: in this case; else found in the
    /// lowercased text), starts at most this many lines that are not blank above the
    /// keyword's line (`.2`) and ends at most this many below it (`.3`), blank lines between
    /// (`\s*` crosses them): the pattern runs only on those lines ([`Held::windows`]).
    Around(&'static [&'static str], bool, usize, usize),
}

/// Words after `<` of the `<insert ...>` slot.
const ANGLE_WORDS: &[&str] = &[
    "insert",
    "add",
    "your",
    "enter",
    "fill in",
    "placeholder",
    "put",
];
/// Words after `[` of the `[Your Name]` slot.
const BRACKET_WORDS: &[&str] = &[
    "your",
    "insert",
    "add ",
    "enter",
    "todo",
    "tbd",
    "placeholder",
    "fill in",
    "name of",
    "link to",
    "describe",
    "list ",
    "write ",
];
/// What comes right after the byte of a [`Need::After`].
#[derive(Clone, Copy)]
enum Next {
    /// A letter (`{Topic}`).
    Letter,
    /// White space or a digit (`[ 2-3 paragraphs]`).
    Digit,
    /// White space or one of these words (`[Your Name]`).
    Words(&'static [&'static str]),
}

/// The needs of each gated pattern, by the pattern's text as [`super::gates`] writes it.
fn needs() -> &'static [(&'static str, &'static [Need])] {
    use Need::{After, Around, Case, Fold};
    &[
        (r"\{[A-Za-z][^{}\n]{0,100}\}", &[After(b'{', Next::Letter)]),
        (
            r"(?i)<\s*(?:insert|add|your|enter|fill in|placeholder|put)\b[^<>\n]{0,80}>",
            &[After(b'<', Next::Words(ANGLE_WORDS))],
        ),
        (
            r"(?i)\[\s*(?:your|insert|add |enter|todo|tbd|placeholder|fill in|name of|link to|describe|list |write )[^\]\n]{0,80}\]",
            &[After(b'[', Next::Words(BRACKET_WORDS))],
        ),
        (
            r"(?i)\[\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:sentences?|paragraphs?|words?|bullets?|bullet points?|items?|lines?|examples?|pages?)\b[^\]\n]{0,80}\]",
            &[After(b'[', Next::Digit)],
        ),
        (
            r"(?im)\bto be (?:completed|written|filled in|added)(?:[ \t]+(?:later|soon|here))?[ \t]*[.!:…]*[ \t\r]*(?:$|[)\]*_])",
            &[Fold(&[
                "to be completed",
                "to be written",
                "to be filled in",
                "to be added",
            ])],
        ),
        (
            r"(?i)[(\[]\s*to be (?:determined|decided|confirmed)\s*[)\]]",
            &[Fold(&[
                "to be determined",
                "to be decided",
                "to be confirmed",
            ])],
        ),
        (
            r"(?m)^\s*(?:[-*+]\s+)?(?:\*\*[^*\n]{1,40}\*\*:?\s*)?[*_]{0,3}(?:TODO|TBD|FIXME)(?:\b|_+(?:[ \t*.,;:!?)\]|]|$))",
            // `^\s*`, a bullet, a bold label: the bullet and the label may each have a line
            // of their own above the keyword.
            &[
                Case(&["TODO", "TBD", "FIXME"]),
                Around(&["TODO", "TBD", "FIXME"], true, 2, 0),
            ],
        ),
        (
            r"[\[(](?:TODO|TBD|FIXME|PLACEHOLDER)\b[^\])\n]{0,60}[\])]",
            // No part of a match crosses a line end: it lies on its keyword's line.
            &[
                Case(&["TODO", "TBD", "FIXME", "PLACEHOLDER"]),
                Around(&["TODO", "TBD", "FIXME", "PLACEHOLDER"], true, 0, 0),
            ],
        ),
        (
            r"(?i)\b(?:content|section|details?|text|body)\s+(?:TBD|TODO)\b",
            // Not the word before (`section` and `text` are common: every occurrence of a
            // literal costs the scan a step); it may stand on the line above, white space
            // between.
            &[
                Fold(&["tbd", "todo"]),
                Around(&["tbd", "todo"], false, 1, 0),
            ],
        ),
        (
            r"\|\s*[*_]{0,3}(?:TODO|TBD)[*_]{0,3}\s*\|",
            // A `|` on the line above or below, only white space between it and the keyword.
            &[Case(&["TODO", "TBD"]), Around(&["TODO", "TBD"], true, 1, 1)],
        ),
        (
            r"[【\[（(]\s*(?:待补充|待填写|待完善|待定|待确认|此处填写|请填写|此处插入|此处补充|这里填写)[^】\]）)\n]{0,60}[】\]）)]",
            &[Case(&[
                "待补充",
                "待填写",
                "待完善",
                "待定",
                "待确认",
                "此处填写",
                "请填写",
                "此处插入",
                "此处补充",
                "这里填写",
            ])],
        ),
        (
            r"(?m)^\s*(?:[-*+]\s+)?(?:待补充|待填写|待完善)[。.…：:]*\s*$",
            &[Case(&["待补充", "待填写", "待完善"])],
        ),
        (r"\bYou MUST\b", &[Case(&["You MUST"])]),
        (
            r"(?i)\bassume that the current date is\b",
            &[Fold(&["assume that the current date is"])],
        ),
        (
            r"(?i)\bas an ai (?:language )?model\b",
            &[Fold(&["as an ai "])],
        ),
        (
            r"(?im)^\s*you are an? (?:[a-z-]+ ){0,3}(?:assistant|agent|expert|researcher|writer|analyst)\b",
            &[Fold(&["you are a"])],
        ),
        (
            r"(?i)\byour (?:task|job|goal) is to\b",
            &[Fold(&[
                "your task is to",
                "your job is to",
                "your goal is to",
            ])],
        ),
        (r"(?i)\blorem ipsum\b", &[Fold(&["lorem ipsum"])]),
        (
            r"(?i)\binsert [a-z ]{1,30} here\b",
            &[Fold(&["insert "]), Fold(&[" here"])],
        ),
        (
            r"(?im)(?-u:\b)(?:add|paste|put|attach) [a-z ]{1,30} here[ \t]*[.!)\]*_]*[ \t]*$",
            // Only " here": the verbs are common words, and every occurrence of a literal
            // costs the scan a step. No part of a match crosses a line end.
            &[Fold(&[" here"]), Around(&[" here"], false, 0, 0)],
        ),
        (
            r"(?i)\bcontinue (?:with|for) [^.\n]{0,60}\.\.\.",
            &[Fold(&["continue with ", "continue for "]), Fold(&["..."])],
        ),
        (r"\bYYYY-MM-DD\b|\bNN%", &[Case(&["YYYY-MM-DD", "NN%"])]),
        (
            r"(?i)<!--\s*(?:TODO|TBD|FIXME|PLACEHOLDER|fill|add|insert|write)\b",
            &[Fold(&["<!--"])],
        ),
        (
            r"(?m)^#{1,2}[ \t]+(?:Title|Document Title|Your Title|Report Title|Heading|Section Title)[ \t]*$",
            &[Case(&["Title", "Heading"])],
        ),
    ]
}

/// Whether what follows an opening bracket (in the lowercased text) can continue a match:
/// a letter for [`Next::Letter`]; else white space (`\s*` may come first: any byte above
/// ASCII may start Unicode white space or a Unicode digit), or the digit or words asked for.
fn follows(rest: &[u8], next: Next) -> bool {
    let Some(&b) = rest.first() else {
        return false;
    };
    if let Next::Letter = next {
        return b.is_ascii_lowercase();
    }
    if b >= 0x80 || matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        return true;
    }
    match next {
        Next::Digit => b.is_ascii_digit(),
        Next::Words(words) => words.iter().any(|w| rest.starts_with(w.as_bytes())),
        Next::Letter => false,
    }
}

/// The automaton over every literal's spelling, the literals each spelling stands for, and
/// each gated pattern (keyed as it compiles) with its needs, literals as ids.
struct Table {
    ac: AhoCorasick,
    /// Literal ids of each automaton pattern.
    spelled: Vec<Vec<usize>>,
    /// The case-sensitive spelling of each literal, if it has one.
    case: Vec<Option<&'static str>>,
    /// The length of each literal.
    len: Vec<usize>,
    /// Each gated pattern's needs, sorted by the pattern's text (a binary search finds one
    /// in a few comparisons of the patterns' first bytes).
    patterns: Vec<(String, Vec<Group>)>,
}

enum Group {
    Any(Vec<usize>),
    After(u8, Next),
    /// The keywords as literal ids, and the lines above and below.
    Around(Vec<usize>, usize, usize),
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Literals as (lowercase spelling, case-sensitive spelling).
        let mut lits: Vec<(String, Option<&'static str>)> = Vec::new();
        let mut id = |bytes: String, case: Option<&'static str>| {
            let lit = (bytes, case);
            lits.iter().position(|l| *l == lit).unwrap_or_else(|| {
                lits.push(lit);
                lits.len() - 1
            })
        };
        let mut patterns = Vec::new();
        for (pattern, needs) in needs() {
            let groups = needs
                .iter()
                .map(|n| match n {
                    Need::Fold(ws) => {
                        Group::Any(ws.iter().map(|w| id(w.to_string(), None)).collect())
                    }
                    Need::Case(ws) => Group::Any(
                        ws.iter()
                            .map(|w| id(w.to_ascii_lowercase(), Some(*w)))
                            .collect(),
                    ),
                    Need::After(b, next) => Group::After(*b, *next),
                    Need::Around(ws, case, above, below) => {
                        let ids = ws.iter().map(|w| {
                            if *case {
                                id(w.to_ascii_lowercase(), Some(*w))
                            } else {
                                id(w.to_string(), None)
                            }
                        });
                        Group::Around(ids.collect(), *above, *below)
                    }
                })
                .collect();
            // Keyed as the pattern compiles (`lexicon::regex` makes `\b` ASCII).
            patterns.push((pattern.replace(r"\b", r"(?-u:\b)"), groups));
        }
        patterns.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        debug_assert!(
            patterns.windows(2).all(|w| w[0].0 != w[1].0),
            "one entry a pattern"
        );
        let mut spellings: Vec<&str> = lits.iter().map(|l| l.0.as_str()).collect();
        spellings.sort_unstable();
        spellings.dedup();
        let spelled = spellings
            .iter()
            .map(|s| (0..lits.len()).filter(|&i| lits[i].0 == *s).collect())
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&spellings)
            .expect("static literals");
        Table {
            ac,
            spelled,
            case: lits.iter().map(|l| l.1).collect(),
            len: lits.iter().map(|l| l.0.len()).collect(),
            patterns,
        }
    })
}

/// A gated pattern's needs in the table ([`Held::entry`]).
#[derive(Clone, Copy)]
pub(crate) struct Entry(&'static [Group]);

/// Which literals a document holds, and where (the windows of a keyword come from there: no
/// search of the text per keyword); `None` (every pattern may match) when the document has
/// no folded text.
pub(crate) struct Held<'d> {
    found: Option<Vec<bool>>,
    /// Where each literal was found (start, literal id), in order of start.
    hits: Vec<(usize, usize)>,
    folded: &'d [u8],
}

impl<'d> Held<'d> {
    /// Every literal found in one pass: the search restarts one byte after the start of
    /// each match, and at each position the longest literal starting there is reported. As
    /// no literal starts another (`no_literal_starts_another`), every occurrence of every
    /// literal is seen.
    pub(crate) fn scan(doc: &'d Document) -> Held<'d> {
        let Some(folded) = doc.folded_text() else {
            return Held {
                found: None,
                hits: Vec::new(),
                folded: &[],
            };
        };
        let t = table();
        let (text, folded) = (doc.text.as_bytes(), folded.as_bytes());
        let mut found = vec![false; t.case.len()];
        let mut hits = Vec::new();
        let mut at = 0;
        while let Some(m) = t.ac.find(aho_corasick::Input::new(folded).range(at..)) {
            for &id in &t.spelled[m.pattern().as_usize()] {
                if t.case[id].is_none_or(|c| &text[m.start()..m.end()] == c.as_bytes()) {
                    found[id] = true;
                    hits.push((m.start(), id));
                }
            }
            at = m.start() + 1;
        }
        Held {
            found: Some(found),
            hits,
            folded,
        }
    }

    /// The needs of `pattern` (a leftover pattern as compiled), if it has an entry: looked up
    /// once per pattern and document, then asked by [`Held::may_match`] and [`Held::windows`].
    pub(crate) fn entry(pattern: &str) -> Option<Entry> {
        let t = table();
        let i = t
            .patterns
            .binary_search_by(|(p, _)| p.as_str().cmp(pattern))
            .ok()?;
        Some(Entry(&t.patterns[i].1))
    }

    /// Whether the pattern of `entry` may match: the text holds what each of its needs asks
    /// for.
    pub(crate) fn may_match(&self, entry: Entry) -> bool {
        let Some(found) = &self.found else {
            return true;
        };
        entry.0.iter().all(|g| match g {
            Group::Any(ids) => ids.iter().any(|&id| found[id]),
            Group::After(b, next) => {
                memchr::memchr_iter(*b, self.folded).any(|i| follows(&self.folded[i + 1..], *next))
            }
            Group::Around(..) => true,
        })
    }

    /// The parts of `text` (whole lines) a pattern that holds a keyword is run on, when it
    /// has an [`Need::Around`]: each keyword's line with the lines a match holding it can
    /// start on (`above` lines that are not blank, and the blank ones between) and end on
    /// (`below`, the same way), windows that overlap or touch merged. A match holding a
    /// keyword lies in that keyword's window, and a line start and end are the same context
    /// to `^`, `$` and `\b` in a window as in the text, so the windows' matches are the
    /// text's.
    pub(crate) fn windows(&self, entry: Entry, text: &str) -> Option<Vec<Range<usize>>> {
        self.found.as_ref()?;
        let (ids, above, below) = entry.0.iter().find_map(|g| match g {
            Group::Around(ids, above, below) => Some((ids, *above, *below)),
            _ => None,
        })?;
        // The keywords where the scan found them (every occurrence, in order).
        let len = &table().len;
        let at = (self.hits.iter())
            .filter(|(_, id)| ids.contains(id))
            .map(|&(start, id)| (start, start + len[id]));
        let mut out: Vec<Range<usize>> = Vec::new();
        // The end of the line of the last keyword whose window was looked for: a keyword
        // that ends there or before is on that line, its window the same.
        let mut read_to = 0;
        for (start, end) in at {
            // Windows end at line ends: a keyword that ends inside the last one is in it when
            // no line below it is read (thousands on one line are not each looked up to their
            // line's ends).
            if end <= read_to || below == 0 && out.last().is_some_and(|last| end <= last.end) {
                continue;
            }
            read_to = line_end(text, end);
            let w_end = window_end(text, read_to, below);
            // A keyword whose line starts inside the last window (or right after it) joins
            // it whatever its window's start: that start, a walk up over the lines above,
            // is looked for only otherwise (many keywords on one line, under many blank
            // lines, once walked up once each).
            if let Some(last) = out.last_mut()
                && line_start(text, start) <= last.end + 1
            {
                last.end = last.end.max(w_end);
                continue;
            }
            let w = window_start(text, start, above)..w_end;
            match out.last_mut() {
                Some(last) if w.start <= last.end + 1 => last.end = last.end.max(w.end),
                _ => out.push(w),
            }
        }
        Some(out)
    }
}

/// The start of the line `above` lines that are not blank above `at`'s line, with the blank
/// lines above that one too (`^\s*` may start on any of them).
fn window_start(text: &str, at: usize, above: usize) -> usize {
    let mut start = line_start(text, at);
    let mut left = above;
    while start > 0 {
        let prev = line_start(text, start - 1);
        let blank = text[prev..start].chars().all(char::is_whitespace);
        if !blank {
            if left == 0 {
                break;
            }
            left -= 1;
        }
        start = prev;
    }
    start
}

/// The end of the line `below` lines that are not blank below the line that ends at `end`
/// (its `\n`, or the end of the text), the blank lines between taken too.
fn window_end(text: &str, mut end: usize, below: usize) -> usize {
    let mut left = below;
    while left > 0 && end < text.len() {
        let next = line_end(text, end + 1);
        if !text[end + 1..next].chars().all(char::is_whitespace) {
            left -= 1;
        }
        end = next;
    }
    end
}

fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// The end of the line holding `at` (its `\n`, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_literal_starts_another() {
        let mut all: Vec<String> = Vec::new();
        for (_, needs) in needs() {
            for n in *needs {
                if let Need::Fold(ws) | Need::Case(ws) | Need::Around(ws, ..) = n {
                    all.extend(ws.iter().map(|w| w.to_ascii_lowercase()));
                }
            }
        }
        for a in &all {
            for b in &all {
                assert!(a == b || !b.starts_with(a.as_str()), "{a:?} starts {b:?}");
            }
        }
    }
}
