//! One rule for everything printed from a database or a user: names and values can be hostile
//! (`t` + `ESC]52;c;…BEL` sets a terminal's clipboard, `![x](https://…)` renders as an image in
//! Markdown, `=HYPERLINK(…)` runs in a spreadsheet). Every writer passes such text through the
//! function for its medium:
//!
//! - [`terminal`] — table output, progress bar, error lines, the TUI: control characters, bidi
//!   overrides and other invisible format characters are shown as escapes (`\x1b`, `\u{202e}`),
//!   never sent raw;
//! - [`markdown`] — report.md and scan Markdown: as [`terminal`], then everything that can start an
//!   image, a link, HTML, a table cell, code or emphasis is backslash-escaped, line breaks become
//!   spaces;
//! - [`csv`] — CSV cells: as [`terminal`], then a cell a spreadsheet would run as a formula gets a
//!   leading `'`.
//!
//! JSON needs none of this: serde escapes control characters, and the JSON carries the names as
//! they are, so scripts can match them.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0/C1 controls and DEL, bidi embeddings, overrides
/// and isolates, zero-width and other invisible format characters, line/paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'                 // soft hyphen
            | '\u{061C}'               // Arabic letter mark
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'  // zero-width, LRM/RLM
            | '\u{2028}'..='\u{202E}'  // separators, embeddings, overrides
            | '\u{2060}'..='\u{206F}'  // word joiner, isolates, invisible operators
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}' // tag characters
        )
}

fn push_escape(out: &mut String, c: char) {
    let n = u32::from(c);
    if n < 0x80 {
        let _ = write!(out, "\\x{n:02x}");
    } else {
        let _ = write!(out, "\\u{{{n:x}}}");
    }
}

/// `s` with every unsafe character that `keep` does not keep shown as an escape; borrowed
/// when nothing needed escaping.
fn visible(s: &str, keep: fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe_char(c) && !keep(c);
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_here(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text safe to print on a terminal, on one line: unsafe characters (newlines included) become
/// visible escapes. Borrowed when nothing needed escaping.
pub fn terminal(s: &str) -> Cow<'_, str> {
    visible(s, |_| false)
}

/// As [`terminal`], but keeps line breaks (`\n`) for multi-line messages.
pub fn terminal_lines(s: &str) -> Cow<'_, str> {
    visible(s, |c| c == '\n')
}

/// Characters that can start Markdown or HTML structure anywhere in a line: images and links
/// need `[`/`]`, HTML and autolinks `<`, entities `&`, code `` ` ``, emphasis `*` (and `_` at a
/// word's edge), strikethrough `~`, maths `$`, table cells `|`.
const MARKDOWN_SPECIAL: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '|', '~', '&', '$'];

/// Text safe inside Markdown (a table cell, a list item, a heading): rendered as the literal
/// characters, never as an image, link, HTML, code, emphasis or an extra table cell. Line breaks
/// become spaces; other unsafe characters visible escapes. A bare `https://` or `www.` is broken
/// with a backslash so renderers do not autolink it. Identifiers stay readable (`first_name`).
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        match c {
            '\n' | '\r' => out.push(' '),
            c if is_unsafe_char(c) => push_escape(&mut out, c),
            c if MARKDOWN_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            // Inside a word `_` is a letter; at its edge it can open or close emphasis.
            '_' if !(alnum(prev) && alnum(next)) => out.push_str("\\_"),
            ':' if next == Some('/') => out.push_str("\\:"),
            '.' if out.ends_with("www") => out.push_str("\\."),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell: unsafe characters visible (tabs and line breaks stay: CSV quotes them), and a
/// leading `'` on a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab).
pub fn csv(cell: &str) -> String {
    let cell = visible(cell, |c| c == '\t' || c == '\n');
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.into_owned(),
    }
}

/// Pretty JSON whose bytes are safe on a terminal: besides what JSON escapes anyway, every
/// character of [`is_unsafe_char`] (DEL, C1 controls, bidi overrides, zero-width characters) is
/// written as a `\uXXXX` escape. Decoders read exactly the same strings.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter::default());
    value.serialize(&mut ser)?;
    Ok(out)
}

#[derive(Default)]
struct SafeFormatter {
    pretty: serde_json::ser::PrettyFormatter<'static>,
}

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe_char(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_makes_controls_and_bidi_visible() {
        assert_eq!(terminal("customers"), "customers");
        assert!(matches!(terminal("kunden_ü"), Cow::Borrowed(_)));
        assert_eq!(terminal("t\u{1b}]52;c;aGk=\u{7}"), "t\\x1b]52;c;aGk=\\x07");
        assert_eq!(terminal("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(terminal("gpj.\u{202e}exe"), "gpj.\\u{202e}exe");
        assert_eq!(terminal("a\nb\r"), "a\\x0ab\\x0d");
        assert_eq!(terminal("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(terminal("x\u{200b}y\u{feff}"), "x\\u{200b}y\\u{feff}");
        assert_eq!(terminal_lines("one\ntwo\u{1b}"), "one\ntwo\\x1b");
    }

    #[test]
    fn markdown_renders_nothing_but_text() {
        let img = markdown("![x](https://evil.example/p.png)");
        assert_eq!(img, r"!\[x\](https\://evil.example/p.png)");
        assert!(!img.contains("!["));
        let link = markdown("[click](javascript:alert(1))");
        assert_eq!(link, r"\[click\](javascript:alert(1))");
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            r"\<img src=x onerror=alert(1)\>"
        );
        assert_eq!(markdown("a|b\nc"), r"a\|b c");
        assert_eq!(markdown("`code` *em* _u_"), r"\`code\` \*em\* \_u\_");
        assert_eq!(markdown("see www.evil.example"), r"see www\.evil.example");
        assert_eq!(markdown("t\u{1b}[2J"), r"t\x1b\[2J");
        assert_eq!(markdown("&lt; $x$ ~~s~~"), r"\&lt; \$x\$ \~\~s\~\~");
        assert_eq!(markdown("customers.first_name"), "customers.first_name");
        assert_eq!(markdown("_private_"), r"\_private\_");
    }

    #[test]
    fn json_is_exact_and_terminal_safe() {
        let v = serde_json::json!({"t\u{1b}]52;c;x\u{7}": ["a\u{202e}b", "\u{9b}2J", "ok ü 東京"]});
        let bytes = json_pretty(&v).expect("json");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(
            !text.chars().any(|c| c != '\n' && is_unsafe_char(c)),
            "{text}"
        );
        assert!(text.contains("\\u202e") && text.contains("\\u009b") && text.contains("東京"));
        let back: serde_json::Value = serde_json::from_slice(&bytes).expect("parses");
        assert_eq!(back, v);
        assert_eq!(
            String::from_utf8(json_pretty(&serde_json::json!({"a": [1]})).expect("json"))
                .expect("utf-8"),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1]})).expect("json")
        );
    }

    #[test]
    fn csv_guards_formulas_and_controls() {
        assert_eq!(csv("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv("-2+3"), "'-2+3");
        assert_eq!(csv("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("t\u{1b}[2J"), "t\\x1b[2J");
        assert_eq!(csv("two\nlines"), "two\nlines");
        assert_eq!(csv("\tx"), "'\tx");
        assert_eq!(csv("\rx"), "\\x0dx");
    }
}
