//! The generation wing: what `init`, `add` and `templates eject` produce. The catalog and
//! packs become a manifest, the manifest a template context, the context rendered files
//! (built-ins or the project's overrides), and the files a plan that is written atomically
//! and recorded in `agentpack.lock`. Nothing here prints; `report::scaffold` shows the plan.

pub mod catalog;
pub mod context;
pub mod generate;
pub mod lock;
pub mod ops;
pub mod plan;
pub mod render;
pub mod settings;
