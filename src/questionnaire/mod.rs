//! Questionnaires: TOML files of sections and questions with stable ids, types, options, risk
//! weights, findings and show-if conditions written as data. `default.toml` is compiled in.
//!
//! Not for: answers (see `answers`) or deciding findings (see `audit`).

pub mod check;
pub mod template;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The built-in questionnaire.
pub const DEFAULT: &str = include_str!("../../questionnaires/default.toml");

/// Question types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// "yes" / "no".
    YesNo,
    /// "yes" / "partly" / "no".
    YesPartlyNo,
    /// One option value.
    SingleChoice,
    /// Several option values.
    MultiChoice,
    /// Free text.
    Text,
    /// A list of items.
    List,
    /// A number.
    Number,
    /// A date (YYYY-MM-DD).
    Date,
    /// 1–4 with a required justification.
    Scale,
}

/// The scan evidence a question wants shown next to it (`evidence = ["readers"]`), most
/// relevant first. See `crate::evidence` for what each one gathers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Categories found, those not ticked under `data.categories` first.
    Categories,
    /// Special categories (GDPR Art. 9 and 10) found.
    SpecialCategories,
    /// Personal-data tables per database, with what they hold.
    Tables,
    /// Databases scanned, and systems named under `data.systems` that were not.
    Systems,
    /// Personal-data tables named like copies (backup, old, export, a date).
    Copies,
    /// Distinct reader roles with their paths, those not on `access.readers` first.
    Readers,
    /// Account posture checks (superusers, passwords, expiry, anonymous accounts).
    Accounts,
    /// Exposure checks (PUBLIC grants, wildcard hosts, trust auth, file modes).
    Exposure,
    /// Encryption in transit (TLS) checks.
    Transport,
    /// Encryption at rest.
    AtRest,
    /// Plain-text password columns and weak hashes.
    Passwords,
    /// Free-text and JSON columns with what they hold.
    FreeText,
    /// Dates of birth, gender, identity documents: fields an order rarely needs.
    OptionalFields,
    /// Contact data (e-mail, phone, postal address): who can be sent marketing.
    Contact,
    /// Ages of the oldest rows against `retention.max_age_days`.
    Retention,
    /// Server versions.
    Versions,
}

impl EvidenceKind {
    /// A heading for the evidence pane.
    pub fn title(self) -> &'static str {
        match self {
            EvidenceKind::Categories => "Categories found",
            EvidenceKind::SpecialCategories => "Special categories found",
            EvidenceKind::Tables => "Personal-data tables",
            EvidenceKind::Systems => "Systems scanned",
            EvidenceKind::Copies => "Tables that look like copies",
            EvidenceKind::Readers => "Readers found",
            EvidenceKind::Accounts => "Account checks",
            EvidenceKind::Exposure => "Exposure checks",
            EvidenceKind::Transport => "Encryption in transit",
            EvidenceKind::AtRest => "Encryption at rest",
            EvidenceKind::Passwords => "Password columns",
            EvidenceKind::FreeText => "Personal data in free text",
            EvidenceKind::OptionalFields => "Fields an order rarely needs",
            EvidenceKind::Contact => "Contact data found",
            EvidenceKind::Retention => "Oldest rows",
            EvidenceKind::Versions => "Server versions",
        }
    }
}

impl QuestionType {
    /// The rule-file name.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::YesNo => "yes_no",
            QuestionType::YesPartlyNo => "yes_partly_no",
            QuestionType::SingleChoice => "single_choice",
            QuestionType::MultiChoice => "multi_choice",
            QuestionType::Text => "text",
            QuestionType::List => "list",
            QuestionType::Number => "number",
            QuestionType::Date => "date",
            QuestionType::Scale => "scale",
        }
    }

    /// Whether answers pick from `options`.
    pub fn is_choice(self) -> bool {
        matches!(self, QuestionType::SingleChoice | QuestionType::MultiChoice)
    }

    /// The fixed values of yes/no questions.
    pub fn implicit_values(self) -> Option<&'static [&'static str]> {
        match self {
            QuestionType::YesNo => Some(&["yes", "no"]),
            QuestionType::YesPartlyNo => Some(&["yes", "partly", "no"]),
            _ => None,
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stored value.
    pub value: String,
    /// Shown label.
    pub label: String,
    /// Risk weight 1–4 when picking this is a risk.
    #[serde(default)]
    pub risk: Option<u8>,
    /// A "none of these" option: picking it rules out every other option (multi choice).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// The finding an at-risk answer produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingText {
    /// Title a manager understands.
    pub title: String,
    /// What to do.
    pub recommendation: String,
}

/// Condition operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// The answer equals the value.
    Equals,
    /// The answer is not the value (or unanswered).
    NotEquals,
    /// A multi-choice or list answer contains the value.
    Contains,
    /// It does not.
    NotContains,
    /// Any answer.
    Answered,
    /// No answer.
    NotAnswered,
    /// A number answer greater than the value.
    Gt,
    /// A number answer less than the value.
    Lt,
}

/// One condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Full question id (`data.sources`).
    pub question: Spanned<String>,
    /// Operator.
    pub op: Op,
    /// The value compared with (not for answered/not_answered).
    #[serde(default)]
    pub value: Option<toml::Value>,
}

/// Show-if: all or any of the conditions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    /// Every one must hold.
    #[serde(default)]
    pub all: Vec<Condition>,
    /// At least one must hold.
    #[serde(default)]
    pub any: Vec<Condition>,
    /// Category ids: the question is also asked when the scan found any of them, whatever the
    /// answers say (special categories found → the question about their legal condition is
    /// asked). Left unanswered, such a question is a finding.
    #[serde(default)]
    pub found: Vec<String>,
}

/// A question as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Id within the section.
    pub id: Spanned<String>,
    /// The question.
    pub prompt: String,
    /// Help text.
    #[serde(default)]
    pub help: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: Spanned<QuestionType>,
    /// Whether an answer is required.
    #[serde(default)]
    pub required: bool,
    /// GDPR articles, NIST Privacy Framework ids, …
    #[serde(default)]
    pub references: Vec<String>,
    /// Choice options.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Risk weights of yes/no answers (`{ no = 3 }`).
    #[serde(default)]
    pub risk: BTreeMap<String, u8>,
    /// The finding an at-risk answer produces.
    #[serde(default)]
    pub finding: Option<FindingText>,
    /// When to show the question.
    #[serde(default)]
    pub show_if: Option<Spanned<ShowIf>>,
    /// Number bounds.
    #[serde(default)]
    pub min: Option<f64>,
    /// Number bounds.
    #[serde(default)]
    pub max: Option<f64>,
    /// Number unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Date questions: the earliest date accepted, `YYYY-MM-DD` or `"today"`.
    #[serde(default)]
    pub min_date: Option<Spanned<String>>,
    /// Date questions: the latest date accepted, `YYYY-MM-DD` or `"today"` (a date that has
    /// already happened, such as "last updated", cannot be in the future).
    #[serde(default)]
    pub max_date: Option<Spanned<String>>,
    /// Scale questions: what each rating 1–4 means, in order (`["rare", "possible", …]`).
    #[serde(default)]
    pub scale_labels: Vec<String>,
    /// Scale questions: the scenario rated.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Scale questions: `likelihood` or `severity`.
    #[serde(default)]
    pub dimension: Option<String>,
    /// The scan evidence shown with the question, most relevant first.
    #[serde(default)]
    pub evidence: Vec<EvidenceKind>,
}

/// A section as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Id.
    pub id: Spanned<String>,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Questions.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

/// A questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Sections.
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
}

/// A question with its full id, for lookups.
#[derive(Debug, Clone, Copy)]
pub struct QuestionRef<'a> {
    /// `section.question`.
    pub full_id: &'a str,
    /// The section.
    pub section: &'a Section,
    /// The question.
    pub question: &'a Question,
}

/// A questionnaire with its full ids computed.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The questionnaire.
    pub q: Questionnaire,
    /// Full ids in order.
    pub ids: Vec<String>,
    /// Where it came from (a path or "built-in").
    pub origin: String,
    /// The source text (for error positions).
    pub text: String,
}

impl Loaded {
    /// Questions in order with their full ids.
    pub fn questions(&self) -> impl Iterator<Item = QuestionRef<'_>> {
        let mut i = 0;
        self.q
            .sections
            .iter()
            .flat_map(move |s| s.questions.iter().map(move |q| (s, q)))
            .map(move |(s, q)| {
                let r = QuestionRef {
                    full_id: self.ids[i].as_str(),
                    section: s,
                    question: q,
                };
                i += 1;
                r
            })
    }

    /// Look a question up by full id.
    pub fn get(&self, full_id: &str) -> Option<QuestionRef<'_>> {
        self.questions().find(|q| q.full_id == full_id)
    }

    /// Number of questions.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no questions.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A date bound as written in a questionnaire: `YYYY-MM-DD`, or `today` (the day the answer is
/// given). None when it is neither.
pub fn date_bound(text: &str, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("today") {
        return Some(today);
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

impl Question {
    /// The dates accepted, with `today` resolved; a malformed bound (the checker reports it)
    /// is no bound.
    pub fn date_range(
        &self,
        today: chrono::NaiveDate,
    ) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        let get =
            |b: &Option<Spanned<String>>| b.as_ref().and_then(|s| date_bound(s.get_ref(), today));
        (get(&self.min_date), get(&self.max_date))
    }

    /// What rating `v` (1–4) of a scale question means, if the questionnaire says.
    pub fn scale_label(&self, v: u8) -> Option<&str> {
        self.scale_labels
            .get(usize::from(v).checked_sub(1)?)
            .map(String::as_str)
    }
}

/// The full id of a question in a section.
pub fn full_id(section: &Section, question: &Question) -> String {
    format!("{}.{}", section.id.get_ref(), question.id.get_ref())
}

/// A condition value for messages, quoted like TOML. Not `toml::Value`'s `Display`: its string
/// writer counts a run of quotes in a `u8` and panics (debug builds) on 256 in a row.
pub fn value_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(value_text).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(t) => {
            let items: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k:?} = {}", value_text(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        v => v.to_string(),
    }
}

/// Parse questionnaire text; errors are "ORIGIN:LINE:COLUMN: message".
pub fn parse(text: &str, origin: &str) -> Result<Loaded, String> {
    let q: Questionnaire = toml::from_str(text).map_err(|e| match e.span() {
        Some(span) => {
            let (l, c) = crate::rules::line_col(text, span.start);
            format!("{origin}:{l}:{c}: {}", e.message().trim())
        }
        None => format!("{origin}: {}", e.message().trim()),
    })?;
    let ids = q
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(move |qq| full_id(s, qq)))
        .collect();
    Ok(Loaded {
        q,
        ids,
        origin: origin.to_string(),
        text: text.to_string(),
    })
}

/// The built-in questionnaire.
pub fn builtin() -> Result<Loaded, String> {
    parse(DEFAULT, "questionnaires/default.toml (built-in)")
}

/// Load from a file, or the built-in one; the result is checked and any problem is an error.
pub fn load(path: Option<&std::path::Path>) -> Result<Loaded, String> {
    let loaded = match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read questionnaire {}: {e}", p.display()))?;
            parse(&text, &p.display().to_string())?
        }
        None => builtin()?,
    };
    let problems = check::check(&loaded);
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"));
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_questionnaire_is_valid_and_has_the_contract_ids() {
        let q = builtin().expect("parses");
        let problems = check::check(&q);
        assert!(problems.is_empty(), "{problems:#?}");
        assert!((35..=60).contains(&q.len()), "{} questions", q.len());
        for (id, kind) in [
            ("data.categories", QuestionType::MultiChoice),
            ("access.readers", QuestionType::List),
            ("retention.max_age_days", QuestionType::Number),
            ("security.tls_in_transit", QuestionType::YesNo),
            ("security.password_storage", QuestionType::SingleChoice),
            ("security.encryption_at_rest", QuestionType::YesNo),
        ] {
            let r = q.get(id).unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(*r.question.kind.get_ref(), kind, "{id}");
        }
        let cats: Vec<&str> = q
            .get("data.categories")
            .expect("q")
            .question
            .options
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        for c in crate::rules::CATEGORIES {
            assert!(cats.contains(c), "data.categories lacks {c}");
        }
        let pw: Vec<&str> = q
            .get("security.password_storage")
            .expect("q")
            .question
            .options
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(pw, ["hashed", "plaintext", "unknown"]);
    }
}
