//! RV017 `explanation`: a document explains in connected prose and names the concrete things
//! it rests on, rather than stacking headings over bullet fragments.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV017",
        name: "explanation",
        summary: "Explains in connected prose under few headings and names concrete things (code, files, links)",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Measures the document's shape in three equal parts:

- **Words per heading**: the words outside code divided by the headings. 25 or fewer per
  heading gives nothing, 100 or more the whole part (on a log scale between).
- **Lists**: the share of non-blank lines outside code that are list items. 20% or less gives
  the whole part, 70% or more nothing.
- **Concrete references** per 1,000 words: inline code, links, URLs and file names
  (`src/main.rs`, `config.yaml`). None gives nothing, 20 or more the whole part.

The fraction is the mean of the three.

## Why

Measured on 378 real documents of ten kinds (research reports, tutorials, reviews, design
docs...), written by agents and by people: documents reviewers rejected have more headings per
word, more of their lines in bullets, and fewer references to the code, files and sources
they discuss than documents reviewers accepted, in every set and in both origins. An outline
of headings and fragments states conclusions without the reasoning that connects them; prose
that names what it rests on can be checked.

## Parameters

None.

## Example

```yaml
- { id: explanation, rule: explanation, dimension: clarity, weight: 2.5 }
```
";

/// Words per heading that give nothing, and the whole part.
const WORDS_PER_HEADING: (f64, f64) = (25.0, 100.0);
/// Share of lines in lists that gives the whole part, and nothing.
const LIST_SHARE: (f64, f64) = (0.2, 0.7);
/// Concrete references per 1,000 words that give the whole part.
const REFERENCES_PER_KWORD: f64 = 20.0;

#[derive(Debug)]
struct Explanation;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(Explanation))
}

/// The shape [`Explanation`] measures.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    words: usize,
    headings: usize,
    lines: usize,
    list_lines: usize,
    references: usize,
}

impl Shape {
    fn of(doc: &Document) -> Shape {
        let text = doc.text;
        let body = doc.body_start.min(text.len());
        let (mut lines, mut list_lines) = (0, 0);
        let mut code = CodeCursor::new(doc);
        for &start in doc.lines.starts().iter().filter(|&&s| s >= body) {
            let rest = text[start..].trim_start_matches([' ', '\t']);
            if rest.is_empty() || rest.starts_with(['\n', '\r']) || code.holds(start) {
                continue;
            }
            lines += 1;
            list_lines += usize::from(is_list_line(rest));
        }
        let bytes = &text.as_bytes()[body..];
        let mut code = CodeCursor::new(doc);
        let urls = memchr::memmem::find_iter(bytes, b"http")
            .filter(|&i| {
                let after = &bytes[i + 4..];
                (after.starts_with(b"://") || after.starts_with(b"s://")) && !code.holds(body + i)
            })
            .count();
        let inline_code = doc.code_spans.len().saturating_sub(doc.code_blocks.len());
        Shape {
            words: doc.word_count(),
            headings: doc.headings.len(),
            lines,
            list_lines,
            references: inline_code + doc.links.len() + urls + file_names(doc, body),
        }
    }

    fn words_per_heading(&self) -> Option<f64> {
        (self.headings > 0).then(|| self.words as f64 / self.headings as f64)
    }

    fn list_share(&self) -> f64 {
        self.list_lines as f64 / self.lines.max(1) as f64
    }

    fn references_per_kword(&self) -> f64 {
        1000.0 * self.references as f64 / self.words.max(1) as f64
    }

    /// The three parts, each 0..=1.
    fn parts(&self) -> [f64; 3] {
        let (few, many) = WORDS_PER_HEADING;
        let sections = self
            .words_per_heading()
            .map_or(1.0, |w| rise(w.max(1.0).ln(), few.ln(), many.ln()));
        let (short, long) = LIST_SHARE;
        let lists = 1.0 - rise(self.list_share(), short, long);
        let references = rise(self.references_per_kword(), 0.0, REFERENCES_PER_KWORD);
        [sections, lists, references]
    }
}

/// 0 at or below `low`, 1 at or above `high`, linear between.
fn rise(value: f64, low: f64, high: f64) -> f64 {
    ((value - low) / (high - low)).clamp(0.0, 1.0)
}

/// A list item's first line: a bullet (`-`, `*`, `+`) or a number (`1.`, `1)`), then a space.
fn is_list_line(line: &str) -> bool {
    let rest = line.trim_start();
    let marker = match rest.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9') => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest.as_bytes().get(digits) {
                Some(b'.' | b')') => digits + 1,
                _ => return false,
            }
        }
        _ => return false,
    };
    rest.as_bytes()
        .get(marker)
        .is_some_and(|b| b.is_ascii_whitespace())
}

/// Files named outside code blocks: paths with a directory and an extension (`src/main.rs`),
/// or names with a common source, config or docs extension (`config.yaml`).
///
/// A name is a run of word characters, dots, slashes and dashes with a dot inside it, so the
/// pattern runs only on the runs around such dots (most dots end a sentence), which finds what
/// it finds on the whole text: no match can leave its run, and a run's edges are word
/// boundaries in both.
fn file_names(doc: &Document, body: usize) -> usize {
    let re = file_name();
    // Bytes a run may hold: those of `[\w./-]`, and every byte of a non-ASCII character (a
    // superset; the pattern itself decides).
    let in_run =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'-') || b >= 0x80;
    let bytes = doc.text.as_bytes();
    let (mut count, mut done) = (0, body);
    let mut code = CodeCursor::new(doc);
    for dot in memchr::memchr_iter(b'.', &bytes[body..]).map(|i| body + i) {
        let next = bytes.get(dot + 1).copied();
        if dot < done || !next.is_some_and(|b| in_run(b) && !matches!(b, b'.' | b'/' | b'-')) {
            continue;
        }
        let start = bytes[..dot]
            .iter()
            .rposition(|&b| !in_run(b))
            .map_or(0, |i| i + 1);
        let end = bytes[dot..]
            .iter()
            .position(|&b| !in_run(b))
            .map_or(bytes.len(), |i| dot + i);
        done = end;
        if start < body || code.holds(start) {
            continue;
        }
        // Runs end at ASCII bytes, so they are whole characters.
        let run = &doc.text[start..end];
        if may_name_a_file(run) {
            count += re.find_iter(run).count();
        }
    }
    count
}

/// The pattern of a file name: a path with a directory and an extension, or a name with one of
/// [`EXTENSIONS`].
fn file_name() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let names = EXTENSIONS.join("|");
        Regex::new(&format!(
            r"\b[\w.-]+/[\w./-]+\.\w{{1,5}}\b|\b\w[\w-]*\.(?:{names})\b"
        ))
        .expect("static regex")
    })
}

/// The extensions a file name without a directory may have.
const EXTENSIONS: &[&str] = &[
    "rs", "py", "ts", "js", "go", "java", "rb", "c", "h", "cpp", "md", "yaml", "yml", "toml",
    "json", "sh", "sql", "tsx", "jsx",
];

/// Whether [`file_names`]' pattern can match in `run`: it holds a slash, or a dot followed by
/// one of [`EXTENSIONS`] and no further word character (most runs are `e.g`, `3.5`, `v1.2`).
/// Searching costs far more than this test.
fn may_name_a_file(run: &str) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    run.contains('/')
        || memchr::memchr_iter(b'.', run.as_bytes()).any(|dot| {
            let after = &run.as_bytes()[dot + 1..];
            let n = after.iter().take_while(|b| word(b)).count();
            std::str::from_utf8(&after[..n]).is_ok_and(|e| EXTENSIONS.contains(&e))
        })
}

/// Whether offsets, asked in increasing order, fall inside one of the document's code blocks.
struct CodeCursor<'d> {
    blocks: &'d [crate::document::markdown::CodeBlock],
    next: usize,
}

impl<'d> CodeCursor<'d> {
    fn new(doc: &'d Document) -> Self {
        CodeCursor {
            blocks: &doc.code_blocks,
            next: 0,
        }
    }

    fn holds(&mut self, at: usize) -> bool {
        while self.blocks.get(self.next).is_some_and(|c| c.span.end <= at) {
            self.next += 1;
        }
        self.blocks
            .get(self.next)
            .is_some_and(|c| c.span.start <= at)
    }
}

impl Rule for Explanation {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let shape = Shape::of(doc);
        let [sections, lists, references] = shape.parts();
        let mut findings = Vec::new();
        let at = doc.body_start.min(doc.text.len());
        if let Some(w) = shape.words_per_heading().filter(|_| sections < 0.5) {
            findings.push(Finding::new(
                at,
                format!(
                    "{} headings over {} words: about {w:.0} words per section",
                    shape.headings, shape.words
                ),
                "merge sections that hold a line or two into the section they belong to, and say in sentences how their points connect",
            ));
        }
        if lists < 0.5 {
            findings.push(Finding::new(
                at,
                format!(
                    "{:.0}% of the lines are list items",
                    100.0 * shape.list_share()
                ),
                "write the main points as sentences that say why, keeping lists for steps, options and inventories",
            ));
        }
        if references < 0.5 {
            findings.push(Finding::new(
                at,
                format!(
                    "{} concrete references (code, files, links) in {} words",
                    shape.references, shape.words
                ),
                "name the code, files, commands or sources each claim rests on",
            ));
        }
        let summary = format!(
            "{} words per heading, {:.0}% of lines in lists, {:.1} concrete references per 1,000 words",
            shape
                .words_per_heading()
                .map_or("no headings; all".to_string(), |w| format!("{w:.0}")),
            100.0 * shape.list_share(),
            shape.references_per_kword()
        );
        Outcome::new((sections + lists + references) / 3.0, summary, findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::rules::fraction_of;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Searching only the runs around dots finds what the pattern finds in the whole body
        /// outside code blocks.
        #[test]
        fn run_search_is_the_whole_text_search(parts in proptest::collection::vec(prop_oneof![
            Just("src/a.rs"), Just("config.yaml"), Just("e.g."), Just("3.5"), Just("v1.2"),
            Just("Node.js"), Just("a.cpp"), Just("x.cppx"), Just("lib.rs—and"), Just("é.md"),
            Just("https://x.org/docs/a.md"), Just("`b/c.py`"), Just("dir/"), Just(".h"),
            Just("a-b.toml."), Just("./run.sh"), Just("word"), Just(" "), Just("\n"),
            Just("\n```\n"), Just("."), Just("/"), Just("-"), Just("é"), Just("—"), Just("_"),
        ], 0..40)) {
            let text = parts.concat();
            let doc = Document::parse(&text);
            let body = doc.body_start.min(text.len());
            let whole = file_name()
                .find_iter(&text[body..])
                .filter(|m| !doc.code_blocks.iter().any(|c| c.span.contains(&(body + m.start()))))
                .count();
            prop_assert_eq!(file_names(&doc, body), whole, "{:?}", text);
        }
    }

    fn shape(text: &str) -> Shape {
        Shape::of(&Document::parse(text))
    }

    #[test]
    fn list_lines_are_bullets_and_numbers_followed_by_a_space() {
        for line in ["- a", "* a", "+ a", "  - nested", "1. a", "12) a", "-\tb"] {
            assert!(is_list_line(line), "{line}");
        }
        for line in [
            "-a",
            "**bold**",
            "1.5 times",
            "2024 was",
            "---",
            "# h",
            "plain",
        ] {
            assert!(!is_list_line(line), "{line}");
        }
    }

    #[test]
    fn shape_counts_outside_code() {
        let text = "# Title\n\nThe parser in `src/parse.rs` reads config.yaml, see https://example.org and [docs](docs/a.md).\n\n- one\n- two\n\n```\n- not a list\nsrc/also/not.rs\n```\n";
        let s = shape(text);
        assert_eq!(s.headings, 1);
        assert_eq!((s.lines, s.list_lines), (4, 2));
        // `src/parse.rs` as code and as a file, config.yaml, the URL, the link and its file.
        assert_eq!(s.references, 6);
    }

    #[test]
    fn an_outline_of_fragments_scores_low_and_connected_prose_high() {
        let mut outline = String::from("# Platform Strategy\n\n");
        for topic in ["Vision", "Goals", "Benefits", "Risks", "Next Steps"] {
            outline.push_str(&format!(
                "## {topic}\n\n- Improve alignment\n- Drive value\n- Enable growth\n\n"
            ));
        }
        let prose = "# Cache misses after deploy\n\nAfter the 2.3 deploy the hit rate of the page cache fell from 92% to 40%, because `CacheKey::new` in `src/cache/key.rs` started hashing the request id, which differs on every request. The change came from the logging refactor in [#412](https://example.org/pr/412), which moved the id into the request struct that the key hashes whole. Reverting that field's inclusion restores the old keys; the benchmark in `benches/cache.rs` shows the hit rate back at 91% with the fix applied.\n\n## Fix\n\nThe key now hashes the path and the vary headers only, as it did before the refactor, and a test in `tests/cache_key.rs` pins that two requests for the same page share a key. The logging code reads the id from the request itself, so nothing else needed the field in the key, and the release notes in CHANGELOG.md say so.\n";
        let low = fraction_of(&Explanation, &outline);
        let high = fraction_of(&Explanation, prose);
        assert!(low < 0.2, "{low}");
        assert!(high > 0.9, "{high}");
    }

    #[test]
    fn parts_move_at_their_thresholds() {
        let s = Shape {
            words: 1000,
            headings: 40,
            lines: 100,
            list_lines: 70,
            references: 0,
        };
        assert_eq!(s.parts(), [0.0, 0.0, 0.0]);
        let s = Shape {
            headings: 10,
            list_lines: 20,
            references: 20,
            ..s
        };
        assert_eq!(s.parts(), [1.0, 1.0, 1.0]);
        // Halfway on each scale: 50 words per heading (log), 45% lists, 10 references.
        let s = Shape {
            headings: 20,
            list_lines: 45,
            references: 10,
            ..s
        };
        let [a, b, c] = s.parts();
        assert!((a - 0.5).abs() < 1e-9 && (b - 0.5).abs() < 1e-9 && (c - 0.5).abs() < 1e-9);
    }

    #[test]
    fn no_headings_and_no_words_do_not_divide_by_zero() {
        assert_eq!(shape("").parts(), [1.0, 1.0, 0.0]);
        let f = fraction_of(&Explanation, "plain words with no heading at all\n");
        assert!((0.0..=1.0).contains(&f));
    }
}
