//! Answers: TOML keyed by question id (`data.categories = [...]` or a `[data]` table, which TOML
//! treats as the same), checked against the questionnaire. Unknown ids, wrong types and invalid
//! options are errors with line and column; every required question left unanswered is listed.
//!
//! Answers are kept in a canonical JSON form (strings, arrays, numbers, `YYYY-MM-DD`,
//! `{value, justification}`), which is what sessions and reports store.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};
use toml_edit::{ImDocument, Item, TableLike, Value};

use crate::questionnaire::{Condition, Loaded, Op, Question, QuestionType};

/// Answers by full question id.
pub type Answers = BTreeMap<String, Json>;

/// Notes on answers (exceptions, caveats) by full question id.
pub type Notes = BTreeMap<String, String>;

/// An answers file read: the answers and the notes on them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The answers.
    pub answers: Answers,
    /// The notes (`{ answer = …, note = "…" }`).
    pub notes: Notes,
}

/// A problem with an answers file, at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    /// `FILE:LINE:COLUMN: message`.
    pub message: String,
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parse and check an answers file. All problems are returned at once.
pub fn parse(text: &str, origin: &str, q: &Loaded) -> Result<Answers, Vec<AnswerError>> {
    parse_full(text, origin, q).map(|p| p.answers)
}

/// Parse and check an answers file with its notes: any answer may be written as
/// `{ answer = …, note = "…" }`. All problems are returned at once.
pub fn parse_full(text: &str, origin: &str, q: &Loaded) -> Result<Parsed, Vec<AnswerError>> {
    let at = |span: Option<std::ops::Range<usize>>, msg: String| {
        let (l, c) = crate::rules::line_col(text, span.map_or(0, |s| s.start));
        AnswerError {
            message: format!("{origin}:{l}:{c}: {msg}"),
        }
    };
    let doc = match ImDocument::parse(text) {
        Ok(d) => d,
        Err(e) => return Err(vec![at(e.span(), e.message().trim().to_string())]),
    };
    let mut out = Parsed::default();
    let mut errors = Vec::new();
    for (section, item) in doc.iter() {
        let key_span = doc.get_key_value(section).and_then(|(k, _)| k.span());
        let Some(table) = item.as_table_like() else {
            errors.push(at(key_span.or(item.span()), format!(
                "`{section}` is not a section: write answers as `section.question = …` or inside a `[section]` table"
            )));
            continue;
        };
        if !q.q.sections.iter().any(|s| s.id.get_ref() == section) {
            let known: Vec<&str> =
                q.q.sections
                    .iter()
                    .map(|s| s.id.get_ref().as_str())
                    .collect();
            errors.push(at(
                key_span.or(item.span()),
                format!(
                    "unknown section `{section}` (sections: {})",
                    known.join(", ")
                ),
            ));
            continue;
        }
        collect(section, table, q, &at, &mut out, &mut errors);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn collect(
    section: &str,
    table: &dyn TableLike,
    q: &Loaded,
    at: &dyn Fn(Option<std::ops::Range<usize>>, String) -> AnswerError,
    out: &mut Parsed,
    errors: &mut Vec<AnswerError>,
) {
    for (key, item) in table.iter() {
        let id = format!("{section}.{key}");
        let span = table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .or(item.span());
        let Some(r) = q.get(&id) else {
            errors.push(at(
                span,
                format!(
                    "unknown question `{id}` (see `privaudit questionnaire template` for the ids)"
                ),
            ));
            continue;
        };
        let value_span = item.span().or(span);
        let (item, note) = match with_note(item) {
            Ok(x) => x,
            Err(msg) => {
                errors.push(at(value_span, format!("`{id}`: {msg}")));
                continue;
            }
        };
        match convert(r.question, &item) {
            Ok(v) => {
                out.answers.insert(id.clone(), v);
                if let Some(n) = note {
                    out.notes.insert(id, n);
                }
            }
            Err(msg) => errors.push(at(value_span, format!("`{id}`: {msg}"))),
        }
    }
}

/// An answer written as `{ answer = …, note = "…" }` split into the answer and its note; any
/// other answer is returned as it is.
fn with_note(item: &Item) -> Result<(Item, Option<String>), String> {
    let Some(t) = item.as_table_like() else {
        return Ok((item.clone(), None));
    };
    let Some(answer) = t.get("answer") else {
        if t.contains_key("note") {
            return Err(
                "a `note` goes with an `answer`: write { answer = …, note = \"…\" }".into(),
            );
        }
        return Ok((item.clone(), None));
    };
    if let Some((extra, _)) = t.iter().find(|(k, _)| *k != "answer" && *k != "note") {
        return Err(format!(
            "unknown key `{extra}` next to `answer` (use answer and note)"
        ));
    }
    let note = match t.get("note") {
        None => None,
        Some(n) => match n.as_str() {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.trim().to_string()),
            None => return Err("`note` must be text (a string)".into()),
        },
    };
    Ok((answer.clone(), note))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "true/false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::InlineTable(_) => "a table",
    }
}

fn as_strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|x| x.as_str().map(str::to_string))
        .collect()
}

/// Convert one TOML answer to the canonical form, checking it against the question: its type,
/// its options (an exclusive "none of these" option stands alone), a required multi choice or
/// list is not empty, a number within `min`/`max`, a date within `min_date`/`max_date`.
pub fn convert(q: &Question, item: &Item) -> Result<Json, String> {
    convert_on(q, item, chrono::Local::now().date_naive())
}

/// [`convert`] with `today` given (what `"today"` in a date bound means).
pub fn convert_on(q: &Question, item: &Item, today: chrono::NaiveDate) -> Result<Json, String> {
    let kind = *q.kind.get_ref();
    let value = match item {
        Item::Value(v) => v.clone(),
        Item::Table(t) => Value::InlineTable(t.clone().into_inline_table()),
        _ => return Err("expected a value".into()),
    };
    let want = |what: &str| format!("expected {what}, found {}", type_name(&value));
    match kind {
        QuestionType::YesNo | QuestionType::YesPartlyNo => {
            let allowed = kind.implicit_values().unwrap_or(&[]);
            let s = match &value {
                Value::Boolean(b) => if *b.value() { "yes" } else { "no" }.to_string(),
                Value::String(s) => s.value().trim().to_ascii_lowercase(),
                _ => return Err(want(&format!("one of {}", allowed.join(", ")))),
            };
            if allowed.contains(&s.as_str()) {
                Ok(json!(s))
            } else {
                Err(format!(
                    "`{s}` is not an answer here; use one of: {}",
                    allowed.join(", ")
                ))
            }
        }
        QuestionType::SingleChoice => {
            let s = value
                .as_str()
                .ok_or_else(|| want("one option value (a string)"))?;
            check_options(q, &[s.to_string()])?;
            Ok(json!(s))
        }
        QuestionType::MultiChoice => {
            let list = as_strings(&value).ok_or_else(|| want("a list of option values"))?;
            check_options(q, &list)?;
            if q.required && list.is_empty() {
                return Err("this question is required: pick at least one option".into());
            }
            if list.len() > 1
                && let Some(o) = q
                    .options
                    .iter()
                    .find(|o| o.exclusive && list.contains(&o.value))
            {
                return Err(format!(
                    "`{}` ({}) rules out the other options; pick it alone or leave it out",
                    o.value, o.label
                ));
            }
            Ok(json!(list))
        }
        QuestionType::List => {
            let list = as_strings(&value).ok_or_else(|| want("a list of strings"))?;
            let list: Vec<String> = list
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if q.required && list.is_empty() {
                return Err("this question is required: give at least one item".into());
            }
            Ok(json!(list))
        }
        QuestionType::Text => {
            let s = value.as_str().ok_or_else(|| want("text (a string)"))?;
            Ok(json!(s))
        }
        QuestionType::Number => {
            let x = match &value {
                Value::Integer(i) => *i.value() as f64,
                Value::Float(f) => *f.value(),
                _ => return Err(want("a number")),
            };
            if !x.is_finite() {
                return Err("expected a finite number".into());
            }
            if q.min.is_some_and(|m| x < m) || q.max.is_some_and(|m| x > m) {
                return Err(format!(
                    "{x} is outside {}–{}",
                    q.min.map_or("-∞".into(), |m| m.to_string()),
                    q.max.map_or("∞".into(), |m| m.to_string())
                ));
            }
            Ok(if x.fract() == 0.0 && x.abs() < 9e15 {
                json!(x as i64)
            } else {
                json!(x)
            })
        }
        QuestionType::Date => {
            let s = match &value {
                Value::Datetime(d) => d.value().to_string(),
                Value::String(s) => s.value().clone(),
                _ => return Err(want("a date (2026-01-31)")),
            };
            let d =
                parse_date(&s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))?;
            let (lo, hi) = q.date_range(today);
            let says = |b: &Option<toml::Spanned<String>>, d: chrono::NaiveDate| match b {
                Some(t) if t.get_ref().trim().eq_ignore_ascii_case("today") => {
                    format!("today ({d})")
                }
                _ => d.to_string(),
            };
            if let Some(lo) = lo.filter(|lo| d < *lo) {
                return Err(format!(
                    "{d} is before {}, the earliest date this question accepts",
                    says(&q.min_date, lo)
                ));
            }
            if let Some(hi) = hi.filter(|hi| d > *hi) {
                return Err(format!(
                    "{d} is after {}, the latest date this question accepts",
                    says(&q.max_date, hi)
                ));
            }
            Ok(json!(d.to_string()))
        }
        QuestionType::Scale => {
            let t = value
                .as_inline_table()
                .ok_or_else(|| want("{ value = 1..4, justification = \"…\" }"))?;
            let v = t
                .get("value")
                .and_then(Value::as_integer)
                .ok_or("needs `value` = 1 to 4")?;
            if !(1..=4).contains(&v) {
                return Err(format!("value {v} is outside 1–4"));
            }
            let j = t
                .get("justification")
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or("");
            if j.is_empty() {
                return Err("a rating needs a `justification`".into());
            }
            if let Some(extra) = t
                .iter()
                .map(|(k, _)| k)
                .find(|k| *k != "value" && *k != "justification")
            {
                return Err(format!(
                    "unknown key `{extra}` (use value and justification)"
                ));
            }
            Ok(json!({ "value": v, "justification": j }))
        }
    }
}

/// Parse YYYY-MM-DD (a TOML date may carry nothing else).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn check_options(q: &Question, picked: &[String]) -> Result<(), String> {
    let bad: Vec<&String> = picked
        .iter()
        .filter(|p| !q.options.iter().any(|o| &o.value == *p))
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    let values: Vec<&str> = q.options.iter().map(|o| o.value.as_str()).collect();
    Err(format!(
        "{} not {} option{}; options: {}",
        bad.iter()
            .map(|b| format!("`{b}`"))
            .collect::<Vec<_>>()
            .join(", "),
        if bad.len() == 1 { "an" } else { "valid" },
        if bad.len() == 1 { "" } else { "s" },
        values.join(", ")
    ))
}

fn holds(c: &Condition, answers: &Answers) -> bool {
    let a = answers.get(c.question.get_ref());
    let v = c.value.as_ref();
    let as_str = |v: Option<&toml::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
    let as_num = |v: Option<&toml::Value>| {
        v.and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
    };
    let number = |a: &Json| a.as_f64().or_else(|| a.get("value").and_then(Json::as_f64));
    match c.op {
        Op::Answered => a.is_some(),
        Op::NotAnswered => a.is_none(),
        Op::Equals => a.and_then(Json::as_str).map(str::to_string) == as_str(v) && a.is_some(),
        Op::NotEquals => a.and_then(Json::as_str).map(str::to_string) != as_str(v),
        Op::Contains => a.and_then(Json::as_array).is_some_and(|l| {
            l.iter()
                .any(|x| x.as_str().map(str::to_string) == as_str(v))
        }),
        Op::NotContains => !a.and_then(Json::as_array).is_some_and(|l| {
            l.iter()
                .any(|x| x.as_str().map(str::to_string) == as_str(v))
        }),
        Op::Gt => matches!((a.and_then(number), as_num(v)), (Some(x), Some(y)) if x > y),
        Op::Lt => matches!((a.and_then(number), as_num(v)), (Some(x), Some(y)) if x < y),
    }
}

/// Whether a question is shown given the answers so far (its conditions hold, and so do those of
/// the questions its conditions depend on).
pub fn visible(q: &Loaded, id: &str, answers: &Answers) -> bool {
    visible_given(q, id, answers, &BTreeSet::new())
}

/// Whether a question is shown given the answers and the categories the scan found: a question
/// whose `show_if.found` names a category found is asked whatever the answers say.
pub fn visible_given(q: &Loaded, id: &str, answers: &Answers, found: &BTreeSet<String>) -> bool {
    visible_depth(q, id, answers, found, 0, &mut BTreeMap::new())
}

/// The categories a scan found, for [`visible_given`].
pub fn found_categories(columns: &[crate::model::ColumnReport]) -> BTreeSet<String> {
    columns
        .iter()
        .flat_map(|c| c.categories.iter().cloned())
        .collect()
}

/// `seen` remembers each (question, depth) already decided: without it, chains of questions
/// with several conditions each on the one before took exponential time.
fn visible_depth(
    q: &Loaded,
    id: &str,
    answers: &Answers,
    found: &BTreeSet<String>,
    depth: usize,
    seen: &mut BTreeMap<(String, usize), bool>,
) -> bool {
    if let Some(v) = seen.get(&(id.to_string(), depth)) {
        return *v;
    }
    let Some(r) = q.get(id) else { return false };
    let Some(show) = &r.question.show_if else {
        return true;
    };
    if depth > 16 {
        return false;
    }
    let c = show.get_ref();
    if c.found.iter().any(|cat| found.contains(cat)) {
        seen.insert((id.to_string(), depth), true);
        return true;
    }
    if c.all.is_empty() && c.any.is_empty() {
        // Only `found`, and nothing found.
        seen.insert((id.to_string(), depth), false);
        return false;
    }
    let mut ok = |cond: &Condition| {
        let shown = visible_depth(q, cond.question.get_ref(), answers, found, depth + 1, seen);
        shown && holds(cond, answers)
            || matches!(cond.op, Op::NotAnswered | Op::NotEquals | Op::NotContains) && !shown
    };
    let v = c.all.iter().all(&mut ok) && (c.any.is_empty() || c.any.iter().any(&mut ok));
    seen.insert((id.to_string(), depth), v);
    v
}

/// Required questions that are shown but unanswered, in questionnaire order.
pub fn unanswered_required(q: &Loaded, answers: &Answers) -> Vec<String> {
    unanswered_required_given(q, answers, &BTreeSet::new())
}

/// [`unanswered_required`], with the questions the scan's findings bring in.
pub fn unanswered_required_given(
    q: &Loaded,
    answers: &Answers,
    found: &BTreeSet<String>,
) -> Vec<String> {
    q.questions()
        .filter(|r| {
            r.question.required
                && !answers.contains_key(r.full_id)
                && visible_given(q, r.full_id, answers, found)
        })
        .map(|r| r.full_id.to_string())
        .collect()
}

/// A short human rendering of an answer.
pub fn display(a: &Json) -> String {
    match a {
        Json::String(s) => s.clone(),
        Json::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Json::Number(n) => n.to_string(),
        Json::Object(m) => match (m.get("value"), m.get("justification")) {
            (Some(v), Some(j)) => format!("{} — {}", display(v), display(j)),
            _ => a.to_string(),
        },
        Json::Bool(b) => b.to_string(),
        Json::Null => String::new(),
    }
}

/// An answer as a reader of the report sees it: option labels rather than their stored ids
/// ("Informal, on request" rather than `informal`), yes/partly/no capitalised, a number with its
/// unit, a rating with its justification.
pub fn shown(question: &crate::questionnaire::Question, a: &Json) -> String {
    let label = |v: &str| -> String {
        match question.options.iter().find(|o| o.value == v) {
            Some(o) => o.label.clone(),
            None => match v {
                "yes" => "Yes".into(),
                "no" => "No".into(),
                "partly" => "Partly".into(),
                other => other.to_string(),
            },
        }
    };
    match a {
        Json::String(s) => label(s),
        Json::Array(items) => items
            .iter()
            .map(|i| match i {
                Json::String(s) => label(s),
                other => display(other),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Json::Number(n) => match &question.unit {
            Some(u) => format!("{n} {u}"),
            None => n.to_string(),
        },
        other => display(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Loaded {
        crate::questionnaire::builtin().expect("built-in")
    }

    #[test]
    fn answers_are_shown_with_their_labels() {
        let q = q();
        let r = q.get("access.grant_process").expect("question");
        let label = r
            .question
            .options
            .iter()
            .find(|o| o.value == "informal")
            .map(|o| o.label.clone())
            .expect("informal is an option");
        assert_ne!(label, "informal");
        assert_eq!(shown(r.question, &json!("informal")), label);
        let cats = q.get("data.categories").expect("question");
        let both = shown(cats.question, &json!(["email", "phone"]));
        assert!(!both.contains("email,"), "{both}");
        let days = q.get("retention.max_age_days").expect("question");
        assert!(shown(days.question, &json!(365)).starts_with("365 "));
        let yn = q.get("security.tls_in_transit").expect("question");
        assert_eq!(shown(yn.question, &json!("partly")), "Partly");
    }

    #[test]
    fn dotted_keys_and_tables_are_the_same() {
        let q = q();
        let a = parse("data.categories = [\"email\"]\n", "a.toml", &q).expect("dotted");
        let b = parse("[data]\ncategories = [\"email\"]\n", "b.toml", &q).expect("table");
        assert_eq!(a, b);
        assert_eq!(a.get("data.categories"), Some(&json!(["email"])));
    }

    #[test]
    fn every_error_is_listed_with_its_position() {
        let q = q();
        let text = "[data]\ncategories = [\"email\", \"shoe_size\"]\nnope = 1\n\n[security]\ntls_in_transit = 3\npassword_storage = \"salted\"\n\n[retention]\nmax_age_days = \"long\"\n";
        let errs = parse(text, "a.toml", &q).expect_err("errors");
        let all: Vec<String> = errs.iter().map(ToString::to_string).collect();
        let joined = all.join("\n");
        assert!(
            joined.contains("a.toml:2:14: `data.categories`: `shoe_size` not an option"),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:3:1: unknown question `data.nope`"),
            "{joined}"
        );
        assert!(
            joined.contains(
                "a.toml:6:18: `security.tls_in_transit`: expected one of yes, no, found an integer"
            ),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:7:20: `security.password_storage`: `salted` not an option"),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:10:16: `retention.max_age_days`: expected a number"),
            "{joined}"
        );
        let e = parse("[data\n", "b.toml", &q).expect_err("syntax");
        assert!(e[0].message.starts_with("b.toml:1:"), "{}", e[0].message);
    }

    #[test]
    fn the_model_rejects_empty_required_choices_mixed_exclusive_options_and_dates_out_of_range() {
        let q = q();
        // A required multi choice (and list) answered with nothing is not an answer.
        let e = parse("data.categories = []\naccess.readers = []\n", "a.toml", &q)
            .expect_err("empty required");
        let all: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert!(
            all[0].starts_with("a.toml:1:19: `data.categories`: this question is required"),
            "{all:?}"
        );
        assert!(
            all[1].contains("`access.readers`: this question is required"),
            "{all:?}"
        );
        // An optional one may be empty.
        parse("access.processors = []\n", "a.toml", &q).expect("optional list");
        // "Nowhere" cannot be combined with places.
        let e = parse("access.copies = [\"none\", \"backups\"]\n", "a.toml", &q)
            .expect_err("exclusive");
        assert!(
            e[0].message
                .contains("`access.copies`: `none` (Nowhere: it stays in the production systems) rules out the other options"),
            "{}",
            e[0].message
        );
        parse("access.copies = [\"none\"]\n", "a.toml", &q).expect("alone");
        // A privacy policy last updated in the future, or before the web, is refused.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let r = q.get("policy.last_updated").expect("question");
        let at = |s: &str| convert_on(r.question, &Item::Value(Value::from(s)), today);
        let e = at("2030-01-01").expect_err("future");
        assert_eq!(
            e,
            "2030-01-01 is after today (2026-12-03), the latest date this question accepts"
        );
        assert!(
            at("1970-01-01")
                .expect_err("past")
                .contains("before 1995-01-01")
        );
        assert_eq!(at("2026-12-03").expect("today"), json!("2026-12-03"));
        let e = parse("policy.last_updated = 2999-01-01\n", "a.toml", &q).expect_err("future");
        assert!(
            e[0].message
                .starts_with("a.toml:1:23: `policy.last_updated`: 2999-01-01 is after today"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn any_answer_may_carry_a_note() {
        let q = q();
        let p = parse_full(
            "[security]\nmfa_staff = { answer = \"partly\", note = \"warehouse PCs have no MFA\" }\ntls_in_transit = \"yes\"\n",
            "a.toml",
            &q,
        )
        .expect("parses");
        assert_eq!(p.answers["security.mfa_staff"], json!("partly"));
        assert_eq!(p.notes["security.mfa_staff"], "warehouse PCs have no MFA");
        assert!(!p.notes.contains_key("security.tls_in_transit"));
        // The answer inside is checked as any answer is; a note needs an answer.
        let e = parse_full(
            "security.mfa_staff = { answer = \"maybe\", note = \"x\" }\nsecurity.mfa_admin = { note = \"x\" }\nsecurity.firewall = { answer = \"yes\", remark = \"x\" }\n",
            "a.toml",
            &q,
        )
        .expect_err("bad");
        let all: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert!(
            all[0].contains("`security.mfa_staff`: `maybe` is not an answer"),
            "{all:?}"
        );
        assert!(
            all[1].contains("`security.mfa_admin`: a `note` goes with an `answer`"),
            "{all:?}"
        );
        assert!(all[2].contains("unknown key `remark`"), "{all:?}");
    }

    #[test]
    fn all_missing_required_answers_are_listed() {
        let q = q();
        let missing = unanswered_required(&q, &Answers::new());
        assert!(missing.contains(&"data.categories".to_string()));
        assert!(missing.contains(&"access.readers".to_string()));
        assert!(missing.len() >= 3);
    }
}
