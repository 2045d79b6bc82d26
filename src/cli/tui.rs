//! `privaudit run` (and `privaudit` with no arguments): the interactive audit.

use std::path::PathBuf;

use clap::Args;
use privaudit::questionnaire;
use privaudit::session::{QuestionnaireRef, Session};
use privaudit::tui::app::App;
use privaudit::tui::run::{self, Options};

use super::Failure;
use super::scan::ScanFlags;

/// Arguments of `privaudit run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scan options, the same as `scan` and `audit` take (one definition for all three).
    #[command(flatten)]
    pub scan: ScanFlags,
    /// Questionnaire to answer (default: the built-in questionnaires/default.toml).
    #[arg(long, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
    /// Session file: answers and scan results, saved after every answer; resumed when it exists.
    #[arg(long, value_name = "FILE", default_value = "privaudit-session.json")]
    pub session: PathBuf,
    /// No colours (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
    /// Capture the mouse (wheel scrolls); off by default because it breaks text selection.
    #[arg(long)]
    pub mouse: bool,
}

/// Run the interactive audit.
pub fn run(args: RunArgs) -> Result<i32, Failure> {
    // Stray positional words are rejected here, redacted, before anything else happens.
    let (targets, opts) = args.scan.prepare()?;
    if !run::is_terminal() {
        return Err(Failure::Usage(
            "the interactive audit needs a terminal (stdin and stdout); for scripts use `privaudit audit --answers FILE`".into(),
        ));
    }
    let q = questionnaire::load(args.questionnaire.as_deref()).map_err(Failure::Usage)?;
    let shown: Vec<String> = targets.iter().map(|t| t.display.clone()).collect();
    let session_path = if args.session.as_os_str().is_empty() {
        run::default_session()
    } else {
        args.session.clone()
    };
    let (session, resumed) = if session_path.exists() {
        let mut s = Session::load(&session_path).map_err(Failure::Usage)?;
        if s.questionnaire.id != q.q.id {
            return Err(Failure::Usage(format!(
                "{} answers questionnaire `{}`, not `{}`; pass --session with another file",
                session_path.display(),
                s.questionnaire.id,
                q.q.id
            )));
        }
        if s.targets != shown {
            // The saved scan is of other databases: keep the answers, scan the new targets.
            s.scan = None;
            s.targets = shown;
        }
        s.mode = "interactive".into();
        (s, true)
    } else {
        let qref = QuestionnaireRef {
            id: q.q.id.clone(),
            version: q.q.version.clone(),
            source: args
                .questionnaire
                .as_ref()
                .map_or_else(|| "built-in".to_string(), |p| p.display().to_string()),
        };
        (Session::new("interactive", qref, shown), false)
    };
    let mut app = App::new(q, &targets, session, session_path, resumed);
    app.color = run::want_color(args.no_color);
    run::run(Options {
        targets,
        scan: opts,
        app,
        mouse: args.mouse,
    })
    .map_err(Failure::Failed)?;
    Ok(0)
}
