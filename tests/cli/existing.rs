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

#[test]
fn no_hooks_removes_only_agentpacks_hook_and_check_flags_a_mismatch() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    let user = "{\n  \"model\": \"opus\",\n  \"hooks\": {\n    \"PreToolUse\": [\n      {\n        \"matcher\": \"Bash\",\n        \"hooks\": [\n          {\n            \"type\": \"command\",\n            \"command\": \"./lint.sh\"\n          }\n        ]\n      }\n    ]\n  }\n}\n";
    fs::write(p.join(".claude/settings.json"), user).unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let with_hook = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    assert!(with_hook.contains("agentpack hook subagent-stop"));
    let out = run(&p, &["check"]);
    assert!(!stdout(&out).contains("PJ007"), "{}", stdout(&out));

    // The manifest says no hooks while the settings still run it: check says so.
    let manifest = p.join("agentpack.yaml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replace("hooks: true", "hooks: false")).unwrap();
    let out = run(&p, &["check"]);
    assert!(
        stdout(&out)
            .contains("PJ007 warning: `hooks: false`, but .claude/settings.json still runs"),
        "{}",
        stdout(&out)
    );
    fs::write(&manifest, &text).unwrap();

    // --no-hooks takes out our entry and nothing else: the user's file comes back as it was.
    let out = run(&p, &["init", "--no-hooks"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        fs::read_to_string(p.join(".claude/settings.json")).unwrap(),
        user
    );
    assert!(
        fs::read_to_string(&manifest)
            .unwrap()
            .contains("hooks: false")
    );
    let out = run(&p, &["check"]);
    assert!(!stdout(&out).contains("PJ007"), "{}", stdout(&out));
    // A hook put back by hand while the manifest says no: flagged, and the next init removes it.
    fs::write(p.join(".claude/settings.json"), &with_hook).unwrap();
    assert!(stdout(&run(&p, &["check"])).contains("PJ007"));
    assert_eq!(code(&run(&p, &["init"])), 0);
    assert_eq!(
        fs::read_to_string(p.join(".claude/settings.json")).unwrap(),
        user
    );
}

/// A service repository with its own researcher, CLAUDE.md, AGENTS.md and hooks.
pub fn service_repo(dir: &Path) -> PathBuf {
    let p = dir.join("svc");
    fs::create_dir_all(p.join(".claude/agents")).unwrap();
    let files = [
        (
            ".claude/agents/researcher.md",
            "---\nname: researcher\ndescription: Answers questions about this codebase. Use for code questions.\ntools: Read, Grep\n---\nYou answer questions about this codebase, read-only.\n",
        ),
        (
            "CLAUDE.md",
            "# Service\n\nRun `make test` before pushing.\n",
        ),
        (
            "AGENTS.md",
            "# Notes for coding agents\n\nUse pnpm, never npm.\n",
        ),
        (
            ".claude/settings.json",
            "{\n  \"hooks\": {\n    \"PreToolUse\": [\n      {\n        \"matcher\": \"Bash\",\n        \"hooks\": [\n          {\n            \"type\": \"command\",\n            \"command\": \"./guard.sh\"\n          }\n        ]\n      }\n    ]\n  }\n}\n",
        ),
    ];
    for (rel, text) in files {
        fs::write(p.join(rel), text).unwrap();
    }
    p
}

#[test]
fn clashing_agent_writes_nothing_until_told_then_prefix_keeps_every_user_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = service_repo(tmp.path());
    let before = tree(&p);
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            ".claude/agents/researcher.md (agent `researcher`): agentpack did not write this file"
        ),
        "{text}"
    );
    for way in ["--prefix ap-", "--skip researcher", "--force"] {
        assert!(text.contains(way), "{way}: {text}");
    }
    assert_eq!(tree(&p), before, "nothing written");

    // Another file defining the same name clashes too: Claude Code keys agents by name.
    fs::rename(
        p.join(".claude/agents/researcher.md"),
        p.join(".claude/agents/code-questions.md"),
    )
    .unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(".claude/agents/code-questions.md (agent `researcher`): it already defines `name: researcher`"),
        "{}",
        stdout(&out)
    );
    fs::rename(
        p.join(".claude/agents/code-questions.md"),
        p.join(".claude/agents/researcher.md"),
    )
    .unwrap();
    assert_eq!(tree(&p), before);

    let out = run(&p, &["init", "--prefix", "ap-"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    // Every user file intact, ours only inside our blocks.
    for (rel, text) in &before {
        let now = fs::read_to_string(p.join(rel)).unwrap();
        match rel.as_str() {
            "CLAUDE.md" | "AGENTS.md" => {
                assert!(now.starts_with(text.as_str()), "{rel}: {now}");
                let rest = &now[text.len()..];
                assert!(
                    rest.starts_with("\n<!-- agentpack:begin -->\n"),
                    "{rel}: {rest}"
                );
                assert!(rest.ends_with("<!-- agentpack:end -->\n"), "{rel}: {rest}");
            }
            ".claude/settings.json" => {
                assert!(now.contains("./guard.sh"), "{now}");
                assert!(
                    now.contains("\"matcher\": \"ap-researcher|ap-writer|ap-orchestrator\""),
                    "{now}"
                );
            }
            _ => assert_eq!(&now, text, "{rel} changed"),
        }
    }
    let claude = fs::read_to_string(p.join("CLAUDE.md")).unwrap();
    assert!(claude.contains("\n@AGENTS.md\n"), "{claude}");
    assert!(
        claude.contains("claude --agent ap-orchestrator"),
        "{claude}"
    );
    let agents_md = fs::read_to_string(p.join("AGENTS.md")).unwrap();
    assert!(agents_md.contains("| `ap-researcher` |") && !agents_md.contains("| `researcher` |"));
    let ours = fs::read_to_string(p.join(".claude/agents/ap-researcher.md")).unwrap();
    assert!(ours.contains("name: ap-researcher\n"), "{ours}");
    let orchestrator = fs::read_to_string(p.join(".claude/agents/ap-orchestrator.md")).unwrap();
    assert!(orchestrator.contains("**ap-researcher**") && !orchestrator.contains("**researcher**"));
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(
        manifest.contains("ap-researcher: { catalog: researcher"),
        "{manifest}"
    );
    assert!(p.join(".claude/commands/agentpack-review.md").is_file());
    assert!(!p.join(".claude/commands/review.md").exists());

    // check is content: the user's agent is theirs, our block names every agent and output.
    let out = run(&p, &["check"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(!stdout(&out).contains("AM00"), "{}", stdout(&out));
    // A re-run changes nothing, and only our blocks are ever rewritten.
    let after = tree(&p);
    assert_eq!(code(&run(&p, &["init"])), 0);
    assert_eq!(tree(&p), after);
    let claude_md = p.join("CLAUDE.md");
    fs::write(&claude_md, format!("{claude}\nMore of ours.\n")).unwrap();
    let manifest_path = p.join("agentpack.yaml");
    fs::write(
        &manifest_path,
        manifest.replace("threshold: 80", "threshold: 85"),
    )
    .unwrap();
    assert_eq!(code(&run(&p, &["init"])), 0);
    assert!(
        fs::read_to_string(&claude_md)
            .unwrap()
            .ends_with("\nMore of ours.\n")
    );
    assert!(
        fs::read_to_string(p.join("AGENTS.md"))
            .unwrap()
            .contains("**85/100**")
    );
}

#[test]
fn skip_leaves_the_pack_agent_out_of_files_workflow_and_hook() {
    let tmp = tempfile::tempdir().unwrap();
    let p = service_repo(tmp.path());
    let mine = fs::read_to_string(p.join(".claude/agents/researcher.md")).unwrap();
    let out = run(&p, &["init", "--skip", "researcher"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        fs::read_to_string(p.join(".claude/agents/researcher.md")).unwrap(),
        mine
    );
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(!manifest.contains("researcher"), "{manifest}");
    assert!(!manifest.contains("needs: [research]"), "{manifest}");
    let settings = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    assert!(
        settings.contains("\"matcher\": \"writer|orchestrator\""),
        "{settings}"
    );
    let orchestrator = fs::read_to_string(p.join(".claude/agents/orchestrator.md")).unwrap();
    assert!(!orchestrator.contains("**researcher**"), "{orchestrator}");
    let out = run(&p, &["check"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let out = run(&p, &["init", "--skip", "wizard", "--pack", "content"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--skip wizard: the pack has no agent `wizard`"));
}

#[test]
fn descriptions_invite_delegation_only_with_proactive() {
    let tmp = tempfile::tempdir().unwrap();
    for pack in ["software", "research-writing"] {
        let out = run(tmp.path(), &["init", pack, "--pack", pack]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        for entry in fs::read_dir(tmp.path().join(pack).join(".claude/agents")).unwrap() {
            let text = fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!text.to_lowercase().contains("proactive"), "{text}");
        }
    }
    let out = run(tmp.path(), &["init", "eager", "--proactive"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let eager = tmp.path().join("eager");
    let writer = fs::read_to_string(eager.join(".claude/agents/writer.md")).unwrap();
    assert!(writer.contains("Use PROACTIVELY"), "{writer}");
    // Kept in the manifest: a later init renders the same.
    let before = tree(&eager);
    assert_eq!(code(&run(&eager, &["init"])), 0);
    assert_eq!(tree(&eager), before);
    let agents_md = fs::read_to_string(eager.join("AGENTS.md")).unwrap();
    assert!(
        agents_md.contains("`claude --agent orchestrator`"),
        "{agents_md}"
    );
}

#[test]
fn add_to_a_prefixed_pack_keeps_the_prefix_and_the_order() {
    let tmp = tempfile::tempdir().unwrap();
    let p = service_repo(tmp.path());
    assert_eq!(code(&run(&p, &["init", "--prefix", "ap-"])), 0);
    let out = run(&p, &["add", "editor"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(p.join(".claude/agents/ap-editor.md").is_file());
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(
        manifest.contains("ap-editor: { catalog: editor"),
        "{manifest}"
    );
    // The editor's task runs before the orchestrator's synthesis, which now needs it.
    let editor_at = manifest.find("agent: ap-editor").unwrap();
    let synth_at = manifest.find("agent: ap-orchestrator").unwrap();
    assert!(editor_at < synth_at, "{manifest}");
    let settings = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    assert!(settings.contains("ap-editor"), "{settings}");
    assert_eq!(code(&run(&p, &["check"])), 0);
}

#[test]
fn claude_md_that_imports_agents_md_already_gets_no_second_import() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(&p).unwrap();
    fs::write(p.join("CLAUDE.md"), "# Team\n\n@AGENTS.md\n").unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let claude = fs::read_to_string(p.join("CLAUDE.md")).unwrap();
    assert_eq!(claude.matches("@AGENTS.md").count(), 1, "{claude}");
    assert!(
        claude.starts_with("# Team\n\n@AGENTS.md\n\n<!-- agentpack:begin -->\n"),
        "{claude}"
    );
    // A lone marker is an error with its line; nothing is written.
    fs::write(p.join("CLAUDE.md"), "# Team\n<!-- agentpack:begin -->\nx\n").unwrap();
    let before = tree(&p);
    let out = run(&p, &["init", "--threshold", "70"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("CLAUDE.md:2:1: `<!-- agentpack:begin -->` has no `<!-- agentpack:end -->`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&p), before);
}

#[test]
fn check_reads_only_agentpacks_block_of_a_shared_agents_md() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(&p).unwrap();
    // The user's AGENTS.md has its own roster, for another tool.
    fs::write(
        p.join("AGENTS.md"),
        "# Codex\n\n| Agent | Role |\n|---|---|\n| `linter` | runs eslint |\n",
    )
    .unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let out = run(&p, &["check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(!stdout(&out).contains("AM00"), "{}", stdout(&out));
    // Our block is still checked, at the file's own line numbers.
    let agents_md = fs::read_to_string(p.join("AGENTS.md")).unwrap();
    fs::write(
        p.join("AGENTS.md"),
        agents_md.replace("| `writer` |", "| `ghost` |"),
    )
    .unwrap();
    let out = run(&p, &["check"]);
    let line = agents_md
        .lines()
        .position(|l| l.starts_with("| `writer` |"))
        .unwrap()
        + 1;
    assert!(
        stdout(&out).contains(&format!("AGENTS.md:{line}:4: AM004")),
        "{}",
        stdout(&out)
    );
}
