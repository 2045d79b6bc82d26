//! Rendering: a pure function of the model. Works from 80×24 down to 40×12 and never panics at
//! any size (a 0-row frame draws nothing). Severity is always written as a word, never colour
//! alone; without colour (NO_COLOR, `--no-color`) emphasis uses bold and reverse video only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};

use super::app::{self, App, Focus, Pane, Pending, ScanPhase, Screen, SortKey, TargetState};
use super::input::Editor;
use super::keys::{self, BINDINGS};
use crate::model::{FindingSource, Severity};
use crate::questionnaire::QuestionType;

/// Styles, with or without colour.
#[derive(Debug, Clone, Copy)]
struct Theme {
    color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    fn severity(self, s: Severity) -> Style {
        match s {
            Severity::Critical => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Severity::High => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Medium => self.fg(Color::Yellow),
            Severity::Low => self.fg(Color::Blue),
            Severity::Info => self.dim(),
        }
    }
    fn border(self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }
}

/// Short severity word (always shown with the colour).
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRIT",
        Severity::High => "HIGH",
        Severity::Medium => "MED",
        Severity::Low => "LOW",
        Severity::Info => "INFO",
    }
}

const SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

/// Marker of an answered question.
const MARK_ANSWERED: &str = "✓";
/// Marker of a required question without an answer.
const MARK_REQUIRED: &str = "!";
/// The markers' legend under the section list.
const LEGEND_SHORT: &str = "✓ done ! required";
/// Every marker of the question screen, for the help overlay.
pub const LEGEND: &[(&str, &str)] = &[
    ("✓", "answered (the answer is saved in the session)"),
    (
        "!",
        "required and not answered yet; `!` jumps to the next one",
    ),
    (
        "!3",
        "after a section: 3 required questions in it not answered",
    ),
    (
        "4/7",
        "after a section: 4 of the 7 questions shown are answered",
    ),
    ("▾ ▸", "the current section (open) / another section"),
    ("›", "the option or field that has the keys"),
    (
        "[x] [ ]",
        "multi choice: picked / not picked (Space toggles)",
    ),
    (
        "(•) ( )",
        "single choice: picked / not picked (Space picks)",
    ),
    ("▶", "in a pane title: the pane that has the keys"),
    ("▏", "the cursor in a text field (every key is text there)"),
];

/// `s` cut to `width` display columns by taking out its middle (`stolen_…likelihood`).
pub fn elide_middle(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let w = unicode_width::UnicodeWidthStr::width(s);
    if w <= width {
        return s.to_string();
    }
    if width <= 1 {
        return "…".chars().take(width).collect();
    }
    let keep = width - 1;
    let (head_w, tail_w) = (keep.div_ceil(2), keep / 2);
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > head_w {
            break;
        }
        used += cw;
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > tail_w {
            break;
        }
        used += cw;
        tail.push(c);
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// `text` word-wrapped to `width` columns, the first line after `first`, the others indented
/// to line up under the text (a hanging indent), all in `style`.
fn hanging(first: &str, text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = unicode_width::UnicodeWidthStr::width(first);
    let room = width.saturating_sub(indent).max(8);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    let flush = |cur: &mut String, out: &mut Vec<Line<'static>>| {
        let lead = if out.is_empty() {
            first.to_string()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::styled(format!("{lead}{cur}"), style));
        cur.clear();
    };
    for word in text.split(' ') {
        let ww = unicode_width::UnicodeWidthStr::width(word);
        if cur_w > 0 && cur_w + 1 + ww > room {
            flush(&mut cur, &mut out);
            cur_w = 0;
        }
        // A word longer than the room is cut into pieces that fit.
        let mut word = word.to_string();
        while unicode_width::UnicodeWidthStr::width(word.as_str()) > room && cur_w == 0 {
            let piece: String = word.chars().take(room).collect();
            word = word.chars().skip(room).collect();
            cur.push_str(&piece);
            flush(&mut cur, &mut out);
        }
        if cur_w > 0 {
            cur.push(' ');
            cur_w += 1;
        }
        cur_w += unicode_width::UnicodeWidthStr::width(word.as_str());
        cur.push_str(&word);
    }
    if !cur.is_empty() || out.is_empty() {
        flush(&mut cur, &mut out);
    }
    out
}

/// The report's Markdown rendered for the terminal: headings styled without their `#`, bold
/// spans bold, code dim, table delimiter rows as a rule, backslash escapes resolved. (The text
/// is already terminal-safe: the Markdown writer made control characters visible.)
fn markdown_lines(md: &str, t: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for raw in md.lines() {
        let trimmed = raw.trim_start();
        if let Some(rest) = trimmed.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|c| *c == '#').count();
            let text = rest.trim_start_matches('#').trim();
            let style = if level <= 2 {
                t.accent()
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                t.accent().add_modifier(Modifier::BOLD)
            };
            out.push(Line::from(Span::styled(unescape_markdown(text), style)));
            continue;
        }
        if trimmed.starts_with("|---") || trimmed.starts_with("|:--") {
            out.push(Line::styled("─".repeat(20), t.dim()));
            continue;
        }
        out.push(Line::from(inline_spans(raw, t)));
    }
    out
}

/// Inline Markdown of one line: `**bold**`, `` `code` ``, backslash escapes.
fn inline_spans(line: &str, t: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut cur = String::new();
    let (mut bold, mut code) = (false, false);
    let style = |bold: bool, code: bool| {
        let s = if code { t.dim() } else { Style::default() };
        if bold {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    };
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !code && chars.peek().is_some_and(char::is_ascii_punctuation) => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '*' if !code && chars.peek() == Some(&'*') => {
                chars.next();
                spans.push(Span::styled(std::mem::take(&mut cur), style(bold, code)));
                bold = !bold;
            }
            '`' => {
                spans.push(Span::styled(std::mem::take(&mut cur), style(bold, code)));
                code = !code;
            }
            c => cur.push(c),
        }
    }
    spans.push(Span::styled(cur, style(bold, code)));
    spans.retain(|s| !s.content.is_empty());
    spans
}

/// Backslash escapes resolved (`\[x\]` → `[x]`).
fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Names and values from a database or a file, safe for the terminal (see [`crate::escape`]).
fn esc(s: &str) -> String {
    crate::escape::terminal(s).into_owned()
}

fn block(title: String, focused: bool, t: Theme) -> Block<'static> {
    let title = if focused {
        format!("▶ {title}")
    } else {
        title
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(title)
}

/// Draw the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let t = Theme { color: app.color };
    // The status line wraps (up to 3 rows) rather than cutting a message off.
    let status_rows = wrapped_rows(&status_line(app, t).to_string(), area.width as usize)
        .clamp(1, 3)
        .min(usize::from(area.height / 4).max(1));
    // The footer wraps to a second row rather than cutting keys off (from 20 rows up).
    let footer_rows = if area.height >= 20 {
        wrapped_rows(&footer_line(app, t).to_string(), area.width as usize).clamp(1, 2)
    } else {
        1
    };
    let [top, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(u16::try_from(status_rows).unwrap_or(1)),
        Constraint::Length(u16::try_from(footer_rows).unwrap_or(1)),
    ])
    .areas(area);
    draw_tabs(f, app, top, t);
    match app.screen {
        Screen::Start => draw_start(f, app, body, t),
        Screen::Questions => draw_questions(f, app, body, t),
        Screen::Findings => draw_findings(f, app, body, t),
        Screen::Inventory => draw_inventory(f, app, body, t),
        Screen::Access => draw_access(f, app, body, t),
        Screen::Report => draw_report(f, app, body, t),
    }
    draw_status(f, app, status, t);
    draw_footer(f, app, footer, t);
    if app.help {
        draw_help(f, app, area, t);
    }
    if let Some(p) = &app.ask {
        draw_ask(f, app, p, area, t);
    }
    if app.confirm_quit {
        let w = area.width.min(44);
        let r = centered(area, w, 4);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(vec![
                Line::from("A scan is running."),
                Line::from("Quit anyway? y = quit, any key = stay"),
            ])
            .wrap(Wrap { trim: true })
            .block(block("Quit?".into(), true, t)),
            r,
        );
    }
}

/// "Save, discard or keep editing?" over whatever screen is shown.
fn draw_ask(f: &mut Frame, app: &App, p: &Pending, area: Rect, t: Theme) {
    let then = match p {
        Pending::Step(true) => "before going to the next question",
        Pending::Step(false) => "before going to the previous question",
        Pending::GoTo(_) | Pending::NextOpen(_) => "before going to another question",
        Pending::Leave | Pending::LeaveField => "before leaving it",
        Pending::Undo => "before undoing",
        Pending::Quit => "before quitting",
    };
    let lines = vec![
        Line::from(format!(
            "The answer to {} has an unsaved edit.",
            app.current
        )),
        Line::from(format!("Save it {then}?")),
        Line::from(vec![
            Span::styled("s", t.accent()),
            Span::raw(" save  "),
            Span::styled("d", t.accent()),
            Span::raw(" discard  "),
            Span::styled("Esc", t.accent()),
            Span::raw(" keep editing  "),
            Span::styled("q", t.accent()),
            Span::raw(" quit without saving"),
        ]),
    ];
    let w = area.width.min(52);
    let inner = w.saturating_sub(2).max(1) as usize;
    let h: usize = lines
        .iter()
        .map(|l| wrapped_rows(&l.to_string(), inner))
        .sum::<usize>()
        + 2;
    let r = centered(area, w, u16::try_from(h).unwrap_or(u16::MAX));
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block(
            "Unsaved edit".into(),
            true,
            t,
        )),
        r,
    );
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    // Whole names with their number keys; below 60 columns only the current screen is named.
    let full: usize = Screen::ALL
        .iter()
        .map(|s| s.title().chars().count() + 2)
        .sum::<usize>()
        + Screen::ALL.len()
        - 1;
    let width = area.width as usize;
    let mut spans = Vec::new();
    if width >= full + 10 {
        spans.push(Span::styled("privaudit ", t.accent()));
    }
    for (i, s) in Screen::ALL.iter().enumerate() {
        let here = *s == app.screen;
        let label = if width >= full || here {
            format!("{} {}", i + 1, s.title())
        } else {
            format!("{}", i + 1)
        };
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        if here {
            spans.push(Span::styled(label, t.selected()));
        } else {
            spans.push(Span::raw(label));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    f.render_widget(
        Paragraph::new(status_line(app, t)).wrap(Wrap { trim: true }),
        area,
    );
}

fn status_line(app: &App, t: Theme) -> Line<'static> {
    let (done, total) = app.progress();
    let failed = app
        .targets
        .iter()
        .filter(|x| matches!(x.state, TargetState::Failed(_)))
        .count();
    let failed_txt = if failed > 0 {
        format!(" · {failed} failed")
    } else {
        String::new()
    };
    let scan = match &app.phase {
        ScanPhase::Running => {
            let current = app
                .targets
                .iter()
                .find_map(|x| x.current.as_ref().map(|c| format!("{}: {c}", x.id)))
                .unwrap_or_else(|| "connecting".into());
            format!(
                "{} scanning {done}/{total} tables · {current}{failed_txt} · c cancels",
                SPINNER[app.spinner % SPINNER.len()]
            )
        }
        ScanPhase::Finished => format!(
            "scan finished: {done}/{total} tables, {} personal-data columns{failed_txt}",
            app.columns().len()
        ),
        ScanPhase::FromSession => format!(
            "scan from the session ({}) · r rescans",
            app.session
                .scan
                .as_ref()
                .map_or("", |s| s.finished_at.as_str())
        ),
        ScanPhase::None => "no scan yet · r scans".into(),
        ScanPhase::Cancelled => "scan cancelled · r scans again".into(),
        ScanPhase::Failed(e) => format!("scan failed: {}", esc(e)),
    };
    let mut spans = vec![Span::styled(
        scan,
        if failed > 0 || matches!(app.phase, ScanPhase::Failed(_)) {
            t.error()
        } else {
            t.dim()
        },
    )];
    let warnings = app.audit.scan.warnings.len();
    if warnings > 0 && !app.scanning() {
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{warnings} warning(s), listed in the report"),
            t.error(),
        ));
    }
    if let Some(m) = &app.message {
        spans.push(Span::raw(" · "));
        spans.push(Span::raw(esc(m)));
    }
    Line::from(spans)
}

fn draw_footer(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    f.render_widget(
        Paragraph::new(footer_line(app, t)).wrap(Wrap { trim: true }),
        area,
    );
}

fn footer_line(app: &App, t: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut item = |key: &str, label: &str| {
        spans.push(Span::styled(key.to_string(), t.accent()));
        spans.push(Span::raw(format!(" {label}  ")));
    };
    if app.typing() {
        // Every character is text here: say how to save and how to leave.
        let question = app.screen == Screen::Questions;
        if question {
            item("Enter", "save");
            if matches!(app.editor, Editor::Text(_)) && app.focus == Focus::Input {
                item("Alt-Enter", "new line");
            }
            item("Esc", "leave field (then q quits)");
            item("Ctrl-n/p", "next/prev");
        } else {
            item("Enter", "confirm");
            item("Esc", "leave field (then q quits)");
        }
        item("F1–F7", "screens");
    } else {
        let on_text =
            app.screen == Screen::Questions && app.pane == Pane::Middle && app.editor.has_text();
        for (key, label) in keys::footer(app.screen) {
            let label = if key == "Enter" && on_text {
                "type"
            } else if key == "Enter" && app.screen == Screen::Questions {
                "save"
            } else {
                label
            };
            item(&key, label);
        }
    }
    Line::from(spans)
}

/// Rows of the help overlay: the bindings, a heading, the markers.
pub fn help_len() -> usize {
    BINDINGS.len() + 1 + LEGEND.len()
}

fn draw_help(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let r = centered(
        area,
        area.width.saturating_sub(4).max(1),
        area.height.saturating_sub(2).max(1),
    );
    f.render_widget(Clear, r);
    let keys = BINDINGS.iter().map(|b| {
        let here = b.applies(app.screen);
        let style = if here { Style::default() } else { t.dim() };
        let wher = if b.screens.is_empty() || b.screens.len() == Screen::ALL.len() {
            "everywhere".to_string()
        } else {
            b.screens
                .iter()
                .map(|s| s.title())
                .collect::<Vec<_>>()
                .join(", ")
        };
        Row::new(vec![
            Cell::from(b.key_labels()),
            Cell::from(b.help),
            Cell::from(wher),
        ])
        .style(style)
    });
    // The markers of the question screen follow the keys.
    let legend = std::iter::once(Row::new(vec!["Marker", "Means", ""]).style(t.accent())).chain(
        LEGEND.iter().map(|(m, what)| {
            Row::new(vec![
                Cell::from(*m),
                Cell::from(*what),
                Cell::from("Questions"),
            ])
        }),
    );
    let rows: Vec<Row> = keys.chain(legend).skip(app.help_scroll).collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(13),
            Constraint::Fill(4),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(vec!["Keys", "Does", "Where"]).style(t.accent()))
    .block(block(
        format!(
            "Help {}/{} ↑↓ scroll · ? closes · text fields take every character, Esc leaves them",
            app.help_scroll + 1,
            help_len()
        ),
        true,
        t,
    ));
    f.render_widget(table, r);
}

fn draw_start(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let mut lines = vec![Line::styled("Targets", t.accent())];
    for (i, x) in app.targets.iter().enumerate() {
        let (word, style) = match &x.state {
            TargetState::Idle => (
                if app.session.scan.is_some() {
                    "from session".to_string()
                } else {
                    "not checked".to_string()
                },
                t.dim(),
            ),
            TargetState::Connecting => ("connecting…".into(), t.dim()),
            TargetState::Scanning => (
                format!("connected ✓ {}/{} tables", x.tables_done, x.tables_total),
                t.ok(),
            ),
            TargetState::Done => (
                format!("connected ✓ done, {} tables", x.tables_total),
                t.ok(),
            ),
            TargetState::Failed(e) => (format!("FAILED: {e}"), t.error()),
        };
        let mark = if i == app.selected_target { "›" } else { " " };
        lines.push(Line::from(vec![
            Span::raw(format!("{mark} {} ", esc(&x.display))),
            Span::styled(format!("[{}] ", app::engine_name(x.engine)), t.dim()),
            Span::styled(word, style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Questionnaire", t.accent()));
    lines.push(Line::raw(format!(
        "  {} ({} v{})",
        app.q.q.title, app.q.q.id, app.q.q.version,
    )));
    lines.push(Line::raw(format!(
        "  {} questions shown of {}; more may appear from your answers",
        app.visible_ids().len(),
        app.q.len()
    )));
    lines.push(Line::styled(format!("  {}", app.q.origin), t.dim()));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Session", t.accent()));
    lines.push(Line::raw(format!("  {}", app.session_path.display())));
    let missing = crate::answers::unanswered_required_given(
        &app.q,
        &app.session.answers,
        &crate::answers::found_categories(app.columns()),
    )
    .len();
    lines.push(Line::raw(if app.resumed {
        format!(
            "  resumed: {} answers, {} required missing, at {}",
            app.session.answers.len(),
            missing,
            app.current
        )
    } else {
        "  new session (saved after every answer)".to_string()
    }));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Enter: start the questionnaire · t: rescan the selected target · ? help",
        t.dim(),
    ));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block("Audit session".into(), true, t)),
        area,
    );
}

fn draw_questions(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let (left, mid, right) = if area.width >= 110 {
        let [l, m, r] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Min(20),
            Constraint::Length(area.width / 3),
        ])
        .areas(area);
        (Some(l), Some(m), Some(r))
    } else if area.width >= 72 {
        // The question needs the room: sections beside it, the evidence in its place on Tab.
        let [l, m] = Layout::horizontal([Constraint::Length(24), Constraint::Min(20)]).areas(area);
        if app.pane == Pane::Right {
            (Some(l), None, Some(m))
        } else {
            (Some(l), Some(m), None)
        }
    } else {
        // Narrow: only the focused pane.
        match app.pane {
            Pane::Left => (Some(area), None, None),
            Pane::Middle => (None, Some(area), None),
            Pane::Right => (None, None, Some(area)),
        }
    };
    if let Some(l) = left {
        draw_sections(f, app, l, t);
    }
    if let Some(m) = mid {
        draw_question(f, app, m, t);
    }
    if let Some(r) = right {
        draw_evidence(f, app, r, t);
    }
}

fn draw_sections(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let visible = app.visible_ids();
    let missing = crate::answers::unanswered_required_given(
        &app.q,
        &app.session.answers,
        &crate::answers::found_categories(app.columns()),
    );
    let cur_section = app.current.split('.').next().unwrap_or("");
    let mut lines = Vec::new();
    let mut cursor_line = 0usize;
    for s in &app.q.q.sections {
        let sid = s.id.get_ref();
        let ids: Vec<&String> = visible
            .iter()
            .filter(|i| i.split('.').next() == Some(sid.as_str()))
            .collect();
        let answered = ids
            .iter()
            .filter(|i| app.session.answers.contains_key(i.as_str()))
            .count();
        let miss = ids.iter().filter(|i| missing.contains(i)).count();
        let miss_txt = if miss > 0 {
            format!(" !{miss}")
        } else {
            String::new()
        };
        let here = sid == cur_section;
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} {sid}", if here { "▾" } else { "▸" }),
                if here { t.accent() } else { Style::default() },
            ),
            Span::raw(format!(" {answered}/{}", ids.len())),
            Span::styled(miss_txt, t.error()),
        ]));
        if here {
            // "  ✓ " before the name; the name is elided in the middle, so the two ends that
            // tell questions apart (`stolen_…likelihood`, `stolen_…severity`) stay.
            let room = (area.width as usize).saturating_sub(2 + 4).max(1);
            for id in ids {
                let q = id.split_once('.').map_or(id.as_str(), |x| x.1);
                let mark = if app.session.answers.contains_key(id.as_str()) {
                    MARK_ANSWERED
                } else if missing.contains(id) {
                    MARK_REQUIRED
                } else {
                    " "
                };
                let style = if *id == app.current {
                    cursor_line = lines.len();
                    t.selected()
                } else {
                    Style::default()
                };
                lines.push(Line::styled(
                    format!("  {mark} {}", elide_middle(q, room)),
                    style,
                ));
            }
        }
    }
    let inner_h = area.height.saturating_sub(2) as usize;
    let scroll = cursor_line.saturating_sub(inner_h.saturating_sub(1)) as u16;
    f.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            block(
                if app.complete() {
                    "Sections ✓ complete".into()
                } else {
                    "Sections".into()
                },
                app.pane == Pane::Left,
                t,
            )
            .title_bottom(Line::styled(LEGEND_SHORT, t.dim())),
        ),
        area,
    );
}

fn draw_question(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let Some(r) = app.q.get(&app.current) else {
        f.render_widget(
            Paragraph::new("No question is shown.").block(block("Question".into(), true, t)),
            area,
        );
        return;
    };
    let q = r.question;
    let visible = app.visible_ids();
    let pos = visible
        .iter()
        .position(|i| *i == app.current)
        .map_or(0, |i| i + 1);
    // Lines are wrapped here, to the pane's inner width, so wrapped options and hints keep a
    // hanging indent and the scroll below counts real rows.
    let w = area.width.saturating_sub(2).max(1) as usize;
    let title = format!(
        "Question {pos} of {} shown ({} in all)",
        visible.len(),
        app.q.len()
    );
    // The head (section, prompt, id) stays on top; the body below scrolls to the focus.
    let mut head: Vec<Line> = Vec::new();
    head.extend(hanging("", &r.section.title, w, t.accent()));
    let mut prompt = q.prompt.clone();
    if q.required {
        prompt.push_str(" (required)");
    }
    head.extend(hanging(
        "",
        &prompt,
        w,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    head.extend(hanging(
        "",
        &format!("{} · {}", app.current, q.kind.get_ref().name()),
        w,
        t.dim(),
    ));
    // Below 110 columns the evidence pane is not beside the question: say what it holds.
    if f.area().width < 110 {
        use crate::evidence::Mark;
        let ev = question_evidence(app);
        let against = ev
            .lines
            .iter()
            .filter(|l| l.mark == Mark::Contradicts)
            .count();
        let hint = match (ev.lines.len(), against) {
            (0, _) => "Scan evidence: none (Tab shows why)".to_string(),
            (n, 0) => format!("Scan evidence: {n} line(s) — Tab shows them"),
            (n, k) => format!("Scan evidence: {n} line(s), ✗ {k} against your answer — Tab"),
        };
        let style = if against > 0 { t.error() } else { t.dim() };
        head.extend(hanging("", &hint, w, style));
    }
    let mut lines: Vec<Line> = vec![Line::raw("")];
    let focused = app.pane == Pane::Middle;
    let typing = focused && app.focus == Focus::Input;
    // The text field shows its cursor only while it has the keys.
    let field = |l: &super::input::LineEditor| {
        if typing {
            l.with_cursor()
        } else {
            l.text.clone()
        }
    };
    // A text field, line by line (free text may hold new lines), after "> ".
    let text_field = |lines: &mut Vec<Line<'static>>, text: String| {
        for (i, part) in text.split('\n').enumerate() {
            lines.extend(hanging(
                if i == 0 { "> " } else { "  " },
                part,
                w,
                Style::default(),
            ));
        }
    };
    // The line the user works on; the pane scrolls to keep it (and the hint) visible.
    let mut focus_line = lines.len();
    match &app.editor {
        Editor::Choice {
            options,
            cursor,
            picked,
            multi,
            exclusive,
        } => {
            for (i, ((_, label), p)) in options.iter().zip(picked).enumerate() {
                let mark = match (*multi, *p) {
                    (true, true) => "[x]",
                    (true, false) => "[ ]",
                    (false, true) => "(•)",
                    (false, false) => "( )",
                };
                let here = i == *cursor && focused;
                if i == *cursor {
                    focus_line = lines.len();
                }
                lines.extend(hanging(
                    &format!("{} {mark} ", if here { "›" } else { " " }),
                    label,
                    w,
                    if here { t.selected() } else { Style::default() },
                ));
            }
            lines.extend(hanging(
                "",
                if *multi && exclusive.iter().any(|x| *x) {
                    "↑↓ move · Space picks/unpicks (a \"none\" option stands alone) · Enter saves"
                } else if *multi {
                    "↑↓ move · Space picks/unpicks · Enter saves"
                } else {
                    "↑↓ move · Space picks · Enter saves"
                },
                w,
                t.dim(),
            ));
        }
        Editor::Text(line) => {
            focus_line = lines.len();
            text_field(&mut lines, field(line));
            lines.extend(hanging(
                "",
                if typing {
                    "typing · Enter saves · Alt-Enter or Ctrl-j: new line · Esc leaves the field"
                } else {
                    "Enter: type the answer"
                },
                w,
                t.dim(),
            ));
        }
        Editor::Line(line) => {
            focus_line = lines.len();
            text_field(&mut lines, field(line));
            let how = if typing {
                "Enter saves · Esc leaves the field"
            } else {
                "Enter: type it"
            };
            let hint = if *q.kind.get_ref() == QuestionType::Date {
                let today = chrono::Local::now().date_naive();
                let (lo, hi) = q.date_range(today);
                let range = match (lo, hi) {
                    (Some(a), Some(b)) if b == today => format!(", from {a} to today"),
                    (Some(a), Some(b)) => format!(", from {a} to {b}"),
                    (Some(a), None) => format!(", from {a}"),
                    (None, Some(b)) if b == today => ", not after today".to_string(),
                    (None, Some(b)) => format!(", not after {b}"),
                    (None, None) => String::new(),
                };
                format!("a date: YYYY-MM-DD{range} · {how}")
            } else {
                format!(
                    "a number{}{} · {how}",
                    match (q.min, q.max) {
                        (Some(a), Some(b)) => format!(" from {a} to {b}"),
                        (Some(a), None) => format!(" ≥ {a}"),
                        (None, Some(b)) => format!(" ≤ {b}"),
                        _ => String::new(),
                    },
                    q.unit
                        .as_ref()
                        .map(|u| format!(" ({u})"))
                        .unwrap_or_default()
                )
            };
            lines.extend(hanging("", &hint, w, t.dim()));
        }
        Editor::List { items, line } => {
            for i in items {
                lines.extend(hanging("  • ", i, w, Style::default()));
            }
            focus_line = lines.len();
            text_field(&mut lines, field(line));
            lines.extend(hanging(
                "",
                if typing {
                    "Enter adds the item · Enter on an empty line saves · Backspace on an empty line edits the last · Esc leaves"
                } else {
                    "Enter: type items"
                },
                w,
                t.dim(),
            ));
        }
        Editor::Scale {
            value,
            justification,
        } => {
            let on_rating = !typing;
            lines.push(Line::raw(if on_rating && focused {
                "› Rating (← →):"
            } else {
                "  Rating (← →):"
            }));
            for v in 1..=4u8 {
                let meaning = q.scale_label(v).unwrap_or("");
                let chosen = Some(v) == *value;
                if chosen {
                    focus_line = lines.len();
                }
                let lead = format!("    {} {v} ", if chosen { "(•)" } else { "( )" });
                lines.extend(hanging(
                    &lead,
                    meaning,
                    w,
                    if chosen {
                        t.selected()
                    } else {
                        Style::default()
                    },
                ));
            }
            if !on_rating {
                focus_line = lines.len();
            }
            lines.extend(hanging(
                if !on_rating && focused {
                    "› Justification: "
                } else {
                    "  Justification: "
                },
                &field(justification),
                w,
                Style::default(),
            ));
            lines.extend(hanging(
                "",
                if typing {
                    "typing · Enter saves · ↑ back to the rating · Esc leaves the field"
                } else {
                    "←→ rate · ↓ or Enter: type the justification"
                },
                w,
                t.dim(),
            ));
        }
    }
    let on_note = focused && app.focus == Focus::Note;
    if on_note {
        focus_line = lines.len();
    }
    if on_note || !app.note.text.is_empty() {
        let text = if on_note {
            app.note.with_cursor()
        } else {
            app.note.text.clone()
        };
        lines.extend(hanging("Note: ", &text, w, Style::default()));
    }
    lines.extend(hanging(
        "",
        if on_note {
            "typing the note · Enter saves it with the answer · Esc leaves the field"
        } else {
            "N: a note on this answer (exceptions, caveats)"
        },
        w,
        t.dim(),
    ));
    if let Some(e) = &app.error {
        focus_line = lines.len();
        lines.extend(hanging("error: ", e, w, t.error()));
    }
    if let Some(r) = app.q.get(&app.current)
        && let Some(a) = app.session.answers.get(&app.current)
    {
        let shown = crate::answers::shown(r.question, a).replace('\n', " ⏎ ");
        lines.extend(hanging("saved answer: ", &esc(&shown), w, t.ok()));
    }
    if app.dirty() {
        lines.extend(hanging(
            "",
            "unsaved edit: Enter saves it; leaving the question asks first",
            w,
            t.error(),
        ));
    }
    if app.complete() {
        lines.extend(hanging(
            "",
            "Questionnaire complete: every question shown is answered. 6 opens the report and export.",
            w,
            t.ok(),
        ));
    }
    // The help comes last: the answer's field and its hints go first.
    if !q.help.trim().is_empty() {
        lines.push(Line::raw(""));
        lines.extend(hanging("", q.help.trim(), w, t.dim()));
    }
    let b = block(title, focused, t);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let inner_h = inner.height as usize;
    // Every line fits the width, so a line is a row. The head keeps its rows unless that
    // leaves fewer than four for the answer (tiny terminals), then it scrolls with the rest.
    let (head_h, body) = if head.len() + 4 <= inner_h {
        (head.len(), lines)
    } else {
        focus_line += head.len();
        let mut all = head;
        all.extend(lines);
        head = Vec::new();
        (0, all)
    };
    let [ha, ba] = Layout::vertical([
        Constraint::Length(u16::try_from(head_h).unwrap_or(0)),
        Constraint::Min(0),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(head), ha);
    let scroll = (focus_line + 2).saturating_sub(ba.height as usize);
    f.render_widget(
        Paragraph::new(body).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        ba,
    );
}

/// Rows a line takes when word-wrapped at `width` (close to what `Paragraph` does).
fn wrapped_rows(text: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut col = 0;
    for word in text.split(' ') {
        // Display columns, not characters: CJK and emoji take two.
        let w = unicode_width::UnicodeWidthStr::width(word);
        let need = if col == 0 { w } else { col + 1 + w };
        if need <= width {
            col = need;
        } else if w > width {
            rows += (col + w) / width;
            col = (col + w) % width;
        } else {
            rows += 1;
            col = w;
        }
    }
    rows
}

/// The evidence the questionnaire declares for the current question (see `crate::evidence`).
fn question_evidence(app: &App) -> crate::evidence::QuestionEvidence {
    crate::evidence::for_question(&app.q, &app.current, &app.session.answers, &app.facts())
}

fn draw_evidence(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    use crate::evidence::Mark;
    let ev = question_evidence(app);
    let mut lines: Vec<Line> = Vec::new();
    let marks: std::collections::BTreeSet<Mark> = ev.lines.iter().map(|l| l.mark).collect();
    if marks.contains(&Mark::Contradicts) || marks.contains(&Mark::Agrees) {
        lines.push(Line::styled("✗ contradicts · ! check · ✓ agrees", t.dim()));
    }
    for l in &ev.lines {
        let (sign, style) = match l.mark {
            Mark::Contradicts => ("✗ ", t.error()),
            Mark::Attention => ("! ", t.fg(Color::Yellow)),
            Mark::Plain => ("· ", Style::default()),
            Mark::Agrees => ("✓ ", t.ok()),
        };
        lines.push(Line::from(vec![
            Span::styled(sign, style),
            Span::raw(esc(&l.text)),
        ]));
        for d in &l.detail {
            lines.push(Line::styled(format!("  {}", esc(d)), t.dim()));
        }
    }
    if !ev.picks.is_empty() {
        let picks: Vec<String> = ev.picks.iter().map(|p| esc(p)).collect();
        lines.push(Line::styled(
            format!("Found: {}", picks.join(", ")),
            t.accent(),
        ));
    }
    if let Some(why) = &ev.none {
        lines.push(Line::styled(esc(why), t.dim()));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0))
            .block(block(ev.title, app.pane == Pane::Right, t)),
        area,
    );
}

fn split_detail(area: Rect) -> (Rect, Rect) {
    if area.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(area);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        (a, b)
    }
}

fn filter_title(name: &str, shown: usize, total: usize, v: &app::TableView, extra: &str) -> String {
    let mut s = format!("{name} {shown}/{total}{extra}");
    if let Some(d) = &v.database {
        s.push_str(&format!(" · db {d}"));
    }
    if v.editing {
        s.push_str(&format!(" · /{}", v.filter.with_cursor()));
    } else if !v.filter.text.is_empty() {
        s.push_str(&format!(" · /{}", v.filter.text));
    }
    s
}

fn draw_findings(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let idx = app.visible_findings();
    let all = &app.audit.scan.findings;
    let (ta, da) = split_detail(area);
    let sort = match app.sort {
        SortKey::Severity => "severity",
        SortKey::Source => "source",
        SortKey::Database => "database",
        SortKey::Title => "title",
    };
    let mut extra = format!(" · sort {sort}");
    if let Some(m) = app.min_severity {
        extra.push_str(&format!(" · ≥{}", m.name()));
    }
    if let Some(s) = app.source {
        extra.push_str(&format!(" · {}", s.name()));
    }
    let dbs = app.databases();
    let rows: Vec<Row> = idx
        .iter()
        .filter_map(|i| all.get(*i))
        .map(|x| {
            let src = if x.source == FindingSource::Reconciliation {
                "RECON".to_string()
            } else {
                x.source.name().to_string()
            };
            Row::new(vec![
                Cell::from(Span::styled(
                    severity_word(x.severity),
                    t.severity(x.severity),
                )),
                Cell::from(src),
                Cell::from(
                    x.database
                        .as_deref()
                        .filter(|d| dbs.iter().any(|x| x == d))
                        .map_or_else(
                            // Findings of no one database say where they come from.
                            || match &x.place {
                                crate::model::Place::Question { .. } => "answer".to_string(),
                                crate::model::Place::Scenario { .. } => "risk".to_string(),
                                crate::model::Place::Comparison { .. } => "all".to_string(),
                                _ => "—".to_string(),
                            },
                            esc,
                        ),
                ),
                Cell::from(esc(&x.title)),
            ])
        })
        .collect();
    let mut state = TableState::default();
    if !idx.is_empty() {
        state.select(Some(app.findings.selected.min(idx.len() - 1)));
    }
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(vec!["Sev", "Source", "Database", "Title"]).style(t.accent()))
    .row_highlight_style(t.selected())
    .block(block(
        filter_title("Findings", idx.len(), all.len(), &app.findings, &extra),
        app.pane != Pane::Middle,
        t,
    ));
    f.render_stateful_widget(table, ta, &mut state);
    let mut lines = Vec::new();
    if let Some(x) = state
        .selected()
        .and_then(|s| idx.get(s))
        .and_then(|i| all.get(*i))
    {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", x.severity.name().to_uppercase()),
                t.severity(x.severity),
            ),
            Span::styled(esc(&x.title), Style::default().add_modifier(Modifier::BOLD)),
        ]));
        if x.source == FindingSource::Reconciliation {
            lines.push(Line::styled(
                "Reconciliation: the answers and the scan disagree",
                t.accent(),
            ));
        }
        lines.push(Line::styled(
            format!("{} · {} · {}", x.source.name(), esc(&x.location), x.id),
            t.dim(),
        ));
        lines.push(Line::styled("Evidence", t.accent()));
        for e in &x.evidence {
            lines.push(Line::raw(format!("  {}", esc(e))));
        }
        lines.push(Line::styled("Recommendation", t.accent()));
        lines.push(Line::raw(format!("  {}", esc(&x.recommendation))));
        if !x.references.is_empty() {
            lines.push(Line::styled("References", t.accent()));
            lines.push(Line::raw(format!("  {}", x.references.join("; "))));
        }
    } else {
        lines.push(Line::styled("No finding matches the filters.", t.dim()));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0))
            .block(block("Detail".into(), app.pane == Pane::Middle, t)),
        da,
    );
}

fn draw_inventory(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let cols = app.visible_columns();
    let total = app.columns().len();
    let rows: Vec<Row> = cols
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::from(esc(&c.database)),
                Cell::from(esc(&format!("{}.{}", c.table, c.column))),
                Cell::from(c.categories.join(",")),
                Cell::from(format!("{:.2}", c.confidence)),
                Cell::from(esc(&c.signals.join("; "))),
            ])
        })
        .collect();
    let mut state = TableState::default();
    if !cols.is_empty() {
        state.select(Some(app.inventory.selected.min(cols.len() - 1)));
    }
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Fill(2),
        ],
    )
    .header(
        Row::new(vec![
            "Database",
            "Table.column",
            "Category",
            "Conf",
            "Signals",
        ])
        .style(t.accent()),
    )
    .row_highlight_style(t.selected())
    .block(block(
        filter_title(
            "Personal-data columns",
            cols.len(),
            total,
            &app.inventory,
            "",
        ),
        true,
        t,
    ));
    f.render_stateful_widget(table, area, &mut state);
}

/// Roles × tables: ● reads it, ? may read it (indeterminate), blank does not. Tables are
/// numbered in the header and named in the legend under the grid; those that do not fit the
/// width are counted in the title.
fn draw_access_grid(f: &mut Frame, g: &crate::access::Grid, area: Rect, t: Theme) {
    let role_w = g
        .rows
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(esc(&r.role).as_str()) + 1)
        .max()
        .unwrap_or(4)
        .clamp(6, 24) as u16;
    let inner = area.width.saturating_sub(2);
    let fit = (inner.saturating_sub(role_w + 1) / 4) as usize;
    let shown = g.tables.len().min(fit.max(1));
    let mut widths = vec![Constraint::Length(role_w)];
    widths.extend(std::iter::repeat_n(Constraint::Length(3), shown));
    let mut header = vec![Cell::from("role")];
    header.extend((1..=shown).map(|i| Cell::from(format!("{i:>2}"))));
    let rows: Vec<Row> = g
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![Cell::from(elide_middle(&esc(&r.role), role_w as usize))];
            cells.extend(r.cells.iter().take(shown).map(|c| match c {
                None => Cell::from(" ·").style(t.dim()),
                Some(c) if c.indeterminate() => Cell::from(" ?").style(t.fg(Color::Yellow)),
                Some(_) => Cell::from(" ●").style(t.accent()),
            }));
            Row::new(cells)
        })
        .collect();
    let legend: Vec<String> = g
        .tables
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, name)| format!("{} {}", i + 1, esc(name)))
        .collect();
    let more = if shown < g.tables.len() {
        format!(", first {shown} of {} tables", g.tables.len())
    } else {
        String::new()
    };
    let [grid_area, legend_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(t.accent()))
            .block(block(
                format!("Who reads which table (● reads, ? unsure{more})"),
                false,
                t,
            )),
        grid_area,
    );
    f.render_widget(
        Paragraph::new(legend.join("  "))
            .style(t.dim())
            .wrap(Wrap { trim: true }),
        legend_area,
    );
}

fn draw_access(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    if app.audit.scan.access.is_empty() {
        let sqlite_only = !app.audit.scan.databases.is_empty()
            && app
                .audit
                .scan
                .databases
                .iter()
                .all(|d| d.engine == crate::target::EngineKind::Sqlite);
        let why = if app.session.scan.is_none() {
            "No scan yet: start one from the Start screen (1)."
        } else if sqlite_only {
            "No database roles: SQLite has none, so whoever can read the file reads every table. File permissions apply; see the Findings screen for the file's mode."
        } else {
            "No reader of personal data was found, or the access analysis was off (--no-access)."
        };
        f.render_widget(
            Paragraph::new(why).wrap(Wrap { trim: true }).block(block(
                "Readers of personal data".into(),
                true,
                t,
            )),
            area,
        );
        return;
    }
    let visible = app.visible_access();
    if !visible.is_empty() && area.height >= 16 {
        let rows = visible.len().min(40) as u16;
        let g = crate::access::grid(visible);
        let grid_h = (g.rows.len() as u16 + 3 + 3).min(area.height / 2);
        let [top, bottom] =
            Layout::vertical([Constraint::Length(grid_h), Constraint::Min(rows.min(5))])
                .areas(area);
        draw_access_grid(f, &g, top, t);
        draw_access_list(f, app, bottom, t);
    } else {
        draw_access_list(f, app, area, t);
    }
}

fn draw_access_list(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let rows_data = app.visible_access();
    let total = app.audit.scan.access.len();
    let rows: Vec<Row> = rows_data
        .iter()
        .map(|a| {
            Row::new(vec![
                Cell::from(esc(&a.role)),
                Cell::from(esc(&format!(
                    "{}.{}{}",
                    a.database,
                    a.table,
                    a.column
                        .as_ref()
                        .map(|c| format!(".{c}"))
                        .unwrap_or_default()
                ))),
                Cell::from(esc(&a.privilege)),
                Cell::from(esc(&a.via)),
                Cell::from(match a.state {
                    crate::model::AccessState::Confirmed => "confirmed",
                    crate::model::AccessState::Indeterminate => "unsure",
                }),
            ])
        })
        .collect();
    let mut state = TableState::default();
    if !rows_data.is_empty() {
        state.select(Some(app.access.selected.min(rows_data.len() - 1)));
    }
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Fill(2),
            Constraint::Length(9),
        ],
    )
    .header(Row::new(vec!["Role", "Table", "Priv", "Path (via)", "State"]).style(t.accent()))
    .row_highlight_style(t.selected())
    .block(block(
        filter_title(
            "Readers of personal data",
            rows_data.len(),
            total,
            &app.access,
            "",
        ),
        true,
        t,
    ));
    f.render_stateful_widget(table, area, &mut state);
}

fn draw_report(f: &mut Frame, app: &App, area: Rect, t: Theme) {
    let [preview, export] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(4)]).areas(area);
    f.render_widget(
        Paragraph::new(markdown_lines(&app.markdown, t))
            .wrap(Wrap { trim: false })
            .scroll((app.report_scroll, 0))
            .block(block("Report preview".into(), app.pane != Pane::Middle, t)),
        preview,
    );
    let editing = app.pane == Pane::Middle;
    let path = if editing {
        app.export_path.with_cursor()
    } else {
        app.export_path.text.clone()
    };
    f.render_widget(
        Paragraph::new(vec![
            Line::raw(format!("into: {path}")),
            Line::styled(
                if editing {
                    "Enter writes report.md, report.json, findings.csv, inventory.csv, access.csv"
                } else {
                    "e or Enter: edit the directory and export"
                },
                t.dim(),
            ),
        ])
        .wrap(Wrap { trim: false })
        .block(block("Export".into(), editing, t)),
        export,
    );
}
