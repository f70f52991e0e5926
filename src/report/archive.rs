//! What `agentpack archive` prints: the interrupted archives it finished, each file it moved
//! (or would move) with the run's folder, the files it left, and what to do next.

use std::fmt::Write as _;

use super::common::terminal_safe;
use crate::project::history::HISTORY_PATH;
use crate::report::{Color, Term, paint};
use crate::review::archive::Archive;

/// The archive as a user reads it.
pub(crate) fn archive(term: &Term, a: &Archive) -> String {
    let mut out = String::new();
    let word = |w: &str, color: Color| paint(term.color, color, &format!("{w:>10}"));
    for f in &a.finished {
        let (verb, moved) = if a.dry_run {
            ("would finish", "to move")
        } else {
            ("finished", "moved")
        };
        let _ = writeln!(
            out,
            "{verb} the interrupted archive {}/ ({} file(s) {moved})",
            f.dir,
            f.moved.len()
        );
        for left in &f.left {
            let _ = writeln!(
                out,
                "{} {left} (the archive already has a file of that name)",
                word("left", Color::Yellow)
            );
        }
    }
    let Some(dir) = &a.dir else {
        if !term.quiet {
            let _ = writeln!(
                out,
                "Nothing to archive: no workflow output, feedback or review history in this run."
            );
        }
        return terminal_safe(&out);
    };
    if !term.quiet {
        for m in &a.files {
            let to = if m.to == m.from {
                String::new()
            } else {
                format!(" -> {dir}/{}", m.to)
            };
            let _ = writeln!(out, "{} {}{to}", word("move", Color::Cyan), m.from);
        }
        for k in &a.kept {
            let _ = writeln!(
                out,
                "{} {k} (not an output of this run; move it yourself if it belongs to it)",
                word("keep", Color::Dim)
            );
        }
    }
    let n = a.files.len();
    if a.dry_run {
        let _ = writeln!(
            out,
            "\nDry run: would move {n} file(s) to {dir}/; nothing was written."
        );
    } else {
        let _ = writeln!(out, "\nArchived {n} file(s) to {dir}/.");
        if !term.quiet {
            let _ = writeln!(
                out,
                "The workspace is clean: the next first draft is reviewed as round 1 ({HISTORY_PATH} starts over).\n`agentpack status` lists archived runs."
            );
        }
    }
    terminal_safe(&out)
}
