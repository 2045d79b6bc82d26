//! Tests of the interactive audit without a terminal: `update` on every question type, validation,
//! show-if, going back, session saving, quit confirmation, findings filters; and insta snapshots
//! of every screen rendered into ratatui's `TestBackend` at 80×24 and 40×12, with and without
//! colour, plus tiny sizes that must not panic.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use super::app::{Action, App, Command, Pane, Screen, SortKey, update};
use crate::model::Severity;
use crate::session::{QuestionnaireRef, Session};
use crate::target::Target;

fn new_app(path: PathBuf) -> App {
    let q = crate::questionnaire::builtin().expect("built-in questionnaire");
    let session = Session::new(
        "interactive",
        QuestionnaireRef {
            id: q.q.id.clone(),
            version: q.q.version.clone(),
            source: "built-in".into(),
        },
        vec!["sample".into()],
    );
    App::new(q, &[Target::sample()], session, path, false)
}

/// The app over the frozen sample session (answers and scan), as if resumed.
fn frozen_app() -> App {
    let text = include_str!("../../tests/golden/session.json");
    let session =
        Session::from_slice(text.as_bytes(), "golden/session.json").expect("frozen session");
    let q = crate::questionnaire::builtin().expect("built-in questionnaire");
    let mut app = App::new(
        q,
        &[Target::sample()],
        session,
        PathBuf::from("privaudit-session.json"),
        true,
    );
    app.go_to("data.categories");
    app
}

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Action {
    Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        assert_eq!(update(app, key(KeyCode::Char(c))), None, "typing {c:?}");
    }
}

fn at(app: &mut App, id: &str) {
    app.screen = Screen::Questions;
    app.pane = Pane::Middle;
    app.go_to(id);
    assert_eq!(app.current, id);
}

#[test]
fn yes_no_with_arrows_and_space_saves_and_moves_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = new_app(dir.path().join("s.json"));
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        Some(Command::SaveSession)
    );
    assert_eq!(app.session.answers["loss.backups"], json!("no"));
    assert_ne!(app.current, "loss.backups", "moves to the next question");
}

#[test]
fn multi_choice_picks_several() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.categories");
    update(&mut app, key(KeyCode::Char(' ')));
    update(&mut app, key(KeyCode::Char('j')));
    update(&mut app, key(KeyCode::Char(' ')));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.session.answers["data.categories"],
        json!(["email", "phone"])
    );
}

#[test]
fn free_text_takes_command_characters_as_text() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.subcategories");
    type_text(&mut app, "q h / ? 1 r c j k");
    assert!(!app.quit && !app.help && app.screen == Screen::Questions);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.session.answers["data.subcategories"],
        json!("q h / ? 1 r c j k")
    );
}

#[test]
fn list_items_are_added_with_enter_and_saved_on_an_empty_line() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.systems");
    type_text(&mut app, "crm");
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    type_text(&mut app, "web shop");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        Some(Command::SaveSession)
    );
    assert_eq!(
        app.session.answers["data.systems"],
        json!(["crm", "web shop"])
    );
}

#[test]
fn numbers_are_validated() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "retention.max_age_days");
    type_text(&mut app, "abc");
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error
            .as_deref()
            .is_some_and(|e| e.contains("not a number"))
    );
    assert!(!app.session.answers.contains_key("retention.max_age_days"));
    update(&mut app, ctrl('u'));
    type_text(&mut app, "99999");
    update(&mut app, key(KeyCode::Enter));
    assert!(app.error.as_deref().is_some_and(|e| e.contains("outside")));
    update(&mut app, ctrl('u'));
    type_text(&mut app, "1095");
    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        Some(Command::SaveSession)
    );
    assert_eq!(app.session.answers["retention.max_age_days"], json!(1095));
    assert_eq!(app.error, None);
}

#[test]
fn dates_are_validated() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "policy.last_updated");
    type_text(&mut app, "2026-13-40");
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error
            .as_deref()
            .is_some_and(|e| e.contains("YYYY-MM-DD"))
    );
    update(&mut app, ctrl('u'));
    type_text(&mut app, "2026-01-31");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.session.answers["policy.last_updated"],
        json!("2026-01-31")
    );
}

#[test]
fn a_scale_needs_its_justification() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "leaks.stolen_credentials_likelihood");
    update(&mut app, key(KeyCode::Char('3')));
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error
            .as_deref()
            .is_some_and(|e| e.contains("justification"))
    );
    update(&mut app, key(KeyCode::Down));
    type_text(&mut app, "shared logins; 4 is too high");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.session.answers["leaks.stolen_credentials_likelihood"],
        json!({"value": 3, "justification": "shared logins; 4 is too high"})
    );
}

#[test]
fn show_if_hides_and_shows_questions_as_answers_change() {
    let mut app = new_app(PathBuf::from("unused.json"));
    assert!(
        !app.visible_ids()
            .contains(&"loss.restore_tested".to_string())
    );
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Char(' '))); // yes
    update(&mut app, key(KeyCode::Enter));
    assert!(
        app.visible_ids()
            .contains(&"loss.restore_tested".to_string())
    );
    assert_eq!(
        app.current, "loss.restore_tested",
        "the new question is next"
    );
    // Back to the condition and change it: the dependent question hides again.
    update(&mut app, key(KeyCode::Char('p')));
    assert_eq!(app.current, "loss.backups");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' '))); // no
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.session.answers["loss.backups"], json!("no"));
    assert!(
        !app.visible_ids()
            .contains(&"loss.restore_tested".to_string())
    );
    assert_ne!(app.current, "loss.restore_tested");
}

#[test]
fn going_back_shows_and_changes_an_earlier_answer() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.subcategories");
    type_text(&mut app, "first");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.current, "data.sources");
    update(&mut app, key(KeyCode::Esc)); // to the section list
    assert_eq!(app.pane, Pane::Left);
    update(&mut app, key(KeyCode::Up));
    assert_eq!(app.current, "data.subcategories");
    update(&mut app, key(KeyCode::Enter)); // into the editor, which holds the answer
    assert_eq!(app.pane, Pane::Middle);
    update(&mut app, key(KeyCode::Backspace));
    type_text(&mut app, "ST");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.session.answers["data.subcategories"], json!("firsST"));
}

#[test]
fn every_answer_is_saved_to_the_session_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("session.json");
    let mut app = new_app(path.clone());
    at(&mut app, "data.subcategories");
    type_text(&mut app, "orders");
    let cmd = update(&mut app, key(KeyCode::Enter)).expect("a command");
    assert_eq!(cmd, Command::SaveSession);
    app.perform(&cmd).expect("saved");
    let back = Session::load(&path).expect("load");
    assert_eq!(back.answers["data.subcategories"], json!("orders"));
    assert_eq!(back.position.as_deref(), Some("data.sources"));
    // A second answer is on disk too, and a new app resumes at the position.
    update(&mut app, key(KeyCode::Char(' ')));
    let cmd = update(&mut app, key(KeyCode::Enter)).expect("a command");
    app.perform(&cmd).expect("saved");
    let back = Session::load(&path).expect("load");
    assert_eq!(back.answers.len(), 2);
    let q = crate::questionnaire::builtin().expect("q");
    let resumed = App::new(q, &[Target::sample()], back, path, true);
    assert_eq!(resumed.current, app.current);
    assert_eq!(resumed.screen, Screen::Questions);
}

#[test]
fn quitting_while_scanning_asks_first() {
    let mut app = new_app(PathBuf::from("unused.json"));
    assert!(matches!(
        app.initial_command(),
        Some(Command::StartScan(1, None))
    ));
    assert!(app.scanning());
    assert_eq!(update(&mut app, key(KeyCode::Char('q'))), None);
    assert!(app.confirm_quit && !app.quit);
    update(&mut app, key(KeyCode::Char('n')));
    assert!(!app.confirm_quit && !app.quit);
    update(&mut app, key(KeyCode::Char('q')));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('y'))),
        Some(Command::Quit)
    );
    assert!(app.quit);
    // Without a scan, q quits at once.
    let mut idle = frozen_app();
    idle.screen = Screen::Findings;
    assert_eq!(
        update(&mut idle, key(KeyCode::Char('q'))),
        Some(Command::Quit)
    );
}

#[test]
fn scan_events_update_progress_and_stale_scans_are_ignored() {
    use crate::scan::ScanEvent;
    let mut app = new_app(PathBuf::from("unused.json"));
    let Some(Command::StartScan(g, None)) = app.initial_command() else {
        panic!("no scan")
    };
    update(
        &mut app,
        Action::Scan(
            g,
            ScanEvent::CatalogRead {
                target: 0,
                tables: 3,
            },
        ),
    );
    update(
        &mut app,
        Action::Scan(
            g,
            ScanEvent::TableDone {
                target: 0,
                table: "main.a".into(),
                found: 1,
            },
        ),
    );
    assert_eq!(app.progress(), (1, 3));
    update(
        &mut app,
        Action::Scan(
            g + 7,
            ScanEvent::CatalogRead {
                target: 0,
                tables: 99,
            },
        ),
    );
    assert_eq!(app.progress(), (1, 3));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('c'))),
        Some(Command::CancelScan)
    );
    assert!(!app.scanning());
    let frozen = frozen_app().session.scan.expect("scan");
    assert_eq!(
        update(&mut app, Action::ScanDone(g, Ok(Box::new(frozen.clone())))),
        None
    );
    let Some(Command::StartScan(g2, None)) = update(&mut app, key(KeyCode::Char('r'))) else {
        panic!("no rescan")
    };
    assert_eq!(
        update(&mut app, Action::ScanDone(g2, Ok(Box::new(frozen)))),
        Some(Command::SaveSession)
    );
    assert!(!app.audit.scan.findings.is_empty());
}

#[test]
fn one_target_can_be_scanned_again() {
    let mut app = frozen_app();
    update(&mut app, key(KeyCode::Char('1')));
    let Some(Command::StartScan(g, Some(0))) = update(&mut app, key(KeyCode::Char('t'))) else {
        panic!("no one-target scan")
    };
    let mut part = app.session.scan.clone().expect("scan");
    part.columns.truncate(3);
    let cmd = update(&mut app, Action::ScanDone(g, Ok(Box::new(part))));
    assert_eq!(cmd, Some(Command::SaveSession));
    let scan = app.session.scan.as_ref().expect("merged");
    assert_eq!(scan.columns.len(), 3);
    assert_eq!(scan.databases.len(), 1);
    assert_eq!(app.targets[0].state, super::app::TargetState::Done);
}

#[test]
fn findings_filter_and_sort() {
    let mut app = frozen_app();
    update(&mut app, key(KeyCode::Char('3')));
    assert_eq!(app.screen, Screen::Findings);
    let all = app.visible_findings().len();
    assert!(all > 5);
    // Severity: low, medium, high.
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Char('v')));
    }
    assert_eq!(app.min_severity, Some(Severity::High));
    let high = app.visible_findings();
    assert!(!high.is_empty() && high.len() < all);
    assert!(
        high.iter()
            .all(|i| app.audit.scan.findings[*i].severity >= Severity::High)
    );
    // Text filter; `q` typed into it is text.
    update(&mut app, key(KeyCode::Char('/')));
    type_text(&mut app, "q");
    assert!(!app.quit);
    update(&mut app, key(KeyCode::Backspace));
    type_text(&mut app, "email");
    update(&mut app, key(KeyCode::Enter));
    let shown = app.visible_findings();
    for i in &shown {
        let f = &app.audit.scan.findings[*i];
        let hay = format!(
            "{} {} {} {}",
            f.title,
            f.location,
            f.id,
            f.evidence.join(" ")
        )
        .to_lowercase();
        assert!(hay.contains("email"), "{hay}");
    }
    // Esc clears every filter; sort by source orders by source name.
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.visible_findings().len(), all);
    update(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.sort, SortKey::Source);
    let names: Vec<&str> = app
        .visible_findings()
        .iter()
        .map(|i| app.audit.scan.findings[*i].source.name())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn findings_follow_the_answers() {
    let mut app = frozen_app();
    let ids = |app: &App| -> Vec<String> {
        app.audit
            .scan
            .findings
            .iter()
            .map(|f| f.id.clone())
            .collect()
    };
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Char(' '))); // yes
    update(&mut app, key(KeyCode::Enter));
    let with_backups = ids(&app);
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' '))); // no
    update(&mut app, key(KeyCode::Enter));
    assert_ne!(
        ids(&app),
        with_backups,
        "findings are recomputed on an answer"
    );
}

#[test]
fn export_writes_the_report_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = frozen_app();
    update(&mut app, key(KeyCode::Char('6')));
    update(&mut app, key(KeyCode::Char('e')));
    update(&mut app, ctrl('u'));
    let out = dir.path().join("out");
    type_text(&mut app, &out.display().to_string());
    let cmd = update(&mut app, key(KeyCode::Enter)).expect("export");
    assert_eq!(cmd, Command::Export(out.clone()));
    let msg = app.perform(&cmd).expect("written");
    assert!(msg.contains("report.md"), "{msg}");
    for f in crate::report::audit::FILES {
        assert!(out.join(f).exists(), "{f}");
    }
}

#[test]
fn help_is_generated_from_the_bindings() {
    let mut app = frozen_app();
    update(&mut app, key(KeyCode::Char('?')));
    assert!(app.help);
    let text = render(&app, 120, 50, false);
    for b in super::keys::BINDINGS {
        assert!(text.contains(b.help), "help lacks {}", b.help);
    }
    // Scrolls on small screens; the footer comes from the same table.
    update(&mut app, key(KeyCode::Down));
    assert_eq!(app.help_scroll, 1);
    for (k, label) in super::keys::footer(Screen::Questions) {
        assert!(
            super::keys::BINDINGS
                .iter()
                .any(|b| b.label == label && b.keys[0].label() == k)
        );
    }
    update(&mut app, key(KeyCode::Esc));
    assert!(!app.help);
}

// ---- snapshots ----

fn buffer_text(b: &Buffer) -> String {
    let w = b.area.width as usize;
    let mut out = String::new();
    for (i, cell) in b.content().iter().enumerate() {
        out.push_str(cell.symbol());
        if w > 0 && (i + 1) % w == 0 {
            out.push('\n');
        }
    }
    out
}

fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| super::view::draw(f, app)).expect("draw");
    t.backend().buffer().clone()
}

fn render(app: &App, w: u16, h: u16, color: bool) -> String {
    let _ = color;
    buffer_text(&draw(app, w, h))
}

fn screens() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    for (name, screen) in [
        ("start", Screen::Start),
        ("questions", Screen::Questions),
        ("findings", Screen::Findings),
        ("inventory", Screen::Inventory),
        ("access", Screen::Access),
        ("report", Screen::Report),
    ] {
        let mut app = frozen_app();
        app.screen = screen;
        app.pane = if screen == Screen::Questions {
            Pane::Middle
        } else {
            Pane::Left
        };
        out.push((name, app));
    }
    let mut scale = frozen_app();
    scale.go_to("leaks.stolen_credentials_likelihood");
    out.push(("question_scale", scale));
    let mut list = frozen_app();
    list.go_to("data.systems");
    out.push(("question_list", list));
    let mut scanning = frozen_app();
    scanning.screen = Screen::Start;
    let Some(Command::StartScan(g, None)) = update(&mut scanning, key(KeyCode::Char('r'))) else {
        panic!("no scan")
    };
    for ev in [
        crate::scan::ScanEvent::CatalogRead {
            target: 0,
            tables: 14,
        },
        crate::scan::ScanEvent::TableDone {
            target: 0,
            table: "main.customers".into(),
            found: 9,
        },
        crate::scan::ScanEvent::TableStarted {
            target: 0,
            table: "main.orders".into(),
        },
    ] {
        update(&mut scanning, Action::Scan(g, ev));
    }
    scanning.message = None;
    out.push(("scanning", scanning));
    let mut help = frozen_app();
    help.help = true;
    out.push(("help", help));
    let mut confirm = frozen_app();
    confirm.confirm_quit = true;
    out.push(("confirm_quit", confirm));
    out
}

#[test]
fn snapshots_without_colour() {
    for (name, mut app) in screens() {
        app.color = false;
        for (w, h) in [(80, 24), (40, 12)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}_plain"), render(&app, w, h, false));
        }
    }
}

#[test]
fn snapshots_with_colour() {
    for (name, app) in screens() {
        for (w, h) in [(80, 24), (40, 12)] {
            insta::assert_snapshot!(
                format!("{name}_{w}x{h}_color"),
                format!("{:?}", draw(&app, w, h))
            );
        }
    }
}

#[test]
fn no_colour_has_no_colours() {
    for (_, mut app) in screens() {
        app.color = false;
        let b = draw(&app, 80, 24);
        for c in b.content() {
            assert_eq!(c.fg, ratatui::style::Color::Reset);
            assert_eq!(c.bg, ratatui::style::Color::Reset);
        }
    }
}

#[test]
fn tiny_sizes_never_panic() {
    for (_, app) in screens() {
        for (w, h) in [(20, 5), (80, 0), (0, 24), (0, 0), (1, 1), (10, 3), (39, 11)] {
            let _ = draw(&app, w, h);
        }
    }
}

#[test]
fn both_faces_compile_the_same_report_from_the_same_answers_and_scan() {
    // The demo answers and the frozen sample scan, through the scripted audit's core call and
    // through the interactive audit's export.
    let q = crate::questionnaire::builtin().expect("questionnaire");
    let text = include_str!("../../samples/answers.toml");
    let answers = crate::answers::parse(text, "samples/answers.toml", &q).expect("answers");
    let mut app = frozen_app();
    let scan = app.session.scan.clone().expect("frozen scan");
    app.session.answers = answers.clone();
    app.recompute();
    let dir = tempfile::tempdir().expect("tempdir");
    let tui_dir = dir.path().join("tui");
    app.perform(&Command::Export(tui_dir.clone()))
        .expect("export");
    let scripted = crate::audit::compile(&q, &answers, scan, "scripted", false);
    let cli_dir = dir.path().join("cli");
    crate::report::audit::write_dir(&cli_dir, &scripted, &q).expect("write");
    for f in crate::report::audit::FILES {
        let a = std::fs::read_to_string(cli_dir.join(f)).expect("cli file");
        let b = std::fs::read_to_string(tui_dir.join(f)).expect("tui file");
        // The mode is the one thing that differs: "scripted" vs "interactive"; and the audit's
        // own start and end times, which only the export stamps (the scripted path stamps its
        // own in `run_audit`).
        let b = b.replace("interactive", "scripted");
        let b = if f == "report.json" {
            let mut v: serde_json::Value = serde_json::from_str(&b).expect("json");
            let meta = v["audit"].as_object_mut().expect("audit meta");
            assert!(
                meta.remove("started_at").is_some(),
                "the export stamps a start"
            );
            assert!(
                meta.remove("finished_at").is_some(),
                "the export stamps an end"
            );
            let cli: serde_json::Value = serde_json::from_str(&a).expect("json");
            assert_eq!(cli, v, "report.json differs between the faces");
            a.clone()
        } else {
            let kept: Vec<&str> = b
                .lines()
                .filter(|l| !l.starts_with("- **Audit:**"))
                .collect();
            assert!(kept.len() < b.lines().count() || f != "report.md");
            kept.iter().map(|l| format!("{l}\n")).collect()
        };
        assert_eq!(a, b, "{f} differs between the faces");
    }
}

#[test]
fn the_declared_retention_period_is_counted_by_the_next_scan() {
    let q = crate::questionnaire::builtin().expect("questionnaire");
    let mut answers = crate::answers::Answers::new();
    answers.insert("retention.max_age_days".into(), json!(400));
    let base = crate::scan::ScanOptions::new(std::sync::Arc::new(
        crate::rules::RuleSet::builtin().expect("rules"),
    ));
    let opts = crate::audit::scan_options(&answers, &base);
    assert_eq!(opts.retention_days, vec![365, 730, 1825, 400]);
    // A scan made before the answer still raises the finding from the oldest row's age.
    let mut app = frozen_app();
    app.session.answers = answers;
    app.recompute();
    let f = app
        .audit
        .scan
        .findings
        .iter()
        .find(|f| f.title.contains("longer than the declared 400 days"))
        .expect("retention finding without a 400-day bucket");
    assert!(f.evidence.iter().any(|e| e.contains("at least 1")), "{f:?}");
    let _ = q;
}

#[test]
fn the_report_preview_renders_markdown_not_its_source() {
    let app = frozen_app();
    let backend = TestBackend::new(100, 40);
    let mut terminal = Terminal::new(backend).expect("terminal");
    let mut app = app;
    update(&mut app, key(KeyCode::Char('6')));
    terminal.draw(|f| super::view::draw(f, &app)).expect("draw");
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Privacy audit report"), "{text}");
    assert!(!text.contains("# Privacy"), "headings lose their #");
    assert!(!text.contains("**"), "bold markers are gone");
}

#[test]
fn the_access_screen_shows_who_reads_which_table_as_a_grid() {
    let mut app = frozen_app();
    app.screen = Screen::Access;
    // SQLite: no roles, and the screen says why instead of an empty table.
    let text = render(&app, 80, 24, false);
    assert!(text.contains("No database roles"), "{text}");
    let record = |role: &str, table: &str, state| crate::model::AccessRecord {
        database: "shop".into(),
        schema: "public".into(),
        table: table.into(),
        column: None,
        role: role.into(),
        privilege: "SELECT".into(),
        via: "direct grant".into(),
        state,
        note: None,
    };
    use crate::model::AccessState::{Confirmed, Indeterminate};
    app.audit.scan.access = vec![
        record("app_service", "customers", Confirmed),
        record("app_service", "orders", Confirmed),
        record(
            "reporting_with_a_very_long_role_name",
            "orders",
            Indeterminate,
        ),
    ];
    let text = render(&app, 80, 24, false);
    assert!(text.contains("Who reads which table"), "{text}");
    assert!(
        text.contains("1 public.customers") && text.contains("2 public.orders"),
        "{text}"
    );
    let row = |name: &str| {
        text.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{text}"))
            .to_string()
    };
    let app_row = row("app_service ");
    assert_eq!(app_row.matches('●').count(), 2, "{app_row}");
    // A long name is elided in the middle, both ends kept.
    let long = row("reporting_w");
    assert!(long.contains('…') && long.contains("name"), "{long}");
    assert!(long.contains('?') && long.contains('·'), "{long}");
    // The list of records is still there under the grid.
    assert!(text.contains("Readers of personal data"), "{text}");
    // Narrow terminals never panic and keep the list.
    for (w, h) in [(60, 20), (40, 12), (20, 8)] {
        let _ = render(&app, w, h, false);
    }
}
