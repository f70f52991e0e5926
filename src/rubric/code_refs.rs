//! The `code-refs` structure of the lexicon: `path:line` references to code (`src/a.rs:42`,
//! `lib.rs:10-20`, `#L42` anchors, or the line written apart: `a.py` ~:42, `a.py` line 42),
//! counted in prose and in inline code spans, where reviews usually write them, but not inside
//! code blocks (a stack trace is not a citation) nor in URLs (`host.example:8080`).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;

/// Distinct references a document needs for the structure to be found.
const MIN_REFS: usize = 2;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // After the file, its line: `a.rs:42`; or the line written apart from a file that
        // reads as one, in backticks or with a directory (`` `a.rs` ~:42 ``, `` `a.rs`: line
        // 42 ``, `src/a.rs (line 42)`, `` `a.rs` L42 ``; not "Node.js line 2" nor "Vue.js L10n").
        let apart = r"(?:[ \t]*~?:[ \t]*\d+|[ \t]*[,:]?[ \t]*\(?(?:(?:at|on)[ \t]+)?(?i:lines?)[ \t]+\d+|[ \t]+L\d+)(?-u:\b)";
        let ext = r"\.[A-Za-z][A-Za-z0-9]{0,5}";
        Regex::new(&format!(
            r"(?-u:\b)[\w./-]+{ext}:\d+|`[\w./-]+{ext}`{apart}|(?-u:\b)[\w.-]*/[\w./-]*{ext}{apart}|#L\d+"
        ))
        .expect("code-refs pattern")
    })
}

/// Where the first of at least [`MIN_REFS`] distinct code references is, or `None`.
pub(crate) fn find(doc: &Document) -> Option<usize> {
    let text = doc.text;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut first = None;
    for m in pattern().find_iter(text) {
        if m.start() < doc.body_start || in_block(doc, m.start()) || in_url(text, m.start()) {
            continue;
        }
        first.get_or_insert(m.start());
        let at = location(m.as_str());
        // A file named without its directory is the place a path with that name names: it
        // gives way to the path, whichever comes first (`mod.rs:10` then `src/a/mod.rs:10`
        // and `src/b/mod.rs:10` are two places).
        if let Some(bare) = seen.iter_mut().find(|s| names_bare(**s, at)) {
            *bare = at;
            continue;
        }
        if !seen.iter().any(|&s| s == at || names_bare(at, s)) {
            seen.push(at);
            if seen.len() >= MIN_REFS {
                return first;
            }
        }
    }
    None
}

/// A reference's file and line (`` `a.rs` (line 42) `` and `a.rs:42` are one place).
fn location(r: &str) -> (&str, &str) {
    let r = r.trim_start_matches('`');
    let file = r
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '/' | '-')))
        .unwrap_or(r.len());
    let digits = r[file..].trim_start_matches(|c: char| !c.is_ascii_digit());
    let line = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    (&r[..file], &digits[..line])
}

/// Whether `bare`, a reference to a file without its directory, names the line `path` names
/// (`main.rs:1` and `src/main.rs:1`). Two paths with directories are two files however they
/// end (`src/main.rs` and `crates/worker/src/main.rs`).
fn names_bare((bare, line_a): (&str, &str), (path, line_b): (&str, &str)) -> bool {
    line_a == line_b
        && !bare.contains('/')
        && path
            .strip_suffix(bare)
            .is_some_and(|dir| dir.ends_with('/'))
}

/// Whether `at` is in a code block (blocks are in the order of the text and do not overlap).
fn in_block(doc: &Document, at: usize) -> bool {
    let i = doc.code_blocks.partition_point(|c| c.span.start <= at);
    i > 0 && doc.code_blocks[i - 1].span.contains(&at)
}

/// Whether `at` is inside a URL: the word it is in has `://` before it. Only the 4 KB before
/// `at` are read (a URL is shorter): a line of thousands of file names stays linear.
pub(crate) fn in_url(text: &str, at: usize) -> bool {
    let before = &text[super::leftover_context::back(text, at, 4096)..at];
    // The word holds the last `://` when no separator (white space of any width, or an
    // opening mark) comes after it; most text has none to look for.
    memchr::memmem::rfind(before.as_bytes(), b"://").is_some_and(|i| {
        !before[i..]
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '`' | '(' | '<' | '[' | '"'))
    })
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
    fn a_line_written_apart_from_its_file_is_a_reference() {
        for review in [
            "# Review\n\n- `routers/chat.py` ~:1183 grows forever.\n- `db_pool.py` ~:53 hides errors.\n",
            "# Review\n\n- `compose.yml` :41 holds a secret.\n- `nginx.conf` :211 lies.\n",
            "# Review\n\nIn src/main.py line 42 the lock leaks; in lib/util.py (line 7) it is freed twice.\n",
            "# Review\n\nSee `a.rs` L42, and `b.rs`: Line 7.\n",
            // Two files of one name in two directories are two places, whichever order the
            // name alone comes in.
            "# Review\n\n`src/b/mod.rs:10` and `src/c/mod.rs:10` disagree.\n",
            "# Review\n\n`mod.rs:10`, that is `src/b/mod.rs:10`, and `src/c/mod.rs:10` disagree.\n",
            "# Review\n\n`src/main.rs:1` and `crates/worker/src/main.rs:1` both start up.\n",
            "# Review\n\n`xmain.py:42` and `main.py:42` differ.\n",
        ] {
            assert!(find(&Document::parse(review)).is_some(), "{review}");
        }
        // A file without a line, a number that is no line, a name that is no file, or one
        // place written twice, is not.
        for other in [
            "# Setup\n\nEdit `config.yaml` and `main.py` (2 files), version 3.\n",
            "# Setup\n\nWe run Node.js line 1 and Next.js line 2, with Vue.js L10n and React.js L10n.\n",
            "# Review\n\n`main.py` line 42 leaks; see `main.py` (line 42) and main.py:42.\n",
            "# Review\n\n`src/api/main.py:42` leaks; `main.py:42` and main.py:42 again.\n",
            "# Review\n\n`main.py:42` leaks; so does `src/api/main.py:42`.\n",
        ] {
            assert_eq!(find(&Document::parse(other)), None, "{other}");
        }
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

    proptest::proptest! {
        /// A place is in a URL when the word it is in, read back to a separator, holds `://`.
        #[test]
        fn in_a_url_when_its_word_holds_a_scheme(text in r"(?:://|:/|a|/| |\x{a0}|\(|\[|`|é)*") {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let before = &text[..at];
                let word = before
                    .char_indices()
                    .rfind(|&(_, c)| c.is_whitespace() || matches!(c, '`' | '(' | '<' | '[' | '"'))
                    .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
                proptest::prop_assert_eq!(in_url(&text, at), word.contains("://"), "at {}", at);
            }
        }
    }
}
