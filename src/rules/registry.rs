//! The one registry of every code agentpack reports: the `check` lints (with their default
//! severity), then the codes of `review` (rubric rule kinds, a broken rubric, an unreadable
//! artifact), then those of `doctor`. `agentpack explain`, SARIF rule metadata and docs/rules.md all come from
//! [`all`]; a test keeps docs/rules.md in sync with it.

use std::fmt::Write as _;

use super::RuleDoc;
use crate::diag::Severity;

/// One code: its documentation and, for a lint, the severity it reports at by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub doc: RuleDoc,
    pub severity: Option<Severity>,
}

impl Entry {
    /// The default severity as shown (`error`), empty for codes without one.
    pub fn severity_label(&self) -> String {
        self.severity.map_or_else(String::new, |s| s.to_string())
    }
}

/// Every code, in the order `explain --list` and docs/rules.md show them.
pub fn all() -> Vec<Entry> {
    let lints = crate::lint::rules::LINTS.iter().map(|r| Entry {
        doc: r.lint.doc,
        severity: Some(r.lint.severity),
    });
    let review = crate::rubric::rule_docs().into_iter().map(|doc| Entry {
        doc,
        severity: None,
    });
    let doctor = crate::doctor::codes::CODES
        .iter()
        .map(|(doc, severity)| Entry {
            doc: *doc,
            severity: Some(*severity),
        });
    lints.chain(review).chain(doctor).collect()
}

/// The documentation of every code (SARIF rule metadata).
pub fn all_rule_docs() -> Vec<RuleDoc> {
    all().into_iter().map(|e| e.doc).collect()
}

/// The code called `wanted`, by code (`ag004`) or name (`invalid-yaml`), ignoring case.
pub fn find(wanted: &str) -> Option<Entry> {
    all().into_iter().find(|e| {
        e.doc.code.eq_ignore_ascii_case(wanted) || e.doc.name.eq_ignore_ascii_case(wanted)
    })
}

/// The name or code closest to a misspelt `wanted`, if one is close enough.
pub fn nearest(wanted: &str) -> Option<&'static str> {
    let all = all();
    crate::lint::suggest::nearest(
        wanted,
        all.iter()
            .map(|e| e.doc.name)
            .chain(all.iter().map(|e| e.doc.code)),
    )
}

/// The rules reference, docs/rules.md.
pub fn markdown() -> String {
    let all = all();
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry; do not edit. Regenerate with `UPDATE_DOCS=1 cargo test rules_reference`. -->\n\n`agentpack explain CODE` prints one of these.\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    for e in &all {
        let d = e.doc;
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {} | {} |",
            d.code,
            d.code.to_ascii_lowercase(),
            d.name,
            e.severity_label(),
            d.summary.replace('|', "\\|")
        );
    }
    for e in &all {
        let d = e.doc;
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n\n## {} {}\n\n",
            d.code.to_ascii_lowercase(),
            d.code,
            d.name
        );
        if let Some(sev) = e.severity {
            let _ = write!(out, "Default severity: {sev}. ");
        }
        let _ = write!(
            out,
            "{}.\n\n{}\n",
            d.summary,
            d.doc
                .trim_end()
                .replace("\n## ", "\n### ")
                .replacen("## ", "### ", 1)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_reference_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let expected = markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &expected).expect("write docs/rules.md");
            return;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/rules.md is stale; regenerate it with `UPDATE_DOCS=1 cargo test rules_reference`"
        );
    }

    #[test]
    fn codes_are_unique_and_found_by_code_or_name() {
        let all = all();
        let mut codes: Vec<&str> = all.iter().map(|e| e.doc.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "a code is registered twice");
        assert_eq!(find("ag004").map(|e| e.doc.name), Some("invalid-yaml"));
        assert_eq!(find("Invalid-Yaml").map(|e| e.doc.code), Some("AG004"));
        assert_eq!(find("RV001").and_then(|e| e.severity), None);
        assert_eq!(nearest("invalid-yml"), Some("invalid-yaml"));
    }
}
