//! The judge's answer: a JSON object, bare or as the `result` text of Claude Code's
//! `--output-format json` envelope, read strictly: a verdict that does not say what was asked
//! is a failure, never a pass.
//!
//! ```json
//! {"dimensions": {"accuracy": {"score": 7, "reason": "..."}},
//!  "findings": [{"line": 12, "message": "...", "fix": "..."}]}
//! ```

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One dimension as the judge scored it, 0-10.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionVerdict {
    pub score: f64,
    #[serde(default)]
    pub reason: String,
}

/// A problem the judge points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeFinding {
    #[serde(default)]
    pub line: Option<usize>,
    pub message: String,
    #[serde(default)]
    pub fix: Option<String>,
}

/// A parsed, checked verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub dimensions: IndexMap<String, DimensionVerdict>,
    #[serde(default)]
    pub findings: Vec<JudgeFinding>,
}

/// Reads the judge's stdout; `asked` are the dimensions the prompt asked about, each of which
/// must have a score from 0 to 10. `Err` says what was wrong, for the finding.
pub fn parse(stdout: &str, asked: &[&str]) -> Result<Verdict, String> {
    let text = stdout.trim();
    if text.is_empty() {
        return Err("the judge printed nothing".into());
    }
    let value = json_in(text)
        .ok_or_else(|| format!("the judge printed no JSON object: {}", excerpt(text)))?;
    // Claude Code's `--output-format json` envelope carries the answer as text in `result`.
    let value = if value.get("type").and_then(Value::as_str) == Some("result") {
        let result = value
            .get("result")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if value.get("is_error").and_then(Value::as_bool) == Some(true) {
            let why = value
                .get("subtype")
                .and_then(Value::as_str)
                .unwrap_or("error");
            return Err(format!(
                "the judge's run ended in an error ({why}): {}",
                excerpt(result)
            ));
        }
        json_in(result.trim()).ok_or_else(|| {
            format!(
                "the judge's answer holds no JSON object: {}",
                excerpt(result)
            )
        })?
    } else {
        value
    };
    let verdict: Verdict = serde_json::from_value(value)
        .map_err(|e| format!("the judge's JSON is not a verdict: {e}"))?;
    for name in asked {
        match verdict.dimensions.get(*name) {
            None => return Err(format!("the verdict has no score for `{name}`")),
            Some(d) if !(d.score.is_finite() && (0.0..=10.0).contains(&d.score)) => {
                return Err(format!(
                    "the verdict scores `{name}` {}, outside 0-10",
                    d.score
                ));
            }
            Some(_) => {}
        }
    }
    Ok(verdict)
}

/// The JSON object in `text`: the whole text, a fenced block, or the span from the first `{`
/// to the last `}` (models wrap answers in prose or code fences).
fn json_in(text: &str) -> Option<Value> {
    let object = |s: &str| {
        serde_json::from_str::<Value>(s)
            .ok()
            .filter(Value::is_object)
    };
    if let Some(v) = object(text) {
        return Some(v);
    }
    let (start, end) = (text.find('{')?, text.rfind('}')?);
    (start < end).then(|| object(&text[start..=end])).flatten()
}

/// The first 200 characters of `text`, on one line.
fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &one_line[..i]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARE: &str = r#"{"dimensions": {"accuracy": {"score": 7, "reason": "ok"}}, "findings": [{"line": 3, "message": "m"}]}"#;

    #[test]
    fn bare_fenced_and_envelope_forms() {
        let v = parse(BARE, &["accuracy"]).unwrap();
        assert_eq!(v.dimensions["accuracy"].score, 7.0);
        assert_eq!(v.findings[0].line, Some(3));
        let fenced = format!("Here it is:\n```json\n{BARE}\n```\n");
        assert_eq!(parse(&fenced, &["accuracy"]).unwrap(), v);
        let envelope = serde_json::json!({"type": "result", "subtype": "success", "is_error": false, "result": fenced}).to_string();
        assert_eq!(parse(&envelope, &["accuracy"]).unwrap(), v);
    }

    #[test]
    fn anything_else_is_an_error() {
        assert!(parse("", &[]).unwrap_err().contains("nothing"));
        assert!(
            parse("I think it is fine.", &[])
                .unwrap_err()
                .contains("no JSON")
        );
        assert!(
            parse(BARE, &["coherence"])
                .unwrap_err()
                .contains("no score for `coherence`")
        );
        let high = BARE.replace("7", "11");
        assert!(
            parse(&high, &["accuracy"])
                .unwrap_err()
                .contains("outside 0-10")
        );
        let failed = serde_json::json!({"type": "result", "subtype": "error_max_turns", "is_error": true, "result": ""}).to_string();
        assert!(parse(&failed, &[]).unwrap_err().contains("error_max_turns"));
        assert!(
            parse(r#"{"findings": []}"#, &[])
                .unwrap_err()
                .contains("not a verdict")
        );
    }
}
