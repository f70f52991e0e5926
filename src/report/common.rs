//! Small pieces every format shares: how a path is shown, XML and markdown-table escaping,
//! and the two writers for standard output and standard error.

use std::io::Write as _;

/// Writes `text` to standard output; a closed pipe surfaces as an error `main` maps to 0.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a line to standard error; a closed stderr is not worth a crash.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", terminal_safe(text));
}

/// Tells the user once per command that the project at `root` still has agentpack 0.1's
/// layout (read as it is until `init` moves it).
pub fn legacy_layout_note(root: &std::path::Path, quiet: bool) {
    if !quiet && crate::project::layout::is_legacy(root) {
        note(
            "note: this project keeps agentpack's state at the 0.1 places (agentpack.lock, logs/, config/rubrics/, templates/); run `agentpack init` to move it under .agentpack/",
        );
    }
}

/// `text` without the control characters an artifact or manifest could smuggle into a
/// terminal (a title change, a cursor move, a bell): only newlines, tabs and colour
/// sequences (`ESC [ digits ; m`, what `style::paint` writes) are kept. Every human output
/// passes through it; the machine formats escape instead.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            let sgr = rest[1..].strip_prefix('[').and_then(|params| {
                let end = params.find(|ch: char| !(ch.is_ascii_digit() || ch == ';'))?;
                params[end..].starts_with('m').then_some(2 + end + 1)
            });
            if let Some(len) = sgr {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        } else if !c.is_control() || c == '\n' || c == '\t' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A path as shown in reports: relative, `/`-separated.
pub fn display_path(path: &std::path::Path) -> String {
    crate::fsx::display_in(path, std::path::Path::new(""))
}

/// Escapes text for XML attribute and element content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for one cell of a markdown table.
pub(crate) fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_handles_markup_and_controls() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{1}"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{fffd}"
        );
    }

    #[test]
    fn terminal_safe_keeps_colours_and_drops_other_controls() {
        let painted = crate::report::style::paint(true, crate::report::style::Color::Red, "x");
        assert_eq!(terminal_safe(&painted), painted);
        assert_eq!(
            terminal_safe("# \u{1b}]0;title\u{7}a\tb\n\u{1b}[2J\u{1b}[1;31mc\r"),
            "# ]0;titlea\tb\n[2J\u{1b}[1;31mc"
        );
    }

    #[test]
    fn display_path_is_relative_and_slashed() {
        assert_eq!(display_path("./a/b.md".as_ref()), "a/b.md");
    }
}
