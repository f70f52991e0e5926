//! The 3-way merge behind updating a generated file the user edited: base is what agentpack
//! generated last time (kept in the lock), ours the user's file, theirs the new render.
//! `diffy` does the line merge (a diff3 merge like `git merge-file`); here the conflicts are
//! marked in the file (`inline`) or kept aside in `FILE.rej` (`rej`), as copier does.

/// Where the hunks of a conflict go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ConflictStyle {
    /// Conflict markers in the file (`<<<<<<< yours`, `||||||| generated`, `=======`,
    /// `>>>>>>> agentpack`), as `git merge` writes them.
    #[default]
    Inline,
    /// Your side in the file, agentpack's change beside it in `FILE.rej`.
    Rej,
}

/// The result of one merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged {
    /// The file to write.
    pub text: String,
    /// Number of conflicting regions (0: a clean merge).
    pub conflicts: usize,
    /// With [`ConflictStyle::Rej`] and conflicts: the rejected hunks, for `FILE.rej`.
    pub rej: Option<String>,
}

const LABELS: [(char, &str); 4] = [
    ('<', "yours"),
    ('|', "generated"),
    ('=', ""),
    ('>', "agentpack"),
];

/// Merges `ours` and `theirs` (texts with `\n` endings) from their common `base`.
pub(crate) fn three_way(
    base: &str,
    ours: &str,
    theirs: &str,
    style: ConflictStyle,
    path: &str,
) -> Merged {
    // Markers longer than any marker-like run in the inputs, so they are found again.
    let len = [base, ours, theirs]
        .iter()
        .flat_map(|t| t.lines())
        .map(|l| {
            let first = l.chars().next().unwrap_or(' ');
            if LABELS.iter().any(|(c, _)| *c == first) {
                l.chars().take_while(|c| *c == first).count() + 1
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
        .max(7);
    let mut opts = diffy::MergeOptions::new();
    opts.set_conflict_style(diffy::ConflictStyle::Diff3)
        .set_conflict_marker_length(len)
        .set_incomplete_hunk_style(diffy::IncompleteHunkStyle::Git);
    let marked = match opts.merge(base, ours, theirs) {
        Ok(text) => {
            return Merged {
                text,
                conflicts: 0,
                rej: None,
            };
        }
        Err(marked) => marked,
    };
    let regions = split(&marked, len);
    let conflicts = regions
        .iter()
        .filter(|r| matches!(r, Region::Conflict { .. }))
        .count();
    match style {
        ConflictStyle::Inline => Merged {
            text: inline(&regions),
            conflicts,
            rej: None,
        },
        ConflictStyle::Rej => {
            let (text, rej) = rejected(&regions, path);
            Merged {
                text,
                conflicts,
                rej: Some(rej),
            }
        }
    }
}

/// Whether `text` still has conflict markers an inline merge wrote.
pub(crate) fn has_markers(text: &str) -> bool {
    let mut open = false;
    for line in text.lines() {
        if line == "<<<<<<< yours" {
            open = true;
        } else if open && line == ">>>>>>> agentpack" {
            return true;
        }
    }
    false
}

#[derive(Debug)]
enum Region<'a> {
    Clean(&'a str),
    Conflict {
        ours: Vec<&'a str>,
        base: Vec<&'a str>,
        theirs: Vec<&'a str>,
    },
}

/// Reads diffy's diff3 output back into clean lines and conflicts.
fn split(marked: &str, len: usize) -> Vec<Region<'_>> {
    let marker = |line: &str, c: char| {
        line.len() >= len
            && line.chars().take(len).all(|x| x == c)
            && line[len..]
                .chars()
                .next()
                .is_none_or(|x| x == ' ' || x == '\n')
    };
    let mut out = Vec::new();
    // 0: clean, 1: ours, 2: base, 3: theirs
    let mut side = 0;
    let mut sides: [Vec<&str>; 3] = Default::default();
    for line in marked.split_inclusive('\n') {
        match side {
            0 if marker(line, '<') => side = 1,
            0 => out.push(Region::Clean(line)),
            1 if marker(line, '|') => side = 2,
            1 | 2 if marker(line, '=') => side = 3,
            3 if marker(line, '>') => {
                let [ours, base, theirs] = std::mem::take(&mut sides);
                out.push(Region::Conflict { ours, base, theirs });
                side = 0;
            }
            n => sides[n - 1].push(line),
        }
    }
    out
}

fn inline(regions: &[Region]) -> String {
    let mut out = String::new();
    for region in regions {
        match region {
            Region::Clean(line) => out.push_str(line),
            Region::Conflict { ours, base, theirs } => {
                let sides = [ours, base, theirs, &Vec::new()];
                for ((c, label), lines) in LABELS.iter().zip(sides) {
                    let marker = c.to_string().repeat(7);
                    if label.is_empty() {
                        out.push_str(&format!("{marker}\n"));
                    } else {
                        out.push_str(&format!("{marker} {label}\n"));
                    }
                    for line in lines {
                        out.push_str(line);
                        if !line.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                }
            }
        }
    }
    out
}

/// The file with your side of each conflict, and the hunks agentpack could not apply as a
/// unified diff (generated -> agentpack) placed at the line of the file where yours is.
fn rejected(regions: &[Region], path: &str) -> (String, String) {
    let mut text = String::new();
    let mut rej = format!("--- {path} (generated)\n+++ {path} (agentpack)\n");
    let mut line = 1;
    for region in regions {
        match region {
            Region::Clean(l) => {
                text.push_str(l);
                line += 1;
            }
            Region::Conflict { ours, base, theirs } => {
                rej.push_str(&format!(
                    "@@ -{line},{} +{line},{} @@ yours: lines {line}-{}\n",
                    base.len(),
                    theirs.len(),
                    line + ours.len().max(1) - 1
                ));
                for (sign, lines) in [('-', base), ('+', theirs)] {
                    for l in lines {
                        rej.push(sign);
                        rej.push_str(l);
                        if !l.ends_with('\n') {
                            rej.push('\n');
                        }
                    }
                }
                for l in ours {
                    text.push_str(l);
                }
                line += ours.len();
            }
        }
    }
    (text, rej)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "# W\n\nThreshold 80.\n\nBody.\n";

    #[test]
    fn appended_line_survives_a_template_change() {
        let ours = format!("{BASE}My own rule.\n");
        let theirs = BASE.replace("80", "85");
        let m = three_way(BASE, &ours, &theirs, ConflictStyle::Inline, "w.md");
        assert_eq!(m.conflicts, 0);
        assert_eq!(m.text, "# W\n\nThreshold 85.\n\nBody.\nMy own rule.\n");
    }

    #[test]
    fn conflicts_are_marked_inline_or_rejected() {
        let ours = BASE.replace("80", "70");
        let theirs = BASE.replace("80", "85");
        let m = three_way(BASE, &ours, &theirs, ConflictStyle::Inline, "w.md");
        assert_eq!(m.conflicts, 1);
        assert_eq!(
            m.text,
            "# W\n\n<<<<<<< yours\nThreshold 70.\n||||||| generated\nThreshold 80.\n=======\nThreshold 85.\n>>>>>>> agentpack\n\nBody.\n"
        );
        assert!(has_markers(&m.text));
        assert!(!has_markers(BASE));

        let m = three_way(BASE, &ours, &theirs, ConflictStyle::Rej, "w.md");
        assert_eq!(m.text, ours);
        assert_eq!(
            m.rej.as_deref(),
            Some(
                "--- w.md (generated)\n+++ w.md (agentpack)\n@@ -3,1 +3,1 @@ yours: lines 3-3\n-Threshold 80.\n+Threshold 85.\n"
            )
        );
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Few distinct lines (marker-like ones included) so the sides overlap and conflict.
        let line = prop_oneof![
            Just("a"),
            Just("b"),
            Just("c"),
            Just("======="),
            Just("<<<<<<< yours"),
            Just("")
        ];
        proptest::collection::vec(line, 0..12).prop_map(|l| {
            let mut t = l.join("\n");
            t.push('\n');
            t
        })
    }

    proptest::proptest! {
        #[test]
        fn merges_are_total_and_keep_each_sides_own_changes(
            base in text(), ours in text(), theirs in text()
        ) {
            let rej = three_way(&base, &ours, &theirs, ConflictStyle::Rej, "f");
            let inline = three_way(&base, &ours, &theirs, ConflictStyle::Inline, "f");
            proptest::prop_assert_eq!(rej.conflicts, inline.conflicts);
            if rej.conflicts == 0 {
                proptest::prop_assert_eq!(&rej.text, &inline.text);
                proptest::prop_assert!(rej.rej.is_none());
            } else {
                proptest::prop_assert!(rej.rej.is_some());
            }
            // One side unchanged: the merge is the other side, cleanly.
            let m = three_way(&base, &base, &theirs, ConflictStyle::Rej, "f");
            proptest::prop_assert_eq!((m.conflicts, m.text), (0, theirs.clone()));
            let m = three_way(&base, &ours, &base, ConflictStyle::Inline, "f");
            proptest::prop_assert_eq!((m.conflicts, m.text), (0, ours.clone()));
        }
    }

    #[test]
    fn marker_like_lines_in_the_inputs_are_not_mistaken_for_markers() {
        let base = "a\n=======\nb\n";
        let ours = "a\n=======\nmine\n";
        let theirs = "a\n=======\ntheirs\n";
        let m = three_way(base, ours, theirs, ConflictStyle::Rej, "x");
        assert_eq!(m.conflicts, 1);
        assert_eq!(m.text, ours);
        assert!(m.rej.unwrap().contains("-b\n+theirs\n"));
    }
}
