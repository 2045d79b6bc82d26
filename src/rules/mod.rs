//! Detection rules as data: the built-in TOML compiled into the binary, extended or overridden by
//! a user's `--rules FILE`.
//!
//! Not for: applying the rules to values (see `classify`).

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use regex::Regex;
use serde::Deserialize;

use crate::classify::names::{Phrase, WordSet};
use crate::classify::validate::Validator;
use crate::model::{Sensitivity, TypeClass};

mod languages;
pub use languages::{LANGUAGES, Language};

/// The built-in rules file.
pub const BUILTIN: &str = include_str!("builtin.toml");

/// The built-in rules for national identity, social-security and personal tax numbers, loaded
/// right after [`BUILTIN`].
pub const NATIONAL_IDS: &str = include_str!("national_ids.toml");

/// The category ids of docs/contract.md: rules may only use these.
pub const CATEGORIES: &[&str] = &[
    "email",
    "phone",
    "person_name",
    "postal_address",
    "postcode",
    "date_of_birth",
    "gender",
    "national_id",
    "passport_number",
    "tax_id",
    "payment_card",
    "iban",
    "ip_address",
    "geolocation",
    "username",
    "password",
    "password_hash",
    "secret",
    "health",
    "biometric",
    "ethnicity",
    "religion",
    "political_opinion",
    "sexual_orientation",
    "trade_union",
    "criminal_record",
];

/// The special categories of personal data (GDPR Art. 9, and Art. 10 criminal records).
pub const SPECIAL_CATEGORIES: &[&str] = &[
    "health",
    "biometric",
    "ethnicity",
    "religion",
    "political_opinion",
    "sexual_orientation",
    "trade_union",
    "criminal_record",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    modifiers: Option<Vec<String>>,
    #[serde(default)]
    person_tables: Option<Vec<String>>,
    #[serde(default)]
    company_tables: Option<Vec<String>>,
    #[serde(default)]
    rule: Vec<RuleDef>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Examples {
    #[serde(default, rename = "match")]
    matches: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    sensitivity: Option<Sensitivity>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    types: Option<Vec<String>>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    contextual_names: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    validator: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    requires_name: Option<bool>,
    #[serde(default)]
    min_share: Option<f64>,
    #[serde(default)]
    named_min_share: Option<f64>,
    #[serde(default)]
    pair: Option<String>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    examples: Examples,
    #[serde(default)]
    name_examples: Examples,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Category id (docs/contract.md).
    pub category: String,
    /// Sensitivity of the category.
    pub sensitivity: Sensitivity,
    /// The country that issues the identifier (ISO 3166-1 alpha-2), for national numbers.
    pub country: Option<String>,
    /// Where the identifier's rule is published (law, regulation or official specification).
    pub source: Option<String>,
    /// What the rule finds.
    pub description: String,
    /// Type classes whose values can hold this category.
    pub types: Vec<TypeClass>,
    /// Column-name phrases.
    pub names: Vec<Phrase>,
    /// Generic phrases that count only in a person table or next to a person word.
    pub contextual_names: Vec<Phrase>,
    /// Phrases that rule a column out.
    pub not_names: Vec<Phrase>,
    /// A regex every value must match (anchored).
    pub value: Option<Regex>,
    /// The validator.
    pub validator: Validator,
    /// Unanchored regex for candidates in free text.
    pub text: Option<Regex>,
    /// Values alone are not evidence enough.
    pub requires_name: bool,
    /// Share of values that must validate without a telling name.
    pub min_share: f64,
    /// Share of values that must be plausible under a telling name.
    pub named_min_share: f64,
    /// A rule id in the same table this rule needs (latitude needs longitude).
    pub pair: Option<String>,
    /// Example values that must validate.
    pub examples_match: Vec<String>,
    /// Example values that must not.
    pub examples_no_match: Vec<String>,
    /// Column names that must match strongly.
    pub name_examples_match: Vec<String>,
    /// Column names that must not.
    pub name_examples_no_match: Vec<String>,
}

/// All rules in force, plus the shared word lists.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Rules in file order (earlier wins ties).
    pub rules: Vec<Rule>,
    /// Words that make a name match weak (`id`, `sent`, `verified`).
    pub modifiers: WordSet,
    /// Words that make a table a person table.
    pub person_tables: WordSet,
    /// Words that make a table one of companies (`shippers`, `suppliers`): its contact columns
    /// describe businesses unless a person column sits beside them.
    pub company_tables: WordSet,
    /// The languages whose column names the rules know, with their regions.
    pub languages: Vec<Language>,
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> Result<RuleSet> {
        let file = parse_file(BUILTIN, "built-in rules")?;
        let mut set = RuleSet {
            rules: Vec::new(),
            modifiers: WordSet::new(&file.modifiers.clone().unwrap_or_default()),
            person_tables: WordSet::new(&file.person_tables.clone().unwrap_or_default()),
            company_tables: WordSet::new(&file.company_tables.clone().unwrap_or_default()),
            languages: Vec::new(),
        };
        set.merge(file, "built-in rules")?;
        let national = parse_file(NATIONAL_IDS, "built-in national identifier rules")?;
        set.merge(national, "built-in national identifier rules")?;
        languages::apply(&mut set, LANGUAGES, "built-in languages")?;
        Ok(set)
    }

    /// The built-in rules extended or overridden by a user's file.
    pub fn with_user_file(path: &Path) -> Result<RuleSet> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read rules file {}", path.display()))?;
        let mut set = RuleSet::builtin()?;
        let origin = path.display().to_string();
        let file = parse_file(&text, &origin)?;
        set.merge(file, &origin)?;
        Ok(set)
    }

    fn merge(&mut self, file: RulesFile, origin: &str) -> Result<()> {
        if let Some(m) = &file.modifiers {
            self.modifiers = WordSet::new(m);
        }
        if let Some(p) = &file.person_tables {
            self.person_tables = WordSet::new(p);
        }
        if let Some(p) = &file.company_tables {
            self.company_tables = WordSet::new(p);
        }
        let mut seen = HashSet::new();
        for def in file.rule {
            if !seen.insert(def.id.clone()) {
                bail!("{origin}: rule `{}` is defined twice", def.id);
            }
            let existing = self.rules.iter().position(|r| r.id == def.id);
            if def.disabled {
                match existing {
                    Some(i) => {
                        self.rules.remove(i);
                    }
                    None => bail!(
                        "{origin}: rule `{}` is disabled but no such rule exists",
                        def.id
                    ),
                }
                continue;
            }
            let rule = compile(def, origin)?;
            match existing {
                Some(i) => self.rules[i] = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    /// Look a rule up by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn parse_file(text: &str, origin: &str) -> Result<RulesFile> {
    toml::from_str(text).map_err(|e| anyhow::anyhow!("{origin}: {}", toml_error(text, &e)))
}

/// A TOML error as "line L, column C: message".
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("line {line}, column {col}: {}", e.message())
        }
        None => e.message().to_string(),
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn compile(def: RuleDef, origin: &str) -> Result<Rule> {
    let id = def.id;
    let ctx = |what: &str| format!("{origin}: rule `{id}`: {what}");
    let Some(category) = def.category else {
        bail!(ctx("missing `category`"));
    };
    if !CATEGORIES.contains(&category.as_str()) {
        bail!(ctx(&format!(
            "unknown category `{category}`; use one of: {}",
            CATEGORIES.join(", ")
        )));
    }
    let Some(validator_name) = def.validator else {
        bail!(ctx("missing `validator`"));
    };
    let Some(validator) = Validator::from_name(&validator_name) else {
        bail!(ctx(&format!(
            "unknown validator `{validator_name}`; use one of: {}",
            Validator::NAMES.join(", ")
        )));
    };
    let types = def
        .types
        .unwrap_or_else(|| vec!["text".into(), "other".into()])
        .iter()
        .map(|t| type_class(t).ok_or_else(|| anyhow::anyhow!(ctx(&format!("unknown type `{t}`")))))
        .collect::<Result<Vec<_>>>()?;
    let phrases = |list: &[String]| -> Result<Vec<Phrase>> {
        list.iter()
            .map(|n| {
                Phrase::parse(n)
                    .ok_or_else(|| anyhow::anyhow!(ctx(&format!("empty name pattern `{n}`"))))
            })
            .collect()
    };
    let regex = |r: &Option<String>, anchored: bool, what: &str| -> Result<Option<Regex>> {
        r.as_ref()
            .map(|r| {
                let src = if anchored {
                    format!("^(?:{r})$")
                } else {
                    r.clone()
                };
                Regex::new(&src)
                    .map_err(|e| anyhow::anyhow!(ctx(&format!("bad `{what}` regex: {e}"))))
            })
            .transpose()
    };
    let names = phrases(&def.names)?;
    let requires_name = def.requires_name.unwrap_or(false);
    if requires_name && names.is_empty() {
        bail!(ctx("`requires_name = true` but no `names`"));
    }
    for share in [def.min_share, def.named_min_share].into_iter().flatten() {
        if !(0.0..=1.0).contains(&share) {
            bail!(ctx("shares must be between 0 and 1"));
        }
    }
    if let Some(c) = &def.country
        && !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        bail!(ctx(&format!(
            "`country` must be an ISO 3166-1 alpha-2 code such as \"SE\", not `{c}`"
        )));
    }
    Ok(Rule {
        sensitivity: def.sensitivity.unwrap_or(Sensitivity::Medium),
        country: def.country,
        source: def.source,
        description: def.description.unwrap_or_default(),
        types,
        contextual_names: phrases(&def.contextual_names)?,
        not_names: phrases(&def.not_names)?,
        value: regex(&def.value, true, "value")?,
        text: regex(&def.text, false, "text")?,
        names,
        validator,
        requires_name,
        min_share: def.min_share.unwrap_or(0.8),
        named_min_share: def.named_min_share.unwrap_or(0.5),
        pair: def.pair,
        examples_match: def.examples.matches,
        examples_no_match: def.examples.no_match,
        name_examples_match: def.name_examples.matches,
        name_examples_no_match: def.name_examples.no_match,
        category,
        id,
    })
}

fn type_class(name: &str) -> Option<TypeClass> {
    use TypeClass::*;
    Some(match name {
        "text" => Text,
        "integer" => Integer,
        "decimal" => Decimal,
        "boolean" => Boolean,
        "date" => Date,
        "timestamp" => Timestamp,
        "time" => Time,
        "json" => Json,
        "binary" => Binary,
        "uuid" => Uuid,
        "network" => Network,
        "geometry" => Geometry,
        "other" => Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::builtin().expect("built-in rules compile");
        assert!(set.rules.len() > 25);
        let cats: HashSet<&str> = set.rules.iter().map(|r| r.category.as_str()).collect();
        for c in CATEGORIES {
            assert!(cats.contains(c), "no rule finds category {c}");
        }
    }

    #[test]
    fn national_id_rules_cite_their_country_and_source() {
        let file = parse_file(NATIONAL_IDS, "national_ids.toml").expect("parses");
        assert!(file.modifiers.is_none() && file.person_tables.is_none());
        let set = RuleSet::builtin().expect("built-in rules compile");
        let mut failures = Vec::new();
        for def in &file.rule {
            let id = &def.id;
            let Some(rule) = set.get(id) else {
                failures.push(format!("{id}: not loaded"));
                continue;
            };
            if !matches!(rule.category.as_str(), "national_id" | "tax_id") {
                failures.push(format!("{id}: category must be national_id or tax_id"));
            }
            if rule.country.as_deref().is_none_or(|c| c.len() != 2) {
                failures.push(format!("{id}: needs `country`"));
            }
            if rule.source.as_deref().is_none_or(|s| s.trim().len() < 20) {
                failures.push(format!("{id}: needs `source`"));
            }
            if rule.description.is_empty() || rule.names.is_empty() {
                failures.push(format!("{id}: needs `description` and `names`"));
            }
            if rule.examples_match.len() < 2 || rule.examples_no_match.len() < 2 {
                failures.push(format!("{id}: needs 2 match and 2 no_match examples"));
            }
            if def.validator.is_none() {
                failures.push(format!("{id}: needs `validator`"));
            }
        }
        // The national rules moved here from builtin.toml stay defined once.
        let builtin = parse_file(BUILTIN, "builtin.toml").expect("parses");
        for def in &file.rule {
            if builtin.rule.iter().any(|b| b.id == def.id) {
                failures.push(format!("{}: also in builtin.toml", def.id));
            }
        }
        assert!(file.rule.len() >= 50, "{} rules", file.rule.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn user_rules_override_extend_and_disable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rules.toml");
        std::fs::write(
            &path,
            r#"
[[rule]]
id = "gender"
disabled = true

[[rule]]
id = "employee_number"
category = "national_id"
sensitivity = "high"
names = ["personalnummer"]
validator = "id_number"
requires_name = true
"#,
        )
        .expect("write");
        let set = RuleSet::with_user_file(&path).expect("loads");
        assert!(set.get("gender").is_none());
        assert!(set.get("employee_number").is_some());
    }

    #[test]
    fn bad_rules_files_say_where() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rules.toml");
        std::fs::write(
            &path,
            "[[rule]]\nid = \"x\"\ncategory = \"shoe_size\"\nvalidator = \"email\"\n",
        )
        .expect("write");
        let e = RuleSet::with_user_file(&path)
            .expect_err("rejected")
            .to_string();
        assert!(e.contains("unknown category `shoe_size`"), "{e}");
        std::fs::write(&path, "[[rule]]\nid = \"x\"\ncategory = \n").expect("write");
        let e = RuleSet::with_user_file(&path)
            .expect_err("rejected")
            .to_string();
        assert!(e.contains("line 3, column"), "{e}");
    }
}
