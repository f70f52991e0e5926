//! RV013 `evidence`: claims with figures or outside facts carry their source in the same
//! paragraph, and every `[n]` marker resolves.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rubric::matching::{BodyScan, LazyRegex, ascii_boundaries};
use crate::rubric::{lexicon, prose};
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV013",
        name: "evidence",
        summary: "Paragraphs with figures or outside facts cite a source; `[n]` markers resolve",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Finds paragraphs, list items and tables that state figures (percentages, amounts of money, millions,
multiples) or report outside facts (\"according to\", \"studies show\"), and checks that each
carries an attribution in the same paragraph: a markdown link, an autolink or bare URL, a
`[n]` or `[^n]` marker, or an author-year citation. Every citation style counts: links,
reference definitions, footnotes and `[n] Title URL` bibliography lines. A `[n]` marker with no
matching entry is a broken citation.

## Why

A links section at the end does not tell the reader which claim it supports; a figure without
a source cannot be checked.

## Parameters

None. The fraction is attributed claims / claims (full marks with fewer than two); with at
least three sources listed elsewhere, unattributed claims cost half, and half again when the
document states its own method (its figures come from its own measurement); each unresolved
marker costs a tenth, and a bibliography of three or more `[n] Title` entries that the text
never cites (by number, `[2]`, `[1, 3]`, `(ref. 2)`, `¹`, or by a link) caps the check at
half, unless it is offered as further reading (See also, Resources). Unattributed claims
cost at most 60% of the check, and all of it when the document cites nothing at all for
claims that are not its own. A sources list closing the claim's own section counts as its
attribution; a pointer the reader cannot follow (\"contact our support team\", \"from our
releases page\", data \"available on request\") with no link counts as an unsourced claim
that neither a sources list nor a stated method excuses.

## Example

```yaml
- { id: evidence, rule: evidence, dimension: accuracy, weight: 3 }
```
";

#[derive(Debug)]
struct Evidence;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(Evidence))
}

/// Figures and outside facts.
const CLAIM: &str = r"(?i)\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|million\b|billion\b|trillion\b|bn\b|x faster|times (?:faster|more|less))|[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:USD|EUR|GBP)\b|\b(?:according to|studies (?:show|found|suggest|reveal|demonstrate|indicate)|research (?:shows|suggests|found|reveals|demonstrates|indicates)|a (?:recent )?(?:study|survey|report) (?:by|from|found)|reports? (?:from|by) the|experts (?:say|agree|estimate|predict)|analysts (?:say|expect|estimate|predict))\b";

fn claim() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| crate::rubric::lexicon::regex(CLAIM).expect("static regex"))
}

/// [`claim`] or [`referral`]: one scan of a block says whether either can match in it (most
/// blocks hold neither); the two are compiled only when one can.
fn claim_or_referral() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::rubric::lexicon::regex(&format!("{CLAIM}|{REFERRAL}")).expect("static regex")
    })
}

/// An attribution in `text`: a link, a `[n]` or `[^note]` marker, a source or an
/// author-year citation.
fn attributed(text: &str) -> bool {
    attribution().is_match(text) || bracket_label(text)
}

/// Whether `text` holds `\[\^?[\w-]{1,20}\]`. Built as one pattern, that Unicode class repeated
/// 20 times costs milliseconds: the pattern without the bound finds the same brackets (the
/// label is the whole run up to `]`, which holds no `[`), and the bound is checked on them.
/// The `[x]` of a ticked checkbox is no citation.
fn bracket_label(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\[\^?[\w-]+\]").expect("static regex"));
    re.find_iter(text).any(|m| {
        let label = &m.as_str()[1..m.as_str().len() - 1];
        !matches!(label, "x" | "X") && label.trim_start_matches('^').chars().count() <= 20
    })
}

/// [`claim_or_referral`] as compiled, which detection scans the body for
/// ([`BodyScan::claim`]). Where it does not match in the body, a block or table holds a claim
/// or a referral only if one of its edges meets a word character ([`edge_in_word`]).
pub(crate) fn claim_scan_pattern() -> String {
    ascii_boundaries(&format!("{CLAIM}|{REFERRAL}"))
}

/// Whether the piece `span` of `text`, searched alone, may find a match of a pattern that
/// the whole text does not hold. Alone, a piece's first byte follows a boundary when it is a
/// word byte, and its last byte precedes one (`\b` is ASCII in every lexicon pattern); in the
/// text the same holds unless the byte beside is a word byte too. Elsewhere the piece is
/// searched as the text is, and the claim patterns assert boundaries only (no `\B`, `^`, `$`):
/// so only a word byte on both sides of an edge lets the piece match alone.
fn edge_in_word(text: &str, span: &std::ops::Range<usize>) -> bool {
    let word = |i: usize| {
        text.as_bytes()
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let start = span.start > 0 && word(span.start - 1) && word(span.start);
    let end = span.end > span.start && word(span.end - 1) && word(span.end);
    start || end
}

/// [`attributed`] but for the bracketed labels.
fn attribution() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        crate::rubric::lexicon::regex(
            r"(?i)https?://|\]\((?:https?:|www\.|doi|\.{0,2}/?[\w-]+[/.#)])|\]\[|<https?:|\(\s*(?:source|via|see)\b|\bsource:|\([A-Z][A-Za-z-]+(?: et al\.?| and [A-Z][A-Za-z-]+)?,? (?:19|20)\d{2}\)",
        )
        .expect("static regex")
    })
}

impl Rule for Evidence {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut claims = 0;
        let mut referrals = 0;
        let mut findings = Vec::new();
        // A body scanned for claims and holding none has no block or table to search but one
        // whose edge meets a word character.
        let anywhere = BodyScan::of(doc).is_none_or(|s| s.claim);
        let may = |span: &std::ops::Range<usize>| anywhere || edge_in_word(doc.text, span);
        let blocks = prose::blocks(doc).iter().filter(|b| may(&b.span));
        let tables = doc.tables.iter().filter(|t| may(t));
        for b in blocks {
            if !claim_or_referral().is_match(b.source) {
                continue;
            }
            // A pointer to a resource the reader cannot find ("contact our support team",
            // "download it from our releases page") is a claim with no source too.
            // Whether the block cites something, looked up only when a pointer or a claim needs it.
            let mut cited = None;
            let mut linked = || *cited.get_or_insert_with(|| attributed(b.source));
            let lower = doc
                .folded_text()
                .and_then(|l| l.get(b.span.start..b.span.start + b.source.len()));
            for m in referral().find_iter(b.source, lower) {
                if linked() || doc.in_code(b.span.start + m.start()) {
                    continue;
                }
                referrals += 1;
                findings.push(Finding::new(
                    b.span.start + m.start(),
                    format!(
                        "\"{}\" sends the reader somewhere without saying where",
                        // As written: `m` matched in the lowercased text.
                        b.source[m.range()].trim()
                    ),
                    "link the page, repository or channel, or delete the pointer",
                ));
            }
            let Some(m) = claim().find(b.source) else {
                continue;
            };
            if doc.in_code(b.span.start + m.start()) {
                continue;
            }
            claims += 1;
            if !linked() && !section_cites(doc, b.span.start) {
                findings.push(Finding::new(
                    b.span.start + m.start(),
                    format!("`{}` has no source in its paragraph", m.as_str().trim()),
                    "cite where it comes from in the same paragraph (a link or a `[n]` marker with its entry in the sources)",
                ));
            }
        }
        // A table of figures needs its source in the table or in the paragraph around it.
        for t in tables {
            let src = doc.text.get(t.clone()).unwrap_or("");
            let Some(m) = claim().find(src) else {
                continue;
            };
            claims += 1;
            let around = |p: &&crate::document::markdown::Paragraph| {
                p.span.end <= t.start && t.start - p.span.end < 400
                    || p.span.start >= t.end && p.span.start - t.end < 400
            };
            let cited = attributed(src)
                || doc
                    .paragraphs
                    .iter()
                    .filter(around)
                    .any(|p| attributed(doc.text.get(p.span.clone()).unwrap_or("")));
            if !cited {
                findings.push(Finding::new(
                    t.start + m.start(),
                    "a table of figures has no source",
                    "say where the figures come from next to the table (a link or a `[n]` marker)",
                ));
            }
        }
        let cites = lexicon::citations(doc);
        let mut unresolved = 0;
        if !cites.markers.is_empty() {
            // Items in the sources section, counted once for every marker.
            let mut items = None;
            for (at, label) in &cites.markers {
                let known = cites.defines(label)
                    || (!label.starts_with('^') && numbered_sources(doc, label, &mut items));
                if !known {
                    unresolved += 1;
                    findings.push(Finding::new(
                        *at,
                        format!("citation `[{label}]` points to no entry"),
                        format!("add entry `[{label}]` to the sources, or fix the marker"),
                    ));
                }
            }
        }
        // Pointers nobody can follow are not excused by a sources list or the author's own
        // method below: they weigh as claims with no credit at all.
        let unattributed = findings.len() - unresolved - referrals;
        let share = if claims + referrals < 2 || claims == 0 {
            1.0
        } else {
            (claims - unattributed) as f64 / claims as f64
        };
        let mut fraction = share;
        // Sources listed at the end give half credit for the claims they do not tie to.
        let listed = cites.definitions.len() >= 3
            || doc
                .links
                .iter()
                .filter(|l| l.dest.starts_with("http"))
                .count()
                >= 3;
        if listed {
            fraction = 0.5 + 0.5 * fraction;
        }
        // Figures from the author's own measurement are sourced by the method that made them.
        // Looked up only where it can change the result: full marks stay full marks (the
        // document keeps what a role search found, so asking twice searches once).
        let own = || lexicon::builtin_role("method").is_some_and(|r| r.find(doc).is_some());
        if fraction != 1.0 && own() {
            fraction = 0.5 + 0.5 * fraction;
        }
        // Attribution is a strong signal but a noisy count: it costs at most 60% of the check,
        // unless the document cites nothing at all for claims that are not its own figures.
        let cites_nothing = || {
            !listed
                && cites.definitions.is_empty()
                && !doc.links.iter().any(|l| l.dest.starts_with("http"))
                && !attributed(&doc.text[doc.body_start.min(doc.text.len())..])
        };
        if referrals > 0 && claims + referrals >= 2 {
            fraction *= claims as f64 / (claims + referrals) as f64;
        }
        if !(unattributed >= 2 && cites_nothing() && !own()) {
            fraction = 0.4 + 0.6 * fraction;
        }
        fraction -= 0.1 * unresolved.min(5) as f64;
        // A bibliography of `[n]` entries that the text never cites, by number or by a link,
        // ties no claim to a source: the list is decoration.
        if cites.bibliography.len() >= 3 && !cites_off_the_list(doc, &cites.bibliography) {
            fraction = fraction.min(0.5);
            findings.push(Finding::new(
                cites.bibliography[0],
                format!(
                    "{} numbered sources that the text never cites: no claim is tied to one",
                    cites.bibliography.len()
                ),
                "mark each claim with the `[n]` of the source it comes from",
            ));
        }
        let summary = format!(
            "{} of {} claims with figures or outside facts cite a source{}",
            claims - unattributed,
            claims + referrals,
            if unresolved > 0 {
                format!("; {unresolved} unresolved citation markers")
            } else {
                String::new()
            }
        );
        Outcome::new(fraction, summary, findings)
    }
}

/// Whether the text ties anything to a source anywhere off the bibliography's own lines
/// (`bibliography`, offsets of its entries): a number (`[3]`, `[1, 4]`, `[2-5]`, `[1][2]`,
/// `[1, §2]`, `[ref 3]`, `(ref. 2)`, a superscript `¹` or `<sup>`) or a link to an outside
/// page. A list under a heading of further reading (See also, Resources, Related) is
/// offered to the reader, not cited: it counts as cited.
fn cites_off_the_list(doc: &Document, bibliography: &[usize]) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    static READING: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)\[(?:refs?\.?\s*)?\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*(?:,[^\]\n]{1,20})?\]|\(refs?\.?\s*\d{1,3}\b|[¹²³⁴⁵⁶⁷⁸⁹]|<sup>")
            .expect("static regex")
    });
    let reading = READING.get_or_init(|| {
        Regex::new(r"(?i)further reading|see also|resources|related|learn more|more information")
            .expect("static regex")
    });
    if doc
        .heading_above(bibliography[0])
        .is_some_and(|h| reading.is_match(&h.text))
    {
        return true;
    }
    // The entries' lines, ascending as their offsets are.
    let entries: Vec<usize> = bibliography.iter().map(|&at| doc.lines.line(at)).collect();
    let off_the_list =
        |at: usize| !doc.in_code(at) && entries.binary_search(&doc.lines.line(at)).is_err();
    let body = doc.body_start.min(doc.text.len());
    re.find_iter(&doc.text[body..])
        .any(|m| off_the_list(body + m.start()))
        || doc
            .links
            .iter()
            .any(|l| l.dest.starts_with("http") && off_the_list(l.offset))
}

/// Pointers to a resource that only a link can identify.
/// A [`LazyRegex`] so that it runs case-sensitively on the lowercased text
/// (`matching::fold_pattern`): the same matches, from a regex that costs less than half as
/// much to build.
fn referral() -> &'static LazyRegex {
    static RE: OnceLock<LazyRegex> = OnceLock::new();
    RE.get_or_init(|| LazyRegex::new(REFERRAL))
}

/// [`referral`]'s pattern.
const REFERRAL: &str = r"(?i)\b(?:contact (?:our|the) support(?: team)?|our support team|(?:refer to|consult) (?:the|our) (?:official )?(?:documentation|docs|manual|faq|wiki)\b|(?:from|on|visit|see|check|in) our (?:official )?(?:releases? page|website|download page|github(?: repository| repo)?|repository|forum|discord|slack)\b|(?:join|visit) our (?:community|discord|slack|forum)\b|(?:available|provided|shared) (?:up)?on (?:reasonable )?request\b)";

/// Whether the section around `at` lists its own sources: a top section (below the title)
/// that holds a list item with a link, as in reports that end every section with `Sources`.
fn section_cites(doc: &Document, at: usize) -> bool {
    let title = doc
        .headings
        .first()
        .filter(|h| h.level == 1)
        .map(|h| h.span.start);
    let body = doc.text.len().saturating_sub(doc.body_start).max(1);
    let Some(h) = doc
        .headings
        .iter()
        .filter(|h| Some(h.span.start) != title && h.span.start <= at && at < h.section_end)
        .min_by_key(|h| h.level)
    else {
        return false;
    };
    let range = Document::section_range(h);
    // A section that is most of the document is the document.
    if (range.end - range.start) * 2 > body {
        return false;
    }
    doc.list_items.iter().any(|(span, _)| {
        range.contains(&span.start) && {
            let s = doc.text.get(span.clone()).unwrap_or("");
            s.contains("http://") || s.contains("https://")
        }
    })
}

/// A numbered list entry `n.` in a sources section resolves `[n]`. `items` caches the
/// number of list items in that section (`Some(None)`: no such section).
fn numbered_sources(doc: &Document, label: &str, items: &mut Option<Option<usize>>) -> bool {
    let Ok(n) = label.parse::<usize>() else {
        return false;
    };
    items
        .get_or_insert_with(|| sources_items(doc))
        .is_some_and(|count| count >= n)
}

fn sources_items(doc: &Document) -> Option<usize> {
    let role = lexicon::builtin_role("sources")?;
    let Some(lexicon::Found::Heading(range, _)) = role.find(doc) else {
        return None;
    };
    Some(
        doc.list_items
            .iter()
            .filter(|(s, _)| range.contains(&s.start))
            .count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`REFERRAL`] runs folded (on the lowercased text), as its [`LazyRegex`] is meant to.
    #[test]
    fn referral_pattern_folds() {
        assert!(crate::rubric::matching::fold_pattern(REFERRAL).is_some());
    }

    /// The finding quotes the pointer as written, though it is found in the lowercased text.
    #[test]
    fn a_referral_is_quoted_as_written() {
        let doc = Document::parse("# Guide\n\nJoin our Community for help with the setup.\n");
        let out = Evidence.evaluate(&doc, &Env::default());
        let quoted = out
            .findings
            .iter()
            .any(|f| f.message.contains("\"Join our Community\""));
        assert!(quoted, "{:?}", out.findings);
    }

    fn fraction(text: &str) -> f64 {
        super::super::fraction_of(&Evidence, text)
    }

    proptest::proptest! {
        /// Wherever a claim or a referral matches in a piece of a text (a block, a table),
        /// the pattern detection scans the whole body with matches in the text, unless an
        /// edge of the piece meets a word character.
        #[test]
        fn a_claim_in_any_piece_is_seen_in_the_whole(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("grew 12.5 % ".to_string()),
                proptest::strategy::Just("3 percent".to_string()),
                proptest::strategy::Just("4 Billion ".to_string()),
                proptest::strategy::Just("10x faster ".to_string()),
                proptest::strategy::Just("3 times more ".to_string()),
                proptest::strategy::Just("€ 4 and $5 ".to_string()),
                proptest::strategy::Just("1,200 USD ".to_string()),
                proptest::strategy::Just("According to the survey, ".to_string()),
                proptest::strategy::Just("studies show ".to_string()),
                proptest::strategy::Just("a recent report from ".to_string()),
                proptest::strategy::Just("Reports by the ".to_string()),
                proptest::strategy::Just("contact our support team ".to_string()),
                proptest::strategy::Just("see our releases page ".to_string()),
                proptest::strategy::Just("١٢٣ ٪ ".to_string()),
                "[a-zA-Z0-9 ,.%$]{0,12}",
                "\\PC{0,8}",
            ], 0..10),
            cut in (0usize..200, 0usize..200),
        ) {
            let text = parts.concat();
            let whole = crate::rubric::lexicon::regex(&claim_scan_pattern()).expect("builds");
            let (mut a, mut b) = (cut.0.min(text.len()), cut.1.min(text.len()));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            for span in [0..text.len(), a..b] {
                let piece = &text[span.clone()];
                if (claim_or_referral().is_match(piece) || claim().is_match(piece))
                    && !edge_in_word(&text, &span)
                {
                    proptest::prop_assert!(whole.is_match(&text), "{:?} in {:?}", piece, text);
                }
            }
        }
    }

    proptest::proptest! {
        /// The joint pattern matches where either of its parts does.
        #[test]
        fn the_joint_pattern_matches_where_a_part_does(text in r"(?:[a-zA-Z0-9 ,.%$€٣]|according to|Studies show|a recent survey by|Reports from the|experts say|USD|bn|percent|x faster|times more|contact our support|refer to the docs|consult our wiki|from our website|join our discord|your forum|available on request|shared upon reasonable request|\x{17F})*") {
            proptest::prop_assert_eq!(
                claim_or_referral().is_match(&text),
                claim().is_match(&text) || referral().get().is_match(&text)
            );
        }

        /// The bracketed labels checked apart agree with the single pattern they came from.
        #[test]
        fn attribution_agrees_with_one_pattern(text in r"(\[|\]|\^|[0-9a-z_-]{1,12}|[a-z]{19,22}|é|٣| |https?://|\(source )*") {
            let one = crate::rubric::lexicon::regex(
                r"(?i)https?://|\]\((?:https?:|www\.|doi|\.{0,2}/?[\w-]+[/.#)])|\]\[|\[\^?[\w-]{1,20}\]|<https?:|\(\s*(?:source|via|see)\b|\bsource:|\([A-Z][A-Za-z-]+(?: et al\.?| and [A-Z][A-Za-z-]+)?,? (?:19|20)\d{2}\)",
            )
            .unwrap();
            // The one pattern took a checkbox's `[x]` for a label.
            let unticked = text.replace("[x]", "[\0]").replace("[X]", "[\0]");
            proptest::prop_assert_eq!(attributed(&text), one.is_match(&unticked), "{:?}", text);
        }
    }

    #[test]
    fn a_ticked_checkbox_is_no_citation() {
        let ticked = "# Report\n\n- [x] The market grew 40% in 2025, according to analysts.\n- [X] The segment is worth $3 billion.\n";
        assert!(fraction(ticked) < 0.5, "{}", fraction(ticked));
        let cited = "# Report\n\n- [x] The market grew 40% in 2025, according to analysts [1].\n- [X] The segment is worth $3 billion [^size].\n\n[1]: https://x.example/market\n[^size]: The 2025 market survey.\n";
        assert_eq!(fraction(cited), 1.0);
    }

    #[test]
    fn pointers_nobody_can_follow_are_not_excused_by_a_links_section() {
        let links = "\n\n## Resources\n\n- [a](https://a.example)\n- [b](https://b.example)\n- [c](https://c.example)\n";
        let pointers = format!(
            "# Guide\n\nDownload the binary from our releases page.\n\nJoin our community Discord for help.{links}"
        );
        assert!(fraction(&pointers) < 0.5, "{}", fraction(&pointers));
        let linked = format!(
            "# Guide\n\nDownload the binary from [the releases page](https://x.example/releases).\n\nAsk on [the forum](https://forum.example).{links}"
        );
        assert_eq!(fraction(&linked), 1.0);
        // Data "available on request" is a pointer nobody can follow as well.
        let claim =
            format!("# Report\n\nThe judges preferred the skill in 85% of the cases.{links}");
        let withheld = claim.replace(
            "cases.",
            "cases.\n\nThe per-case results are available on request.",
        );
        assert!(
            fraction(&withheld) < fraction(&claim),
            "{}",
            fraction(&withheld)
        );
    }

    #[test]
    fn a_numbered_bibliography_the_text_never_cites_ties_no_claim() {
        let sources = "\n## References\n\n* [1] \"Supply chains after the pandemic\" (https://a.example/1)\n* [2] \"The lasting impact\" (https://b.example/2)\n* [3] \"What comes next\" (https://c.example/3)\n";
        let uncited = format!(
            "# Report\n\nThe pandemic disrupted supply chains across many industries.\n{sources}"
        );
        assert_eq!(fraction(&uncited), 0.5);
        // Cited by number, in any of the usual forms, or by a link, the list is the sources of
        // its claims.
        for marker in [
            "[2]",
            "[1, 3]",
            "[1-3]",
            "[1][2]",
            "[1, §2]",
            "(ref. 2)",
            "¹",
            "<sup>3</sup>",
            "([the survey](https://a.example/1))",
        ] {
            let cited = uncited.replace("industries.", &format!("industries {marker}."));
            assert_eq!(fraction(&cited), 1.0, "{marker}");
        }
        // A list of further reading is offered to the reader, not cited.
        let reading = uncited.replace("## References", "## Further reading");
        assert_eq!(fraction(&reading), 1.0);
    }
}
