//! Human output of `check --fix` and `check --diff`: the unified diff of each file, or one
//! line per fixed file with what changed.

use std::fmt::Write as _;

use crate::lint::fix::Fixed;

/// The diffs `--diff` previews (nothing is written).
pub fn diff(fixes: &[Fixed]) -> String {
    let mut out = String::new();
    for f in fixes {
        let shown = super::display_path(&f.path);
        let diff = similar::TextDiff::from_lines(&f.before, &f.after);
        let _ = write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&shown, &format!("{shown} (fixed)"))
        );
    }
    if fixes.is_empty() {
        out.push_str("nothing to fix\n");
    }
    out
}

/// What `--fix` did, one line per file.
pub fn applied(fixes: &[Fixed]) -> String {
    let mut out = String::new();
    for f in fixes {
        let _ = writeln!(
            out,
            "fixed {}: {}",
            super::display_path(&f.path),
            f.changes.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "{} file{} fixed",
        fixes.len(),
        if fixes.len() == 1 { "" } else { "s" }
    );
    out
}
