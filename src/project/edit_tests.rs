//! Tests of the in-place manifest editor.

use super::*;

const TEXT: &str = "# my pack\nversion: 1\nname: demo   # ours\nagents:\n  # the writers\n  writer: {}\n  researcher:\n    model: opus\nworkflow:\n  # first research\n  - id: research\n    agent: researcher\n    output: artifacts/r.md   # keep\n  # then the draft\n  - id: write\n    agent: writer\n    needs:   # from research\n      - research\n    output: artifacts/w.md\nreview:\n  rules: []   # none yet\n  default_rubric: generic\n";

fn read(text: &str) -> Manifest {
    validate::parse(Path::new("agentpack.yaml"), text).unwrap()
}

fn task(id: &str, needs: &[&str]) -> Task {
    Task {
        id: id.into(),
        agent: "writer".into(),
        needs: needs.iter().map(|s| s.to_string()).collect(),
        output: format!("artifacts/{id}.md"),
        rubric: Some("generic".into()),
        description: Some("Edit it: tight".into()),
        acceptance: vec!["no typos".into()],
    }
}

#[test]
fn insertion_keeps_every_comment_and_layout() {
    let old = read(TEXT);
    let mut new = old.clone();
    new.agents.insert("editor".into(), AgentConfig::default());
    new.workflow.insert(1, task("edit", &["research"]));
    new.workflow[2].needs = vec!["edit".into()];
    new.review.rules.push(ReviewRule {
        glob: "artifacts/notes-*.md".into(),
        rubric: "generic".into(),
    });
    let out = rewrite(TEXT, &old, &new).expect("edited");
    assert_eq!(read(&out), new);
    for line in TEXT
        .lines()
        .filter(|l| l.contains('#') && !l.contains("[]") && !l.contains("needs"))
    {
        assert!(out.contains(line), "{line:?} lost:\n{out}");
    }
    assert!(out.contains("name: demo   # ours\n"), "{out}");
    assert!(out.contains("  - id: edit\n"), "{out}");
    assert!(
        out.contains("    rubric: generic\n    description: \"Edit it: tight\"\n    acceptance:\n      - no typos\n  # then the draft\n  - id: write\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  rules:   # none yet\n    - { glob: \"artifacts/notes-*.md\", rubric: generic }\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  researcher:\n    model: opus\n  editor: {}\n"),
        "{out}"
    );
}

#[test]
fn removal_is_the_inverse_of_insertion() {
    let old = read(TEXT);
    let mut new = old.clone();
    new.agents.insert("editor".into(), AgentConfig::default());
    new.workflow.insert(1, task("edit", &["research"]));
    new.workflow[2].needs = vec!["edit".into()];
    let added = rewrite(TEXT, &old, &new).unwrap();
    let back = rewrite(&added, &new, &old).unwrap();
    assert_eq!(read(&back), old);
    assert!(back.contains("# first research"), "{back}");
    assert!(
        back.contains("    needs: [research]   # from research\n"),
        "{back}"
    );
}

#[test]
fn flow_style_is_left_to_the_caller() {
    let text = "version: 1\nname: d\nagents: { writer: {} }\nworkflow: []\n";
    let old = read(text);
    let mut new = old.clone();
    new.agents.insert("editor".into(), AgentConfig::default());
    assert_eq!(rewrite(text, &old, &new), None);
    let mut renamed = old.clone();
    renamed.name = "other".into();
    assert_eq!(rewrite(text, &old, &renamed), None);
}
