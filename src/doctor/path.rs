//! Finding a program on PATH the way a shell (and Claude Code, which runs hooks through one)
//! does: the first folder of PATH holding an executable file of that name; on Windows with
//! each extension of PATHEXT.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The first `program` on `path_var` (a PATH value), if any.
pub fn find(program: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
    let path_var = path_var?;
    std::env::split_paths(path_var)
        .filter(|dir| !dir.as_os_str().is_empty())
        .find_map(|dir| candidates(&dir, program).into_iter().find(|p| runnable(p)))
}

/// `agentpack` on this process's PATH.
pub fn find_agentpack() -> Option<PathBuf> {
    find(
        crate::project::layout::PROGRAM,
        std::env::var_os("PATH").as_deref(),
    )
}

/// Where the running binary is, for the fix "add this folder to PATH".
pub fn this_binary_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
}

fn candidates(dir: &Path, program: &str) -> Vec<PathBuf> {
    if cfg!(windows) {
        let exts = std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into());
        exts.split(';')
            .filter(|e| !e.is_empty())
            .map(|e| dir.join(format!("{program}{}", e.to_ascii_lowercase())))
            .collect()
    } else {
        vec![dir.join(program)]
    }
}

#[cfg(unix)]
fn runnable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn runnable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn finds_the_first_executable_and_skips_plain_files() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("tool"), "not executable").unwrap();
        let exe = b.path().join("tool");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = std::env::join_paths([a.path(), b.path()]).unwrap();
        assert_eq!(find("tool", Some(&path)), Some(exe));
        assert_eq!(find("other", Some(&path)), None);
        assert_eq!(find("tool", None), None);
    }
}
