//! End-to-end tests of the `agentpack` binary: one test binary, one module per command.

mod agreement;
mod check;
mod ci;
mod common;
mod hooks;
mod init;
mod packs;
mod review;
mod workflow;
