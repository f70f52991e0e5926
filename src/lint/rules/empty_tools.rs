//! AG022: `tools: []`, which gives the agent no tools instead of inheriting them.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use serde_json::Value;

use crate::lint::model::kind;
use crate::lint::tools::{Spec, spec};
use crate::rules::RuleDoc;

pub(crate) const EMPTY_TOOLS: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG022",
        name: "empty-tools",
        summary: "An empty `tools` (or a number) gives the agent no tools at all",
        doc: r#"## What it does
Reports `tools:` with no value, `""`, `[]`, a number or a boolean.

## Why
Claude Code reads these as no tools, not "inherit": the agent launches unable to read a file. That is rarely what the author wanted. (Leaving `tools` out, or `tools: "*"`, gives every tool.)

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
    if spec(file, "tools") != Spec::Nothing {
        return;
    }
    let what = match file.get("tools") {
        Some(Value::Array(_)) => "an empty list".to_string(),
        Some(Value::String(_) | Value::Null) => "empty".to_string(),
        Some(v) => kind(v).to_string(),
        None => return,
    };
    let (line, col) = file.value_pos("tools");
    out.push(
        EMPTY_TOOLS
            .diag(
                file.path,
                line,
                col,
                format!("`tools` is {what}, so Claude Code gives the agent no tools at all (it does not inherit them)"),
            )
            .with_fix("omit `tools` to give every tool, or list the tools the agent needs"),
    );
}
