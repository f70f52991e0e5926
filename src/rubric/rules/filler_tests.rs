//! Tests of the `filler` rule (a test module of `filler.rs`).

use super::*;

fn fraction(text: &str) -> f64 {
    super::super::fraction_of(&Filler, text)
}

/// The fraction of `text` is `expected` (to rounding).
#[track_caller]
fn assert_near(text: &str, expected: f64) {
    let got = fraction(text);
    assert!((got - expected).abs() < 1e-9, "{got} != {expected}: {text}");
}

proptest::proptest! {
    /// Kind detection's scan keeps the same answer the filler rule's own scan gives.
    #[test]
    fn detection_keeps_the_praise_or_hedges_answer(
        parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("---\nnote: excellent\n---\n"),
            proptest::strategy::Just("# Report\n\n"),
            proptest::strategy::Just("The parser reads the file. "),
            proptest::strategy::Just("It MAY break. "),
            proptest::strategy::Just("A robust, 9.5/10 result. "),
            proptest::strategy::Just("ſome Kind of text "),
            proptest::strategy::Just("\n\n"),
        ], 0..6),
    ) {
        let text = parts.concat();
        let doc = Document::parse(&text);
        let body = &doc.text[doc.body_start.min(doc.text.len())..];
        let lower = doc.folded_text().and_then(|l| l.get(doc.body_start..));
        let alone = praise_or_hedges(&lexicon::builtin()).is_match(body, lower);
        crate::rubric::detect::kind_scores(&doc, "r.md", true);
        let kept = BodyScan::of(&doc).expect("detection keeps its scan");
        proptest::prop_assert_eq!(kept.praise_or_hedges, alone, "{:?}", text);
    }
}

const BODY: &str = "The parser reads `index.md` once and keeps the span of every heading.\n";

proptest::proptest! {
    /// Reading the text once as praise is asked about in order finds, for each, what
    /// searching its own sentence for a contrast finds.
    #[test]
    fn weighing_in_order_reads_each_sentence(
        text in r"(?:robust |9\.5/10|excellent|but |needs work|though|\. |\n|! |word |À)*"
    ) {
        let praise = regex::Regex::new(r"robust|9\.5/10|excellent").unwrap();
        let contrast = lexicon::regex(CONTRAST).unwrap();
        let stops = ['\n', '.', '!', '?'];
        let mut weighed = Weighed::new(&text);
        for m in praise.find_iter(&text) {
            let from = text[..m.start()].rfind(stops).map_or(0, |i| i + 1);
            let to = text[m.end()..].find(stops).map_or(text.len(), |i| m.end() + i);
            let want = contrast.is_match(&text[from..to]);
            proptest::prop_assert_eq!(weighed.at(m.start(), m.end()), want, "at {}", m.start());
        }
    }
}

proptest::proptest! {
    /// The joint pattern matches where either list does.
    #[test]
    fn the_joint_pattern_matches_where_a_list_does(text in r"(?:[a-zA-Z0-9 ,./%\-]|Excellent|robustness|All Tests Passed|9.5/10|٣ /10|100% pass|production ready|well-designed|considering|Some|something|as needed|\x{17F}|\x{212A})*") {
        let lex = lexicon::builtin();
        let either = lex.praise.get().is_match(&text) || lex.hedges.get().is_match(&text);
        proptest::prop_assert_eq!(praise_or_hedges(&lex).is_match(&text, None), either);
        // And on the lowercased text, as review searches it (a text with a character
        // that folds to an ASCII letter is never lowercased).
        if !text.contains(['\u{17F}', '\u{212A}']) {
            let lower = text.to_ascii_lowercase();
            proptest::prop_assert_eq!(
                praise_or_hedges(&lex).is_match(&text, Some(&lower)),
                either
            );
        }
    }
}

#[test]
fn arguing_by_antithesis_costs_and_one_or_two_do_not() {
    let slogans = format!(
        "# Essay\n\n{BODY}\nThe parser isn't just a tool; it's a mirror.\n\nThis is not just speed.\n\nWe are not just users of it.\n"
    );
    assert!(fraction(&slogans) < 0.5, "{}", fraction(&slogans));
    let two = format!(
        "# Essay\n\n{BODY}\nThe parser isn't just a tool; it's a mirror.\n\nThis is not just speed.\n\nWe are not sure the cache helps.\n"
    );
    assert_eq!(fraction(&two), 1.0);
    // Three in a long document are ordinary English.
    let long = format!("{slogans}\n{}", BODY.repeat(250));
    assert_eq!(fraction(&long), 1.0);
}

#[test]
fn a_closing_paragraph_of_filler_costs_and_a_specific_one_does_not() {
    let body = format!("{BODY}\n{BODY}\n{BODY}\n{BODY}");
    let filler = "In summary, the parser plays a crucial role in every modern documentation workflow today.\n";
    // Four specific sentences and one filler sentence: 1 - 2 x 1/5 = 0.6.
    let early = format!("# Guide\n\n{filler}\n{body}");
    assert_near(&early, 0.6);
    let closing = format!("# Guide\n\n{body}\n{filler}");
    assert_near(&closing, 0.6 - CLOSE_COST);
    // One section closing so, mid-document, is a slip; two are a habit.
    let one = format!("# Guide\n\n## Setup\n\n{body}\n{filler}\n## Use\n\n{body}");
    // Eight specific sentences, one filler one.
    assert_near(&one, 1.0 - 2.0 / 9.0);
    let two = format!(
        "# Guide\n\n## Setup\n\n{body}\n{filler}\n## Use\n\n{filler}\n{body}\n{filler}\n## End\n\n{body}"
    );
    // Twelve specific sentences, three filler ones (two of them closing sections).
    let share = 3.0 / 15.0;
    assert_near(&two, 1.0 - 2.0 * share - 2.0 * CLOSE_COST);
    // One ordinary stock word closing each section is human prose, not a habit of filler;
    // the document's last paragraph is held to that one word.
    let plain = "This process lets the release team move faster and keeps room for innovation.\n";
    let sections = format!(
        "# Guide\n\n## Setup\n\n{body}\n{plain}\n## Use\n\n{body}\n{plain}\n## End\n\n{body}"
    );
    assert_near(&sections, 1.0 - 2.0 * 2.0 / 14.0);
    let last = format!("# Guide\n\n## Setup\n\n{body}\n{plain}\n## Use\n\n{body}\n{plain}");
    assert_near(&last, 1.0 - 2.0 * 2.0 / 10.0 - CLOSE_COST);
    // The same phrase with a figure names something: with a generic sentence earlier (so
    // closing paragraphs are searched), only that sentence costs.
    let specific = format!(
        "# Guide\n\n{filler}\n{body}\nIn summary, the parser plays a crucial role: it reads 1,200 files in 2 seconds.\n"
    );
    assert_near(&specific, 1.0 - 2.0 / 6.0);
    // A paragraph followed in its section by a list, a table or code is no close.
    for after in [
        "- one\n- two\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "```sh\nmake\n```\n",
    ] {
        let followed = format!("# Guide\n\n{body}\n{filler}\n{after}");
        assert_near(&followed, 0.6);
    }
    // The closing sentence is reported once, as the close.
    let found = Filler
        .evaluate(&Document::parse(&closing), &Env::default())
        .findings;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("closes on generic filler"));
}

#[test]
fn words_in_html_comments_are_not_weighed() {
    let hedged = "It may help some users, and it might, in various cases, help others.\n";
    let visible = format!("# Proposal\n\n{BODY}\n{}", hedged.repeat(8));
    assert!(fraction(&visible) < 1.0, "{}", fraction(&visible));
    // The same words as template guidance the reader never sees.
    let guidance = format!("# Proposal\n\n{BODY}\n<!--\n{}-->\n", hedged.repeat(8));
    assert_eq!(fraction(&guidance), 1.0);
    let boast = "The code is excellent. The design is robust. The docs are comprehensive.\n";
    assert_eq!(
        fraction(&format!("# Review\n\n{BODY}\n<!-- {boast} -->\n")),
        1.0
    );
}

#[test]
fn boasting_costs_and_weighed_praise_does_not() {
    let boast = format!(
        "# Review\n\n{BODY}\nThe code is excellent.\n\nThe design is robust.\n\nThe docs are comprehensive.\n\nThe API is well-designed.\n"
    );
    assert!(fraction(&boast) < 1.0, "{}", fraction(&boast));
    let weighed = format!(
        "# Review\n\n{BODY}\nThe design is excellent, but 7 issues need fixing.\n\nThe error handling is robust except for the retry path.\n\nCode quality: 7/10, needs polish.\n"
    );
    assert_eq!(fraction(&weighed), 1.0);
    // "needs no changes" sets nothing against the praise.
    let boast_more = format!(
        "# Review\n\n{BODY}\nThe code is excellent and needs no changes.\n\nThe design is robust.\n\nThe docs are comprehensive.\n\nThe API is well-designed.\n"
    );
    assert_eq!(fraction(&boast_more), fraction(&boast));
}

proptest::proptest! {
    /// The search of each block for the phrases passes over no sentence whose own search
    /// finds one (phrases across sentences' edges, after word characters and markup,
    /// characters that case-fold to ASCII letters, list items).
    #[test]
    fn the_block_search_misses_no_sentence(parts in proptest::collection::vec(proptest::prop_oneof![
        proptest::strategy::Just("it is important to note"),
        proptest::strategy::Just("It Is Important"),
        proptest::strategy::Just(" to "),
        proptest::strategy::Just("plays a crucial role"),
        proptest::strategy::Just("crucial role"),
        proptest::strategy::Just("In today's"),
        proptest::strategy::Just("ſeamless"),
        proptest::strategy::Just("\u{212A}ey considerations"),
        proptest::strategy::Just("leverage"),
        proptest::strategy::Just("le"),
        proptest::strategy::Just("verage"),
        proptest::strategy::Just(". "),
        proptest::strategy::Just("! "),
        proptest::strategy::Just("\n\n"),
        proptest::strategy::Just("\n- "),
        proptest::strategy::Just("\n1. "),
        proptest::strategy::Just("\n> "),
        proptest::strategy::Just("**"),
        proptest::strategy::Just("_"),
        proptest::strategy::Just("\\_"),
        proptest::strategy::Just("`x`"),
        proptest::strategy::Just("<b>"),
        proptest::strategy::Just("&amp;"),
        proptest::strategy::Just("e.g. "),
        proptest::strategy::Just("x"),
        proptest::strategy::Just("é"),
        proptest::strategy::Just("[a](b) "),
        proptest::strategy::Just("The parser reads the file "),
    ], 0..24)) {
        let lex = lexicon::builtin();
        let text = parts.concat();
        let doc = Document::parse(&text);
        let mut phrased = Phrased::new(doc.text, doc.prose_blocks());
        for s in prose::sentences(&doc) {
            let may = phrased.may_hold(lex.filler.get(), s.text);
            if lex.filler.get().find(s.text).is_some() {
                proptest::prop_assert!(may, "{:?} in {:?}", s.text, text);
            }
        }
    }
}
