//! What `templates test`, `templates adopt` and `templates diff` print: per case the files
//! that differ from their snapshots (with diffs), the `check` errors of what was rendered,
//! and a verdict line; the adopted override; a built-in against its ejected copy.

use std::fmt::Write as _;

use super::scaffold::{status, text_diff};
use crate::report::{Color, Term, paint};
use crate::scaffold::snapshots::{Report, Status, tests_dir};
use crate::scaffold::templates::{Adopted, TemplateDiff};

/// The result of `templates test`.
pub(crate) fn test_report(term: &Term, r: &Report) -> String {
    let mut out = String::new();
    let (mut files, mut same) = (0, 0);
    for case in &r.cases {
        files += case.files.len();
        same += case
            .files
            .iter()
            .filter(|f| f.status == Status::Same)
            .count();
        let verdict = if case.passed(r.updated) {
            paint(term.color, Color::Green, "ok")
        } else {
            paint(term.color, Color::Red, "FAILED")
        };
        if !term.quiet || !case.passed(r.updated) {
            let _ = writeln!(out, "case {} ({}): {verdict}", case.name, case.manifest);
        }
        if let Some(err) = &case.error {
            for line in err.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        for p in &case.problems {
            let lines = p.lines();
            let _ = writeln!(out, "{} {}", status(term, Color::Red, "check"), lines[0]);
            for more in &lines[1..] {
                let _ = writeln!(out, "           {more}");
            }
        }
        for f in &case.files {
            let (word, color) = match (f.status, r.updated) {
                (Status::Same, _) if !term.verbose => continue,
                (Status::Same, _) => ("ok", Color::Dim),
                (Status::Changed, false) => ("changed", Color::Red),
                (Status::New, false) => ("new", Color::Yellow),
                (Status::Stale, false) => ("stale", Color::Yellow),
                (Status::Changed, true) => ("updated", Color::Cyan),
                (Status::New, true) => ("written", Color::Green),
                (Status::Stale, true) => ("removed", Color::Cyan),
            };
            if term.quiet && r.updated {
                continue;
            }
            let _ = writeln!(out, "{} {}", status(term, color, word), f.path);
            if f.status == Status::Changed && !r.updated && !term.quiet {
                out.push_str(&text_diff(
                    term,
                    &f.snapshot,
                    &f.rendered,
                    [
                        &format!("{} (snapshot)", f.path),
                        &format!("{} (rendered)", f.path),
                    ],
                ));
            }
        }
    }
    let failed = r.cases.iter().filter(|c| !c.passed(r.updated)).count();
    let dir = tests_dir(std::path::Path::new(""));
    let summary = format!(
        "{} case{}, {files} files, {same} matching their snapshots in {}",
        r.cases.len(),
        if r.cases.len() == 1 { "" } else { "s" },
        dir.display()
    );
    if failed == 0 {
        let _ = writeln!(out, "templates test: {summary}");
    } else {
        let hint = if r.updated {
            "fix the check errors above (snapshots of those cases were not written)"
        } else {
            "if the new output is what you want, accept it with `agentpack templates test --update`"
        };
        let _ = writeln!(
            out,
            "{}: {failed} case{} failed; {summary}\n{}: {hint}",
            paint(term.color, Color::Red, "templates test"),
            if failed == 1 { "" } else { "s" },
            paint(term.color, Color::Yellow, "hint"),
        );
    }
    out
}

/// What `templates adopt` did.
pub(crate) fn adopted(term: &Term, a: &Adopted) -> String {
    let word = if a.existed { "updated" } else { "adopted" };
    let mut out = format!(
        "{} {} (from {})\n",
        status(term, Color::Green, word),
        a.override_path,
        a.file
    );
    if !term.quiet {
        let how = if a.literal {
            "the template is your file as is (its lines did not map onto the template's), so manifest changes no longer reach it; edit it to put variables back"
        } else {
            "your edits are now part of the template; manifest changes still reach the file"
        };
        let _ = writeln!(
            out,
            "{how}. Run `agentpack templates test --update` to snapshot it."
        );
    }
    out
}

/// `templates diff`: each ejected template against the current built-in.
pub(crate) fn template_diffs(term: &Term, diffs: &[TemplateDiff]) -> String {
    let mut out = String::new();
    for d in diffs {
        if d.builtin == d.ejected {
            let _ = writeln!(
                out,
                "{} {} (same as the built-in)",
                status(term, Color::Dim, "same"),
                d.path
            );
            continue;
        }
        let _ = writeln!(out, "{} {}", status(term, Color::Cyan, "differs"), d.path);
        out.push_str(&text_diff(
            term,
            &d.builtin,
            &d.ejected,
            [
                &format!("{} (built-in)", d.name),
                &format!("{} (yours)", d.path),
            ],
        ));
    }
    if diffs.is_empty() && !term.quiet {
        out.push_str("No ejected templates; `agentpack templates eject NAME` copies one.\n");
    }
    out
}
