//! AG009: two files of one agents tree with the same `name`.

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{Diagnostic, Severity};
use crate::lint::model::AgentInfo;
use crate::lint::rule::Lint;
use crate::rules::RuleDoc;

pub(crate) const DUPLICATE_NAME: Lint = Lint {
    severity: Severity::Warning,
    doc: RuleDoc {
        code: "AG009",
        name: "duplicate-name",
        summary: "Two files in one agents tree declare the same `name`",
        doc: r#"## What it does
Reports every file after the first (by path) whose `name` is already used in the same agents tree (`.claude/agents/**`, or one plugin's `agents/`).

## Why
Only one of them loads, and which one depends on the order the file system lists them; `/doctor` reports it but the session does not.

## Example
`.claude/agents/reviewer.md` and `.claude/agents/old/reviewer.md` both have `name: reviewer`.

## Use instead
Rename one agent or delete the stale file.
"#,
    },
};

/// Reports names used twice within one agents tree (agents arrive sorted by path).
pub(crate) fn check(agents: &[AgentInfo], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&Path, &str), &AgentInfo> = HashMap::new();
    for agent in agents {
        let Some(name) = agent.name.as_deref() else {
            continue;
        };
        match seen.get(&(agent.tree.as_path(), name)) {
            Some(first) => out.push(
                DUPLICATE_NAME
                    .diag(
                        &agent.path,
                        agent.name_line,
                        1,
                        format!(
                            "`name: {name}` is also declared in {}; only one of them loads",
                            crate::report::display_path(&first.path)
                        ),
                    )
                    .with_fix("rename one of the agents or delete the stale file"),
            ),
            None => {
                seen.insert((agent.tree.as_path(), name), agent);
            }
        }
    }
}
