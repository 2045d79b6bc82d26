//! `privaudit questionnaire check`: every problem in a questionnaire, each with file, line and
//! column — unknown questions in conditions, duplicate ids, conditions that can never be true,
//! choice questions without options, bad risk weights, incomplete risk scenarios, exclusive
//! options outside multi choice, date bounds that are not dates, scale labels not four.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use super::{Condition, Loaded, Op, Question, QuestionType};

/// One problem, at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File.
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.column, self.message
        )
    }
}

/// Check a questionnaire; an empty list means it is valid.
pub fn check(l: &Loaded) -> Vec<Problem> {
    let mut out = Vec::new();
    let at = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = crate::rules::line_col(&l.text, span.start);
        Problem {
            origin: l.origin.clone(),
            line,
            column,
            message,
        }
    };
    if l.q.id.trim().is_empty() || l.q.version.trim().is_empty() {
        out.push(Problem {
            origin: l.origin.clone(),
            line: 1,
            column: 1,
            message: "the questionnaire needs a non-empty `id` and `version`".into(),
        });
    }
    let mut sections = HashSet::new();
    for s in &l.q.sections {
        if !valid_id(s.id.get_ref()) {
            out.push(at(
                s.id.span(),
                format!(
                    "section id `{}` must be snake_case (a-z, 0-9, _)",
                    s.id.get_ref()
                ),
            ));
        }
        if !sections.insert(s.id.get_ref().clone()) {
            out.push(at(
                s.id.span(),
                format!("duplicate section id `{}`", s.id.get_ref()),
            ));
        }
        if s.questions.is_empty() {
            out.push(at(
                s.id.span(),
                format!("section `{}` has no questions", s.id.get_ref()),
            ));
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let all: Vec<(String, &Question)> = l
        .questions()
        .map(|r| (r.full_id.to_string(), r.question))
        .collect();
    let mut scenarios: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, (id, q)) in all.iter().enumerate() {
        let kind = *q.kind.get_ref();
        if !valid_id(q.id.get_ref()) {
            out.push(at(
                q.id.span(),
                format!(
                    "question id `{}` must be snake_case (a-z, 0-9, _)",
                    q.id.get_ref()
                ),
            ));
        }
        if seen.insert(id.clone(), i).is_some() {
            out.push(at(q.id.span(), format!("duplicate question id `{id}`")));
        }
        if q.prompt.trim().is_empty() {
            out.push(at(
                q.id.span(),
                format!("question `{id}` has an empty prompt"),
            ));
        }
        if kind.is_choice() && q.options.is_empty() {
            out.push(at(
                q.kind.span(),
                format!("question `{id}` is {} but has no options", kind.name()),
            ));
        }
        if !kind.is_choice() && !q.options.is_empty() {
            out.push(at(q.kind.span(), format!("question `{id}` is {} and cannot have options (use single_choice or multi_choice)", kind.name())));
        }
        let mut values = HashSet::new();
        for o in &q.options {
            if !values.insert(o.value.as_str()) {
                out.push(at(
                    q.id.span(),
                    format!("question `{id}` has the option value `{}` twice", o.value),
                ));
            }
            if o.risk.is_some_and(|r| !(1..=4).contains(&r)) {
                out.push(at(
                    q.id.span(),
                    format!(
                        "question `{id}`: option `{}` has risk {}, use 1–4",
                        o.value,
                        o.risk.unwrap_or(0)
                    ),
                ));
            }
        }
        for (k, w) in &q.risk {
            match kind.implicit_values() {
                Some(vals) if vals.contains(&k.as_str()) => {}
                Some(vals) => out.push(at(q.id.span(), format!("question `{id}`: risk for `{k}`, but its answers are {}", vals.join(", ")))),
                None => out.push(at(q.id.span(), format!("question `{id}`: a `risk` table is for yes_no / yes_partly_no questions; put `risk` on the options instead"))),
            }
            if !(1..=4).contains(w) {
                out.push(at(
                    q.id.span(),
                    format!("question `{id}`: risk {w} for `{k}`, use 1–4"),
                ));
            }
        }
        if q.options.iter().any(|o| o.exclusive) && kind != QuestionType::MultiChoice {
            out.push(at(
                q.kind.span(),
                format!(
                    "question `{id}`: `exclusive` options are for multi_choice questions, this is {}",
                    kind.name()
                ),
            ));
        }
        let today = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        for bound in [&q.min_date, &q.max_date].into_iter().flatten() {
            if kind != QuestionType::Date {
                out.push(at(
                    bound.span(),
                    format!(
                        "question `{id}`: `min_date` / `max_date` are for date questions, this is {}",
                        kind.name()
                    ),
                ));
            } else if super::date_bound(bound.get_ref(), today).is_none() {
                out.push(at(
                    bound.span(),
                    format!(
                        "question `{id}`: date bound {:?} is not a date; write YYYY-MM-DD or \"today\"",
                        bound.get_ref()
                    ),
                ));
            }
        }
        if let (Some(a), Some(b)) = (&q.min_date, &q.max_date)
            && let (Some(x), Some(y)) = (
                super::date_bound(a.get_ref(), today),
                super::date_bound(b.get_ref(), today),
            )
            && !a.get_ref().eq_ignore_ascii_case("today")
            && !b.get_ref().eq_ignore_ascii_case("today")
            && x > y
        {
            out.push(at(
                a.span(),
                format!("question `{id}`: min_date {x} is after max_date {y}"),
            ));
        }
        if !q.scale_labels.is_empty() && (kind != QuestionType::Scale || q.scale_labels.len() != 4)
        {
            out.push(at(
                q.id.span(),
                format!(
                    "question `{id}`: `scale_labels` are for scale questions and need four entries (1 to 4), found {}",
                    q.scale_labels.len()
                ),
            ));
        }
        let risky = !q.risk.is_empty() || q.options.iter().any(|o| o.risk.is_some());
        if risky && q.finding.is_none() {
            out.push(at(
                q.id.span(),
                format!(
                    "question `{id}` carries risk weights but no `finding` (title, recommendation)"
                ),
            ));
        }
        if let (Some(a), Some(b)) = (q.min, q.max)
            && a > b
        {
            out.push(at(
                q.id.span(),
                format!("question `{id}`: min {a} is greater than max {b}"),
            ));
        }
        if kind == QuestionType::Scale {
            match (&q.scenario, q.dimension.as_deref()) {
                (Some(s), Some(d @ ("likelihood" | "severity"))) => scenarios.entry(s.clone()).or_default().push(d.to_string()),
                _ => out.push(at(q.id.span(), format!("scale question `{id}` needs `scenario` and `dimension` = \"likelihood\" or \"severity\""))),
            }
        }
        if let Some(show) = &q.show_if {
            let cond = show.get_ref();
            if cond.all.is_empty() && cond.any.is_empty() && cond.found.is_empty() {
                out.push(at(
                    show.span(),
                    format!("question `{id}`: `show_if` needs `all`, `any` or `found` conditions"),
                ));
            }
            for cat in &cond.found {
                if !crate::rules::CATEGORIES.contains(&cat.as_str()) {
                    out.push(at(
                        show.span(),
                        format!(
                            "question `{id}`: `found` names `{cat}`, which is not a category id (see docs/contract.md)"
                        ),
                    ));
                }
            }
            for c in cond.all.iter().chain(&cond.any) {
                if let Some(p) = check_condition(id, i, c, &all, &seen) {
                    out.push(at(c.question.span(), p));
                }
            }
        }
    }
    for (s, dims) in scenarios {
        if !(dims.contains(&"likelihood".to_string()) && dims.contains(&"severity".to_string())) {
            out.push(Problem {
                origin: l.origin.clone(),
                line: 1,
                column: 1,
                message: format!(
                    "risk scenario `{s}` needs one likelihood and one severity scale question"
                ),
            });
        }
    }
    out.sort_by_key(|p| (p.line, p.column));
    out
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_condition(
    id: &str,
    index: usize,
    c: &Condition,
    all: &[(String, &Question)],
    _seen: &BTreeMap<String, usize>,
) -> Option<String> {
    let target_id = c.question.get_ref();
    let Some(pos) = all.iter().position(|(i, _)| i == target_id) else {
        return Some(format!(
            "question `{id}`: condition refers to unknown question `{target_id}`"
        ));
    };
    if pos == index {
        return Some(format!(
            "question `{id}`: condition refers to the question itself, so it can never be true"
        ));
    }
    if pos > index {
        return Some(format!(
            "question `{id}`: condition refers to `{target_id}`, which comes later; move the condition's question first"
        ));
    }
    let target = all[pos].1;
    let kind = *target.kind.get_ref();
    let value = c.value.as_ref();
    let needs_value = !matches!(c.op, Op::Answered | Op::NotAnswered);
    if needs_value && value.is_none() {
        return Some(format!(
            "question `{id}`: condition on `{target_id}` needs a `value`"
        ));
    }
    let allowed: Option<Vec<String>> = match kind.implicit_values() {
        Some(v) => Some(v.iter().map(|s| s.to_string()).collect()),
        None if kind.is_choice() => Some(target.options.iter().map(|o| o.value.clone()).collect()),
        None => None,
    };
    let never = |why: String| {
        Some(format!(
            "question `{id}`: condition on `{target_id}` can never be true: {why}"
        ))
    };
    match c.op {
        Op::Equals | Op::NotEquals => {
            if matches!(kind, QuestionType::MultiChoice | QuestionType::List) {
                return never(format!(
                    "`{}` is a {} question; use contains / not_contains",
                    target_id,
                    kind.name()
                ));
            }
            if let (Some(allowed), Some(v)) = (&allowed, value)
                && !v.as_str().is_some_and(|s| allowed.iter().any(|a| a == s))
            {
                return never(format!(
                    "{} is not one of its answers ({})",
                    super::value_text(v),
                    allowed.join(", ")
                ));
            }
        }
        Op::Contains | Op::NotContains => {
            if !matches!(kind, QuestionType::MultiChoice | QuestionType::List) {
                return never(format!(
                    "contains needs a multi_choice or list question, `{target_id}` is {}",
                    kind.name()
                ));
            }
            if let (Some(allowed), Some(v)) = (&allowed, value)
                && !v.as_str().is_some_and(|s| allowed.iter().any(|a| a == s))
            {
                return never(format!(
                    "{} is not one of its options ({})",
                    super::value_text(v),
                    allowed.join(", ")
                ));
            }
        }
        Op::Gt | Op::Lt => {
            if !matches!(kind, QuestionType::Number | QuestionType::Scale) {
                return never(format!(
                    "gt / lt need a number or scale question, `{target_id}` is {}",
                    kind.name()
                ));
            }
            let Some(x) =
                value.and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            else {
                return never("gt / lt need a number value".into());
            };
            let (lo, hi) = if kind == QuestionType::Scale {
                (Some(1.0), Some(4.0))
            } else {
                (target.min, target.max)
            };
            if c.op == Op::Gt && hi.is_some_and(|h| x >= h) {
                return never(format!("answers are at most {}", hi.unwrap_or(x)));
            }
            if c.op == Op::Lt && lo.is_some_and(|l| x <= l) {
                return never(format!("answers are at least {}", lo.unwrap_or(x)));
            }
        }
        Op::Answered | Op::NotAnswered => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let text = r#"id = "t"
version = "1"

[[section]]
id = "a"
title = "A"

[[section.question]]
id = "pick"
prompt = "Pick"
type = "single_choice"

[[section.question]]
id = "pick"
prompt = "Again"
type = "yes_no"
risk = { no = 3 }

[[section.question]]
id = "later"
prompt = "Later"
type = "text"
show_if = { all = [ { question = "a.nope", op = "answered" }, { question = "a.pick", op = "equals", value = "x" } ] }

[[section.question]]
id = "many"
prompt = "Many"
type = "multi_choice"
options = [ { value = "a", label = "A" } ]
show_if = { any = [ { question = "a.many", op = "contains", value = "a" } ] }

[[section.question]]
id = "found"
prompt = "Found"
type = "text"
show_if = { found = ["health", "horoscope"] }
"#;
        let l = parse(text, "q.toml").expect("parses");
        let problems: Vec<String> = check(&l).iter().map(ToString::to_string).collect();
        let joined = problems.join("\n");
        assert!(
            joined.contains("q.toml:11:8: question `a.pick` is single_choice but has no options"),
            "{joined}"
        );
        assert!(
            joined.contains("q.toml:14:6: duplicate question id `a.pick`"),
            "{joined}"
        );
        assert!(
            joined.contains("carries risk weights but no `finding`"),
            "{joined}"
        );
        assert!(
            joined.contains("refers to unknown question `a.nope`"),
            "{joined}"
        );
        assert!(
            joined.contains("can never be true: \"x\" is not one of its answers"),
            "{joined}"
        );
        assert!(joined.contains("refers to the question itself"), "{joined}");
        assert!(
            joined.contains("q.toml:36:11: question `a.found`: `found` names `horoscope`, which is not a category id"),
            "{joined}"
        );
        assert!(!joined.contains("`health`"), "{joined}");
        assert!(
            problems.iter().all(|p| p.starts_with("q.toml:")),
            "{joined}"
        );
    }

    #[test]
    fn exclusive_options_date_bounds_and_scale_labels_are_checked() {
        let text = r#"id = "t"
version = "1"

[[section]]
id = "a"
title = "A"

[[section.question]]
id = "one"
prompt = "One"
type = "single_choice"
options = [ { value = "x", label = "X", exclusive = true } ]

[[section.question]]
id = "when"
prompt = "When"
type = "date"
min_date = "last year"
max_date = "today"

[[section.question]]
id = "late"
prompt = "Late"
type = "date"
min_date = "2020-01-01"
max_date = "2019-01-01"

[[section.question]]
id = "r_likelihood"
prompt = "R"
type = "scale"
scenario = "r"
dimension = "likelihood"
scale_labels = ["rare", "often"]

[[section.question]]
id = "r_severity"
prompt = "R"
type = "scale"
scenario = "r"
dimension = "severity"
"#;
        let l = parse(text, "q.toml").expect("parses");
        let joined = check(&l)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            joined.contains(
                "q.toml:11:8: question `a.one`: `exclusive` options are for multi_choice"
            ),
            "{joined}"
        );
        assert!(
            joined.contains(
                "q.toml:18:12: question `a.when`: date bound \"last year\" is not a date"
            ),
            "{joined}"
        );
        assert!(
            joined.contains(
                "q.toml:25:12: question `a.late`: min_date 2020-01-01 is after max_date 2019-01-01"
            ),
            "{joined}"
        );
        assert!(
            joined.contains("question `a.r_likelihood`: `scale_labels` are for scale questions and need four entries (1 to 4), found 2"),
            "{joined}"
        );
    }

    #[test]
    fn syntax_errors_have_positions_too() {
        let e = parse("id = \"t\"\nversion = \n", "bad.toml").expect_err("syntax");
        assert!(e.starts_with("bad.toml:2:"), "{e}");
        let e = parse("id = \"t\"\nversion = \"1\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.question]]\nid = \"q\"\nprompt = \"p\"\ntype = \"essay\"\n", "bad.toml").expect_err("bad type");
        assert!(e.starts_with("bad.toml:9:"), "{e}");
    }
}
