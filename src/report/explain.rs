//! `agentpack explain` as a user reads it: the list of every code, and the documentation of
//! one, from the entries of [`crate::rules::registry`].

use std::fmt::Write as _;

use super::style::{Color, paint};
use crate::rules::registry::Entry;

/// One line per code: code, name, default severity and summary, in aligned columns.
pub fn list(entries: &[Entry], color: bool) -> String {
    let width = entries.iter().map(|e| e.doc.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(
            out,
            "{}  {:<width$}  {:<7}  {}",
            paint(color, Color::Bold, e.doc.code),
            e.doc.name,
            e.severity_label(),
            e.doc.summary
        );
    }
    out
}

/// The heading (code, name, default severity), the summary and the full doc of one code.
pub fn doc(entry: &Entry, color: bool) -> String {
    let d = entry.doc;
    let sev = entry
        .severity
        .map_or_else(String::new, |s| format!(" ({s})"));
    format!(
        "{}{sev}\n\n{}\n\n{}\n",
        paint(color, Color::Bold, &format!("{} {}", d.code, d.name)),
        d.summary,
        d.doc.trim_end()
    )
}
