//! The key bindings: one table drives key handling, the footer and the help overlay, so the help
//! never drifts from the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Screen;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Quit (asks first while a scan runs).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Go back (leave an editor or a pane).
    Back,
    /// Confirm (save an answer, open, export).
    Confirm,
    /// Next pane.
    NextPane,
    /// Previous pane.
    PrevPane,
    /// Move up.
    Up,
    /// Move down.
    Down,
    /// Move left.
    Left,
    /// Move right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Next question.
    NextQuestion,
    /// Previous question.
    PrevQuestion,
    /// Edit the text filter.
    Filter,
    /// Switch screen.
    Screen(Screen),
    /// Scan every target again.
    Rescan,
    /// Cancel the running scan.
    CancelScan,
    /// Scan the selected target again.
    RescanTarget,
    /// Cycle the sort order of findings.
    Sort,
    /// Cycle the minimum severity shown.
    Severity,
    /// Cycle the source shown.
    Source,
    /// Cycle the database shown.
    Database,
    /// Edit the export directory.
    EditPath,
    /// Undo the last change to an answer.
    Undo,
    /// Go to the next unanswered question.
    NextUnanswered,
    /// Go to the next required question without an answer.
    NextRequired,
    /// Edit the note on the answer (the question pane handles the key itself).
    Note,
    /// A list question: add the next value the scan found (a reader role, a database).
    AddPick,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A plain character.
    Char(char),
    /// A special key.
    Code(KeyCode),
    /// Ctrl + a character.
    Ctrl(char),
}

impl Key {
    /// Whether the event is this key.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    /// How the key is written in the footer and the help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "S-Tab".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys (the first is shown in the footer).
    pub keys: &'static [Key],
    /// What it does.
    pub act: Act,
    /// Short footer label.
    pub label: &'static str,
    /// Help text.
    pub help: &'static str,
    /// Screens where it works; empty means everywhere.
    pub screens: &'static [Screen],
    /// Shown in the footer.
    pub footer: bool,
}

use Screen::*;

const QF: &[Screen] = &[Questions, Findings, Inventory, Access, Report, Start];

/// Every binding, in help order.
pub const BINDINGS: &[Binding] = &[
    b(
        &[Key::Char('?')],
        Act::Help,
        "help",
        "show or hide this help",
        &[],
        true,
    ),
    b(
        &[Key::Char('q'), Key::Ctrl('c')],
        Act::Quit,
        "quit",
        "quit (asks first while scanning or with an unsaved edit)",
        &[],
        true,
    ),
    b(
        &[Key::Code(KeyCode::Esc)],
        Act::Back,
        "back",
        "leave a text field, filter or pane (asks if an edit is unsaved)",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::Enter)],
        Act::Confirm,
        "confirm",
        "save the answer and go on; on a text question: start typing",
        &[],
        true,
    ),
    b(
        &[Key::Code(KeyCode::Tab)],
        Act::NextPane,
        "pane",
        "next pane",
        &[Questions, Findings, Report],
        true,
    ),
    b(
        &[Key::Code(KeyCode::BackTab)],
        Act::PrevPane,
        "pane",
        "previous pane",
        &[Questions, Findings, Report],
        false,
    ),
    b(
        &[Key::Code(KeyCode::Up), Key::Char('k')],
        Act::Up,
        "up",
        "move up",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::Down), Key::Char('j')],
        Act::Down,
        "down",
        "move down",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::Left), Key::Char('h')],
        Act::Left,
        "left",
        "move left / previous option",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::Right), Key::Char('l')],
        Act::Right,
        "right",
        "move right / next option",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::PageUp)],
        Act::PageUp,
        "page",
        "scroll a page up",
        &[],
        false,
    ),
    b(
        &[Key::Code(KeyCode::PageDown)],
        Act::PageDown,
        "page",
        "scroll a page down",
        &[],
        false,
    ),
    b(
        &[Key::Char('n'), Key::Ctrl('n')],
        Act::NextQuestion,
        "next",
        "next question (Ctrl-n also while typing)",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('p'), Key::Ctrl('p')],
        Act::PrevQuestion,
        "prev",
        "previous question (Ctrl-p also while typing)",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('a')],
        Act::NextUnanswered,
        "unanswered",
        "next unanswered question",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('!')],
        Act::NextRequired,
        "required",
        "next required question without an answer (marked !)",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('N')],
        Act::Note,
        "note",
        "a note on the answer (exceptions); Enter saves both",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('+')],
        Act::AddPick,
        "add found",
        "list question: add the next role or system the scan found (Enter saves)",
        &[Questions],
        false,
    ),
    b(
        &[Key::Char('u')],
        Act::Undo,
        "undo",
        "undo the last change to an answer (again: the one before)",
        &[Questions],
        true,
    ),
    b(
        &[Key::Char('/')],
        Act::Filter,
        "filter",
        "filter by text",
        &[Findings, Inventory, Access],
        true,
    ),
    b(
        &[Key::Char('s')],
        Act::Sort,
        "sort",
        "sort by severity, source, database, title",
        &[Findings],
        true,
    ),
    b(
        &[Key::Char('v')],
        Act::Severity,
        "severity",
        "show this severity and worse",
        &[Findings],
        true,
    ),
    b(
        &[Key::Char('o')],
        Act::Source,
        "source",
        "show one source only",
        &[Findings],
        true,
    ),
    b(
        &[Key::Char('d')],
        Act::Database,
        "database",
        "show one database only",
        &[Findings, Inventory, Access],
        true,
    ),
    b(
        &[Key::Char('e')],
        Act::EditPath,
        "export dir",
        "edit the export directory",
        &[Report],
        true,
    ),
    b(
        &[Key::Char('r'), Key::Code(KeyCode::F(5))],
        Act::Rescan,
        "rescan",
        "scan every database again",
        &[],
        true,
    ),
    b(
        &[Key::Char('t')],
        Act::RescanTarget,
        "rescan target",
        "scan the selected target again",
        &[Start],
        true,
    ),
    b(
        &[Key::Char('c')],
        Act::CancelScan,
        "cancel scan",
        "cancel the running scan",
        &[],
        false,
    ),
    b(
        &[Key::Char('1'), Key::Code(KeyCode::F(1))],
        Act::Screen(Start),
        "start",
        "start screen: targets, session",
        QF,
        false,
    ),
    b(
        &[Key::Char('2'), Key::Code(KeyCode::F(2))],
        Act::Screen(Questions),
        "questions",
        "the questionnaire",
        QF,
        false,
    ),
    b(
        &[Key::Char('3'), Key::Code(KeyCode::F(3))],
        Act::Screen(Findings),
        "findings",
        "findings",
        QF,
        false,
    ),
    b(
        &[Key::Char('4'), Key::Code(KeyCode::F(4))],
        Act::Screen(Inventory),
        "inventory",
        "personal-data columns",
        QF,
        false,
    ),
    b(
        &[Key::Char('5'), Key::Code(KeyCode::F(6))],
        Act::Screen(Access),
        "access",
        "who can read personal data",
        QF,
        false,
    ),
    b(
        &[Key::Char('6'), Key::Code(KeyCode::F(7))],
        Act::Screen(Report),
        "report",
        "report preview and export",
        QF,
        false,
    ),
];

#[allow(clippy::too_many_arguments)]
const fn b(
    keys: &'static [Key],
    act: Act,
    label: &'static str,
    help: &'static str,
    screens: &'static [Screen],
    footer: bool,
) -> Binding {
    Binding {
        keys,
        act,
        label,
        help,
        screens,
        footer,
    }
}

impl Binding {
    /// Whether the binding works on a screen.
    pub fn applies(&self, screen: Screen) -> bool {
        self.screens.is_empty() || self.screens.contains(&screen)
    }

    /// All keys, as written.
    pub fn key_labels(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The action a key press means on a screen, if any.
pub fn lookup(ev: &KeyEvent, screen: Screen) -> Option<Act> {
    BINDINGS
        .iter()
        .find(|b| b.applies(screen) && b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.act)
}

/// Footer entries for a screen: (key, label).
pub fn footer(screen: Screen) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.footer && b.applies(screen))
        .map(|b| (b.keys[0].label(), b.label))
        .collect()
}
