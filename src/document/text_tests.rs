//! Tests of the text helpers.

use super::*;

#[test]
fn a_unit_after_a_number_is_a_whole_word() {
    for line in [
        "- Server keep-alive (after): 65 s",
        "p99: 12 ms",
        "3 GB",
        "2.5x",
    ] {
        assert_eq!(after_number(line), !line.ends_with("2.5x"), "{line}");
    }
    for line in ["- 9 que", "Phase 1 res", "took 15 min", "s"] {
        assert!(!after_number(line), "{line}");
    }
}

proptest::proptest! {
    /// The ASCII shortcut gives what the Unicode rule gives.
    #[test]
    fn slug_agrees_with_the_unicode_rule(text in r"[ -~\t\x{e9}\x{c9}\x{130}\x{212a}\x{3000}\x{2160}]{0,30}") {
        let plain: String = text
            .trim()
            .chars()
            .filter_map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    Some(c.to_lowercase().next().unwrap_or(c))
                } else if c == ' ' {
                    Some('-')
                } else {
                    None
                }
            })
            .collect();
        proptest::prop_assert_eq!(slug(&text), plain);
    }

    #[test]
    fn heading_words_agree_with_the_unicode_rule(text in r"[a-zA-Z0-9 s\x{e9}\x{c9}\x{130}\x{212a}:-]{0,30}") {
        let plain: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .map(|w| {
                let w = w.to_lowercase();
                match w.strip_suffix('s') {
                    Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_string(),
                    _ => w,
                }
            })
            .collect();
        proptest::prop_assert_eq!(heading_words(&text), plain);
    }
}

#[test]
fn metadata_lines_in_every_spelling() {
    for line in [
        "Author: Ada",
        "**Author**: Ada",
        "**Author:** Ada",
        "- **Author**: Ada  ",
    ] {
        assert_eq!(
            metadata_line(line),
            Some(("Author".into(), "Ada".into())),
            "{line}"
        );
    }
    assert_eq!(
        metadata_line("**Date**:"),
        Some(("Date".into(), String::new()))
    );
    assert_eq!(metadata_line("See https://example.com"), None);
    assert_eq!(
        metadata_line("This is a long sentence that has: a colon"),
        None
    );
}

#[test]
fn headings_match_loosely() {
    assert!(heading_matches("Executive summary", "Executive Summary"));
    assert!(heading_matches("2. Key Findings:", "Key Finding"));
    assert!(heading_matches("Sources and further reading", "Sources"));
    assert!(heading_matches("Recomendations", "Recommendations"));
    assert!(!heading_matches("Summary", "Executive Summary"));
    assert!(heading_matches_any(
        "References",
        "Source Bibliography|Sources|References"
    ));
}

/// The plain definition the fast paths of [`heading_words_match`] must agree with.
fn plain_match(have: &[String], want: &[String], byte_budget: bool) -> bool {
    if want.is_empty() {
        return false;
    }
    if have == want || have.windows(want.len()).any(|w| w == want) {
        return true;
    }
    let (a, b) = (have.join(" "), want.join(" "));
    let budget = b.chars().count() / 8;
    budget > 0
        && (!byte_budget || a.len().abs_diff(b.len()) <= budget)
        && edit_distance(&a, &b) <= budget
}

proptest::proptest! {
    #[test]
    fn fast_heading_match_agrees(a in "[a-eé0-9 :]{0,24}", b in "[a-eé ]{0,24}") {
        let (have, want) = (Words::new(&a), Words::new(&b));
        proptest::prop_assert_eq!(
            heading_words_match(&have, &want),
            plain_match(&have.words, &want.words, true)
        );
        proptest::prop_assert_eq!(
            heading_words_match_loose(&have, &want),
            plain_match(&have.words, &want.words, false)
        );
    }
}

proptest::proptest! {
    /// The byte test before the regex rejects only lines the regex would reject.
    #[test]
    fn metadata_line_prefilter_is_exact(
        line in r"[ \t\x{a0}]{0,4}([-*+][ \x{2003}]{1,3})?(\*\*|__)?[A-Za-z0-9 _/()&.,é-]{0,50}(\*\*)?:?(\*\*)?[ a-z:]{0,5}"
    ) {
        static RE: OnceLock<Regex> = OnceLock::new();
        let re = RE.get_or_init(|| {
            Regex::new(
                r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 _/()&.-]{0,40}?)(?:\*\*:|__:|:\*\*|:__|:)(?:\*\*|__)?(?:\s+(.*?))?\s*$",
            )
            .expect("static regex")
        });
        if line.find(':').is_some_and(|at| at <= 64) && re.is_match(&line) {
            let key = re.captures(&line).and_then(|c| c.get(1)).map_or("", |m| m.as_str().trim());
            let expect = !key.is_empty() && key.split_whitespace().count() <= 5;
            proptest::prop_assert_eq!(metadata_line(&line).is_some(), expect);
        } else {
            proptest::prop_assert!(metadata_line(&line).is_none());
        }
    }

}

#[test]
fn slugs_follow_github() {
    assert_eq!(slug("Key Findings: 2026!"), "key-findings-2026");
    assert_eq!(slug("A -- b"), "a----b");
}

/// [`metadata_line`] as the one regex reads it.
fn metadata_line_by_regex(line: &str) -> Option<(String, String)> {
    let caps = Regex::new(&METADATA_LINE).unwrap().captures(line)?;
    let key = caps.get(1)?.as_str().trim();
    if key.is_empty() || key.split_whitespace().count() > 5 {
        return None;
    }
    let value = caps.get(2).map_or("", |m| m.as_str());
    let value = value.trim().trim_matches(|c| c == '*' || c == '_').trim();
    Some((key.to_string(), value.to_string()))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The label read first and the value after it give what the one regex gives.
    #[test]
    fn metadata_lines_read_as_the_regex_reads_them(
        parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just(" ".to_string()),
            proptest::strategy::Just("\t".to_string()),
            proptest::strategy::Just("\u{a0}".to_string()),
            proptest::strategy::Just("\n".to_string()),
            proptest::strategy::Just("- ".to_string()),
            proptest::strategy::Just("* ".to_string()),
            proptest::strategy::Just("+".to_string()),
            proptest::strategy::Just("**".to_string()),
            proptest::strategy::Just("__".to_string()),
            proptest::strategy::Just("_".to_string()),
            proptest::strategy::Just(":".to_string()),
            proptest::strategy::Just("Key".to_string()),
            proptest::strategy::Just("Test Environment (CI)".to_string()),
            proptest::strategy::Just("a/b & c.d-e".to_string()),
            proptest::strategy::Just("value here.".to_string()),
            proptest::strategy::Just("é".to_string()),
            "[A-Za-z0-9 _:*\n-]{0,8}",
            "\\PC{0,4}",
        ], 0..8),
        // Lines over `LONG_LINE` bytes have their head read alone.
        tail in proptest::prop_oneof![
            proptest::strategy::Just(String::new()),
            proptest::strategy::Just(" a value long enough to make the line long. ".repeat(3)),
            proptest::strategy::Just("*a value long enough to make the line long. ".repeat(3)),
            proptest::strategy::Just(" a value long enough\n to make the line long. ".repeat(3)),
        ],
    ) {
        let line = parts.concat() + &tail;
        proptest::prop_assert_eq!(metadata_line(&line), metadata_line_by_regex(&line), "{:?}", line);
    }
}

#[test]
fn chinese_and_japanese_headings_are_a_word_per_character() {
    assert_eq!(heading_words("执行摘要"), ["执", "行", "摘", "要"]);
    // Where the script changes, the word does: other scripts keep their words whole.
    assert_eq!(heading_words("API设计 Notes"), ["api", "设", "计", "note"]);
    assert_eq!(
        heading_words("一、测试（tests）"),
        ["一", "测", "试", "test"]
    );
    assert_eq!(heading_words("요약 결과"), ["요약", "결과"]);
    // The iteration mark is part of the script: "人々" is two characters of it.
    assert_eq!(heading_words("人々"), ["人", "々"]);
    assert_eq!(Words::new("人々").len_as_words(), 1);
    // Two such characters read as about one word.
    assert_eq!(Words::new("执行摘要").len_as_words(), 2);
    assert_eq!(Words::new("API设计").len_as_words(), 2);
    assert_eq!(Words::new("Key Findings").len_as_words(), 2);
    // A name matches inside a longer heading, as "Summary" does in "Executive Summary".
    assert!(heading_matches("执行摘要", "摘要"));
    assert!(!heading_matches("摘", "摘要"));
}
