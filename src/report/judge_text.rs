//! The judge's figures in `review`'s text output: per artifact, each judged dimension's rule
//! part and judge part; at the end, the calls made and the verdicts taken from the cache.

use std::fmt::Write as _;

use super::style::{Color, Term, paint};
use crate::project::JudgeMode;
use crate::review::Outcome;
use crate::review::judge::Source;

fn one(x: f64) -> String {
    format!("{x:.1}")
}

/// One line per judged artifact: `judge a.md: accuracy 6.2 = rules 8.0 + judge 3.5 (x0.4)`.
pub(super) fn parts(out: &mut String, outcome: &Outcome, term: &Term) {
    let Some(summary) = &outcome.judge else {
        return;
    };
    for a in &outcome.artifacts {
        let Some(j) = &a.judge else {
            continue;
        };
        let label = paint(term.color, Color::Dim, "judge");
        if let Some(why) = &j.error {
            let tint = match summary.mode {
                JudgeMode::Score => Color::Red,
                JudgeMode::Advise => Color::Yellow,
            };
            let _ = writeln!(out, "{label} {}: {}", a.path, paint(term.color, tint, why));
            continue;
        }
        if j.source == Source::NoQuestions {
            let _ = writeln!(
                out,
                "{label} {}: rubric `{}` asks the judge nothing",
                a.path, a.rubric
            );
            continue;
        }
        let dims: Vec<String> = j
            .dimensions
            .iter()
            .map(|d| {
                let rule = d.rule.map_or_else(|| "-".to_string(), one);
                match summary.mode {
                    JudgeMode::Score => format!(
                        "{} {} = rules {rule} + judge {} (x{})",
                        d.dimension,
                        d.value.map_or_else(|| "-".to_string(), one),
                        one(d.judge),
                        d.weight
                    ),
                    JudgeMode::Advise => {
                        format!("{} rules {rule}, judge {}", d.dimension, one(d.judge))
                    }
                }
            })
            .collect();
        let cached = if j.source == Source::Cached {
            " (cached)"
        } else {
            ""
        };
        let rule_score = match (summary.mode, j.rule_score) {
            (JudgeMode::Score, Some(s)) => format!("; rules alone {}", one(s)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{label} {}: {}{rule_score}{cached}",
            a.path,
            dims.join("; ")
        );
        if term.verbose {
            for d in &j.dimensions {
                let _ = writeln!(out, "        {}: {}", d.dimension, d.reason);
            }
        }
    }
}

/// `judge (score mode): 2 calls, 1 cached`, after the verdict line.
pub(super) fn summary(out: &mut String, outcome: &Outcome, term: &Term) {
    let Some(s) = &outcome.judge else {
        return;
    };
    let mode = match s.mode {
        JudgeMode::Score => "score",
        JudgeMode::Advise => "advise",
    };
    let mut text = format!(
        "judge ({mode} mode, {}): {} calls, {} cached",
        s.command, s.calls, s.cached
    );
    if s.over_cap > 0 {
        let _ = write!(text, ", {} not judged (max_calls)", s.over_cap);
    }
    if s.failed > 0 {
        let _ = write!(text, ", {} failed", s.failed);
    }
    let tint = if s.failed > 0 || s.over_cap > 0 {
        Color::Yellow
    } else {
        Color::Dim
    };
    let _ = writeln!(out, "{}", paint(term.color, tint, &text));
    if s.failed > 0 && s.mode == JudgeMode::Advise {
        let _ = writeln!(
            out,
            "{}: the judge failed on {} artifact(s); their rule scores stand",
            paint(term.color, Color::Yellow, "warning"),
            s.failed
        );
    }
}
