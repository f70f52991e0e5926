//! Mermaid: the workflow as a `flowchart`, the same diagram `init` writes into AGENTS.md.
//! Only `plan` has a graph to draw.

use super::style::Term;
use super::subject::{Kind, Subject, unsupported};

pub(super) const SUBJECTS: &[Kind] = &[Kind::Plan];

pub(super) fn render(subject: &Subject<'_>, _term: &Term) -> anyhow::Result<String> {
    match *subject {
        Subject::Plan { tasks, .. } => Ok(crate::project::workflow::mermaid(tasks)),
        _ => Err(unsupported(subject)),
    }
}
