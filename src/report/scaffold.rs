//! What `init`, `add`, `templates eject` and `list` print: the plan with its coloured diffs,
//! the summary and hints, the ejected overrides, and the name-first listings. The generation
//! wing returns data; this is the only place it is painted.

use std::fmt::Write as _;
use std::path::Path;

use indexmap::IndexMap;

use crate::report::{Color, Term, paint};
use crate::rubric::custom::Origin;
use crate::scaffold::catalog::{CatalogAgent, DEFAULT_PACK, PackDef};
use crate::scaffold::lock::LOCKFILE;
use crate::scaffold::merge::has_markers;
use crate::scaffold::ops::Outcome;
use crate::scaffold::plan::{Action, Plan, Planned, Relocated};
use crate::scaffold::remove::{AgentFile, Removed};
use crate::scaffold::render::Ejected;

fn label(action: Action) -> (&'static str, Color) {
    match action {
        Action::Create => ("create", Color::Green),
        Action::Unchanged => ("unchanged", Color::Dim),
        Action::Update => ("update", Color::Cyan),
        Action::Overwrite => ("overwrite", Color::Yellow),
        Action::Merge => ("merge", Color::Cyan),
        Action::Edited => ("yours", Color::Dim),
        Action::Marked => ("conflict", Color::Red),
        Action::Conflict => ("conflict", Color::Red),
    }
}

/// A right-aligned status word, as every line of a plan starts.
pub(crate) fn status(term: &Term, color: Color, word: &str) -> String {
    paint(term.color, color, &format!("{word:>10}"))
}

/// The plan as a user reads it: one line per file, diffs where content changes. Unchanged
/// files are listed only when verbose; diffs of updates only when `show_update_diffs` (dry
/// runs and verbose runs).
pub(crate) fn plan(term: &Term, plan: &Plan, show_update_diffs: bool) -> String {
    let mut out = String::new();
    for f in &plan.files {
        if matches!(f.action, Action::Unchanged | Action::Edited) && !term.verbose {
            continue;
        }
        let (word, color) = label(f.action);
        let _ = writeln!(out, "{} {}", status(term, color, word), f.file.path);
        if f.rej.is_some() {
            let _ = writeln!(
                out,
                "{} {}.rej",
                status(term, Color::Red, "reject"),
                f.file.path
            );
        }
        let show_diff = match f.action {
            Action::Conflict | Action::Overwrite | Action::Merge | Action::Marked => true,
            Action::Update => show_update_diffs,
            _ => false,
        };
        if show_diff {
            out.push_str(&diff(term, f));
        }
    }
    for r in &plan.relocations {
        let line = match (r.state, &r.to) {
            (Relocated::Move, Some(to)) if to != LOCKFILE => {
                format!("{} {} -> {to}", status(term, Color::Cyan, "move"), r.from)
            }
            (Relocated::Move | Relocated::Remove, _) => {
                format!("{} {}", status(term, Color::Cyan, "remove"), r.from)
            }
            (Relocated::Kept, Some(to)) => format!(
                "{} {} (agentpack reads {to}, which also exists; merge them by hand and delete the old one)",
                status(term, Color::Yellow, "kept"),
                r.from
            ),
            (Relocated::Kept, None) => format!(
                "{} {} (no longer generated, but you edited it; delete it when you no longer need it)",
                status(term, Color::Yellow, "kept"),
                r.from
            ),
            (Relocated::Done, _) => continue,
        };
        let _ = writeln!(out, "{line}");
    }
    let writes = plan.files.iter().any(|f| f.action.writes());
    if let Some(action) = plan.lock_action()
        && (term.verbose || writes)
    {
        let _ = writeln!(
            out,
            "{} {LOCKFILE}",
            status(term, Color::Dim, label(action).0)
        );
    }
    out
}

/// Why nothing was written when the pack's agents clash with the project's own, and the
/// ways on: a prefix, leaving agents out, or replacing the user's files.
fn clashes(term: &Term, o: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: this project already has agents the {} pack would define, in files agentpack did not write; nothing was written:",
        paint(term.color, Color::Red, "error"),
        o.manifest.pack.as_deref().unwrap_or("custom"),
    );
    for c in &o.clashes {
        let _ = writeln!(
            out,
            "  {} (agent `{}`): {}",
            c.file.display(),
            c.agent,
            c.why
        );
    }
    let mut names: Vec<&str> = o.clashes.iter().map(|c| c.agent.as_str()).collect();
    names.dedup();
    let example: Vec<String> = o
        .manifest
        .agents
        .keys()
        .take(3)
        .map(|n| format!("ap-{n}"))
        .collect();
    let _ = writeln!(
        out,
        "{}: re-run with one of
  --prefix ap-        the pack's agents get a prefix everywhere ({}, ...); yours stay out of its workflow and hook
  --skip {}   leave the pack's {} out; your own agent{} stay{} outside the workflow and the hook
  --force             replace your file{} with the pack's (yours {} lost)",
        paint(term.color, Color::Yellow, "hint"),
        example.join(", "),
        names.join(","),
        names.join(", "),
        if names.len() == 1 { "" } else { "s" },
        if names.len() == 1 { "s" } else { "" },
        if o.clashes.len() == 1 { "" } else { "s" },
        if o.clashes.len() == 1 { "is" } else { "are" },
    );
    out
}

/// The unified diff from what is on disk to what agentpack would write, indented.
fn diff(term: &Term, f: &Planned) -> String {
    match f.diff() {
        Some(udiff) => paint_diff(term, &udiff),
        None => "           (not a UTF-8 text file; cannot show a diff)\n".to_string(),
    }
}

/// A unified diff from `old` to `new` (3 lines of context), painted and indented.
pub(crate) fn text_diff(term: &Term, old: &str, new: &str, labels: [&str; 2]) -> String {
    let udiff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(labels[0], labels[1])
        .to_string();
    paint_diff(term, &udiff)
}

/// A unified diff painted (added green, removed red, hunk headers cyan) and indented.
fn paint_diff(term: &Term, udiff: &str) -> String {
    let mut out = String::new();
    for line in udiff.lines() {
        let color = match line.chars().next() {
            Some('+') if !line.starts_with("+++") => Some(Color::Green),
            Some('-') if !line.starts_with("---") => Some(Color::Red),
            Some('@') => Some(Color::Cyan),
            _ => None,
        };
        let line = match color {
            Some(c) => paint(term.color, c, line),
            None => line.to_string(),
        };
        let _ = writeln!(out, "    {line}");
    }
    out
}

/// Everything `init` and `add` print after the work is done: what was added, the plan,
/// the counts, and the hint for conflicts or the next step.
pub(crate) fn outcome(term: &Term, o: &Outcome) -> String {
    if !o.clashes.is_empty() {
        return clashes(term, o);
    }
    let mut out = String::new();
    // A held run wrote nothing, like a dry run.
    let dry_run = o.dry_run || o.held;
    if !term.quiet {
        if !o.added.is_empty() {
            let _ = writeln!(out, "Adding {} to {}", o.added.join(", "), o.root.display());
        }
        let _ = writeln!(
            out,
            "{} {} pack into {}{}",
            paint(term.color, Color::Bold, "Scaffolding"),
            o.manifest.pack.as_deref().unwrap_or("custom"),
            o.root.display(),
            written_note(o)
        );
        out.push_str(&plan(term, &o.plan, dry_run || term.verbose));
    }
    let p = &o.plan;
    let created = p.count(Action::Create);
    let updated = p.count(Action::Update) + p.count(Action::Overwrite) + p.count(Action::Merge);
    let unchanged = p.count(Action::Unchanged) + p.count(Action::Edited);
    let conflicts = o.conflicts();
    let marked = p.count(Action::Marked);
    let verb = if dry_run { "would be " } else { "" };
    if !term.quiet {
        let _ = writeln!(
            out,
            "{} agents; {created} files {verb}created, {updated} {verb}updated, {unchanged} unchanged, {conflicts} kept",
            o.manifest.agents.len(),
        );
    }
    if marked > 0 && !dry_run {
        let _ = writeln!(
            out,
            "{}: {marked} file{} you edited also changed in the templates and the changes overlap; resolve the conflicts ({}), then run `agentpack sync` again.",
            paint(term.color, Color::Yellow, "hint"),
            if marked == 1 { "" } else { "s" },
            if p.files.iter().any(|f| f.rej.is_some()) {
                "apply what each .rej file shows by hand, then delete it"
            } else {
                "the <<<<<<< yours / >>>>>>> agentpack blocks"
            },
        );
    }
    if conflicts > marked {
        let conflicts = conflicts - marked;
        let unresolved = p.files.iter().any(|f| {
            f.action == Action::Conflict
                && (f.old.as_deref().is_some_and(has_markers)
                    || p.root.join(format!("{}.rej", f.file.path)).exists())
        });
        if unresolved {
            let _ = writeln!(
                out,
                "{}: a file with conflict markers, or a .rej file beside it, is an unresolved merge: settle it (and delete the .rej), then run `agentpack sync` again.",
                paint(term.color, Color::Yellow, "hint"),
            );
        }
        let _ = writeln!(
            out,
            "{}: {conflicts} file{} you edited differ{} from the templates and {} kept; the diffs above show what agentpack would write. Re-run with --force to overwrite.",
            paint(term.color, Color::Yellow, "hint"),
            if conflicts == 1 { "" } else { "s" },
            if conflicts == 1 { "s" } else { "" },
            if conflicts == 1 { "was" } else { "were" },
        );
        if o.held {
            let _ = writeln!(
                out,
                "{}: you edited agentpack.yaml, so agentpack wrote no other file either: they would not match the manifest in force. Make the change in agentpack.yaml yourself and run `agentpack init`, or re-run with --force.",
                paint(term.color, Color::Yellow, "hint"),
            );
        }
    } else if created > 0 && !dry_run && !term.quiet {
        let cd = if o.root == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", o.root.display())
        };
        let _ = writeln!(
            out,
            "Next: {cd}agentpack check && agentpack review   (then open the project in Claude Code)"
        );
    }
    out
}

/// The warning `init` prints when `agentpack` is not on PATH: what breaks and how to fix it
/// (`dir` is where the running binary is; `hooks` whether the review hook is installed).
pub(crate) fn not_on_path(term: &Term, dir: Option<&Path>, hooks: bool) -> String {
    let add = dir.map_or_else(String::new, |d| format!(", or add {} to PATH", d.display()));
    let callers = if hooks {
        "the review hook in .claude/settings.json and the review command call it by name; inside Claude Code they would fail (exit 127) and no artifact would be reviewed"
    } else {
        "the review command and AGENTS.md call it by name; inside Claude Code they would fail (exit 127)"
    };
    format!(
        "{}: `agentpack` is not on PATH, but {callers}. Install it (`cargo install agentpack`, `npm install -g agentpack` or a release archive, see the README){add}, then run `agentpack doctor`.",
        paint(term.color, Color::Yellow, "warning"),
    )
}

/// Why a run wrote nothing, if it did not: held on the user's manifest, or a dry run.
fn written_note(o: &Outcome) -> &'static str {
    if o.held {
        " (nothing is written: agentpack.yaml is yours)"
    } else if o.dry_run {
        " (dry run: nothing is written)"
    } else {
        ""
    }
}

/// What `remove` prints: the plan, the tasks taken out or rewired, and the agent's file.
pub(crate) fn removed(term: &Term, r: &Removed) -> String {
    let o = &r.outcome;
    let dry_run = o.dry_run || o.held;
    let mut out = String::new();
    if !term.quiet {
        let _ = writeln!(
            out,
            "{} {} from {}{}",
            paint(term.color, Color::Bold, "Removing"),
            r.agent,
            o.root.display(),
            written_note(o)
        );
        out.push_str(&plan(term, &o.plan, dry_run || term.verbose));
        let tasks = match r.removal.tasks.as_slice() {
            [] => "it ran no workflow task".to_string(),
            ids => format!(
                "its task{} `{}`",
                if ids.len() > 1 { "s" } else { "" },
                ids.join("`, `")
            ),
        };
        let _ = writeln!(out, "Removed {} and {tasks} from the manifest.", r.agent);
        for id in &r.removal.rewired {
            let _ = writeln!(out, "Task `{id}` now needs what {}'s task needed.", r.agent);
        }
    }
    if r.file == AgentFile::Kept {
        let _ = writeln!(
            out,
            "{}: {} was edited (or not written by agentpack), so it is kept; Claude Code still loads it until you delete it.",
            paint(term.color, Color::Yellow, "note"),
            r.file_path
        );
    }
    if o.conflicts() > 0 {
        let _ = writeln!(
            out,
            "{}: files you edited differ from what agentpack would write and were kept; the diffs above show the change. Re-run `agentpack init --force` to overwrite them.",
            paint(term.color, Color::Yellow, "hint"),
        );
    }
    out
}

/// What `sync --check` prints: every file a sync would change, with its diff, and the
/// verdict (the lockfile counts: it is what tells your edits from agentpack's).
pub(crate) fn sync_check(term: &Term, o: &Outcome) -> String {
    let p = &o.plan;
    let mut out = String::new();
    if !term.quiet {
        out.push_str(&plan(term, p, true));
        if let Some(action) = p.lock_action()
            && !p.files.iter().any(|f| f.action.writes())
        {
            let _ = writeln!(
                out,
                "{} {LOCKFILE}",
                status(term, Color::Cyan, label(action).0)
            );
        }
    }
    let changes = p.files.iter().filter(|f| f.action.writes()).count();
    let conflicts = o.conflicts();
    if changes == 0 && conflicts == 0 && p.lock_action().is_none() {
        if !term.quiet {
            let _ = writeln!(
                out,
                "In sync: every generated file matches the manifest and templates."
            );
        }
        return out;
    }
    let what = match (changes, conflicts) {
        (0, 0) => format!("{LOCKFILE} is out of date"),
        (n, 0) => format!("{n} file{} would change", if n == 1 { "" } else { "s" }),
        (n, c) => format!(
            "{n} file{} would change, {c} with conflicts to resolve",
            if n == 1 { "" } else { "s" }
        ),
    };
    let _ = writeln!(
        out,
        "{}: {what}; run `agentpack sync` and commit the result",
        paint(term.color, Color::Red, "out of sync")
    );
    out
}

/// What `add` prints when every agent named is already in the pack.
pub(crate) fn nothing_to_add(term: &Term) -> String {
    if term.quiet {
        String::new()
    } else {
        "Every agent named is already in the pack; nothing to add.\n".to_string()
    }
}

/// One line per ejected template, then how many existing overrides were kept or what to do.
pub(crate) fn ejected(term: &Term, done: &[Ejected]) -> String {
    ejected_with(
        term,
        done,
        "Edit the copies, then run `agentpack sync` to render them (`agentpack templates test` to test them).",
    )
}

/// Like [`ejected`], with the next step to suggest.
pub(crate) fn ejected_with(term: &Term, done: &[Ejected], next: &str) -> String {
    let mut out = String::new();
    for e in done {
        let (word, color) = if e.written {
            ("ejected", Color::Green)
        } else {
            ("exists", Color::Yellow)
        };
        let _ = writeln!(out, "{} {}", status(term, color, word), e.path.display());
    }
    let kept = done.iter().filter(|e| !e.written).count();
    if kept > 0 {
        let _ = writeln!(
            out,
            "{kept} override{} already existed and {} kept; pass --force to replace with the built-in",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "was" } else { "were" }
        );
    } else if !term.quiet {
        let _ = writeln!(out, "{next}");
    }
    out
}

/// A `list rubrics` row: the name, then a mark for the project's own, then the description
/// (or why the project's file cannot be read).
pub(crate) fn rubric_row(
    name: String,
    origin: &Origin,
    description: Result<String, String>,
) -> (String, String) {
    let mark = match origin {
        Origin::Builtin => "",
        Origin::Override(_) => "(project, replaces the built-in) ",
        Origin::Project(_) => "(project) ",
    };
    let text = description.unwrap_or_else(|e| {
        let first = e.lines().next().unwrap_or_default().to_string();
        format!("cannot be read: {first}")
    });
    (name, format!("{mark}{text}"))
}

/// What `rubrics show` prints: a YAML comment saying where the rubric comes from, then its
/// text as is, so the output can be saved and used as a rubric.
pub(crate) fn rubric_text(name: &str, origin: &Origin, text: &str) -> String {
    let from = match origin {
        Origin::Builtin => {
            format!("# rubric `{name}`: built-in (`agentpack rubrics eject {name}` to customize)")
        }
        Origin::Override(file) => {
            format!("# rubric `{name}`: the project's {file} (replaces the built-in)")
        }
        Origin::Project(file) => format!("# rubric `{name}`: the project's {file}"),
    };
    let mut out = format!("{from}\n{text}");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `list packs` rows: name, then description, the default mark and the agents.
pub(crate) fn pack_rows(packs: &[(String, PackDef)]) -> Vec<(String, String)> {
    packs
        .iter()
        .map(|(name, def)| {
            let default = if name == DEFAULT_PACK {
                " (default)"
            } else {
                ""
            };
            let detail = format!("{}{default}: {}", def.description, def.agents.join(", "));
            (name.clone(), detail)
        })
        .collect()
}

/// `list agents` rows: name, then role and model.
pub(crate) fn agent_rows(catalog: &IndexMap<String, CatalogAgent>) -> Vec<(String, String)> {
    catalog
        .iter()
        .map(|(name, a)| (name.clone(), format!("{} [{}]", a.role, a.model)))
        .collect()
}

/// Name-first rows with the names padded to one column (bold) and the details after two
/// spaces; a row without details, or any row when quiet, is the bare name.
pub(crate) fn columns(term: &Term, rows: &[(String, String)]) -> String {
    let cells: Vec<[String; 2]> = rows.iter().map(|(n, d)| [n.clone(), d.clone()]).collect();
    let table = super::table::Table::new(&["", ""], &cells, &[]);
    let mut out = String::new();
    for row in &cells {
        if row[1].is_empty() || term.quiet {
            let _ = writeln!(out, "{}", row[0]);
        } else {
            let line = table.line(row, |i, text| match i {
                0 => paint(term.color, Color::Bold, text),
                _ => text.to_string(),
            });
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::plan::{Generated, plan as make_plan};

    #[test]
    fn conflict_shows_a_unified_diff() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one\ntwo\n").unwrap();
        let file = Generated {
            path: "a.md".into(),
            template: "t".into(),
            content: "one\n2\n".into(),
            overwrite: false,
        };
        let p = make_plan(dir.path(), vec![file], false).unwrap();
        let text = plan(&Term::default(), &p, false);
        assert!(text.contains("  conflict a.md"), "{text}");
        assert!(text.contains("-two") && text.contains("+2"), "{text}");
    }

    #[test]
    fn columns_pad_names_and_quiet_keeps_names_only() {
        let rows = vec![
            ("a".to_string(), "x".to_string()),
            ("bcd".into(), "".into()),
        ];
        assert_eq!(columns(&Term::default(), &rows), "a    x\nbcd\n");
        let quiet = Term {
            quiet: true,
            ..Term::default()
        };
        assert_eq!(columns(&quiet, &rows), "a\nbcd\n");
    }
}
