//! `check` against the real client: `tests/fixtures/claude-code/verdicts.json` holds what
//! Claude Code did with every fixture agent file (recorded by `scripts/claude-oracle/`). An
//! error from `check` must mean the client skips the agent, refuses its spawns or sends a
//! model the API rejects, and every such file must get an error. CI needs no client.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Severity;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn verdicts() -> Value {
    let path = repo().join("tests/fixtures/claude-code/verdicts.json");
    let text = std::fs::read_to_string(&path).expect("verdicts.json is committed");
    serde_json::from_str(&text).expect("verdicts.json is JSON")
}

/// Whether the client's verdict is error-worthy.
fn client_fails(verdict: &str) -> bool {
    matches!(verdict, "skipped" | "refused" | "model-rejected")
}

#[test]
fn check_agrees_with_the_recorded_client() {
    let doc = verdicts();
    assert_eq!(
        doc["client"],
        crate::claude::VERIFIED_VERSION,
        "re-recorded with another client: update claude::VERIFIED_VERSION and the README"
    );
    let cases = doc["cases"].as_object().expect("cases");
    let (mut agree, mut false_errors, mut missed) = (0, Vec::new(), Vec::new());
    for (rel, case) in cases {
        let verdict = case["verdict"].as_str().unwrap_or("");
        let path = repo().join(rel);
        let outcome = crate::lint::check_paths(std::slice::from_ref(&path)).expect("check runs");
        let errors: Vec<String> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        // A README without frontmatter is documentation the client rightly ignores.
        let doc_file = verdict == "skipped"
            && crate::lint::parse::missing_frontmatter::is_doc_file(&path)
            && !std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with("---"));
        match (client_fails(verdict) && !doc_file, errors.is_empty()) {
            (true, true) => missed.push(format!("{rel}: client {verdict}, check no error")),
            (false, false) => {
                false_errors.push(format!("{rel}: client {verdict}, check {errors:?}"))
            }
            _ => agree += 1,
        }
    }
    assert!(
        false_errors.is_empty() && missed.is_empty(),
        "{agree}/{} agree; {} false errors, {} missed errors:\n{}\n{}",
        cases.len(),
        false_errors.len(),
        missed.len(),
        false_errors.join("\n"),
        missed.join("\n")
    );
}

fn md_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"))
        })
        .map(|e| {
            e.path()
                .strip_prefix(repo())
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.contains("/plugins/"))
        .collect()
}

#[test]
fn every_fixture_agent_has_a_recorded_verdict() {
    let doc = verdicts();
    let cases = doc["cases"].as_object().expect("cases");
    let mut missing = Vec::new();
    for dir in ["tests/fixtures/claude-code", "tests/fixtures/agents"] {
        for file in md_files(&repo().join(dir)) {
            if !cases.contains_key(&file) {
                missing.push(file);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no recorded verdict for {missing:?}: run `scripts/claude-oracle/record.sh` (ONLY=<regex> for just these)"
    );
}
