//! Findings as data. A [`Diagnostic`] is something wrong with a user's file (a lint finding,
//! a rubric miss); it is collected, sorted and rendered, never thrown. Operational failures
//! are `anyhow` errors instead.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a finding is. Ordered from the most to the least severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding in one file: a lint finding, a rubric miss, a located configuration error.
/// Lines and columns are 1-based; 0 means "the whole file". Review findings also carry the
/// rubric check that found them and the points that check cost, so every format can rank them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The rubric check (its id in the rubric) that reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Points of the 0-100 score its check lost (shared by the check's findings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<f64>,
}

impl Diagnostic {
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            column: 0,
            code: code.into(),
            severity,
            message: message.into(),
            fix: None,
            check: None,
            impact: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Marks a review finding: the rubric check that found it and the points it cost.
    pub fn from_check(mut self, check: impl Into<String>, impact: f64) -> Self {
        self.check = Some(check.into());
        self.impact = Some(impact);
        self
    }

    /// The points its check cost; 0 for findings that are not from a scored check.
    pub fn points(&self) -> f64 {
        self.impact.unwrap_or(0.0)
    }

    /// The fix, or an empty string.
    pub fn fix_text(&self) -> &str {
        self.fix.as_deref().unwrap_or_default()
    }

    /// The order findings are printed in: by path, position, then severity and code.
    pub fn sort_key(&self) -> (&PathBuf, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.code,
        )
    }
}

/// Sorts findings so output is deterministic.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then(a.message.cmp(&b.message))
    });
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // `memchr` searches with vector instructions: several times faster than a byte or
        // word loop on lines of ordinary length. Markdown's lines (blank ones included) average
        // 30-60 bytes: this reserve is outgrown once or twice at most.
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Byte offsets where lines start, in order (0 first).
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and column of a byte offset in `text` (the text the index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line, col + 1)
    }

    /// A reader of [`line_col`](Self::line_col) for many offsets of `text`: an offset after
    /// the last one asked about, on its line, counts only the characters between them (a line
    /// of thousands of findings is not counted from its start for each).
    pub fn cursor<'i>(&'i self, text: &'i str) -> LineCursor<'i> {
        LineCursor {
            index: self,
            text,
            last: None,
        }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// See [`LineIndex::cursor`].
#[derive(Debug)]
pub struct LineCursor<'i> {
    index: &'i LineIndex,
    text: &'i str,
    /// The last offset asked about, its line and column.
    last: Option<(usize, usize, usize)>,
}

impl LineCursor<'_> {
    /// 1-based line and column of a byte offset, as [`LineIndex::line_col`] gives them.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let found = match self.last {
            Some((at, line, col))
                if at <= offset
                    && self.index.line(offset) == line
                    && text.is_char_boundary(at)
                    && text.is_char_boundary(offset.min(text.len())) =>
            {
                let end = offset.min(text.len());
                (line, col + text[at.min(end)..end].chars().count())
            }
            _ => self.index.line_col(text, offset),
        };
        self.last = Some((offset, found.0, found.1));
        found
    }
}

/// Lowercase, without `_`, `-` and spaces: `Web_Search` and `websearch` fold alike.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Did you mean": the candidate closest to `word` after folding case, `_`, `-` and spaces,
/// if it is close enough: an exact folded match, or within a third of the word's length (at
/// most 3 edits, none for words under 3 characters). Transposed neighbours count as one edit
/// (optimal string alignment, from `strsim`), so `Grpe` finds `Grep`.
pub fn nearest<'a, S: AsRef<str> + ?Sized + 'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a S>,
) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    let folded = fold(word);
    let len = folded.chars().count();
    // Short words are one edit from everything; only an exact folded match helps there.
    let limit = if len < 3 { 0 } else { (len / 3).clamp(1, 3) };
    candidates
        .into_iter()
        .map(|c| {
            let c = c.as_ref();
            (strsim::osa_distance(&folded, &fold(c)), c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets() {
        let text = "ab\ncdé\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 7), (2, 4));
        assert_eq!(idx.line_col(text, 8), (3, 1));
        assert_eq!(idx.line_col(text, 9), (4, 1));
        assert_eq!(idx.line_count(), 4);
    }

    proptest::proptest! {
        /// The vector search finds every newline and nothing else.
        #[test]
        fn line_starts_are_the_bytes_after_newlines(text in r"[a\n\x0b\x{8a}\x{a0a}é]{0,40}") {
            let mut want = vec![0];
            want.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            let index = LineIndex::new(&text);
            proptest::prop_assert_eq!(index.starts(), &want[..]);
        }

        /// A cursor reading offsets in any order (on and off character boundaries, past the
        /// end) answers as the index does for each.
        #[test]
        fn a_cursor_answers_as_the_index(
            text in r"[a\né]{0,30}",
            offsets in proptest::collection::vec(0usize..40, 0..12),
            sorted in proptest::bool::ANY,
        ) {
            let index = LineIndex::new(&text);
            let mut offsets = offsets;
            if sorted {
                offsets.sort_unstable();
            }
            let mut cursor = index.cursor(&text);
            for at in offsets {
                proptest::prop_assert_eq!(cursor.line_col(at), index.line_col(&text, at), "at {}", at);
            }
        }
    }

    #[test]
    fn nearest_finds_close_names_only() {
        assert_eq!(
            nearest("Web_Search", ["WebSearch", "WebFetch"]),
            Some("WebSearch")
        );
        assert_eq!(
            nearest("sonet", ["sonnet", "opus", "haiku"]),
            Some("sonnet")
        );
        assert_eq!(nearest("Grpe", ["Grep", "Glob"]), Some("Grep"));
        assert_eq!(nearest("banana", ["sonnet", "opus"]), None);
        assert_eq!(nearest("x", ["y"]), None);
        assert_eq!(nearest("LS", ["ls"]), Some("ls"));
    }

    #[test]
    fn sort_orders_by_path_then_line() {
        let mut d = vec![
            Diagnostic::new("B", Severity::Info, "b.md", "x").at(1, 1),
            Diagnostic::new("A", Severity::Error, "a.md", "y").at(9, 1),
            Diagnostic::new("A", Severity::Error, "a.md", "z").at(2, 1),
        ];
        sort(&mut d);
        let order: Vec<_> = d
            .iter()
            .map(|d| (d.path.to_str().unwrap(), d.line))
            .collect();
        assert_eq!(order, [("a.md", 2), ("a.md", 9), ("b.md", 1)]);
    }
}
