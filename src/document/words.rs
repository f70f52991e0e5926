//! Words and sentences of plain text: the byte-level scans the markdown model counts words
//! and splits sentences with (ASCII text read by bytes, eight at a time where `bytescan.rs`
//! can, anything else by `char`), and the streamed split of a paragraph as the parser hands
//! it out in chunks. Pure functions, no markdown.

use super::bytescan::{ALNUM, BRACE, CLASS, HIGH, WS, alnum_run, token_end};
use super::interior::{Interiors, Recorder};

/// Whether a whitespace-separated token counts as a word (it holds a letter or digit).
pub fn is_word(token: &str) -> bool {
    // Most tokens are ASCII: check bytes first, decode only when that finds nothing.
    token.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!token.is_ascii() && token.chars().any(char::is_alphanumeric))
}

/// Calls `f(offset, token)` for each whitespace-separated token. ASCII text (the common
/// case) is split on bytes, which is several times faster than `split_whitespace`.
fn for_each_token(text: &str, mut f: impl FnMut(usize, &str)) {
    if text.is_ascii() {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if start < i {
                f(start, &text[start..i]);
            }
        }
    } else {
        for token in text.split_whitespace() {
            // `split_whitespace` hands out subslices, so the offset is exact.
            f(token.as_ptr() as usize - text.as_ptr() as usize, token);
        }
    }
}

/// Words of ASCII `text` (a token is a word when it holds an ASCII letter or digit, see
/// [`is_word`] and `for_each_token`), and the classes of all its bytes or-ed together: the
/// count holds only when that has no [`HIGH`].
fn scan_words(text: &str) -> (usize, u8) {
    let b = text.as_bytes();
    let (mut n, mut seen, mut i) = (0usize, 0u8, 0);
    while i < b.len() {
        if CLASS[usize::from(b[i])] == WS {
            seen |= WS;
            i += 1;
            continue;
        }
        // A plain word (letters and digits up to whitespace or the end: most table cells and
        // heading words) at once; any other token byte by byte.
        let end = alnum_run(b, i);
        if end > i && b.get(end).is_none_or(|&c| CLASS[usize::from(c)] == WS) {
            // The whitespace after it (just checked) is stepped over too.
            let ws = if end < b.len() { WS } else { 0 };
            (n, seen, i) = (n + 1, seen | ALNUM | ws, end + 1);
            continue;
        }
        let mut word = false;
        while let Some(&c) = b.get(i).filter(|&&c| CLASS[usize::from(c)] != WS) {
            let c = CLASS[usize::from(c)];
            seen |= c;
            word |= c & ALNUM != 0;
            i += 1;
        }
        n += usize::from(word);
    }
    (n, seen)
}

/// Number of words in `text`.
pub fn count_words(text: &str) -> usize {
    let (n, seen) = scan_words(text);
    if seen & HIGH == 0 {
        return n;
    }
    let mut n = 0;
    for_each_token(text, |_, t| n += usize::from(is_word(t)));
    n
}

/// Whether `c` is written without spaces between words: a Chinese or Japanese character
/// (Han, with its iteration and zero marks `々` `〇` and the extensions beyond the basic
/// plane; Hiragana; Katakana, half-width too).
pub fn unspaced(c: char) -> bool {
    matches!(
        c,
        '\u{3005}'
            | '\u{3007}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{3134F}'
    )
}

/// Words of `text` as a reader counts them in Chinese and Japanese too, written without
/// spaces: a token of such characters makes a word per two of them (rounded up), and one more
/// if it holds other letters or digits; any other token is a word as [`count_words`] counts
/// it. The same as [`count_words`] on text without such characters.
pub fn reader_words(text: &str) -> usize {
    let mut n = 0;
    for_each_token(text, |_, t| {
        let chars = if t.is_ascii() {
            0
        } else {
            t.chars().filter(|&c| unspaced(c)).count()
        };
        n += if chars == 0 {
            usize::from(is_word(t))
        } else {
            let other = t.chars().any(|c| c.is_alphanumeric() && !unspaced(c));
            chars.div_ceil(2) + usize::from(other)
        };
    });
    n
}

/// Whether `text` has at least `n` words (`count_words(text) >= n`), reading only as far as
/// the `n`th word when `text` is ASCII.
pub fn has_words(text: &str, n: usize) -> bool {
    if !text.is_ascii() {
        return text
            .split_whitespace()
            .filter(|t| is_word(t))
            .take(n)
            .count()
            >= n;
    }
    let (mut k, mut word) = (0, false);
    for &b in text.as_bytes() {
        let c = CLASS[usize::from(b)];
        if c & WS != 0 {
            k += usize::from(word);
            if k >= n {
                return true;
            }
            word = false;
        } else {
            word |= c & ALNUM != 0;
        }
    }
    k + usize::from(word) >= n
}

/// `text` with its placeholders dropped ([`strip_placeholders`]) and its [`count_words`], in
/// one pass over the bytes when `text` is ASCII without a `{` (the common case).
pub fn unplaced_words(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let (n, seen) = scan_words(text);
    if seen & (HIGH | BRACE) == 0 {
        return (std::borrow::Cow::Borrowed(text), n);
    }
    let text = strip_placeholders(text);
    let n = count_words(&text);
    (text, n)
}

/// Drops `{placeholder}` template slots, so a template full of them has no words and no
/// sentences: its guidance text is not content.
pub fn strip_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('{') {
        return std::borrow::Cow::Borrowed(text);
    }
    // What `\{[^{}\n]{0,200}?[A-Za-z][^{}\n]{0,200}?\}` replaces, read by hand (that regex
    // costs milliseconds to build): a slot runs from `{` to the first `}` with no `{` or
    // newline between, and holds an ASCII letter with at most 200 characters on either side.
    let mut out = String::new();
    let (mut kept, mut from) = (0, 0);
    while let Some(i) = text[from..].find('{') {
        let open = from + i;
        match placeholder_len(&text[open + 1..]) {
            Some(len) => {
                out.push_str(&text[kept..open]);
                kept = open + len + 2;
                from = kept;
            }
            None => from = open + 1,
        }
    }
    if kept == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[kept..]);
    std::borrow::Cow::Owned(out)
}

/// The byte length of a placeholder's content when `{` plus `rest` opens one (see
/// [`strip_placeholders`]).
fn placeholder_len(rest: &str) -> Option<usize> {
    let end = rest.find(['{', '}', '\n'])?;
    if rest.as_bytes()[end] != b'}' {
        return None;
    }
    let content = &rest[..end];
    let n = content.chars().count();
    content
        .chars()
        .enumerate()
        .any(|(i, c)| c.is_ascii_alphabetic() && i <= 200 && n - 1 - i <= 200)
        .then_some(end)
}

/// Tokens that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "etc.", "vs.", "cf.", "dr.", "mr.", "mrs.", "ms.", "no.", "fig.", "approx.",
];

/// Whether a token (its closing quotes, brackets and emphasis dropped) ends with a dot
/// without ending a sentence. `bare` is ASCII or not, the list is ASCII: comparing ASCII
/// case-insensitively is the same as comparing the lowercase form.
fn is_abbreviation(bare: &[u8]) -> bool {
    bare.len() <= 8
        && ABBREVIATIONS
            .iter()
            .any(|a| a.as_bytes().eq_ignore_ascii_case(bare))
}

/// Splits prose into sentences; returns (byte offset in `text`, word count) per sentence.
/// A sentence ends at `.`, `!` or `?` followed by whitespace or the end of the text.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sentences_into(text, &mut out);
    out
}

/// [`sentences`], appended to `out`.
pub fn sentences_into(text: &str, out: &mut Vec<(usize, usize)>) {
    if !text.is_ascii() {
        sentences_unicode(text, out);
        return;
    }
    // ASCII: the tokens of `for_each_token`, read byte by byte.
    let bytes = text.as_bytes();
    let (mut i, mut start, mut words) = (0, None, 0);
    loop {
        while i < bytes.len() && CLASS[usize::from(bytes[i])] & WS != 0 {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let at = i;
        let (word, end) = token_run(bytes, at);
        i = end;
        start.get_or_insert(at);
        words += usize::from(word);
        if ends_sentence(&bytes[at..end]) && words > 0 {
            out.extend(start.take().map(|s| (s, words)));
            words = 0;
        }
    }
    out.extend(start.filter(|_| words > 0).map(|s| (s, words)));
}

/// The bytes a sentence's last token may close with after its terminator.
fn is_closer(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b')' | b']' | b'*' | b'_' | b'`')
}

/// From `at` to the next whitespace (or the end) of ASCII `bytes`: whether those bytes hold
/// a letter or digit (the token is a word), and where they end. Always inlined: its callers
/// read a token or two per call, and as a call it cost the bench corpus 18 M instructions.
#[inline(always)]
pub(crate) fn token_run(bytes: &[u8], at: usize) -> (bool, usize) {
    let at = at.min(bytes.len());
    let end = token_end(bytes, at);
    // Most tokens start with a letter or digit; markup (`**`, `[`) ends within a byte or two.
    (bytes[at..end].iter().any(u8::is_ascii_alphanumeric), end)
}

/// The run of plain words of ASCII `bytes` from `at` (a token start): tokens of letters and
/// digits only, each followed by whitespace. Their number, where the whitespace after the
/// last ends (the next token, or the end), and where the last token ends.
fn plain_words(bytes: &[u8], at: usize) -> (usize, usize, usize) {
    let (mut k, mut i, mut last_end) = (0, at, at);
    loop {
        let from = i;
        i = alnum_run(bytes, i);
        if i == from || i == bytes.len() || CLASS[usize::from(bytes[i])] != WS {
            return (k, from, last_end);
        }
        k += 1;
        last_end = i;
        // `bytes[i]` is whitespace (checked above): the run after it is read from the next.
        i += 1;
        while i < bytes.len() && CLASS[usize::from(bytes[i])] == WS {
            i += 1;
        }
    }
}

/// Whether an ASCII token ends a sentence: `.`, `!` or `?` before its closers, and not an
/// abbreviation.
pub(crate) fn ends_sentence(token: &[u8]) -> bool {
    // Most tokens end with a letter or digit: neither a terminator nor a closer.
    if token.last().is_none_or(u8::is_ascii_alphanumeric) {
        return false;
    }
    let bare = token
        .iter()
        .rposition(|&b| !is_closer(b))
        .map_or(0, |j| j + 1);
    bare > 0 && matches!(token[bare - 1], b'.' | b'!' | b'?') && !is_abbreviation(&token[..bare])
}

/// [`sentences`] of a paragraph read chunk by chunk (its text runs, code spans and breaks, as
/// they come from the parser), each sentence placed at the file offset of its first byte; a
/// text run is also counted alone ([`count_words`]) in the same pass over its bytes. Once a
/// chunk is not ASCII the stream stops ([`SentenceStream::is_unicode`]): the caller splits
/// the paragraph's whole text with [`sentences`] instead.
#[derive(Debug, Default)]
pub struct SentenceStream {
    /// (file offset, words) of each finished sentence.
    pub out: Vec<(usize, usize)>,
    unicode: bool,
    /// File offset where the current sentence starts (its first token), if it has one.
    start: Option<usize>,
    words: usize,
    in_token: bool,
    /// Whether the current token holds a letter or digit (so far).
    word: bool,
    len: usize,
    /// Length of the token without its closing quotes, brackets and emphasis, and the last
    /// byte of that (0 when it is empty).
    bare: usize,
    last: u8,
    /// The token's first bytes (an abbreviation is at most 8).
    head: [u8; 8],
    /// What the stream found inside the chunks it was told are verbatim source text, kept
    /// across paragraphs for the source split (`interior.rs`).
    pub(crate) interiors: Interiors,
}

impl SentenceStream {
    /// Starts a paragraph.
    pub fn clear(&mut self) {
        let out = std::mem::take(&mut self.out);
        let interiors = std::mem::take(&mut self.interiors);
        *self = SentenceStream {
            out,
            interiors,
            ..SentenceStream::default()
        };
        self.out.clear();
    }

    /// Whether a chunk was not ASCII (then [`SentenceStream::out`] is incomplete).
    pub fn is_unicode(&self) -> bool {
        self.unicode
    }

    /// Feeds `chunk`, which starts at file offset `src`; returns its [`count_words`] (counted
    /// alone, as a text run).
    pub fn feed(&mut self, chunk: &str, src: usize) -> usize {
        self.feed_at(chunk, src, false)
    }

    /// [`SentenceStream::feed`]; when `verbatim` (`chunk` is the file's text at `src`), what
    /// it finds between the chunk's first and last whitespace is kept in `interiors`.
    pub(crate) fn feed_at(&mut self, chunk: &str, src: usize, verbatim: bool) -> usize {
        if self.unicode || !chunk.is_ascii() {
            self.unicode = true;
            return count_words(chunk);
        }
        let bytes = chunk.as_bytes();
        let len = bytes.len();
        let (mut i, mut n) = (0, 0);
        // A token carried over from the previous chunk: its rest, through the slow path.
        if self.in_token {
            let (word, end) = token_run(bytes, 0);
            n += usize::from(word);
            self.extend_token(&bytes[..end], word);
            if end == len {
                return n;
            }
            self.end_token();
            i = end;
        }
        let (mut start, mut words) = (self.start, self.words);
        let mut rec = verbatim.then(|| Recorder::start(&self.interiors));
        loop {
            while i < len && CLASS[usize::from(bytes[i])] & WS != 0 {
                i += 1;
            }
            if i == len {
                break;
            }
            // Most tokens are plain words: letters and digits up to whitespace. A run of them
            // is counted at once (each is a word, none ends a sentence); the chunk's first
            // token (not recorded) and its last (it may go on) take the general path below.
            if i > 0 {
                let (k, stop, last_end) = plain_words(bytes, i);
                if k > 0 {
                    n += k;
                    words += k;
                    start.get_or_insert(src + i);
                    if let Some(rec) = rec.as_mut() {
                        rec.words(src + i, src + last_end, k);
                    }
                    i = stop;
                    continue;
                }
            }
            let at = i;
            let (word, end) = token_run(bytes, at);
            i = end;
            n += usize::from(word);
            start.get_or_insert(src + at);
            if end == len {
                // The token may go on in the next chunk.
                (self.start, self.words) = (start, words);
                self.in_token = true;
                (self.word, self.len, self.bare, self.last) = (false, 0, 0, 0);
                self.extend_token(&bytes[at..end], word);
                if let Some(rec) = rec {
                    rec.finish(&mut self.interiors);
                }
                return n;
            }
            words += usize::from(word);
            let ends = ends_sentence(&bytes[at..end]);
            if let Some(rec) = rec.as_mut().filter(|_| at > 0) {
                // Whitespace on both sides inside the chunk: the same token in the source.
                rec.token(&mut self.interiors, src + at, src + end, word, ends);
            }
            if ends && words > 0 {
                if let Some(start) = start.take() {
                    self.out.push((start, words));
                }
                words = 0;
            }
        }
        (self.start, self.words) = (start, words);
        if let Some(rec) = rec {
            rec.finish(&mut self.interiors);
        }
        n
    }

    /// Appends `piece` (a word when it holds a letter or digit) to the current token.
    fn extend_token(&mut self, piece: &[u8], word: bool) {
        self.word |= word;
        for (k, &b) in piece
            .iter()
            .enumerate()
            .take(8usize.saturating_sub(self.len))
        {
            self.head[self.len + k] = b;
        }
        if let Some(j) = piece.iter().rposition(|&b| !is_closer(b)) {
            self.bare = self.len + j + 1;
            self.last = piece[j];
        }
        self.len += piece.len();
    }

    fn end_token(&mut self) {
        self.in_token = false;
        self.words += usize::from(self.word);
        let ends = matches!(self.last, b'.' | b'!' | b'?')
            && !(self.bare <= 8 && is_abbreviation(&self.head[..self.bare]));
        if ends && self.words > 0 {
            if let Some(start) = self.start.take() {
                self.out.push((start, self.words));
            }
            self.words = 0;
        }
    }

    /// Ends the paragraph: its last token and sentence.
    pub fn finish(&mut self) {
        if self.unicode {
            return;
        }
        if self.in_token {
            self.end_token();
        }
        if self.words > 0
            && let Some(start) = self.start.take()
        {
            self.out.push((start, self.words));
        }
    }
}

/// [`sentences`] of text that is not all ASCII.
fn sentences_unicode(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut words = 0;
    for_each_token(text, |at, token| {
        if start.is_none() {
            start = Some(at);
        }
        if is_word(token) {
            words += 1;
        }
        let bare = token.trim_end_matches(['"', '\'', ')', ']', '*', '_', '`']);
        let ends = bare.ends_with(['.', '!', '?']) && !is_abbreviation(bare.as_bytes());
        if ends && words > 0 {
            out.push((start.unwrap_or(at), words));
            start = None;
            words = 0;
        }
    });
    if let Some(s) = start.filter(|_| words > 0) {
        out.push((s, words));
    }
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
