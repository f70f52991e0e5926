//! Putting a verdict on an artifact. `score` mode: each judged dimension becomes
//! `(1 - w) * rule + w * judge` (w: the rubric's judge weight of that dimension) and the score
//! is recomputed from the dimensions by the rubric's dimension weights. `advise` mode: the
//! verdict is recorded beside an unchanged score. Either way each dimension keeps its rule part
//! and judge part for the report, a gate from the rules still fails the artifact, and a judge
//! that gave no verdict is a finding (score mode: the artifact is not approved on this run).

use super::types::{ArtifactJudge, DimensionPart, Source};
use super::verdict::Verdict;
use crate::diag::{Diagnostic, Severity};
use crate::project::JudgeMode;
use crate::project::history::Status;
use crate::review::outcome::ArtifactReport;
use crate::rubric::judge::{FAILED, FINDING};
use crate::rubric::score::round1;
use crate::rubric::{DIMENSIONS, Rubric};

/// A judge score under this (0-10) is a point to fix on its own, with the judge's reason.
const LOW: f64 = 7.0;

/// Records `answer` on `a`, an artifact of `lines` lines (see the module doc).
pub(super) fn attach(
    a: &mut ArtifactReport,
    rubric: &Rubric,
    lines: usize,
    mode: JudgeMode,
    source: Source,
    answer: Result<Verdict, String>,
) {
    let mut judged = ArtifactJudge::without(source, a.score);
    let verdict = match answer {
        Ok(v) => v,
        Err(why) => {
            fail(a, mode, &why);
            judged.error = Some(why);
            a.judge = Some(judged);
            return;
        }
    };
    for q in &rubric.judge {
        let Some(d) = verdict.dimensions.get(q.dimension) else {
            continue;
        };
        let rule = a.dimensions[q.index];
        let blended = round1(rule.map_or(d.score, |r| (1.0 - q.weight) * r + q.weight * d.score));
        let value = match mode {
            JudgeMode::Score => Some(blended),
            JudgeMode::Advise => rule,
        };
        a.dimensions[q.index] = value;
        judged.dimensions.push(DimensionPart {
            dimension: q.dimension,
            rule,
            judge: d.score,
            weight: q.weight,
            value,
            reason: d.reason.clone(),
        });
    }
    if mode == JudgeMode::Score {
        rescore(a, rubric);
    }
    // What the judge's points are (each a finding, so the feedback carries them): its findings
    // on their lines, and the reason of every dimension it scored under LOW.
    let mut points: Vec<(usize, String, String)> = verdict
        .findings
        .iter()
        .map(|f| {
            let fix = f
                .fix
                .as_deref()
                .unwrap_or("answer the judge's point in the text");
            (
                f.line.filter(|&l| l <= lines).unwrap_or(0),
                f.message.trim().to_string(),
                fix.to_string(),
            )
        })
        .collect();
    for q in &rubric.judge {
        if let Some(d) = verdict
            .dimensions
            .get(q.dimension)
            .filter(|d| d.score < LOW)
        {
            points.push((
                0,
                format!(
                    "the judge scores {} {}/10: {}",
                    q.dimension,
                    d.score,
                    d.reason.trim()
                ),
                format!("answer: {}", q.questions.join(" ")),
            ));
        }
    }
    // In score mode the points share what the judge's part cost the score, so the feedback
    // ranks them among the rules' findings; in advise mode they are notes.
    let (severity, impact) = match mode {
        JudgeMode::Score => {
            let lost = (judged.rule_score.unwrap_or(0.0) - a.score.unwrap_or(0.0)).max(0.0);
            let share = lost / points.len().max(1) as f64;
            (Severity::Warning, round1(share).max(0.1))
        }
        JudgeMode::Advise => (Severity::Info, 0.0),
    };
    for (line, message, fix) in points {
        a.findings.push(
            Diagnostic::new(FINDING, severity, a.path.as_str(), message)
                .at(line, usize::from(line > 0))
                .with_fix(fix)
                .from_check("judge", impact),
        );
    }
    a.findings
        .sort_by(|x, y| (x.line, x.column, &x.code).cmp(&(y.line, y.column, &y.code)));
    a.judge = Some(judged);
}

/// The score from the (blended) dimensions by the rubric's weights; a gate keeps it below the
/// pass mark and never lets the judge raise it above the rules' own capped score.
fn rescore(a: &mut ArtifactReport, rubric: &Rubric) {
    let (mut total, mut weight) = (0.0, 0.0);
    for (i, d) in a.dimensions.iter().enumerate().take(DIMENSIONS.len()) {
        if let Some(d) = d
            && rubric.weights[i] > 0.0
        {
            total += rubric.weights[i] * d;
            weight += rubric.weights[i];
        }
    }
    if weight <= 0.0 {
        return;
    }
    let mut score = round1(10.0 * total / weight);
    if a.checks.iter().any(|c| c.gate) {
        let rule = a.score.unwrap_or(0.0);
        score = score.min(rule).min((f64::from(a.threshold) - 1.0).max(0.0));
    }
    a.score = Some(score);
}

/// A judge that gave no verdict: a finding; in score mode the artifact is not approved.
fn fail(a: &mut ArtifactReport, mode: JudgeMode, why: &str) {
    let (severity, fix) = match mode {
        JudgeMode::Score => (
            Severity::Error,
            "fix the judge (run it by hand with the prompt on stdin), raise judge.timeout_s, or review with --no-judge",
        ),
        JudgeMode::Advise => (
            Severity::Warning,
            "the rule score stands; fix the judge to get its view",
        ),
    };
    a.findings.insert(
        0,
        Diagnostic::new(FAILED, severity, a.path.as_str(), format!("judge: {why}"))
            .with_fix(fix)
            .from_check("judge", 0.0),
    );
    if mode == JudgeMode::Score {
        a.status = Status::Error;
        a.error = Some(format!("judge: {why}"));
    }
}
