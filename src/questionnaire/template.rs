//! `privaudit questionnaire template`: an answers file with every question as a commented entry,
//! ready to fill in.

use std::fmt::Write as _;

use super::{Loaded, QuestionType};

fn comment_lines(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {}", line.trim_end());
    }
}

/// The template text.
pub fn template(l: &Loaded) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Answers for \"{}\" ({} {}).",
        l.q.title, l.q.id, l.q.version
    );
    let _ = writeln!(
        out,
        "# Uncomment an entry (remove \"# \" before the key) and fill it in."
    );
    let _ = writeln!(
        out,
        "# Run: privaudit audit --answers THIS_FILE [--db URL]..."
    );
    let _ = writeln!(
        out,
        "# Required questions are marked; `privaudit audit` lists every one left unanswered."
    );
    let _ = writeln!(
        out,
        "# Any answer may carry a note: key = {{ answer = ..., note = \"exceptions, caveats\" }}."
    );
    for s in &l.q.sections {
        let _ = writeln!(out);
        let _ = writeln!(out, "[{}]", s.id.get_ref());
        comment_lines(&mut out, &s.title);
        for q in &s.questions {
            let kind = *q.kind.get_ref();
            let _ = writeln!(out);
            let req = if q.required { "required, " } else { "" };
            comment_lines(&mut out, &format!("{} ({req}{})", q.prompt, kind.name()));
            if let Some(show) = &q.show_if {
                let c = show.get_ref();
                let (word, list) = if c.any.is_empty() {
                    ("all", &c.all)
                } else {
                    ("any", &c.any)
                };
                let conds: Vec<String> = list
                    .iter()
                    .map(|c| {
                        let v = c
                            .value
                            .as_ref()
                            .map(|v| format!(" {}", super::value_text(v)))
                            .unwrap_or_default();
                        format!("{} {:?}{v}", c.question.get_ref(), c.op).to_lowercase()
                    })
                    .collect();
                let _ = writeln!(out, "# Asked only if {word} of: {}", conds.join("; "));
            }
            if !q.options.is_empty() {
                let opts: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| {
                        let alone = if o.exclusive { ", only on its own" } else { "" };
                        format!("{} ({}{alone})", o.value, o.label)
                    })
                    .collect();
                comment_lines(&mut out, &format!("Options: {}", opts.join(", ")));
            }
            if kind == QuestionType::Date && (q.min_date.is_some() || q.max_date.is_some()) {
                let bound = |b: &Option<toml::Spanned<String>>| {
                    b.as_ref()
                        .map_or("any".to_string(), |s| s.get_ref().clone())
                };
                let _ = writeln!(
                    out,
                    "# Dates from {} to {}.",
                    bound(&q.min_date),
                    bound(&q.max_date)
                );
            }
            if !q.scale_labels.is_empty() {
                let labels: Vec<String> = q
                    .scale_labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{} = {l}", i + 1))
                    .collect();
                comment_lines(&mut out, &format!("Ratings: {}", labels.join("; ")));
            }
            let example = match kind {
                QuestionType::YesNo => "\"yes\"    # yes | no".to_string(),
                QuestionType::YesPartlyNo => "\"yes\"    # yes | partly | no".to_string(),
                QuestionType::SingleChoice => format!("\"{}\"", q.options.first().map_or("", |o| o.value.as_str())),
                QuestionType::MultiChoice | QuestionType::List => "[]".to_string(),
                QuestionType::Text => "\"\"".to_string(),
                QuestionType::Number => {
                    let unit = q.unit.as_deref().map(|u| format!("    # {u}")).unwrap_or_default();
                    format!("0{unit}")
                }
                QuestionType::Date => "2026-01-31".to_string(),
                QuestionType::Scale => "{ value = 1, justification = \"\" }    # 1 (low) to 4 (high), justification required".to_string(),
            };
            let _ = writeln!(out, "# {} = {example}", q.id.get_ref());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_lists_every_question_and_parses_once_uncommented() {
        let l = super::super::builtin().expect("built-in");
        let t = super::template(&l);
        for id in &l.ids {
            let key = id.split('.').nth(1).unwrap_or("");
            assert!(t.contains(&format!("# {key} = ")), "{id} missing");
        }
        // The commented template is valid TOML (only section headers are live).
        assert!(t.parse::<toml::Table>().is_ok());
    }
}
