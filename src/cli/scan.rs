//! `privaudit scan`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use privaudit::escape;
use privaudit::report::{self, Format};
use privaudit::rules::RuleSet;
use privaudit::scan::{self, ScanEvent, ScanOptions};
use privaudit::target::Target;
use tokio_util::sync::CancellationToken;

use super::{Failure, runtime};

/// Options shared by `scan` and `audit`: what to scan and how gently.
#[derive(Debug, Args, Clone)]
pub struct ScanFlags {
    /// Database to scan (repeatable): postgres://USER@HOST:PORT/DB, mysql://… or mariadb://…,
    /// sqlite://PATH, a path to a SQLite file, or `sample` (the built-in demo shop, the default).
    /// Passwords may come from PGPASSWORD / MYSQL_PWD instead of the URL.
    #[arg(long = "db", value_name = "URL")]
    pub db: Vec<String>,
    /// Stray positional words: taken so the argument parser never echoes a URL with its
    /// password; rejected in `prepare` with a redacted "did you mean --db".
    #[arg(hide = true, value_name = "STRAY")]
    pub stray: Vec<String>,
    /// Rows sampled per table at most.
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub sample_rows: u64,
    /// Only scan objects matching this glob over schema.table or schema.table.column (repeatable).
    #[arg(long, value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Leave out objects matching this glob (repeatable); they are listed as skipped, "excluded".
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// Report columns whose confidence is at least this (0–1).
    #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = confidence)]
    pub min_confidence: f64,
    /// Extra detection rules (TOML, same format as the built-in rules) extending or overriding them.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Per-statement timeout in seconds; a table that times out is skipped and the scan goes on.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub statement_timeout: u64,
    /// Seconds a server may take to accept a connection and a login; a server that does not
    /// answer in time is reported as failed and the other databases are scanned.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub connect_timeout: u64,
    /// Connections per database at most.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub max_connections: u32,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print where the time went on stderr: per database connect, catalog, sampling,
    /// classification, retention, access and report, and the slowest tables.
    #[arg(long)]
    pub timings: bool,
}

fn confidence(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1"))
    }
}

/// Arguments of `privaudit scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub flags: ScanFlags,
    /// Output format; `table` on a terminal, `json` otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// With --format csv: which records (CSV holds one kind of record per file).
    #[arg(long, value_enum, default_value = "inventory")]
    pub csv: privaudit::report::CsvSection,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl ScanFlags {
    /// Parse targets and build options; errors are usage errors.
    pub fn prepare(&self) -> Result<(Vec<Target>, ScanOptions), Failure> {
        if let Some(stray) = self.stray.first() {
            return Err(Failure::Usage(privaudit::target::stray_argument_message(
                stray,
            )));
        }
        let targets = if self.db.is_empty() {
            vec![Target::sample()]
        } else {
            self.db
                .iter()
                .map(|u| Target::parse(u).map_err(|e| Failure::Usage(e.0)))
                .collect::<Result<Vec<_>, _>>()?
        };
        let (targets, warnings) = privaudit::target::dedupe(targets);
        for w in &warnings {
            eprintln!("privaudit: warning: {}", escape::terminal(w));
        }
        let rules = match &self.rules {
            Some(p) => RuleSet::with_user_file(p),
            None => RuleSet::builtin(),
        }
        .map_err(|e| Failure::Usage(format!("{e:#}")))?;
        let mut opts = ScanOptions::new(Arc::new(rules));
        opts.sample_rows = self.sample_rows;
        opts.include = self.include.clone();
        opts.exclude = self.exclude.clone();
        opts.min_confidence = self.min_confidence;
        opts.statement_timeout = Duration::from_secs(self.statement_timeout);
        opts.connect_timeout = Duration::from_secs(self.connect_timeout);
        opts.max_connections = self.max_connections;
        scan::Filter::new(&opts.include, &opts.exclude).map_err(Failure::Usage)?;
        Ok((targets, opts))
    }
}

/// Run a scan with a progress bar on stderr (when it is a terminal and not `--quiet`) and a
/// one-line error per failed target.
pub fn run_scan(
    targets: &[Target],
    opts: &ScanOptions,
    quiet: bool,
) -> Result<(privaudit::model::ScanReport, scan::Timings), Failure> {
    let rt = runtime()?;
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let cancel = CancellationToken::new();
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = ProgressBar::with_draw_target(
            Some(0),
            if show {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template("{spinner} scanning {pos}/{len} tables {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        let interrupt = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                interrupt.cancel();
            }
        });
        let scan = scan::run_timed(targets, opts, tx, cancel.clone());
        tokio::pin!(scan);
        let mut failures = Vec::new();
        let report = loop {
            tokio::select! {
                r = &mut scan => break r,
                Some(ev) = rx.recv() => match ev {
                    ScanEvent::CatalogRead { tables, .. } => bar.inc_length(tables as u64),
                    ScanEvent::TableStarted { table, .. } => {
                        bar.set_message(escape::terminal(&table).into_owned());
                    }
                    ScanEvent::TableDone { .. } => bar.inc(1),
                    ScanEvent::TargetFailed { target, error } => {
                        failures.push((target, error));
                    }
                    _ => {}
                },
            }
        };
        while let Ok(ev) = rx.try_recv() {
            if let ScanEvent::TargetFailed { target, error } = ev {
                failures.push((target, error));
            }
        }
        bar.finish_and_clear();
        for (i, error) in &failures {
            if let Some(t) = targets.get(*i) {
                eprintln!(
                    "privaudit: error: {}: {}",
                    escape::terminal(&t.to_string()),
                    escape::terminal_lines(error)
                );
            }
        }
        if cancel.is_cancelled() {
            return Err(Failure::Failed("interrupted".into()));
        }
        let (report, timings) = report.map_err(Failure::Usage)?;
        if !quiet {
            for w in &report.warnings {
                eprintln!("privaudit: warning: {}", escape::terminal(w));
            }
        }
        Ok((report, timings))
    })
}

/// The slowest tables `--timings` lists per database.
const SLOWEST_TABLES: usize = 5;

/// `--timings`: where the time went, on stderr.
pub fn print_timings(timings: &scan::Timings, report: Duration) {
    eprintln!("privaudit: timings");
    for line in timings.lines(Some(report), SLOWEST_TABLES) {
        eprintln!("  {}", escape::terminal(&line));
    }
}

/// `privaudit scan`.
pub fn run(args: ScanArgs) -> Result<i32, Failure> {
    let (targets, opts) = args.flags.prepare()?;
    let (report, timings) = run_scan(&targets, &opts, args.flags.quiet)?;
    let report_started = std::time::Instant::now();
    let format = args
        .format
        .unwrap_or(if args.out.is_none() && std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Json
        });
    let mut buf = Vec::new();
    report::write(&mut buf, &report, format, args.csv, None)
        .map_err(|e| Failure::Failed(format!("cannot write the report: {e}")))?;
    match &args.out {
        Some(path) => privaudit::fsutil::write_atomic(path, &buf)
            .map_err(|e| Failure::Failed(format!("cannot write {}: {e}", path.display())))?,
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&buf).and_then(|()| out.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(Failure::Failed(format!(
                    "cannot write to standard output: {e}"
                )));
            }
        }
    }
    if args.flags.timings {
        print_timings(&timings, report_started.elapsed());
    }
    let failed = report.databases.iter().any(|d| d.error.is_some());
    Ok(if failed { 1 } else { 0 })
}
