//! Which brace matches of the leftover-text gate are not template slots: maths, code-ish
//! names and paths, templates inside a name, attribute lists and sets written out.

use super::line_before::LineBefore;

/// Whether a brace match is maths, code-ish, a template inside a name, an attribute list or
/// a set rather than a slot: `Y_{t-1}`, `/api/{id}`, `i8::{MAX, MIN}`, `market.candle.{tf}`,
/// `{date}.md`, `keys:{pdf_id}:{page}`, `[link](url){target="_blank"}`, `{int, uint}`. A
/// slot's words (`{Topic}`, `{Continue...}`) glued to a name are still a slot, as is one after
/// a label's colon (`Author:{name}`). `line` reads the line before it.
pub(super) fn excused(t: &str, line: &mut LineBefore, start: usize, end: usize) -> bool {
    let before = t[..start].chars().next_back();
    let mut after = t[end..].chars();
    let (next, then) = (after.next(), after.next());
    let inner = &t[start + 1..end - 1];
    // A lowercase identifier (`tf`, `date`, `user_id`), as a name's variable part is.
    let variable = inner
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if matches!(
        before,
        Some('$' | '_' | '^' | '/' | '\\' | '{' | '}' | '=' | '%' | '#')
    ) || before.is_some_and(|c| c.is_alphanumeric())
        || t[..start].ends_with("::")
        || matches!(next, Some('}' | '/'))
        || variable && matches!(before, Some('.' | '-'))
        // A key joined by colons (`keys:{pdf_id}:{page}`): a colon on both sides, or a slot
        // before the colon. One colon before it alone is a label's (`Author:{name}`).
        || variable && before == Some(':') && (next == Some(':') || t[..start].ends_with("}:"))
        || variable
            && matches!(next, Some('.' | '-' | '_'))
            && then.is_some_and(|c| c.is_alphanumeric())
        || is_attribute(inner)
        || is_set(inner)
    {
        return true;
    }
    // Inside `$...$` on the same line, or a module import at an MDX page's top (`import
    // {ThemeImage} from '@/components/ThemeImage'`).
    line.at(start).dollars % 2 == 1 || import_line(line.line(start))
}

/// Whether `line` is a JavaScript import, as MDX pages open with: `import`, what it imports,
/// and `from` a quoted module.
fn import_line(line: &str) -> bool {
    let line = line.trim_end();
    line.starts_with("import ")
        && line
            .rsplit_once(" from ")
            .is_some_and(|(_, module)| module.trim_end_matches(';').starts_with(['\'', '"']))
}

/// `key=value` or `key="value"`: an attribute (kramdown, Pandoc), which no slot is. The key
/// is lowercase, the value quoted or one word.
fn is_attribute(inner: &str) -> bool {
    inner.split_once('=').is_some_and(|(key, value)| {
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && (value.starts_with('"') || !value.contains(' '))
    })
}

/// `int, uint, double`, `MAX, MIN`, `scheme, userInfo` or `Liveness,Readiness,Startup`: a set
/// written out, which no slot is. Two or more items, each of one or two words in one case, or
/// one identifier: one starting lowercase (`userInfo`), or any when the list is written as
/// code, without spaces. Or [`notation`]. (Names listed as prose, `{VendorName,
/// ProductName}`, and an arrow between names, `{Current System -> Target System}`, read as a
/// template's slots.)
fn is_set(inner: &str) -> bool {
    if notation(inner) {
        return true;
    }
    let items: Vec<&str> = inner.split(',').map(str::trim).collect();
    let code = !inner.contains(char::is_whitespace);
    let identifier = |item: &str| {
        item.chars()
            .next()
            .is_some_and(|c| code || c.is_lowercase())
            && item
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
    };
    items.len() >= 2
        && items.iter().all(|item| {
            let words = item.split_whitespace().count();
            identifier(item)
                || (1..=2).contains(&words)
                    && (item.chars().all(|c| !c.is_uppercase())
                        || item.chars().all(|c| !c.is_lowercase()))
        })
}

/// Maths or code inside braces, which a slot's words never are: a LaTeX command (`{a \over
/// b}`), a sum written tight (`{x+3}`), an index or a generic after a name (`{map[k:true]}`).
/// A bracket after a space (`{Summary [2-3 paragraphs]}`) is a template's hint, and stays.
fn notation(inner: &str) -> bool {
    let b = inner.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic())
        || b.windows(3)
            .any(|w| w[1] == b'+' && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric())
        || b.windows(2)
            .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'[')
}
