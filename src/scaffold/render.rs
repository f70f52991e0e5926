//! The one place templates are rendered (minijinja, strict undefined, Jinja whitespace). A
//! project customizes a template by putting its own copy in `.agentpack/templates/`
//! (`agentpack templates eject`); the loader resolves every name, includes too, through
//! [`crate::assets::TEMPLATES`], so built-ins and overrides go through the same lookup.
//! An override is untrusted input: it must resolve inside the project, its tags are bounded
//! (a long expression chain would overflow the parser's stack), and rendering has fuel and
//! an output cap, so no template hangs or fills memory.

use std::path::{Path, PathBuf};

use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use serde::Serialize;

use crate::assets::{Family, Found, TEMPLATES};
use crate::fsx;

/// Longest tag (`{{ ... }}`, `{% ... %}`) an override may have. The built-ins stay under
/// 400; minijinja parses long operator chains by recursion, so this bounds its stack.
const MAX_TAG_BYTES: usize = 2_000;
/// Instructions one render of a project's templates may run: every built-in, ejected, fits
/// a workflow of 200 tasks; three nested loops of 10,000 would need 10^12.
const FUEL: u64 = 5_000_000;
/// Largest output one template may render (what agentpack reads back at most).
const MAX_OUTPUT_BYTES: usize = fsx::MAX_FILE_BYTES as usize;

/// Renders templates, preferring a project's overrides to the built-ins.
pub(crate) struct Renderer {
    env: Environment<'static>,
    root: Option<PathBuf>,
}

impl Renderer {
    /// A renderer for the project at `root` (overrides in `root/templates/`), or for the
    /// built-ins only.
    pub(crate) fn new(root: Option<&Path>) -> Renderer {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Jinja's default whitespace rules (templates trim with `-` where they need to), so
        // a template behaves here as in any Jinja tool a user checks it with.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("static syntax config is valid");
        env.set_syntax(syntax);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        // Fuel bounds the project's own templates; the built-ins are ours and tested, and
        // their loops grow with the workflow (a long one needs more than any fixed budget).
        if root.is_some_and(|r| {
            r.join(TEMPLATES.override_dir).is_dir() || r.join(TEMPLATES.legacy_dir).is_dir()
        }) {
            env.set_fuel(Some(FUEL));
        }
        env.add_filter("yaml", yaml_filter);
        let owned_root = root.map(Path::to_path_buf);
        let loader_root = owned_root.clone();
        env.set_loader(move |name| load(loader_root.as_deref(), name));
        Renderer {
            env,
            root: owned_root,
        }
    }

    /// Renders template `name` with `ctx`. Errors name the template file and line.
    pub(crate) fn render(&self, name: &str, ctx: &impl Serialize) -> anyhow::Result<String> {
        let name = TEMPLATES.normalize(name);
        let mut out = Capped::default();
        let result = self.env.get_template(name).and_then(|tmpl| {
            tmpl.render_captured_to(Value::from(minijinja::value::Serde(ctx)), &mut out)
        });
        if out.over {
            anyhow::bail!(
                "{}: renders more than {} MB; agentpack stops there (check its loops)",
                self.display_name(name),
                MAX_OUTPUT_BYTES / 1_000_000
            );
        }
        result.map_err(|err| self.describe(err))?;
        let text = String::from_utf8(out.bytes)
            .map_err(|_| anyhow::anyhow!("{}: rendered invalid UTF-8", self.display_name(name)))?;
        Ok(if name.ends_with(".md") {
            tidy_markdown(&text)
        } else {
            text
        })
    }

    fn display_name(&self, name: &str) -> String {
        match TEMPLATES.find(self.root.as_deref(), name) {
            Some(Found::Override(path)) => path.display().to_string(),
            _ => format!("built-in template {}", TEMPLATES.builtin_path(name)),
        }
    }

    fn describe(&self, err: minijinja::Error) -> anyhow::Error {
        let mut msg = String::new();
        let mut cur: Option<&minijinja::Error> = Some(&err);
        while let Some(e) = cur {
            let place = match (e.name(), e.line()) {
                (Some(n), Some(l)) => format!("{}:{l}: ", self.display_name(n)),
                (Some(n), None) => format!("{}: ", self.display_name(n)),
                _ => String::new(),
            };
            let what = match e.detail() {
                Some(d) => format!("{}: {d}", e.kind()),
                None => e.kind().to_string(),
            };
            if !msg.is_empty() {
                msg.push_str("\n  included from: ");
            }
            msg.push_str(&place);
            msg.push_str(&what);
            cur = std::error::Error::source(e).and_then(|s| s.downcast_ref());
        }
        if err.kind() == ErrorKind::OutOfFuel {
            msg.push_str(
                "\n  hint: the template runs too long (loops over loops); agentpack stops it",
            );
        }
        if err.kind() == ErrorKind::UndefinedError {
            msg.push_str("\n  hint: a variable the template uses is not defined; add it under `vars:` in agentpack.yaml or fix the template");
        }
        anyhow::anyhow!(msg)
    }
}

fn load(root: Option<&Path>, name: &str) -> Result<Option<String>, minijinja::Error> {
    let name = TEMPLATES.normalize(name);
    if let Err(msg) = fsx::check_relative(name) {
        return Err(minijinja::Error::new(ErrorKind::InvalidOperation, msg));
    }
    match TEMPLATES.find(root, name) {
        Some(Found::Override(path)) => {
            // A link to a file outside the project is refused, never read.
            if let Some(root) = root
                && let Err(e) = fsx::join_inside(root, &TEMPLATES.override_rel(root, name))
            {
                return Err(minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    format!("{e:#}"),
                ));
            }
            let text = fsx::read_text(&path, fsx::MAX_FILE_BYTES).map_err(|e| {
                minijinja::Error::new(
                    ErrorKind::TemplateNotFound,
                    format!("{}: {e}", path.display()),
                )
            })?;
            if let Some((line, len)) = long_tag(&text) {
                return Err(minijinja::Error::new(
                    ErrorKind::SyntaxError,
                    format!(
                        "{}:{line}: a tag of {len} bytes, over the {MAX_TAG_BYTES} agentpack allows; split the expression",
                        path.display()
                    ),
                ));
            }
            Ok(Some(text))
        }
        Some(Found::Builtin(text)) => Ok(Some(text.to_string())),
        None => Ok(None),
    }
}

/// The line and length of the first tag (`{{ }}`, `{% %}`, unclosed ones to the end) longer
/// than [`MAX_TAG_BYTES`].
fn long_tag(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = text[i..].find('{') {
        let start = i + found;
        let close = match bytes.get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let end = text[start + 2..]
            .find(close)
            .map_or(text.len(), |e| start + 2 + e + 2);
        if end - start > MAX_TAG_BYTES {
            let line = text[..start].matches('\n').count() + 1;
            return Some((line, end - start));
        }
        i = end;
    }
    None
}

/// An output buffer that stops taking bytes past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What `templates eject` did with one template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ejected {
    /// Where the override is.
    pub path: PathBuf,
    /// False when an override already existed and was kept.
    pub written: bool,
}

/// Copies built-in templates into the override folder of the project found from the current
/// folder (or `config`), so `init` and `add` render the copies. Existing overrides are kept
/// unless `force`; unknown names are an error before anything is written.
pub(crate) fn eject(
    config: Option<&Path>,
    names: &[String],
    force: bool,
) -> anyhow::Result<Vec<Ejected>> {
    eject_from(&TEMPLATES, "template", config, names, force)
}

/// Copies built-ins of `family` (a `noun` to users) into the project's override folder: the
/// one eject behind `templates eject` and `rubrics eject`.
pub(crate) fn eject_from(
    family: &Family,
    noun: &str,
    config: Option<&Path>,
    names: &[String],
    force: bool,
) -> anyhow::Result<Vec<Ejected>> {
    let known = family.names();
    let mut unique: Vec<&str> = names.iter().map(|n| family.normalize(n)).collect();
    let unknown: Vec<&str> = unique
        .iter()
        .copied()
        .filter(|n| !known.contains(n))
        .collect();
    if !unknown.is_empty() {
        anyhow::bail!(
            "unknown {noun} `{}`; see `agentpack list {noun}s` for the {} built-ins",
            unknown.join("`, `"),
            known.len()
        );
    }
    let cwd = fsx::cwd()?;
    let root = match crate::project::Project::discover(config, &cwd)? {
        Some(project) => project.root,
        None => cwd,
    };
    unique.sort_unstable();
    unique.dedup();
    let mut done = Vec::with_capacity(unique.len());
    for name in unique {
        let source = family
            .builtin(name)
            .expect("checked against the built-in names");
        let rel = family.override_path(Path::new(""), name);
        let path = fsx::join_inside(&root, &rel.to_string_lossy())?;
        let written = !path.exists() || force;
        if written {
            fsx::write_atomic(&path, source.as_bytes())?;
        }
        done.push(Ejected { path, written });
    }
    Ok(done)
}

/// Collapses runs of blank lines to one outside fenced code, so block tags on their own
/// lines never leave gaps in generated markdown, whoever wrote the template.
pub(crate) fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<String> = None;
    let mut blank_run = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if marker.len() >= 3 {
            match &fence {
                Some(open) if marker.starts_with(open.as_str()) && trimmed.trim() == marker => {
                    fence = None
                }
                None => fence = Some(marker),
                _ => {}
            }
        }
        if fence.is_none() && line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
    }
    out
}

/// Renders a value as YAML: strings stay plain when that is unambiguous and are quoted
/// otherwise; lists and maps become flow collections.
fn yaml_filter(value: Value) -> Result<String, minijinja::Error> {
    if let Some(s) = value.as_str() {
        return Ok(yaml_scalar(s));
    }
    serde_json::to_string(&value)
        .map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, e.to_string()))
}

/// A YAML scalar for `s` (see [`crate::yaml::scalar`]).
pub(crate) fn yaml_scalar(s: &str) -> String {
    crate::yaml::scalar(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        let env = Renderer::new(None);
        for name in TEMPLATES.names() {
            env.env
                .get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        }
    }

    #[test]
    fn builtin_tags_are_short() {
        for name in TEMPLATES.names() {
            let text = TEMPLATES.builtin(name).unwrap();
            assert_eq!(long_tag(text), None, "{name}");
        }
        assert_eq!(
            long_tag(&format!("a\n{{{{ {} }}}}", "-".repeat(3000))),
            Some((2, 3006))
        );
        assert_eq!(
            long_tag(&format!("{{% if {}", "x".repeat(3000))),
            Some((1, 3006))
        );
    }

    #[test]
    fn tidy_markdown_collapses_blank_runs_outside_code() {
        let text = "a\n\n\n\nb\n```text\nx\n\n\ny\n```\n\n\nc\n";
        assert_eq!(tidy_markdown(text), "a\n\nb\n```text\nx\n\n\ny\n```\n\nc\n");
        let nested = "````markdown\n```rust\n```\n\n\n````\n";
        assert_eq!(tidy_markdown(nested), nested);
    }

    #[test]
    fn yaml_scalar_quotes_only_when_needed() {
        assert_eq!(
            yaml_scalar("Research specialist. Use when x, y"),
            "Research specialist. Use when x, y"
        );
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("80"), "\"80\"");
        assert_eq!(yaml_scalar("#x"), "\"#x\"");
        assert_eq!(yaml_scalar(""), "\"\"");
        for s in ["a: b", "yes", "#x", "it's", "x \"q\"", "tab\there"] {
            let back: String = crate::yaml::parse(&yaml_scalar(s), 0).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn broken_override_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = TEMPLATES.override_path(dir.path(), "project/AGENTS.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# ok\n\n{% for x in %}\n").unwrap();
        let err = Renderer::new(Some(dir.path()))
            .render("project/AGENTS.md", &serde_json::json!({}))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("{}:3: syntax error", path.display())),
            "{err}"
        );
    }

    #[test]
    fn override_is_preferred_and_undefined_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = TEMPLATES.override_path(dir.path(), "partials/agent-frontmatter.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "custom {{ agent.name }}\nline {{ nope }}\n").unwrap();
        let r = Renderer::new(Some(dir.path()));
        let ctx = serde_json::json!({"agent": {"name": "x"}});
        let err = r
            .render("partials/agent-frontmatter.md.j2", &ctx)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
        assert!(err.contains("undefined"), "{err}");
        std::fs::write(&path, "custom {{ agent.name }}\n").unwrap();
        let r = Renderer::new(Some(dir.path()));
        assert_eq!(
            r.render("partials/agent-frontmatter.md", &ctx).unwrap(),
            "custom x\n"
        );
    }
}
