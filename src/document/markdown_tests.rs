use super::*;
use proptest::prelude::*;

const SAMPLE: &str = "---\nowner: Ada\n---\n# Title\n\n**Author**: Bob\nDate: 2026-01-02\n\n## Key Findings\n\nFirst sentence here. Second one is `code` too!\n\n### One\n\n**Source**: [doc](https://example.com)\n\n- item [a](#key-findings)\n- item two\n\n```rust\nfn x() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## End <a id=\"x\"></a>\n\ntext\n";

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
    assert_eq!(doc.headings[1].slug, "key-findings");
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
