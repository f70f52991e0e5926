//! End-to-end tests of the `agentpack` binary: one test binary, one module per command.

mod agreement;
mod architecture;
mod check;
mod ci;
mod common;
mod concurrency;
mod crash;
mod dist;
mod doctor;
mod editing;
mod existing;
mod formats;
mod fuzz;
mod hardening;
mod hooks;
mod init;
mod judge;
mod packs;
mod review;
mod runs;
mod sync;
mod templates;
mod workflow;
