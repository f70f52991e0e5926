//! AG023: a tool listed twice in `tools`, or in both `tools` and `disallowedTools`.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::tools::{entries, tool_name};
use crate::rules::RuleDoc;

pub(crate) const DUPLICATE_TOOL: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG023",
        name: "duplicate-tool",
        summary: "A tool is listed twice, or in both `tools` and `disallowedTools`",
        doc: r#"## What it does
Reports a tool repeated in `tools`, and a tool present in both `tools` and `disallowedTools`.

## Why
A repeat is harmless but hides mistakes. `disallowedTools` applies first, so a tool in both lists is removed: the `tools` entry does nothing.

## Example
```yaml
tools: Read, Grep, Read
disallowedTools: Grep
```

## Use instead
```yaml
tools: Read
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(tools) = entries(file, "tools") else {
        return;
    };
    let denied = entries(file, "disallowedTools").unwrap_or_default();
    // An entry is denied when the denylist holds it, or holds its tool bare.
    let denied_entries: HashSet<&str> = denied.iter().copied().collect();
    let denied_tools: HashSet<&str> = denied
        .iter()
        .filter(|d| !d.contains('('))
        .map(|d| tool_name(d))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let places = file.find_all_in_value("tools", &tools);
    for (entry, (line, col)) in tools.iter().zip(places) {
        let name = tool_name(entry);
        if !seen.insert(name) && !entry.contains('(') {
            out.push(
                DUPLICATE_TOOL
                    .diag(
                        file.path,
                        line,
                        col,
                        format!("`{name}` is listed more than once in `tools`"),
                    )
                    .with_fix("keep one entry"),
            );
        }
        if denied_entries.contains(entry) || denied_tools.contains(name) {
            out.push(
                DUPLICATE_TOOL
                    .diag(file.path, line, col, format!("`{name}` is in both `tools` and `disallowedTools`; the denylist wins, so the agent does not get it"))
                    .with_fix("remove it from one of the lists"),
            );
        }
    }
}
