//! Snapshot tests of every rule kind: each folder `tests/fixtures/rules/<kind>/` holds the
//! check's parameters (`rule.yaml`, a flow mapping) and markdown fixtures; each fixture's
//! fraction, summary and findings are one snapshot. A regression test is one new file.
//! `one_check` builds such a check for the rules' own tests of their parameters.

use std::fmt::Write as _;
use std::path::Path;

use super::*;
use crate::document::Document;

/// Builds a one-check rubric around the parameters in `rule.yaml`.
fn rule_for(kind: &str, dir: &Path) -> Box<dyn Rule> {
    let params = std::fs::read_to_string(dir.join("rule.yaml")).expect("rule.yaml");
    let inner = params
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    let sep = if inner.is_empty() { "" } else { ", " };
    one_check(kind, &format!("{sep}{inner}")).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// The text of a rubric of one check, of rule `kind` with `params` (the inside of a flow
/// mapping, empty or starting with `, `): what tests of a rule's parameters compile.
pub(crate) fn one_check_rubric(kind: &str, params: &str) -> String {
    format!(
        "name: t\ndimensions: {{ format: 1 }}\nchecks:\n  - {{ id: x, rule: {kind}, dimension: format{params} }}\n"
    )
}

/// The rule of [`one_check_rubric`], or the rubric's error.
pub(crate) fn one_check(kind: &str, params: &str) -> Result<Box<dyn Rule>, String> {
    let rubric = crate::rubric::parse(&one_check_rubric(kind, params), "test")
        .map_err(|e| format!("{e:?}"))?;
    Ok(rubric.checks.into_iter().next().expect("one check").rule)
}

fn render(doc: &Document, outcome: &Outcome) -> String {
    let mut out = format!(
        "fraction: {:.3}\nsummary: {}\n",
        outcome.fraction, outcome.summary
    );
    if let Some(gate) = &outcome.gate {
        let _ = writeln!(out, "fails: {gate}");
    }
    for f in &outcome.findings {
        let _ = writeln!(
            out,
            "line {}: {}\n  fix: {}",
            doc.line(f.offset),
            f.message,
            f.fix
        );
    }
    out
}

#[test]
fn rule_fixtures() {
    insta::glob!("../../../tests/fixtures/rules", "*/*.md", |path| {
        let dir = path.parent().expect("fixture folder");
        let kind = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("kind folder");
        let rule = rule_for(kind, dir);
        let text = std::fs::read_to_string(path).expect("fixture");
        let doc = Document::parse(&text);
        let outcome = rule.evaluate(
            &doc,
            &Env {
                dir: Some(dir),
                ..Env::default()
            },
        );
        insta::assert_snapshot!(render(&doc, &outcome));
    });
}

#[test]
fn every_kind_has_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for kind in KINDS {
        let dir = root.join(kind.doc.name);
        let fixtures = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                    .count()
            })
            .unwrap_or(0);
        assert!(
            fixtures >= 1 && dir.join("rule.yaml").is_file(),
            "{} has no fixtures",
            kind.doc.name
        );
    }
}

#[test]
fn codes_are_unique_and_stable() {
    let codes: Vec<&str> = KINDS.iter().map(|k| k.doc.code).collect();
    // RV015 is the gate code (`crate::rubric::gates::CODE`), so kinds skip it.
    let expected: Vec<String> = (1..)
        .filter(|&i| format!("RV{i:03}") != crate::rubric::gates::CODE)
        .take(KINDS.len())
        .map(|i| format!("RV{i:03}"))
        .collect();
    assert_eq!(codes, expected);
}
