//! RV007 `sentence-length`: sentences are short enough to read.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV007",
        name: "sentence-length",
        summary: "Average (and longest) sentence length stays under a limit in words",
        doc: DOC,
    },
    compile,
    params: &["max_average", "max_longest"],
};

const DOC: &str = "\
## What it does

Splits the prose paragraphs into sentences (metadata lines, lists, tables and code are not
prose) and measures their length in words. The average must not exceed `max_average`; with
`max_longest`, every sentence over that length is reported with its line.

## Why

Long sentences hide the claim. Readers and agents both follow 15-25 word sentences best.

## Parameters

- `max_average`: words per sentence on average
- `max_longest` (optional): words in any one sentence

Each word over the average costs 8% of the check; each sentence over `max_longest` costs 10%
(at most half). No prose at all gives 0.

## Example

```yaml
- { id: readability, rule: sentence-length, dimension: clarity, max_average: 25, max_longest: 60 }
```
";

#[derive(Debug)]
struct SentenceLength {
    max_average: u64,
    max_longest: Option<u64>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let max_average = p.count("max_average")?;
    let max_longest = p.opt_count("max_longest")?;
    Ok(Box::new(SentenceLength {
        max_average,
        max_longest,
    }))
}

impl Rule for SentenceLength {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let n = doc.sentences.len();
        if n == 0 {
            let f = Finding::new(
                0,
                "no prose sentences to read",
                "write the content as sentences in paragraphs",
            );
            return Outcome::new(0.0, "no sentences", vec![f]);
        }
        let words: usize = doc.sentences.iter().map(|s| s.words).sum();
        let average = words as f64 / n as f64;
        let over = average - self.max_average as f64;
        let mut fraction = if over > 0.0 { 1.0 - 0.08 * over } else { 1.0 };
        let mut findings = Vec::new();
        if over > 0.0 {
            let worst = doc
                .sentences
                .iter()
                .max_by_key(|s| s.words)
                .map_or(0, |s| s.offset);
            findings.push(Finding::new(
                worst,
                format!(
                    "sentences average {average:.1} words; at most {} expected",
                    self.max_average
                ),
                "split long sentences (this is the longest): one claim per sentence",
            ));
        }
        if let Some(max) = self.max_longest {
            let long: Vec<_> = doc
                .sentences
                .iter()
                .filter(|s| s.words as u64 > max)
                .collect();
            fraction *= (1.0 - 0.1 * long.len() as f64).max(0.5);
            findings.extend(long.iter().map(|s| {
                Finding::new(
                    s.offset,
                    format!("sentence of {} words; at most {max} expected", s.words),
                    "split it into two or three sentences",
                )
            }));
        }
        let summary = format!(
            "{n} sentences, {average:.1} words on average (max {})",
            self.max_average
        );
        Outcome::new(fraction, summary, findings)
    }
}
