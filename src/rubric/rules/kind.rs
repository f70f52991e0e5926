//! What every rubric rule kind is made of: the [`Kind`] (its doc, parameter parser and
//! evaluator), the [`Rule`] a rubric compiles it to, the [`Outcome`] and [`Finding`]s it
//! returns, and the small helpers the kinds share. The registry is `rules/mod.rs`.

use std::path::Path;

use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) use super::params::{ParamError, Params};

/// Findings listed per check at most; the fraction still counts every miss.
pub(crate) const MAX_FINDINGS: usize = 25;

/// What a rule needs besides the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Env<'a> {
    /// Folder of the artifact, to resolve relative links; `None` for text not from a file.
    pub dir: Option<&'a Path>,
    /// Review guessed the document's kind from the wording of its text alone (no title or
    /// heading names the kind it is scored as: `Detection::named`; a title about the kind's
    /// topic, "design meetings", does not name it). The kind's core parts
    /// (completeness `roles` checks) then cost their points but do not gate
    /// (`score::score_known`): the guess may be what is wrong. Its evidence checks still do.
    pub kind_guessed: bool,
}

/// One problem a check found: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Byte offset in the document.
    pub offset: usize,
    pub message: String,
    pub fix: String,
}

impl Finding {
    pub fn new(offset: usize, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            offset,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// The result of one check on one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// 0..1; anything else is clamped, and a non-finite value counts as 0.
    pub fraction: f64,
    /// One line saying what was measured ("5 of 6 required sections present").
    pub summary: String,
    pub findings: Vec<Finding>,
    /// Set when the check found a defect that fails the document whatever else it scores.
    pub gate: Option<String>,
}

impl Outcome {
    pub fn new(fraction: f64, summary: impl Into<String>, mut findings: Vec<Finding>) -> Self {
        findings.sort_by_key(|f| f.offset);
        findings.truncate(MAX_FINDINGS);
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Outcome {
            fraction,
            summary: summary.into(),
            findings,
            gate: None,
        }
    }

    /// The share of `total` items that pass, each finding being one that does not:
    /// "`ok` of N items `verb`". With no items at all there is nothing to miss: full marks
    /// and the `none` summary.
    pub fn share(
        total: usize,
        (one, many): (&str, &str),
        verb: &str,
        none: &str,
        findings: Vec<Finding>,
    ) -> Self {
        if total == 0 {
            return Outcome::new(1.0, none, findings);
        }
        let ok = total.saturating_sub(findings.len());
        let summary = format!("{ok} of {} {verb}", plural(total, one, many));
        Outcome::new(ok as f64 / total as f64, summary, findings)
    }
}

/// A compiled check: its parameters are validated and regexes built.
pub trait Rule: Send + Sync + std::fmt::Debug {
    fn evaluate(&self, doc: &Document, env: &Env) -> Outcome;
}

/// A rule kind: its documentation and how to build a rule from rubric parameters.
pub struct Kind {
    pub doc: RuleDoc,
    pub compile: fn(&mut Params) -> Result<Box<dyn Rule>, ParamError>,
    /// The parameters it accepts (named in the unknown-parameter error).
    pub params: &'static [&'static str],
}

/// "1 link" / "3 links".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// 0 at or below `low`, 1 at or above `high`, linear between: a cost or credit that starts at
/// one density and is whole at another.
pub(crate) fn rise(value: f64, low: f64, high: f64) -> f64 {
    ((value - low) / (high - low)).clamp(0.0, 1.0)
}

/// Partial credit for `n` misses: each costs a quarter, four or more give 0.
pub(crate) fn penalty(n: usize) -> f64 {
    (1.0 - 0.25 * n as f64).max(0.0)
}

/// Display form of a `A|B` spec: "A (or B)".
pub(crate) fn spec_name(spec: &str) -> String {
    let mut alts = spec.split('|').map(str::trim);
    let first = alts.next().unwrap_or_default().to_string();
    let rest: Vec<&str> = alts.collect();
    if rest.is_empty() {
        first
    } else {
        format!("{first} (or {})", rest.join(", "))
    }
}

/// The first alternative of a `A|B` spec.
pub(crate) fn first_alt(spec: &str) -> &str {
    spec.split('|').next().unwrap_or(spec).trim()
}
