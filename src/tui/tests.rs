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

use super::app::{Action, App, Command, Focus, Pane, Pending, Screen, SortKey, update};
use super::input::Editor;
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
    update(&mut app, key(KeyCode::Enter)); // into the text field
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
    update(&mut app, key(KeyCode::Enter));
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
    update(&mut app, key(KeyCode::Enter));
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
    update(&mut app, key(KeyCode::Enter));
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
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Right));
    }
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None); // to the justification
    assert_eq!(app.focus, Focus::Input);
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error
            .as_deref()
            .is_some_and(|e| e.contains("justification"))
    );
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
    update(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "first");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.current, "data.sources");
    update(&mut app, key(KeyCode::Esc)); // to the section list
    assert_eq!(app.pane, Pane::Left);
    update(&mut app, key(KeyCode::Up));
    assert_eq!(app.current, "data.subcategories");
    update(&mut app, key(KeyCode::Enter)); // into the question, which holds the answer
    assert_eq!(app.pane, Pane::Middle);
    update(&mut app, key(KeyCode::Enter)); // into its text field
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
    update(&mut app, key(KeyCode::Enter));
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
    // Every marker of the question screen is explained there too.
    for (m, what) in super::view::LEGEND {
        assert!(text.contains(what), "help lacks the marker {m}: {what}");
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

// ---- no key changes an answer except by intent ----

/// One question of each input kind, with a saved answer the keys must not change.
fn kinds() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("data.subcategories", json!("orders and invoices")),
        ("retention.max_age_days", json!(1095)),
        ("policy.last_updated", json!("2025-05-01")),
        ("security.password_storage", json!("hashed")),
        ("data.categories", json!(["email", "phone"])),
        ("data.inventory", json!("partly")),
        ("loss.backups", json!("yes")),
        (
            "leaks.stolen_credentials_likelihood",
            json!({"value": 2, "justification": "laptops are encrypted"}),
        ),
        ("data.systems", json!(["crm", "web shop"])),
    ]
}

/// Every key a person might press by mistake: all printable ASCII, arrows, paging, editing
/// keys, F-keys, Tab, Esc and the control keys the app knows. Not Enter (saving is the intent).
fn stray_keys() -> Vec<KeyEvent> {
    let mut out: Vec<KeyEvent> = (' '..='~')
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Esc,
        KeyCode::F(1),
        KeyCode::F(2),
        KeyCode::F(3),
        KeyCode::F(5),
        KeyCode::F(7),
    ] {
        out.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    for c in ['n', 'p', 'u', 'j', 'c'] {
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
    out
}

fn app_with_answers() -> App {
    let mut app = new_app(PathBuf::from("unused.json"));
    for (id, v) in kinds() {
        app.session.answers.insert(id.into(), v);
    }
    app.session
        .answers
        .insert("policy.published".into(), json!("yes"));
    app.recompute();
    app
}

#[test]
fn no_stray_key_changes_a_saved_answer_in_any_input_kind() {
    for (id, _) in kinds() {
        for focus in [Focus::Browse, Focus::Input, Focus::Note] {
            for k in stray_keys() {
                let mut app = app_with_answers();
                at(&mut app, id);
                app.focus = focus;
                let before = app.session.answers.clone();
                let cmd = update(&mut app, Action::Key(k));
                // Whatever the key did (move, open help, ask, quit), the answers are as saved.
                assert_eq!(
                    app.session.answers, before,
                    "{id}, {focus:?}: {k:?} changed an answer"
                );
                // A key that asked "save, discard or keep editing?" changes nothing when the
                // answer is "keep editing".
                if app.ask.is_some() {
                    update(&mut app, key(KeyCode::Esc));
                    assert_eq!(app.session.answers, before, "{id}: Esc on the question");
                    assert!(app.ask.is_none());
                }
                let _ = cmd;
            }
        }
    }
}

#[test]
fn in_a_text_field_letters_and_digits_are_text_and_nothing_else() {
    for id in [
        "data.subcategories",
        "retention.max_age_days",
        "policy.last_updated",
        "data.systems",
        "leaks.stolen_credentials_likelihood",
    ] {
        let mut app = app_with_answers();
        at(&mut app, id);
        update(&mut app, key(KeyCode::Enter)); // into the text field
        assert_eq!(app.focus, Focus::Input, "{id}");
        let before = app.session.answers.clone();
        for c in ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain("/?!-".chars())
        {
            assert_eq!(update(&mut app, key(KeyCode::Char(c))), None, "{id}: {c}");
            assert_eq!(app.screen, Screen::Questions, "{id}: {c} switched screens");
            assert_eq!(app.current, id, "{id}: {c} moved");
            assert!(!app.quit && !app.help && app.ask.is_none(), "{id}: {c}");
        }
        assert_eq!(
            app.session.answers, before,
            "{id}: typing alone saves nothing"
        );
        assert!(app.dirty(), "{id}: the typed text is an unsaved edit");
    }
}

#[test]
fn paging_with_n_onto_a_number_question_does_not_type_into_it() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "retention.deletion_on_request");
    // p onto the schedule, p onto the number question, n n: paging, never typing.
    update(&mut app, key(KeyCode::Char('p')));
    update(&mut app, key(KeyCode::Char('p')));
    assert_eq!(app.current, "retention.max_age_days");
    update(&mut app, key(KeyCode::Char('n')));
    assert_eq!(app.current, "retention.schedule");
    assert!(!app.session.answers.contains_key("retention.max_age_days"));
    assert!(!app.dirty());
}

#[test]
fn digits_switch_screens_on_a_scale_and_never_change_its_rating() {
    let mut app = app_with_answers();
    at(&mut app, "leaks.stolen_credentials_likelihood");
    update(&mut app, key(KeyCode::Char('3')));
    assert_eq!(app.screen, Screen::Findings);
    update(&mut app, key(KeyCode::Char('2')));
    update(&mut app, key(KeyCode::Char('4')));
    assert_eq!(app.screen, Screen::Inventory);
    update(&mut app, key(KeyCode::Char('2')));
    assert_eq!(
        app.session.answers["leaks.stolen_credentials_likelihood"]["value"],
        json!(2)
    );
    assert!(!app.dirty());
}

#[test]
fn leaving_an_unsaved_edit_asks_save_discard_or_keep_editing() {
    let mut app = app_with_answers();
    at(&mut app, "data.inventory");
    update(&mut app, key(KeyCode::Down)); // partly -> no
    update(&mut app, key(KeyCode::Char(' ')));
    assert!(app.dirty());
    // n would drop the edit: it asks.
    assert_eq!(update(&mut app, key(KeyCode::Char('n'))), None);
    assert_eq!(app.ask, Some(Pending::Step(true)));
    assert_eq!(app.current, "data.inventory");
    // Keep editing: nothing changes.
    update(&mut app, key(KeyCode::Esc));
    assert!(app.ask.is_none() && app.dirty());
    // Discard: the saved answer stays, and it goes on.
    update(&mut app, key(KeyCode::Char('n')));
    update(&mut app, key(KeyCode::Char('d')));
    assert_eq!(app.session.answers["data.inventory"], json!("partly"));
    assert_ne!(app.current, "data.inventory");
    // Save: the edit is the answer, and it goes on.
    at(&mut app, "data.inventory");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' ')));
    update(&mut app, key(KeyCode::Char('n')));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('s'))),
        Some(Command::SaveSession)
    );
    assert_eq!(app.session.answers["data.inventory"], json!("no"));
    assert_ne!(app.current, "data.inventory");
}

#[test]
fn esc_then_q_always_quits() {
    // From a clean text field.
    let mut app = app_with_answers();
    at(&mut app, "data.subcategories");
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('q'))),
        Some(Command::Quit)
    );
    // From a text field with an unsaved edit: Esc asks, q quits without saving.
    let mut app = app_with_answers();
    at(&mut app, "data.subcategories");
    update(&mut app, key(KeyCode::Enter));
    type_text(&mut app, " more");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.ask, Some(Pending::LeaveField));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('q'))),
        Some(Command::Quit)
    );
    assert_eq!(
        app.session.answers["data.subcategories"],
        json!("orders and invoices")
    );
    // The footer says how to leave while typing.
    let mut app = app_with_answers();
    at(&mut app, "data.subcategories");
    update(&mut app, key(KeyCode::Enter));
    let text = render(&app, 120, 30, false);
    assert!(text.contains("Esc leave field (then q quits)"), "{text}");
}

#[test]
fn undo_restores_the_last_changes_one_by_one() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Char(' '))); // yes
    update(&mut app, key(KeyCode::Enter));
    at(&mut app, "loss.backups");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' '))); // no
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.session.answers["loss.backups"], json!("no"));
    assert_eq!(
        update(&mut app, key(KeyCode::Char('u'))),
        Some(Command::SaveSession)
    );
    assert_eq!(app.session.answers["loss.backups"], json!("yes"));
    assert_eq!(app.current, "loss.backups", "undo shows the question");
    update(&mut app, key(KeyCode::Char('u')));
    assert!(!app.session.answers.contains_key("loss.backups"));
    assert_eq!(update(&mut app, key(KeyCode::Char('u'))), None);
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn next_unanswered_and_next_required_find_their_questions() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.categories");
    update(&mut app, key(KeyCode::Char('a')));
    assert_eq!(app.current, "data.subcategories");
    update(&mut app, key(KeyCode::Char('!')));
    assert_eq!(app.current, "data.sources");
    update(&mut app, key(KeyCode::Char('!')));
    assert_eq!(app.current, "data.systems");
    // Every question answered: the questionnaire is complete and says so.
    let mut done = app_with_answers();
    for id in done.visible_ids() {
        if !done.session.answers.contains_key(&id) {
            let r = done.q.get(&id).expect("question");
            let v = match *r.question.kind.get_ref() {
                crate::questionnaire::QuestionType::Scale => {
                    json!({"value": 1, "justification": "x"})
                }
                crate::questionnaire::QuestionType::MultiChoice
                | crate::questionnaire::QuestionType::List => {
                    json!([r.question.options.first().map_or("x", |o| o.value.as_str())])
                }
                crate::questionnaire::QuestionType::Number => json!(1),
                crate::questionnaire::QuestionType::Date => json!("2025-01-01"),
                crate::questionnaire::QuestionType::SingleChoice => {
                    json!(r.question.options[0].value)
                }
                _ => json!("no"),
            };
            done.session.answers.insert(id, v);
        }
    }
    // Answers can show more questions: fill until nothing new appears.
    for _ in 0..5 {
        for id in done.visible_ids() {
            done.session.answers.entry(id).or_insert(json!("no"));
        }
    }
    assert!(done.complete());
    let here = done.current.clone();
    at(&mut done, &here);
    update(&mut done, key(KeyCode::Char('a')));
    assert_eq!(
        done.message.as_deref(),
        Some("every question shown is answered")
    );
    let text = render(&done, 120, 60, false);
    assert!(text.contains("Questionnaire complete"), "{text}");
}

#[test]
fn a_note_is_saved_next_to_the_answer_and_undone_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.json");
    let mut app = new_app(path.clone());
    at(&mut app, "security.mfa_staff");
    update(&mut app, key(KeyCode::Down)); // partly
    update(&mut app, key(KeyCode::Char(' ')));
    update(&mut app, key(KeyCode::Char('N')));
    assert_eq!(app.focus, Focus::Note);
    type_text(&mut app, "warehouse PCs: no MFA, q4 fix");
    let cmd = update(&mut app, key(KeyCode::Enter)).expect("saves");
    app.perform(&cmd).expect("saved");
    assert_eq!(app.session.answers["security.mfa_staff"], json!("partly"));
    let back = Session::load(&path).expect("load");
    assert_eq!(
        back.notes["security.mfa_staff"],
        "warehouse PCs: no MFA, q4 fix"
    );
    assert!(
        app.markdown.contains("warehouse PCs: no MFA, q4 fix"),
        "the report's Answers section shows the note"
    );
    update(&mut app, key(KeyCode::Char('u')));
    assert!(!app.session.notes.contains_key("security.mfa_staff"));
}

#[test]
fn free_text_spans_lines() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "data.subcategories");
    update(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "orders");
    update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
    );
    type_text(&mut app, "invoices");
    update(&mut app, ctrl('j'));
    type_text(&mut app, "tickets");
    // ↑ and ↓ move between the lines, keeping the column where the line is long enough.
    update(&mut app, key(KeyCode::Up));
    type_text(&mut app, "!");
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Up)); // on the first line: nothing above
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Down));
    type_text(&mut app, "+");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.session.answers["data.subcategories"],
        json!("orders\ninvoice!s\nticket+s")
    );
}

#[test]
fn a_none_option_stands_alone_and_empty_required_choices_are_refused() {
    let mut app = new_app(PathBuf::from("unused.json"));
    at(&mut app, "access.copies");
    update(&mut app, key(KeyCode::Char(' '))); // analytics
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' '))); // backups
    for _ in 0..10 {
        update(&mut app, key(KeyCode::Down)); // to "Nowhere"
    }
    update(&mut app, key(KeyCode::Char(' ')));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.session.answers["access.copies"], json!(["none"]));
    // A required multi choice saved with nothing picked is an error, not a ✓.
    at(&mut app, "data.categories");
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error.as_deref().is_some_and(|e| e.contains("required")),
        "{:?}",
        app.error
    );
    assert!(!app.session.answers.contains_key("data.categories"));
    // A privacy policy "last updated" in 2030 is refused.
    at(&mut app, "policy.last_updated");
    update(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "2030-01-01");
    assert_eq!(update(&mut app, key(KeyCode::Enter)), None);
    assert!(
        app.error
            .as_deref()
            .is_some_and(|e| e.contains("after today")),
        "{:?}",
        app.error
    );
}

#[test]
fn typing_and_the_unsaved_edit_question_look_right() {
    let mut typing = frozen_app();
    at(&mut typing, "data.subcategories");
    update(&mut typing, key(KeyCode::Enter));
    update(&mut typing, ctrl('u'));
    type_text(&mut typing, "loyalty points per customer");
    update(&mut typing, ctrl('j'));
    type_text(&mut typing, "sick-leave reasons in the HR table");
    let mut asking = frozen_app();
    at(&mut asking, "data.inventory");
    update(&mut asking, key(KeyCode::Down));
    update(&mut asking, key(KeyCode::Char(' ')));
    update(&mut asking, key(KeyCode::Char('n')));
    assert!(asking.ask.is_some());
    for (name, app) in [
        ("question_typing", &mut typing),
        ("unsaved_edit", &mut asking),
    ] {
        app.color = false;
        for (w, h) in [(80, 24), (60, 20)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}_plain"), render(app, w, h, false));
        }
    }
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

/// A questionnaire with long section titles, long question ids that share their start, long
/// prompts and long option labels: what must wrap (never be cut) on a narrow terminal.
const LONG: &str = r#"id = "long"
version = "1"
title = "Long"

[[section]]
id = "leaks_and_thefts"
title = "How could personal data leak out of the company or be stolen by someone outside it?"

[[section.question]]
id = "stolen_credentials_of_support_staff"
prompt = "If the login of a member of the customer support team were phished or reused from a breached site, which of these could the attacker reach without any further step?"
help = "Tick every system a single support login opens today, including the ones reached through single sign-on."
type = "multi_choice"
required = true
options = [
  { value = "orders", label = "Every customer's order history with delivery addresses, phone numbers and the notes couriers leave" },
  { value = "tickets", label = "Support tickets, including attachments customers sent (ID scans, photos of damaged parcels)" },
  { value = "none", label = "None of these: support logins reach nothing personal without a second factor", exclusive = true },
]

[[section.question]]
id = "stolen_credentials_of_warehouse_staff"
prompt = "And a warehouse login?"
type = "yes_no"

[[section.question]]
id = "stolen_credentials_of_support_staff_likelihood"
prompt = "Stolen support login: how likely is it that this gives someone access to personal data within the next twelve months?"
type = "scale"
scenario = "support"
dimension = "likelihood"
scale_labels = ["rare: would need several unlikely failures", "possible", "likely: could happen within a year", "almost certain: it has happened, or could any day"]

[[section.question]]
id = "stolen_credentials_of_support_staff_severity"
prompt = "Stolen support login: how bad would it be?"
type = "scale"
scenario = "support"
dimension = "severity"
"#;

fn long_app() -> App {
    let q = crate::questionnaire::parse(LONG, "long.toml").expect("parses");
    let problems = crate::questionnaire::check::check(&q);
    assert!(problems.is_empty(), "{problems:#?}");
    let session = Session::new(
        "interactive",
        QuestionnaireRef {
            id: "long".into(),
            version: "1".into(),
            source: "long.toml".into(),
        },
        vec!["sample".into()],
    );
    let mut app = App::new(
        q,
        &[Target::sample()],
        session,
        PathBuf::from("s.json"),
        true,
    );
    app.screen = Screen::Questions;
    app.pane = Pane::Middle;
    app.color = false;
    app
}

#[test]
fn long_names_and_long_questions_wrap_at_80x24_and_60x20() {
    let mut app = long_app();
    app.go_to("leaks_and_thefts.stolen_credentials_of_support_staff");
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char(' ')));
    let mut scale = long_app();
    scale.go_to("leaks_and_thefts.stolen_credentials_of_support_staff_likelihood");
    update(&mut scale, key(KeyCode::Right));
    update(&mut scale, key(KeyCode::Right));
    let mut msg = long_app();
    msg.message = Some(
        "Wrote report.md, report.json, findings.csv, inventory.csv, access.csv into /home/auditor/audits/2026-12-shop/privaudit-report".into(),
    );
    for (name, app) in [
        ("long_choice", &app),
        ("long_scale", &scale),
        ("long_status", &msg),
    ] {
        for (w, h) in [(80, 24), (60, 20)] {
            let text = render(app, w, h, false);
            insta::assert_snapshot!(format!("{name}_{w}x{h}_plain"), text);
        }
    }
    // Whole words of the prompt and of every option are on screen: wrapped, never cut.
    let text = render(&app, 60, 40, false);
    for word in [
        "phished", "breached", "further", "couriers", "leave", "damaged", "parcels)",
    ] {
        assert!(text.contains(word), "{word} is cut:\n{text}");
    }
    // The two question names that share a start are told apart in the left pane.
    let text = render(&app, 80, 24, false);
    assert!(text.contains("stolen_cr…rt_staff"), "{text}");
    assert!(text.contains("stolen_cr…se_staff"), "{text}");
}

#[test]
fn tabs_stay_readable_at_60_columns() {
    let app = frozen_app();
    let text = render(&app, 60, 20, false);
    let top = text.lines().next().unwrap_or("");
    for name in [
        "1 Start",
        "2 Questions",
        "3 Findings",
        "4 Inventory",
        "5 Access",
        "6 Report",
    ] {
        assert!(top.contains(name), "{top}");
    }
}

#[test]
fn snapshots_without_colour() {
    for (name, mut app) in screens() {
        app.color = false;
        for (w, h) in [(80, 24), (60, 20), (40, 12)] {
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

#[test]
fn plus_adds_the_readers_the_scan_found_to_the_list() {
    let mut app = frozen_app();
    let record = |role: &str| crate::model::AccessRecord {
        database: "shop".into(),
        schema: "public".into(),
        table: "customers".into(),
        column: None,
        role: role.into(),
        privilege: "SELECT".into(),
        via: "direct grant".into(),
        state: crate::model::AccessState::Confirmed,
        note: None,
    };
    if let Some(scan) = app.session.scan.as_mut() {
        scan.access = vec![record("app_service"), record("clerk")];
    }
    at(&mut app, "access.readers");
    let before = app.session.answers.get("access.readers").cloned();
    let listed = |app: &App| match &app.editor {
        Editor::List { items, .. } => items.clone(),
        _ => panic!("not a list editor"),
    };
    let start = listed(&app);
    update(&mut app, key(KeyCode::Char('+')));
    let once = listed(&app);
    // app_service may be on the sample's list already; whichever was missing is added first.
    assert_eq!(once.len(), start.len() + 1, "{once:?}");
    update(&mut app, key(KeyCode::Char('+')));
    update(&mut app, key(KeyCode::Char('+')));
    let all = listed(&app);
    assert!(all.iter().any(|i| i == "clerk"), "{all:?}");
    assert!(
        all.iter().any(|i| i.eq_ignore_ascii_case("app_service")),
        "{all:?}"
    );
    assert!(
        app.message.as_deref().unwrap_or("").contains("every value"),
        "{:?}",
        app.message
    );
    // Nothing is saved until Enter.
    assert_eq!(app.session.answers.get("access.readers").cloned(), before);
    assert!(app.dirty());
}
