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

use std::collections::HashMap;
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
    After(u8, &'static [&'static str]),
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
/// Stand-ins for [`Need::After`]: a letter (`{Topic}`), a digit (`[2-3 paragraphs]`).
const LETTER: &[&str] = &["<letter>"];
const DIGIT: &[&str] = &["<digit>"];

/// The needs of each gated pattern, by the pattern's text as [`super::gates`] writes it.
fn needs() -> &'static [(&'static str, &'static [Need])] {
    use Need::{After, Case, Fold};
    &[
        (r"\{[A-Za-z][^{}\n]{0,100}\}", &[After(b'{', LETTER)]),
        (
            r"(?i)<\s*(?:insert|add|your|enter|fill in|placeholder|put)\b[^<>\n]{0,80}>",
            &[After(b'<', ANGLE_WORDS)],
        ),
        (
            r"(?i)\[\s*(?:your|insert|add |enter|todo|tbd|placeholder|fill in|name of|link to|describe|list |write )[^\]\n]{0,80}\]",
            &[After(b'[', BRACKET_WORDS)],
        ),
        (
            r"(?i)\[\s*\d+\s*(?:-|–|to)\s*\d+\s+(?:sentences?|paragraphs?|words?|bullets?|bullet points?|items?|lines?|examples?|pages?)\b[^\]\n]{0,80}\]",
            &[After(b'[', DIGIT)],
        ),
        (
            r"(?im)\bto be (?:completed|written|filled in|added)(?:[ \t]+(?:later|soon|here))?[ \t]*[.!:…]*[ \t]*(?:$|[)\]*_])",
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
            r"(?m)^\s*(?:[-*+]\s+)?(?:\*\*[^*\n]{1,40}\*\*:?\s*)?(?:TODO|TBD|FIXME)\b",
            &[Case(&["TODO", "TBD", "FIXME"])],
        ),
        (
            r"[\[(](?:TODO|TBD|FIXME|PLACEHOLDER)\b[^\])\n]{0,60}[\])]",
            &[Case(&["TODO", "TBD", "FIXME", "PLACEHOLDER"])],
        ),
        (
            r"(?i)\b(?:content|section|details?|text|body)\s+(?:TBD|TODO)\b",
            &[
                Fold(&["tbd", "todo"]),
                Fold(&["content", "section", "detail", "text", "body"]),
            ],
        ),
        (r"\|\s*(?:TODO|TBD)\s*\|", &[Case(&["TODO", "TBD"])]),
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
            &[
                Fold(&["add ", "paste ", "put ", "attach "]),
                Fold(&[" here"]),
            ],
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
/// white space (`\s*` may come first: any byte above ASCII may start Unicode white space or
/// a Unicode digit), else one of `words`, a letter for [`LETTER`], a digit for [`DIGIT`].
fn follows(rest: &[u8], words: &[&str]) -> bool {
    let Some(&b) = rest.first() else {
        return false;
    };
    if std::ptr::eq(words, LETTER) {
        return b.is_ascii_lowercase();
    }
    if b >= 0x80 || matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        return true;
    }
    if std::ptr::eq(words, DIGIT) {
        return b.is_ascii_digit();
    }
    words.iter().any(|w| rest.starts_with(w.as_bytes()))
}

/// The automaton over every literal's spelling, the literals each spelling stands for, and
/// each gated pattern (keyed as it compiles) with its needs, literals as ids.
struct Table {
    ac: AhoCorasick,
    /// Literal ids of each automaton pattern.
    spelled: Vec<Vec<usize>>,
    /// The case-sensitive spelling of each literal, if it has one.
    case: Vec<Option<&'static str>>,
    patterns: HashMap<String, Vec<Group>>,
}

enum Group {
    Any(Vec<usize>),
    After(u8, &'static [&'static str]),
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
        let mut patterns = HashMap::new();
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
                    Need::After(b, ws) => Group::After(*b, ws),
                })
                .collect();
            // Keyed as the pattern compiles (`lexicon::regex` makes `\b` ASCII).
            patterns.insert(pattern.replace(r"\b", r"(?-u:\b)"), groups);
        }
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
            patterns,
        }
    })
}

/// Which literals a document holds; `None` (every pattern may match) when the document has
/// no folded text.
pub(crate) struct Held<'d> {
    found: Option<Vec<bool>>,
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
                folded: &[],
            };
        };
        let t = table();
        let (text, folded) = (doc.text.as_bytes(), folded.as_bytes());
        let mut found = vec![false; t.case.len()];
        let mut at = 0;
        while let Some(m) = t.ac.find(aho_corasick::Input::new(folded).range(at..)) {
            for &id in &t.spelled[m.pattern().as_usize()] {
                found[id] |= t.case[id].is_none_or(|c| &text[m.start()..m.end()] == c.as_bytes());
            }
            at = m.start() + 1;
        }
        Held {
            found: Some(found),
            folded,
        }
    }

    /// Whether `pattern` (a leftover pattern as compiled) may match: it has no entry, or the
    /// text holds what each of its needs asks for.
    pub(crate) fn may_match(&self, pattern: &str) -> bool {
        let Some(found) = &self.found else {
            return true;
        };
        let Some(groups) = table().patterns.get(pattern) else {
            return true;
        };
        groups.iter().all(|g| match g {
            Group::Any(ids) => ids.iter().any(|&id| found[id]),
            Group::After(b, words) => {
                memchr::memchr_iter(*b, self.folded).any(|i| follows(&self.folded[i + 1..], words))
            }
        })
    }

    /// Whether `pattern` has an entry (its needs decide instead of a check of its own).
    pub(crate) fn knows(pattern: &str) -> bool {
        table().patterns.contains_key(pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_literal_starts_another() {
        let mut all: Vec<String> = Vec::new();
        for (_, needs) in needs() {
            for n in *needs {
                if let Need::Fold(ws) | Need::Case(ws) = n {
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
