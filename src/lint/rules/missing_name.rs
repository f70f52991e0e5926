//! AG006: an agent without a usable `name`.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::model::kind;
use crate::lint::rule::Lint;
use crate::lint::rule::skip_severity;
use crate::lint::suggest::kebab;
use crate::rules::RuleDoc;

pub(crate) const MISSING_NAME: Lint = Lint {
    severity: Severity::Error,
    doc: RuleDoc {
        code: "AG006",
        name: "missing-name",
        summary: "The frontmatter has no `name`, or it is empty or not a string",
        doc: r#"## What it does
Reports an agent file whose frontmatter lacks `name`, or whose `name` is empty or not a string. For plugin agents it is a warning: they load under their file name.

## Why
Only `name` and `description` are required. Without `name` Claude Code treats the file as documentation and never offers the agent.

## Example
```yaml
description: Reviews code. Use after changes.
```

## Use instead
```yaml
name: code-reviewer
description: Reviews code. Use after changes.
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    if file.name().is_some() {
        return;
    }
    let problem = match file.get("name") {
        None => "the frontmatter has no `name`".to_string(),
        Some(serde_json::Value::String(_)) => "`name` is empty".to_string(),
        Some(other) => format!("`name` is {}, not a string", kind(other)),
    };
    let note = if file.plugin {
        "; this plugin agent loads under its file name instead"
    } else {
        "; Claude Code treats the file as documentation and skips it"
    };
    let (line, col) = file.value_pos("name");
    let stem = file
        .path
        .file_stem()
        .map_or_else(String::new, |s| kebab(&s.to_string_lossy()));
    let mut d = MISSING_NAME.diag(file.path, line, col, format!("{problem}{note}"));
    d.severity = skip_severity(file.plugin, d.severity);
    out.push(d.with_fix(format!(
        "add `name: {stem}` (lowercase letters and hyphens)"
    )));
}
