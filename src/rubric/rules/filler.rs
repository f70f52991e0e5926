//! RV014 `filler`: generic, content-free prose (stock phrases, self-praise) costs clarity; a
//! document that is mostly filler fails.

use super::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rubric::{lexicon, prose};
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV014",
        name: "filler",
        summary: "Little generic, content-free prose; a document that is mostly filler fails",
        doc: DOC,
    },
    compile,
    params: &[],
};

const DOC: &str = "\
## What it does

Counts filler sentences: a stock phrase from the lexicon (\"it is important to note\", \"plays a
crucial role\", \"best practices\", \"seamless\", self-praise such as \"exceptional\") in a sentence
that names nothing specific (no figure, code, link or quotation). Filler costs
clarity in proportion to its share; when more than 40% of the sentences (and at least five) are
filler, the document fails.

## Why

Fluent sentences that would fit any topic read like content and carry none.

## Parameters

None. The fraction is 1 - 2 x the filler share.

## Example

```yaml
- { id: filler, rule: filler, dimension: clarity, weight: 2 }
```
";

#[derive(Debug)]
struct Filler;

fn compile(_p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    Ok(Box::new(Filler))
}

impl Rule for Filler {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let lex = lexicon::builtin();
        let sentences: Vec<_> = prose::sentences(doc).into_iter().filter(|s| s.words >= 5).collect();
        let mut findings = Vec::new();
        for s in &sentences {
            if let Some(m) = lex.filler.find(s.text)
                && !prose::is_specific(s.text)
            {
                findings.push(Finding::new(
                    s.offset,
                    format!("generic sentence (\"{}\") says nothing specific", m.as_str()),
                    "replace it with the specific fact, figure or example it stands for, or delete it",
                ));
            }
        }
        let total = sentences.len();
        let n = findings.len();
        let share = if total == 0 { 0.0 } else { n as f64 / total as f64 };
        let summary = format!("{n} of {total} sentences are generic filler");
        let gate = (n >= 5 && share > 0.4)
            .then(|| format!("{:.0}% of the sentences are generic filler", share * 100.0));
        let mut out = Outcome::new(1.0 - 2.0 * share, summary, findings);
        out.gate = gate;
        out
    }
}
