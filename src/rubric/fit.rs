//! Fit: when kind detection is uncertain (a runner-up's evidence comes close to the winner's),
//! the document is scored as the close kind whose core parts it has, so a good document of a
//! kind detection only half recognised is not failed for lacking another kind's parts.

use super::Rubric;
use super::rules::{Env, Outcome};
use crate::document::Document;

/// The outcomes of a rubric's completeness `roles` checks, with each check's position in
/// `rubric.checks`: what [`best_fit`] evaluated for the rubric it chose, so scoring reuses them
/// (`score::score_known`) instead of evaluating the same checks again.
pub type Parts = Vec<(usize, Outcome)>;

/// Evaluates `rubric`'s completeness `roles` checks on `doc`.
pub fn parts(rubric: &Rubric, doc: &Document, env: &Env) -> Parts {
    rubric
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.dimension == 0 && c.kind.doc.name == "roles")
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
fn fit_of(rubric: &Rubric, parts: &Parts) -> (f64, bool) {
    let (mut earned, mut total, mut gated) = (0.0, 0.0, false);
    for (i, outcome) in parts {
        let c = &rubric.checks[*i];
        earned += c.weight * outcome.fraction;
        total += c.weight;
        gated |= outcome.gate.is_some();
    }
    (if total > 0.0 { earned / total } else { 1.0 }, gated)
}

/// Which of `candidates` (the detected kind first, then the close ones) the document is
/// scored as, with the outcomes of that rubric's `roles` checks when they were evaluated. The
/// detected kind, unless the document lacks so many of its core parts that they fail it:
/// then the close kind whose parts it has most of, among those whose parts do not fail it
/// (the detected kind when there is none). A candidate `rubric_for` cannot give is skipped.
pub fn best_fit<'c, R: std::ops::Deref<Target = Rubric>>(
    doc: &Document,
    env: &Env,
    candidates: &'c [String],
    rubric_for: impl Fn(&str) -> Option<R>,
) -> Option<(&'c str, Parts)> {
    let (first, rest) = candidates.split_first()?;
    let Some(rubric) = rubric_for(first) else {
        return Some((first, Parts::new()));
    };
    let first_parts = parts(&rubric, doc, env);
    if !fit_of(&rubric, &first_parts).1 {
        return Some((first, first_parts));
    }
    let mut best: Option<(f64, &str, Parts)> = None;
    for name in rest {
        let Some(rubric) = rubric_for(name) else {
            continue;
        };
        let found = parts(&rubric, doc, env);
        let (fit, gated) = fit_of(&rubric, &found);
        if !gated && best.as_ref().is_none_or(|(b, _, _)| fit > b + 1e-9) {
            best = Some((fit, name, found));
        }
    }
    Some(best.map_or((first.as_str(), first_parts), |(_, n, p)| (n, p)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A project write-up with what was done and what is left: a final report's parts,
        // not a data analysis's question, method and findings.
        let text = "# Importer\n\n## Outcome\n\nThe importer now reads all 14 feeds and the nightly job finished in 12 minutes.\n\n## Next Steps\n\nMove the cache to disk and add retries for the two flaky feeds.\n";
        let doc = Document::parse(text);
        let env = Env::default();
        let names = vec![
            "any-data-analysis".to_string(),
            "any-final-report".to_string(),
        ];
        let load = |n: &str| super::super::load(n, None).ok().map(Box::new);
        assert_eq!(
            best_fit(&doc, &env, &names, load).map(|f| f.0),
            Some("any-final-report")
        );
        // A detected kind whose core parts the document has stays.
        let kept = vec![
            "any-final-report".to_string(),
            "any-data-analysis".to_string(),
        ];
        assert_eq!(
            best_fit(&doc, &env, &kept, load).map(|f| f.0),
            Some("any-final-report")
        );
    }
}
