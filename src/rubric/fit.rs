//! Fit: when kind detection is uncertain (a runner-up's evidence comes close to the winner's),
//! the document is scored as the close kind whose core parts it has, so a good document of a
//! kind detection only half recognised is not failed for lacking another kind's parts.

use super::Rubric;
use super::detect::{MIN_SCORE, STRONG};
use super::rules::{Env, Outcome};
use crate::document::Document;

/// The outcomes of a rubric's completeness `roles` checks, with each check's position in
/// `rubric.checks`: what [`best_fit`] evaluated for the rubric it chose, so scoring reuses them
/// (`score::score_known`) instead of evaluating the same checks again.
pub type Parts = Vec<(usize, Outcome)>;

/// Why [`best_fit`] chose its kind (what review tells the user).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The detected kind, or the close kind whose parts the document has.
    Parts,
    /// A close kind with strong evidence whose parts the document has and whose evidence
    /// check (a verified fix, code locations) fails it.
    Evidence,
}

/// Whether `check` is one of a kind's core parts: a completeness `roles` check.
pub fn is_part(check: &super::Check) -> bool {
    check.dimension == 0 && check.kind.doc.name == "roles"
}

/// Evaluates `rubric`'s completeness `roles` checks on `doc`.
pub fn parts(rubric: &Rubric, doc: &Document, env: &Env) -> Parts {
    rubric
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| is_part(c))
        .map(|(i, c)| (i, c.rule.evaluate(doc, env)))
        .collect()
}

/// How much of `rubric`'s required parts `doc` has: the weighted mean (0..=1) of the
/// rubric's completeness `roles` checks (1 when it requires none), and whether one of them
/// fails the document (its `gate_at` parts are missing).
pub fn parts_fit(rubric: &Rubric, doc: &Document, env: &Env) -> (f64, bool) {
    fit_of(rubric, &parts(rubric, doc, env))
}

/// [`parts_fit`] from the outcomes [`parts`] gave.
pub fn fit_of(rubric: &Rubric, parts: &Parts) -> (f64, bool) {
    let (mut earned, mut total, mut gated) = (0.0, 0.0, false);
    for (i, outcome) in parts {
        let c = &rubric.checks[*i];
        earned += c.weight * outcome.fraction;
        total += c.weight;
        gated |= outcome.gate.is_some();
    }
    (if total > 0.0 { earned / total } else { 1.0 }, gated)
}

/// Whether one of `rubric`'s evidence checks (a roles check outside completeness: a review's
/// `path:line` locations, a debug report's verified fix) fails the document.
pub fn evidence_fails(rubric: &Rubric, doc: &Document, env: &Env) -> bool {
    rubric
        .checks
        .iter()
        .filter(|c| !is_part(c) && c.kind.doc.name == "roles")
        .any(|c| c.rule.evaluate(doc, env).gate.is_some())
}

/// Whether `rubric` fails a document that has none of its parts: a kind that does asks as
/// much of its parts as any; one that does not (an article's thesis and sources) asks less.
fn fails_without_parts(rubric: &Rubric, env: &Env) -> bool {
    parts_fit(rubric, &Document::parse(""), env).1
}

/// Which of `candidates` (the detected kind first, then the close ones) the document is
/// scored as, with the outcomes of that rubric's completeness `roles` checks when they were
/// evaluated. The detected kind, unless the document lacks so many of its core parts that
/// they fail it: then the close kind whose parts it has most of, among those whose parts do
/// not fail it (the detected kind when there is none). A kind that fails no document for
/// missing parts asks less: it qualifies only when its evidence is more than the least and
/// within one of the detected kind's, else it would rescue a document just for lacking what
/// the detected kind needs. A candidate `rubric_for` cannot give is skipped.
///
/// Whichever kind wins, a close kind with strong evidence ([`STRONG`]: the document plausibly
/// is that kind) whose parts the document has but whose evidence it lacks is chosen: an
/// investigation titled as research that proposes a fix it never verified is held to a debug
/// report's verification. `evidence` is each candidate's detection evidence, in order (a
/// missing one counts as none).
pub fn best_fit<'c, R: std::ops::Deref<Target = Rubric>>(
    doc: &Document,
    env: &Env,
    candidates: &'c [String],
    evidence: &[usize],
    rubric_for: impl Fn(&str) -> Option<R>,
) -> Option<(&'c str, Parts, Why)> {
    let (first, rest) = candidates.split_first()?;
    let of = |i: usize| evidence.get(i).copied().unwrap_or(0);
    for (i, name) in rest.iter().enumerate() {
        if of(i + 1) < STRONG {
            continue;
        }
        let Some(rubric) = rubric_for(name) else {
            continue;
        };
        let found = parts(&rubric, doc, env);
        if !fit_of(&rubric, &found).1 && evidence_fails(&rubric, doc, env) {
            return Some((name, found, Why::Evidence));
        }
    }
    let Some(rubric) = rubric_for(first) else {
        return Some((first, Parts::new(), Why::Parts));
    };
    let first_parts = parts(&rubric, doc, env);
    if !fit_of(&rubric, &first_parts).1 {
        return Some((first, first_parts, Why::Parts));
    }
    let mut best: Option<(f64, &str, Parts)> = None;
    for (i, name) in rest.iter().enumerate() {
        let Some(rubric) = rubric_for(name) else {
            continue;
        };
        let near = of(i + 1) > MIN_SCORE && of(i + 1) + 1 >= of(0);
        if !near && !fails_without_parts(&rubric, env) {
            continue;
        }
        let found = parts(&rubric, doc, env);
        let (fit, gated) = fit_of(&rubric, &found);
        if !gated && best.as_ref().is_none_or(|(b, _, _)| fit > b + 1e-9) {
            best = Some((fit, name, found));
        }
    }
    let (name, parts) = best.map_or((first.as_str(), first_parts), |(_, n, p)| (n, p));
    Some((name, parts, Why::Parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(n: &str) -> Option<Box<Rubric>> {
        super::super::load(n, None).ok().map(Box::new)
    }

    /// The name [`best_fit`] chooses.
    fn chosen<'c>(
        doc: &Document,
        env: &Env,
        candidates: &'c [String],
        evidence: &[usize],
    ) -> Option<&'c str> {
        best_fit(doc, env, candidates, evidence, load).map(|f| f.0)
    }

    /// Why [`best_fit`] chose.
    fn why(doc: &Document, env: &Env, candidates: &[String], evidence: &[usize]) -> Option<Why> {
        best_fit(doc, env, candidates, evidence, load).map(|f| f.2)
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn scoring_with_the_parts_fit_evaluated_is_scoring() {
        let texts = [
            "# Importer\n\n## Outcome\n\nThe importer now reads all 14 feeds.\n\n## Next Steps\n\nAdd retries.\n",
            "# Code review of PR #12\n\n## Findings\n\n- `src/a.rs:10` unwrap on input.\n\n## Verdict\n\nRequest changes.\n",
            "hello there\n",
        ];
        let env = Env::default();
        for name in super::super::builtin_names() {
            let rubric = super::super::load(name, None).unwrap();
            for text in texts {
                let doc = Document::parse(text);
                let known = parts(&rubric, &doc, &env);
                assert_eq!(
                    super::super::score::score_known(&rubric, &doc, &env, known),
                    super::super::score::score(&rubric, &doc, &env),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn the_close_kind_whose_parts_the_document_has_wins() {
        // A guide with an overview, steps and examples, detected as a debug report it has
        // none of the parts of: scored as the tutorial it is.
        let text = "# Importer\n\n## Overview\n\nThe importer reads all 14 feeds into one table every night.\n\n## Steps\n\n1. Run `importer fetch`.\n2. Run `importer load`.\n\n## Examples\n\nLoading one feed takes 12 seconds on a laptop.\n";
        let doc = Document::parse(text);
        let env = Env::default();
        let moved = names(&["any-debug-report", "article", "any-tutorial"]);
        assert_eq!(chosen(&doc, &env, &moved, &[5, 0, 3]), Some("any-tutorial"));
        // A detected kind whose core parts the document has stays.
        let kept = names(&["any-tutorial", "any-debug-report"]);
        assert_eq!(chosen(&doc, &env, &kept, &[5, 3]), Some("any-tutorial"));
    }

    #[test]
    fn a_kind_that_asks_less_does_not_rescue_a_document() {
        // A design doc without its design and alternatives is not rescued by an article,
        // which fails no document for missing parts.
        let text = "# Kernel subshells\n\n## Introduction\n\nKernels run one request at a time, so a long cell blocks the debugger.\n\n## References\n\n- [spec](https://example.org/spec)\n";
        let doc = Document::parse(text);
        let env = Env::default();
        let candidates = names(&["any-design-doc", "article"]);
        assert_eq!(
            chosen(&doc, &env, &candidates, &[3, 3]),
            Some("any-design-doc")
        );
        // Unless the article's evidence is more than the least and as good as the design's.
        assert_eq!(chosen(&doc, &env, &candidates, &[5, 4]), Some("article"));
        assert!(!fails_without_parts(&load("article").unwrap(), &env));
        assert!(fails_without_parts(&load("any-design-doc").unwrap(), &env));
    }

    #[test]
    fn a_strong_close_kind_holds_the_document_to_its_evidence() {
        // A research write-up of a bug that proposes a fix and never verifies it: plausibly a
        // debug report, so it is held to one's verification.
        let text = "# Research: failed status bug\n\n## Summary\n\nInterrupted sessions are briefly marked failed; the handler is the cause.\n\n## Key Findings\n\nThe status writer runs before the interrupt is recorded.\n\n## Symptom\n\nSessions show failed for a second after an interrupt.\n\n## Root Cause\n\nThe interrupt handler marks the session failed when `cmd.Wait()` returns an error.\n\n## Recommended Fix\n\nWe should ignore the error from `cmd.Wait()` after a SIGINT.\n\n## Sources\n\n- [handler](https://example.org/handler.go)\n";
        let doc = Document::parse(text);
        let env = Env::default();
        let candidates = names(&["any-research-report", "any-debug-report"]);
        assert_eq!(
            chosen(&doc, &env, &candidates, &[10, 8]),
            Some("any-debug-report")
        );
        assert_eq!(why(&doc, &env, &candidates, &[10, 8]), Some(Why::Evidence));
        // Without strong evidence for it, the detected kind stays.
        assert_eq!(
            chosen(&doc, &env, &candidates, &[5, 4]),
            Some("any-research-report")
        );
        assert_eq!(why(&doc, &env, &candidates, &[5, 4]), Some(Why::Parts));
        // Once the fix is verified, the debug report's evidence holds and nothing moves.
        let verified = format!(
            "{text}\n## Verification\n\nAfter the change, 50 interrupted sessions all ended as `interrupted`; the test `TestInterrupt` passes.\n"
        );
        let doc = Document::parse(&verified);
        assert_eq!(
            chosen(&doc, &env, &candidates, &[10, 8]),
            Some("any-research-report")
        );
    }
}
