//! The brief a task carries for its agent: `description` (what the task is for) and
//! `acceptance` (criteria the output must meet). A part of the one manifest validator
//! ([`super::validate`] calls [`check`]): an empty description or criterion says nothing to the
//! agent, so it is refused where it is written (positions from the YAML facade's spans).

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::manifest::{Manifest, Task};
use crate::diag::{Diagnostic, Severity};
use crate::yaml::{self, Spanned};

/// Where the briefs are written: the spanned mirror of `workflow[].description/acceptance`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Marks {
    workflow: Option<Vec<TaskMarks>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TaskMarks {
    description: Option<Spanned<IgnoredAny>>,
    acceptance: Option<Vec<Spanned<IgnoredAny>>>,
}

/// Every brief problem of `manifest` (read from `text`), as `code` errors of `path`.
pub(super) fn check(text: &str, manifest: &Manifest, path: &Path, code: &str) -> Vec<Diagnostic> {
    // The spans are read only when there is a problem to place: a manifest with sound
    // briefs (every load) is not parsed a third time.
    let mut marks: Option<Marks> = None;
    let mut out = Vec::new();
    for (i, task) in manifest.workflow.iter().enumerate() {
        for (part, msg, fix) in problems(task) {
            let marks = marks.get_or_insert_with(|| yaml::parse(text, 0).unwrap_or_default());
            let at = marks.workflow.as_ref().and_then(|w| w.get(i));
            let mark = match part {
                Part::Description => at.and_then(|t| t.description.as_ref()),
                Part::Criterion(j) => at.and_then(|t| t.acceptance.as_ref()?.get(j)),
            };
            let (line, col) = mark.map_or((1, 1), yaml::position);
            out.push(
                Diagnostic::new(code, Severity::Error, path, msg)
                    .at(line, col)
                    .with_fix(fix),
            );
        }
    }
    out
}

/// Which part of a task's brief a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Description,
    /// Criterion `j` (0-based) of `acceptance`.
    Criterion(usize),
}

/// A problem with a task's brief: where, what, and the fix.
pub(super) type Problem = (Part, String, &'static str);

/// What is wrong with `task`'s brief.
pub(super) fn problems(task: &Task) -> Vec<Problem> {
    let mut out = Vec::new();
    if task
        .description
        .as_deref()
        .is_some_and(|d| d.trim().is_empty())
    {
        out.push((
            Part::Description,
            format!("task `{}` has an empty description", task.id),
            "say in a sentence what the task is for, or remove `description`",
        ));
    }
    for (j, criterion) in task.acceptance.iter().enumerate() {
        if criterion.trim().is_empty() {
            out.push((
                Part::Criterion(j),
                format!(
                    "task `{}`: acceptance criterion {} is empty",
                    task.id,
                    j + 1
                ),
                "write each criterion as a sentence the output must satisfy",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_description_and_criteria_are_problems() {
        let mut task = Task {
            id: "research".into(),
            agent: "researcher".into(),
            needs: Vec::new(),
            output: "artifacts/r.md".into(),
            rubric: None,
            description: Some("Find the sources".into()),
            acceptance: vec!["Three sources".into()],
        };
        assert!(problems(&task).is_empty());
        task.description = Some(" ".into());
        task.acceptance.push(String::new());
        let parts: Vec<Part> = problems(&task).into_iter().map(|p| p.0).collect();
        assert_eq!(parts, [Part::Description, Part::Criterion(1)]);
    }
}
