//! Every file every built-in pack generates, as reviewed snapshots: a template change shows
//! up here as a diff to read before it ships.

use crate::common::{code, run, stderr, tree};

#[test]
fn every_file_of_every_pack() {
    for (pack, _) in agentpack::scaffold::catalog::packs() {
        let tmp = tempfile::tempdir().unwrap();
        let out = run(tmp.path(), &["init", "demo", "--pack", pack]);
        assert_eq!(code(&out), 0, "{pack}: {}", stderr(&out));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots/packs");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            for (path, content) in tree(&tmp.path().join("demo")) {
                // The lockfile is hashes of the files below; .gitkeep files are empty; the
                // state folder's .gitignore is one constant (tests/cli/init.rs).
                if path.starts_with(".agentpack/") || path.ends_with(".gitkeep") {
                    continue;
                }
                let name = format!("{pack}__{}", path.replace(['/', '.'], "_"));
                insta::assert_snapshot!(name, content);
            }
        });
    }
}
