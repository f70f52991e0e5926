//! The brief a task carries for its agent: `description` (what the task is for) and
//! `acceptance` (criteria the output must meet). Part of the one manifest validator, which
//! places these problems: an empty description or criterion says nothing to the agent.

use super::manifest::Task;

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
