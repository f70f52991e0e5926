//! RV006 `code-language`: every code block says its language.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV006",
        name: "code-language",
        summary: "Every code block has a language tag",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Checks that every code block is fenced with a language tag (```` ```rust ````). Indented code
blocks have no tag and count as untagged.

## Why

The tag drives syntax highlighting and tells the reader (and tools) what the snippet is: a
shell command, a config file or source code.

## Parameters

None. The fraction is tagged / all code blocks (1 when there is none).

## Example

```yaml
- { id: code-tags, rule: code-language, dimension: format }
```
";

#[derive(Debug)]
struct CodeLanguage;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(CodeLanguage))
}

impl Rule for CodeLanguage {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let total = doc.code_blocks.len();
        let findings: Vec<Finding> = doc
            .code_blocks
            .iter()
            .filter(|c| c.lang.is_none())
            .map(|c| {
                let fix = if c.fenced {
                    "name the language after the opening fence, e.g. ```bash or ```text"
                } else {
                    "fence the indented block with ``` and a language, e.g. ```text"
                };
                Finding::new(c.span.start, "code block without a language tag", fix)
            })
            .collect();
        Outcome::share(
            total,
            ("code block", "code blocks"),
            "tagged",
            "no code blocks",
            findings,
        )
    }
}
