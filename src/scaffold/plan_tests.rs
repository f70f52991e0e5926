//! Tests of the plan: the lifecycle of a generated file, line endings, refusals.

use super::*;

use super::test_file as file;

fn actions(plan: &Plan) -> Vec<(&str, Action)> {
    plan.files
        .iter()
        .map(|f| (f.file.path.as_str(), f.action))
        .collect()
}

#[test]
fn lifecycle_create_unchanged_update_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let p = plan(&root, vec![file("a.md", "1"), file("b/c.md", "x")], false).unwrap();
    assert_eq!(
        actions(&p),
        [("a.md", Action::Create), ("b/c.md", Action::Create)]
    );
    p.apply().unwrap();

    let p = plan(&root, vec![file("a.md", "1"), file("b/c.md", "x")], false).unwrap();
    assert_eq!(
        actions(&p),
        [("a.md", Action::Unchanged), ("b/c.md", Action::Unchanged)]
    );
    assert!(!p.lock_changed, "a no-op run leaves the lockfile alone");

    // A newer template changes a.md (pristine) while the user edited b/c.md: both
    // changed the one line, so the merge marks the conflict in the file.
    std::fs::write(root.join("b/c.md"), "mine\n").unwrap();
    let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y\n")], false).unwrap();
    assert_eq!(
        actions(&p),
        [("a.md", Action::Update), ("b/c.md", Action::Marked)]
    );
    p.apply().unwrap();
    assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), "2");
    let marked = std::fs::read_to_string(root.join("b/c.md")).unwrap();
    assert!(marked.starts_with("<<<<<<< yours\nmine\n"), "{marked}");

    // Unresolved markers are a conflict on the next run; --force replaces the file.
    let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y\n")], false).unwrap();
    assert_eq!(actions(&p)[1], ("b/c.md", Action::Conflict));
    let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y\n")], true).unwrap();
    assert_eq!(actions(&p)[1], ("b/c.md", Action::Overwrite));
    p.apply().unwrap();
    assert_eq!(std::fs::read_to_string(root.join("b/c.md")).unwrap(), "y\n");

    // A resolved edit the templates have nothing new for is the user's: kept, no gate.
    std::fs::write(root.join("b/c.md"), "y\nmine\n").unwrap();
    let p = plan(&root, vec![file("a.md", "2"), file("b/c.md", "y\n")], false).unwrap();
    assert_eq!(actions(&p)[1], ("b/c.md", Action::Edited));
    assert!(!p.writes_anything());
    // A file without a record of what was generated cannot be merged: kept.
    let mut plain = file("d.md", "new\n");
    plain.template = String::new();
    std::fs::write(root.join("d.md"), "mine\n").unwrap();
    let p = plan(&root, vec![plain], false).unwrap();
    assert_eq!(actions(&p), [("d.md", Action::Conflict)]);
}

#[test]
fn crlf_checkout_is_unchanged_and_updates_keep_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(dir.path(), vec![file("a.md", "1\n2\n")], false).unwrap();
    p.apply().unwrap();
    std::fs::write(dir.path().join("a.md"), "1\r\n2\r\n").unwrap();
    let p = plan(dir.path(), vec![file("a.md", "1\n2\n")], false).unwrap();
    assert_eq!(actions(&p), [("a.md", Action::Unchanged)]);
    let p = plan(dir.path(), vec![file("a.md", "1\n3\n")], false).unwrap();
    assert_eq!(actions(&p), [("a.md", Action::Update)], "still pristine");
    p.apply().unwrap();
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(text, "1\r\n3\r\n");
    let p = plan(dir.path(), vec![file("a.md", "1\n3\n")], false).unwrap();
    assert_eq!(actions(&p), [("a.md", Action::Unchanged)]);
}

#[test]
fn file_where_a_folder_must_be_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("artifacts"), "x").unwrap();
    let files = vec![file("a.md", "1"), file("artifacts/.gitkeep", "")];
    let err = plan(dir.path(), files, false).unwrap_err().to_string();
    assert!(
        err.contains("artifacts is a file, but agentpack needs a folder"),
        "{err}"
    );
    assert!(!dir.path().join("a.md").exists());
}

#[test]
fn target_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f");
    std::fs::write(&f, "x").unwrap();
    let err = plan(&f, vec![file("a.md", "1")], false).unwrap_err();
    assert!(err.to_string().contains("is a file"), "{err}");
}
