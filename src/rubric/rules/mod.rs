//! The registry of rubric rule kinds. Each kind lives in its own file with a stable code, its
//! documentation, a parameter parser (unknown parameters are errors) and an evaluator that
//! turns a [`Document`] into a fraction 0..1 and findings. Adding a kind is one file and one
//! line in [`KINDS`].

pub(crate) mod anchors;
pub(crate) mod code_language;
pub(crate) mod duplicate_paragraphs;
pub(crate) mod evidence;
pub(crate) mod explanation;
pub(crate) mod filler;
pub(crate) mod forbid;
pub(crate) mod heading_structure;
mod kind;
pub(crate) mod metadata;
pub(crate) mod min_count;
pub(crate) mod open_items;
mod params;
pub(crate) mod relative_links;
pub(crate) mod required_sections;
pub(crate) mod roles;
pub(crate) mod sentence_length;
pub(crate) mod subsection_fields;

pub use kind::{Env, Finding, Kind, Outcome, Rule};
pub(crate) use kind::{ParamError, Params, plural};

/// Every rule kind, in code order.
pub(crate) static KINDS: &[Kind] = &[
    required_sections::KIND,
    metadata::KIND,
    min_count::KIND,
    forbid::KIND,
    subsection_fields::KIND,
    code_language::KIND,
    sentence_length::KIND,
    heading_structure::KIND,
    anchors::KIND,
    duplicate_paragraphs::KIND,
    relative_links::KIND,
    roles::KIND,
    evidence::KIND,
    filler::KIND,
    open_items::KIND,
    explanation::KIND,
];

/// The kind called `name` (`required-sections`, ...).
pub(crate) fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.doc.name == name)
}

/// The fraction `rule` gives `text` with no task context: what the rules' unit tests assert.
#[cfg(test)]
pub(crate) fn fraction_of(rule: &dyn Rule, text: &str) -> f64 {
    rule.evaluate(&crate::document::Document::parse(text), &Env::default())
        .fraction
}

#[cfg(test)]
pub(crate) mod tests;
