//! The registry's promises: unique codes and names, a documented rule, and a fixture that
//! triggers every lint. Fixtures are data: `tests/fixtures/agents/<rule-name>/**/*.md` for a
//! lint of one agent file, `tests/fixtures/projects/<rule-name>/<case>/` for a lint of a
//! project; the `check` end-to-end tests snapshot each of them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;

#[test]
fn codes_are_unique_and_documented() {
    let codes: Vec<_> = LINTS.iter().map(|r| r.lint.doc.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes.len(), sorted.len(), "duplicate code in {codes:?}");
    let mut names: Vec<_> = LINTS.iter().map(|r| r.lint.doc.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), LINTS.len(), "duplicate rule name");
    for r in LINTS {
        let doc = r.lint.doc;
        for section in ["What it does", "Why", "Example", "Use instead"] {
            assert!(doc.doc.contains(section), "{} lacks `{section}`", doc.code);
        }
        assert!(
            !doc.summary.ends_with('.'),
            "{}: summary is one line without a period",
            doc.code
        );
    }
}

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The entries of `dir`, sorted; empty when it does not exist.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// The codes `check` reports on each fixture of the rule called `name`.
fn fixture_codes(name: &str) -> Vec<(PathBuf, BTreeSet<String>)> {
    let root = fixture_root();
    let mut runs = Vec::new();
    // Plugin fixtures sit deeper (`<rule>/plugins/<plugin>/agents/x.md`).
    let agents = walkdir::WalkDir::new(root.join("agents").join(name)).sort_by_file_name();
    for file in agents.into_iter().filter_map(Result::ok) {
        let file = file.into_path();
        if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            runs.push((file.clone(), crate::lint::check_paths(&[file])));
        }
    }
    for project in entries(&root.join("projects").join(name)) {
        let manifest = project.join(crate::project::MANIFEST);
        let manifest = manifest.is_file().then_some(manifest);
        let outcome = crate::lint::check_project(&project, manifest.as_deref());
        runs.push((project, outcome));
    }
    runs.into_iter()
        .map(|(path, outcome)| {
            let codes = outcome
                .expect("check runs on a fixture")
                .diagnostics
                .into_iter()
                .map(|d| d.code)
                .collect();
            (path, codes)
        })
        .collect()
}

#[test]
fn every_lint_has_a_fixture() {
    let mut missing = Vec::new();
    for rule in LINTS {
        let doc = rule.lint.doc;
        let runs = fixture_codes(doc.name);
        if !runs.iter().any(|(_, codes)| codes.contains(doc.code)) {
            missing.push(format!(
                "{} {}: no fixture in tests/fixtures/{{agents,projects}}/{}/ triggers it (ran {:?})",
                doc.code,
                doc.name,
                doc.name,
                runs.iter().map(|(p, _)| p).collect::<Vec<_>>()
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
