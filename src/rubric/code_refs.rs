//! The `code-refs` structure of the lexicon: `path:line` references to code (`src/a.rs:42`,
//! `lib.rs:10-20`, `#L42` anchors), counted in prose and in inline code spans, where reviews
//! usually write them, but not inside code blocks (a stack trace is not a citation) nor in
//! URLs (`host.example:8080`).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;

/// Distinct references a document needs for the structure to be found.
const MIN_REFS: usize = 2;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)[\w./-]+\.[A-Za-z][A-Za-z0-9]{0,5}:\d+|#L\d+")
            .expect("code-refs pattern")
    })
}

/// Where the first of at least [`MIN_REFS`] distinct code references is, or `None`.
pub(crate) fn find(doc: &Document) -> Option<usize> {
    let text = doc.text;
    let mut seen: Vec<&str> = Vec::new();
    let mut first = None;
    for m in pattern().find_iter(text) {
        if m.start() < doc.body_start
            || doc.code_blocks.iter().any(|c| c.span.contains(&m.start()))
            || in_url(text, m.start())
        {
            continue;
        }
        first.get_or_insert(m.start());
        if !seen.contains(&m.as_str()) {
            seen.push(m.as_str());
            if seen.len() >= MIN_REFS {
                return first;
            }
        }
    }
    None
}

/// Whether `at` is inside a URL: the word it is in has `://` before it. Only the 4 KB before
/// `at` are read (a URL is shorter): a line of thousands of file names stays linear.
pub(crate) fn in_url(text: &str, at: usize) -> bool {
    let before = &text[super::leftover_context::back(text, at, 4096)..at];
    // After the separator, which may be more than one byte (NBSP, U+3000).
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || matches!(c, '`' | '(' | '<' | '[' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[word_start..].contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_inline_code_count_but_not_in_blocks_or_urls() {
        let review = "# Review\n\n**`src/a.rs:82-99`**: the stash is lost.\n\nAlso `lib.rs:10`.\n";
        assert!(find(&Document::parse(review)).is_some());
        let one = "# Review\n\n`src/a.rs:82` twice: `src/a.rs:82`.\n";
        assert_eq!(find(&Document::parse(one)), None);
        let trace = "# Crash\n\n```\nat src/a.rs:10\nat src/b.rs:20\n```\n";
        assert_eq!(find(&Document::parse(trace)), None);
        let urls = "# Setup\n\nOpen http://localhost.example:8080 and https://x.example:9090/a.\n";
        assert_eq!(find(&Document::parse(urls)), None);
    }

    #[test]
    fn a_word_after_unicode_white_space_starts_after_it() {
        // A fuzzed input once sliced inside the NBSP or U+2008 before a file name.
        for space in ['\u{a0}', '\u{2008}', '\u{3000}'] {
            let text = format!("Edit{space}main.rs and see{space}https://x.example/a.rs");
            let at = text.find("main.rs").unwrap();
            assert!(!in_url(&text, at), "{space:?}");
            assert!(in_url(&text, text.find("a.rs").unwrap()), "{space:?}");
            let doc = format!("{space}s.rs");
            assert!(!in_url(&doc, space.len_utf8()));
        }
        let rubric = crate::rubric::load("generic", None).unwrap();
        let doc = Document::parse("# Notes\n\nEdit\u{a0}main.rs now.\n");
        let card = crate::rubric::score::score(&rubric, &doc, &Default::default());
        assert!((0.0..=100.0).contains(&card.score));
    }
}
