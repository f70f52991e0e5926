//! AG012: a `description` full of example transcripts, `\n` escapes or thousands of
//! characters.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const NOISY_DESCRIPTION: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG012",
        name: "noisy-description",
        summary: "The `description` carries example transcripts, literal `\\n` escapes or thousands of characters",
        doc: r#"## What it does
Reports a description longer than 1,500 characters, or one holding `<example>` blocks or literal `\n` escapes.

## Why
Every description is read on every delegation decision. Generated example transcripts make it long, and they are the usual source of YAML that breaks as soon as someone adds a real newline.

## Example
```yaml
description: Use this agent to review code.\n\nExamples:\n<example>user: ...</example>
```

## Use instead
One or two sentences on what the agent does and when to use it; move examples into the body.
"#,
    },
};

/// Longest description that is not reported as noisy.
const LONG: usize = 1500;

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    let Some(text) = file.description() else {
        return;
    };
    let chars = text.chars().count();
    let noise = if text.contains("<example>") {
        "holds `<example>` blocks".to_string()
    } else if text.contains("\\n") {
        "holds literal `\\n` escapes".to_string()
    } else if chars > LONG {
        format!("is {chars} characters long")
    } else {
        return;
    };
    let (line, col) = file.value_pos("description");
    out.push(
        NOISY_DESCRIPTION
            .diag(
                file.path,
                line,
                col,
                format!("the description {noise}; it is read on every delegation decision"),
            )
            .with_fix("keep one or two sentences on what and when; move examples into the body"),
    );
}
