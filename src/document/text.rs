//! Plain-text helpers the markdown model is built with: heading slugs, metadata lines and the
//! loose heading match rubrics use; words and sentences live in `words` and are re-exported
//! here. Pure functions, no markdown.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

pub use super::words::{
    SentenceStream, count_words, has_words, is_word, reader_words, sentences, sentences_into,
    strip_placeholders, unplaced_words, unspaced,
};

/// Appends the anchors of `html` to `out`: the `id` of any tag (`<span id="7">`) and the
/// `name` of an `<a>`, the value quoted or not (`<a name=cmd-peek>`, valid HTML).
pub fn html_anchors(html: &str, out: &mut Vec<String>) {
    // An anchor inside a comment is none.
    if html.trim_start().starts_with("<!--") {
        return;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i)<a\s[^>]*?\b(?:id|name)\s*=\s*(?:["']([^"']+)["']|([^\s"'<>=`]+))|<[a-z][a-z0-9]*\s(?:[^>]*?\s)?id\s*=\s*(?:["']([^"']+)["']|([^\s"'<>=`]+))"#)
            .expect("static regex")
    });
    for caps in re.captures_iter(html) {
        if let Some(id) = (1..=4).find_map(|i| caps.get(i)) {
            out.push(id.as_str().to_string());
        }
    }
}

/// The `<code>` and `<pre>` elements of raw HTML in `html` (the file's text at `base`): each
/// one closed here goes to `close` as the file's bytes it spans, from its opening tag through
/// its own closing one. `open` carries an element opened in an earlier piece of HTML of the
/// same block (an HTML block comes a line at a time; inline HTML a tag at a time).
pub fn html_code(
    html: &str,
    base: usize,
    open: &mut Option<(usize, &'static str)>,
    mut close: impl FnMut(Range<usize>),
) {
    let bytes = html.as_bytes();
    for i in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[i + 1..];
        match *open {
            None => *open = code_tag(rest).map(|name| (base + i, name)),
            // A second opening of the element: the first was never closed.
            Some((_, name)) if code_tag(rest) == Some(name) => *open = Some((base + i, name)),
            Some((start, name)) => {
                if rest.first() == Some(&b'/') && code_tag(&rest[1..]) == Some(name) {
                    let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |j| i + 1 + j + 1);
                    close(start..base + end);
                    *open = None;
                }
            }
        }
    }
}

/// The element `tag` (the bytes after `<` or `</`) names when it is `code` or `pre`.
fn code_tag(tag: &[u8]) -> Option<&'static str> {
    ["code", "pre"].into_iter().find(|name| {
        let n = name.len();
        tag.get(..n)
            .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            && tag
                .get(n)
                .is_none_or(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
    })
}

/// The GitHub-style anchor of a heading: lowercase, punctuation dropped, spaces to `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            // What the Unicode rule below gives for ASCII, without its case tables.
            match c {
                'a'..='z' | '0'..='9' | '-' | '_' => out.push(c),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                ' ' => out.push('-'),
                _ => {}
            }
        } else if c.is_alphanumeric() {
            out.push(c.to_lowercase().next().unwrap_or(c));
        }
    }
    out
}

/// How many words a label's value needs, ending as a sentence ends, to be prose.
const PROSE_VALUE_WORDS: usize = 8;

/// Whether the value of a [`metadata_line`] is prose, a sentence or more after its label
/// (`**Validation**: Confirmed. Line 17 of store.rs returns early.`), rather than a field's
/// value (`**Date**: 2026-02-19`, `**Status**: Complete`, `**Branch**: T-37/reports`): eight
/// words or more, ending as a sentence ends. Such a line is read as prose as well as a label.
pub fn value_is_prose(value: &str) -> bool {
    let end = value.trim_end_matches(['*', '_', '"', '\'', ')', '\u{201D}', '\u{2019}', '`']);
    end.ends_with(['.', '!', '?']) && count_words(value) >= PROSE_VALUE_WORDS
}

/// What a [`metadata_line`] starts with: white space, a list marker, emphasis, the key (group
/// 1) and its colon.
const METADATA_HEAD: &str = r"\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 _/()&.-]{0,40}?)(?:\*\*:|__:|:\*\*|:__|:)(?:\*\*|__)?";

/// How long a line must be for [`metadata_line`] to read its head alone (on short lines the
/// whole pattern costs less than the head's search).
const LONG_LINE: usize = 40;

/// A [`metadata_line`]: its head, then the value (group 2) and white space to the end.
static METADATA_LINE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!(r"^{METADATA_HEAD}(?:\s+(.*?))?\s*$"));

/// A `Key: value` line, also written `**Key**: value`, `**Key:** value` or as a list item.
/// Returns the key and the value with emphasis markers trimmed.
pub fn metadata_line(line: &str) -> Option<(String, String)> {
    // A match starts at the line start and holds before its colon only whitespace, a list
    // marker, emphasis and key characters, none of them `:`: so the line's first `:` ends the
    // key, and every byte before it is one of those (or non-ASCII: Unicode whitespace). A key
    // is at most ~45 characters plus markup: that colon comes within 65 bytes. Most prose
    // lines fail this test in a few bytes.
    const BEFORE_COLON: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric()
                || c >= 0x80
                || matches!(
                    c,
                    b'\t'
                        ..=b'\r'
                            | b' '
                            | b'_'
                            | b'/'
                            | b'('
                            | b')'
                            | b'&'
                            | b'.'
                            | b'-'
                            | b'*'
                            | b'+'
                );
            b += 1;
        }
        t
    };
    let head = &line.as_bytes()[..line.len().min(65)];
    // A vector search (`contains` reads a word at a time): most lines end here.
    memchr::memchr(b':', head)?;
    if !head
        .iter()
        .take_while(|&&b| b != b':')
        .all(|&b| BEFORE_COLON[usize::from(b)])
    {
        return None;
    }
    static HEAD: OnceLock<Regex> = OnceLock::new();
    static RE: OnceLock<Regex> = OnceLock::new();
    let whole = |line| {
        let re = RE.get_or_init(|| Regex::new(&METADATA_LINE).expect("static regex"));
        let caps = re.captures(line)?;
        Some((
            caps.get(1)?.as_str(),
            caps.get(2).map_or("", |m| m.as_str()),
        ))
    };
    // The whole pattern's captures cost in proportion to the line: a long line's label is
    // read alone (the head), and its value by hand. The pattern takes the label's first way
    // of matching (in the order its alternatives and repetitions are tried) whose rest reads
    // as a value: nothing, or white space and then one line; when this rest does not, the
    // line is searched whole (a later way may match).
    let (key, value) = if line.len() > LONG_LINE && !line.contains('\n') {
        let head =
            HEAD.get_or_init(|| Regex::new(&format!("^{METADATA_HEAD}")).expect("static regex"));
        let caps = head.captures(line)?;
        let rest = &line[caps.get(0)?.end()..];
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            (caps.get(1)?.as_str(), rest.trim())
        } else {
            whole(line)?
        }
    } else {
        whole(line)?
    };
    let key = key.trim();
    if key.is_empty() || key.split_whitespace().count() > 5 {
        return None;
    }
    let value = value.trim().trim_matches(|c| c == '*' || c == '_').trim();
    Some((key.to_string(), value.to_string()))
}

/// `w` cut into words where a script without spaces starts or stops, each of its characters
/// a word of its own: "API设计" is `API`, `设`, `计`. A name in such a script then matches
/// inside a longer heading as an English one does ("摘要" in "执行摘要", "Summary" in
/// "Executive Summary").
fn unspaced_words(w: &str) -> impl Iterator<Item = &str> {
    let mut rest = w;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let end = if rest.is_ascii() {
            // Most words: whole, without a search for such a character.
            rest.len()
        } else if unspaced(first) {
            first.len_utf8()
        } else {
            rest.find(unspaced).unwrap_or(rest.len())
        };
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// Lowercase words of a heading or section name, numbering and punctuation dropped and a
/// plural `s` removed, so "2. Key findings:" and "Key Finding" compare equal. Chinese and
/// Japanese text is a word per character ([`unspaced_words`]).
pub fn heading_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(unspaced_words)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            // ASCII (most words) lowercases without the Unicode tables, to the same text.
            let mut w = if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase()
            };
            // A plural's stem, cut in place.
            if let Some(stem) = w.strip_suffix('s')
                && stem.len() > 2
                && !stem.ends_with('s')
            {
                w.truncate(stem.len());
            }
            w
        })
        .collect()
}

/// Whether a heading answers to `wanted` (one alternative, no `|`): the same words, the
/// words inside a longer heading ("Sources" in "Sources and further reading"), or a typo
/// (edit distance up to one per eight characters).
pub fn heading_matches(heading: &str, wanted: &str) -> bool {
    heading_words_match_loose(&Words::new(heading), &Words::new(wanted))
}

/// The words of a heading or name ([`heading_words`]), with what matching them needs
/// precomputed: a hash per word, and the byte and character length of the words joined.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words {
    pub words: Vec<String>,
    hashes: Vec<u64>,
    bytes: usize,
    chars: usize,
    /// The characters of the words, a bit per letter or digit, the rest sharing a few bits.
    set: u64,
}

impl Words {
    /// Splits `text` with [`heading_words`].
    pub fn new(text: &str) -> Self {
        Self::from(heading_words(text))
    }

    /// A hash of each word (equal words, equal hashes).
    pub fn word_hashes(&self) -> &[u64] {
        &self.hashes
    }

    /// Characters and bytes of the words joined with single spaces, and the set of their
    /// characters (a bit per letter or digit, the rest sharing a few bits).
    pub fn shape(&self) -> (usize, usize, u64) {
        (self.chars, self.bytes, self.set)
    }
}

impl From<Vec<String>> for Words {
    fn from(words: Vec<String>) -> Self {
        let gaps = words.len().saturating_sub(1);
        let bytes = words.iter().map(String::len).sum::<usize>() + gaps;
        let chars = words.iter().map(|w| w.chars().count()).sum::<usize>() + gaps;
        let hashes = words.iter().map(|w| word_hash(w)).collect();
        let mut set = 0u64;
        for c in words.iter().flat_map(|w| w.chars()) {
            let bit = match c {
                'a'..='z' => c as u32 - 'a' as u32,
                '0'..='9' => 26 + c as u32 - '0' as u32,
                _ => 36 + c as u32 % 28,
            };
            set |= 1 << bit;
        }
        Words {
            words,
            hashes,
            bytes,
            chars,
            set,
        }
    }
}

impl Words {
    fn is_ascii(&self) -> bool {
        self.bytes == self.chars
    }

    /// How many words these are as a reader counts them: two Chinese or Japanese characters
    /// (each a word here, [`unspaced_words`]) make about one word.
    pub fn len_as_words(&self) -> usize {
        if self.is_ascii() {
            return self.words.len();
        }
        let single = |w: &String| w.chars().next().is_some_and(unspaced);
        let chars = self.words.iter().filter(|w| single(w)).count();
        self.words.len() - chars + chars.div_ceil(2)
    }
}

/// FNV-1a of a word: equal words, equal hashes (a match is confirmed on the words).
fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// [`heading_matches`] on words already split (`have` for the heading, `want` for the wanted
/// name).
pub fn heading_words_match_loose(have: &Words, want: &Words) -> bool {
    words_match(have, want, false)
}

/// [`heading_matches`] on words already split (`have` for the heading, `want` for the wanted
/// name), for callers that compare many pairs. A typo also needs the joined words to differ
/// in length by at most the edit budget (in bytes).
pub fn heading_words_match(have: &Words, want: &Words) -> bool {
    words_match(have, want, true)
}

fn words_match(have: &Words, want: &Words, byte_budget: bool) -> bool {
    let n = want.words.len();
    if n == 0 {
        return false;
    }
    // The same words, or the words inside a longer heading.
    if have.words.len() >= n
        && have
            .hashes
            .windows(n)
            .enumerate()
            .any(|(i, w)| w == want.hashes.as_slice() && have.words[i..i + n] == want.words[..])
    {
        return true;
    }
    // A typo: the budget, then cheap length bounds, before joining and an edit distance.
    let budget = want.chars / 8;
    if budget == 0 {
        return false;
    }
    if byte_budget && have.bytes.abs_diff(want.bytes) > budget {
        return false;
    }
    // `edit_distance` gives up (MAX) on more than three characters of length difference,
    // and the distance is at least the difference.
    if have.chars.abs_diff(want.chars) > budget.min(3) {
        return false;
    }
    // Characters one side has and the other lacks bound the edit distance from below.
    if have.is_ascii() && want.is_ascii() {
        // `want`'s characters counted, then each of `have`'s takes one that is left or is
        // extra: the extra ones are those `have` has more of, and what `want` has left (its
        // length less the ones taken) those it lacks. Only the bytes the words hold are read.
        let mut left = [0u32; 128];
        for w in &want.words {
            w.bytes().for_each(|b| left[usize::from(b)] += 1);
        }
        let gaps = |w: &Words| w.words.len().saturating_sub(1);
        left[usize::from(b' ')] += gaps(want) as u32;
        let mut extra = 0;
        let mut take = |b: u8| match &mut left[usize::from(b)] {
            0 => extra += 1,
            n => *n -= 1,
        };
        for w in &have.words {
            w.bytes().for_each(&mut take);
        }
        (0..gaps(have)).for_each(|_| take(b' '));
        let taken = have.bytes - extra;
        let lacking = want.bytes - taken;
        if extra.max(lacking) > budget {
            return false;
        }
    }
    let (a, b) = (have.words.join(" "), want.words.join(" "));
    edit_distance(&a, &b) <= budget
}

/// Whether a heading answers to any `|`-separated alternative of `spec`.
pub fn heading_matches_any(heading: &str, spec: &str) -> bool {
    spec.split('|').any(|alt| heading_matches(heading, alt))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `url`, closing a text after `before`, is the object of its sentence ("For more
/// details, see https://github.com/org/repo/pull/1243"): a bare web address after three words
/// or more, whose path ends as a whole address does: on a number (an issue, a pull request, a
/// comment), a file name with its extension, or `/`. Writers leave the full stop off a
/// closing URL so that it cannot be read as part of the link; an address cut inside a word
/// (`.../kubernetes/kuber`) is still a cut.
pub fn object_url(before: &str, url: &str) -> bool {
    let Some((host, path)) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .and_then(|r| r.split_once('/'))
    else {
        return false;
    };
    let last = path.rsplit('/').next().unwrap_or("");
    let extension = last.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    host.contains('.')
        && !path.is_empty()
        && (path.ends_with(|c: char| c.is_ascii_digit() || c == '/') || extension)
        && count_words(before) >= 3
}

/// Whether `word`, the last word of a text, is only the start of a word: `before` (the text
/// before its line) never uses it whole but uses it as the start of a longer word (`ava` of
/// `available`; two letters more, so a plural is no longer word), or it is a single lowercase
/// letter other than `a`.
pub fn is_fragment(before: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if word.chars().count() == 1 {
        return !matches!(lower.as_str(), "a" | "i") && word.chars().all(char::is_lowercase);
    }
    // Acronyms and names in capitals are whole words however short.
    if word.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return false;
    }
    let words: HashSet<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .collect();
    !words.contains(&lower)
        && words
            .iter()
            .any(|w| w.len() >= lower.len() + 2 && w.starts_with(lower.as_str()))
}

/// Whether the last word of `line` is a unit of time or size after a number (`65 s`, `12
/// ms`, `3 GB`).
pub fn after_number(line: &str) -> bool {
    const UNITS: [&str; 11] = ["s", "ms", "µs", "ns", "h", "kb", "mb", "gb", "tb", "k", "x"];
    let mut words = line.split_whitespace().rev();
    let unit = words.next().unwrap_or("").to_lowercase();
    UNITS.contains(&unit.as_str())
        && words
            .next()
            .is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
