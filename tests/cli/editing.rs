//! Customizing a pack after `init` (issue 14): `add` edits the manifest in place and keeps
//! the user's comments, `--after` / `--on-demand` / `--new` choose where an agent goes,
//! `remove` undoes `add`, tasks carry a brief (`description`, `acceptance`), and rubrics are
//! ejected, shown and listed as the project's own.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{code, run, stderr, stdout, tree};

fn project(dir: &Path, args: &[&str]) -> PathBuf {
    let mut all = vec!["init", "p", "-q"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    dir.join("p")
}

fn read(p: &Path, rel: &str) -> String {
    fs::read_to_string(p.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn ok(p: &Path, args: &[&str]) -> String {
    let out = run(p, args);
    assert_eq!(code(&out), 0, "{args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// The manifest of a fresh project with the user's comments in four places.
fn commented(p: &Path) -> String {
    let text = read(p, "agentpack.yaml")
        .replace("version: 1\n", "# Team pack: owned by docs@\nversion: 1\n")
        .replace(
            "  writer: { model: sonnet }\n",
            "  writer: { model: sonnet }     # keep sonnet: cost\n  # specialists go above\n",
        )
        .replace(
            "  - id: write\n",
            "  # the draft comes from the research only\n  - id: write\n",
        );
    fs::write(p.join("agentpack.yaml"), &text).unwrap();
    text
}

#[test]
fn add_keeps_manifest_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    let before = commented(&p);
    let out = ok(&p, &["add", "editor", "tester"]);
    assert!(out.contains("     merge agentpack.yaml"), "{out}");
    let after = read(&p, "agentpack.yaml");
    // Every line the user wrote is still there, in order; only the synthesis's needs moved.
    let mut rest = after.lines();
    for line in before.lines().filter(|l| !l.contains("needs: [write]")) {
        assert!(rest.any(|l| l == line), "{line:?} lost or moved:\n{after}");
    }
    assert!(after.contains("  editor: { model: sonnet }\n"), "{after}");
    assert!(
        after.contains("  - id: tester\n    agent: tester\n    needs: [editor]\n"),
        "{after}"
    );
    assert!(after.contains("    needs: [tester]\n"), "{after}");
    ok(&p, &["check", "-q"]);
    // A second run has nothing to do and leaves the manifest alone.
    let out = ok(&p, &["add", "editor"]);
    assert!(out.contains("already in the pack"), "{out}");
    assert_eq!(read(&p, "agentpack.yaml"), after);
    // The manifest still counts as the user's: a run that would re-render it from the
    // template keeps it (a conflict) rather than dropping the comments.
    let out = run(&p, &["init", "--threshold", "70"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("conflict agentpack.yaml"),
        "{}",
        stdout(&out)
    );
    assert_eq!(read(&p, "agentpack.yaml"), after);
}

#[test]
fn add_after_wires_the_task_after_the_named_one() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    commented(&p);
    let before = tree(&p);
    let out = run(&p, &["add", "editor", "--after", "reserch"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--after names no task: `reserch` (did you mean `research`?)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&p), before, "nothing written");

    ok(&p, &["add", "editor", "--after", "research"]);
    let manifest = read(&p, "agentpack.yaml");
    assert!(
        manifest.contains("  - id: research\n    agent: researcher\n    output: artifacts/research-output.md\n    rubric: research-report\n  - id: editor\n    agent: editor\n    needs: [research]\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("    needs: [write, editor]\n"),
        "the synthesis waits for it:\n{manifest}"
    );
    let plan = ok(&p, &["plan"]);
    let wave2 = &plan[plan.find("Wave 2").unwrap()..plan.find("Wave 3").unwrap()];
    assert!(
        wave2.contains("(2 tasks in parallel)")
            && wave2.contains("  editor ")
            && wave2.contains("  write "),
        "editor runs beside write, after research:\n{plan}"
    );
    let orchestrator = read(&p, ".claude/agents/orchestrator.md");
    assert!(
        orchestrator.contains("#### 2. Task `editor`: delegate to **editor**"),
        "{orchestrator}"
    );
    assert!(
        orchestrator.contains(
            "- **When**: after `research` is APPROVED. Run it in parallel with `write` (writer)."
        ),
        "{orchestrator}"
    );
}

#[test]
fn remove_undoes_add() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    commented(&p);
    ok(&p, &["init", "-q"]);
    let before = tree(&p);
    for args in [
        vec!["add", "editor"],
        vec!["add", "editor", "--after", "research"],
        vec!["add", "debugger"],
        vec!["add", "--new", "release-notes"],
    ] {
        ok(&p, &args);
        let name = args
            .iter()
            .find(|a| !a.starts_with('-') && **a != "add" && **a != "research")
            .unwrap();
        assert!(
            p.join(format!(".claude/agents/{name}.md")).is_file(),
            "{args:?}"
        );
        let out = ok(&p, &["remove", name]);
        assert!(
            out.contains(&format!("    remove .claude/agents/{name}.md")),
            "{out}"
        );
        let after = tree(&p);
        assert_eq!(after, before, "{args:?} then remove {name}");
    }
}

#[test]
fn remove_keeps_an_edited_agent_and_refuses_to_strand_a_reader() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    ok(&p, &["add", "editor"]);
    let agent = p.join(".claude/agents/editor.md");
    fs::write(
        &agent,
        read(&p, ".claude/agents/editor.md") + "\nOur house style: British spelling.\n",
    )
    .unwrap();
    let out = ok(&p, &["remove", "editor"]);
    assert!(
        out.contains("note: .claude/agents/editor.md was edited"),
        "{out}"
    );
    assert!(agent.is_file(), "the user's edit is kept");
    assert!(!read(&p, "agentpack.yaml").contains("editor"));
    assert!(!read(&p, "AGENTS.md").contains("`editor`"));

    // `write` reads the research: removing the researcher would leave it without input.
    let before = tree(&p);
    let out = run(&p, &["remove", "researcher"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(
            "task `write` (writer) reads the output of `research` (`artifacts/research-output.md`)"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(tree(&p), before, "nothing written");
    let out = ok(&p, &["remove", "researcher", "--force"]);
    assert!(
        out.contains("Task `write` now needs what researcher's task needed."),
        "{out}"
    );
    let settings = read(&p, ".claude/settings.json");
    assert!(
        settings.contains("\"matcher\": \"writer|orchestrator\""),
        "{settings}"
    );
    ok(&p, &["check", "-q"]);
    let out = run(&p, &["remove", "orchestrator"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn debugger_in_a_research_pack_is_on_call_not_a_step_the_report_waits_for() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    ok(&p, &["add", "debugger"]);
    let manifest = read(&p, "agentpack.yaml");
    assert!(!manifest.contains("agent: debugger"), "{manifest}");
    assert!(
        manifest.contains("    needs: [write]\n    output: artifacts/final-output.md"),
        "{manifest}"
    );
    assert!(
        manifest.contains("    - { glob: \"artifacts/debug-report*.md\", rubric: debug-report }"),
        "{manifest}"
    );
    let orchestrator = read(&p, ".claude/agents/orchestrator.md");
    assert!(
        orchestrator.contains("Writes `artifacts/debug-report.md`, scored with the `debug-report` rubric. Not part of the workflow: call it on demand"),
        "{orchestrator}"
    );
    // --on-demand does the same for any agent; --after puts a debugger in the workflow.
    ok(&p, &["add", "editor", "--on-demand"]);
    assert!(
        read(&p, "agentpack.yaml")
            .contains("glob: \"artifacts/edited-output*.md\", rubric: edited-draft")
    );
}

#[test]
fn new_custom_agent_starts_from_a_blank_template_that_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    let out = run(tmp.path(), &["init", "q", "--agents", "release-notes"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("agentpack add --new NAME"),
        "{}",
        stderr(&out)
    );
    ok(&p, &["add", "--new", "release-notes", "--after", "write"]);
    let agent = read(&p, ".claude/agents/release-notes.md");
    assert!(agent.starts_with("---\nname: release-notes\n"), "{agent}");
    assert!(
        agent.contains("- `artifacts/synthesis-output.md`"),
        "reads its input:\n{agent}"
    );
    ok(&p, &["check", "-q"]);
    // The file is the user's now: later runs leave it alone.
    assert!(agent.contains("## Rules"), "{agent}");
    fs::write(
        p.join(".claude/agents/release-notes.md"),
        agent.replace("## Rules", "## Rules\n\n- Keep it short."),
    )
    .unwrap();
    let out = ok(&p, &["init"]);
    assert!(!out.contains("release-notes.md"), "{out}");
    for bad in ["Release Notes", "writer"] {
        let out = run(&p, &["add", "--new", bad]);
        assert_eq!(code(&out), 2, "{bad}");
    }
}

#[test]
fn task_brief_reaches_the_orchestrator_and_agents_md() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    let text = read(&p, "agentpack.yaml").replace(
        "    rubric: article\n",
        "    rubric: article\n    description: A getting-started guide for new contributors\n    acceptance:\n      - Every command was run on a clean checkout\n      - Ends with where to ask for help\n",
    );
    assert!(
        text.contains("description: A getting-started guide"),
        "{text}"
    );
    fs::write(p.join("agentpack.yaml"), &text).unwrap();
    ok(&p, &["init", "-q"]);
    let orchestrator = read(&p, ".claude/agents/orchestrator.md");
    assert!(
        orchestrator.contains("- **Goal**: A getting-started guide for new contributors\n"),
        "{orchestrator}"
    );
    assert!(
        orchestrator.contains(
            "  - Every command was run on a clean checkout\n  - Ends with where to ask for help\n"
        ),
        "{orchestrator}"
    );
    let agents = read(&p, "AGENTS.md");
    assert!(
        agents.contains("- `write` (writer, `artifacts/synthesis-output.md`): A getting-started guide for new contributors\n  - Accepted when: Every command was run on a clean checkout\n"),
        "{agents}"
    );
    ok(&p, &["check", "-q"]);
    // An empty criterion is refused where it is written.
    fs::write(
        p.join("agentpack.yaml"),
        text.replace("Ends with where to ask for help", "\"\""),
    )
    .unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("agentpack.yaml:28:9: task `write`: acceptance criterion 2 is empty"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_agent_with_two_tasks_may_write_each_output() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &[]);
    let text = read(&p, "agentpack.yaml").replace(
        "  - id: synthesize\n",
        "  - id: faq\n    agent: writer\n    needs: [write]\n    output: artifacts/faq.md\n  - id: synthesize\n",
    );
    fs::write(p.join("agentpack.yaml"), text).unwrap();
    ok(&p, &["init", "-q"]);
    let writer = read(&p, ".claude/agents/writer.md");
    assert!(
        writer.contains("## Your tasks in this workflow"),
        "{writer}"
    );
    assert!(writer.contains("- Task `write`: `artifacts/synthesis-output.md` (first revision `artifacts/synthesis-output.v2.md`)"), "{writer}");
    assert!(
        writer.contains("- Task `faq`: `artifacts/faq.md` (first revision `artifacts/faq.v2.md`)"),
        "{writer}"
    );
    assert!(!read(&p, ".claude/agents/researcher.md").contains("## Your tasks"));
}

#[test]
fn rubrics_eject_show_list_and_review_uses_the_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path(), &["--examples"]);
    ok(&p, &["review", "artifacts/research-output.md", "-q"]);
    let shown = ok(&p, &["rubrics", "show", "research-report"]);
    assert!(
        shown.starts_with("# rubric `research-report`: built-in (`agentpack rubrics eject research-report` to customize)\nname: research-report\n"),
        "{shown}"
    );
    let out = ok(&p, &["rubrics", "eject", "research-report"]);
    assert!(out.contains("ejected"), "{out}");
    let path = ".agentpack/rubrics/research-report.yaml";
    let ejected = read(&p, path);
    assert_eq!(shown.split_once('\n').unwrap().1, ejected);
    // Ejecting again keeps the copy.
    let out = run(&p, &["rubrics", "eject", "research-report"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("exists"), "{}", stdout(&out));
    let out = run(&p, &["rubrics", "eject", "reserch-report"]);
    assert_eq!(code(&out), 2);

    // The team raises the bar in its copy: review now holds the example to it.
    assert!(ejected.contains("count: words, min: 450 }"), "{ejected}");
    let raised = ejected.replace("count: words, min: 450 }", "count: words, min: 100000 }")
        + "threshold: 100\n";
    assert_ne!(raised, ejected);
    fs::write(p.join(path), &raised).unwrap();
    let out = run(&p, &["review", "artifacts/research-output.md"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("at least 100000 expected"),
        "{}",
        stdout(&out)
    );
    // The summary names the bar the artifact was held to, not the manifest's 80.
    assert!(
        stdout(&out).contains("below the bar (threshold 100)"),
        "{}",
        stdout(&out)
    );
    let out = run(&p, &["review"]);
    assert!(
        stdout(&out).contains("(thresholds 80-100)"),
        "{}",
        stdout(&out)
    );
    let shown = ok(&p, &["rubrics", "show", "research-report"]);
    assert_eq!(
        shown,
        format!(
            "# rubric `research-report`: the project's {path} (replaces the built-in)\n{raised}"
        )
    );

    let listed = ok(&p, &["list", "rubrics"]);
    let row = |name: &str| {
        listed
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{listed}"))
            .to_string()
    };
    assert!(
        row("research-report").contains("(project, replaces the built-in)"),
        "{listed}"
    );
    assert!(!row("tutorial").contains("(project"), "{listed}");
    fs::write(
        p.join(".agentpack/rubrics/house-style.yaml"),
        "name: house-style\n",
    )
    .unwrap();
    let listed = ok(&p, &["list", "rubrics"]);
    let house = listed
        .lines()
        .find(|l| l.starts_with("house-style"))
        .unwrap();
    assert!(house.contains("(project) cannot be read"), "{listed}");
}
