//! AG015: a `color` outside the documented palette.

use crate::claude;
use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const INVALID_COLOR: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG015",
        name: "invalid-color",
        summary: "The `color` is not one of the documented palette",
        doc: r#"## What it does
Reports a `color` outside red, blue, green, yellow, purple, orange, pink and cyan.

## Why
The colour only affects the UI; an unknown one falls back to the default, so the agent is not told apart as intended.

## Example
```yaml
color: magenta
```

## Use instead
```yaml
color: pink
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    INVALID_COLOR.check_enum(file, "color", claude::COLORS, out);
}
