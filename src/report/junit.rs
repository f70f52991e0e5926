//! JUnit XML: one test suite, one test case per file (`check`) or artifact (`review`),
//! failing when it has a failure to report. CI systems show each case with its messages.

use std::fmt::Write as _;

use super::common::{display_path, xml_escape};
use super::style::Term;
use super::subject::{Kind, Subject, location, unsupported, verdict};
use crate::diag::Severity;

pub(super) const SUBJECTS: &[Kind] = &[Kind::Check, Kind::Review];

pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    match *subject {
        Subject::Check { outcome, strict } => Ok(check(outcome, strict)),
        Subject::Review { outcome, .. } => Ok(review(outcome)),
        _ => Err(unsupported(subject)),
    }
}

/// One case per file; errors (and warnings with `strict`) are failures.
fn check(o: &crate::lint::Outcome, strict: bool) -> String {
    let mut paths: Vec<&std::path::PathBuf> = o
        .files
        .iter()
        .chain(o.diagnostics.iter().map(|d| &d.path))
        .collect();
    paths.sort();
    paths.dedup();
    let cases: Vec<Case> = paths
        .into_iter()
        .map(|file| {
            let mut case = Case {
                name: display_path(file),
                classname: "agentpack.check".into(),
                ..Case::default()
            };
            for d in o.diagnostics.iter().filter(|d| &d.path == file) {
                let line = format!("{}: {} {}: {}", location(d), d.code, d.severity, d.message);
                let fails =
                    d.severity == Severity::Error || (strict && d.severity == Severity::Warning);
                if fails {
                    case.failures
                        .push((format!("{} {}", d.code, d.message), line));
                } else {
                    let _ = writeln!(case.output, "{line}");
                }
            }
            case
        })
        .collect();
    suite("agentpack check", &cases)
}

/// One case per artifact, failing below the bar.
fn review(outcome: &crate::review::Outcome) -> String {
    let cases: Vec<Case> = outcome
        .artifacts
        .iter()
        .map(|a| {
            let mut body = String::new();
            for f in &a.findings {
                let _ = writeln!(
                    body,
                    "line {}: [{}] {}\n  fix: {}",
                    f.line,
                    f.code,
                    f.message,
                    f.fix_text()
                );
            }
            let score = a.score.map_or("-".to_string(), |s| format!("{s:.1}"));
            Case {
                name: a.path.clone(),
                classname: format!("agentpack.review.{}", a.rubric),
                failures: if a.passed() {
                    Vec::new()
                } else {
                    vec![(verdict(a), body)]
                },
                output: format!(
                    "score {score} (threshold {}), status {}",
                    a.threshold,
                    a.status.as_str()
                ),
            }
        })
        .collect();
    suite("agentpack review", &cases)
}

/// One test case.
#[derive(Debug, Clone, Default)]
pub struct Case {
    /// Usually the file path.
    pub name: String,
    pub classname: String,
    /// Failures: a one-line message and a longer body.
    pub failures: Vec<(String, String)>,
    /// Printed in `<system-out>` (e.g. the score).
    pub output: String,
}

/// Renders one suite named `suite` holding `cases`.
pub fn suite(suite: &str, cases: &[Case]) -> String {
    let failures = cases.iter().filter(|c| !c.failures.is_empty()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"agentpack\" tests=\"{}\" failures=\"{failures}\">",
        cases.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        xml_escape(suite),
        cases.len()
    );
    for case in cases {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\"",
            xml_escape(&case.name),
            xml_escape(&case.classname)
        );
        if case.failures.is_empty() && case.output.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for (message, body) in &case.failures {
            let _ = writeln!(
                out,
                "      <failure message=\"{}\">{}</failure>",
                xml_escape(message),
                xml_escape(body)
            );
        }
        if !case.output.is_empty() {
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                xml_escape(&case.output)
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_failures_and_escapes() {
        let cases = [
            Case {
                name: "a<1>.md".into(),
                classname: "review".into(),
                failures: vec![("score 40 < 80".into(), "line 3: \"x\" & y".into())],
                output: String::new(),
            },
            Case {
                name: "b.md".into(),
                classname: "review".into(),
                ..Case::default()
            },
        ];
        let xml = suite("agentpack review", &cases);
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert!(xml.contains("name=\"a&lt;1&gt;.md\""), "{xml}");
        assert!(xml.contains("line 3: &quot;x&quot; &amp; y"), "{xml}");
        assert!(
            xml.contains("<testcase name=\"b.md\" classname=\"review\"/>"),
            "{xml}"
        );
    }
}
