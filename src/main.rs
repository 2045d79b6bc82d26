//! The `privaudit` binary: a thin face over the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
