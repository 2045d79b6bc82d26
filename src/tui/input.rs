//! Answer editors, one per question type, and the line editor used for free text, filters and
//! paths. An editor holds an answer being edited, never the saved one: nothing here changes an
//! answer until the app saves [`Editor::value`].
//!
//! Keys reach an editor in one of two ways. Outside a text field ([`Editor::handle_choice`]) it
//! takes only the keys that move between or pick options (arrows, `hjkl`, Space), so letters and
//! digits stay commands. Inside a text field ([`Editor::handle_text`]) it takes every character,
//! so `q`, `n`, `3` or `/` typed into text stay text; what it does not consume (Enter, Esc, Tab,
//! page and F-keys) goes to the binding table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value as Json;
use toml_edit::{Array, InlineTable, Item, Value};

use crate::questionnaire::{Question, QuestionType};

/// A line of text with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    /// The text.
    pub text: String,
    /// Cursor position in chars.
    pub cursor: usize,
}

impl LineEditor {
    /// An editor holding `text`, cursor at the end.
    pub fn new(text: &str) -> Self {
        LineEditor {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Insert a character at the cursor.
    pub fn insert(&mut self, c: char) {
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Handle a key; true when consumed.
    pub fn handle(&mut self, ev: &KeyEvent) -> bool {
        if ev.modifiers.contains(KeyModifiers::CONTROL) {
            if ev.code == KeyCode::Char('u') {
                self.text.clear();
                self.cursor = 0;
                return true;
            }
            return false;
        }
        let len = self.text.chars().count();
        match ev.code {
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                }
            }
            KeyCode::Delete => {
                if self.cursor < len {
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                }
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => return false,
        }
        true
    }

    /// Move the cursor to the line above (`up`) or below, keeping its column where the line
    /// is long enough. False when there is no such line.
    pub fn vertical(&mut self, up: bool) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                chars
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let line = starts.iter().rposition(|s| *s <= self.cursor).unwrap_or(0);
        let col = self.cursor - starts[line];
        let target = if up {
            match line.checked_sub(1) {
                Some(l) => l,
                None => return false,
            }
        } else if line + 1 < starts.len() {
            line + 1
        } else {
            return false;
        };
        let end = starts.get(target + 1).map_or(chars.len(), |next| next - 1);
        self.cursor = (starts[target] + col).min(end);
        true
    }

    /// The text with a visible cursor mark.
    pub fn with_cursor(&self) -> String {
        let at = self.byte(self.cursor);
        format!("{}▏{}", &self.text[..at], &self.text[at..])
    }
}

/// The input for the current question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editor {
    /// Yes/no, yes/partly/no, single and multiple choice.
    Choice {
        /// (value, label).
        options: Vec<(String, String)>,
        /// Highlighted option.
        cursor: usize,
        /// Picked options.
        picked: Vec<bool>,
        /// Several may be picked.
        multi: bool,
        /// Options that rule out the others ("none of these"); picking one unpicks the rest.
        exclusive: Vec<bool>,
    },
    /// Free text (wrapped on screen).
    Text(LineEditor),
    /// A number or a date.
    Line(LineEditor),
    /// A list: items so far and the item being typed.
    List {
        /// Items.
        items: Vec<String>,
        /// The next item.
        line: LineEditor,
    },
    /// A 1–4 rating (outside the text field) with its justification (the text field).
    Scale {
        /// The rating.
        value: Option<u8>,
        /// Justification.
        justification: LineEditor,
    },
}

impl Editor {
    /// The editor for a question, filled with its current answer.
    pub fn for_question(q: &Question, answer: Option<&Json>) -> Editor {
        let kind = *q.kind.get_ref();
        let s = |a: Option<&Json>| a.and_then(Json::as_str).unwrap_or("").to_string();
        match kind {
            QuestionType::YesNo
            | QuestionType::YesPartlyNo
            | QuestionType::SingleChoice
            | QuestionType::MultiChoice => {
                let options: Vec<(String, String)> = match kind.implicit_values() {
                    Some(v) => v.iter().map(|x| (x.to_string(), x.to_string())).collect(),
                    None => q
                        .options
                        .iter()
                        .map(|o| (o.value.clone(), o.label.clone()))
                        .collect(),
                };
                let chosen: Vec<String> = match answer {
                    Some(Json::Array(l)) => l
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    Some(Json::String(x)) => vec![x.clone()],
                    _ => Vec::new(),
                };
                let picked: Vec<bool> = options.iter().map(|(v, _)| chosen.contains(v)).collect();
                let cursor = picked.iter().position(|p| *p).unwrap_or(0);
                let exclusive = match kind.implicit_values() {
                    Some(v) => vec![false; v.len()],
                    None => q.options.iter().map(|o| o.exclusive).collect(),
                };
                Editor::Choice {
                    options,
                    cursor,
                    picked,
                    multi: kind == QuestionType::MultiChoice,
                    exclusive,
                }
            }
            QuestionType::Text => Editor::Text(LineEditor::new(&s(answer))),
            QuestionType::Number => Editor::Line(LineEditor::new(
                &answer.map(|a| a.to_string()).unwrap_or_default(),
            )),
            QuestionType::Date => Editor::Line(LineEditor::new(&s(answer))),
            QuestionType::List => Editor::List {
                items: answer
                    .and_then(Json::as_array)
                    .map(|l| {
                        l.iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                line: LineEditor::default(),
            },
            QuestionType::Scale => Editor::Scale {
                value: answer
                    .and_then(|a| a.get("value"))
                    .and_then(Json::as_u64)
                    .and_then(|v| u8::try_from(v).ok()),
                justification: LineEditor::new(&s(answer.and_then(|a| a.get("justification")))),
            },
        }
    }

    /// Whether the editor has a text field (free text, number, date, list line, justification).
    pub fn has_text(&self) -> bool {
        !matches!(self, Editor::Choice { .. })
    }

    /// Handle a key outside the text field: move between options, pick one, rate. Letters and
    /// digits other than `hjkl` are not consumed, so they stay commands. True when consumed.
    pub fn handle_choice(&mut self, ev: &KeyEvent) -> bool {
        if ev.modifiers.contains(KeyModifiers::CONTROL) {
            return false;
        }
        match self {
            Editor::Choice {
                options,
                cursor,
                picked,
                multi,
                exclusive,
            } => {
                let n = options.len();
                match ev.code {
                    KeyCode::Up | KeyCode::Char('k') | KeyCode::Left | KeyCode::Char('h') => {
                        *cursor = cursor.saturating_sub(1)
                    }
                    KeyCode::Down | KeyCode::Char('j') | KeyCode::Right | KeyCode::Char('l') => {
                        *cursor = (*cursor + 1).min(n.saturating_sub(1))
                    }
                    KeyCode::Char(' ') => {
                        if *cursor < n {
                            if *multi {
                                picked[*cursor] = !picked[*cursor];
                                // "None of these" and the others rule each other out.
                                if picked[*cursor] {
                                    let alone = exclusive.get(*cursor).copied().unwrap_or(false);
                                    for (i, p) in picked.iter_mut().enumerate() {
                                        let ex = exclusive.get(i).copied().unwrap_or(false);
                                        if i != *cursor && (alone || ex) {
                                            *p = false;
                                        }
                                    }
                                }
                            } else {
                                for (i, p) in picked.iter_mut().enumerate() {
                                    *p = i == *cursor;
                                }
                            }
                        }
                    }
                    _ => return false,
                }
                true
            }
            Editor::Scale { value, .. } => {
                match ev.code {
                    KeyCode::Left | KeyCode::Char('h') => {
                        *value = Some(value.map_or(1, |v| v.saturating_sub(1).max(1)))
                    }
                    KeyCode::Right | KeyCode::Char('l') => {
                        *value = Some(value.map_or(1, |v| (v + 1).min(4)))
                    }
                    _ => return false,
                }
                true
            }
            _ => false,
        }
    }

    /// Handle a key inside the text field: every character is text. Free text takes Alt-Enter
    /// or Ctrl-j as a new line (Enter saves). True when consumed.
    pub fn handle_text(&mut self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Editor::Choice { .. } => false,
            Editor::Text(line) => {
                let newline = (ev.code == KeyCode::Enter
                    && ev.modifiers.contains(KeyModifiers::ALT))
                    || (ctrl && ev.code == KeyCode::Char('j'));
                if newline {
                    line.insert('\n');
                    return true;
                }
                match ev.code {
                    KeyCode::Up if !ctrl => line.vertical(true),
                    KeyCode::Down if !ctrl => line.vertical(false),
                    _ => line.handle(ev),
                }
            }
            Editor::Line(line) => line.handle(ev),
            Editor::List { items, line } => {
                if ev.code == KeyCode::Backspace && line.text.is_empty() && !ctrl {
                    if let Some(last) = items.pop() {
                        *line = LineEditor::new(&last);
                    }
                    return true;
                }
                line.handle(ev)
            }
            Editor::Scale { justification, .. } => justification.handle(ev),
        }
    }

    /// What the editor holds, without cursors: equal contents mean no edit.
    pub fn contents(&self) -> Vec<String> {
        match self {
            Editor::Choice {
                options, picked, ..
            } => options
                .iter()
                .zip(picked)
                .filter(|(_, p)| **p)
                .map(|((v, _), _)| v.clone())
                .collect(),
            Editor::Text(line) | Editor::Line(line) => vec![line.text.trim().to_string()],
            Editor::List { items, line } => {
                let mut v: Vec<String> = items.clone();
                if !line.text.trim().is_empty() {
                    v.push(line.text.trim().to_string());
                }
                v
            }
            Editor::Scale {
                value,
                justification,
            } => vec![
                value.map(|v| v.to_string()).unwrap_or_default(),
                justification.text.trim().to_string(),
            ],
        }
    }

    /// A list item typed but not yet added is added (Enter on a non-empty list line).
    /// Returns true when it did, so Enter adds an item instead of saving.
    pub fn take_list_line(&mut self) -> bool {
        if let Editor::List { items, line } = self {
            let t = line.text.trim().to_string();
            if !t.is_empty() {
                items.push(t);
                *line = LineEditor::default();
                return true;
            }
        }
        false
    }

    /// The canonical answer, validated exactly as a scripted answer would be.
    pub fn value(&self, q: &Question) -> Result<Json, String> {
        let value: Value = match self {
            Editor::Choice {
                options,
                cursor,
                picked,
                multi,
                ..
            } => {
                if *multi {
                    let mut a = Array::new();
                    for ((v, _), p) in options.iter().zip(picked) {
                        if *p {
                            a.push(v.as_str());
                        }
                    }
                    Value::Array(a)
                } else {
                    let i = picked.iter().position(|p| *p).unwrap_or(*cursor);
                    match options.get(i) {
                        Some((v, _)) => Value::from(v.as_str()),
                        None => return Err("this question has no options".into()),
                    }
                }
            }
            Editor::Text(line) => {
                if line.text.trim().is_empty() {
                    return Err("type an answer first (Esc leaves it as it was)".into());
                }
                Value::from(line.text.as_str())
            }
            Editor::Line(line) => {
                let t = line.text.trim();
                if t.is_empty() {
                    return Err("type an answer first (Esc leaves it as it was)".into());
                }
                if *q.kind.get_ref() == QuestionType::Number {
                    let x: f64 = t.parse().map_err(|_| format!("`{t}` is not a number"))?;
                    Value::from(x)
                } else {
                    Value::from(t)
                }
            }
            Editor::List { items, line } => {
                let mut a = Array::new();
                for i in items {
                    a.push(i.as_str());
                }
                if !line.text.trim().is_empty() {
                    a.push(line.text.trim());
                }
                Value::Array(a)
            }
            Editor::Scale {
                value,
                justification,
            } => {
                let v = value.ok_or("pick a rating from 1 to 4 with ← →")?;
                let mut t = InlineTable::new();
                t.insert("value", Value::from(i64::from(v)));
                t.insert("justification", Value::from(justification.text.as_str()));
                Value::InlineTable(t)
            }
        };
        crate::answers::convert(q, &Item::Value(value))
    }
}
