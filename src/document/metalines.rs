//! Metadata lines (`Key: value`, `**Key**: value`, as list items too) of a parsed document:
//! each line of a paragraph or list item read once by [`text::metadata_line`].

use std::collections::BTreeMap;
use std::ops::Range;

use super::markdown::{Document, Meta, MetaSource};
use super::text;

/// How many bytes front matter keys the text does not spell may read in all.
const MISSES_READ: usize = 1 << 26;

impl Document<'_> {
    /// Reads each line of the paragraph at `span` as a metadata line once: those that are go
    /// to `found` (for [`Document::collect_metadata_lines`]); returns whether every line that
    /// is not blank is one (the paragraph is `meta_only`).
    pub(super) fn paragraph_metadata(&self, span: &Range<usize>, found: &mut Vec<Meta>) -> bool {
        let Some(source) = self.text.get(span.clone()) else {
            // No source: no lines, every one of them metadata (as `all` of nothing).
            return true;
        };
        let mut meta_only = true;
        if source.is_empty() {
            return meta_only;
        }
        // The lines as `split_inclusive('\n')` cuts them, from the line index (as for list
        // items below): no search for their ends.
        let starts = self.lines.starts();
        let first = starts.partition_point(|&s| s <= span.start);
        let ends = starts[first..].iter().take_while(|&&s| s < span.end);
        let mut offset = span.start;
        for &end in ends.chain(std::iter::once(&span.end)) {
            let piece = &source[offset - span.start..end - span.start];
            let line = piece.trim_end_matches(['\r', '\n']);
            match text::metadata_line(line) {
                Some((key, value)) => {
                    // A label leading a sentence is prose as well.
                    meta_only &= !text::value_is_prose(&value);
                    found.push(Meta {
                        key,
                        value,
                        offset,
                        source: MetaSource::Line,
                    });
                }
                None => meta_only &= line.trim().is_empty(),
            }
            offset = end;
        }
        meta_only
    }

    /// The metadata lines of paragraphs (read by [`Document::paragraph_metadata`] during the
    /// walk: `paragraph_meta`) and of list items, one per line offset, in offset order.
    pub(super) fn collect_metadata_lines(&mut self, paragraph_meta: Vec<Meta>) {
        let mut found: BTreeMap<usize, Meta> = BTreeMap::new();
        for m in paragraph_meta {
            found.entry(m.offset).or_insert(m);
        }
        let starts = self.lines.starts();
        // Paragraph spans, in order: a list item's line that starts inside one is one of the
        // paragraph's lines (the same text), already read.
        let paragraphs = &self.paragraphs;
        for (span, _) in &self.list_items {
            if self.text.get(span.clone()).is_none() {
                continue;
            }
            // The span's lines as `split_inclusive('\n')` cuts them, from the line index.
            let first = starts.partition_point(|&s| s <= span.start);
            let ends = starts[first..].iter().take_while(|&&s| s < span.end);
            let mut offset = span.start;
            let mut p = paragraphs.partition_point(|r| r.span.end <= offset);
            for &end in ends.chain(std::iter::once(&span.end)) {
                while paragraphs.get(p).is_some_and(|r| r.span.end <= offset) {
                    p += 1;
                }
                let read = paragraphs.get(p).is_some_and(|r| r.span.start <= offset);
                let line = self.text.get(offset..end).unwrap_or("");
                if !read
                    && let Some((key, value)) =
                        text::metadata_line(line.trim_end_matches(['\r', '\n']))
                {
                    found.entry(offset).or_insert(Meta {
                        key,
                        value,
                        offset,
                        source: MetaSource::Line,
                    });
                }
                offset = end;
            }
        }
        self.metadata.extend(found.into_values());
    }

    pub(super) fn frontmatter_meta(&mut self, yaml: &str, first_line: usize) {
        let base = self.lines.line_start(first_line).unwrap_or(0);
        // Most frontmatter is `key: text` lines: read without the YAML parser (same result).
        if let Some(pairs) = crate::yaml::plain_string_map(yaml) {
            for (key, value) in pairs {
                // The key starts its line: its own place, a slice of `yaml`.
                let offset = base + (key.as_ptr() as usize - yaml.as_ptr() as usize);
                self.metadata.push(Meta {
                    key: key.to_string(),
                    value: value.to_string(),
                    offset,
                    source: MetaSource::Frontmatter,
                });
            }
            return;
        }
        let Ok(map) = crate::yaml::parse::<indexmap::IndexMap<String, serde_json::Value>>(
            yaml,
            first_line.saturating_sub(1),
        ) else {
            return;
        };
        // Each key is looked for after the one before (in the text's order, as the map keeps
        // them), so the text is read once, not once per key. A key the text does not spell
        // (escaped, merged in) reads it to the end: past 64 MB of such reads (thousands of
        // such keys, never a real front matter), the keys left take the start, unsought.
        let (mut from, mut misses) = (0, 0);
        for (key, value) in map {
            let value = match value {
                // A list of names or tags reads as the names (`authors: [a, b]`), not as
                // JSON, whose brackets look like a `[placeholder]`.
                serde_json::Value::Array(items) if items.iter().all(is_scalar) => {
                    let texts: Vec<String> = items.into_iter().map(scalar_text).collect();
                    texts.join(", ")
                }
                other => scalar_text(other),
            };
            let found = (misses <= MISSES_READ)
                .then(|| yaml[from..].find(key.as_str()))
                .flatten();
            let offset = match found {
                Some(at) => {
                    from += at + key.len();
                    base + from - key.len()
                }
                None => {
                    misses += yaml.len() - from;
                    base
                }
            };
            self.metadata.push(Meta {
                key,
                value,
                offset,
                source: MetaSource::Frontmatter,
            });
        }
    }

    /// The `key = value` pairs of TOML front matter ([`super::frontmatter::split_toml`]).
    pub(super) fn toml_meta(&mut self, pairs: Vec<(String, String, usize)>) {
        self.metadata
            .extend(pairs.into_iter().map(|(key, value, offset)| Meta {
                key,
                value,
                offset,
                source: MetaSource::Frontmatter,
            }));
    }
}

fn is_scalar(v: &serde_json::Value) -> bool {
    !v.is_array() && !v.is_object()
}

/// A front matter value as text: a string without quotes, nothing for null, anything else
/// as JSON.
fn scalar_text(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
