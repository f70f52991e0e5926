//! Embeds every file under `templates/` (and the example artifacts under
//! `examples/artifacts/`) in the binary, so a built-in cannot be forgotten: adding a file to
//! the folder is enough.

use std::path::Path;
use std::{env, fs};

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("templates/ is readable")
        .map(|e| e.expect("templates/ entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else {
            let rel = path.strip_prefix(root).expect("below templates/");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn embed(name: &str, folder: &str, code: &mut String) {
    // Read at run time: a build script compiled for one copy of the crate (say the one
    // `cargo package` verifies) may be reused for another with the same hash.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join(folder);
    println!("cargo:rerun-if-changed={folder}");
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &root, &mut files);
    }
    code.push_str(&format!("pub(crate) static {name}: &[(&str, &str)] = &[\n"));
    for rel in &files {
        println!("cargo:rerun-if-changed={folder}/{rel}");
        let abs = root.join(rel);
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
}

fn main() {
    let mut code = String::new();
    embed("EMBEDDED", "templates", &mut code);
    embed("EXAMPLES", "examples/artifacts", &mut code);
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("write embedded.rs");
}
