//! The one output wing: the output formats, terminal style, and everything a user reads on
//! stdout or stderr; engines return data. A command builds a `Subject` (subject.rs) and calls
//! `render` (format.rs) with its `--format`; `format.rs` maps each format to its file
//! (`text.rs`, `json.rs`, `markdown.rs`, `sarif.rs`, `junit.rs`, `github.rs`, `mermaid.rs`),
//! and each of those renders every subject it supports. Only the leaf modules (`style`,
//! `common`) are re-exported here: the renderers read engine types, and engines may use
//! `report::display_path`, so re-exporting renderers would close an import cycle.

pub mod archive;
pub mod common;
pub mod doctor;
pub mod explain;
pub mod fix;
pub mod format;
pub mod github;
pub mod json;
mod judge_text;
pub mod junit;
pub mod markdown;
pub mod mermaid;
pub mod sarif;
pub mod scaffold;
pub mod style;
pub mod subject;
pub mod table;
pub mod templates;
pub mod text;

pub use common::{display_path, legacy_layout_note, note, print, xml_escape};
pub use style::{Color, ColorChoice, Term, paint};
