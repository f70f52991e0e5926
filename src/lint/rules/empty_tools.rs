//! AG022: `tools: []`, which gives the agent no tools instead of inheriting them.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::entries;
use crate::rules::RuleDoc;

pub(crate) const EMPTY_TOOLS: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG022",
        name: "empty-tools",
        summary: "`tools: []` gives the agent no tools at all",
        doc: r#"## What it does
Reports an empty `tools` list (or empty string).

## Why
An empty list means no tools, not "inherit": the agent launches unable to read a file. That is rarely what the author wanted.

## Example
```yaml
tools: []
```

## Use instead
Omit `tools` to inherit every tool, or list the tools the agent needs.
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    if !entries(file, "tools").is_some_and(|t| t.is_empty()) {
        return;
    }
    let (line, col) = file.value_pos("tools");
    out.push(
        EMPTY_TOOLS
            .diag(
                file.path,
                line,
                col,
                "`tools` is empty, so the agent gets no tools at all (it does not inherit them)",
            )
            .with_fix("omit `tools` to inherit every tool, or list the tools the agent needs"),
    );
}
