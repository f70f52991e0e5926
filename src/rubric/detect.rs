//! Kind detection: which rubric fits a document nobody named one for. Each kind in the
//! lexicon scores signals (its title, its headings, patterns in its text); the best kind with
//! enough evidence wins and the reason says what was seen. `generic` when nothing fits.

use std::sync::OnceLock;

use super::GENERIC;
use super::lexicon::{self, PatternSet};
use super::matching::BodyScan;
use super::names::names_part;
use super::rules::{evidence, filler};
use super::title::{Named, ascii_folded, title_match};
use crate::document::{Document, text};

/// The rubric chosen for a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub rubric: String,
    /// Human name of the kind (`research report`), or `document` for generic.
    pub kind: String,
    /// What was seen ("title mentions `tutorial`; headings Prerequisites, Steps").
    pub reason: String,
    /// Other kinds whose evidence comes within [`CLOSE`] of the winner's (rubric and kind
    /// names), best first: the kind is uncertain, and review scores the document as the one of
    /// them whose parts it has (`rubric::fit`).
    pub close: Vec<(String, String)>,
    /// The evidence of the detected kind, then of each close kind in order (`rubric::fit`
    /// weighs it).
    pub evidence: Vec<usize>,
    /// Whether the title names the kind in its own words or headings of the kind were seen,
    /// for the detected kind, then each close kind in order (as `evidence`). Without either
    /// the kind was guessed from the wording alone (`3 content signals`), and its missing core
    /// parts say more about the guess than about the document (`Env::kind_guessed`).
    pub named: Vec<bool>,
}

/// Evidence a kind has when the document plausibly is that kind even if another kind wins:
/// twice the least a kind needs to be chosen (a title and a heading of its own, say).
pub const STRONG: usize = 2 * MIN_SCORE;

/// The least score a kind needs to be chosen.
pub const MIN_SCORE: usize = 3;

/// How near a runner-up's evidence must come to the winner's (one matching heading) for the
/// kind to count as uncertain.
pub const CLOSE: usize = 2;

/// Detects the kind of `text` (its file name helps when the title says nothing).
pub fn detect(text_in: &str, file_name: &str) -> Detection {
    detect_doc(&Document::parse(text_in), file_name)
}

/// [`detect`] on a document already parsed (review parses each file once).
pub fn detect_doc(doc: &Document, file_name: &str) -> Detection {
    decide(&kind_scores(doc, file_name, true))
}

/// The detection [`kind_scores`] make: the best kind with enough evidence, and those close
/// to it. A kind without a score (`None`) is neither.
fn decide(scores: &[Option<(usize, String)>]) -> Detection {
    let lex = lexicon::builtin();
    let mut best: Option<((usize, bool), usize)> = None;
    let scored = || {
        scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.as_ref()?)))
    };
    for (i, (score, why)) in scored() {
        // On equal evidence the kind the title names with its own words wins.
        let rank = (*score, why.starts_with(STRONG_TITLE_WHY));
        if *score >= MIN_SCORE && best.is_none_or(|b| rank > b.0) {
            best = Some((rank, i));
        }
    }
    // A title can name two kinds in their own words ("Research: ... Bug Investigation"): then
    // it settles neither.
    let strong_titles = scored()
        .filter(|(_, (s, why))| *s >= MIN_SCORE && why.starts_with(STRONG_TITLE_WHY))
        .count();
    match best {
        Some(((top, strong_title), i)) => {
            // A title that names the kind in its own words settles it: a "Test Report" with no
            // results lacks a test report's parts, it is not a tutorial.
            let strong_title = strong_title && strong_titles == 1;
            let mut close: Vec<(usize, usize)> = scored()
                .filter(|&(j, (s, _))| {
                    !strong_title && j != i && *s >= MIN_SCORE && s + CLOSE >= top
                })
                .map(|(j, (s, _))| (*s, j))
                .collect();
            close.sort_by_key(|c| std::cmp::Reverse(c.0));
            let evidence = std::iter::once(top)
                .chain(close.iter().map(|c| c.0))
                .collect();
            let why = |k: usize| scores[k].as_ref().map_or("", |s| s.1.as_str());
            let named = std::iter::once(i)
                .chain(close.iter().map(|c| c.1))
                .map(|k| names_kind(why(k)))
                .collect();
            Detection {
                rubric: lex.kinds[i].rubric.clone(),
                kind: lex.kinds[i].name.clone(),
                named,
                reason: why(i).to_string(),
                close: close
                    .into_iter()
                    .map(|(_, j)| (lex.kinds[j].rubric.clone(), lex.kinds[j].name.clone()))
                    .collect(),
                evidence,
            }
        }
        None => Detection {
            rubric: GENERIC.to_string(),
            kind: "document".into(),
            reason: "no kind of document fits clearly".into(),
            close: Vec::new(),
            evidence: Vec::new(),
            named: Vec::new(),
        },
    }
}

/// The evidence for each kind of the lexicon, in its order: a score and what was seen. With
/// `prune`, a kind whose patterns and roles could not make it the winner or a close kind (see
/// [`decide`]) has no score (`None`) and is not searched for them: the detection is the same.
/// Every kind's `patterns`, in order, then what other checks ask of the whole body (the
/// fields of [`BodyScan`], in order); all scanned together.
fn kind_patterns() -> &'static PatternSet {
    static SET: OnceLock<PatternSet> = OnceLock::new();
    SET.get_or_init(|| {
        let lex = lexicon::builtin();
        let mut patterns: Vec<String> = lex
            .kinds
            .iter()
            .flat_map(|k| &k.patterns)
            .map(|p| p.as_str().to_string())
            .collect();
        patterns.extend([
            super::claims::verdict_pattern(),
            filler::praise_or_hedges_pattern(),
            evidence::claim_scan_pattern(),
        ]);
        PatternSet::of(patterns)
    })
}

/// How many patterns the kinds have (the index in [`kind_patterns`] of the first that is not
/// a kind's).
fn kind_patterns_len(lex: &lexicon::Lexicon) -> usize {
    lex.kinds.iter().map(|k| k.patterns.len()).sum()
}

/// The kinds (positions in the lexicon's `kinds`) with each name of
/// [`lexicon::heading_names`] among their headings.
fn kinds_by_heading_name() -> &'static [Vec<usize>] {
    static KINDS: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let (lex, names) = (lexicon::builtin(), lexicon::heading_names());
        let mut out = vec![Vec::new(); names.count()];
        for (k, kind) in lex.kinds.iter().enumerate() {
            for id in kind.heading_words.iter().filter_map(|w| names.position(w)) {
                let kinds: &mut Vec<usize> = &mut out[id as usize];
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
        out
    })
}

/// Which kinds a heading or label (its `words`) names as one of their parts, by position in
/// the lexicon's `kinds`. `matched`: for a heading, the names of [`lexicon::heading_names`] it
/// matches (found once per document, for the roles too); a label is looked up in the kinds'
/// own index. Either way the same kinds.
pub(crate) fn kinds_named(words: &text::Words, matched: Option<&[u32]>) -> Vec<bool> {
    let lex = lexicon::builtin();
    let mut hit = vec![false; lex.kinds.len()];
    match matched {
        Some(ids) => {
            let (shared, kinds_of) = (lexicon::heading_names(), kinds_by_heading_name());
            for &id in ids {
                let kinds = &kinds_of[id as usize];
                if !kinds.is_empty() && names_part(words, shared.name(id)) {
                    kinds.iter().for_each(|&k| hit[k] = true);
                }
            }
        }
        None => {
            for j in lex.kind_headings.matching(words) {
                if names_part(words, lex.kind_headings.name(j)) {
                    hit[lex.kind_of_heading[j]] = true;
                }
            }
        }
    }
    hit
}

pub fn kind_scores(doc: &Document, file_name: &str, prune: bool) -> Vec<Option<(usize, String)>> {
    let text_in = doc.text;
    let lex = lexicon::builtin();
    let title = doc
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| h.text.clone())
        .or_else(|| {
            doc.metadata
                .iter()
                .find(|m| m.key.eq_ignore_ascii_case("title"))
                .map(|m| m.value.clone())
        })
        .unwrap_or_else(|| {
            // No title: the first line of the body (`Report: # Title` from a pipeline).
            text_in[doc.body_start.min(text_in.len())..]
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .chars()
                .take(200)
                .collect()
        });
    let stem = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .trim_end_matches(".md")
        .replace(['-', '_'], " ");
    // Lowercased for the kinds' title patterns, which run case-sensitively on it.
    let (title_lower, stem_lower) = (ascii_folded(&title), ascii_folded(&stem));
    // Headings below the title (with their position), and bold labels (`**Research
    // Question**:`), split once.
    let names: Vec<(&str, &text::Words, Option<usize>)> = doc
        .headings
        .iter()
        .zip(doc.heading_words())
        .enumerate()
        .filter(|(_, (h, _))| h.level >= 2)
        .map(|(i, (h, w))| (h.text.as_str(), w, Some(i)))
        .chain(
            doc.metadata
                .iter()
                .zip(doc.metadata_key_words())
                .filter(|(m, w)| !lead_in(doc, m, w))
                .map(|(m, w)| (m.key.as_str(), w, None)),
        )
        .collect();
    // Which kinds each name is a heading of: one indexed look-up per name, not a comparison
    // with every heading of every kind. A heading's look-up is the one the roles read too
    // ([`lexicon::heading_names`]), made once per document.
    let by_heading = lexicon::heading_names().matches_by_heading(doc);
    let kinds_named: Vec<Vec<bool>> = names
        .iter()
        .map(|&(_, words, heading)| kinds_named(words, heading.map(|i| &by_heading[i][..])))
        .collect();
    let body = &text_in[doc.body_start.min(text_in.len())..];
    let body_lower = doc
        .folded_text()
        .map(|l| &l[doc.body_start.min(text_in.len())..]);
    // One scan says which kind patterns match at all; only those are run on their own. The
    // same scan answers what other checks ask of the whole body, kept on the document.
    let set = kind_patterns().hits(body);
    let asked = kind_patterns_len(&lex);
    BodyScan {
        verdict: set.may_match(asked),
        praise_or_hedges: set.may_match(asked + 1),
        claim: set.may_match(asked + 2),
    }
    .keep(doc);
    let mut pattern_index = 0;
    // The title and the headings first (cheap), with the most the kind's patterns and roles
    // could add: the patterns the scan says match, and every role.
    let mut seen = Vec::with_capacity(lex.kinds.len());
    for (i, k) in lex.kinds.iter().enumerate() {
        let first_pattern = pattern_index;
        pattern_index += k.patterns.len();
        let mut score = 0;
        let mut why = Vec::new();
        if let Some((m, named)) = title_match(&k.title, &title, title_lower.as_deref())
            .or_else(|| title_match(&k.title, &stem, stem_lower.as_deref()))
        {
            // "Analysis" or "Report" alone names nearly every document.
            score += if named == Named::Weak { 2 } else { 3 };
            why.push(match named {
                Named::Weak => format!("title mentions \"{}\"", m.trim()),
                Named::Topic => format!("{STRONG_TITLE_WHY}\"{}\"{TOPIC_WHY}", m.trim()),
                Named::Document => format!("{STRONG_TITLE_WHY}\"{}\"", m.trim()),
            });
        }
        let mut heads: Vec<&str> = Vec::new();
        let mut head_score = 0;
        for (n, (name, _, _)) in names.iter().enumerate() {
            if heads.len() < 3 && !heads.contains(name) && kinds_named[n][i] {
                heads.push(name);
                head_score += heading_weight(&kinds_named[n]);
            }
        }
        if !heads.is_empty() {
            score += head_score;
            why.push(format!("{HEADINGS_WHY}{}", heads.join(", ")));
        }
        let may: Vec<usize> = (0..k.patterns.len())
            .filter(|j| set.may_match(first_pattern + j))
            .collect();
        let most = score + may.len() + ROLE_POINTS * k.roles.len();
        seen.push((score, why, may, most));
    }
    // Then the kinds' patterns and roles (a search costs a pass over the document), the kind
    // that could score most first. A kind that could not reach the least score, or come within
    // CLOSE of a kind that already has enough, is neither chosen nor close: with `prune` it is
    // not searched and has no score.
    let mut order: Vec<usize> = (0..seen.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(seen[i].3));
    let mut out: Vec<Option<(usize, String)>> = vec![None; seen.len()];
    let mut floor = 0;
    for i in order {
        let k = &lex.kinds[i];
        let (mut score, mut why, may, most) = std::mem::take(&mut seen[i]);
        // A title naming the kind in its own words counts whatever the kind scores (a title
        // naming two kinds settles neither): such a kind is always scored.
        let named = why.first().is_some_and(|w| w.starts_with(STRONG_TITLE_WHY));
        if prune && !named && (most < MIN_SCORE || most + CLOSE < floor) {
            continue;
        }
        let hits = may
            .into_iter()
            .filter(|&j| {
                k.patterns[j].find_iter(body, body_lower).any(|m| {
                    // A fence pattern (```bash) matches where its code block starts.
                    m.as_str().starts_with("```") || !doc.in_code(doc.body_start + m.start())
                })
            })
            .count();
        if hits > 0 {
            score += hits;
            why.push(format!("{hits} content signals"));
        }
        for role in &k.roles {
            if lexicon::builtin_role(role).is_some_and(|r| r.find(doc).is_some()) {
                score += ROLE_POINTS;
                why.push(format!("has {role}"));
            }
        }
        if score >= MIN_SCORE {
            floor = floor.max(score);
        }
        out[i] = Some((score, why.join("; ")));
    }
    out
}

/// Whether a `Key:` line is a sentence that leads into what follows ("Leads to this
/// implementation:" above a code block), not a label: plain text, nothing after the colon,
/// and four words or more.
fn lead_in(doc: &Document, m: &crate::document::markdown::Meta, words: &text::Words) -> bool {
    let line = doc.text.get(m.offset..).unwrap_or("").trim_start();
    let line = ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .unwrap_or(line)
        .trim_start();
    m.source == crate::document::markdown::MetaSource::Line
        && m.value.is_empty()
        && words.len_as_words() >= 4
        && !(line.starts_with("**") || line.starts_with("__"))
}

/// What each of a kind's roles found in the document adds to its evidence.
const ROLE_POINTS: usize = 2;

/// What a heading says about a kind: 2 when it is a heading of that kind alone, 1 when
/// several kinds have it ("Results", "Key Findings", "Conclusion" end most reports).
fn heading_weight(kinds: &[bool]) -> usize {
    if kinds.iter().filter(|&&k| k).count() > 1 {
        1
    } else {
        2
    }
}

/// How a reason starts when the title names the kind with the kind's own words.
const STRONG_TITLE_WHY: &str = "title names ";

/// How a reason lists the kind's headings the document has.
const HEADINGS_WHY: &str = "headings ";

/// Whether a kind's reason says its title words or its headings were seen (the reason is
/// built in [`kind_scores`] from these same prefixes).
fn names_kind(why: &str) -> bool {
    let title = why.split(';').next().unwrap_or("");
    (why.starts_with(STRONG_TITLE_WHY) && !title.ends_with(TOPIC_WHY)) || why.contains(HEADINGS_WHY)
}

/// How a reason ends the title's clause when the kind's word is the title's topic
/// ([`Named::Topic`]): the kind is then not named, only guessed (no parts gate).
const TOPIC_WHY: &str = " as its topic";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Pruning kinds whose roles cannot matter gives the detection scoring every kind gives.
        #[test]
        fn pruned_detection_is_the_full_one(
            parts in proptest::collection::vec(prop_oneof![
                Just("# Code Review of PR #12\n".to_string()),
                Just("# Test Report\n".to_string()),
                Just("# Importer\n".to_string()),
                Just("# Design proposal\n".to_string()),
                Just("# Research: failed status bug investigation\n".to_string()),
                Just("## Root Cause\n".to_string()),
                Just("## Findings\n".to_string()),
                Just("## Verdict\n".to_string()),
                Just("## Results\n".to_string()),
                Just("## Next Steps\n".to_string()),
                Just("## Prerequisites\n".to_string()),
                Just("- `src/a.rs:10` unwrap on input.\n".to_string()),
                Just("See src/lib/b.py:22 and c.go:7.\n".to_string()),
                Just("Severity: critical. LGTM otherwise.\n".to_string()),
                Just("12 tests passed, 1 failed with pytest.\n".to_string()),
                Just("```bash\nmake run\n```\n".to_string()),
                Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
                Just("Revenue grew 40% to $12.5 million [1].\n".to_string()),
                Just("We propose an alternative; the root cause was a panic.\n".to_string()),
                "\\PC{0,40}\n",
            ], 0..24),
        ) {
            let text = parts.concat();
            let doc = Document::parse(&text);
            let full = decide(&kind_scores(&doc, "x.md", false));
            prop_assert_eq!(detect_doc(&doc, "x.md"), full);
        }
    }

    #[test]
    fn kinds_from_title_and_headings() {
        let tutorial = "# How to deploy with Docker\n\n## Prerequisites\n\nDocker.\n\n## Steps\n\n1. Run it.\n";
        assert_eq!(detect(tutorial, "x.md").rubric, "any-tutorial");
        let review = "# Code review of PR #12\n\n## Findings\n\n- `src/a.rs:10` unwrap on input.\n\n## Verdict\n\nRequest changes.\n";
        assert_eq!(detect(review, "x.md").rubric, "any-code-review");
        assert_eq!(detect("hello there\n", "x.md").rubric, GENERIC);
    }

    #[test]
    fn close_kinds_are_listed_unless_the_title_names_the_kind() {
        // Shared report headings count once each: evidence for several kinds comes close.
        let report = "# Importer\n\n## Deliverables\n\nThe importer was completed and reads all 14 feeds.\n\n## Key Metrics\n\nLoad time fell 40%.\n\n## Results\n\nTwo feeds are flaky.\n";
        let d = detect(report, "x.md");
        assert!(!d.close.is_empty(), "{d:?}");
        // A title naming the kind in its own words settles it.
        let titled = format!("# Test Report{}", &report["# Importer".len()..]);
        let d = detect(&titled, "x.md");
        assert_eq!(d.rubric, "any-test-report");
        assert!(d.close.is_empty(), "{d:?}");
    }

    #[test]
    fn a_specific_title_word_beats_a_weak_one() {
        // "Analysis" names nearly every report; "Root Cause" names a debug report.
        let rca = "# Root Cause Analysis: pipeline latency\n\n## Latency Analysis\n\nThe verification loop costs 40 s per run.\n";
        assert_eq!(detect(rca, "x.md").rubric, "any-debug-report");
    }

    #[test]
    fn shell_fences_count_and_the_title_breaks_ties() {
        // Two bare commands under tool headings: the shell fences are the tutorial's signal.
        let tool = "# Proofman toolchain\n\nThe CLI tools:\n\n## Trace setup\n\n```bash\nproofman trace setup --pilout a.pilout\n```\n";
        assert_eq!(detect(tool, "x.md").rubric, "any-tutorial");
        // How-to headings and a handover title: the title decides a tie.
        let handover = "# Panoptikon — Handover 2026-02-20\n\n## Setup\n\nDone.\n\n## Running\n\n```bash\nmake run\n```\n\n## What was done today\n\nFixed the importer; next steps below.\n";
        assert_eq!(detect(handover, "x.md").rubric, "any-final-report");
    }

    #[test]
    fn a_plural_tests_in_the_title_is_a_topic_not_the_kind() {
        let why = |title: &str| {
            let doc = Document::parse(title);
            let test_report = lexicon::builtin()
                .kinds
                .iter()
                .position(|k| k.rubric == "any-test-report")
                .expect("test report kind");
            kind_scores(&doc, "x.md", false)[test_report]
                .as_ref()
                .map(|s| s.1.clone())
                .unwrap_or_default()
        };
        let topic = why("# Code, docs, and tests: what is in the registry?\n");
        assert!(topic.starts_with("title mentions "), "{topic}");
        assert!(why("# Skills Migration Test\n").starts_with(STRONG_TITLE_WHY));
    }

    #[test]
    fn a_kind_is_named_by_its_title_or_headings_else_guessed() {
        let titled = detect("# Test Report\n\nAll 40 tests pass.\n", "x.md");
        assert_eq!(titled.rubric, "any-test-report");
        assert_eq!(titled.named, [true], "{titled:?}");
        let headed = detect(
            "# Cache\n\n## Motivation\n\nIt is slow.\n\n## Proposal\n\nKeep it.\n\n## Alternatives\n\nNone.\n",
            "x.md",
        );
        assert_eq!(headed.rubric, "any-design-doc");
        assert!(headed.named[0], "{headed:?}");
        // A mean, a decimal and a table: a data analysis by its wording alone.
        let notes = "# Cache notes\n\nThe mean lookup takes 12.5 ms on the old host.\n\n| host | ms |\n|---|---|\n| old | 12.5 |\n";
        let guessed = detect(notes, "x.md");
        assert_eq!(guessed.rubric, "any-data-analysis");
        assert_eq!(guessed.named, [false], "{guessed:?}");
    }

    #[test]
    fn a_title_naming_two_kinds_settles_neither() {
        // "Research" and "Bug" both name a kind: the runner-up stays a close kind.
        let doc = "# Research: transient failed status bug investigation\n\n## Research Question\n\nWhy does a session show failed for a second?\n\n## Findings\n\nThe interrupt handler races the status writer.\n\n## Root Cause\n\nThe handler writes before the lock is taken.\n";
        let d = detect(doc, "x.md");
        assert!(!d.close.is_empty(), "{d:?}");
        // The evidence of the winner, then of each close kind.
        assert_eq!(d.evidence.len(), d.close.len() + 1, "{d:?}");
    }

    #[test]
    fn a_finding_titled_with_a_kind_word_is_not_that_section() {
        // Numbered findings mention Handoff and Status; they are not a handover's sections.
        let review = "# Code Review: cwt\n\n## 12. Incomplete Handoff: commits applied but the patch fails\n\n`src/a.rs:10` loses the stash.\n\n## 15. TOCTOU in Session Status Check\n\n`src/b.rs:22` reads then writes.\n";
        assert_eq!(detect(review, "x.md").rubric, "any-code-review");
    }
}
