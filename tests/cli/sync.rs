//! `sync`, `sync --check`, validate-before-write and the 3-way update, as a team uses them:
//! scaffold, edit the manifest or a template, gate CI on drift, keep hand edits.

use std::fs;
use std::path::PathBuf;

use crate::common::{append, code, edit, run, stderr, stdout, tree};

/// A scaffolded research-writing project in a temporary folder.
fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p", "-q"])), 0);
    let p = tmp.path().join("p");
    (tmp, p)
}

#[test]
fn sync_check_passes_fails_after_a_manifest_edit_and_passes_after_sync() {
    let (_tmp, p) = project();
    let out = run(&p, &["sync", "--check"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("In sync"), "{}", stdout(&out));

    edit(&p.join("agentpack.yaml"), "threshold: 80", "threshold: 85");
    let before = tree(&p);
    let out = run(&p, &["sync", "--check"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("    update AGENTS.md"), "{text}");
    assert!(
        text.contains("-- **Rubric**: `research-report`, pass at 80/100.")
            && text.contains("+- **Rubric**: `research-report`, pass at 85/100."),
        "the diff is shown: {text}"
    );
    assert!(text.contains("out of sync: 5 files would change"), "{text}");
    assert_eq!(tree(&p), before, "--check writes nothing");

    let out = run(&p, &["sync", "-q"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let out = run(&p, &["sync", "--check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        fs::read_to_string(p.join("AGENTS.md"))
            .unwrap()
            .contains("85/100")
    );
}

#[test]
fn broken_frontmatter_in_an_ejected_template_fails_before_anything_is_written() {
    let (_tmp, p) = project();
    let out = run(&p, &["templates", "eject", "partials/agent-frontmatter.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let partial = p.join(".agentpack/templates/partials/agent-frontmatter.md.j2");
    // A one-character slip: `model` loses its colon.
    edit(&partial, "model: {{", "model {{");
    let before = tree(&p);
    let out = run(&p, &["sync"]);
    assert_eq!(code(&out), 2, "{}{}", stdout(&out), stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("would not pass `agentpack check` (3 errors)"),
        "{err}"
    );
    assert!(
        err.contains(".claude/agents/writer.md:5:")
            && err
                .contains("rendered from .agentpack/templates/partials/agent-frontmatter.md.j2:5"),
        "names the rendered file, the template and the line: {err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(tree(&p), before, "nothing written");

    // init and add refuse the same way; --check and --dry-run report it too.
    for args in [&["init", "."][..], &["add", "editor"], &["sync", "--check"]] {
        let out = run(&p, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert_eq!(tree(&p), before, "{args:?} wrote something");
    }
}

#[test]
fn appended_line_survives_a_threshold_change_through_a_clean_merge() {
    let (_tmp, p) = project();
    let writer = p.join(".claude/agents/writer.md");
    append(&writer, "\nAlways cite the style guide in docs/style.md.\n");
    assert_eq!(
        code(&run(&p, &["sync", "--check"])),
        0,
        "an edit alone is no drift"
    );

    edit(&p.join("agentpack.yaml"), "threshold: 80", "threshold: 90");
    let out = run(&p, &["sync"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("     merge .claude/agents/writer.md"),
        "{}",
        stdout(&out)
    );
    let merged = fs::read_to_string(&writer).unwrap();
    assert!(
        merged.ends_with("\nAlways cite the style guide in docs/style.md.\n"),
        "{merged}"
    );
    assert!(merged.contains("must reach\n90/100"), "{merged}");
    assert!(!merged.contains("80/100"), "{merged}");
    // Right after a sync that merged, the project is in sync and the edit still yours.
    let out = run(&p, &["sync", "--check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(code(&run(&p, &["check", "-q"])), 0);
}

#[test]
fn overlapping_edits_are_marked_inline_or_rejected_and_exit_1() {
    let (_tmp, p) = project();
    let writer = p.join(".claude/agents/writer.md");
    edit(&writer, "must reach\n80/100", "must reach\n75/100 (ours)");
    edit(&p.join("agentpack.yaml"), "threshold: 80", "threshold: 90");

    let dir = tempfile::tempdir().unwrap();
    crate::crash::copy_tree(&p, dir.path());
    let out = run(dir.path(), &["sync", "--conflict", "rej"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("    reject .claude/agents/writer.md.rej"));
    let kept = fs::read_to_string(dir.path().join(".claude/agents/writer.md")).unwrap();
    assert!(
        kept.contains("75/100 (ours)") && !kept.contains("<<<<<<<"),
        "{kept}"
    );
    let rej = fs::read_to_string(dir.path().join(".claude/agents/writer.md.rej")).unwrap();
    assert!(
        rej.contains("-80/100. It checks:\n+90/100. It checks:\n"),
        "{rej}"
    );
    // The check fails while the .rej file is there, and passes once it is dealt with.
    assert_eq!(code(&run(dir.path(), &["sync", "--check"])), 1);
    fs::remove_file(dir.path().join(".claude/agents/writer.md.rej")).unwrap();
    let out = run(dir.path(), &["sync", "--check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));

    let out = run(&p, &["sync"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let marked = fs::read_to_string(&writer).unwrap();
    assert!(
        marked.contains("<<<<<<< yours\n75/100 (ours). It checks:\n||||||| generated\n80/100. It checks:\n=======\n90/100. It checks:\n>>>>>>> agentpack\n"),
        "{marked}"
    );
    // Until the markers are resolved, the check fails; once resolved, it passes.
    assert_eq!(code(&run(&p, &["sync", "--check"])), 1);
    let out = run(&p, &["sync"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("unresolved merge"),
        "{}",
        stdout(&out)
    );
    let resolved = marked.replace(
        "<<<<<<< yours\n75/100 (ours). It checks:\n||||||| generated\n80/100. It checks:\n=======\n90/100. It checks:\n>>>>>>> agentpack\n",
        "85/100 (ours). It checks:\n",
    );
    fs::write(&writer, resolved).unwrap();
    let out = run(&p, &["sync", "--check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

/// `add` takes `--conflict` like `init` and `sync`: an edit that overlaps the roster line the
/// new agent changes goes to a `.rej` file, the user's file is kept, and the run exits 1.
#[test]
fn add_marks_overlapping_edits_as_asked() {
    let (_tmp, p) = project();
    let orchestrator = p.join(".claude/agents/orchestrator.md");
    edit(&orchestrator, "- **writer**: ", "- **writer**: (ours) ");
    let out = run(&p, &["add", "editor", "--conflict", "rej"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("    reject .claude/agents/orchestrator.md.rej"),
        "{}",
        stdout(&out)
    );
    let kept = fs::read_to_string(&orchestrator).unwrap();
    assert!(
        kept.contains("- **writer**: (ours) ") && !kept.contains("<<<<<<<"),
        "{kept}"
    );
    let rej = fs::read_to_string(p.join(".claude/agents/orchestrator.md.rej")).unwrap();
    assert!(rej.contains("+- **editor**: "), "{rej}");
    assert!(p.join(".claude/agents/editor.md").is_file());
}
