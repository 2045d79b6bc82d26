//! Command-line face: argument parsing, progress on stderr, exit codes.
//!
//! Exit codes: 0 done, 1 failed (one clear, redacted line on stderr), 2 usage error,
//! 3 an audit's findings reached `--fail-on`.

mod audit;
mod scan;
mod tui;

use clap::{Parser, Subcommand};
use privaudit::escape;

/// Find personal data in your databases and audit who can read it. Without a command, runs the
/// interactive audit (`privaudit run`) on the built-in sample database.
#[derive(Debug, Parser)]
#[command(
    name = "privaudit",
    version,
    about,
    long_about = None,
    propagate_version = true,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The interactive audit's options, when no command is given.
    #[command(flatten)]
    run: tui::RunArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The interactive audit (the default): questionnaire, live scan, findings, report.
    Run(tui::RunArgs),
    /// Scan databases for columns that hold personal data, who can read it, and what to fix.
    Scan(scan::ScanArgs),
    /// Run a scripted audit: answers from a file, a scan, findings and reports.
    Audit(audit::AuditArgs),
    /// Render the reports of a saved session again, without touching a database.
    Report(audit::ReportArgs),
    /// Compare two audits (report.json or session files): findings, columns and readers.
    Diff(audit::DiffArgs),
    /// Check a questionnaire or print an answers template.
    #[command(subcommand)]
    Questionnaire(audit::QuestionnaireCommand),
}

/// Usage errors exit 2; everything else that fails exits 1.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments or input files.
    Usage(String),
    /// The work failed.
    Failed(String),
}

/// A panic's message can quote the value it failed on (`… inside 'é' of "Castelló"`), and a
/// value may be personal data: report where it happened, never the message. (A panic while a
/// table is classified is caught and reported as a skipped table; this covers the rest.)
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "privaudit: internal error{at}; the details are withheld because they may quote data. \
             Please report it with the command you ran (without passwords)."
        );
    }));
}

/// Parse arguments, run, return the exit code.
pub fn main() -> i32 {
    quiet_panics();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Some(Command::Run(args)) => tui::run(args),
        None => tui::run(cli.run),
        Some(Command::Scan(args)) => scan::run(args),
        Some(Command::Audit(args)) => audit::run_audit(args),
        Some(Command::Report(args)) => audit::run_report(args),
        Some(Command::Diff(args)) => audit::run_diff(args),
        Some(Command::Questionnaire(cmd)) => audit::run_questionnaire(cmd),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(m)) => {
            eprintln!("privaudit: error: {}", escape::terminal_lines(&m));
            2
        }
        Err(Failure::Failed(m)) => {
            eprintln!("privaudit: error: {}", escape::terminal_lines(&m));
            1
        }
    }
}

/// A tokio runtime sized for a small machine.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::Failed(format!("cannot start the async runtime: {e}")))
}
