//! One sentence split for both views of a paragraph. The parse splits a paragraph's plain
//! text as its chunks arrive ([`SentenceStream`](super::words::SentenceStream)); the prose
//! view ([`Document::prose_sentences`](super::Document::prose_sentences)) splits the
//! paragraph's source, markup and all. Inside a text chunk copied verbatim from the source,
//! the tokens between the chunk's first and last whitespace are the same bytes in both, so
//! the stream keeps what it found there (an [`Interior`]: the runs of words each ending at a
//! sentence terminator) and the source split (`prose::sentences_ascii`) replays that instead of reading those bytes
//! again; only the markup and the chunks' edges are read twice. Exact: the replay gives what
//! reading the tokens gives, whatever the sentence state it starts in (proptested against
//! the plain split in `markdown_tests.rs`).

/// The tokens of a text chunk that lie between its first and last whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interior {
    /// File offset of the first of those tokens (whitespace before it in the chunk).
    pub from: usize,
    /// File offset just past the last (whitespace after it in the chunk).
    pub to: usize,
    /// Its runs ending at a terminator token: indexes into [`Interiors::runs`].
    pub runs: (u32, u32),
    /// The tokens after the last terminator: (file offset of the first, words), if any.
    pub tail: Option<(usize, usize)>,
}

/// Every chunk interior of a document, in file order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interiors {
    pub chunks: Vec<Interior>,
    /// (file offset of the run's first token, words in the run) of each run of tokens that
    /// ends with a token ending a sentence (a terminator not in an abbreviation).
    pub runs: Vec<(usize, usize)>,
}

impl Interiors {
    /// Takes these, sorted by where they start (text comes in file order; were it ever
    /// not, the replay would still need them sorted).
    pub fn take_sorted(&mut self) -> Interiors {
        let mut all = std::mem::take(self);
        all.chunks.sort_by_key(|c| c.from);
        all
    }
}

/// Whether `t`, a text event at `span` of `text`, is the file's text there (borrowed from
/// it: not an entity, an escape or text the parser made).
pub(crate) fn verbatim(text: &str, t: &str, span: &std::ops::Range<usize>) -> bool {
    let at = text.as_ptr().wrapping_add(span.start);
    t.len() == span.len() && std::ptr::eq(t.as_ptr(), at)
}

/// What a chunk's interior is while the stream reads it.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    from: Option<usize>,
    to: usize,
    runs_at: usize,
    first: Option<usize>,
    words: usize,
}

impl Recorder {
    /// Starts a chunk.
    pub fn start(all: &Interiors) -> Recorder {
        Recorder {
            runs_at: all.runs.len(),
            ..Recorder::default()
        }
    }

    /// A token of the interior, at file offsets `at..end`.
    #[inline]
    pub fn token(&mut self, all: &mut Interiors, at: usize, end: usize, word: bool, ends: bool) {
        self.from.get_or_insert(at);
        self.to = end;
        let first = *self.first.get_or_insert(at);
        self.words += usize::from(word);
        if ends {
            all.runs.push((first, self.words));
            (self.first, self.words) = (None, 0);
        }
    }

    /// `k` tokens of the interior that are words and end no sentence, from file offset `at`
    /// (the first's start) to `end` (the last's end): what [`Recorder::token`] does for each.
    pub fn words(&mut self, at: usize, end: usize, k: usize) {
        self.from.get_or_insert(at);
        self.to = end;
        self.first.get_or_insert(at);
        self.words += k;
    }

    /// Ends the chunk.
    pub fn finish(self, all: &mut Interiors) {
        let Some(from) = self.from else {
            return;
        };
        let run = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        all.chunks.push(Interior {
            from,
            to: self.to,
            runs: (run(self.runs_at), run(all.runs.len())),
            tail: self.first.map(|f| (f, self.words)),
        });
    }
}
