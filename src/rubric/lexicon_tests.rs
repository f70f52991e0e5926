//! Tests of the lexicon: roles by heading, label and structure; citations.

use super::*;

/// Where the built-in role `role` is in `text`, read as a document.
fn find_role(role: &str, text: &str) -> Option<Found> {
    compile_role(role, None)
        .unwrap()
        .find(&Document::parse(text))
}

#[test]
fn builtin_lexicon_parses_and_every_role_compiles() {
    let lex = builtin();
    // Built-in patterns compile on first use: each is compiled here (a bad one panics).
    for name in lex.roles.keys() {
        let role = compile_role(name, None).unwrap_or_else(|e| panic!("{e}"));
        for p in &role.patterns {
            regex(p.source()).unwrap_or_else(|e| panic!("role {name}: {e}"));
        }
    }
    for p in [&lex.filler, &lex.praise, &lex.hedges] {
        regex(p.source()).unwrap_or_else(|e| panic!("{e}"));
    }
    for k in &lex.kinds {
        regex(k.title.source()).unwrap_or_else(|e| panic!("kind {}: {e}", k.name));
        for p in &k.patterns {
            regex(p.source()).unwrap_or_else(|e| panic!("kind {}: {e}", k.name));
        }
    }
    assert!(
        lex.filler
            .get()
            .is_match("It is important to note that this matters.")
    );
}

#[test]
fn roles_by_heading_label_and_structure() {
    let doc = Document::parse(
        "# T\n\nA lead paragraph that sets the scene with enough words to count as an introduction here, and a few more words so it is long enough.\n\n**Prerequisites**: Python 3.12\n\n## Additional Resources\n\n- [a](https://a.example)\n- [b](https://b.example)\n",
    );
    let find = |r: &str| compile_role(r, None).unwrap().find(&doc);
    assert!(matches!(find("overview"), Some(Found::At(_, _))));
    assert!(matches!(find("sources"), Some(Found::Heading(_, _))));
    assert!(matches!(find("prerequisites"), Some(Found::At(_, _))));
    assert!(find("alternatives").is_none());
    // A command in inline code is the command a test report ran (patterns starting with a
    // backtick are written for inline code); a command word in prose is not.
    let ran = |text: &str| {
        let doc = Document::parse(text);
        compile_role("commands", None).unwrap().find(&doc).is_some()
    };
    assert!(ran(
        "# T\n\nThe suite ran under `make test-release`: 169 tests.\n"
    ));
    assert!(!ran("# T\n\nWe make tests pass before every release.\n"));
    // `**Prerequisites**:` over a list is the same pseudo-section.
    let listed = Document::parse("# T\n\n**Prerequisites**:\n\n- Python 3.12\n- uv\n");
    let found = compile_role("prerequisites", None).unwrap().find(&listed);
    assert!(matches!(found, Some(Found::At(_, _))));
    // A handoff's "What's Done" is its outcome and "What's Incomplete" what is left; "Not
    // done" is no outcome ("Done" alone as an outcome heading read it as one).
    let handoff = Document::parse(
        "# Handoff\n\n## What’s Done\n\nThe loader and the schema ship.\n\n## What's Incomplete\n\n- [ ] the feature orchestrator and its CLI\n",
    );
    let find = |r: &str| compile_role(r, None).unwrap().find(&handoff);
    assert!(matches!(find("outcome"), Some(Found::Heading(_, _))));
    let left = find("remaining");
    assert!(matches!(left, Some(Found::Heading(_, _))), "{left:?}");
    let undone = Document::parse(
        "# Handoff\n\n## Not done\n\nThe loader, the schema and the orchestrator are not started.\n",
    );
    assert!(
        compile_role("outcome", None)
            .unwrap()
            .find(&undone)
            .is_none()
    );
}

/// An opening of a short sentence and a list is a lead when it has 20 words; a nested item's
/// words are counted once (its parent item holds them).
#[test]
fn a_lead_counts_a_nested_items_words_once() {
    let lead = |list: &str| {
        let text =
            format!("# T\n\nThis note covers three things.\n\n{list}\n## Details\n\nThe rest.\n");
        let doc = Document::parse(&text);
        compile_role("overview", None).unwrap().find(&doc).is_some()
    };
    assert!(lead(
        "- one two three four five six seven eight\n- nine ten eleven twelve thirteen\n- fourteen fifteen sixteen seventeen\n"
    ));
    assert!(!lead(
        "- one two three four five six seven eight\n  - nine ten eleven twelve thirteen\n"
    ));
}

#[test]
fn citations_resolve() {
    let doc = Document::parse(
        "Text [1] and [2] and `a[3]`.\n\n[1] Smith. Paper title. https://x.example\n\n[^n]: note\n",
    );
    let c = citations(&doc);
    assert_eq!(c.defined, ["1", "^n"]);
    let used: Vec<&str> = c.markers.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(used, ["1", "2"]);
}

#[test]
fn output_is_a_transcript_or_an_output_block_not_a_command_alone() {
    let find = |text: &str| find_role("output", text);
    // Commands alone: the reader never sees what they print.
    assert!(find("# T\n\n```bash\nnpm install -g tool\ntool --version\n```\n").is_none());
    // A heading that only mentions output is not output.
    assert!(find("# T\n\n## Output formats\n\nUse `--json` for JSON output.\n").is_none());
    // A console transcript, an output block, or "you should see".
    assert!(find("# T\n\n```console\n$ go run .\nhello\n```\n").is_some());
    assert!(find("# T\n\n```\n$ go run .\nolleH, Go!\n```\n").is_some());
    assert!(find("# T\n\n```text\nServer listening on :6379\n```\n").is_some());
    assert!(find("# T\n\nRun it. You should see the version number.\n").is_some());
    assert!(find("# T\n\nThe health check returns `ok` within two minutes.\n").is_some());
    // What the reader can check once it runs: the service is reachable, or they can see it.
    assert!(
        find("# T\n\n```bash\nkc.sh start\n```\n\nKeycloak should now be accessible from the browser via HTTPS.\n")
            .is_some()
    );
    assert!(find("# T\n\n```bash\nkc.sh start\n```\n\nYou can now log in as admin.\n").is_some());
    // A plan for later, or a next step, is not an outcome.
    for later in [
        "Keycloak should be configured next.",
        "Support for YAML will now be available in a later release.",
        "As you can now see, the configuration format is simple.",
        "You can now open a pull request with your changes.",
    ] {
        let text = format!("# T\n\n```bash\nkc.sh start\n```\n\n{later}\n");
        assert!(find(&text).is_none(), "{later}");
    }
    // What a command makes is its outcome; a command merely described is not.
    assert!(
        find("# T\n\n```bash\nnpm run setup\n```\n\nThis creates `.env` from the template.\n")
            .is_some()
    );
    assert!(find("# T\n\n```bash\nnpm run setup\n```\n\nThis sets up the project.\n").is_none());
    // Only a thing made counts ("This creates:" and a list, "it creates a file"): "every
    // layer it creates" shows nothing.
    assert!(
        find("# T\n\n```bash\n./build.sh\n```\n\nThis creates:\n- `images/fs.json`\n").is_some()
    );
    assert!(
        find("# T\n\n```bash\ndocker build .\n```\n\nDocker caches every layer it creates.\n")
            .is_none()
    );
    // A label whose content is the list under it (`Expected:` then the lines to see).
    assert!(find("# T\n\n```bash\nuname -m\n```\n\nExpected:\n- `aarch64` (64-bit)\n").is_some());
    assert!(find("# T\n\n```bash\nuname -m\n```\n\nExpected:\n").is_none());
}

#[test]
fn roles_read_common_constructions() {
    let found = |role: &str, text: &str| find_role(role, text).is_some();
    // (role, a document that has it, the edits that take the construction out)
    let cases = [
        // The Go and gRPC proposal templates discuss alternate approaches under "Rationale".
        (
            "alternatives",
            "# Proposal: per-tenant limits\n\n## Proposal\n\nA token bucket per tenant.\n\n## Rationale\n\nA per-connection limit is simpler, but one tenant can open many connections.\n",
            &[("## Rationale", "## Notes")][..],
        ),
        // A function of a named file says where; a file and a function named apart do not.
        (
            "locations",
            "# Audit\n\n## 1. Stale token\n\n**Implementation**: `auth/session.py` — `refresh()` keeps the old token.\n\n## 2. Leak\n\n`purge()` in `cache.py` never runs.\n",
            &[
                (
                    "` — `refresh()` keeps",
                    "` keeps the old token; `refresh()` is slow; it keeps",
                ),
                ("`purge()` in `cache.py`", "`cache.py` leaks;"),
            ],
        ),
        // An engineering report's sources are the repository's files and issues.
        (
            "sources",
            "# Token tracking handoff\n\n## References\n\n- Completion handler: `crates/deploy/src/container.rs:388`\n- Issues: #79, #80\n",
            &[
                ("`crates/deploy/src/container.rs:388`", "the container code"),
                ("#79, #80", "the open ones"),
            ],
        ),
        // A closing look at what comes next is where a report advises.
        (
            "recommendations",
            "# Inbound malware reports\n\n## What's next?\n\nWe will add an API for reporters and triage reports by severity first.\n",
            &[("What's next?", "History")],
        ),
        // A scope line says what a research note covers: its question.
        (
            "overview",
            "# fbuild integration research\n\nScope: route `pio check` through the compile database.\n\n## 1. API\n\n- `clang-tool-chain-tidy` takes `-p`.\n",
            &[("Scope:", "Route:")],
        ),
    ];
    // Each construction alone is enough, and a dotted name is no file of the repository.
    let sources = cases[2].1;
    assert!(found(
        "sources",
        &sources.replace("`crates/deploy/src/container.rs:388`", "the container code")
    ));
    assert!(found(
        "sources",
        &sources.replace("#79, #80", "the open ones")
    ));
    assert!(!found(
        "sources",
        "# Notes\n\n## References\n\n- The `Node.js` documentation\n- The `torch.nn` guide\n"
    ));
    // A heading naming a file (or a framework) over findings that name a function does not
    // say where they are: vague per-file reviews passed the locations gate that way (two
    // such sections, as many as the role asks for).
    assert!(!found(
        "locations",
        "# Review\n\n### Node.js\n\nThe code calls `fetch()` a lot.\n\n### server.ts\n\nIts `app.listen()` could be cleaner.\n"
    ));
    for (role, with, edits) in cases {
        let without = edits
            .iter()
            .fold(with.to_string(), |t, (from, to)| t.replace(from, to));
        assert!(found(role, with), "{role}: {with}");
        assert!(!found(role, &without), "{role}: {without}");
    }
}

#[test]
fn expectations_are_not_results() {
    let results = compile_role("results", None).unwrap();
    let planned = "# Migration test\n\n## Expected Results\n\n- **Total**: 2,550 tokens\n- ✅ 100% saved\n- ✅ 0 tokens at startup, 3 checks\n";
    assert!(results.find(&Document::parse(planned)).is_none());
    let ran = planned.replace("Expected Results", "Results");
    assert!(results.find(&Document::parse(&ran)).is_some());
}

/// Each role's answer is kept per document: asking every built-in role twice, in both orders,
/// and through a rubric's extension of one, gives what searching afresh gives.
#[test]
fn found_roles_are_kept_per_role() {
    let text = "# Report\n\n## Overview\n\nWe measured the cache hit rate on 3 hosts for a week.\n\n## Sources\n\n- https://a.example/x\n- https://b.example/y\n\n**Steps**:\n\n1. one\n2. two\n3. three\n\nSee `src/a.rs:10` and `src/b.rs:20`.\n";
    let doc = Document::parse(text);
    let roles: Vec<Role> = builtin()
        .roles
        .keys()
        .map(|n| compile_role(n, None).unwrap())
        .collect();
    for pass in 0..2 {
        for role in roles.iter().rev().skip(pass) {
            assert_eq!(role.find(&doc), role.search(&doc), "{}", role.name);
        }
    }
    // A rubric's extension is another role: its own answer, not the base role's.
    let extra = RoleSpec {
        headings: vec!["Cache Study".into()],
        ..RoleSpec::default()
    };
    let base = compile_role("method", None).unwrap();
    let own = compile_role("method", Some(&extra)).unwrap();
    let doc = Document::parse("# T\n\n## Cache Study\n\nThree hosts, one week, every request.\n");
    assert_eq!(base.find(&doc), None);
    assert!(matches!(own.find(&doc), Some(Found::Heading(_, h)) if h == "Cache Study"));
    assert_eq!(base.find(&doc), None);
}

/// A method told in the passive is a method as "we measured" is one.
#[test]
fn a_method_told_in_the_passive_is_one() {
    let method = |s: &str| find_role("method", &format!("# T\n\n{s}\n")).is_some();
    assert!(method(
        "The 2021 sources were compiled with Vue 3.5.40 and Vite 8.1.5."
    ));
    assert!(method(
        "Each build was measured on a 2023 MacBook Air, five runs each."
    ));
    assert!(method("We measured each build five times."));
    assert!(!method("The sources were compiled and shipped."));
    assert!(!method(
        "Vue 3.5 emits less code than Svelte 5 for this component."
    ));
}

#[test]
fn a_part_asked_for_or_denied_is_not_there() {
    let find = |body: &str| find_role("verification", &format!("# T\n\n{body}\n")).is_some();
    for done in [
        "We verified it on the staging cluster.",
        "The fix was verified on staging.",
        "Once verified on staging, the pool change was rolled out.",
    ] {
        assert!(find(done), "{done}");
    }
    for unmet in [
        "Claims here should be verified mechanically before acting on them.",
        "The fix has not been verified on staging.",
        "The fix hasn\u{2019}t been verified on staging.",
        "This still needs to be verified on staging.",
        "The result can be verified by running the suite.",
        "It was never fully verified on staging.",
        "The pool should also be verified on staging.",
    ] {
        assert!(!find(unmet), "{unmet}");
    }
    // Only a role that asks for it reads content so: figures and what is left stay parts.
    let part = |role: &str, body: &str| find_role(role, &format!("# T\n\n{body}\n")).is_some();
    assert!(part(
        "remaining",
        "There is no remaining work on the migration."
    ));
}

#[test]
fn a_template_guidance_comment_makes_no_part() {
    // A template's heading left with only its guidance in `<!-- -->`: the reader sees an
    // empty section, and the guidance's wording ("other designs ... considered") is no
    // weighing of alternatives.
    let find = |text: &str| find_role("alternatives", text);
    let design = "# Cache\n\n## Design\n\nThe workers keep an LRU of rendered pages keyed by path and revision.\n";
    let heading_only = format!(
        "{design}\n## Alternatives\n\n<!-- What other designs have been considered, and why were they rejected? -->\n"
    );
    assert!(find(&heading_only).is_none());
    let in_comment = format!(
        "{design}\n<!--\nWhat alternatives were considered? Other designs that were rejected, and why not?\n-->\n"
    );
    assert!(find(&in_comment).is_none());
    // The same words where a reader sees them make it.
    let shown = format!(
        "{design}\n## Alternatives\n\nA CDN was considered and rejected: it cannot see revisions.\n"
    );
    assert!(find(&shown).is_some());
    let said = format!(
        "{design}\nWhat alternatives were considered? Other designs were rejected because they cannot see revisions.\n"
    );
    assert!(find(&said).is_some());
}

#[test]
fn chinese_headings_and_labels_make_parts() {
    // Words are still counted between spaces, so a section needs three tokens to be filled.
    let body = "这一节有足够的内容来说明问题， 包括 3 个文件路径 `src/cli.ts:68`。\n\n";
    let doc = |heading: &str| format!("# 报告\n\n{heading}\n\n{body}");
    // A part's name inside a longer heading, numbered or not.
    assert!(find_role("overview", &doc("## 执行摘要")).is_some());
    assert!(find_role("root-cause", &doc("## 三、根因分析")).is_some());
    assert!(find_role("alternatives", &doc("## 替代方案")).is_some());
    // A part's name needs all its characters: "摘" alone is not "摘要", "方案" not "替代方案".
    assert!(find_role("overview", &doc("## 摘")).is_none());
    assert!(find_role("alternatives", &doc("## 方案")).is_none());
    // A bold label over its content.
    assert!(
        find_role(
            "output",
            &format!("# 教程\n\n**预期输出（大致）：**\n\n```text\nok\n```\n\n{body}")
        )
        .is_some()
    );
    // "you will see" in Chinese is an output a tutorial shows.
    assert!(
        find_role(
            "output",
            &format!("# 教程\n\n如果看到 `安装成功！`，说明一切正常。\n\n{body}")
        )
        .is_some()
    );
}
