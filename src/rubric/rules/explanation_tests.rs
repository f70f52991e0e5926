//! Tests of the `explanation` rule (kept apart so `explanation.rs` stays readable).

use super::*;
use crate::rubric::rules::fraction_of;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Searching only the runs around dots finds what the pattern finds in the whole body
    /// outside code blocks.
    #[test]
    fn run_search_is_the_whole_text_search(parts in proptest::collection::vec(prop_oneof![
        Just("src/a.rs"), Just("config.yaml"), Just("e.g."), Just("3.5"), Just("v1.2"),
        Just("Node.js"), Just("a.cpp"), Just("x.cppx"), Just("lib.rs—and"), Just("é.md"),
        Just("https://x.org/docs/a.md"), Just("`b/c.py`"), Just("dir/"), Just(".h"),
        Just("a-b.toml."), Just("./run.sh"), Just("word"), Just(" "), Just("\n"),
        Just("\n```\n"), Just("."), Just("/"), Just("-"), Just("é"), Just("—"), Just("_"),
    ], 0..40)) {
        let text = parts.concat();
        let doc = Document::parse(&text);
        let body = doc.body_start.min(text.len());
        let whole = file_name(false)
            .find_iter(&text[body..])
            .filter(|m| counts_as_file(&doc, body, body + m.start()))
            .count();
        prop_assert_eq!(file_names(&doc, body), whole, "{:?}", text);
    }
}

proptest! {
    /// On ASCII text the ASCII file-name pattern finds exactly what the Unicode one finds.
    #[test]
    fn ascii_file_name_pattern_agrees(text in r"(?:[a-zA-Z0-9_./ -]|\.rs|\.md|\.yaml|\.cpp|src/|\.py|x|Z9){0,30}") {
        let spans = |re: &Regex| re.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>();
        prop_assert_eq!(spans(file_name(true)), spans(file_name(false)), "{:?}", text);
    }
}

fn shape(text: &str) -> Shape {
    Shape::of(&Document::parse(text))
}

#[test]
fn each_reference_counts_once() {
    let text = "# Title\n\nThe parser in `src/parse.rs` reads config.yaml, see https://example.org and [docs](docs/a.md).\n\n- one\n- two\n\n```\n- not a list\nsrc/also/not.rs\n```\n";
    // The code span, config.yaml, the URL and the link; nothing in the code block.
    assert_eq!(shape(text).references, 4);
    // Images and anchors in the document are not references; a link whose text is its
    // URL is one.
    let text = "# T\n\n![diagram](img/arch.png) and [Overview](#overview) and [https://e.org/a.md](https://e.org/a.md).\n";
    assert_eq!(shape(text).references, 1);
    // Citation markers that resolve count; one that does not, does not.
    let text = "# T\n\nCaches miss less [1] than queues [2].\n\n[1]: https://e.org/caches\n";
    assert_eq!(
        shape(text).references,
        1,
        "the marker, a link to its definition's URL"
    );
    let text = "# T\n\nCaches miss less [1] than queues [2].\n\n[1] Smith, J. Designing caches. ACM Queue, 2020.\n";
    assert_eq!(
        shape(text).references,
        1,
        "a bibliography entry without a URL"
    );
}

#[test]
fn sections_are_headings_below_the_title_and_bold_lines() {
    let text = "# Title\n\nIntro words here.\n\n## One\n\nText.\n\n**Two**\n\nMore text.\n\n**Key:** value on the line\n";
    // `## One` and the bold line `**Two**`; a `**Key:** value` line is a field.
    assert_eq!(shape(text).sections, 2);
    // Turning headings into bold lines does not escape the count.
    let bold = "**Vision**\n\n- a\n\n**Goals**\n\n- b\n";
    let headed = "## Vision\n\n- a\n\n## Goals\n\n- b\n";
    assert_eq!(shape(bold).sections, shape(headed).sections);
}

#[test]
fn the_list_share_does_not_depend_on_line_wrapping() {
    let long = "the importer reads every feed and writes one table per source each night";
    let one_line = format!("# T\n\nSome prose before the list.\n\n- {long}\n- {long}\n");
    let wrapped = one_line.replace(" writes", "\n  writes");
    assert_eq!(shape(&one_line).list_share(), shape(&wrapped).list_share());
    // A thematic break is not a list; a list in a quote is.
    assert_eq!(
        shape("# T\n\nProse here.\n\n* * *\n\nMore prose.\n").list_words,
        0
    );
    assert!(shape("# T\n\n> - quoted item one\n> - quoted item two\n").list_words > 0);
}

#[test]
fn cjk_text_counts_its_characters_as_words() {
    let text = "# 报告\n\n## 背景\n\n这个系统每天晚上从十四个来源读取数据并写入一张表，导入时间从十二分钟降到三分钟。\n";
    assert!(shape(text).words >= 15, "{:?}", shape(text));
}

#[test]
fn an_outline_of_fragments_scores_low_and_connected_prose_high() {
    let mut outline = String::from("# Platform Strategy\n\n");
    for topic in ["Vision", "Goals", "Benefits", "Risks", "Next Steps"] {
        outline.push_str(&format!(
            "## {topic}\n\n- Improve alignment\n- Drive value\n- Enable growth\n\n"
        ));
    }
    let prose = "# Cache misses after deploy\n\nAfter the 2.3 deploy the hit rate of the page cache fell from 92% to 40%, because `CacheKey::new` in `src/cache/key.rs` started hashing the request id, which differs on every request. The change came from the logging refactor in [#412](https://example.org/pr/412), which moved the id into the request struct that the key hashes whole. Reverting that field's inclusion restores the old keys; the benchmark in `benches/cache.rs` shows the hit rate back at 91% with the fix applied.\n\n## Fix\n\nThe key now hashes the path and the vary headers only, as it did before the refactor, and a test in `tests/cache_key.rs` pins that two requests for the same page share a key. The logging code reads the id from the request itself, so nothing else needed the field in the key, and the release notes in CHANGELOG.md say so.\n";
    let low = fraction_of(&Explanation(MEASURED), &outline);
    let high = fraction_of(&Explanation(MEASURED), prose);
    assert!(low < 0.2, "{low}");
    assert!(high > 0.9, "{high}");
}

#[test]
fn the_short_section_named_is_one_folding_would_fix() {
    let named = |text: &str| {
        let out = Explanation(MEASURED).evaluate(&Document::parse(text), &Env::default());
        let found = out
            .findings
            .into_iter()
            .find(|f| f.message.contains("per section"));
        let message = found.expect("a sections finding").message;
        message.split("; ").nth(1).map(str::to_string)
    };
    // `## Steps` introduces its steps, each step is its command, and a list of references
    // is no line to fold; a leaf section of one line is.
    let mut guide = String::from("# Install\n\n## Steps\n\nFollow these.\n\n");
    for n in 1..=4 {
        guide.push_str(&format!("### Step {n}\n\n```sh\nmake step{n}\n```\n\n"));
    }
    guide.push_str("## References\n\n- [make](https://example.org/make)\n\n");
    assert_eq!(named(&guide), None);
    // A part kinds ask for is not one to fold either, and a heading left as a slot has no
    // name to give.
    guide.push_str("## Conclusion\n\nThe steps install it.\n\n## {first point}\n\nTo do.\n\n");
    assert_eq!(named(&guide), None);
    guide.push_str("## Notes\n\nNone yet.\n");
    assert_eq!(named(&guide).as_deref(), Some("\"Notes\" is one of them"));
}

#[test]
fn parts_move_at_their_thresholds() {
    let s = Shape {
        words: 1000,
        sections: 40,
        list_words: 700,
        references: 0,
    };
    assert_eq!(s.parts(&MEASURED), [0.0, 0.0, 0.0]);
    let s = Shape {
        sections: 10,
        list_words: 200,
        references: 20,
        ..s
    };
    assert_eq!(s.parts(&MEASURED), [1.0, 1.0, 1.0]);
    // Halfway on each scale: 50 words per section (log), 45% in lists, 10 references.
    let s = Shape {
        sections: 20,
        list_words: 450,
        references: 10,
        ..s
    };
    let [a, b, c] = s.parts(&MEASURED);
    assert!((a - 0.5).abs() < 1e-9 && (b - 0.5).abs() < 1e-9 && (c - 0.5).abs() < 1e-9);
}

#[test]
fn a_rubric_can_move_the_thresholds_and_bad_ones_are_errors() {
    let rubric =
        |params: &str| crate::rubric::rules::tests::one_check_rubric("explanation", params);
    let listy = "# Checks\n\nEach item below was run on the release build.\n\n- the importer loads all fourteen feeds\n- the cache survives a restart\n- the export matches the old format byte for byte\n";
    let fraction = |params: &str| {
        let r = crate::rubric::parse(&rubric(params), "t.yaml").expect("rubric parses");
        crate::rubric::score::score(&r, &Document::parse(listy), &Env::default()).score
    };
    // Lists allowed up to 90% of the words score higher than the measured default.
    assert!(fraction(", list_percent_full: 90, list_percent_none: 100") > fraction(""));
    for bad in [
        ", short_section: 100, full_section: 50",
        ", list_percent_full: 70, list_percent_none: 20",
        ", list_percent_none: 150",
        ", references: 0",
    ] {
        assert!(
            crate::rubric::parse(&rubric(bad), "t.yaml").is_err(),
            "{bad}"
        );
    }
}

#[test]
fn no_headings_and_no_words_do_not_divide_by_zero() {
    // No words: no section has any, nothing is in lists, nothing is referenced.
    assert_eq!(shape("").parts(&MEASURED), [0.0, 1.0, 0.0]);
    // No heading: one section of 6 words (nothing), no lists (all), no references.
    let f = fraction_of(
        &Explanation(MEASURED),
        "plain words with no heading at all\n",
    );
    assert!((f - 1.0 / 3.0).abs() < 1e-9, "{f}");
}

/// The URLs as counted before each line was read once: every `http` read its line back.
fn urls_reading_each_line_back(doc: &Document, body: usize) -> usize {
    let bytes = &doc.text.as_bytes()[body..];
    memchr::memmem::find_iter(bytes, b"http")
        .filter(|&i| {
            let after = &bytes[i + 4..];
            let line = memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |n| n + 1);
            let definition = bytes[line..i].trim_ascii_start().starts_with(b"[")
                && memchr::memmem::find(&bytes[line..i], b"]:").is_some();
            (after.starts_with(b"://") || after.starts_with(b"s://"))
                && !(i > 0 && matches!(bytes[i - 1], b'(' | b'<' | b'['))
                && !definition
                && !doc.in_code(body + i)
        })
        .count()
}

proptest! {
    /// Reading each line once counts the URLs reading each line back did.
    #[test]
    fn urls_read_each_line_once(parts in proptest::collection::vec(prop_oneof![
        Just("http://a.example "), Just("https://b.example"), Just("http"), Just("["), Just("]:"),
        Just("]"), Just(":"), Just("\n"), Just(" "), Just("\t"), Just("("), Just("`"), Just("x"),
        Just("s"), Just("://"), Just("s://"), Just("<"),
    ], 0..24)) {
        let text: String = parts.concat();
        let doc = Document::parse(&text);
        let body = doc.body_start.min(text.len());
        prop_assert_eq!(urls(&doc, body), urls_reading_each_line_back(&doc, body));
    }
}

/// 50,000 URLs on one line read the line back once each: 33 s in a debug build.
#[test]
fn urls_on_one_line_are_read_once() {
    let text = format!("# Links\n\n{}\n", "see https://a.example/x ".repeat(50_000));
    let doc = Document::parse(&text);
    assert_eq!(urls(&doc, doc.body_start), 50_000);
}
