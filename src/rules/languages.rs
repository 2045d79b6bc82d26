//! Column-name words in many languages, as data (`languages.toml`): each language adds its words
//! to the built-in rules (`person_name`, `phone`, …) and to the shared word lists (person tables,
//! company tables, modifiers), and names the regions whose phone numbering plans fit it.
//!
//! All words go through the one normaliser of `classify::names` (compatibility normalisation,
//! accents of Latin, Greek and Cyrillic letters folded, other scripts kept; Han, kana and Hangul
//! words match inside unspaced column words), so `data_urodzenia`, `dataUrodzenia` and
//! `Data urodzenia` are one name, and `顧客電話番号` holds `電話`.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Result, bail};
use serde::Deserialize;

use super::RuleSet;
use crate::classify::names::{Phrase, WordPat, WordSet, unspaced_script};

/// The built-in language word lists.
pub const LANGUAGES: &str = include_str!("languages.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesFile {
    #[serde(default)]
    language: Vec<LanguageDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageDef {
    code: String,
    name: String,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    person_tables: Vec<String>,
    #[serde(default)]
    company_tables: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    contextual_names: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    examples: BTreeMap<String, String>,
}

/// One language's identity, its regions and the column names it must be recognised by.
#[derive(Debug, Clone)]
pub struct Language {
    /// ISO 639-1 code (with a script or region tag where it matters: `pt-BR`, `ja-Latn`).
    pub code: String,
    /// English name.
    pub name: String,
    /// ISO 3166 regions whose numbering plans fit the language.
    pub regions: Vec<String>,
    /// Column name → the rule id it must be recognised as (checked by a test).
    pub examples: Vec<(String, String)>,
    /// Words this language shares with few others and not with English (a language hint, not
    /// a common loan word): whole words, and the patterns among them (`klient*`, Han words).
    distinctive: HashSet<String>,
    distinctive_patterns: WordSet,
}

/// Add `phrase` to `list` unless a phrase written the same is there.
fn push_new(list: &mut Vec<Phrase>, phrase: Phrase) {
    if !list.iter().any(|p| p.text == phrase.text) {
        list.push(phrase);
    }
}

/// Apply a languages file to a rule set.
pub fn apply(set: &mut RuleSet, text: &str, origin: &str) -> Result<()> {
    let file: LanguagesFile = toml::from_str(text)
        .map_err(|e| anyhow::anyhow!("{origin}: {}", super::toml_error(text, &e)))?;
    let mut person_tables = Vec::new();
    let mut company_tables = Vec::new();
    let mut modifiers = Vec::new();
    // How many languages use each word (a word in many is no hint of any).
    let mut users: HashMap<String, usize> = HashMap::new();
    let mut all_words: Vec<Vec<WordPat>> = Vec::new();
    let mut english: HashSet<String> = HashSet::new();
    for def in &file.language {
        let ctx = |what: &str| format!("{origin}: language `{}`: {what}", def.code);
        let parse = |raw: &str| {
            Phrase::parse(raw)
                .ok_or_else(|| anyhow::anyhow!(ctx(&format!("empty name pattern `{raw}`"))))
        };
        // The word patterns of the language's phrases and table words: its hints.
        let mut lang_words: Vec<WordPat> = Vec::new();
        for (rule_id, list) in &def.rules {
            let Some(rule) = set.rules.iter_mut().find(|r| r.id == *rule_id) else {
                bail!(ctx(&format!("no rule `{rule_id}`")));
            };
            for raw in list {
                let phrase = parse(raw)?;
                lang_words.extend_from_slice(phrase.pats());
                push_new(&mut rule.names, phrase);
            }
        }
        if !def.contextual_names.is_empty() {
            let Some(rule) = set.rules.iter_mut().find(|r| r.id == "person_name") else {
                bail!(ctx("contextual_names need the `person_name` rule"));
            };
            for raw in &def.contextual_names {
                let phrase = parse(raw)?;
                push_new(&mut rule.contextual_names, phrase.clone());
                push_new(&mut rule.names, phrase);
            }
        }
        for raw in def.person_tables.iter().chain(&def.company_tables) {
            lang_words.extend_from_slice(parse(raw)?.pats());
        }
        person_tables.extend(def.person_tables.iter().cloned());
        company_tables.extend(def.company_tables.iter().cloned());
        modifiers.extend(def.modifiers.iter().cloned());
        lang_words.sort();
        lang_words.dedup();
        let cores: HashSet<&str> = lang_words.iter().map(WordPat::core).collect();
        for w in cores {
            *users.entry(w.to_string()).or_default() += 1;
            if def.code == "en" {
                english.insert(w.to_string());
            }
        }
        all_words.push(lang_words);
    }
    set.person_tables.extend(&person_tables);
    set.company_tables.extend(&company_tables);
    set.modifiers.extend(&modifiers);
    for (def, lang_words) in file.language.into_iter().zip(all_words) {
        let (exact, patterns): (Vec<WordPat>, Vec<WordPat>) = lang_words
            .into_iter()
            .filter(|w| {
                let c = w.core();
                users.get(c).is_some_and(|n| *n <= 4)
                    && !english.contains(c)
                    && (c.chars().count() >= 3 || unspaced_script(c))
            })
            .partition(|w| matches!(w, WordPat::Exact(_)));
        set.languages.push(Language {
            distinctive: exact.iter().map(|w| w.core().to_string()).collect(),
            distinctive_patterns: WordSet::from_pats(patterns),
            code: def.code,
            name: def.name,
            regions: def.regions,
            examples: def.examples.into_iter().collect(),
        });
    }
    Ok(())
}

impl Language {
    /// Whether this language's word lists hold `w` as a word of their own (not one shared by
    /// many languages).
    pub fn hints(&self, w: &str) -> bool {
        self.distinctive.contains(w) || self.distinctive_patterns.contains(w)
    }
}

impl RuleSet {
    /// The regions whose numbering plans fit the languages a table's and a column's names are
    /// written in: a hint for reading national phone numbers (`03-1234-5678` in a table named
    /// `顧客` is a Tokyo number).
    pub fn regions_for(&self, table_words: &[String], column_words: &[String]) -> Vec<String> {
        // Names are short; a hostile one (SQLite takes a megabyte) is read no further than
        // its first words, so the cost stays bounded.
        const MAX_WORDS: usize = 256;
        let mut out: Vec<String> = Vec::new();
        for lang in &self.languages {
            if table_words
                .iter()
                .take(MAX_WORDS)
                .chain(column_words.iter().take(MAX_WORDS))
                .any(|w| w.len() <= 64 && lang.hints(w))
            {
                for r in &lang.regions {
                    if !out.contains(r) {
                        out.push(r.clone());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::classify::names::words;
    use crate::classify::{Naming, naming};
    use crate::rules::RuleSet;

    /// Every language's examples are recognised, strongly, as the rule they name.
    #[test]
    fn every_language_recognises_its_examples() {
        let set = RuleSet::builtin().expect("rules");
        assert!(
            set.languages.len() >= 32,
            "{} languages",
            set.languages.len()
        );
        let mut failures = Vec::new();
        for lang in &set.languages {
            assert!(
                lang.examples.len() >= 6,
                "{}: only {} examples",
                lang.code,
                lang.examples.len()
            );
            for (column, rule_id) in &lang.examples {
                let rule = set.get(rule_id).expect("example names a rule");
                // Examples are columns of a person table, as they would be written.
                let table = words("customers");
                let got = naming(&set, rule, &table, &words(column));
                if !matches!(got, Naming::Strong(_)) {
                    failures.push(format!("{}: `{column}` → {rule_id}: {got:?}", lang.code));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Each language covers the categories every customer table has.
    #[test]
    fn every_language_covers_the_core_categories() {
        let file: super::LanguagesFile = toml::from_str(super::LANGUAGES).expect("parses");
        let core = [
            "person_name",
            "email",
            "phone",
            "postal_address",
            "postcode",
            "date_of_birth",
            "gender",
            "national_id_generic",
        ];
        for lang in &file.language {
            for c in core {
                assert!(
                    lang.rules.get(c).is_some_and(|l| !l.is_empty()),
                    "{} ({}) has no words for {c}",
                    lang.code,
                    lang.name
                );
            }
            assert!(!lang.regions.is_empty(), "{} has no regions", lang.code);
        }
    }

    /// Han, kana and Hangul words match inside column words; the compounds that mean something
    /// else are ruled out by the rules' `not_names`.
    #[test]
    fn unspaced_compounds_that_mean_something_else() {
        let set = RuleSet::builtin().expect("rules");
        let table = words("customers");
        for (column, rule_id) in [
            ("IP地址", "postal_address"),
            ("이메일주소", "postal_address"),
            ("파일이름", "person_name"),
            ("文件名", "person_name"),
            ("手机型号", "phone"),
            ("parola_chiave", "password"),
        ] {
            let rule = set.get(rule_id).expect("rule");
            let got = naming(&set, rule, &table, &words(column));
            assert!(
                !matches!(got, Naming::Strong(_)),
                "{column} is not {rule_id}: {got:?}"
            );
        }
        for (column, rule_id) in [
            ("顧客住所", "postal_address"),
            ("고객이름", "person_name"),
            ("手机号码", "phone"),
            ("이메일주소", "email"),
        ] {
            let rule = set.get(rule_id).expect("rule");
            let got = naming(&set, rule, &table, &words(column));
            assert!(
                matches!(got, Naming::Strong(_)),
                "{column} is {rule_id}: {got:?}"
            );
        }
    }

    #[test]
    fn schema_language_gives_phone_regions() {
        let set = RuleSet::builtin().expect("rules");
        let r = set.regions_for(&words("顧客"), &words("電話番号"));
        assert!(r.iter().any(|x| x == "JP"), "{r:?}");
        let r = set.regions_for(&words("pracownicy"), &words("nr_telefonu"));
        assert!(r.iter().any(|x| x == "PL"), "{r:?}");
        let r = set.regions_for(&words("orders"), &words("total"));
        assert!(r.is_empty(), "{r:?}");
    }
}
