use std::process::ExitCode;

/// mimalloc, as uv and ruff use: review allocates many small strings per document (words,
/// sentences, headings), and glibc's malloc and free were 7% of a review's instructions
/// (`cargo bench --bench review`, under callgrind). Built without transparent huge pages
/// (`no_thp`), which kept review's peak memory near glibc's. The benchmark uses the same
/// allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    agentpack::main()
}
