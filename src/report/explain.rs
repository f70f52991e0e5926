//! `agentpack explain` as a user reads it: the list of every code, and the documentation of
//! one, from the entries of [`crate::rules::registry`].

use std::fmt::Write as _;

use super::style::{Color, paint};
use super::table::Table;
use crate::rules::registry::Entry;

/// One line per code: code, name, default severity and summary, in aligned columns.
pub fn list(entries: &[Entry], color: bool) -> String {
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            [
                e.doc.code.to_string(),
                e.doc.name.to_string(),
                e.severity_label(),
                e.doc.summary.to_string(),
            ]
        })
        .collect();
    let table = Table::new(&["", "", "", ""], &rows, &[]);
    let mut out = String::new();
    for row in &rows {
        let line = table.line(row, |i, text| match i {
            0 => paint(color, Color::Bold, text),
            _ => text.to_string(),
        });
        let _ = writeln!(out, "{line}");
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
