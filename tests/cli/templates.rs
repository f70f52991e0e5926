//! `templates test`, `templates adopt` and `templates diff`: a team's customizations under
//! test, an edit turned into an override, an ejected copy against the built-in.

use std::fs;
use std::path::PathBuf;

use crate::common::{append, code, run, stderr, stdout, tree};

fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p", "-q"])), 0);
    let p = tmp.path().join("p");
    (tmp, p)
}

const SNAPSHOTS: &str = ".agentpack/template-tests/snapshots";

#[test]
fn templates_test_update_then_pass_then_fail_after_an_override_changes() {
    let (_tmp, p) = project();
    let cases = p.join(".agentpack/template-tests/cases");
    fs::create_dir_all(&cases).unwrap();
    let strict = fs::read_to_string(p.join("agentpack.yaml"))
        .unwrap()
        .replace("threshold: 80", "threshold: 95");
    fs::write(cases.join("strict.yaml"), strict).unwrap();

    // No snapshot yet: the test fails and says how to accept.
    let out = run(&p, &["templates", "test"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("       new AGENTS.md"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("--update"), "{}", stdout(&out));

    let out = run(&p, &["templates", "test", "--update"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let snap = p.join(SNAPSHOTS).join("strict/AGENTS.md.snap");
    assert!(fs::read_to_string(&snap).unwrap().contains("**95/100**"));
    assert!(
        p.join(SNAPSHOTS)
            .join("project/.claude/agents/writer.md.snap")
            .is_file()
    );
    let out = run(&p, &["templates", "test"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("2 cases, 14 files, 14 matching their snapshots"),
        "{}",
        stdout(&out)
    );

    // The team edits its override: every case shows the diff and fails.
    assert_eq!(
        code(&run(&p, &["templates", "eject", "project/AGENTS.md", "-q"])),
        0
    );
    append(
        &p.join(".agentpack/templates/project/AGENTS.md.j2"),
        "Team rule: cite sources.\n",
    );
    let before = tree(&p);
    let out = run(&p, &["templates", "test"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("case strict (.agentpack/template-tests/cases/strict.yaml): FAILED"),
        "{text}"
    );
    assert!(
        text.contains("   changed AGENTS.md") && text.contains("+Team rule: cite sources."),
        "{text}"
    );
    assert_eq!(tree(&p), before, "without --update nothing is written");

    // A case that is gone leaves stale snapshots, which --update removes.
    fs::remove_file(cases.join("strict.yaml")).unwrap();
    let out = run(&p, &["templates", "test", "--update"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("   removed AGENTS.md"),
        "{}",
        stdout(&out)
    );
    assert!(!snap.exists());
    assert_eq!(code(&run(&p, &["templates", "test"])), 0);
}

#[test]
fn a_broken_override_fails_templates_test_before_any_snapshot_exists() {
    let (_tmp, p) = project();
    assert_eq!(
        code(&run(
            &p,
            &["templates", "eject", "partials/agent-frontmatter.md", "-q"]
        )),
        0
    );
    let partial = p.join(".agentpack/templates/partials/agent-frontmatter.md.j2");
    let text = fs::read_to_string(&partial)
        .unwrap()
        .replace("tools: {{", "tools {{");
    fs::write(&partial, text).unwrap();
    let out = run(&p, &["templates", "test", "--update"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("check .claude/agents/writer.md:4:1: error[AG004]")
            && text
                .contains("rendered from .agentpack/templates/partials/agent-frontmatter.md.j2:"),
        "{text}"
    );
    assert!(
        !p.join(SNAPSHOTS).exists(),
        "a failing case is not accepted"
    );

    // An AGENTS.md that no longer names the manifest's agents passes `check` (a warning)
    // but fails the test: it must agree with the manifest.
    fs::remove_file(&partial).unwrap();
    assert_eq!(
        code(&run(&p, &["templates", "eject", "project/AGENTS.md", "-q"])),
        0
    );
    fs::write(
        p.join(".agentpack/templates/project/AGENTS.md.j2"),
        "# Agents\n\nAsk `orchestrator`.\n",
    )
    .unwrap();
    let out = run(&p, &["templates", "test", "--update"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains(
            "AGENTS.md:1:1: warning[AM002] agent `writer` of agentpack.yaml is not mentioned"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn adopt_turns_an_edit_into_an_override_that_follows_the_manifest() {
    let (_tmp, p) = project();
    let writer = p.join(".claude/agents/writer.md");
    append(&writer, "Always link the style guide.\n");
    let out = run(&p, &["templates", "adopt", ".claude/agents/writer.md"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("adopted .agentpack/templates/agents/writer.md.j2"),
        "{}",
        stdout(&out)
    );
    let template = fs::read_to_string(p.join(".agentpack/templates/agents/writer.md.j2")).unwrap();
    assert!(
        template.contains("{{ project.threshold }}"),
        "still a template"
    );
    assert!(template.ends_with("Always link the style guide.\n"));

    // The edit is now the template's: a threshold change reaches the file, no merge needed.
    let manifest = p.join("agentpack.yaml");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("threshold: 80", "threshold: 90");
    fs::write(&manifest, text).unwrap();
    let out = run(&p, &["sync"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let now = fs::read_to_string(&writer).unwrap();
    assert!(now.contains("90/100") && now.ends_with("Always link the style guide.\n"));

    // templates diff shows the adopted override against the built-in.
    let out = run(&p, &["templates", "diff", "agents/writer.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("+Always link the style guide."),
        "{}",
        stdout(&out)
    );
    let out = run(&p, &["templates", "diff", "project/AGENTS.md"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("is not ejected"), "{}", stderr(&out));
    // A file with no edit, or not from a template, has nothing to adopt.
    let out = run(&p, &["templates", "adopt", ".claude/agents/researcher.md"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no edit to adopt"),
        "{}",
        stderr(&out)
    );
    let out = run(&p, &["templates", "adopt", "AGENTS.md"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("outside the block"),
        "{}",
        stderr(&out)
    );
    let out = run(&p, &["templates", "adopt", ".claude/settings.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not rendered from a template"),
        "{}",
        stderr(&out)
    );
}
