//! File-system helpers every command shares: reading user text with clear errors, atomic
//! writes, and keeping paths inside the project.

use std::fmt;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;

/// Files larger than this are not read (documented in the README).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a text file could not be used.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge { bytes: u64, limit: u64 },
    Binary,
    NotUtf8 { line: usize, column: usize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::TooLarge { bytes, limit } => write!(
                f,
                "file is {} MB, over the {} MB limit",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
            ReadError::Binary => f.write_str("binary file (contains NUL bytes)"),
            ReadError::NotUtf8 { line, column } => write!(
                f,
                "not valid UTF-8 at line {line}, column {column}; save the file as UTF-8"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// `path` relative to `root` when inside it, `/`-separated, for showing to users.
pub fn display_in(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = rel.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Hex SHA-256 of a text: the lockfile's record of what was generated, and (cut to 16 digits)
/// the review history's way to tell revisions apart.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest as _, Sha256};
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The current directory, as an error with context when it is gone.
pub fn cwd() -> anyhow::Result<PathBuf> {
    std::env::current_dir().context("cannot read the current directory")
}

/// Reads a UTF-8 text file, dropping a leading byte-order mark. CRLF is kept as is.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    decode(read_bytes(path, limit)?)
}

/// The bytes of a file no larger than `limit`.
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    std::fs::read(path).map_err(ReadError::Io)
}

/// Reads a text file like [`read_text`], but decodes bytes that are not UTF-8 lossily
/// (each bad byte becomes U+FFFD) instead of failing; the flag says whether that happened.
/// Binary files, oversized files and I/O errors are still errors.
pub fn read_text_lossy(path: &Path, limit: u64) -> Result<(String, bool), ReadError> {
    let bytes = read_bytes(path, limit)?;
    if memchr::memchr(0, &bytes).is_some() {
        return Err(ReadError::Binary);
    }
    // Valid UTF-8 (the common case) is taken as it is: one check, no copy.
    let (mut text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok((text, lossy))
}

/// Decodes bytes the way [`read_text`] does.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err(ReadError::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(ReadError::NotUtf8 { line, column })
        }
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a
/// rename, so a reader never sees half a file. Creates missing parent folders, and removes
/// the stale temporary files of killed runs there.
pub fn write_atomic(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create folder {}", parent.display()))?;
    // A run killed between these two steps leaves its temporary file; the next write in the
    // same folder removes it.
    remove_stale_temps(parent);
    // A temporary file is private (0600); the result must have the mode a plain write gives:
    // the old file's mode when replacing one, else 0666 less the umask.
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    if let Some(permissions) = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(new_file_permissions)
    {
        builder.permissions(permissions);
    }
    crash_point();
    let mut tmp = builder
        .tempfile_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    tmp.write_all(contents)
        .with_context(|| format!("cannot write {}", path.display()))?;
    crash_point();
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    crash_point();
    Ok(())
}

/// Prefix and suffix of the temporary files [`write_atomic`] makes.
const TEMP_PREFIX: &str = ".agentpack-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether `name` is one of [`write_atomic`]'s temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Removes temporary files a killed run left in `dir`. Only files older than a minute go,
/// so a write that another process is making right now is never pulled from under it.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in entries.filter_map(Result::ok) {
        let stale = entry.file_name().to_str().is_some_and(is_temp_name)
            && entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < cutoff));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Opens `path` for appending without following a symlink at its last component (the
/// folders above it are the caller's to check, with [`join_inside`]).
pub fn open_append(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true).read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // A link there is refused (ELOOP), never written through, even one made between
        // the check below and the open.
        options.custom_flags(libc::O_NOFOLLOW);
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(
            "it is a symbolic link; agentpack does not write through links",
        ));
    }
    options.open(path)
}

/// Renames `from` to `to`, refusing (`AlreadyExists`) when `to` exists instead of replacing
/// it. The check and the rename are two steps: callers move into a folder they just made,
/// under the review lock, where nothing else writes.
pub fn rename_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// The test hook behind the crash-consistency test: with `AGENTPACK_TEST_CRASH_AT=N`, the
/// process aborts (as a `kill -9` would stop it: no destructor runs) at the N-th write point
/// it passes. Every write the commands make passes through one.
pub fn crash_point() {
    use std::sync::atomic::{AtomicU64, Ordering};
    static TARGET: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    static PASSED: AtomicU64 = AtomicU64::new(0);
    let target = TARGET.get_or_init(|| {
        std::env::var("AGENTPACK_TEST_CRASH_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if let Some(target) = *target
        && PASSED.fetch_add(1, Ordering::SeqCst) + 1 == target
    {
        std::process::abort();
    }
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    // The kernel applies the umask to the mode given at creation.
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Checks that a path from a manifest or template is relative and stays inside its root.
pub fn check_relative(path: &str) -> Result<(), String> {
    if path.trim().is_empty() {
        return Err("path is empty".into());
    }
    if let Some(c) = path.chars().find(|c| c.is_control()) {
        return Err(format!(
            "`{}` contains the control character U+{:04X}; use a plain file name",
            path.escape_debug(),
            u32::from(c)
        ));
    }
    let p = Path::new(path);
    if p.is_absolute() || path.starts_with('/') || path.starts_with('\\') {
        return Err(format!(
            "`{path}` is absolute; use a path inside the project"
        ));
    }
    if p.components()
        .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err(format!(
            "`{path}` leaves the project (`..`); use a path inside it"
        ));
    }
    Ok(())
}

/// Joins `rel` to `root` and makes sure the result, after resolving symlinks of the part
/// that exists, is still inside `root`.
pub fn join_inside(root: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    check_relative(rel).map_err(anyhow::Error::msg)?;
    let joined = root.join(rel);
    let canon_root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", root.display()))?;
    let mut existing = joined.as_path();
    while !existing.exists() {
        match existing.parent() {
            Some(parent) => existing = parent,
            None => return Ok(joined),
        }
    }
    let canon = existing
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", existing.display()))?;
    if !canon.starts_with(&canon_root) {
        anyhow::bail!(
            "{} resolves to {}, outside {}; remove the symlink or choose another folder",
            joined.display(),
            canon.display(),
            canon_root.display()
        );
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_position_of_bad_bytes() {
        let err = decode(b"ok\nab\xffc".to_vec()).unwrap_err();
        assert!(
            matches!(err, ReadError::NotUtf8 { line: 2, column: 3 }),
            "{err:?}"
        );
        assert!(matches!(decode(b"a\0b".to_vec()), Err(ReadError::Binary)));
        assert_eq!(decode(b"\xef\xbb\xbfhi".to_vec()).unwrap(), "hi");
    }

    #[test]
    fn relative_paths_must_stay_inside() {
        assert!(check_relative("artifacts/x.md").is_ok());
        assert!(check_relative("../x.md").is_err());
        assert!(check_relative("a/../../x.md").is_err());
        assert!(check_relative("/etc/passwd").is_err());
        assert!(check_relative("").is_err());
        assert!(check_relative("artifacts/\0x.md").is_err());
        assert!(check_relative("artifacts/a\nb.md").is_err());
    }

    #[test]
    fn atomic_write_creates_parents_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/c.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let leftovers = std::fs::read_dir(dir.path().join("a/b")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_gives_normal_modes() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.md");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "a new file is readable by others as with a plain write: {mode:o}"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        write_atomic(&path, b"y").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755, "a replaced file keeps its mode");
    }

    #[test]
    fn rename_no_replace_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        let err = rename_no_replace(&a, &b).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "b");
        rename_no_replace(&a, &c).unwrap();
        assert!(!a.exists());
        assert_eq!(std::fs::read_to_string(&c).unwrap(), "a");
    }

    #[cfg(unix)]
    #[test]
    fn join_inside_refuses_symlink_escape() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
        assert!(join_inside(dir.path(), "link/x.md").is_err());
        assert!(join_inside(dir.path(), "fine/x.md").is_ok());
    }
}
