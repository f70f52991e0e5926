//! AG010: an agent without a usable `description`.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::model::kind;
use crate::lint::rule::Lint;
use crate::lint::rule::skip_severity;
use crate::rules::RuleDoc;

pub(crate) const MISSING_DESCRIPTION: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG010",
        name: "missing-description",
        summary: "The frontmatter has no `description`, or it is empty or not a string",
        doc: r#"## What it does
Reports an agent with a `name` but no usable `description`. For plugin agents it is a warning: they get a placeholder description.

## Why
Claude Code skips an agent file that has a name but no description (anthropics/claude-code#50522), and the description is what drives delegation.

## Example
```yaml
name: code-reviewer
tools: Read, Grep
```

## Use instead
```yaml
name: code-reviewer
description: Reviews code for bugs and style. Use proactively after code changes.
tools: Read, Grep
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    if file.description().is_some() {
        return;
    }
    let problem = match file.get("description") {
        None => "the frontmatter has no `description`".to_string(),
        Some(serde_json::Value::String(_)) => "`description` is empty".to_string(),
        Some(v) => format!("`description` is {}, not a string", kind(v)),
    };
    let effect = if file.plugin {
        "; this plugin agent gets a placeholder description"
    } else {
        "; Claude Code skips an agent without one"
    };
    let (line, col) = file.value_pos("description");
    let mut d = MISSING_DESCRIPTION.diag(file.path, line, col, format!("{problem}{effect}"));
    d.severity = skip_severity(file.plugin, d.severity);
    out.push(d.with_fix("add `description:` saying what the agent does and when to use it"));
}
