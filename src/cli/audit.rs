//! `privaudit audit`, `privaudit report`, `privaudit diff` and `privaudit questionnaire`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use privaudit::audit::{self, AuditReport};
use privaudit::escape;
use privaudit::model::Severity;
use privaudit::questionnaire::{self, Loaded};
use privaudit::report::audit as audit_report;
use privaudit::session::{QuestionnaireRef, Session};

use super::Failure;
use super::scan::{ScanFlags, print_timings, run_scan};

/// Severity threshold for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding.
    Info,
    /// Low or worse.
    Low,
    /// Medium or worse.
    Medium,
    /// High or worse.
    High,
    /// Critical only.
    Critical,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Info => Severity::Info,
            FailOn::Low => Severity::Low,
            FailOn::Medium => Severity::Medium,
            FailOn::High => Severity::High,
            FailOn::Critical => Severity::Critical,
        }
    }
}

/// Arguments of `privaudit audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub flags: ScanFlags,
    /// The answers (TOML keyed by question id: `data.categories = [...]` or `[data]` tables).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Questionnaire to answer (default: the built-in questionnaires/default.toml).
    #[arg(long, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
    /// Directory for report.md, report.json, findings.csv, inventory.csv and access.csv.
    #[arg(long, value_name = "DIR", default_value = "privaudit-report")]
    pub out: PathBuf,
    /// Exit with code 3 when a finding is at least this severe.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Also save the session (answers, scan results, metadata) to FILE, for `privaudit report`.
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// Turn required questions left unanswered into findings instead of an error.
    #[arg(long)]
    pub allow_unanswered: bool,
    /// An earlier report.json (or session) to compare with; adds a "changes" section.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,
}

/// Arguments of `privaudit report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A session file written by `privaudit audit --session` or the interactive audit.
    pub session: PathBuf,
    /// Output directory.
    #[arg(long, value_name = "DIR", default_value = "privaudit-report")]
    pub out: PathBuf,
    /// The questionnaire, when the session used a file that has moved.
    #[arg(long, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
}

/// Output of `privaudit diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// Arguments of `privaudit diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier report.json or session file.
    pub old: PathBuf,
    /// The later one.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DiffFormat,
}

/// `privaudit questionnaire …`.
#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Validate a questionnaire; every problem is printed with file, line and column.
    Check {
        /// The questionnaire TOML file.
        file: PathBuf,
    },
    /// Print an answers file with every question as a commented entry, ready to fill in.
    Template {
        /// The questionnaire (default: the built-in one).
        file: Option<PathBuf>,
    },
}

fn load_questionnaire(path: Option<&std::path::Path>) -> Result<Loaded, Failure> {
    questionnaire::load(path).map_err(Failure::Usage)
}

fn qref(q: &Loaded, path: Option<&std::path::Path>) -> QuestionnaireRef {
    QuestionnaireRef {
        id: q.q.id.clone(),
        version: q.q.version.clone(),
        source: path.map_or_else(|| "built-in".to_string(), |p| p.display().to_string()),
    }
}

fn read_json(path: &std::path::Path) -> Result<serde_json::Value, Failure> {
    let text = std::fs::read(path)
        .map_err(|e| Failure::Failed(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_slice(&text).map_err(|e| {
        Failure::Usage(format!(
            "{}:{}:{}: not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

fn write_reports(dir: &std::path::Path, r: &AuditReport, q: &Loaded) -> Result<(), Failure> {
    let written = audit_report::write_dir(dir, r, q).map_err(|e| {
        Failure::Failed(format!("cannot write reports into {}: {e}", dir.display()))
    })?;
    let mut summary = Vec::new();
    let _ = audit_report::write_summary(&mut summary, r);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(escape::terminal_lines(&String::from_utf8_lossy(&summary)).as_bytes());
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let _ = writeln!(
        out,
        "Wrote {} into {}",
        escape::terminal(&names.join(", ")),
        escape::terminal(&dir.display().to_string())
    );
    Ok(())
}

/// `privaudit audit`.
pub fn run_audit(args: AuditArgs) -> Result<i32, Failure> {
    let started_at = privaudit::scan::now();
    let q = load_questionnaire(args.questionnaire.as_deref())?;
    let text = std::fs::read_to_string(&args.answers).map_err(|e| {
        Failure::Usage(format!(
            "cannot read answers {}: {e}",
            args.answers.display()
        ))
    })?;
    let parsed = privaudit::answers::parse_full(&text, &args.answers.display().to_string(), &q)
        .map_err(|errs| {
            Failure::Usage(format!(
                "{} problem(s) in the answers:\n{}",
                errs.len(),
                errs.iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ))
        })?;
    let answers = parsed.answers;
    let missing = privaudit::answers::unanswered_required(&q, &answers);
    if !missing.is_empty() && !args.allow_unanswered {
        return Err(Failure::Usage(format!(
            "{} required question(s) unanswered in {} (answer them, or pass --allow-unanswered to report them as findings):\n{}",
            missing.len(),
            args.answers.display(),
            missing
                .iter()
                .map(|id| format!(
                    "  {id}: {}",
                    q.get(id).map(|r| r.question.prompt.as_str()).unwrap_or("")
                ))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    let baseline = args.baseline.as_deref().map(read_json).transpose()?;
    let (targets, opts) = args.flags.prepare()?;
    let opts = audit::scan_options(&answers, &opts);
    let (scan, timings) = run_scan(&targets, &opts, args.flags.quiet)?;
    let report_started = std::time::Instant::now();
    let failed = scan.databases.iter().any(|d| d.error.is_some());
    // The audit ends when its results are saved; a session holds the same two times, so
    // `privaudit report SESSION` renders the same report again.
    let mut finished_at = privaudit::scan::now();
    if let Some(path) = &args.session {
        let mut s = Session::new(
            "scripted",
            qref(&q, args.questionnaire.as_deref()),
            targets.iter().map(|t| t.display.clone()).collect(),
        );
        s.created_at = started_at.clone();
        s.answers = answers.clone();
        s.notes = parsed.notes.clone();
        s.scan = Some(scan.clone());
        s.save(path).map_err(Failure::Failed)?;
        finished_at = s.updated_at.clone();
    }
    let mut report = audit::compile(&q, &answers, scan, "scripted", args.allow_unanswered);
    report.notes = parsed.notes;
    audit::stamp(&mut report, &started_at, &finished_at);
    if let Some(old) = &baseline {
        let new = serde_json::to_value(&report).map_err(|e| Failure::Failed(e.to_string()))?;
        report.diff = Some(audit::diff(old, &new));
    }
    write_reports(&args.out, &report, &q)?;
    if args.flags.timings {
        print_timings(&timings, report_started.elapsed());
    }
    if failed {
        return Ok(1);
    }
    if let Some(t) = args.fail_on
        && report
            .scan
            .findings
            .iter()
            .any(|f| f.severity >= t.severity())
    {
        eprintln!(
            "privaudit: findings reached --fail-on {}",
            t.severity().name()
        );
        return Ok(3);
    }
    Ok(0)
}

/// `privaudit report`.
pub fn run_report(args: ReportArgs) -> Result<i32, Failure> {
    let s = Session::load(&args.session).map_err(Failure::Failed)?;
    let qpath = args.questionnaire.clone().or_else(|| {
        (s.questionnaire.source != "built-in").then(|| PathBuf::from(&s.questionnaire.source))
    });
    let q = load_questionnaire(qpath.as_deref())?;
    if q.q.id != s.questionnaire.id {
        return Err(Failure::Usage(format!(
            "the session answers questionnaire `{}` but `{}` was loaded; pass --questionnaire FILE",
            s.questionnaire.id, q.q.id
        )));
    }
    let Some(scan) = s.scan.clone() else {
        return Err(Failure::Failed(format!(
            "{} has no scan results yet; run the scan first",
            args.session.display()
        )));
    };
    let mut report = audit::compile(&q, &s.answers, scan, &s.mode, true);
    report.notes = s.notes.clone();
    // The session's own times: a report rendered again says when the audit was done.
    audit::stamp(&mut report, &s.created_at, &s.updated_at);
    write_reports(&args.out, &report, &q)?;
    Ok(0)
}

/// `privaudit diff`.
pub fn run_diff(args: DiffArgs) -> Result<i32, Failure> {
    let old = read_json(&args.old)?;
    let new = read_json(&args.new)?;
    for (path, v) in [(&args.old, &old), (&args.new, &new)] {
        audit::check_comparable(v)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    }
    let d = audit::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    let res = match args.format {
        DiffFormat::Json => privaudit::report::write_json_value(&mut out, &d),
        DiffFormat::Markdown => audit_report::write_diff_markdown(&mut out, &d),
    };
    res.map_err(|e| Failure::Failed(format!("cannot write: {e}")))?;
    Ok(0)
}

/// `privaudit questionnaire …`.
pub fn run_questionnaire(cmd: QuestionnaireCommand) -> Result<i32, Failure> {
    match cmd {
        QuestionnaireCommand::Check { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
            let loaded = match questionnaire::parse(&text, &file.display().to_string()) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("{}", escape::terminal_lines(&e.to_string()));
                    return Ok(1);
                }
            };
            let problems = questionnaire::check::check(&loaded);
            for p in &problems {
                eprintln!("{}", escape::terminal_lines(&p.to_string()));
            }
            if problems.is_empty() {
                println!(
                    "{}: ok ({} `{}` version {}, {} sections, {} questions)",
                    file.display(),
                    loaded.q.title,
                    loaded.q.id,
                    loaded.q.version,
                    loaded.q.sections.len(),
                    loaded.len()
                );
                Ok(0)
            } else {
                eprintln!("{} problem(s)", problems.len());
                Ok(1)
            }
        }
        QuestionnaireCommand::Template { file } => {
            let q = load_questionnaire(file.as_deref())?;
            print!("{}", questionnaire::template::template(&q));
            Ok(0)
        }
    }
}
