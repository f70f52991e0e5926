//! RV014 `filler`: generic, content-free prose (stock phrases, self-praise) costs clarity; a
//! document that is mostly filler fails.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule, rise};
use crate::document::Document;
use crate::document::prose::Block;
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
        // Each sentence is searched on its own, in a block (a paragraph or list item) where
        // the phrases occur at all: most blocks hold none, and one search of a block costs
        // less than one of each of its sentences. (A scan of the whole text first costs more:
        // on the lowercased text the regex takes an Aho-Corasick automaton over every byte.
        // Riding on detection's scan, `BodyScan`, the phrases made its DFA's states so many
        // that building them cost more than this search; on real text so did a lazy DFA of
        // the phrases alone, run over every sentence first.)
        let folded = doc.folded_text();
        let mut phrased = Phrased::new(doc.text, doc.prose_blocks());
        for s in &sentences {
            if phrased.may_hold(lex.filler.get(), s.text)
                && let Some(m) = lex.filler.get().find(s.text)
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

/// Which sentences may hold a filler phrase, asked in document order: the prose block around
/// each is searched once, with the sentences' own pattern. Where a sentence's search finds a
/// phrase, its block's finds it too: the text around it is the same, but for the byte before
/// a phrase that opens the sentence, where the sentence has none and the block has one. Only
/// an ASCII word character there can fail the pattern's `\b`: such a sentence is searched on
/// its own, as is one outside every block.
struct Phrased<'t> {
    text: &'t str,
    blocks: &'t [Block<'t>],
    /// The block of the last sentence asked about, and whether it holds a phrase (once
    /// searched).
    at: usize,
    holds: Option<bool>,
}

impl<'t> Phrased<'t> {
    fn new(text: &'t str, blocks: &'t [Block<'t>]) -> Self {
        Phrased {
            text,
            blocks,
            at: 0,
            holds: None,
        }
    }

    /// Whether `sentence` (a slice of the text, after those asked about before) may hold a
    /// phrase of `filler`.
    fn may_hold(&mut self, filler: &Regex, sentence: &str) -> bool {
        // No phrase is empty (and an empty slice may stand anywhere).
        if sentence.is_empty() {
            return false;
        }
        let offset = |s: &str| (s.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let start = offset(sentence);
        // The blocks are in order of their starts and apart, each `source` is `text[span]`.
        while (self.blocks.get(self.at)).is_some_and(|b| b.span.end <= start) {
            self.at += 1;
            self.holds = None;
        }
        let Some(b) = self.blocks.get(self.at) else {
            return true;
        };
        let from = offset(b.source);
        let inside = from <= start && start.saturating_add(sentence.len()) <= from + b.source.len();
        let after_word = start > from && {
            let c = self.text.as_bytes()[start - 1];
            c.is_ascii_alphanumeric() || c == b'_'
        };
        if !inside || after_word {
            return true;
        }
        *self.holds.get_or_insert_with(|| filler.is_match(b.source))
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
#[path = "filler_tests.rs"]
mod tests;
