//! The model of the interactive audit and its `update` function. `update` changes the model and
//! returns at most one [`Command`] (start or cancel a scan, save the session, export, quit) for
//! the event loop to execute, so it is tested without a terminal, a database or a clock.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value as Json;

use crate::answers;
use crate::audit::{self, AuditReport};
use crate::model::{ColumnReport, FindingSource, ScanReport, Severity};
use crate::questionnaire::Loaded;
use crate::scan::ScanEvent;
use crate::session::Session;
use crate::target::{EngineKind, Target};

use super::input::{Editor, LineEditor};
use super::keys::{self, Act};

/// The screens, in number-key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Targets, questionnaire, session.
    Start,
    /// The questionnaire.
    Questions,
    /// Findings with a detail pane.
    Findings,
    /// Personal-data columns.
    Inventory,
    /// Who can read personal data.
    Access,
    /// Report preview and export.
    Report,
}

impl Screen {
    /// All screens in order.
    pub const ALL: [Screen; 6] = [
        Screen::Start,
        Screen::Questions,
        Screen::Findings,
        Screen::Inventory,
        Screen::Access,
        Screen::Report,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Start => "Start",
            Screen::Questions => "Questions",
            Screen::Findings => "Findings",
            Screen::Inventory => "Inventory",
            Screen::Access => "Access",
            Screen::Report => "Report",
        }
    }
}

/// Which pane has the focus (left, middle, right; screens use what they have).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Section list / findings table / report preview.
    Left,
    /// The question / the detail / the export path.
    Middle,
    /// The evidence.
    Right,
}

/// Where the keys go on the question pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Outside any text field: arrows and Space work the options, letters and digits are
    /// commands (`n`, `p`, `u`, `1`–`6`, `q` …).
    Browse,
    /// In the answer's text field: every character is text.
    Input,
    /// In the note field under the answer: every character is text.
    Note,
}

/// What to do once an unsaved edit is saved or discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Next (true) or previous question.
    Step(bool),
    /// Go to this question.
    GoTo(String),
    /// Next unanswered question; `true`: required ones only.
    NextOpen(bool),
    /// Leave the question for the section list.
    Leave,
    /// Leave the text field.
    LeaveField,
    /// Undo the last change.
    Undo,
    /// Quit.
    Quit,
}

/// One answer as it was before a change, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoEntry {
    /// The question.
    pub id: String,
    /// Its answer before the change (None: unanswered).
    pub before: Option<Json>,
    /// Its note before the change.
    pub note: Option<String>,
}

/// A scan target as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInfo {
    /// Redacted URL.
    pub display: String,
    /// Engine.
    pub engine: EngineKind,
    /// What the scan knows about it.
    pub state: TargetState,
    /// Tables done of total.
    pub tables_done: usize,
    /// Tables to sample.
    pub tables_total: usize,
    /// Database id in reports.
    pub id: String,
    /// Table being sampled.
    pub current: Option<String>,
}

/// Connection and scan state of one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetState {
    /// Not scanned in this run.
    Idle,
    /// Connecting.
    Connecting,
    /// Connected, sampling tables.
    Scanning,
    /// Done.
    Done,
    /// Failed, with the (redacted) error.
    Failed(String),
}

/// The scan as the screen sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanPhase {
    /// No scan yet.
    None,
    /// Running.
    Running,
    /// Finished in this run.
    Finished,
    /// Results come from the session file.
    FromSession,
    /// Cancelled.
    Cancelled,
    /// The scan could not run at all.
    Failed(String),
}

/// Sort order of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Worst first.
    Severity,
    /// By source.
    Source,
    /// By location (database first).
    Database,
    /// By title.
    Title,
}

/// Filters and cursors of the table screens.
#[derive(Debug, Clone, Default)]
pub struct TableView {
    /// Text filter.
    pub filter: LineEditor,
    /// The filter has the keys.
    pub editing: bool,
    /// Selected row (in the filtered list).
    pub selected: usize,
    /// Only this database.
    pub database: Option<String>,
}

/// Messages into `update`.
#[derive(Debug, Clone)]
pub enum Action {
    /// A key press.
    Key(KeyEvent),
    /// A scan event of scan `generation`.
    Scan(u64, ScanEvent),
    /// Scan `generation` ended.
    ScanDone(u64, Result<Box<ScanReport>, String>),
    /// Spinner tick.
    Tick,
    /// Mouse wheel: positive down.
    Scroll(i8),
}

/// Side effects for the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start a scan with this generation (cancelling a running one): of every target, or of the
    /// one given (its results then replace that target's in the latest scan).
    StartScan(u64, Option<usize>),
    /// Cancel the running scan.
    CancelScan,
    /// Save the session file.
    SaveSession,
    /// Write the reports into a directory.
    Export(PathBuf),
    /// Leave.
    Quit,
}

/// The model.
pub struct App {
    /// The questionnaire.
    pub q: Loaded,
    /// Targets.
    pub targets: Vec<TargetInfo>,
    /// Answers, scan and position (saved after every change).
    pub session: Session,
    /// Where the session is saved.
    pub session_path: PathBuf,
    /// The session file existed and was resumed.
    pub resumed: bool,
    /// Current screen.
    pub screen: Screen,
    /// Focused pane.
    pub pane: Pane,
    /// Current question id.
    pub current: String,
    /// Editor of the current question (an edit in progress; the saved answer is in `session`).
    pub editor: Editor,
    /// Where the keys go on the question pane.
    pub focus: Focus,
    /// An unsaved edit would be dropped: asking save / discard / keep editing, then this.
    pub ask: Option<Pending>,
    /// Answers as they were before each change of this run, latest last.
    pub undo: Vec<UndoEntry>,
    /// The note on the current answer, as being edited.
    pub note: LineEditor,
    /// Validation error of the current answer.
    pub error: Option<String>,
    /// One-line message (saved, exported, failures).
    pub message: Option<String>,
    /// Scan phase.
    pub phase: ScanPhase,
    /// Current scan generation (events of older ones are ignored).
    pub generation: u64,
    /// Columns classified by the running scan so far.
    pub live_columns: Vec<ColumnReport>,
    /// Spinner frame.
    pub spinner: usize,
    /// The target the running scan covers alone, if only one.
    pub scan_target: Option<usize>,
    /// Selected target on the start screen.
    pub selected_target: usize,
    /// Findings etc. of the current answers and the latest scan.
    pub audit: AuditReport,
    /// The Markdown report of `audit`.
    pub markdown: String,
    /// Findings view.
    pub findings: TableView,
    /// Findings sort.
    pub sort: SortKey,
    /// Minimum severity shown.
    pub min_severity: Option<Severity>,
    /// Only this source.
    pub source: Option<FindingSource>,
    /// Inventory view.
    pub inventory: TableView,
    /// Access view.
    pub access: TableView,
    /// Report preview scroll.
    pub report_scroll: u16,
    /// Export directory.
    pub export_path: LineEditor,
    /// Scroll of the right (evidence) or detail pane.
    pub detail_scroll: u16,
    /// Help overlay shown.
    pub help: bool,
    /// First binding shown in the help overlay.
    pub help_scroll: usize,
    /// Asking whether to quit while scanning.
    pub confirm_quit: bool,
    /// Use colours.
    pub color: bool,
    /// Set when the app should end.
    pub quit: bool,
}

impl App {
    /// A new app over a questionnaire, targets and a (new or resumed) session.
    pub fn new(
        q: Loaded,
        targets: &[Target],
        session: Session,
        session_path: PathBuf,
        resumed: bool,
    ) -> App {
        let ids = crate::scan::database_ids(targets);
        let targets = targets
            .iter()
            .zip(ids)
            .map(|(t, id)| TargetInfo {
                id,
                display: t.display.clone(),
                engine: t.engine,
                state: TargetState::Idle,
                tables_done: 0,
                tables_total: 0,
                current: None,
            })
            .collect();
        let phase = if session.scan.is_some() {
            ScanPhase::FromSession
        } else {
            ScanPhase::None
        };
        let mut app = App {
            targets,
            session_path,
            resumed,
            screen: if resumed {
                Screen::Questions
            } else {
                Screen::Start
            },
            pane: Pane::Middle,
            current: String::new(),
            editor: Editor::Text(LineEditor::default()),
            focus: Focus::Browse,
            ask: None,
            undo: Vec::new(),
            note: LineEditor::default(),
            error: None,
            message: None,
            phase,
            generation: 0,
            live_columns: Vec::new(),
            spinner: 0,
            scan_target: None,
            selected_target: 0,
            audit: audit::compile(
                &q,
                &Default::default(),
                ScanReport::default(),
                "interactive",
                true,
            ),
            markdown: String::new(),
            findings: TableView::default(),
            sort: SortKey::Severity,
            min_severity: None,
            source: None,
            inventory: TableView::default(),
            access: TableView::default(),
            report_scroll: 0,
            export_path: LineEditor::new("./privaudit-report"),
            detail_scroll: 0,
            help: false,
            help_scroll: 0,
            confirm_quit: false,
            color: true,
            quit: false,
            q,
            session,
        };
        let start = app
            .session
            .position
            .clone()
            .filter(|id| app.q.get(id).is_some())
            .or_else(|| app.visible_ids().first().cloned())
            .unwrap_or_default();
        app.go_to(&start);
        app.recompute();
        app
    }

    /// Whether a scan is running.
    pub fn scanning(&self) -> bool {
        self.phase == ScanPhase::Running
    }

    /// The command that starts the first scan: at once, unless the session already has one.
    pub fn initial_command(&mut self) -> Option<Command> {
        if self.session.scan.is_some() {
            None
        } else {
            Some(self.start_scan(None))
        }
    }

    /// The ids of the questions shown with the current answers, in order.
    /// A question whose `show_if.found` names a category the scan found is shown too.
    pub fn visible_ids(&self) -> Vec<String> {
        let found = answers::found_categories(self.columns());
        self.q
            .questions()
            .filter(|r| answers::visible_given(&self.q, r.full_id, &self.session.answers, &found))
            .map(|r| r.full_id.to_string())
            .collect()
    }

    /// Move to a question and load its editor.
    pub fn go_to(&mut self, id: &str) {
        if let Some(r) = self.q.get(id) {
            self.current = id.to_string();
            self.editor = Editor::for_question(r.question, self.session.answers.get(id));
            self.focus = Focus::Browse;
            self.note = LineEditor::new(self.session.notes.get(id).map_or("", String::as_str));
            self.error = None;
            self.detail_scroll = 0;
            self.session.position = Some(id.to_string());
        }
    }

    fn step_question(&mut self, forward: bool) -> bool {
        let ids = self.visible_ids();
        if ids.is_empty() {
            return false;
        }
        let at = ids.iter().position(|i| *i == self.current);
        let next = match (at, forward) {
            (Some(i), true) => (i + 1).min(ids.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            // The current question was hidden by an answer: go to the nearest one shown.
            (None, _) => {
                let order: Vec<&str> = self.q.ids.iter().map(String::as_str).collect();
                let here = order.iter().position(|i| *i == self.current).unwrap_or(0);
                ids.iter()
                    .position(|i| order.iter().position(|o| o == i).unwrap_or(0) > here)
                    .unwrap_or(ids.len() - 1)
            }
        };
        let id = ids[next].clone();
        let moved = id != self.current;
        self.go_to(&id);
        moved
    }

    /// Recompute findings and the report preview from the answers and the latest scan.
    pub fn recompute(&mut self) {
        let scan = self.session.scan.clone().unwrap_or_default();
        self.audit = audit::compile(&self.q, &self.session.answers, scan, "interactive", true);
        self.audit.notes = self.session.notes.clone();
        let mut md = Vec::new();
        self.markdown = match crate::report::audit::write_markdown(&mut md, &self.audit, &self.q) {
            Ok(()) => String::from_utf8_lossy(&md).into_owned(),
            Err(e) => format!("cannot render the report: {e}"),
        };
    }

    /// The columns to show: the running scan's so far, else the latest scan's.
    pub fn columns(&self) -> &[ColumnReport] {
        if self.scanning() || self.session.scan.is_none() {
            &self.live_columns
        } else {
            self.session
                .scan
                .as_ref()
                .map_or(&[][..], |s| s.columns.as_slice())
        }
    }

    /// Database ids of the latest scan.
    pub fn databases(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .session
            .scan
            .as_ref()
            .map(|s| s.databases.iter().map(|d| d.id.clone()).collect())
            .unwrap_or_default();
        for c in &self.live_columns {
            if !ids.contains(&c.database) {
                ids.push(c.database.clone());
            }
        }
        ids
    }

    /// Indexes into `audit.scan.findings` after filters and sort.
    pub fn visible_findings(&self) -> Vec<usize> {
        let needle = self.findings.filter.text.to_lowercase();
        let mut idx: Vec<usize> = self
            .audit
            .scan
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| self.min_severity.is_none_or(|m| f.severity >= m))
            .filter(|(_, f)| self.source.is_none_or(|s| f.source == s))
            .filter(|(_, f)| {
                self.findings
                    .database
                    .as_ref()
                    .is_none_or(|d| f.database.as_deref() == Some(d.as_str()))
            })
            .filter(|(_, f)| {
                needle.is_empty()
                    || f.title.to_lowercase().contains(&needle)
                    || f.location.to_lowercase().contains(&needle)
                    || f.id.to_lowercase().contains(&needle)
                    || f.evidence
                        .iter()
                        .any(|e| e.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        let fs = &self.audit.scan.findings;
        match self.sort {
            SortKey::Severity => idx.sort_by(|a, b| fs[*b].severity.cmp(&fs[*a].severity)),
            SortKey::Source => idx.sort_by_key(|i| fs[*i].source.name()),
            SortKey::Database => idx.sort_by(|a, b| fs[*a].location.cmp(&fs[*b].location)),
            SortKey::Title => idx.sort_by(|a, b| fs[*a].title.cmp(&fs[*b].title)),
        }
        idx
    }

    /// Inventory rows after filters, by database, table and column.
    pub fn visible_columns(&self) -> Vec<&ColumnReport> {
        let needle = self.inventory.filter.text.to_lowercase();
        let mut rows: Vec<&ColumnReport> = self
            .columns()
            .iter()
            .filter(|c| {
                self.inventory
                    .database
                    .as_ref()
                    .is_none_or(|d| &c.database == d)
            })
            .filter(|c| {
                needle.is_empty()
                    || format!(
                        "{}.{}.{}.{} {}",
                        c.database,
                        c.schema,
                        c.table,
                        c.column,
                        c.categories.join(" ")
                    )
                    .to_lowercase()
                    .contains(&needle)
            })
            .collect();
        rows.sort_by(|a, b| {
            (&a.database, &a.schema, &a.table, &a.column).cmp(&(
                &b.database,
                &b.schema,
                &b.table,
                &b.column,
            ))
        });
        rows
    }

    /// Access rows after filters, sorted by role then table.
    pub fn visible_access(&self) -> Vec<&crate::model::AccessRecord> {
        let needle = self.access.filter.text.to_lowercase();
        let mut rows: Vec<&crate::model::AccessRecord> = self
            .audit
            .scan
            .access
            .iter()
            .filter(|a| {
                self.access
                    .database
                    .as_ref()
                    .is_none_or(|d| &a.database == d)
            })
            .filter(|a| {
                needle.is_empty()
                    || format!(
                        "{} {}.{}.{} {}",
                        a.role, a.database, a.schema, a.table, a.via
                    )
                    .to_lowercase()
                    .contains(&needle)
            })
            .collect();
        rows.sort_by(|a, b| {
            (&a.role, &a.database, &a.table).cmp(&(&b.role, &b.database, &b.table))
        });
        rows
    }

    fn start_scan(&mut self, only: Option<usize>) -> Command {
        self.generation += 1;
        self.phase = ScanPhase::Running;
        self.scan_target = only;
        self.live_columns.clear();
        for (i, t) in self.targets.iter_mut().enumerate() {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            t.state = TargetState::Connecting;
            t.tables_done = 0;
            t.tables_total = 0;
            t.current = None;
        }
        Command::StartScan(self.generation, only)
    }

    /// Put a one-target scan into the latest scan, replacing that target's records.
    fn merge(&mut self, i: usize, mut part: ScanReport) {
        let Some(id) = self.targets.get(i).map(|t| t.id.clone()) else {
            return;
        };
        // The one-target scan names the database on its own; use the id of the full run.
        let own = part
            .databases
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default();
        for d in &mut part.databases {
            d.id = id.clone();
        }
        part.columns
            .iter_mut()
            .for_each(|x| x.database = id.clone());
        part.access.iter_mut().for_each(|x| x.database = id.clone());
        part.posture
            .iter_mut()
            .for_each(|x| x.database = id.clone());
        part.skipped
            .iter_mut()
            .for_each(|x| x.database = id.clone());
        part.retention
            .iter_mut()
            .for_each(|x| x.database = id.clone());
        if own != id {
            for f in part
                .findings
                .iter_mut()
                .filter(|f| f.database.as_deref() == Some(own.as_str()))
            {
                crate::findings::rehome(f, &id);
            }
        }
        let Some(mut all) = self.session.scan.take() else {
            self.session.scan = Some(part);
            return;
        };
        match all.databases.iter().position(|d| d.id == id) {
            Some(p) => {
                all.databases.remove(p);
                all.databases.splice(p..p, part.databases);
            }
            None => all.databases.extend(part.databases),
        }
        all.columns.retain(|x| x.database != id);
        all.columns.extend(part.columns);
        all.access.retain(|x| x.database != id);
        all.access.extend(part.access);
        all.posture.retain(|x| x.database != id);
        all.posture.extend(part.posture);
        all.skipped.retain(|x| x.database != id);
        all.skipped.extend(part.skipped);
        all.retention.retain(|x| x.database != id);
        all.retention.extend(part.retention);
        all.findings
            .retain(|f| f.database.as_deref() != Some(id.as_str()));
        all.findings.extend(part.findings);
        crate::findings::normalise(&mut all.findings);
        all.finished_at = part.finished_at;
        self.session.scan = Some(all);
    }

    /// Execute the file side effects (save, export); scans are the event loop's. Returns the
    /// message shown to the user.
    pub fn perform(&mut self, cmd: &Command) -> Result<String, String> {
        match cmd {
            Command::SaveSession => self
                .session
                .save(&self.session_path)
                .map(|()| format!("saved {}", self.session_path.display())),
            Command::Export(dir) => {
                let mut report = self.audit.clone();
                audit::stamp(&mut report, &self.session.created_at, &crate::scan::now());
                let written = crate::report::audit::write_dir(dir, &report, &self.q)
                    .map_err(|e| format!("cannot write reports into {}: {e}", dir.display()))?;
                let names: Vec<String> = written
                    .iter()
                    .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                Ok(format!("Wrote {} into {}", names.join(", "), dir.display()))
            }
            _ => Ok(String::new()),
        }
    }

    /// Whether a text field has the keys (so characters are text).
    pub fn typing(&self) -> bool {
        match self.screen {
            Screen::Questions => self.pane == Pane::Middle && self.focus != Focus::Browse,
            Screen::Findings => self.findings.editing,
            Screen::Inventory => self.inventory.editing,
            Screen::Access => self.access.editing,
            Screen::Report => self.pane == Pane::Middle,
            Screen::Start => false,
        }
    }

    /// Whether every question shown with the current answers has an answer (more may appear
    /// from later answers, but none is shown unanswered now).
    pub fn complete(&self) -> bool {
        let ids = self.visible_ids();
        !ids.is_empty()
            && ids
                .iter()
                .all(|id| self.session.answers.contains_key(id.as_str()))
    }

    /// What the scan has to say now: the saved scan, the columns found so far, or nothing.
    pub fn facts(&self) -> crate::evidence::Facts<'_> {
        use crate::evidence::Facts;
        match self.session.scan.as_ref() {
            Some(s) if !self.scanning() => Facts::of(s),
            _ if self.scanning() || !self.columns().is_empty() => Facts::running(self.columns()),
            _ => Facts::none(),
        }
    }

    /// A list question: the next value the scan found (`evidence::QuestionEvidence::picks`)
    /// that the list does not hold yet is added to the editor; Enter saves as usual.
    pub fn add_pick(&mut self) {
        let picks = crate::evidence::for_question(
            &self.q,
            &self.current,
            &self.session.answers,
            &self.facts(),
        )
        .picks;
        let Editor::List { items, .. } = &mut self.editor else {
            self.message = Some("+ adds what the scan found to a list question".into());
            return;
        };
        let next = picks
            .iter()
            .find(|p| !items.iter().any(|i| i.trim().eq_ignore_ascii_case(p)));
        self.message = Some(match (next, picks.is_empty()) {
            (Some(p), _) => {
                items.push(p.clone());
                self.pane = Pane::Middle;
                format!("added {p} from the scan: Enter saves, + adds the next")
            }
            (None, true) => "the scan found nothing to add to this list".into(),
            (None, false) => "every value the scan found is on the list".into(),
        });
    }

    /// Whether the editor holds an edit that is not saved.
    pub fn dirty(&self) -> bool {
        let Some(r) = self.q.get(&self.current) else {
            return false;
        };
        let saved = Editor::for_question(r.question, self.session.answers.get(&self.current));
        let note = self
            .session
            .notes
            .get(&self.current)
            .map_or("", String::as_str);
        self.editor.contents() != saved.contents() || self.note.text.trim() != note.trim()
    }

    /// Save the editor's answer (checked as a scripted answer is); `advance` then moves to the
    /// next question. On an invalid answer, the error is shown and nothing changes.
    fn save_answer(&mut self, advance: bool) -> Result<Option<Command>, ()> {
        let Some(r) = self.q.get(&self.current) else {
            return Err(());
        };
        match self.editor.value(r.question) {
            Ok(v) => {
                let before = self.session.answers.get(&self.current).cloned();
                let note_before = self.session.notes.get(&self.current).cloned();
                let note = Some(self.note.text.trim().to_string()).filter(|n| !n.is_empty());
                if before.as_ref() != Some(&v) || note_before != note {
                    self.undo.push(UndoEntry {
                        id: self.current.clone(),
                        before,
                        note: note_before,
                    });
                }
                self.session.answers.insert(self.current.clone(), v);
                match note {
                    Some(n) => self.session.notes.insert(self.current.clone(), n),
                    None => self.session.notes.remove(&self.current),
                };
                self.error = None;
                self.recompute();
                let id = self.current.clone();
                if advance {
                    self.step_question(true);
                } else {
                    self.go_to(&id);
                }
                self.message = Some(format!("answer saved to {}", self.session_path.display()));
                Ok(Some(Command::SaveSession))
            }
            Err(e) => {
                self.error = Some(e);
                Err(())
            }
        }
    }

    /// Undo the last change to an answer: the answer is as it was, and that question is shown.
    fn undo_last(&mut self) -> Option<Command> {
        let Some(e) = self.undo.pop() else {
            self.message = Some("nothing to undo".into());
            return None;
        };
        match &e.before {
            Some(v) => self.session.answers.insert(e.id.clone(), v.clone()),
            None => self.session.answers.remove(&e.id),
        };
        match &e.note {
            Some(n) => self.session.notes.insert(e.id.clone(), n.clone()),
            None => self.session.notes.remove(&e.id),
        };
        self.recompute();
        self.go_to(&e.id);
        self.message = Some(format!(
            "undid the change to {} ({} more to undo)",
            e.id,
            self.undo.len()
        ));
        Some(Command::SaveSession)
    }

    /// The next shown question after the current one (wrapping) without an answer;
    /// `required`: required ones only.
    pub fn next_open(&self, required: bool) -> Option<String> {
        let ids = self.visible_ids();
        let at = ids.iter().position(|i| *i == self.current).unwrap_or(0);
        let n = ids.len();
        (1..=n)
            .map(|k| &ids[(at + k) % n])
            .find(|id| {
                !self.session.answers.contains_key(id.as_str())
                    && (!required || self.q.get(id).is_some_and(|r| r.question.required))
            })
            .cloned()
    }

    fn table_view(&mut self) -> Option<&mut TableView> {
        match self.screen {
            Screen::Findings => Some(&mut self.findings),
            Screen::Inventory => Some(&mut self.inventory),
            Screen::Access => Some(&mut self.access),
            _ => None,
        }
    }

    fn rows(&self) -> usize {
        match self.screen {
            Screen::Findings => self.visible_findings().len(),
            Screen::Inventory => self.visible_columns().len(),
            Screen::Access => self.visible_access().len(),
            _ => 0,
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let n = self.rows();
        if let Some(v) = self.table_view() {
            let cur = v.selected as isize + delta;
            v.selected = cur.clamp(0, n.saturating_sub(1) as isize) as usize;
        }
        self.detail_scroll = 0;
    }

    fn scan_event(&mut self, ev: ScanEvent) {
        match ev {
            ScanEvent::TargetStarted { target, .. } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.state = TargetState::Connecting;
                }
            }
            ScanEvent::CatalogRead { target, tables } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.state = TargetState::Scanning;
                    t.tables_total = tables;
                }
            }
            ScanEvent::TableStarted { target, table } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.current = Some(table);
                }
            }
            ScanEvent::TableDone { target, .. } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.tables_done += 1;
                    t.current = None;
                }
            }
            ScanEvent::ColumnClassified { column, .. } => self.live_columns.push(*column),
            ScanEvent::Warning { .. } => {}
            ScanEvent::TargetFailed { target, error } => {
                if let Some(t) = self.targets.get_mut(target) {
                    t.state = TargetState::Failed(error);
                    t.current = None;
                }
            }
            ScanEvent::TargetFinished { target } => {
                if let Some(t) = self.targets.get_mut(target) {
                    if !matches!(t.state, TargetState::Failed(_)) {
                        t.state = TargetState::Done;
                    }
                    t.current = None;
                }
            }
        }
    }

    /// Tables done and total over all targets.
    pub fn progress(&self) -> (usize, usize) {
        self.targets
            .iter()
            .fold((0, 0), |(d, n), t| (d + t.tables_done, n + t.tables_total))
    }
}

fn cycle<T: Clone + PartialEq>(all: &[T], cur: &Option<T>) -> Option<T> {
    match cur {
        None => all.first().cloned(),
        Some(c) => {
            let i = all.iter().position(|x| x == c).map_or(all.len(), |i| i + 1);
            all.get(i).cloned()
        }
    }
}

/// Apply an action to the model; the returned command is for the event loop.
pub fn update(app: &mut App, action: Action) -> Option<Command> {
    match action {
        Action::Tick => {
            app.spinner = app.spinner.wrapping_add(1);
            None
        }
        Action::Scroll(d) => {
            let act = if d > 0 { Act::Down } else { Act::Up };
            on_act(app, act)
        }
        Action::Scan(generation, ev) => {
            if generation == app.generation && app.scanning() {
                app.scan_event(ev);
            }
            None
        }
        Action::ScanDone(generation, result) => {
            if generation != app.generation || !app.scanning() {
                return None;
            }
            match result {
                Ok(report) => {
                    let only = app.scan_target.take();
                    for (i, t) in app.targets.iter_mut().enumerate() {
                        if only.is_some_and(|o| o != i) {
                            continue;
                        }
                        t.current = None;
                        let d = report
                            .databases
                            .iter()
                            .find(|d| only.is_some() || d.id == t.id);
                        if let Some(e) = d.and_then(|d| d.error.clone()) {
                            t.state = TargetState::Failed(e);
                        } else if !matches!(t.state, TargetState::Failed(_)) {
                            t.state = TargetState::Done;
                        }
                    }
                    match only {
                        Some(i) => app.merge(i, *report),
                        None => app.session.scan = Some(*report),
                    }
                    app.phase = ScanPhase::Finished;
                    app.live_columns.clear();
                    app.recompute();
                    Some(Command::SaveSession)
                }
                Err(e) => {
                    app.phase = ScanPhase::Failed(e);
                    None
                }
            }
        }
        Action::Key(key) => on_key(app, key),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Option<Command> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if let Some(p) = app.ask.clone() {
        return on_ask(app, &key, p, ctrl_c);
    }
    if app.confirm_quit {
        return match key.code {
            KeyCode::Char('y') | KeyCode::Char('q') | KeyCode::Enter => {
                app.quit = true;
                Some(Command::Quit)
            }
            _ if ctrl_c => {
                app.quit = true;
                Some(Command::Quit)
            }
            _ => {
                app.confirm_quit = false;
                None
            }
        };
    }
    if app.help {
        let n = super::view::help_len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => app.help_scroll = (app.help_scroll + 1).min(n),
            KeyCode::Up | KeyCode::Char('k') => app.help_scroll = app.help_scroll.saturating_sub(1),
            KeyCode::PageDown => app.help_scroll = (app.help_scroll + 10).min(n),
            KeyCode::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            _ => {}
        }
        if matches!(
            key.code,
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
        ) {
            app.help = false;
        }
        return None;
    }
    if !ctrl_c {
        if app.screen == Screen::Questions
            && app.pane == Pane::Middle
            && let Some(done) = on_question_key(app, &key)
        {
            return done;
        }
        // Editors see keys first.
        let consumed = match app.screen {
            Screen::Report if app.pane == Pane::Middle => app.export_path.handle(&key),
            Screen::Findings | Screen::Inventory | Screen::Access => {
                let editing = app.table_view().is_some_and(|v| v.editing);
                if editing {
                    let used = app.table_view().is_some_and(|v| v.filter.handle(&key));
                    if used && let Some(v) = app.table_view() {
                        v.selected = 0;
                    }
                    used
                } else {
                    false
                }
            }
            _ => false,
        };
        if consumed {
            return None;
        }
        // Characters typed into a text field never become commands.
        if app.typing()
            && matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            return None;
        }
    }
    match keys::lookup(&key, app.screen) {
        Some(act) => on_act(app, act),
        None => None,
    }
}

/// The question pane's own keys. `Some(result)` when the key was handled here; `None` sends it
/// on to the binding table.
fn on_question_key(app: &mut App, key: &KeyEvent) -> Option<Option<Command>> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let scale = matches!(app.editor, Editor::Scale { .. });
    match app.focus {
        Focus::Note => {
            match key.code {
                KeyCode::Esc => {
                    if app.dirty() {
                        app.ask = Some(Pending::LeaveField);
                    } else {
                        app.focus = Focus::Browse;
                    }
                }
                KeyCode::Enter => return Some(app.save_answer(true).unwrap_or(None)),
                _ => {
                    let text_char = matches!(key.code, KeyCode::Char(_))
                        && !key.modifiers.contains(KeyModifiers::CONTROL);
                    if !app.note.handle(key) && !text_char {
                        return None;
                    }
                }
            }
            Some(None)
        }
        Focus::Input => {
            match key.code {
                KeyCode::Esc => {
                    return Some(if app.dirty() {
                        app.ask = Some(Pending::LeaveField);
                        None
                    } else {
                        app.focus = Focus::Browse;
                        None
                    });
                }
                KeyCode::Enter if plain => {
                    if app.editor.take_list_line() {
                        return Some(None);
                    }
                    return Some(app.save_answer(true).unwrap_or(None));
                }
                KeyCode::Up if scale => {
                    app.focus = Focus::Browse;
                    return Some(None);
                }
                _ => {}
            }
            let before = app.editor.contents();
            if app.editor.handle_text(key) {
                if app.editor.contents() != before {
                    app.error = None;
                }
                return Some(None);
            }
            // Characters typed into a text field never become commands.
            if matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.contains(KeyModifiers::CONTROL)
            {
                return Some(None);
            }
            None
        }
        Focus::Browse => {
            let before = app.editor.contents();
            if app.editor.handle_choice(key) {
                if app.editor.contents() != before {
                    app.error = None;
                }
                return Some(None);
            }
            match key.code {
                KeyCode::Down | KeyCode::Char('j') if scale && plain => {
                    app.focus = Focus::Input;
                    Some(None)
                }
                KeyCode::Enter if plain => {
                    if app.editor.has_text() {
                        app.focus = Focus::Input;
                        Some(None)
                    } else {
                        Some(app.save_answer(true).unwrap_or(None))
                    }
                }
                KeyCode::Char('N') if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    app.focus = Focus::Note;
                    Some(None)
                }
                _ => None,
            }
        }
    }
}

/// The answer to "save, discard or keep editing?".
fn on_ask(app: &mut App, key: &KeyEvent, p: Pending, ctrl_c: bool) -> Option<Command> {
    match key.code {
        KeyCode::Char('s') | KeyCode::Enter => {
            app.ask = None;
            match app.save_answer(false) {
                Ok(saved) => do_pending(app, p).or(saved),
                Err(()) => {
                    // Invalid: the error is shown; back to editing it.
                    if app.editor.has_text() {
                        app.focus = Focus::Input;
                    }
                    None
                }
            }
        }
        KeyCode::Char('d') => {
            app.ask = None;
            let id = app.current.clone();
            app.go_to(&id);
            app.message = Some(format!("unsaved edit to {id} discarded"));
            do_pending(app, p)
        }
        KeyCode::Char('q') => {
            app.quit = true;
            Some(Command::Quit)
        }
        _ if ctrl_c => {
            app.quit = true;
            Some(Command::Quit)
        }
        _ => {
            // Keep editing: nothing changes.
            app.ask = None;
            None
        }
    }
}

/// Do `p` now, or first ask about an unsaved edit it would drop.
fn navigate(app: &mut App, p: Pending) -> Option<Command> {
    if app.dirty() {
        app.ask = Some(p);
        return None;
    }
    do_pending(app, p)
}

fn do_pending(app: &mut App, p: Pending) -> Option<Command> {
    match p {
        Pending::Step(forward) => app.step_question(forward).then_some(Command::SaveSession),
        Pending::GoTo(id) => {
            app.go_to(&id);
            Some(Command::SaveSession)
        }
        Pending::NextOpen(required) => match app.next_open(required) {
            Some(id) => {
                app.go_to(&id);
                app.screen = Screen::Questions;
                app.pane = Pane::Middle;
                Some(Command::SaveSession)
            }
            None => {
                app.message = Some(if required {
                    "every required question shown is answered".into()
                } else {
                    "every question shown is answered".into()
                });
                None
            }
        },
        Pending::Leave => {
            app.focus = Focus::Browse;
            app.pane = Pane::Left;
            None
        }
        Pending::LeaveField => {
            app.focus = Focus::Browse;
            None
        }
        Pending::Undo => app.undo_last(),
        Pending::Quit => {
            if app.scanning() {
                app.confirm_quit = true;
                None
            } else {
                app.quit = true;
                Some(Command::Quit)
            }
        }
    }
}

fn on_act(app: &mut App, act: Act) -> Option<Command> {
    match act {
        Act::Quit => navigate(app, Pending::Quit),
        Act::Help => {
            app.help = true;
            app.help_scroll = 0;
            None
        }
        Act::Screen(s) => {
            // The edit in progress stays in the editor; only the text field loses the keys.
            app.focus = Focus::Browse;
            app.screen = s;
            app.pane = if s == Screen::Questions {
                Pane::Middle
            } else {
                Pane::Left
            };
            app.detail_scroll = 0;
            None
        }
        Act::Rescan => {
            let cmd = app.start_scan(None);
            app.message = Some("scanning again".into());
            Some(cmd)
        }
        Act::CancelScan => {
            if app.scanning() {
                app.phase = ScanPhase::Cancelled;
                for t in &mut app.targets {
                    if matches!(t.state, TargetState::Connecting | TargetState::Scanning) {
                        t.state = TargetState::Idle;
                    }
                    t.current = None;
                }
                app.live_columns.clear();
                app.message = Some("scan cancelled; r scans again".into());
                Some(Command::CancelScan)
            } else {
                None
            }
        }
        _ => match app.screen {
            Screen::Start => on_start(app, act),
            Screen::Questions => on_questions(app, act),
            Screen::Findings | Screen::Inventory | Screen::Access => on_table(app, act),
            Screen::Report => on_report(app, act),
        },
    }
}

fn on_start(app: &mut App, act: Act) -> Option<Command> {
    match act {
        Act::Confirm => {
            app.screen = Screen::Questions;
            app.pane = Pane::Middle;
        }
        Act::Up => app.selected_target = app.selected_target.saturating_sub(1),
        Act::Down => {
            app.selected_target = (app.selected_target + 1).min(app.targets.len().saturating_sub(1))
        }
        Act::RescanTarget if !app.targets.is_empty() => {
            let i = app.selected_target.min(app.targets.len() - 1);
            app.message = Some(format!("scanning {} again", app.targets[i].display));
            return Some(app.start_scan(Some(i)));
        }
        _ => {}
    }
    None
}

fn cycle_pane(app: &mut App, forward: bool) {
    app.pane = match (app.pane, forward) {
        (Pane::Left, true) | (Pane::Right, false) => Pane::Middle,
        (Pane::Middle, true) | (Pane::Left, false) => Pane::Right,
        (Pane::Right, true) | (Pane::Middle, false) => Pane::Left,
    };
}

fn on_questions(app: &mut App, act: Act) -> Option<Command> {
    match act {
        Act::NextPane => {
            app.focus = Focus::Browse;
            cycle_pane(app, true)
        }
        Act::PrevPane => {
            app.focus = Focus::Browse;
            cycle_pane(app, false)
        }
        Act::NextQuestion | Act::PageDown if app.pane != Pane::Right => {
            return navigate(app, Pending::Step(true));
        }
        Act::PrevQuestion | Act::PageUp if app.pane != Pane::Right => {
            return navigate(app, Pending::Step(false));
        }
        Act::Up | Act::Down if app.pane == Pane::Left => {
            return navigate(app, Pending::Step(act == Act::Down));
        }
        Act::NextUnanswered => return navigate(app, Pending::NextOpen(false)),
        Act::NextRequired => return navigate(app, Pending::NextOpen(true)),
        Act::Undo => return navigate(app, Pending::Undo),
        Act::Note => {
            app.pane = Pane::Middle;
            app.focus = Focus::Note;
        }
        Act::AddPick => app.add_pick(),
        Act::Up | Act::PageUp if app.pane == Pane::Right => {
            app.detail_scroll =
                app.detail_scroll
                    .saturating_sub(if act == Act::Up { 1 } else { 10 })
        }
        Act::Down | Act::PageDown if app.pane == Pane::Right => {
            app.detail_scroll =
                app.detail_scroll
                    .saturating_add(if act == Act::Down { 1 } else { 10 })
        }
        Act::Confirm => app.pane = Pane::Middle,
        Act::Back => {
            if app.pane == Pane::Middle {
                return navigate(app, Pending::Leave);
            }
            app.pane = Pane::Middle;
        }
        _ => {}
    }
    None
}

fn on_table(app: &mut App, act: Act) -> Option<Command> {
    let editing = app.table_view().is_some_and(|v| v.editing);
    if editing {
        if matches!(act, Act::Confirm | Act::Back)
            && let Some(v) = app.table_view()
        {
            {
                v.editing = false;
                if act == Act::Back {
                    v.filter = LineEditor::default();
                }
                v.selected = 0;
            }
        }
        if !matches!(act, Act::Up | Act::Down | Act::PageUp | Act::PageDown) {
            return None;
        }
    }
    if app.screen == Screen::Findings && app.pane == Pane::Middle {
        // The detail pane has the focus: arrows scroll it.
        match act {
            Act::Up | Act::Left => app.detail_scroll = app.detail_scroll.saturating_sub(1),
            Act::Down | Act::Right => app.detail_scroll = app.detail_scroll.saturating_add(1),
            Act::Back | Act::NextPane | Act::PrevPane => app.pane = Pane::Left,
            _ => {}
        }
        return None;
    }
    match act {
        Act::Up => app.move_selection(-1),
        Act::Down => app.move_selection(1),
        Act::PageUp => app.move_selection(-10),
        Act::PageDown => app.move_selection(10),
        Act::Filter => {
            if let Some(v) = app.table_view() {
                v.editing = true;
            }
        }
        Act::NextPane | Act::PrevPane => cycle_pane(app, act == Act::NextPane),
        Act::Left => app.detail_scroll = app.detail_scroll.saturating_sub(1),
        Act::Right => app.detail_scroll = app.detail_scroll.saturating_add(1),
        Act::Sort => {
            app.sort = match app.sort {
                SortKey::Severity => SortKey::Source,
                SortKey::Source => SortKey::Database,
                SortKey::Database => SortKey::Title,
                SortKey::Title => SortKey::Severity,
            };
            app.findings.selected = 0;
        }
        Act::Severity => {
            let all = [
                Severity::Low,
                Severity::Medium,
                Severity::High,
                Severity::Critical,
            ];
            app.min_severity = cycle(&all, &app.min_severity);
            app.findings.selected = 0;
        }
        Act::Source => {
            let all = [
                FindingSource::Scan,
                FindingSource::Access,
                FindingSource::Posture,
                FindingSource::Answers,
                FindingSource::Reconciliation,
            ];
            app.source = cycle(&all, &app.source);
            app.findings.selected = 0;
        }
        Act::Database => {
            let all = app.databases();
            if let Some(v) = app.table_view() {
                v.database = cycle(&all, &v.database);
                v.selected = 0;
            }
        }
        Act::Back => {
            if let Some(v) = app.table_view() {
                v.filter = LineEditor::default();
                v.database = None;
                v.selected = 0;
            }
            if app.screen == Screen::Findings {
                app.min_severity = None;
                app.source = None;
            }
        }
        _ => {}
    }
    None
}

fn on_report(app: &mut App, act: Act) -> Option<Command> {
    if app.pane == Pane::Middle {
        match act {
            Act::Confirm => {
                let dir = PathBuf::from(app.export_path.text.trim());
                if dir.as_os_str().is_empty() {
                    app.message = Some("type a directory to export into".into());
                    return None;
                }
                return Some(Command::Export(dir));
            }
            Act::Back | Act::NextPane | Act::PrevPane => app.pane = Pane::Left,
            _ => {}
        }
        return None;
    }
    match act {
        Act::Up => app.report_scroll = app.report_scroll.saturating_sub(1),
        Act::Down => app.report_scroll = app.report_scroll.saturating_add(1),
        Act::PageUp => app.report_scroll = app.report_scroll.saturating_sub(10),
        Act::PageDown => app.report_scroll = app.report_scroll.saturating_add(10),
        Act::EditPath | Act::NextPane | Act::PrevPane | Act::Confirm => app.pane = Pane::Middle,
        _ => {}
    }
    None
}

/// Whether a session file is there to resume.
pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// Short engine name.
pub fn engine_name(e: EngineKind) -> &'static str {
    match e {
        EngineKind::Postgres => "PostgreSQL",
        EngineKind::Mysql => "MySQL/MariaDB",
        EngineKind::Sqlite => "SQLite",
    }
}

/// The answer to a question, for display.
pub fn answer_text(app: &App, id: &str) -> Option<String> {
    app.session
        .answers
        .get(id)
        .map(|a: &Json| answers::display(a))
}
