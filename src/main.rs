use std::process::ExitCode;

fn main() -> ExitCode {
    agentpack::main()
}
