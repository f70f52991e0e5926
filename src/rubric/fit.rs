//! Fit: when kind detection is uncertain (a runner-up's evidence comes close to the winner's),
//! the document is scored as the close kind whose core parts it has, so a good document of a
//! kind detection only half recognised is not failed for lacking another kind's parts.

use super::Rubric;
use super::rules::Env;
use crate::document::Document;

/// How much of `rubric`'s required parts `doc` has: the weighted mean (0..=1) of the
/// rubric's completeness `roles` checks (1 when it requires none), and whether one of them
/// fails the document (its `gate_at` parts are missing).
pub fn parts_fit(rubric: &Rubric, doc: &Document, env: &Env) -> (f64, bool) {
    let (mut earned, mut total, mut gated) = (0.0, 0.0, false);
    for c in rubric
        .checks
        .iter()
        .filter(|c| c.dimension == 0 && c.kind.doc.name == "roles")
    {
        let outcome = c.rule.evaluate(doc, env);
        earned += c.weight * outcome.fraction;
        total += c.weight;
        gated |= outcome.gate.is_some();
    }
    (if total > 0.0 { earned / total } else { 1.0 }, gated)
}

/// Which of `candidates` (the detected kind first, then the close ones) the document is
/// scored as. The detected kind, unless the document lacks so many of its core parts that
/// they fail it: then the close kind whose parts it has most of, among those whose parts do
/// not fail it (the detected kind when there is none). A candidate `rubric_for` cannot give
/// is skipped.
pub fn best_fit<'c, R: std::ops::Deref<Target = Rubric>>(
    doc: &Document,
    env: &Env,
    candidates: &'c [String],
    rubric_for: impl Fn(&str) -> Option<R>,
) -> Option<&'c str> {
    let (first, rest) = candidates.split_first()?;
    if rubric_for(first).is_none_or(|r| !parts_fit(&r, doc, env).1) {
        return Some(first);
    }
    let mut best: Option<(f64, &str)> = None;
    for name in rest {
        let Some(rubric) = rubric_for(name) else {
            continue;
        };
        let (fit, gated) = parts_fit(&rubric, doc, env);
        if !gated && best.is_none_or(|(b, _)| fit > b + 1e-9) {
            best = Some((fit, name));
        }
    }
    Some(best.map_or(first.as_str(), |(_, n)| n))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(best_fit(&doc, &env, &names, load), Some("any-final-report"));
        // A detected kind whose core parts the document has stays.
        let kept = vec![
            "any-final-report".to_string(),
            "any-data-analysis".to_string(),
        ];
        assert_eq!(best_fit(&doc, &env, &kept, load), Some("any-final-report"));
    }
}
