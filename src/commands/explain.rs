//! `agentpack explain` (being built).

use std::process::ExitCode;

use crate::term::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`agentpack explain` is not available in this build yet")
}
