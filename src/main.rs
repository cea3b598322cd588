//! `rbf-targets`: arguments and the window; nothing else.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use rbf_targets::cli::{Cli, run};
use rbf_targets::i18n::Lang;

fn main() -> ExitCode {
    let _ = rbf_targets::ui::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    match cli.command {
        Some(_) if cli.file.is_some() || cli.share.is_some() => Cli::command()
            .error(
                ErrorKind::ArgumentConflict,
                "a file to open in the window, or --share, and a command do not go together",
            )
            .exit(),
        Some(command) => run(command, cli.lang.unwrap_or_else(Lang::from_system)),
        None => match rbf_targets::ui::run(cli.file, cli.lang, cli.share) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("rbf-targets: {error}");
                ExitCode::from(1)
            }
        },
    }
}
