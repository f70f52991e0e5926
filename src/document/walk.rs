//! The walk over the parser's events that builds a [`Document`]: headings, paragraphs and
//! their sentences, code, lists, tables, links and word counts, each placed by its offset.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::markdown::{CodeBlock, Document, Heading, Link, Meta, Paragraph, Sentence, options};
use super::text;

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
    /// Inside a code block (its text is no prose).
    in_code: bool,
    /// How many lists the event is inside.
    depth: usize,
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

impl Document<'_> {
    /// Reads the markdown events; returns the paragraphs' metadata lines.
    pub(super) fn walk(&mut self) -> Vec<Meta> {
        let base = self.body_start;
        let body = &self.text[base..];
        let mut w = Walk::default();
        // Room for about one interior and one run per two lines of text.
        w.stream.interiors.chunks.reserve(body.len() / 128);
        w.stream.interiors.runs.reserve(body.len() / 128);
        let parser = Parser::new_ext(body, options()).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start + base..range.end + base, &mut w);
        }
        self.interiors = w.stream.interiors.take_sorted();
        w.metadata
    }

    /// Takes one event into the model; [`Document::walk`] is only the loop over the parser.
    /// rustc inlines it there; marked `#[inline(never)]` it cost review 17M more instructions
    /// on the bench corpus, and the parser's `next` stayed a call either way.
    fn event(&mut self, event: Event<'_>, span: Range<usize>, w: &mut Walk) {
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
                    self.push_paragraph(inline, span.end, w);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                w.in_code = true;
                let (lang, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang = info.split_whitespace().next().map(str::to_string);
                        (lang.filter(|l| !l.is_empty()), true)
                    }
                    CodeBlockKind::Indented => (None, false),
                };
                self.code_blocks.push(CodeBlock { lang, fenced, span });
            }
            Event::End(TagEnd::CodeBlock) => w.in_code = false,
            Event::Start(Tag::List(_)) => w.depth += 1,
            Event::End(TagEnd::List(_)) => w.depth = w.depth.saturating_sub(1),
            Event::Start(Tag::Item) => self.list_items.push((span, w.depth.max(1))),
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
            Event::Text(t) if !w.in_code => {
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
}
