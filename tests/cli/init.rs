//! `init`, `add`, `list` and `templates eject` as a user runs them.

use std::fs;
use std::path::Path;

use crate::common::{code, redact, repo, run, stderr, stdout, tree};

fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["init", "p"];
    all.extend_from_slice(args);
    run(dir, &all)
}

#[test]
fn init_creates_a_complete_pack_and_a_rerun_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let p = tmp.path().join("p");
    for f in [
        ".claude/agents/orchestrator.md",
        ".claude/agents/researcher.md",
        ".claude/agents/writer.md",
        ".claude/commands/agentpack-review.md",
        "CLAUDE.md",
        ".claude/settings.json",
        "AGENTS.md",
        "agentpack.yaml",
        ".agentpack/agentpack.lock",
        ".agentpack/.gitignore",
        "artifacts/.gitkeep",
    ] {
        assert!(p.join(f).is_file(), "{f} missing");
    }
    let ignore = fs::read_to_string(p.join(".agentpack/.gitignore")).unwrap();
    assert!(
        ignore.lines().any(|l| l == "/logs/") && ignore.lines().any(|l| l == "/cache/"),
        "{ignore}"
    );
    // Only the folders the pack uses: no root-level state or code folders.
    for folder in ["logs", "config", "src", "tests", "templates"] {
        assert!(!p.join(folder).exists(), "{folder}/ created");
    }
    let before = tree(&p);
    let out = init(tmp.path(), &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 files created, 0 updated, 9 unchanged, 0 kept"),
        "{}",
        stdout(&out)
    );
    assert_eq!(tree(&p), before, "a second init must not change any file");
}

#[test]
fn edited_file_is_kept_with_a_diff_and_exit_1_until_force() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let writer = tmp.path().join("p/.claude/agents/writer.md");
    let edited = fs::read_to_string(&writer)
        .unwrap()
        .replace("model: sonnet", "model: haiku");
    fs::write(&writer, &edited).unwrap();

    let out = init(tmp.path(), &[]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains("  conflict .claude/agents/writer.md"),
        "{text}"
    );
    assert!(
        text.contains("-model: haiku") && text.contains("+model: sonnet"),
        "{text}"
    );
    assert!(text.contains("--force"), "{text}");
    assert_eq!(
        fs::read_to_string(&writer).unwrap(),
        edited,
        "the edit survives"
    );

    // Still an edit on the next run, not silently adopted.
    assert_eq!(code(&init(tmp.path(), &[])), 1);

    let out = init(tmp.path(), &["--force"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains(" overwrite .claude/agents/writer.md"));
    assert!(
        fs::read_to_string(&writer)
            .unwrap()
            .contains("model: sonnet")
    );
}

#[test]
fn pristine_file_is_updated_when_the_manifest_changes() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let manifest = tmp.path().join("p/agentpack.yaml");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("threshold: 80", "threshold: 85");
    fs::write(&manifest, text).unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("    update AGENTS.md"),
        "{}",
        stdout(&out)
    );
    let agents_md = fs::read_to_string(tmp.path().join("p/AGENTS.md")).unwrap();
    assert!(agents_md.contains("**85/100**"));
    // The manifest is the input here: it is read, never rewritten.
    assert!(
        fs::read_to_string(&manifest)
            .unwrap()
            .contains("threshold: 85")
    );
}

#[test]
fn dry_run_writes_nothing_not_even_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--dry-run", "--pack", "software"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("    create .claude/agents/architect.md"));
    assert!(stdout(&out).contains("dry run"));
    assert!(!tmp.path().join("p").exists());

    // On an existing project a dry run shows the diff of an edit but keeps the file.
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let writer = tmp.path().join("p/.claude/agents/writer.md");
    fs::write(&writer, "mine\n").unwrap();
    let before = tree(&tmp.path().join("p"));
    let out = init(tmp.path(), &["--dry-run", "--force"]);
    assert!(stdout(&out).contains("-mine"), "{}", stdout(&out));
    assert_eq!(tree(&tmp.path().join("p")), before);
}

#[test]
fn every_pack_scaffolds_with_its_agents() {
    let expected = [
        (
            "research-writing",
            &["orchestrator", "researcher", "writer"][..],
        ),
        (
            "software",
            &[
                "orchestrator",
                "architect",
                "implementer",
                "tester",
                "reviewer",
                "documenter",
                "debugger",
            ],
        ),
        (
            "content",
            &["orchestrator", "researcher", "writer", "editor"],
        ),
        (
            "sdlc",
            &[
                "orchestrator",
                "developer",
                "devops-engineer",
                "qa-engineer",
            ],
        ),
        (
            "data-analysis",
            &[
                "orchestrator",
                "data-collector",
                "data-analyzer",
                "report-generator",
            ],
        ),
    ];
    for (pack, agents) in expected {
        let tmp = tempfile::tempdir().unwrap();
        let out = init(tmp.path(), &["--pack", pack]);
        assert_eq!(code(&out), 0, "{pack}: {}", stderr(&out));
        let mut found: Vec<String> = fs::read_dir(tmp.path().join("p/.claude/agents"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".md")
                    .to_string()
            })
            .collect();
        found.sort();
        let mut want: Vec<String> = agents.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(found, want, "{pack}");
    }
}

#[test]
fn list_packs_prints_one_pack_per_line_name_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["list", "packs"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    let names: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "content",
            "data-analysis",
            "research-writing",
            "sdlc",
            "software"
        ],
        "{text}"
    );
    assert!(text.contains("research-writing") && text.contains("(default)"));
    let agents = stdout(&run(tmp.path(), &["list", "agents"]));
    for a in [
        "orchestrator",
        "debugger",
        "report-generator",
        "devops-engineer",
    ] {
        assert!(
            agents.lines().any(|l| l.starts_with(a)),
            "{a} missing from list agents"
        );
    }
}

#[test]
fn unknown_pack_or_agent_lists_the_valid_ones_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(tmp.path(), &["--pack", "nope"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown pack `nope`; valid packs: content, data-analysis, research-writing, sdlc, software"), "{}", stderr(&out));
    let out = init(tmp.path(), &["--agents", "researcher,wizard"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown agent `wizard`; the catalog has: orchestrator, researcher"),
        "{}",
        stderr(&out)
    );
    assert!(
        !tmp.path().join("p").exists(),
        "nothing written on a usage error"
    );
}

#[test]
fn custom_agents_and_flags_reach_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = init(
        tmp.path(),
        &[
            "--agents",
            "researcher,editor",
            "--name",
            "docs-team",
            "--model",
            "haiku",
            "--threshold",
            "90",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let p = tmp.path().join("p");
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(
        manifest.contains("name: docs-team") && manifest.contains("threshold: 90"),
        "{manifest}"
    );
    assert!(
        manifest.contains("orchestrator: { model: haiku }"),
        "{manifest}"
    );
    let editor = fs::read_to_string(p.join(".claude/agents/editor.md")).unwrap();
    assert!(editor.contains("model: haiku"));
    assert!(
        fs::read_to_string(p.join("AGENTS.md"))
            .unwrap()
            .contains("**90/100**")
    );
}

#[test]
fn target_that_is_a_file_or_escapes_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("p"), "x").unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is a file, not a folder"),
        "{}",
        stderr(&out)
    );

    #[cfg(unix)]
    {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("p/.claude")).unwrap();
        std::os::unix::fs::symlink(outside.path(), tmp.path().join("p/.claude/agents")).unwrap();
        let out = init(tmp.path(), &[]);
        assert_eq!(code(&out), 2, "{}", stdout(&out));
        assert!(stderr(&out).contains("outside"), "{}", stderr(&out));
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        assert!(
            !tmp.path().join("p/AGENTS.md").exists(),
            "nothing written half-way"
        );
    }
}

#[test]
fn ejected_template_is_used_and_a_broken_one_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let p = tmp.path().join("p");
    let out = run(&p, &["templates", "eject", "agents/writer.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let tpl = p.join(".agentpack/templates/agents/writer.md.j2");
    let text = fs::read_to_string(&tpl).unwrap();
    fs::write(
        &tpl,
        format!("{text}\nHouse style: {{{{ vars.style }}}}.\n"),
    )
    .unwrap();

    // The variable is undefined: an error naming the template file and line, nothing written.
    let before = tree(&p);
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 2);
    let err = redact(&stderr(&out), &p);
    assert!(
        err.contains(".agentpack/templates/agents/writer.md.j2:"),
        "{err}"
    );
    assert!(err.contains("undefined"), "{err}");
    assert_eq!(tree(&p), before);

    // Defined in the manifest's vars: the override renders into the agent file.
    let manifest = p.join("agentpack.yaml");
    let m = fs::read_to_string(&manifest).unwrap();
    let m = m
        .lines()
        .filter(|l| !l.starts_with("vars:"))
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(
        &manifest,
        format!("{m}\nvars: {{ style: plain English }}\n"),
    )
    .unwrap();
    let out = run(&p, &["init"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("    update .claude/agents/writer.md"),
        "{}",
        stdout(&out)
    );
    let writer = fs::read_to_string(p.join(".claude/agents/writer.md")).unwrap();
    assert!(writer.contains("House style: plain English."));

    // Ejecting again keeps the user's copy.
    let out = run(&p, &["templates", "eject", "agents/writer.md"]);
    assert_eq!(code(&out), 1);
    assert!(fs::read_to_string(&tpl).unwrap().contains("vars.style"));
    let out = run(&p, &["templates", "eject", "agents/nobody.md"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown template"));
}

#[test]
fn add_extends_files_manifest_and_agents_md() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let p = tmp.path().join("p");
    let out = run(&p, &["add", "editor"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("    create .claude/agents/editor.md"),
        "{text}"
    );
    assert!(text.contains("    update AGENTS.md"), "{text}");
    let manifest = fs::read_to_string(p.join("agentpack.yaml")).unwrap();
    assert!(
        manifest.contains("  editor: { model: sonnet }"),
        "{manifest}"
    );
    assert!(manifest.contains("- id: editor"), "{manifest}");
    assert!(
        fs::read_to_string(p.join("AGENTS.md"))
            .unwrap()
            .contains("`editor`")
    );
    // Adding again is a no-op.
    let out = run(&p, &["add", "editor"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("already in the pack"));
}

#[test]
fn add_keeps_agent_overrides_and_writes_the_config_file_it_read() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let p = tmp.path().join("p");
    let text = fs::read_to_string(p.join("agentpack.yaml")).unwrap().replace(
        "orchestrator: { model: opus }",
        "orchestrator: { model: opus, color: red, tools: [Read, Agent], description: \"Custom orchestrator. Use first.\" }",
    );
    fs::remove_file(p.join("agentpack.yaml")).unwrap();
    fs::write(p.join("team.yaml"), &text).unwrap();
    // The manifest is edited in place: the user's own line stays byte for byte.
    let out = run(&p, &["--config", "team.yaml", "add", "editor"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        !p.join("agentpack.yaml").exists(),
        "the manifest named by --config is the one updated"
    );
    let manifest = fs::read_to_string(p.join("team.yaml")).unwrap();
    assert!(manifest.contains("editor: { model: sonnet }"), "{manifest}");
    assert!(
        manifest.contains(r#"orchestrator: { model: opus, color: red, tools: [Read, Agent], description: "Custom orchestrator. Use first." }"#),
        "{manifest}"
    );
    let orchestrator = fs::read_to_string(p.join(".claude/agents/orchestrator.md")).unwrap();
    assert!(orchestrator.contains("color: red") && orchestrator.contains("tools: Read, Agent"));
}

#[test]
fn add_reports_a_malformed_manifest_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&init(tmp.path(), &[])), 0);
    let p = tmp.path().join("p");
    let manifest = p.join("agentpack.yaml");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("max_iterations: 3", "max_iterations: 3\nmax_iterations: 4");
    fs::write(&manifest, text).unwrap();
    let before = tree(&p);
    let out = run(&p, &["add", "editor"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("agentpack.yaml:10:1: duplicate mapping key: max_iterations"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&p), before);
    let out = run(tmp.path(), &["add", "editor"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("run `agentpack init` first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn generated_agent_files_parse_and_use_current_tools() {
    let name_re = regex::Regex::new("^[a-z]+(-[a-z]+)*$").unwrap();
    for (pack, _) in agentpack::scaffold::catalog::packs() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(code(&init(tmp.path(), &["--pack", pack])), 0);
        for entry in fs::read_dir(tmp.path().join("p/.claude/agents")).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let agentpack::document::frontmatter::Split::Found(fm) =
                agentpack::document::frontmatter::split(&text)
            else {
                panic!("{}: no frontmatter", path.display())
            };
            let value: serde_json::Value = agentpack::yaml::parse(fm.yaml, 1)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = value["name"].as_str().unwrap();
            assert!(name_re.is_match(name), "{name}");
            assert_eq!(path.file_stem().unwrap().to_str().unwrap(), name);
            let description = value["description"].as_str().unwrap();
            assert!(
                description.contains("Use "),
                "{name}: description must say when to delegate"
            );
            for tool in value["tools"].as_str().unwrap().split(", ") {
                assert!(agentpack::claude::is_current_tool(tool), "{name}: {tool}");
            }
            assert!(agentpack::claude::MODELS.contains(&value["model"].as_str().unwrap()));
            assert!(agentpack::claude::COLORS.contains(&value["color"].as_str().unwrap()));
            assert!(
                fm.body.lines().count() > 60,
                "{name}: the body is a real system prompt"
            );
            assert!(
                !fm.body.contains("{{") && !fm.body.contains("{%"),
                "{name}: unrendered template syntax"
            );
        }
    }
}

#[test]
fn example_project_is_in_sync_with_the_templates() {
    let example = repo().join("examples/research-writing");
    let tmp = tempfile::tempdir().unwrap();
    let out = run(
        tmp.path(),
        &["init", "research-writing", "--name", "research-writing"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let fresh: Vec<_> = tree(&tmp.path().join("research-writing"))
        .into_iter()
        .filter(|(p, _)| !p.starts_with("artifacts/") && !p.starts_with(".agentpack/logs/"))
        .collect();
    let kept: Vec<_> = tree(&example)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("artifacts/") && !p.starts_with(".agentpack/logs/"))
        .collect();
    assert_eq!(
        fresh.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        kept.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in fresh.iter().zip(&kept) {
        assert_eq!(
            a, b,
            "examples/research-writing/{path} is stale: regenerate it with `agentpack init examples/research-writing --force`"
        );
    }
}
