//! Files agentpack shares with the user (`AGENTS.md`, `CLAUDE.md`): agentpack owns one block,
//! between `<!-- agentpack:begin -->` and `<!-- agentpack:end -->`, and only ever rewrites
//! that block. A missing file is created holding the block; a file without the markers gets
//! the block appended; a whole `AGENTS.md` an older agentpack generated (in the lock and
//! untouched, without markers) becomes the block alone, as any generated file is updated.

use std::path::Path;

use super::lock::Lock;
use super::plan::Generated;

/// The line that opens agentpack's block.
pub(crate) const BEGIN: &str = "<!-- agentpack:begin -->";
/// The line that closes it.
pub(crate) const END: &str = "<!-- agentpack:end -->";

/// The block around `body` (which ends with a newline).
pub(crate) fn block(body: &str) -> String {
    let body = body.trim_end_matches('\n');
    format!("{BEGIN}\n{body}\n{END}\n")
}

/// The span (byte range, end marker line included) of the block in `text`; an error naming
/// the line when only one marker is there, or the end comes first.
pub(crate) fn find(path: &str, text: &str) -> anyhow::Result<Option<std::ops::Range<usize>>> {
    let line_at = |needle: &str| {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.trim_end() == needle {
                return Some((at, at + line.len()));
            }
            at += line.len();
        }
        None
    };
    let line_no = |at: usize| text[..at].matches('\n').count() + 1;
    match (line_at(BEGIN), line_at(END)) {
        (None, None) => Ok(None),
        (Some((b, _)), Some((e, end))) if b < e => Ok(Some(b..end)),
        (Some((b, _)), None) => anyhow::bail!(
            "{path}:{}:1: `{BEGIN}` has no `{END}` after it; put the end marker back where agentpack's block ends (or delete both markers and the block)",
            line_no(b)
        ),
        (_, Some((e, _))) => anyhow::bail!(
            "{path}:{}:1: `{END}` without a `{BEGIN}` before it; put the begin marker back where agentpack's block starts (or delete both markers and the block)",
            line_no(e)
        ),
    }
}

/// The text of the user's part of `rel` (outside the block), `""` when the file is absent.
pub(crate) fn outside(root: &Path, rel: &str) -> anyhow::Result<String> {
    let Some(text) = read(root, rel)? else {
        return Ok(String::new());
    };
    Ok(match find(rel, &text)? {
        Some(span) => format!("{}{}", &text[..span.start], &text[span.end..]),
        None => text,
    })
}

fn read(root: &Path, rel: &str) -> anyhow::Result<Option<String>> {
    let path = root.join(rel);
    if !path.is_file() {
        return Ok(None);
    }
    let text = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Some(text.replace("\r\n", "\n")))
}

/// The file `rel` with its block holding `body`, as a generated file for the plan.
pub(crate) fn file(
    root: &Path,
    lock: &Lock,
    rel: &str,
    template: &str,
    body: &str,
) -> anyhow::Result<Generated> {
    let block = block(body);
    let generated = |content: String, overwrite: bool| Generated {
        path: rel.to_string(),
        template: template.to_string(),
        content,
        overwrite,
    };
    let Some(text) = read(root, rel)? else {
        return Ok(generated(block, false));
    };
    Ok(match find(rel, &text)? {
        // Rewriting our own block is what init is for; the user's text around it stays.
        Some(span) => generated(
            format!("{}{block}{}", &text[..span.start], &text[span.end..]),
            true,
        ),
        // A whole file an older agentpack wrote, still as it wrote it: becomes the block. (An
        // entry that does not match is a stopped run's record of a merge still to make, or
        // an edit: the user's text stays and gets the block.)
        None if lock
            .files
            .get(rel)
            .is_some_and(|e| e.matches(&super::lock::hash(&text))) =>
        {
            generated(block, false)
        }
        None => {
            let sep = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            generated(format!("{text}{sep}{block}"), true)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_block_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::default();
        let f = file(dir.path(), &lock, "A.md", "t", "one\n").unwrap();
        assert_eq!(f.content, format!("{BEGIN}\none\n{END}\n"));
        std::fs::write(dir.path().join("A.md"), "# Mine\n\nText.\n").unwrap();
        let f = file(dir.path(), &lock, "A.md", "t", "one\n").unwrap();
        assert_eq!(
            f.content,
            format!("# Mine\n\nText.\n\n{BEGIN}\none\n{END}\n")
        );
        assert!(f.overwrite);
        std::fs::write(dir.path().join("A.md"), f.content + "After.\n").unwrap();
        let f = file(dir.path(), &lock, "A.md", "t", "two\n").unwrap();
        assert_eq!(
            f.content,
            format!("# Mine\n\nText.\n\n{BEGIN}\ntwo\n{END}\nAfter.\n")
        );
        assert_eq!(
            outside(dir.path(), "A.md").unwrap(),
            "# Mine\n\nText.\n\nAfter.\n"
        );
    }

    #[test]
    fn a_lone_marker_is_an_error_with_its_line() {
        let err = find("A.md", &format!("x\n{BEGIN}\ny\n")).unwrap_err();
        assert!(err.to_string().starts_with("A.md:2:1:"), "{err}");
        let err = find("A.md", &format!("{END}\n{BEGIN}\n")).unwrap_err();
        assert!(err.to_string().starts_with("A.md:1:1:"), "{err}");
    }
}
