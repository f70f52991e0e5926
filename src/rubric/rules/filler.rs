//! RV014 `filler`: generic, content-free prose (stock phrases, self-praise) costs clarity; a
//! document that is mostly filler fails.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, rise};
use crate::document::Document;
use crate::rubric::lexicon::LazyRegex;
use crate::rubric::matching::BodyScan;
use crate::rubric::{lexicon, prose, rhetoric};
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV014",
        name: "filler",
        summary: "Little generic, content-free prose; a document that is mostly filler fails",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Counts filler sentences: a stock phrase from the lexicon (\"it is important to note\", \"plays a
crucial role\", \"best practices\", \"seamless\", self-praise such as \"exceptional\") in a sentence
that names nothing specific (no figure, code, link or quotation). Filler costs
clarity in proportion to its share; when more than 40% of the sentences (and at least five) are
filler, the document fails. Self-praise and self-grading (\"production-ready\", \"excellent\",
\"9.4/10\"; three or more) cost by their density per 1,000 words, and a document dense
with them (12 or more per 1,000 words) fails; so do hedges (may, might, some, various) above
12 per 1,000 words, at half the cost. Stock antitheses, \"not\" or a contraction of \"be\"
or \"do\" followed by \"just\" (\"AI isn't just a tool; it's a mirror\", \"this is not just
an improvement\"; not advice such as \"you can't just delete it\"), cost when there are three
or more and over 1 per 1,000 words: the whole check at 5 per 1,000. A closing paragraph (twelve
words or more, followed in its section only by short prose: no code, table or list) that names
nothing specific costs a quarter of the check on its own when it closes the document on a stock
phrase, or when two or more sections close on two stock phrases or more each (one ordinary word,
\"innovation\" or \"leverage\", closes human prose too): it is what the reader takes away.
Praise set against a defect in the same sentence
(\"excellent design, but 7 issues need fixing\") is a judgment, not self-praise, and does not
count.

## Why

Fluent sentences that would fit any topic read like content and carry none.

## Parameters

None. The fraction is 1 - 2 x the filler share, at most 1 - the self-praise cost and 1 - the
antithesis cost, less the hedge cost and a quarter per closing paragraph of filler.

## Example

```yaml
- { id: filler, rule: filler, dimension: clarity, weight: 2 }
```
";

/// Whether `at` is in an HTML comment, which no reader sees (a proposal keeps its template's
/// guidance in `<!-- -->`): its words are neither counted nor weighed.
fn hidden(doc: &Document, at: usize) -> bool {
    crate::rubric::leftover_context::in_html_comment(doc, at)
}

/// What each closing paragraph of stock filler costs, as a share of the check.
const CLOSE_COST: f64 = 0.25;

#[derive(Debug)]
struct Filler;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(Filler))
}

impl Rule for Filler {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let lex = lexicon::builtin();
        let all = prose::sentences(doc);
        let mut sentences = Vec::with_capacity(all.len());
        sentences.extend(all.iter().filter(|s| s.words >= 5));
        let mut findings = Vec::new();
        // Each sentence is searched on its own: the phrases are rare and the regex skips
        // ahead to them, so a scan of the whole text first (to skip sentences) costs more.
        // (Riding on detection's scan, `BodyScan`, the phrases made its DFA's states so many
        // that building them cost more than this search; on real text so did a lazy DFA of
        // the phrases alone, run over every sentence first.)
        let folded = doc.folded_text();
        for s in &sentences {
            if let Some(m) = lex.filler.get().find(s.text)
                && !prose::is_specific(s.text)
            {
                findings.push(Finding::new(
                    s.offset,
                    format!(
                        "generic sentence (\"{}\") says nothing specific",
                        &s.text[m.range()]
                    ),
                    "replace it with the specific fact, figure or example it stands for, or delete it",
                ));
            }
        }
        let total = sentences.len();
        let n = findings.len();
        let share = if total == 0 {
            0.0
        } else {
            n as f64 / total as f64
        };
        // Self-praise and hedges, per 1,000 words of text outside code and HTML comments.
        let kwords = (doc.word_count().max(200)) as f64 / 1000.0;
        let body = &doc.text[doc.body_start.min(doc.text.len())..];
        let mut praise: usize = 0;
        let mut first_praise = None;
        let mut graded_table = None;
        // One scan says whether either list can match at all (most documents hold neither):
        // only then is each searched, and compiled.
        let body_lower = folded.and_then(|l| l.get(doc.body_start..));
        let marked = BodyScan::of(doc).map_or_else(
            || praise_or_hedges(&lex).is_match(body, body_lower),
            |s| s.praise_or_hedges,
        );
        let praised = marked.then(|| lex.praise.find_iter(body, body_lower));
        let mut weighed = Weighed::new(doc.text);
        for m in praised.into_iter().flatten() {
            let (at, end) = (doc.body_start + m.start(), doc.body_start + m.end());
            if doc.in_code(at)
                || hidden(doc, at)
                || prose::denied(doc.text, at, end)
                || weighed.at(at, end)
            {
                continue;
            }
            // A table of ratings (`| Path traversal | Critical | 7/10 |`) grades once.
            let table = doc.tables.partition_point(|r| r.start <= at);
            if table > 0 && doc.tables[table - 1].contains(&at) {
                if graded_table == Some(table) {
                    continue;
                }
                graded_table = Some(table);
            }
            praise += 1;
            first_praise.get_or_insert((at, doc.text[at..end].to_string()));
        }
        let praise_density = praise as f64 / kwords;
        let hedges = if marked {
            lex.hedges
                .find_iter(body, body_lower)
                .filter(|m| {
                    let at = doc.body_start + m.start();
                    !doc.in_code(at) && !hidden(doc, at)
                })
                .count()
        } else {
            0
        };
        let hedge_density = hedges as f64 / kwords;
        let praise_cost = if praise < 3 {
            0.0
        } else {
            rise(praise_density, 3.0, 10.0)
        };
        let hedge_cost = rise(hedge_density, 12.0, 24.0) * 0.5;
        // Stock antitheses ("isn't just a tool; it's a mirror"), per 1,000 words: one or two
        // are ordinary English, three or more that dense argue by slogan.
        let sentences_read = if rhetoric::may_hold_antithesis(doc) {
            prose::sentences(doc)
        } else {
            &[]
        };
        let mut antitheses = sentences_read
            .iter()
            .filter(|s| rhetoric::antithesis(s.text));
        let first_antithesis = antitheses.next().map(|s| s.offset);
        let antithesis_count = first_antithesis.map_or(0, |_| 1 + antitheses.count());
        let antithesis_density = antithesis_count as f64 / kwords;
        let antithesis_cost = if antithesis_count < 3 {
            0.0
        } else {
            rise(antithesis_density, 1.0, 5.0)
        };
        if let Some((at, word)) = first_praise.filter(|_| praise_cost > 0.0) {
            findings.push(Finding::new(
                at,
                format!(
                    "self-praise or self-grading (\"{word}\" and {} more): {praise_density:.0} per 1,000 words",
                    praise.saturating_sub(1)
                ),
                "show the evidence (commands run, figures, file and line) instead of judging the work",
            ));
        }
        // Closing paragraphs are what a reader takes away: stock filler there costs on its
        // own, when it closes the document or two or more sections. A paragraph holding a
        // stock phrase holds a generic sentence but in rare constructions (the phrase split
        // over two short sentences), so a document without any is not searched again.
        let closes = if n == 0 {
            Vec::new()
        } else {
            stock_closes(doc, &lex)
        };
        let ends_on_filler = closes.last().is_some_and(|c| c.last);
        let close_cost = if ends_on_filler || closes.len() >= 2 {
            CLOSE_COST * closes.len() as f64
        } else {
            0.0
        };
        if close_cost > 0.0 {
            // One finding per root cause: a generic sentence of a closing paragraph is
            // reported as the close (the first `n` findings are the sentences').
            let mut seen = 0;
            findings.retain(|f| {
                seen += 1;
                seen > n || !closes.iter().any(|c| c.block.contains(&f.offset))
            });
        }
        for c in closes.iter().filter(|_| close_cost > 0.0) {
            let what = if c.last { "the document" } else { "a section" };
            findings.push(Finding::new(
                c.at,
                format!(
                    "{what} closes on generic filler (\"{}\") that names nothing specific",
                    c.phrase
                ),
                "end on what the reader should take away (the result, the figure, the next step) or stop after the last fact",
            ));
        }
        if let Some(at) = first_antithesis.filter(|_| antithesis_cost > 0.0) {
            findings.push(Finding::new(
                at,
                format!(
                    "{antithesis_count} stock antitheses (\"isn't just X, it's Y\"): {antithesis_density:.1} per 1,000 words"
                ),
                "say what the subject is and does, with the figure or example that shows it; drop the contrast with what nobody claimed",
            ));
        }
        if hedge_cost > 0.0 {
            findings.push(Finding::new(
                doc.body_start,
                format!("{hedge_density:.0} hedges (may, might, some, various) per 1,000 words"),
                "say what is the case, where and how much; keep hedges for real uncertainty",
            ));
        }
        let mut summary = format!(
            "{n} of {total} sentences are generic filler; {praise_density:.0} self-praise per 1,000 words"
        );
        if antithesis_cost > 0.0 {
            summary.push_str(&format!("; {antithesis_count} stock antitheses"));
        }
        if close_cost > 0.0 {
            summary.push_str(&format!("; {} closing paragraphs of filler", closes.len()));
        }
        let gate = if n >= 5 && share > 0.4 {
            Some(format!(
                "{:.0}% of the sentences are generic filler",
                share * 100.0
            ))
        } else if praise >= 6 && praise_density >= 12.0 {
            Some("the document grades itself instead of showing its evidence".to_string())
        } else {
            None
        };
        let fraction = (1.0 - 2.0 * share)
            .min(1.0 - praise_cost)
            .min(1.0 - antithesis_cost)
            - hedge_cost
            - close_cost;
        let mut out = Outcome::new(fraction, summary, findings);
        out.gate = gate;
        out
    }
}

/// A closing paragraph of stock filler: where its phrase is, the phrase, and whether it
/// closes the document.
struct Close<'t> {
    at: usize,
    phrase: &'t str,
    last: bool,
    block: std::ops::Range<usize>,
}

/// The closing paragraphs that are stock filler: a block of prose of twelve words or more that
/// holds a filler phrase and names nothing specific, after which its section holds nothing but
/// short prose (no code, table, list or longer paragraph) up to the next heading. It closes the
/// document when nothing but short prose follows it at all.
fn stock_closes<'t>(doc: &Document<'t>, lex: &lexicon::Lexicon) -> Vec<Close<'t>> {
    let long: Vec<_> = prose::blocks(doc)
        .iter()
        .filter(|b| b.source.split_whitespace().nth(11).is_some())
        .collect();
    // Whether a code block, table or list item starts in `r`.
    let holds_more = |r: std::ops::Range<usize>| {
        doc.code_blocks.iter().any(|c| r.contains(&c.span.start))
            || doc.tables.iter().any(|t| r.contains(&t.start))
            || doc.list_items.iter().any(|(l, _)| r.contains(&l.start))
    };
    let mut out = Vec::new();
    for (i, b) in long.iter().enumerate() {
        let next = long.get(i + 1).map(|n| n.span.start);
        let h = doc.headings.partition_point(|h| h.span.start < b.span.end);
        let section_end = doc.headings.get(h).map_or(doc.text.len(), |h| h.span.start);
        let last = next.is_none() && !holds_more(b.span.end..doc.text.len());
        let closes =
            last || next.is_none_or(|n| n >= section_end) && !holds_more(b.span.end..section_end);
        if !closes || prose::is_specific(b.source) {
            continue;
        }
        // One ordinary word ("innovation", "leverage") closes a section of human prose too:
        // there filler stacks its stock phrases. The document's last paragraph, what the
        // reader takes away, is held to one.
        let mut found = lex.filler.get().find_iter(b.source);
        if let Some(m) = found.next()
            && (last || found.next().is_some())
        {
            out.push(Close {
                at: b.span.start + m.start(),
                phrase: m.as_str(),
                last,
                block: b.span.clone(),
            });
        }
    }
    out
}

/// [`praise_or_hedges`] as compiled, for a scan of several patterns at once
/// ([`BodyScan::praise_or_hedges`]).
pub(crate) fn praise_or_hedges_pattern() -> String {
    praise_or_hedges(&lexicon::builtin()).as_str().to_string()
}

/// The praise and the hedges patterns as one: it matches where either does. Both are
/// `(?i)` patterns, joined under one flag so that the lowercased text can be searched.
fn praise_or_hedges(lex: &lexicon::Lexicon) -> &'static LazyRegex {
    static RE: OnceLock<LazyRegex> = OnceLock::new();
    RE.get_or_init(|| {
        fn bare(p: &str) -> &str {
            p.strip_prefix("(?i)").expect("a (?i) pattern")
        }
        LazyRegex::new(&format!(
            "(?i)(?:{})|(?:{})",
            bare(lex.praise.source()),
            bare(lex.hedges.source())
        ))
    })
}

/// Whether praise is weighed rather than boasted: its sentence sets it against a defect
/// ("excellent design, but 7 issues need fixing", "7/10, needs polish"), as a reviewer judging
/// someone else's work does. Asked of praise in the order of the text, it finds each sentence
/// and the contrasts by reading the text once (a line of thousands of praise words took
/// nearly a minute when each read its sentence again).
struct Weighed<'t> {
    t: &'t str,
    /// Where the text before the last praise asked about was read to, and the last sentence
    /// stop in it.
    read_to: usize,
    last_stop: Option<usize>,
    /// The first stop at or after the last praise's end.
    next_stop: Option<usize>,
    /// Contrast words of the text (start, end), found on first use.
    contrasts: Option<Vec<(usize, usize)>>,
}

/// Words that set praise against a defect.
const CONTRAST: &str = r"(?i)\b(?:but|however|although|though|except|whereas|needs? (?:to|some|more|work|polish|fixing|attention|improvement|cleanup))\b";

impl<'t> Weighed<'t> {
    const STOPS: [char; 4] = ['\n', '.', '!', '?'];

    fn new(t: &'t str) -> Self {
        Weighed {
            t,
            read_to: 0,
            last_stop: None,
            next_stop: None,
            contrasts: None,
        }
    }

    /// Whether the praise at `start..end` (after any asked before) is weighed.
    fn at(&mut self, start: usize, end: usize) -> bool {
        static CONTRASTS: OnceLock<Regex> = OnceLock::new();
        let t = self.t;
        if let Some(i) = t[self.read_to..start].rfind(Self::STOPS) {
            self.last_stop = Some(self.read_to + i);
        }
        self.read_to = start;
        let from = self.last_stop.map_or(0, |i| i + 1);
        let to = match self.next_stop {
            Some(stop) if stop >= end => stop,
            _ => {
                let stop = t[end..].find(Self::STOPS).map_or(t.len(), |i| end + i);
                self.next_stop = Some(stop);
                stop
            }
        };
        let contrasts = self.contrasts.get_or_insert_with(|| {
            CONTRASTS
                .get_or_init(|| lexicon::regex(CONTRAST).expect("static regex"))
                .find_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect()
        });
        // A contrast holds no stop: the first one starting in the sentence is in it if any is.
        let first = contrasts.partition_point(|&(s, _)| s < from);
        contrasts.get(first).is_some_and(|&(_, e)| e <= to)
    }
}

#[cfg(test)]
mod tests {
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
        let plain =
            "This process lets the release team move faster and keeps room for innovation.\n";
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
}
