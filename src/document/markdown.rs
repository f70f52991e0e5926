//! The markdown model `review` scores. Each artifact is parsed once, with the pulldown-cmark
//! options chosen in [`options`] (the only place), into headings and their sections, metadata
//! lines, links, code blocks, lists, tables, paragraphs, sentences and words, each with its
//! byte offset in the file so any finding can name its line.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
    interiors: Interiors,
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

/// The plain text of the heading or paragraph being read.
#[derive(Default)]
struct Inline {
    start: usize,
    text: String,
}

/// What [`Document::walk`] carries from event to event.
#[derive(Default)]
struct Walk {
    heading: Option<(u8, Inline)>,
    para: Option<Inline>,
    /// (offset in the paragraph's text, offset in the file) of each chunk of the paragraph
    /// being read, to place its sentences; reused from paragraph to paragraph.
    chunks: Vec<(usize, usize)>,
    /// Sentences of the paragraph being read (scratch).
    stream: text::SentenceStream,
    /// Sentences of a paragraph that is not all ASCII (scratch).
    sentences: Vec<(usize, usize)>,
    /// The metadata lines of the paragraphs read so far.
    metadata: Vec<Meta>,
    /// Where an HTML `<code>` or `<pre>` element not yet closed opened, and its name.
    html_code: Option<(usize, &'static str)>,
}

impl Walk {
    /// Appends `t` (at file offset `src`; `verbatim`: the file's text there) to the heading or
    /// paragraph being read; returns its [`text::count_words`] when it went to a paragraph.
    fn push(&mut self, t: &str, src: usize, verbatim: bool) -> usize {
        if let Some((_, h)) = self.heading.as_mut() {
            h.text.push_str(t);
        } else if let Some(p) = self.para.as_mut() {
            self.chunks.push((p.text.len(), src));
            p.text.push_str(t);
            return self.stream.feed_at(t, src, verbatim);
        }
        0
    }

    /// Whether text goes to a paragraph (not a heading, not outside both).
    fn in_paragraph(&self) -> bool {
        self.heading.is_none() && self.para.is_some()
    }
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

    /// Reads the markdown events; returns the paragraphs' metadata lines.
    fn walk(&mut self) -> Vec<Meta> {
        let base = self.body_start;
        let body = &self.text[base..];
        let mut w = Walk::default();
        // Room for about one interior and one run per two lines of text.
        w.stream.interiors.chunks.reserve(body.len() / 128);
        w.stream.interiors.runs.reserve(body.len() / 128);
        let mut in_code = false;
        let mut depth = 0usize;
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            let span = range.start + base..range.end + base;
            // An HTML `<code>` element closes in the block it opened in, or not at all.
            if let Event::End(
                TagEnd::Paragraph
                | TagEnd::HtmlBlock
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell,
            ) = event
            {
                w.html_code = None;
            }
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    w.heading = Some((
                        level as u8,
                        Inline {
                            start: span.start,
                            ..Inline::default()
                        },
                    ));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, inline)) = w.heading.take() {
                        let mut text = inline.text;
                        if text.trim().len() != text.len() {
                            text = text.trim().to_string();
                        }
                        self.headings.push(Heading {
                            level,
                            text,
                            span: inline.start..span.end,
                            section_end: self.text.len(),
                        });
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    w.chunks.clear();
                    w.stream.clear();
                    w.para = Some(Inline {
                        start: span.start,
                        // The text is at most the source less its markup.
                        text: String::with_capacity(span.len()),
                    });
                }
                Event::End(TagEnd::Paragraph) => {
                    if let Some(inline) = w.para.take() {
                        self.push_paragraph(inline, span.end, &mut w);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    let (lang, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            let lang = info.split_whitespace().next().map(str::to_string);
                            (lang.filter(|l| !l.is_empty()), true)
                        }
                        CodeBlockKind::Indented => (None, false),
                    };
                    self.code_blocks.push(CodeBlock { lang, fenced, span });
                }
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Item) => self.list_items.push((span, depth.max(1))),
                Event::Start(Tag::Table(_)) => self.tables.push(span),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    self.links.push(Link {
                        dest: dest_url.into_string(),
                        offset: span.start,
                        image: false,
                    });
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    self.links.push(Link {
                        dest: dest_url.into_string(),
                        offset: span.start,
                        image: true,
                    });
                }
                Event::Text(t) if !in_code => {
                    // In a paragraph, the sentence scan counts the run's words too.
                    let n = if w.in_paragraph() && memchr::memchr(b'{', t.as_bytes()).is_none() {
                        let verbatim = super::interior::verbatim(self.text, &t, &span);
                        w.push(&t, span.start, verbatim)
                    } else {
                        let (t, n) = text::unplaced_words(&t);
                        w.push(&t, span.start, false);
                        n
                    };
                    if n > 0 {
                        self.words.push((span.start, n));
                    }
                }
                Event::Code(t) => {
                    self.words.push((span.start, 1));
                    self.code_spans.push(span.clone());
                    w.push(&t, span.start, false);
                }
                Event::SoftBreak | Event::HardBreak => {
                    w.push(" ", span.start, false);
                }
                Event::Html(t) | Event::InlineHtml(t) => {
                    text::html_anchors(&t, &mut self.html_anchors);
                    if self.text.get(span.clone()) == Some(&*t) {
                        let spans = &mut self.code_spans;
                        text::html_code(&t, span.start, &mut w.html_code, |code| {
                            // Code spans written inside the element are part of it.
                            while spans.last().is_some_and(|r| r.start >= code.start) {
                                spans.pop();
                            }
                            spans.push(code);
                        });
                    }
                }
                _ => {}
            }
        }
        self.interiors = w.stream.interiors.take_sorted();
        w.metadata
    }

    fn push_paragraph(&mut self, inline: Inline, end: usize, w: &mut Walk) {
        let span = inline.start..end;
        let meta_only = self.paragraph_metadata(&span, &mut w.metadata);
        let mut words = 0;
        w.stream.finish();
        if !w.stream.is_unicode() {
            // Every word is in one sentence: their sum is `count_words` of the text.
            words = w.stream.out.iter().map(|&(_, n)| n).sum();
            if !meta_only {
                let placed = w.stream.out.iter().map(|&(at, n)| Sentence {
                    offset: at.min(span.end),
                    words: n,
                });
                self.sentences.extend(placed);
            }
        } else if meta_only {
            words = text::count_words(&inline.text);
        } else {
            w.sentences.clear();
            text::sentences_into(&inline.text, &mut w.sentences);
            for &(at, n) in &w.sentences {
                words += n;
                let i = w
                    .chunks
                    .partition_point(|&(p, _)| p <= at)
                    .saturating_sub(1);
                let offset = w
                    .chunks
                    .get(i)
                    .map_or(span.start, |&(p, src)| (src + (at - p)).min(span.end));
                self.sentences.push(Sentence { offset, words: n });
            }
        }
        self.paragraphs.push(Paragraph {
            text: inline.text,
            span,
            words,
            meta_only,
        });
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
