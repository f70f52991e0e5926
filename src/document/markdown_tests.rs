use super::*;
use proptest::prelude::*;

const SAMPLE: &str = "---\nowner: Ada\n---\n# Title\n\n**Author**: Bob\nDate: 2026-01-02\n\n## Key Findings\n\nFirst sentence here. Second one is `code` too!\n\n### One\n\n**Source**: [doc](https://example.com)\n\n- item [a](#key-findings)\n- item two\n\n```rust\nfn x() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## End <a id=\"x\"></a>\n\ntext\n";

/// TOML front matter (`+++`) is front matter, as YAML's is: its pairs are metadata and its
/// lines are not prose.
#[test]
fn toml_front_matter_reads_as_yaml_front_matter_does() {
    let body = "\n# Cache report\n\nThe cache was rewritten in May, and reads got faster.\n";
    let toml = format!(
        "+++\ntitle = \"Cache report\"\nauthor = \"Ada Lovelace\"\ndate = 2026-11-02\n+++\n{body}"
    );
    let yaml = format!(
        "---\ntitle: \"Cache report\"\nauthor: \"Ada Lovelace\"\ndate: 2026-11-02\n---\n{body}"
    );
    let (t, y) = (Document::parse(&toml), Document::parse(&yaml));
    assert_eq!(&toml[t.body_start..], &yaml[y.body_start..]);
    let pairs = |d: &Document| -> Vec<(String, String)> {
        d.metadata
            .iter()
            .map(|m| (m.key.clone(), m.value.clone()))
            .collect()
    };
    assert_eq!(pairs(&t), pairs(&y));
    assert_eq!(t.sentences.len(), y.sentences.len());
    assert_eq!(t.word_count(), y.word_count());
}

/// A front matter list of authors or tags reads as the names, in YAML and TOML alike: the
/// JSON of a list (`["Ana"]`) looked like a `[placeholder]` to the metadata check.
#[test]
fn front_matter_lists_read_as_their_items() {
    let body = "\n# Notes\n\nText.\n";
    let value = |text: &str| {
        let doc = Document::parse(text);
        let meta = doc.metadata.iter().find(|m| m.key == "authors").cloned();
        meta.map(|m| m.value)
    };
    let want = Some("Ana Lima, The Rust Team".to_string());
    assert_eq!(
        value(&format!(
            "---\nauthors:\n- Ana Lima\n- The Rust Team\n---\n{body}"
        )),
        want
    );
    assert_eq!(
        value(&format!(
            "---\nauthors: [\"Ana Lima\", 'The Rust Team']\n---\n{body}"
        )),
        want
    );
    assert_eq!(
        value(&format!(
            "+++\nauthors = [\"Ana Lima\", 'The Rust Team']\n+++\n{body}"
        )),
        want
    );
    // A list of lists, or a string with escapes, stays as written.
    assert_eq!(
        value(&format!("+++\nauthors = [[\"a\"]]\n+++\n{body}")).as_deref(),
        Some("[[\"a\"]]")
    );
    assert_eq!(
        value(&format!("+++\nauthors = [\"a \\\" b\"]\n+++\n{body}")).as_deref(),
        Some("[\"a \\\" b\"]")
    );
    assert!(crate::rubric::rules::metadata::check_value("name", want.as_deref().unwrap()).is_ok());
}

/// A list nested on its item's own line (`- - text`, `- 1) text`) holds its text once: the
/// innermost item is the prose block, so the text is split into sentences once, however deep
/// the nesting (thousands of levels on one line once took minutes).
#[test]
fn a_list_nested_on_its_items_line_is_read_once() {
    let doc = Document::parse("- - quota.go 100% covered.\n- 1) Centrally via the manager.\n");
    let texts: Vec<&str> = doc.prose_sentences().iter().map(|s| s.text).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[0], "quota.go 100% covered.");
    assert!(
        texts[1].ends_with("Centrally via the manager."),
        "{texts:?}"
    );
    let deep = format!("{}x\n{}", "* ".repeat(2000), "Word here. ".repeat(50));
    let doc = Document::parse(&deep);
    assert_eq!(doc.prose_blocks().len(), 1);
    assert_eq!(doc.prose_sentences().len(), 50);
}

#[test]
fn model_has_every_part() {
    let doc = Document::parse(SAMPLE);
    assert_eq!(doc.body_start, 19);
    let heads: Vec<_> = doc
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        heads,
        [(1, "Title"), (2, "Key Findings"), (3, "One"), (2, "End")]
    );
    assert_eq!(doc.headings[1].slug(), "key-findings");
    let keys: Vec<_> = doc
        .metadata
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("owner", "Ada"),
            ("Author", "Bob"),
            ("Date", "2026-01-02"),
            ("Source", "[doc](https://example.com)")
        ]
    );
    assert_eq!(doc.line(doc.metadata[1].offset), 6);
    assert_eq!(doc.links.len(), 2);
    assert_eq!(doc.code_blocks[0].lang.as_deref(), Some("rust"));
    assert_eq!(doc.list_items.len(), 2);
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.sentences.len(), 3);
    assert_eq!(doc.line(doc.sentences[1].offset), 11);
    assert_eq!(doc.html_anchors, ["x"]);
    assert!(doc.paragraphs.iter().any(|p| p.meta_only));
}

#[test]
fn any_tag_s_id_is_an_anchor_and_an_a_s_name() {
    let doc = Document::parse(
        "# T\n\n<span id=\"7\"></span>\n\nNote 7.\n\n<a name=\"orphan\"></a> and <div class=\"x\" id='wide'>x</div>\n",
    );
    assert_eq!(doc.html_anchors, ["7", "orphan", "wide"]);
    // Unquoted values are valid HTML.
    let doc = Document::parse("# T\n\n<a name=cmd-peek></a>\n\nText <span id=n2>x</span>.\n");
    assert_eq!(doc.html_anchors, ["cmd-peek", "n2"]);
    // Not a `data-id`, nor an id inside a comment.
    let doc =
        Document::parse("# T\n\n<div data-id=\"x\">x</div>\n\n<!-- <span id=\"y\"></span> -->\n");
    assert!(doc.html_anchors.is_empty(), "{:?}", doc.html_anchors);
}

#[test]
fn sections_and_ranges() {
    let doc = Document::parse(SAMPLE);
    let findings = doc.find_section("Key Finding|Results").expect("section");
    let subs: Vec<_> = doc.subsections(findings).map(|h| h.text.as_str()).collect();
    assert_eq!(subs, ["One"]);
    let range = Document::section_range(findings);
    assert!(doc.words_in(&range) > 8);
    assert!(doc.words_in(&doc.header_range()) >= 4);
    let code_at = SAMPLE.find("fn x").unwrap();
    assert!(doc.in_code(code_at));
    assert!(doc.in_code(SAMPLE.find("`code`").unwrap() + 1));
    assert!(!doc.in_code(SAMPLE.find("First").unwrap()));
}

#[test]
fn crlf_and_bom_are_read() {
    let text = "# T\r\n\r\n**Date**: 2026-01-02\r\n\r\n## A\r\n\r\nSome words here.\r\n";
    let doc = Document::parse(text);
    assert_eq!(doc.headings.len(), 2);
    assert_eq!(doc.metadata[0].value, "2026-01-02");
    assert_eq!(doc.line(doc.sentences[0].offset), 7);
}

proptest! {
    #[test]
    fn parse_never_panics(text in "\\PC*(\n#{1,4} [a-z ]{0,10}\n|\n- x\n|\n```\n|\\*\\*K\\*\\*: v\n|---\n|\r\n)*\\PC*") {
        let doc = Document::parse(&text);
        for h in &doc.headings {
            prop_assert!(h.span.start <= h.section_end && h.section_end <= text.len());
        }
        for s in &doc.sentences {
            prop_assert!(s.offset <= text.len());
        }
    }
}

/// (offset, text, words) of the prose sentences: built with the parse's interiors, and as
/// a split of each block's source alone.
type Rows = Vec<(usize, String, usize)>;

fn prose_both(doc: &Document) -> (Rows, Rows) {
    let row = |s: &prose::Sentence| (s.offset, s.text.to_string(), s.words);
    let fast = doc.prose_sentences().iter().map(row).collect();
    let none = crate::document::interior::Interiors::default();
    let plain = prose::build_sentences(doc.prose_blocks(), &none, 0);
    (fast, plain.iter().map(row).collect())
}

#[test]
fn prose_split_replays_chunk_interiors() {
    let text = "# T\n\nOne two three. Four *five* six! See [the e.g. docs](https://x.io/a. b) now.\nNext line `a. b` here... ok? Yes.\n\n- item one. two\n";
    let doc = Document::parse(text);
    assert!(!doc.interiors.chunks.is_empty());
    let (fast, plain) = prose_both(&doc);
    assert_eq!(fast, plain);
    assert!(fast.len() >= 6, "{fast:?}");
}

proptest! {
    /// Replaying what the parse found inside text chunks splits the prose as reading every
    /// byte of the source does, markup, escapes, entities and breaks included.
    #[test]
    fn prose_split_agrees_with_reading_the_source(
        parts in proptest::collection::vec(
            r"( [a-z]{1,5}){1,4}[.!?]?|( [a-z]{1,5}){1,3}\.\)? |[ .!?]| e\.g\. | \.\.\. |\*\*?|_|`|\[|\]\(u\. v\)|\\\.|&amp;|\n|\n\n|\n- |\n> |\{x\}|é|-|\x0b",
            0..60,
        ),
    ) {
        let text = parts.concat();
        let doc = Document::parse(&text);
        let (fast, plain) = prose_both(&doc);
        prop_assert_eq!(fast, plain);
    }
}

/// The metadata lines and `meta_only` flags as read before each line was read once: every
/// paragraph's lines by `lines()`, then every paragraph's and list item's lines again. A
/// paragraph is metadata only when each of its lines is a label whose value is not prose.
fn metadata_read_twice(doc: &Document) -> (Vec<(usize, String, String)>, Vec<bool>) {
    let meta_only = doc
        .paragraphs
        .iter()
        .map(|p| {
            doc.text
                .get(p.span.clone())
                .unwrap_or("")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .all(|l| text::metadata_line(l).is_some_and(|(_, v)| !text::value_is_prose(&v)))
        })
        .collect();
    let mut found = std::collections::BTreeMap::new();
    let spans = doc.paragraphs.iter().map(|p| p.span.clone());
    for span in spans.chain(doc.list_items.iter().map(|(s, _)| s.clone())) {
        let Some(source) = doc.text.get(span.clone()) else {
            continue;
        };
        let mut offset = span.start;
        for piece in source.split_inclusive('\n') {
            let line = piece.trim_end_matches(['\r', '\n']);
            if let Some((k, v)) = text::metadata_line(line) {
                found.entry(offset).or_insert((offset, k, v));
            }
            offset += piece.len();
        }
    }
    (found.into_values().collect(), meta_only)
}

proptest! {
    /// Reading each metadata line once finds what reading paragraphs, then list items, did.
    #[test]
    fn metadata_lines_read_once_agree(
        parts in proptest::collection::vec(
            r"\*\*[A-Z][a-z]{0,6}\*\*: [a-z ]{0,8}|\*\*Fix\*\*: flush the journal before put returns to its caller\.|[A-Z][a-z]{0,5}: ?[a-z0-9]{0,4}|[a-z ]{1,12}|\n|\n\n|\n- |\n  - |\n> |\n1. |\r|\*\*|:|\[x\]\(u\)",
            0..40,
        ),
    ) {
        let text = parts.concat();
        let doc = Document::parse(&text);
        let (want, meta_only) = metadata_read_twice(&doc);
        let have: Vec<_> = doc
            .metadata
            .iter()
            .filter(|m| m.source == MetaSource::Line)
            .map(|m| (m.offset, m.key.clone(), m.value.clone()))
            .collect();
        prop_assert_eq!(have, want);
        let flags: Vec<bool> = doc.paragraphs.iter().map(|p| p.meta_only).collect();
        prop_assert_eq!(flags, meta_only);
    }
}

#[test]
fn html_code_and_pre_elements_are_code() {
    let t = "Para with <code>a {b}</code> here.\n\n<pre><code>x = {y}\nz</code></pre>\n\nAfter <CODE>`q`</CODE> and <codex>no</codex>.\n";
    let doc = Document::parse(t);
    assert!(doc.in_code(t.find("{b}").unwrap()));
    assert!(doc.in_code(t.find("{y}").unwrap()));
    assert!(doc.in_code(t.find("`q`").unwrap() + 3));
    assert!(!doc.in_code(t.find("no<").unwrap()));
    assert!(!doc.in_code(t.find("here").unwrap()));
    assert!(!doc.in_code(t.find("After").unwrap()));
}

/// Each front matter key was placed by searching the whole front matter for it, and checked
/// against every key before it: 50,000 keys, or 20,000 quoted keys the text does not spell
/// (`"k\x61N"`), took minutes. A plain key is placed at its own line, another looked for
/// after the one before; a set finds the duplicates.
#[test]
fn front_matter_keys_are_placed_in_one_read() {
    // Its own line, though `date` is in `update` first.
    for yaml in ["update: soon\ndate: 2026-01-02\n", "update: 1\ndate: 2\n"] {
        let text = format!("---\n{yaml}---\n# T\n");
        let doc = Document::parse(&text);
        assert_eq!(doc.line(doc.metadata[1].offset), 3, "{yaml}");
    }
    let plain: String = (0..50_000).map(|n| format!("k{n}: v\n")).collect();
    let text = format!("---\n{plain}---\n# T\n");
    let doc = Document::parse(&text);
    assert_eq!(doc.line(doc.metadata[49_999].offset), 50_001);
    let quoted: String = (0..20_000).map(|n| format!("\"k\\x61{n}\": v\n")).collect();
    let text = format!("---\n{quoted}---\n# T\n");
    let doc = Document::parse(&text);
    assert_eq!(doc.metadata.len(), 20_000);
    assert_eq!(doc.metadata[5].key, "ka5");
}
