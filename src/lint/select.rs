//! The project's rule selection (`check:` in `agentpack.yaml`), ruff-style: `select` keeps only
//! the rules it names (all when empty), `ignore` drops rules, and `per_path_ignores` drops rules
//! in the files a glob matches (vendored agents). A rule is named by its code, a code prefix
//! (`AG`, `AG02`) or its name (`legacy-tool`).

use std::path::Path;

use globset::{Glob, GlobMatcher};

use super::rules::LINTS;
use crate::diag::Diagnostic;
use crate::project::CheckConfig;
use crate::rules::RuleDoc;

/// Every rule `check` reports: the lints and the rubric codes.
fn docs() -> impl Iterator<Item = RuleDoc> {
    LINTS
        .iter()
        .map(|r| r.lint.doc)
        .chain(crate::rubric::rule_docs())
}

/// Whether `spec` is a code or code prefix (`AG`, `AG024`) rather than a rule name.
fn is_code(spec: &str) -> bool {
    spec.starts_with(|c: char| c.is_ascii_uppercase())
}

/// Whether `spec` names the rule with `code`.
fn names(spec: &str, code: &str) -> bool {
    if is_code(spec) {
        return code.starts_with(spec);
    }
    docs().any(|doc| doc.code == code && doc.name == spec)
}

/// Whether `spec` names at least one rule `check` knows.
pub(crate) fn known(spec: &str) -> bool {
    docs().any(|doc| {
        if is_code(spec) {
            doc.code.starts_with(spec)
        } else {
            doc.name == spec
        }
    })
}

fn any_names(specs: &[String], code: &str) -> bool {
    specs.iter().any(|s| names(s, code))
}

/// Drops the findings the selection excludes. `root` is the project folder the globs are
/// relative to. Globs that do not compile were reported by the manifest validator.
pub(crate) fn apply(diags: &mut Vec<Diagnostic>, config: &CheckConfig, root: &Path) {
    if config.is_empty() {
        return;
    }
    let per_path: Vec<(GlobMatcher, &[String])> = config
        .per_path_ignores
        .iter()
        .filter_map(|(glob, specs)| Some((Glob::new(glob).ok()?.compile_matcher(), &specs[..])))
        .collect();
    diags.retain(|d| {
        let selected = config.select.is_empty() || any_names(&config.select, &d.code);
        let ignored = any_names(&config.ignore, &d.code);
        let rel = crate::fsx::display_in(&d.path, root);
        let ignored_here = per_path
            .iter()
            .any(|(glob, specs)| glob.is_match(&rel) && any_names(specs, &d.code));
        selected && !ignored && !ignored_here
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn diag(code: &str, path: &str) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, path, "x")
    }

    #[test]
    fn select_ignore_and_per_path() {
        let mut config = CheckConfig {
            select: vec!["AG".into()],
            ignore: vec!["AG024".into()],
            ..CheckConfig::default()
        };
        config.per_path_ignores.insert(
            ".claude/agents/vendor/**".into(),
            vec!["legacy-tool".into()],
        );
        let mut diags = vec![
            diag("AG020", "./.claude/agents/vendor/a.md"),
            diag("AG020", "./.claude/agents/mine.md"),
            diag("AG024", "./.claude/agents/mine.md"),
            diag("PJ003", "./agentpack.yaml"),
        ];
        apply(&mut diags, &config, Path::new("."));
        let kept: Vec<(&str, String)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.path.display().to_string()))
            .collect();
        assert_eq!(kept, [("AG020", "./.claude/agents/mine.md".to_string())]);
    }
}
