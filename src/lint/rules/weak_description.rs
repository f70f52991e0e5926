//! AG011: a `description` that does not say when to use the agent.

use std::sync::OnceLock;

use regex::Regex;

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const WEAK_DESCRIPTION: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG011",
        name: "weak-description",
        summary: "The `description` does not say when to use the agent",
        doc: r#"## What it does
Reports a description with no "when to use" wording (`use when`, `use proactively`, `must be used`, `when`, `after`, `before`, `invoke`, ...).

## Why
Claude delegates by matching the request against each description. The docs advise stating when to use the agent and adding phrases like "use proactively" to encourage delegation.

## Example
```yaml
description: Python expert.
```

## Use instead
```yaml
description: Python expert. Use proactively when writing, refactoring or debugging Python code.
```
"#,
    },
};

fn when_wording() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(use|used|using|invoke|invoked|delegate|call|when|whenever|after|before|proactively|must be used|triggers?|for tasks?)\b")
            .expect("static regex")
    })
}

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(text) = file.description() else {
        return;
    };
    if when_wording().is_match(text) {
        return;
    }
    let (line, col) = file.value_pos("description");
    out.push(
        WEAK_DESCRIPTION
            .diag(file.path, line, col, "the description does not say when to use the agent, which is what Claude delegates on")
            .with_fix("add a sentence such as \"Use proactively when ...\" or \"Use after ...\""),
    );
}
