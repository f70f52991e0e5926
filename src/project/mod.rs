//! The project model: the manifest and where it lives, the workflow DAG, and (as the
//! engines need them) the artifacts, their revisions and their review history. Everything a
//! command knows about "this project" is read through here.

pub mod artifact;
mod brief;
pub mod edit;
pub mod history;
pub mod layout;
mod load;
pub mod manifest;
pub mod run;
pub mod state;
pub mod validate;
mod validate_judge;
pub mod workflow;

pub use artifact::FEEDBACK_PATH;
pub use load::{Project, find_manifest};
pub use manifest::{
    AgentConfig, CheckConfig, DEFAULT_MAX_ITERATIONS, DEFAULT_THRESHOLD, MANIFEST, Manifest,
    ReviewConfig, ReviewRule, Task,
};
pub use manifest::{JudgeConfig, JudgeMode};
pub use validate_judge::MAX_TIMEOUT_S as MAX_JUDGE_TIMEOUT_S;
