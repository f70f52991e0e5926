//! The generation wing: what `init`, `add` and `templates eject` produce. The catalog and
//! packs become a manifest, the manifest a template context, the context rendered files
//! (built-ins or the project's overrides), and the files a plan that is written atomically
//! and recorded in `agentpack.lock`. Nothing here prints; `report::scaffold` shows the plan.

pub mod catalog;
pub(crate) mod context;
pub(crate) mod edit;
pub(crate) mod existing;
pub(crate) mod generate;
mod judge_hook;
pub(crate) mod lock;
pub(crate) mod managed;
pub(crate) mod migrate;
pub(crate) mod ops;
pub(crate) mod plan;
pub(crate) mod remove;
pub(crate) mod render;
pub(crate) mod settings;
pub(crate) mod wiring;
