//! A rubric's `judge:` block: the questions a semantic judge answers per dimension, and how
//! much of that dimension its score carries. Rules see structure, evidence and leftovers; these
//! questions ask what rules cannot see. Read by `review --judge` (see `crate::review::judge`).
//!
//! ```yaml
//! judge:
//!   accuracy: "Is every claim supported by the cited sources?"       # weight 0.4
//!   coherence: { weight: 0.5, questions: ["Does it answer the task's question?"] }
//! ```

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::rules::RuleDoc;
use crate::yaml::{self, Spanned};

/// Share of a dimension the judge's score carries when the rubric does not say.
pub const DEFAULT_WEIGHT: f64 = 0.4;
/// Code of a finding the judge reported on an artifact.
pub const FINDING: &str = "RV110";
/// Code of a judge that failed (non-zero exit, timeout, nothing parseable).
pub const FAILED: &str = "RV111";

/// The judge questions of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub dimension: &'static str,
    /// Index into [`DIMENSIONS`].
    #[serde(skip)]
    pub index: usize,
    /// Share of the dimension's score that comes from the judge, in (0, 1].
    pub weight: f64,
    pub questions: Vec<String>,
}

/// The `judge:` block as written: dimension -> question(s) or `{weight, questions}`.
pub(super) type JudgeBlock = IndexMap<String, Spanned<Value>>;

/// Validates a `judge:` block; `dimensions` are the dimension names and `weights` the
/// rubric's weights (0: not scored). Problems are `(line, column, message)`.
pub(super) fn parse(
    block: &JudgeBlock,
    dimensions: &[&'static str; 5],
    weights: &[f64; 5],
    errors: &mut Vec<(usize, usize, String)>,
) -> Vec<Question> {
    let mut out = Vec::new();
    for (name, value) in block {
        let (line, column) = yaml::position(value);
        let mut fail = |message: String| errors.push((line, column, format!("judge: {message}")));
        let Some(index) = dimensions.iter().position(|d| d == name) else {
            fail(format!(
                "unknown dimension `{name}`; expected one of: {}",
                dimensions.join(", ")
            ));
            continue;
        };
        if weights[index] <= 0.0 {
            fail(format!("dimension `{name}` is not scored by this rubric"));
            continue;
        }
        match question(&value.value) {
            Ok((weight, questions)) => out.push(Question {
                dimension: dimensions[index],
                index,
                weight,
                questions,
            }),
            Err(why) => fail(format!("`{name}`: {why}")),
        }
    }
    out
}

/// One dimension's entry: a question, a list of them, or `{weight, questions}`.
fn question(value: &Value) -> Result<(f64, Vec<String>), String> {
    let list = |v: &Value| -> Result<Vec<String>, String> {
        let items: Vec<&Value> = match v {
            Value::String(_) => vec![v],
            Value::Array(items) => items.iter().collect(),
            _ => return Err("questions must be a string or a list of strings".into()),
        };
        let qs: Vec<String> = items
            .iter()
            .filter_map(|i| i.as_str().map(str::trim).filter(|s| !s.is_empty()))
            .map(str::to_string)
            .collect();
        if qs.is_empty() || qs.len() != items.len() {
            return Err("every question must be a non-empty string".into());
        }
        Ok(qs)
    };
    match value {
        Value::Object(map) => {
            if let Some(key) = map.keys().find(|k| *k != "weight" && *k != "questions") {
                return Err(format!(
                    "unknown key `{key}`; expected `weight` and `questions`"
                ));
            }
            let weight = match map.get("weight") {
                None => DEFAULT_WEIGHT,
                Some(w) => match w.as_f64() {
                    Some(w) if w > 0.0 && w <= 1.0 => w,
                    _ => return Err("`weight` must be a number above 0 and at most 1".into()),
                },
            };
            let questions = map.get("questions").ok_or("needs `questions`")?;
            Ok((weight, list(questions)?))
        }
        other => Ok((DEFAULT_WEIGHT, list(other)?)),
    }
}

/// Documentation of the judge's codes.
pub fn rule_docs() -> [RuleDoc; 2] {
    [
        RuleDoc {
            code: FINDING,
            name: "judge-finding",
            summary: "A problem the semantic judge (`review --judge`) found that rules cannot see",
            doc: "## What it does\n\nReports a finding of the judge configured with `judge:` in agentpack.yaml or `review --judge-command`: a claim its sources do not support, a step that would not work, a document that does not answer its task. The judge answers the rubric's `judge:` questions.\n\n## Why\n\nRules check structure and evidence; only a reader can tell whether the content is right.\n\n## Use instead\n\nFix what the judge names, or answer it in the text.\n",
        },
        RuleDoc {
            code: FAILED,
            name: "judge-failed",
            summary: "The judge failed on an artifact: it exited non-zero, timed out or printed no verdict",
            doc: "## What it does\n\nReports a judge run that gave no usable verdict. In `score` mode the artifact is not approved on that run (status ERROR, exit 1); in `advise` mode the rule score stands and this is a warning.\n\n## Why\n\nA judge that could not look must never count as a pass.\n\n## Use instead\n\nRun the judge command by hand with the prompt on stdin, raise `judge.timeout_s`, or pass `--no-judge`.\n",
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_forms() {
        assert_eq!(
            question(&serde_json::json!("Is it right?")).unwrap(),
            (DEFAULT_WEIGHT, vec!["Is it right?".to_string()])
        );
        assert_eq!(
            question(&serde_json::json!({"weight": 0.5, "questions": ["a", "b"]})).unwrap(),
            (0.5, vec!["a".to_string(), "b".to_string()])
        );
        assert!(question(&serde_json::json!({"weight": 2, "questions": "a"})).is_err());
        assert!(question(&serde_json::json!({"questions": ["", "b"]})).is_err());
        assert!(question(&serde_json::json!({"ask": "a"})).is_err());
        assert!(question(&serde_json::json!(3)).is_err());
    }
}
