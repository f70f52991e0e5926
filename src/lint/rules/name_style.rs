//! AG008: a loadable `name` that is not lowercase letters, digits and hyphens.

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentFile;
use crate::lint::rule::Lint;
use crate::lint::suggest::{is_kebab, kebab};
use crate::rules::RuleDoc;

pub(crate) const NAME_STYLE: Lint = Lint {
    severity: Severity::Info,
    doc: RuleDoc {
        code: "AG008",
        name: "name-style",
        summary: "The `name` is not lowercase letters, digits and hyphens",
        doc: r#"## What it does
Reports a `name` with uppercase letters, underscores, dots or spaces.

## Why
Claude Code loads such names as written, so this is information only. But the docs describe names as lowercase letters and hyphens, `@agent-<name>` mentions are hard to type with spaces, and a hook matcher is an exact name list only when it holds letters, digits, `_`, `-` and spaces: a name with `.` or `/` needs an anchored regex.

## Example
```yaml
name: Code_Reviewer
```

## Use instead
```yaml
name: code-reviewer
```
"#,
    },
};

pub(crate) fn check(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    // A name Claude Code refuses is reported as `invalid-name` instead.
    let Some(name) = file
        .name()
        .filter(|n| !file.plugin && !super::invalid_name::is_invalid(n) && !is_kebab(n))
    else {
        return;
    };
    let (line, col) = file.value_pos("name");
    out.push(
        NAME_STYLE
            .diag(
                file.path,
                line,
                col,
                format!("`name: {name}` loads, but is not lowercase letters, digits and hyphens"),
            )
            .with_fix(format!("use `name: {}`", kebab(name))),
    );
}
