//! Issue 10, the reliability report: one test per finding, each its reproduction (the
//! crashing and hanging inputs are in `tests/fixtures/crashers/`). Findings 7, 12 and 18 are
//! fixed with the review rework; their tests are ignored until then.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{agentpack, code, edit, repo, run, run_hook, stderr, stdout, tree};

/// `agentpack init p -q` in `dir`; the project's path.
fn project(dir: &Path) -> PathBuf {
    let out = run(dir, &["init", "p", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    dir.join("p")
}

fn crasher(name: &str) -> PathBuf {
    repo().join("tests/fixtures/crashers").join(name)
}

fn hook(p: &Path, agent: &str) -> Output {
    run_hook(
        p,
        &serde_json::json!({
            "session_id": "s",
            "hook_event_name": "SubagentStop",
            "stop_hook_active": false,
            "agent_type": agent,
            "cwd": p,
        }),
    )
}

fn no_panic(out: &Output) {
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "exit {:?}: {}",
        out.status,
        stderr(out)
    );
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

/// Finding 1: three hooks finishing together each keep their feedback section.
#[test]
fn f01_concurrent_hooks_keep_every_feedback_section() {
    let tmp = tempfile::tempdir().unwrap();
    for round in 0..4 {
        let p = tmp.path().join(format!("r{round}"));
        fs::create_dir_all(&p).unwrap();
        let p = project(&p);
        for f in ["research-output", "synthesis-output", "final-output"] {
            fs::write(p.join(format!("artifacts/{f}.md")), "# draft\n\nTODO\n").unwrap();
        }
        let handles: Vec<_> = ["researcher", "writer", "orchestrator"]
            .into_iter()
            .map(|a| {
                let p = p.clone();
                std::thread::spawn(move || hook(&p, a))
            })
            .collect();
        for h in handles {
            assert_eq!(code(&h.join().unwrap()), 0);
        }
        let feedback = fs::read_to_string(p.join("artifacts/feedback.md")).unwrap();
        assert_eq!(feedback.matches("<!-- artifact: ").count(), 3, "{feedback}");
    }
}

/// Finding 2: a torn last line of the history (a killed append) costs only itself.
#[test]
fn f02_torn_history_line_does_not_swallow_the_next_record() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(p.join("artifacts/research-output.md"), "# A\n\nTODO\n").unwrap();
    assert_eq!(code(&run(&p, &["review", "-q"])), 1);
    let history = p.join(".agentpack/logs/reviews.jsonl");
    let whole = fs::read_to_string(&history).unwrap();
    // What a write cut short leaves: half a record, no newline.
    let mut torn = whole.clone();
    torn.push_str(&whole[..whole.len() / 2]);
    fs::write(&history, &torn).unwrap();
    assert_eq!(code(&run(&p, &["review", "-q"])), 1);
    let text = fs::read_to_string(&history).unwrap();
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).is_err())
        .collect();
    assert_eq!(
        bad,
        [&whole[..whole.len() / 2]],
        "only the fragment is lost"
    );
    assert_eq!(text.lines().count(), 2 * whole.lines().count() + 1);
}

/// Finding 3: an output naming a generated file is refused by `check` and every command;
/// the user's settings survive.
#[test]
fn f03_output_naming_a_generated_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("p/.claude")).unwrap();
    let settings = tmp.path().join("p/.claude/settings.json");
    fs::write(
        &settings,
        "{\"permissions\": {\"allow\": [\"Bash(npm test)\"]}, \"env\": {\"MY_VAR\": \"x\"}}\n",
    )
    .unwrap();
    let p = project(tmp.path());
    let merged = fs::read_to_string(&settings).unwrap();
    for generated in [
        ".claude/settings.json",
        "AGENTS.md",
        ".claude/agents/writer.md",
    ] {
        edit(
            &p.join("agentpack.yaml"),
            "output: artifacts/research-output.md",
            &format!("output: {generated}"),
        );
        let out = run(&p, &["check", "-q"]);
        assert_eq!(code(&out), 1, "{}", stdout(&out));
        assert!(stdout(&out).contains("PJ005"), "{}", stdout(&out));
        let out = run(&p, &["init", "--examples", "-q"]);
        assert_eq!(code(&out), 2, "{}", stdout(&out));
        assert!(stderr(&out).contains("which is"), "{}", stderr(&out));
        assert_eq!(fs::read_to_string(&settings).unwrap(), merged);
        edit(
            &p.join("agentpack.yaml"),
            &format!("output: {generated}"),
            "output: artifacts/research-output.md",
        );
    }
}

/// Finding 4: `add` keeps what the user wrote in the manifest. It edits the file in place
/// (issue 14), so a comment survives; a layout the in-place editor cannot handle is a
/// conflict, and then nothing is written without --force.
#[test]
fn f04_add_keeps_an_edited_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let manifest = p.join("agentpack.yaml");
    let original = fs::read_to_string(&manifest).unwrap();
    let text = format!("# DO NOT REMOVE: team header\n{original}");
    fs::write(&manifest, &text).unwrap();
    let out = run(&p, &["add", "editor"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let edited = fs::read_to_string(&manifest).unwrap();
    assert!(
        edited.starts_with(&text[..text.find("agents:").unwrap()]),
        "{edited}"
    );
    assert!(edited.contains("  editor: { model: sonnet }\n"), "{edited}");
    assert!(p.join(".claude/agents/editor.md").exists());

    // Agents written in flow style on one line: beyond the in-place editor.
    let flow = edited.replace("agents:\n", "agents: {\n").replace(
        "  editor: { model: sonnet }\n",
        "  editor: { model: sonnet } }\n",
    );
    let flow = flow.replace(" }\n  ", " },\n  ");
    fs::write(&manifest, &flow).unwrap();
    let out = run(&p, &["check", "-q"]);
    assert_eq!(
        code(&out),
        0,
        "the flow manifest is valid: {}",
        stdout(&out)
    );
    let before = tree(&p);
    let out = run(&p, &["add", "tester"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("conflict agentpack.yaml"),
        "{}",
        stdout(&out)
    );
    assert_eq!(tree(&p), before, "nothing written");
    let out = run(&p, &["add", "tester", "--force"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(p.join(".claude/agents/tester.md").exists());
}

/// Finding 5: a CRLF settings file is left alone by every re-run.
#[test]
fn f05_crlf_settings_is_unchanged_by_reruns() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let settings = p.join(".claude/settings.json");
    let crlf = fs::read_to_string(&settings).unwrap().replace('\n', "\r\n");
    fs::write(&settings, &crlf).unwrap();
    for _ in 0..2 {
        let out = run(&p, &["init"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(!stdout(&out).contains("update .claude/settings.json"));
        assert_eq!(fs::read_to_string(&settings).unwrap(), crlf);
    }
}

/// Finding 6: a duplicate key in settings.json is refused, the file left as it is.
#[test]
fn f06_duplicate_settings_key_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("p/.claude")).unwrap();
    let settings = tmp.path().join("p/.claude/settings.json");
    let text = "{\"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"guard.sh\"}]}]},\n \"model\": \"opus\",\n \"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify.sh\"}]}]}}\n";
    fs::write(&settings, text).unwrap();
    let out = run(tmp.path(), &["init", "p", "-q"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("duplicate key `hooks`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&settings).unwrap(), text);
}

/// Finding 7: a user's own feedback.agentpack.md is not overwritten.
#[test]
fn f07_users_feedback_agentpack_md_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(p.join("artifacts/research-output.md"), "# x\nTODO\n").unwrap();
    fs::write(p.join("artifacts/feedback.md"), "# my notes\n").unwrap();
    fs::write(
        p.join("artifacts/feedback.agentpack.md"),
        "# my other notes\n",
    )
    .unwrap();
    let out = run(&p, &["review"]);
    assert_eq!(
        fs::read_to_string(p.join("artifacts/feedback.agentpack.md")).unwrap(),
        "# my other notes\n"
    );
    assert_eq!(
        fs::read_to_string(p.join("artifacts/feedback.md")).unwrap(),
        "# my notes\n"
    );
    assert!(
        stdout(&out).contains("so no feedback file was written"),
        "{}",
        stdout(&out)
    );
}

/// Finding 8: review and the hook never write through a link to outside the project.
#[cfg(unix)]
#[test]
fn f08_review_never_writes_through_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let victim = outside.join("victim.txt");
    fs::write(&victim, "my precious file\n").unwrap();
    let p = project(tmp.path());
    fs::write(p.join("artifacts/research-output.md"), "# draft\n\nTODO\n").unwrap();

    // The history file a link to a file outside.
    fs::create_dir_all(p.join(".agentpack/logs")).unwrap();
    symlink(&victim, p.join(".agentpack/logs/reviews.jsonl")).unwrap();
    let out = run(&p, &["review"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("research-output.md"),
        "scores shown first"
    );
    let out = hook(&p, "researcher");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "my precious file\n");

    // The logs folder a link to outside.
    fs::remove_dir_all(p.join(".agentpack/logs")).unwrap();
    symlink(&outside, p.join(".agentpack/logs")).unwrap();
    assert_eq!(code(&run(&p, &["review", "-q"])), 2);
    assert!(!outside.join("reviews.jsonl").exists());
    fs::remove_file(p.join(".agentpack/logs")).unwrap();

    // The artifacts folder a link to outside: the feedback file would land there.
    fs::write(
        p.join("agentpack.yaml"),
        "version: 1\nname: x\nagents: { writer: {} }\nworkflow:\n  - { id: w, agent: writer, output: docs/w.md }\n",
    )
    .unwrap();
    fs::create_dir_all(p.join("docs")).unwrap();
    fs::write(p.join("docs/w.md"), "# W\n\nTODO\n").unwrap();
    fs::remove_dir_all(p.join("artifacts")).unwrap();
    symlink(&outside, p.join("artifacts")).unwrap();
    let out = run(&p, &["review", "docs/w.md"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    assert!(!outside.join("feedback.md").exists());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "my precious file\n");
}

/// Finding 9: an output or a template override linked to a file outside is an error; the
/// file is never quoted.
#[cfg(unix)]
#[test]
fn f09_links_to_outside_are_errors_not_read() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("secret.md");
    fs::write(&secret, "# Secret\n\napi_key = {sk-live-12345abc}\n").unwrap();
    let p = project(tmp.path());
    symlink(&secret, p.join("artifacts/research-output.md")).unwrap();
    let out = run(&p, &["review"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    let out = hook(&p, "researcher");
    assert!(!stdout(&out).contains("sk-live"), "{}", stdout(&out));
    assert!(
        !fs::read_to_string(p.join("artifacts/feedback.md"))
            .unwrap_or_default()
            .contains("sk-live")
    );
    fs::remove_file(p.join("artifacts/research-output.md")).unwrap();

    // Another artifact linked outside: an error, not a silent "nothing to review".
    symlink(&secret, p.join("artifacts/notes.md")).unwrap();
    let out = run(&p, &["review"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("outside the project"),
        "{}",
        stdout(&out)
    );
    assert!(
        !fs::read_to_string(p.join("artifacts/feedback.md"))
            .unwrap()
            .contains("sk-live")
    );
    fs::remove_file(p.join("artifacts/notes.md")).unwrap();

    fs::create_dir_all(p.join(".agentpack/templates/project")).unwrap();
    symlink(&secret, p.join(".agentpack/templates/project/AGENTS.md.j2")).unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
    assert!(
        !fs::read_to_string(p.join("AGENTS.md"))
            .unwrap()
            .contains("sk-live")
    );
}

/// Finding 10: strings over 65,535 characters in table cells (status, plan, review).
#[test]
fn f10_huge_cells_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    for name in [
        "manifest-panic-long-task-id.yaml",
        "manifest-panic-ff34248ef5d8.yaml",
    ] {
        fs::copy(crasher(name), p.join("agentpack.yaml")).unwrap();
        for cmd in ["status", "plan", "check"] {
            no_panic(&run(&p, &[cmd]));
        }
    }
    let long = format!("{}.md", "a".repeat(70_000));
    no_panic(&run(tmp.path(), &["review", &long, "--no-feedback"]));
}

/// `init --dry-run` with `template` as the AGENTS.md override, stopped after 60 seconds
/// (a hang fails the test instead of holding the suite).
fn init_with_override(template: &Path) -> (Output, Duration) {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::create_dir_all(p.join(".agentpack/templates/project")).unwrap();
    fs::copy(
        template,
        p.join(".agentpack/templates/project/AGENTS.md.j2"),
    )
    .unwrap();
    let start = Instant::now();
    let mut child = agentpack(&p)
        .args(["init", "--dry-run"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{} still runs after 60 s", template.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().unwrap(), start.elapsed())
}

/// Finding 11: long expression chains in a template override are refused, not a stack
/// overflow (exit 134).
#[test]
fn f11_template_expression_chains_are_refused() {
    for name in [
        "template-stackoverflow-unary-minus.j2",
        "template-stackoverflow-plus-chain.j2",
        "template-rc-6-e197e0daf835.j2",
    ] {
        let (out, _) = init_with_override(&crasher(name));
        assert_eq!(code(&out), 2, "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("a tag of"),
            "{name}: {}",
            stderr(&out)
        );
    }
}

/// Finding 12: repeated headings used to hang the anchors rule (quadratic). A hang guard, not a
/// speed test: the bound is far above the linear run time even on a loaded debug build; speed is
/// measured by `cargo bench --bench review`.
#[test]
fn f12_repeated_headings_review_does_not_hang() {
    let tmp = tempfile::tempdir().unwrap();
    let art = tmp.path().join("a.md");
    fs::copy(crasher("artifact-hang-repeated-headings.md"), &art).unwrap();
    let start = Instant::now();
    no_panic(&run(tmp.path(), &["review", "a.md", "--no-feedback"]));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

/// Finding 13: template rendering has fuel and an output cap.
#[test]
fn f13_template_work_and_output_are_bounded() {
    let (out, took) = init_with_override(&crasher("template-hang-nested-loops.j2"));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("ran out of fuel"), "{}", stderr(&out));
    assert!(took < Duration::from_secs(30), "{took:?}");
    let (out, _) = init_with_override(&crasher("template-oom-string-repeat.j2"));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("renders more than"),
        "{}",
        stderr(&out)
    );
}

/// Finding 14: an `add` stopped after writing the manifest (the report's "nothing to add")
/// is finished by the next one, and leaves no file that later runs call "edited". The
/// crash test in `crash.rs` stops it at every other write point.
#[test]
fn f14_interrupted_add_recovers_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "seed", "-q", "--examples"]);
    assert_eq!(code(&out), 0);
    for n in 1.. {
        let p = tmp.path().join(format!("p{n}"));
        crate::crash::copy_tree(&tmp.path().join("seed"), &p);
        let out = agentpack(&p)
            .args(["add", "editor", "reviewer", "-q"])
            .env("AGENTPACK_TEST_CRASH_AT", n.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.code().is_none(),
            "the run ended before the manifest was written"
        );
        let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
        if !manifest.contains("editor:") {
            continue;
        }
        let out = run(&p, &["add", "editor", "reviewer"]);
        assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
        assert!(!stdout(&out).contains("nothing to add"), "{}", stdout(&out));
        assert!(p.join(".claude/agents/reviewer.md").exists());
        let out = run(&p, &["init", "--threshold", "70"]);
        assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
        break;
    }
}

/// Finding 15: a control character in an output path is refused before anything is written.
#[test]
fn f15_control_character_output_is_refused_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    edit(
        &p.join("agentpack.yaml"),
        "output: artifacts/research-output.md",
        "output: \"artifacts/\\u0000x.md\"",
    );
    let out = run(&p, &["check"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("control character"),
        "{}",
        stdout(&out)
    );
    let before = tree(&p);
    for args in [&["init", "--examples"][..], &["init"][..]] {
        let out = run(&p, args);
        assert_eq!(code(&out), 2, "{}", stdout(&out));
        assert_eq!(tree(&p), before);
    }
}

/// Finding 16: a task without `rubric:` renders with the rubric review applies.
#[test]
fn f16_task_without_rubric_renders() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    edit(
        &p.join("agentpack.yaml"),
        "    rubric: research-report\n",
        "",
    );
    assert_eq!(code(&run(&p, &["check", "-q"])), 0);
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let orchestrator = fs::read_to_string(p.join(".claude/agents/orchestrator.md")).unwrap();
    assert!(orchestrator.contains("| `generic` |"), "{orchestrator}");
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(
        !manifest.contains("rubric: research-report"),
        "not written back"
    );
}

/// Finding 17: `init --pack other` with a kept (edited) manifest writes nothing else.
#[test]
fn f17_other_pack_with_kept_manifest_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    edit(
        &p.join("agentpack.yaml"),
        "threshold: 80 ",
        "threshold: 70 ",
    );
    let before = tree(&p);
    let out = run(&p, &["init", "--pack", "software"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("conflict agentpack.yaml"),
        "{}",
        stdout(&out)
    );
    assert_eq!(tree(&p), before);
    assert_eq!(code(&run(&p, &["check", "-q"])), 0);
}

/// Finding 18: a 9 MB artifact is reviewed in bounded memory.
#[cfg(unix)]
#[test]
fn f18_large_artifact_memory_is_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("a.md"), "[".repeat(9 * 1024 * 1024)).unwrap();
    let out = std::process::Command::new("sh")
        .current_dir(tmp.path())
        .args([
            "-c",
            "ulimit -v 400000; exec \"$0\" review a.md --no-feedback",
        ])
        .arg(env!("CARGO_BIN_EXE_agentpack"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

/// Finding 19: temporary files a killed run left are removed by the next one, and do not
/// keep a folder from its `.gitkeep`.
#[test]
fn f19_stale_temp_files_are_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::remove_file(p.join("artifacts/.gitkeep")).unwrap();
    let stale = [
        p.join("artifacts/.agentpack-x1.tmp"),
        p.join(".claude/agents/.agentpack-x2.tmp"),
    ];
    for t in &stale {
        let file = fs::File::create(t).unwrap();
        file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let fresh = p.join(".agentpack-x3.tmp");
    fs::write(&fresh, "").unwrap();
    let out = run(&p, &["init", "--threshold", "70"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(p.join("artifacts/.gitkeep").exists());
    for t in &stale {
        assert!(!t.exists(), "{}", t.display());
    }
    assert!(fresh.exists(), "a fresh one may be another run's");
}

/// Finding 19: revision numbers never wrap to `.v0.md`.
#[test]
fn f19_revision_number_does_not_wrap() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(p.join("artifacts/research-output.md"), "# A\n\nTODO\n").unwrap();
    fs::write(
        p.join("artifacts/research-output.v4294967295.md"),
        "# A\n\nTODO\n",
    )
    .unwrap();
    let out = hook(&p, "researcher");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stdout(&out).contains(".v0.md"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("research-output.v2.md"),
        "{}",
        stdout(&out)
    );
}

/// Finding 19: error texts carry no Rust debug text.
#[test]
fn f19_yaml_limits_read_as_sentences() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let deep = format!(
        "version: 1\nname: x\nagents: {{}}\nworkflow: []\nvars:\n  a: {}{}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    fs::write(p.join("agentpack.yaml"), deep).unwrap();
    let out = run(&p, &["status"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("nested too deeply"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("Depth {"), "{}", stderr(&out));
}

/// Finding 19: text output never copies terminal control sequences from an artifact.
#[test]
fn f19_review_text_drops_terminal_controls() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "# Title\n\nSee {\u{1b}]0;pwned\u{7}} here. TODO\n";
    fs::write(tmp.path().join("a.md"), text).unwrap();
    let odd = "b\u{1b}]0;x\u{7}.md";
    fs::write(tmp.path().join(odd), text).unwrap();
    let out = run(tmp.path(), &["review", "a.md", odd, "--no-feedback", "-v"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("b]0;x.md"), "{}", stdout(&out));
    assert!(!stdout(&out).contains('\u{1b}'), "{:?}", stdout(&out));
    assert!(!stdout(&out).contains('\u{7}'), "{:?}", stdout(&out));
}

/// Finding 19: a review that cannot record (a read-only checkout) prints its scores first.
#[test]
fn f19_unrecordable_review_prints_scores_first() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(p.join("artifacts/research-output.md"), "# A\n\nTODO\n").unwrap();
    // The logs folder a file: the history cannot be opened, whoever runs the test (root
    // included).
    fs::write(p.join(".agentpack/logs"), "").unwrap();
    let out = run(&p, &["review"]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("research-output.md"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("not recorded"), "{}", stderr(&out));
    assert_eq!(code(&run(&p, &["review", "--no-feedback", "-q"])), 1);
}

/// Finding 9, rubrics: a project rubric linked to outside the project is refused, not read.
#[cfg(unix)]
#[test]
fn f09_rubric_override_linked_outside_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.yaml");
    fs::write(
        &outside,
        "name: generic\nchecks:\n  - { id: words, rule: min-count, dimension: completeness, count: words, min: 1 }\n",
    )
    .unwrap();
    let p = project(tmp.path());
    fs::create_dir_all(p.join(".agentpack/rubrics")).unwrap();
    std::os::unix::fs::symlink(&outside, p.join(".agentpack/rubrics/generic.yaml")).unwrap();
    fs::write(
        p.join("artifacts/notes.md"),
        "# Notes\n\nSome words here.\n",
    )
    .unwrap();
    let out = run(&p, &["review", "artifacts/notes.md", "--no-feedback"]);
    assert_eq!(code(&out), 2, "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
}
