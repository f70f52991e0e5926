//! The markdown model `review` scores. Each artifact is parsed once, with the pulldown-cmark
//! options chosen in [`options`] (the only place), into headings and their sections, metadata
//! lines, links, code blocks, lists, tables, paragraphs, sentences and words, each with its
//! byte offset in the file so any finding can name its line.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::Options;

use super::frontmatter::{self, Split};
use super::interior::Interiors;
use super::prose;
use super::text;
use crate::diag::LineIndex;

/// The pulldown-cmark extensions every parse of an artifact uses (the benchmark too).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Most markdown punctuation a review parses in one file (see [`syntax_weight`]): about 70 MB
/// of parser nodes at worst, while 9 MB of ordinary prose holds well under half of it.
pub const MAX_SYNTAX: usize = 1_000_000;

/// How many bytes of `text` can open or close a markdown construct (brackets, emphasis and
/// code marks, angle brackets, pipes, backslashes, entities): a bound on the parser's nodes.
pub fn syntax_weight(text: &str) -> usize {
    // A table lookup per byte: a search of the 15 marks per byte cost more than parsing.
    const MARKS: [bool; 256] = {
        let mut t = [false; 256];
        let marks = b"[]()*_`<>|\\&!~";
        let mut i = 0;
        while i < marks.len() {
            t[marks[i] as usize] = true;
            i += 1;
        }
        t
    };
    text.bytes()
        .map(|b| usize::from(MARKS[usize::from(b)]))
        .sum()
}

/// A heading and the section it opens (up to the next heading of the same or a higher level).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Range<usize>,
    /// End of the section: the next heading of level <= `level`, or the end of the file.
    pub section_end: usize,
}

impl Heading {
    /// The heading's anchor ([`text::slug`]), made when asked for: only documents that link
    /// to anchors need one.
    pub fn slug(&self) -> String {
        text::slug(&self.text)
    }
}

/// Where a metadata entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaSource {
    Frontmatter,
    Line,
}

/// A `Key: value` entry: a frontmatter key or a `**Key**: value` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub key: String,
    pub value: String,
    pub offset: usize,
    pub source: MetaSource,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub offset: usize,
    pub image: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The info string's first word, if any (`rust` in ```` ```rust title ````).
    pub lang: Option<String>,
    pub fenced: bool,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Plain text: inline markup dropped, soft breaks as spaces.
    pub text: String,
    pub span: Range<usize>,
    pub words: usize,
    /// Every line is a metadata line (a header block, a finding's Source/Confidence lines).
    pub meta_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sentence {
    pub offset: usize,
    pub words: usize,
}

/// One parsed artifact. Offsets are bytes into [`Document::text`].
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    /// Where the markdown starts (after frontmatter).
    pub body_start: usize,
    pub headings: Vec<Heading>,
    pub metadata: Vec<Meta>,
    pub links: Vec<Link>,
    pub code_blocks: Vec<CodeBlock>,
    /// Code blocks and inline code spans, sorted (forbidden-text rules skip code).
    pub code_spans: Vec<Range<usize>>,
    /// List items: span and nesting depth (1 = top level).
    pub list_items: Vec<(Range<usize>, usize)>,
    pub tables: Vec<Range<usize>>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// Word counts of text runs, by offset (code blocks excluded).
    pub words: Vec<(usize, usize)>,
    /// `id`/`name` anchors written as inline HTML.
    pub html_anchors: Vec<String>,
    /// The parse's sentence runs inside verbatim text, replayed by the prose split.
    pub(super) interiors: Interiors,
    /// Derived views several rules read, built on first use.
    cache: Cache<'a>,
}

/// Views of a [`Document`] built on first use and kept (rules and gates share them).
#[derive(Debug, Clone, Default)]
struct Cache<'a> {
    heading_words: OnceLock<Vec<text::Words>>,
    meta_key_words: OnceLock<Vec<text::Words>>,
    blocks: OnceLock<Vec<prose::Block<'a>>>,
    sentences: OnceLock<Vec<prose::Sentence<'a>>>,
    words_sorted: OnceLock<bool>,
    folded: OnceLock<Option<String>>,
    memo: super::memo::Memo,
}

impl<'a> Document<'a> {
    /// Parses `text` (frontmatter, then markdown). Never fails: malformed markdown is still
    /// markdown, and malformed frontmatter is read as body text.
    pub fn parse(text: &'a str) -> Document<'a> {
        // Room for what a document of this length usually holds, so that the lists rarely
        // grow (each growth is a copy).
        let room = |bytes_each: usize| text.len() / bytes_each;
        let mut doc = Document {
            text,
            lines: LineIndex::new(text),
            body_start: 0,
            headings: Vec::with_capacity(room(512)),
            metadata: Vec::new(),
            links: Vec::with_capacity(room(512)),
            code_blocks: Vec::new(),
            code_spans: Vec::with_capacity(room(256)),
            list_items: Vec::with_capacity(room(256)),
            tables: Vec::new(),
            paragraphs: Vec::with_capacity(room(256)),
            sentences: Vec::with_capacity(room(128)),
            words: Vec::with_capacity(room(48)),
            html_anchors: Vec::new(),
            interiors: Interiors::default(),
            cache: Cache::default(),
        };
        if let Split::Found(fm) = frontmatter::split(text) {
            doc.body_start = fm.body_offset;
            doc.frontmatter_meta(fm.yaml, fm.yaml_line);
        } else if let Some(fm) = frontmatter::split_toml(text) {
            doc.body_start = fm.body_offset;
            doc.toml_meta(fm.pairs);
        }
        let paragraph_meta = doc.walk();
        let blocks = doc.code_blocks.iter().map(|c| c.span.clone());
        doc.code_spans.extend(blocks);
        doc.code_spans.sort_by_key(|r| r.start);
        doc.finish_sections();
        doc.collect_metadata_lines(paragraph_meta);
        doc
    }

    fn finish_sections(&mut self) {
        let ends: Vec<usize> = (0..self.headings.len())
            .map(|i| {
                let level = self.headings[i].level;
                self.headings[i + 1..]
                    .iter()
                    .find(|h| h.level <= level)
                    .map_or(self.text.len(), |h| h.span.start)
            })
            .collect();
        for (h, end) in self.headings.iter_mut().zip(ends) {
            h.section_end = end;
        }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// The line holding a byte offset, without its `\n`: found in the line index, not by
    /// searching the text (rules that ask per match stay linear on one very long line).
    pub fn line_span(&self, offset: usize) -> Range<usize> {
        let starts = self.lines.starts();
        let line = self.lines.line(offset);
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        starts[line - 1]..end
    }

    /// The first heading matching any `|`-separated alternative of `spec`.
    pub fn find_section(&self, spec: &str) -> Option<&Heading> {
        self.headings
            .iter()
            .find(|h| text::heading_matches_any(&h.text, spec))
    }

    /// The last heading that starts at or before `at`: the one whose text `at` is under (or
    /// in).
    pub fn heading_above(&self, at: usize) -> Option<&Heading> {
        let i = self.headings.partition_point(|h| h.span.start <= at);
        i.checked_sub(1).map(|i| &self.headings[i])
    }

    /// The section of a heading, as a byte range.
    pub fn section_range(heading: &Heading) -> Range<usize> {
        heading.span.start..heading.section_end
    }

    /// The header block: from the start of the file to the first H2 (or deeper) heading.
    pub fn header_range(&self) -> Range<usize> {
        let end = self
            .headings
            .iter()
            .find(|h| h.level >= 2)
            .map_or(self.text.len(), |h| h.span.start);
        0..end
    }

    /// Whether a code block or a table starts inside `range`.
    pub fn holds_block(&self, range: &Range<usize>) -> bool {
        starts_in(&self.code_blocks, range, |c| c.span.start)
            || starts_in(&self.tables, range, |t| t.start)
    }

    /// Whether a link (or image) starts inside `range`.
    pub fn holds_link(&self, range: &Range<usize>) -> bool {
        starts_in(&self.links, range, |l| l.offset)
    }

    /// Words inside `range` (code excluded).
    pub fn words_in(&self, range: &Range<usize>) -> usize {
        // Runs come in document order: two binary searches find those inside the range.
        let sorted = *self
            .cache
            .words_sorted
            .get_or_init(|| self.words.is_sorted_by_key(|(at, _)| *at));
        if sorted {
            let lo = self.words.partition_point(|(at, _)| *at < range.start);
            let hi = self.words.partition_point(|(at, _)| *at < range.end);
            return self.words[lo..hi.max(lo)].iter().map(|(_, n)| n).sum();
        }
        self.words
            .iter()
            .filter(|(at, _)| range.contains(at))
            .map(|(_, n)| n)
            .sum()
    }

    /// Total words.
    pub fn word_count(&self) -> usize {
        self.words.iter().map(|(_, n)| n).sum()
    }

    /// Headings directly below `parent` (one level deeper, inside its section).
    pub fn subsections<'s>(
        &'s self,
        parent: &'s Heading,
    ) -> impl Iterator<Item = &'s Heading> + 's {
        let range = Self::section_range(parent);
        self.headings
            .iter()
            .filter(move |h| h.span.start > parent.span.start && range.contains(&h.span.start))
            .filter(move |h| h.level == parent.level + 1)
    }

    /// [`text::heading_words`] of each heading, in the order of [`Document::headings`].
    pub fn heading_words(&self) -> &[text::Words] {
        self.cache.heading_words.get_or_init(|| {
            self.headings
                .iter()
                .map(|h| text::Words::new(&h.text))
                .collect()
        })
    }

    /// [`text::heading_words`] of each metadata key, in the order of [`Document::metadata`].
    pub fn metadata_key_words(&self) -> &[text::Words] {
        self.cache.meta_key_words.get_or_init(|| {
            self.metadata
                .iter()
                .map(|m| text::Words::new(&m.key))
                .collect()
        })
    }

    /// Prose blocks: paragraphs and list items that hold no paragraph, in document order.
    pub fn prose_blocks(&self) -> &[prose::Block<'a>] {
        self.cache.blocks.get_or_init(|| {
            let paragraphs: Vec<(Range<usize>, bool)> = self
                .paragraphs
                .iter()
                .map(|p| (p.span.clone(), p.meta_only))
                .collect();
            prose::build_blocks(
                self.text,
                self.lines.starts(),
                &paragraphs,
                &self.list_items,
            )
        })
    }

    /// Every prose sentence (of [`Document::prose_blocks`]), with its text.
    pub fn prose_sentences(&self) -> &[prose::Sentence<'a>] {
        self.cache.sentences.get_or_init(|| {
            // The paragraphs' sentences and about one per list item.
            let expected = self.sentences.len() + self.list_items.len();
            prose::build_sentences(self.prose_blocks(), &self.interiors, expected)
        })
    }

    /// The text with ASCII letters lowercased (same length, same offsets), unless it holds a
    /// character outside ASCII that case-folds to an ASCII letter (KELVIN SIGN, LONG S): in
    /// that text a case-sensitive lowercase pattern finds what the case-insensitive one finds
    /// in [`Document::text`] (`matching::fold_pattern`).
    pub fn folded_text(&self) -> Option<&str> {
        self.cache
            .folded
            .get_or_init(|| super::memo::ascii_folded(self.text))
            .as_deref()
    }

    /// What `compute` gives for this document, computed on the first ask for (`T`, `key`) and
    /// kept: a caller whose answer depends only on the document and on what `key` stands for
    /// (a compiled role) asks once however many passes need it. `compute` runs without the
    /// memo locked, so it may ask for other answers.
    pub fn memo<T: Clone + Send + Sync + 'static>(
        &self,
        key: u64,
        compute: impl FnOnce() -> T,
    ) -> T {
        self.cache.memo.get(key, compute)
    }

    /// Whether `offset` lies in code (a code block or an inline code span).
    pub fn in_code(&self, offset: usize) -> bool {
        let i = self.code_spans.partition_point(|r| r.start <= offset);
        i > 0 && self.code_spans[i - 1].contains(&offset)
    }
}

/// Whether `items`, in document order as the parser records them, hold one whose start is
/// inside `range` (a binary search).
fn starts_in<T>(items: &[T], range: &Range<usize>, start: impl Fn(&T) -> usize) -> bool {
    let i = items.partition_point(|x| start(x) < range.start);
    items.get(i).is_some_and(|x| start(x) < range.end)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
