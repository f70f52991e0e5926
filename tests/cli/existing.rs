//! `init` in projects that already exist: a project of agentpack 0.1's layout moved under
//! `.agentpack/`, a repository with its own agents, CLAUDE.md, AGENTS.md and hooks.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{code, run, stderr, stdout, tree};

/// A project as agentpack 0.1 left it, made from a fresh one: the lockfile at the root, the
/// history in `logs/`, overrides in `config/rubrics/` and `templates/`, and a `.gitkeep` in
/// each of `config/ logs/ src/ tests/`, all recorded in the lock. The project's own
/// `templates/email.html` is not agentpack's.
pub fn legacy_project(dir: &Path) -> PathBuf {
    let out = run(dir, &["init", "p", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let p = dir.join("p");
    // The writer rendered from an override, as 0.1 did from templates/.
    let override_dir = p.join(".agentpack/templates/agents");
    fs::create_dir_all(&override_dir).unwrap();
    let writer = crate::common::repo().join("templates/agents/writer.md.j2");
    let text = fs::read_to_string(writer).unwrap() + "\nHouse style: plain English.\n";
    fs::write(override_dir.join("writer.md.j2"), &text).unwrap();
    assert_eq!(code(&run(&p, &["init", "-q"])), 0);
    let mut lock: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.join(".agentpack/agentpack.lock")).unwrap())
            .unwrap();
    let files = lock["files"].as_object_mut().unwrap();
    files.remove(".agentpack/.gitignore");
    let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    for folder in ["config", "logs", "src", "tests"] {
        fs::create_dir_all(p.join(folder)).unwrap();
        fs::write(p.join(folder).join(".gitkeep"), "").unwrap();
        files.insert(
            format!("{folder}/.gitkeep"),
            serde_json::json!({ "template": "", "sha256": empty }),
        );
    }
    fs::write(
        p.join("agentpack.lock"),
        serde_json::to_string_pretty(&lock).unwrap() + "\n",
    )
    .unwrap();
    fs::remove_dir_all(p.join(".agentpack")).unwrap();
    fs::write(
        p.join("logs/reviews.jsonl"),
        r#"{"time":"2026-01-01T00:00:00Z","path":"artifacts/research-output.md","key":"artifacts/research-output.md","rubric":"research-report","score":40,"status":"NEEDS_REFINEMENT","iteration":1}"#.to_string() + "\n",
    )
    .unwrap();
    fs::create_dir_all(p.join("config/rubrics")).unwrap();
    let rubric = crate::common::repo().join("templates/rubrics/generic.yaml");
    fs::copy(rubric, p.join("config/rubrics/house.yaml")).unwrap();
    fs::create_dir_all(p.join("templates/agents")).unwrap();
    fs::write(p.join("templates/agents/writer.md.j2"), text).unwrap();
    fs::write(p.join("templates/email.html"), "<p>ours</p>\n").unwrap();
    p
}

#[test]
fn old_layout_is_read_until_init_moves_it_under_agentpack() {
    let tmp = tempfile::tempdir().unwrap();
    let p = legacy_project(tmp.path());

    // Before the move: read where it is, with a note saying how to move it.
    let out = run(&p, &["status"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("run `agentpack init` to move it under .agentpack/"));
    let out = run(&p, &["check"]);
    assert!(stderr(&out).contains("0.1 places"), "{}", stderr(&out));

    // A dry run shows the moves and writes nothing.
    let before = tree(&p);
    let out = run(&p, &["init", "--dry-run"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    for line in [
        "move logs/reviews.jsonl -> .agentpack/logs/reviews.jsonl",
        "move config/rubrics/house.yaml -> .agentpack/rubrics/house.yaml",
        "move templates/agents/writer.md.j2 -> .agentpack/templates/agents/writer.md.j2",
        "remove agentpack.lock",
        "remove src/.gitkeep",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert_eq!(tree(&p), before);

    // The override was used before the move, so the move changes no generated file.
    let writer_before = fs::read_to_string(p.join(".claude/agents/writer.md")).unwrap();
    let history = fs::read_to_string(p.join("logs/reviews.jsonl")).unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(!stdout(&out).contains("update .claude"), "{}", stdout(&out));
    assert_eq!(
        fs::read_to_string(p.join(".claude/agents/writer.md")).unwrap(),
        writer_before
    );
    assert_eq!(
        fs::read_to_string(p.join(".agentpack/logs/reviews.jsonl")).unwrap(),
        history
    );
    assert!(p.join(".agentpack/rubrics/house.yaml").is_file());
    assert!(p.join(".agentpack/templates/agents/writer.md.j2").is_file());
    assert!(p.join(".agentpack/agentpack.lock").is_file());
    assert!(p.join(".agentpack/.gitignore").is_file());
    for gone in [
        "agentpack.lock",
        "logs",
        "config",
        "src",
        "tests",
        "templates/agents",
    ] {
        assert!(!p.join(gone).exists(), "{gone} is still there");
    }
    assert_eq!(
        fs::read_to_string(p.join("templates/email.html")).unwrap(),
        "<p>ours</p>\n",
        "the project's own templates/ stays"
    );
    let out = run(&p, &["status"]);
    assert!(!stderr(&out).contains("0.1"), "{}", stderr(&out));
    // Moved once and for all: the next run changes nothing.
    let after = tree(&p);
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(tree(&p), after);
}

#[test]
fn old_layout_with_a_user_folder_keeps_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let p = legacy_project(tmp.path());
    fs::write(p.join("src/main.py"), "print(1)\n").unwrap();
    fs::write(p.join("tests/.gitkeep"), "mine\n").unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        p.join("src/main.py").is_file(),
        "a folder with the user's files stays"
    );
    assert!(!p.join("src/.gitkeep").exists());
    assert!(
        stdout(&out).contains("kept tests/.gitkeep"),
        "an edited .gitkeep is the user's: {}",
        stdout(&out)
    );
}
