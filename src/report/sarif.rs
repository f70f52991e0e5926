//! SARIF 2.1.0: one run, the rules that fired, one result per diagnostic. `check` renders
//! its findings; `review` its findings plus one `score` result per failing artifact.

use serde_json::{Value, json};

use super::common::display_path;
use super::style::Term;
use super::subject::{Kind, Subject, review_diagnostics, unsupported};
use crate::diag::{Diagnostic, Severity};
use crate::rules::RuleDoc;

pub(super) const SUBJECTS: &[Kind] = &[Kind::Check, Kind::Review];

pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    // Every rule the tool knows; a log lists only the codes that fired.
    let rules = crate::rules::registry::all_rule_docs();
    match *subject {
        Subject::Check { outcome, .. } => Ok(log(&outcome.diagnostics, &rules)),
        Subject::Review { outcome, .. } => {
            let mut diags = review_diagnostics(outcome);
            crate::diag::sort(&mut diags);
            Ok(log(&diags, &rules))
        }
        _ => Err(unsupported(subject)),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Renders `diags` as a SARIF log. `rules` documents the codes (unknown codes still appear).
pub fn log(diags: &[Diagnostic], rules: &[RuleDoc]) -> String {
    let mut codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let rule_objs: Vec<Value> = codes
        .iter()
        .map(|code| {
            let doc = rules.iter().find(|r| r.code == *code);
            json!({
                "id": code,
                "name": doc.map_or(*code, |d| d.name),
                "shortDescription": { "text": doc.map_or("", |d| d.summary) },
                "helpUri": format!("https://github.com/agentpack/agentpack/blob/main/docs/rules.md#{}", code.to_ascii_lowercase()),
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(fix) = &d.fix {
                message.push_str(&format!(" Fix: {fix}"));
            }
            let mut region = serde_json::Map::new();
            region.insert("startLine".into(), json!(d.line.max(1)));
            if d.column > 0 {
                region.insert("startColumn".into(), json!(d.column));
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": display_path(&d.path) },
                        "region": region,
                    }
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "agentpack",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/agentpack/agentpack",
                    "rules": rule_objs,
                }
            },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_has_required_shape() {
        let d = Diagnostic::new("AG001", Severity::Error, "a/b.md", "bad")
            .at(3, 2)
            .with_fix("do x");
        let v: Value = serde_json::from_str(&log(&[d], &[])).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "AG001");
        assert_eq!(r["level"], "error");
        assert_eq!(r["message"]["text"], "bad Fix: do x");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"][0]["id"], "AG001");
    }
}
