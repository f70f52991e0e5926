//! RV011 `relative-links`: links to files of the repository point at files that exist.

use std::path::PathBuf;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV011",
        name: "relative-links",
        summary: "Relative links and images point at files that exist",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Resolves every relative link and image (no scheme, not `#anchor`, not `/rooted`, not `mailto:`) against the
artifact's folder and checks the file or folder exists. `#fragment` and `?query` are ignored;
`%20` is decoded. Links that are still `{placeholders}` are left to the `forbid` rule.

## Why

An artifact that cites `../src/parser.rs` or shows `diagram.png` must hand the reader a path
that opens.

## Parameters

None. The fraction is resolved / all relative links (1 when there is none, or when the text
does not come from a file).

## Example

```yaml
- { id: relative-links, rule: relative-links, dimension: accuracy }
```
";

#[derive(Debug)]
struct RelativeLinks;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(RelativeLinks))
}

/// The file part of a relative link, or `None` for anything else.
fn relative_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    let has_scheme = dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with('/')
        || has_scheme
        || dest.contains('{')
    {
        return None;
    }
    let file = dest.split(['#', '?']).next().unwrap_or("");
    (!file.is_empty()).then(|| file.replace("%20", " "))
}

impl Rule for RelativeLinks {
    fn evaluate(&self, doc: &Document, env: &Env) -> Outcome {
        let Some(dir) = env.dir else {
            return Outcome::new(1.0, "not checked (no file)", Vec::new());
        };
        let links: Vec<_> = doc
            .links
            .iter()
            .filter_map(|l| Some((l, relative_target(&l.dest)?)))
            .collect();
        let findings: Vec<Finding> = links
            .iter()
            .filter(|(_, file)| {
                let path: PathBuf = dir.join(file);
                !path.exists()
            })
            .map(|(l, file)| {
                Finding::new(
                    l.offset,
                    format!("`{file}` does not exist (relative to the artifact's folder)"),
                    "fix the path, add the file, or link to it by URL",
                )
            })
            .collect();
        Outcome::share(
            links.len(),
            ("relative link", "relative links"),
            "resolve",
            "no relative links",
            findings,
        )
    }
}
