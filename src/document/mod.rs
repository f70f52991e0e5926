//! Markdown documents: the frontmatter splitter used by `check` and `init`'s self-test, and
//! the markdown model `review` scores.

mod bytescan;
pub mod frontmatter;
mod interior;
pub mod markdown;
mod memo;
mod metalines;
pub mod prose;
pub mod text;
mod walk;
pub mod words;

pub use markdown::Document;
