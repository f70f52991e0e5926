//! Splits a markdown file into its YAML frontmatter and body the way Claude Code does: the
//! file must start with a `---` line and the block ends at the next `---` line. Handles a
//! byte-order mark and CRLF line endings; never panics.

/// The frontmatter block and the body after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frontmatter<'a> {
    /// YAML text between the fences (without them).
    pub yaml: &'a str,
    /// 1-based file line of the first YAML line (the line after the opening fence).
    pub yaml_line: usize,
    /// The markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the text given to [`split`].
    pub body_offset: usize,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// What the start of a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split<'a> {
    /// The file does not start with a `---` line.
    Missing,
    /// An opening `---` with no closing one; `line` is the opening line (1-based).
    Unterminated {
        line: usize,
    },
    Found(Frontmatter<'a>),
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// TOML front matter as static site generators write it (Hugo, Zola): a first line `+++`,
/// then `key = value` lines up to the next `+++` line. Review reads it as it reads YAML front
/// matter; Claude Code does not (agent definitions use [`split`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlFront {
    /// Byte offset of the body, after the closing `+++` line.
    pub body_offset: usize,
    /// Each top-level `key = value` before the first `[table]`: the key, the value (a
    /// string's text without its quotes, an array of strings as the strings joined by ", ",
    /// anything else as written) and the key's offset.
    pub pairs: Vec<(String, String, usize)>,
}

/// Splits off TOML front matter, if `text` (past a BOM) starts with a `+++` line that a later
/// `+++` line closes.
pub fn split_toml(text: &str) -> Option<TomlFront> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut at = bom;
    let mut lines = text[bom..].split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    at += first.len();
    let (mut pairs, mut in_table) = (Vec::new(), false);
    for line in lines {
        let start = at;
        at += line.len();
        let l = line.trim();
        if l == "+++" {
            return Some(TomlFront {
                body_offset: at,
                pairs,
            });
        }
        in_table |= l.starts_with('[');
        let Some((key, value)) = l.split_once('=').filter(|_| !in_table) else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            continue;
        }
        let value = value.trim();
        let text = toml_strings(value).unwrap_or_else(|| {
            ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
                .unwrap_or(value)
                .to_string()
        });
        let offset = start + (line.len() - line.trim_start().len());
        pairs.push((key.to_string(), text, offset));
    }
    None
}

/// An inline array of quoted strings without escapes (`["Ana", 'Bo']`) as the strings joined
/// by ", " (as a YAML list reads): a list of authors is names, not a `[placeholder]`.
fn toml_strings(value: &str) -> Option<String> {
    let mut rest = value.strip_prefix('[')?.strip_suffix(']')?.trim();
    let mut items = Vec::new();
    while !rest.is_empty() {
        let quote = rest.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let end = rest[1..].find(quote)? + 1;
        let item = &rest[1..end];
        if item.contains('\\') {
            return None;
        }
        items.push(item);
        rest = rest[end + 1..].trim_start();
        rest = match rest.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if rest.is_empty() => rest,
            None => return None,
        };
    }
    Some(items.join(", "))
}

/// Splits `text` (a leading BOM is skipped).
pub fn split(text: &str) -> Split<'_> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let mut lines = rest.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Split::Missing;
    };
    if !is_fence(first) || !first.starts_with("---") {
        return Split::Missing;
    }
    let yaml_start = bom + first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if is_fence(line) {
            let body_offset = offset + line.len();
            return Split::Found(Frontmatter {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_offset,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Split::Unterminated { line: 1 }
}

#[cfg(test)]
mod tests {

    #[test]
    fn toml_front_matter_splits_off_with_its_top_level_pairs() {
        let text = "+++\ntitle = \"Announcing Rust 1.66.1\"\nauthors = [\"The Release Team\"]\ndate = 2023-01-10\nlabel = 'draft'\n\n[extra]\nrelease = true\n+++\n\nBody.\n";
        let fm = split_toml(text).unwrap();
        assert_eq!(&text[fm.body_offset..], "\nBody.\n");
        let pairs: Vec<(&str, &str)> = fm
            .pairs
            .iter()
            .map(|(k, v, _)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("title", "Announcing Rust 1.66.1"),
                ("authors", "The Release Team"),
                ("date", "2023-01-10"),
                ("label", "draft"),
            ]
        );
        assert_eq!(&text[fm.pairs[0].2..][..5], "title");
        // Unclosed, or not at the start: no front matter.
        assert_eq!(split_toml("+++\ntitle = \"x\"\n\nBody.\n"), None);
        assert_eq!(split_toml("Body.\n+++\na = 1\n+++\n"), None);
        assert!(split_toml("\u{feff}+++\r\na = 1\r\n+++\r\nBody.\r\n").is_some());
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_lf_and_crlf() {
        for text in [
            "---\nname: a\n---\nbody\n",
            "---\r\nname: a\r\n---\r\nbody\r\n",
        ] {
            let Split::Found(fm) = split(text) else {
                panic!("no frontmatter in {text:?}")
            };
            assert_eq!(fm.yaml.trim_end(), "name: a");
            assert_eq!(fm.yaml_line, 2);
            assert_eq!(fm.body.trim_end(), "body");
            assert_eq!(fm.body_line, 4);
            assert_eq!(&text[fm.body_offset..], fm.body);
        }
    }

    #[test]
    fn bom_is_skipped() {
        let Split::Found(fm) = split("\u{feff}---\nname: a\n---\n") else {
            panic!("BOM hid the frontmatter")
        };
        assert_eq!(fm.yaml, "name: a\n");
        assert_eq!(fm.body, "");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split(""), Split::Missing);
        assert_eq!(split("# Title\n---\n"), Split::Missing);
        assert_eq!(split("----\nx\n----\n"), Split::Missing);
        assert_eq!(split("---\nname: a\n"), Split::Unterminated { line: 1 });
        assert_eq!(split("---"), Split::Unterminated { line: 1 });
    }

    #[test]
    fn empty_block() {
        let Split::Found(fm) = split("---\n---\nx") else {
            panic!()
        };
        assert_eq!(fm.yaml, "");
        assert_eq!(fm.body, "x");
    }

    proptest! {
        #[test]
        fn never_panics_and_slices_are_consistent(text in "\\PC*(---\r?\n)?\\PC*(\n---\n)?\\PC*") {
            if let Split::Found(fm) = split(&text) {
                prop_assert_eq!(&text[fm.body_offset..], fm.body);
                prop_assert!(fm.body_line >= 3);
            }
        }
    }
}
