//! JUnit XML: one test suite, one test case per file (or artifact), failing when it has a
//! failure to report. CI systems show each case with its messages.

use std::fmt::Write as _;

use super::xml_escape;

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
pub fn render(suite: &str, cases: &[Case]) -> String {
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
        let xml = render("agentpack review", &cases);
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert!(xml.contains("name=\"a&lt;1&gt;.md\""), "{xml}");
        assert!(xml.contains("line 3: &quot;x&quot; &amp; y"), "{xml}");
        assert!(
            xml.contains("<testcase name=\"b.md\" classname=\"review\"/>"),
            "{xml}"
        );
    }
}
