//! Scoring: every check gives a fraction 0..1 and findings; a dimension is the weighted mean
//! of its checks on a 0-10 scale; the overall score is the weighted mean of the dimensions on
//! 0-100. Each check also records the points it cost, so findings can be ranked by impact.

use super::rules::{Env, Finding};
use super::{DIMENSIONS, Rubric};
use crate::document::Document;

/// The result of one check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    pub id: String,
    pub code: &'static str,
    pub rule: &'static str,
    pub dimension: &'static str,
    pub weight: f64,
    pub fraction: f64,
    pub summary: String,
    pub findings: Vec<Finding>,
    /// Points of the 0-100 score this check lost.
    pub impact: f64,
    /// A gate: a defect that fails the document whatever else it scores (listed first).
    pub gate: bool,
}

impl CheckResult {
    pub fn passed(&self) -> bool {
        self.fraction >= 1.0
    }
}

/// The score of one document against one rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// 0-100, one decimal. Never NaN for a valid rubric; callers still fail closed on it.
    pub score: f64,
    /// 0-10 per dimension (order of [`DIMENSIONS`]); `None` when the rubric does not score it.
    pub dimensions: [Option<f64>; 5],
    pub checks: Vec<CheckResult>,
}

/// Rounds to one decimal, so a printed 80.0 and the pass decision agree.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Scores `doc` against `rubric`.
pub fn score(rubric: &Rubric, doc: &Document, env: &Env) -> Scorecard {
    score_known(rubric, doc, env, Vec::new())
}

/// [`score`], with the outcomes of some checks already evaluated on `doc` with `env` (by
/// position in `rubric.checks`, ascending: what `fit::best_fit` evaluated while choosing the
/// rubric). Each is used instead of evaluating its check again.
pub fn score_known(
    rubric: &Rubric,
    doc: &Document,
    env: &Env,
    known: super::fit::Parts,
) -> Scorecard {
    let mut known = known.into_iter().peekable();
    // Parts are found by English headings: in a document headed in another script, a part
    // not found is not known to be missing (evidence found by structure, `path:line`, is).
    let readable = super::names::headings_readable(doc);
    let outcomes: Vec<_> = rubric
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut outcome = match known.next_if(|(k, _)| *k == i) {
                Some((_, outcome)) => outcome,
                None => c.rule.evaluate(doc, env),
            };
            // A kind guessed from the wording alone does not fail a document for lacking its
            // core parts (the guess may be what is wrong); its evidence checks still gate.
            if (env.kind_guessed || !readable) && super::fit::is_part(c) {
                outcome.gate = None;
            }
            outcome
        })
        .collect();
    let gate_notes: Vec<(usize, String)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| Some((i, o.gate.clone()?)))
        .collect();
    let mut check_weight = [0.0f64; 5];
    let mut earned = [0.0f64; 5];
    for (check, outcome) in rubric.checks.iter().zip(&outcomes) {
        check_weight[check.dimension] += check.weight;
        earned[check.dimension] += check.weight * outcome.fraction;
    }
    let scored: Vec<usize> = (0..DIMENSIONS.len())
        .filter(|&i| rubric.weights[i] > 0.0 && check_weight[i] > 0.0)
        .collect();
    let dim_total: f64 = scored.iter().map(|&i| rubric.weights[i]).sum();
    let mut dimensions = [None; 5];
    let mut overall = 0.0;
    for &i in &scored {
        let d = 10.0 * earned[i] / check_weight[i];
        dimensions[i] = Some(round1(d));
        overall += rubric.weights[i] * d;
    }
    let score = if dim_total > 0.0 {
        round1(10.0 * overall / dim_total)
    } else {
        f64::NAN
    };
    let checks = rubric
        .checks
        .iter()
        .zip(outcomes)
        .map(|(check, outcome)| {
            let share = if dim_total > 0.0 && check_weight[check.dimension] > 0.0 {
                check.weight / check_weight[check.dimension] * rubric.weights[check.dimension]
                    / dim_total
            } else {
                0.0
            };
            CheckResult {
                id: check.id.clone(),
                code: check.kind.doc.code,
                rule: check.kind.doc.name,
                dimension: DIMENSIONS[check.dimension],
                weight: check.weight,
                fraction: outcome.fraction,
                summary: outcome.summary,
                findings: outcome.findings,
                impact: round1(100.0 * share * (1.0 - outcome.fraction)),
                gate: outcome.gate.is_some(),
            }
        })
        .collect();
    apply_gates(doc, score, dimensions, checks, &gate_notes)
}

/// Runs the document gates and caps the score when any gate (or a check's own) fired.
fn apply_gates(
    doc: &Document,
    score: f64,
    dimensions: [Option<f64>; 5],
    mut checks: Vec<CheckResult>,
    gate_notes: &[(usize, String)],
) -> Scorecard {
    let gates = super::gates::check(doc);
    let fired = gates.len() + gate_notes.len();
    if fired == 0 || !score.is_finite() {
        return Scorecard {
            score,
            dimensions,
            checks,
        };
    }
    let capped = round1(super::gates::cap(score));
    let each = round1((score - capped) / fired as f64);
    for (i, note) in gate_notes {
        let c = &mut checks[*i];
        c.summary = format!("{}; fails: {note}", c.summary);
        c.impact = round1(c.impact + each);
    }
    for g in gates {
        checks.push(CheckResult {
            id: g.id.to_string(),
            code: super::gates::CODE,
            rule: "gate",
            dimension: "gate",
            weight: 0.0,
            fraction: 0.0,
            summary: g.summary,
            findings: g.findings,
            impact: each,
            gate: true,
        });
    }
    Scorecard {
        score: capped,
        dimensions,
        checks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RUBRIC: &str = "name: t\ndimensions: { completeness: 2, clarity: 1 }\nchecks:\n  - { id: s, rule: required-sections, dimension: completeness, weight: 3, sections: [Intro, Usage] }\n  - { id: w, rule: min-count, dimension: completeness, count: words, min: 10 }\n  - { id: r, rule: sentence-length, dimension: clarity, max_average: 20 }\n";

    #[test]
    fn weighted_means_and_impact() {
        let rubric = crate::rubric::parse(RUBRIC, "test").unwrap();
        let doc = Document::parse("# T\n\n## Intro\n\nOne two three four five.\n");
        let card = score(&rubric, &doc, &Env::default());
        // completeness: (3 * 0.5 + 1 * 0.7) / 4 = 0.55 -> 5.5 (7 words of 10); clarity 10.
        assert_eq!(card.dimensions, [Some(5.5), None, Some(10.0), None, None]);
        // Five words of prose is no body: the empty-body gate caps the weighted mean.
        let mean = round1((2.0 * 5.5 + 10.0) / 3.0 * 10.0);
        assert_eq!(card.score, round1(crate::rubric::gates::cap(mean)));
        assert!(card.checks.iter().any(|c| c.gate && c.id == "empty-body"));
        let lost: f64 = card.checks.iter().map(|c| c.impact).sum();
        assert!(
            (lost - (100.0 - card.score)).abs() < 0.2,
            "{lost} vs {}",
            card.score
        );
    }

    #[test]
    fn a_guessed_kind_keeps_its_evidence_gates_and_drops_its_parts_gate() {
        let rubric = crate::rubric::parse(
            "name: t\ndimensions: { completeness: 1, accuracy: 1 }\nchecks:\n  - { id: parts, rule: roles, dimension: completeness, require: [findings, sources], gate_at: 2 }\n  - { id: checked, rule: roles, dimension: accuracy, require: [verification], gate_at: 1 }\n",
            "test",
        )
        .unwrap();
        let doc = Document::parse("# Notes\n\nSome words about the cache.\n");
        let gates = |env: &Env| -> Vec<String> {
            let card = score(&rubric, &doc, env);
            let ids = card.checks.iter().filter(|c| c.gate);
            ids.map(|c| c.id.clone()).collect()
        };
        let named = gates(&Env::default());
        assert!(named.contains(&"parts".to_string()), "{named:?}");
        assert!(named.contains(&"checked".to_string()), "{named:?}");
        let guessed = gates(&Env {
            kind_guessed: true,
            ..Env::default()
        });
        assert!(!guessed.contains(&"parts".to_string()), "{guessed:?}");
        assert!(guessed.contains(&"checked".to_string()), "{guessed:?}");
        // Headed in Thai: no part is known to be missing, the parts gate does not fire; the
        // evidence gate still does. Headed in English (or French), or with one Thai heading
        // of two, both fire.
        let headed = |headings: [&str; 2]| -> Vec<String> {
            let text = format!(
                "# Notes\n\n## {}\n\nSome words about the cache.\n\n## {}\n\nMore words.\n",
                headings[0], headings[1]
            );
            let card = score(&rubric, &Document::parse(&text), &Env::default());
            card.checks
                .iter()
                .filter(|c| c.gate)
                .map(|c| c.id.clone())
                .collect()
        };
        let thai = headed(["ผลที่รันจริง", "สิ่งที่ยังไม่ได้รัน"]);
        assert!(!thai.contains(&"parts".to_string()), "{thai:?}");
        assert!(thai.contains(&"checked".to_string()), "{thai:?}");
        for latin in [
            ["Cache", "Notes"],
            ["Résultats", "Étapes"],
            ["Cache", "用户反馈原文摘录"],
        ] {
            let gated = headed(latin);
            assert!(gated.contains(&"parts".to_string()), "{latin:?}: {gated:?}");
            assert!(
                gated.contains(&"checked".to_string()),
                "{latin:?}: {gated:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn score_is_always_in_range(text in "\\PC*(\n## [A-Za-z ]{0,12}\n|\n- \\[x\\]\\(#y\\)\n|\n```\n|\\{todo\\}|\\*\\*Date\\*\\*: 2026-02-30\n|\r\n)*\\PC*") {
            let rubric = crate::rubric::load("generic", None).unwrap();
            let doc = Document::parse(&text);
            let card = score(&rubric, &doc, &Env::default());
            prop_assert!(card.score.is_finite() && (0.0..=100.0).contains(&card.score), "{}", card.score);
        }

        /// Any bytes, decoded the way review reads files, through kind detection and every
        /// rubric it can choose: no panic, a score in range.
        #[test]
        fn any_bytes_detected_and_scored(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
            let text = String::from_utf8_lossy(&bytes);
            let d = crate::rubric::detect::detect(&text, "x.md");
            let rubric = crate::rubric::load(&d.rubric, None).unwrap();
            let card = score(&rubric, &Document::parse(&text), &Env::default());
            prop_assert!((0.0..=100.0).contains(&card.score), "{}", card.score);
        }

        /// Markdown-ish text built from the pieces gates and roles look at.
        #[test]
        fn markdownish_text_through_every_kind_rubric(
            parts in proptest::collection::vec(prop_oneof![
                Just("# Title\n".to_string()),
                Just("## Sources\n".to_string()),
                Just("- [x](https://a.example)\n".to_string()),
                Just("```\ncode\n".to_string()),
                Just("| a | b |\n|---|---|\n| 1".to_string()),
                Just("{Continue...} [Your Name] <insert here> $x_{t-1}$ /api/{id}\n".to_string()),
                Just("It is important to note that 42% grew [1].\n\n".to_string()),
                Just("[1] Title. https://x.example\n".to_string()),
                Just("<!-- TODO -->\n".to_string()),
                Just("\n\n\u{a0}".to_string()),
                "\\PC{0,40}\n",
            ], 0..40),
        ) {
            static RUBRICS: std::sync::OnceLock<Vec<Rubric>> = std::sync::OnceLock::new();
            let rubrics = RUBRICS.get_or_init(|| {
                crate::rubric::builtin_names()
                    .into_iter()
                    .map(|n| crate::rubric::load(n, None).unwrap())
                    .collect()
            });
            let text = parts.concat();
            let doc = Document::parse(&text);
            for rubric in rubrics {
                let card = score(rubric, &doc, &Env::default());
                prop_assert!((0.0..=100.0).contains(&card.score), "{}: {}", rubric.name, card.score);
            }
        }
    }
}
