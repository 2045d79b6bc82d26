//! The classifier: from a column's name, type and sampled values to a verdict with a confidence
//! and the signals behind it.
//!
//! Values decide over names. A name alone (no values to sample) gives a modest confidence; values
//! that contradict the name (`email_sent` booleans, `address_id` integers) rule the column out;
//! values that validate make a column personal data whatever it is called (`c1` full of emails).
//! Free text and JSON are searched for every category that can hide inside them.
//!
//! Not for: reading databases (see `db`) or deciding what to report (see `scan`).

pub mod mask;
pub mod names;
pub mod national;
pub mod scripts;
pub mod shape;
pub mod validate;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{Sensitivity, TypeClass};
use crate::rules::{Rule, RuleSet};
use names::Phrase;
use validate::{Mode, Validator};

/// Bytes of a value kept for matching; longer values are cut (on a character boundary).
pub const MAX_VALUE_BYTES: usize = 4096;

/// Examples kept per candidate.
const MAX_EXAMPLES: usize = 3;

/// Distinct values a column's verdict needs at least before it may settle: once this many agree
/// in every respect the analysis counts (each rule's hits all or none, one shape or none, free
/// text matches in all rows or none), the rest of the sample is not classified.
pub const SETTLE_AFTER: u64 = 64;

/// How a column's name relates to a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Naming {
    /// The name says it (`email`, `work_email`, `vorname`).
    Strong(String),
    /// The name mentions it but is about something else (`email_sent`, `address_id`).
    Weak(String),
    /// A generic word (`name`) outside a person table.
    Contextual(String),
    /// No mention.
    None,
    /// A `not_names` phrase rules the rule out for this column (`build_version` for IPs).
    Excluded,
}

/// How a column name matches a rule. `table` gives context for generic words.
pub fn naming(
    rules: &RuleSet,
    rule: &Rule,
    table_words: &[String],
    name_words: &[String],
) -> Naming {
    if rule.not_names.iter().any(|p| p.find(name_words).is_some()) {
        return Naming::Excluded;
    }
    let mut best = Naming::None;
    for phrase in &rule.names {
        let Some(start) = phrase.find(name_words) else {
            continue;
        };
        let leftover = name_words
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < start || *i >= start + phrase.len())
            .map(|(_, w)| w.as_str());
        let mut weak = false;
        let mut person_word = false;
        for w in leftover {
            if rules.modifiers.contains(w) {
                weak = true;
            }
            if rules.person_tables.contains(w) {
                person_word = true;
            }
        }
        let contextual = rule.contextual_names.iter().any(|c| same_phrase(c, phrase));
        let this = if weak {
            Naming::Weak(phrase.text.clone())
        } else if contextual
            && !person_word
            && !table_words.iter().any(|w| rules.person_tables.contains(w))
        {
            Naming::Contextual(phrase.text.clone())
        } else {
            Naming::Strong(phrase.text.clone())
        };
        best = match (&best, &this) {
            (Naming::Strong(_), _) => best,
            (_, Naming::Strong(_)) => this,
            (Naming::None, _) => this,
            _ => best,
        };
    }
    best
}

fn same_phrase(a: &Phrase, b: &Phrase) -> bool {
    a.text == b.text
}

/// One match in free text or JSON: rule index, masked example, JSON key, telling context.
type Hit = (usize, String, Option<String>, bool);

/// Categories whose in-text matches count only in a share of rows well above chance: a name in
/// one album title of a hundred is a title, not a person.
const NEEDS_SHARE_IN_TEXT: &[&str] = &["person_name"];

/// Words in a date column's name that say it records an event, not a birth.
const EVENT_WORDS: &[&str] = &[
    "on",
    "at",
    "when",
    "issued",
    "issue",
    "released",
    "release",
    "published",
    "publication",
    "start",
    "started",
    "end",
    "ended",
    "hired",
    "hire",
    "joined",
    "shipped",
    "ordered",
    "paid",
    "due",
    "from",
    "to",
    "until",
    "since",
    "effective",
    "valid",
    "expiry",
    "expires",
    "created",
    "updated",
    "modified",
    "deleted",
    "opened",
    "closed",
    "signed",
    "registered",
    "last",
    "first",
    "day",
    "time",
];

/// Categories whose in-text candidates are bare digit runs, easily cut out of other tokens.
const DIGIT_CATEGORIES: &[&str] = &["phone", "payment_card", "national_id", "tax_id", "iban"];

/// A JSON key as it may be shown in a signal. Keys are data too (`{"alice@example.com": …}`):
/// only a short identifier-like key with few digits is shown, anything else as `•••`.
pub fn shown_key(k: &str) -> String {
    let identifier = !k.is_empty()
        && k.chars().count() <= 40
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
        && k.chars().filter(char::is_ascii_digit).count() < 4
        && !k.contains("..");
    if identifier && shape::shape(k).is_none() {
        k.to_string()
    } else {
        "•••".to_string()
    }
}

/// Whether a place column is named after its own table (`city.city`, `countries.country`): a
/// lookup table of places, not where a person lives.
fn names_the_table(table_words: &[String], name_words: &[String]) -> bool {
    fn singular(w: &str) -> String {
        if let Some(stem) = w.strip_suffix("ies") {
            format!("{stem}y")
        } else if let Some(stem) = w.strip_suffix('s') {
            stem.to_string()
        } else {
            w.to_string()
        }
    }
    const PLACES: &[&str] = &[
        "city", "town", "country", "region", "state", "district", "province", "county", "stadt",
        "ville", "ciudad", "citta", "land",
    ];
    let one = |ws: &[String]| ws.iter().map(|w| singular(w)).collect::<Vec<_>>();
    let name = one(name_words);
    name.len() == 1 && PLACES.contains(&name[0].as_str()) && one(table_words) == name
}

/// Whether a candidate found between `before` and `after` is glued to a longer token.
fn inside_token(before: &str, after: &str) -> bool {
    let mut b = before.chars().rev();
    let mut a = after.chars();
    let (b1, b2) = (b.next(), b.next());
    let (a1, a2) = (a.next(), a.next());
    let glue = |c: Option<char>| matches!(c, Some('.' | '-' | ':' | '_' | '/'));
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    alnum(b1)
        || (glue(b1) && alnum(b2))
        || alnum(a1)
        || (glue(a1) && a2.is_some_and(|c| c.is_ascii_digit()))
}

/// Whether the text just before a candidate names a phone or a number ("tel", "call", "Nr.").
fn keyword_before(before: &str) -> bool {
    let start = before.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    let words = names::words(&before[start..]);
    words.iter().rev().take(3).any(|w| {
        matches!(
            w.as_str(),
            "tel"
                | "phone"
                | "telephone"
                | "call"
                | "mobile"
                | "mob"
                | "cell"
                | "fax"
                | "whatsapp"
                | "telefon"
                | "telefono"
                | "telefoon"
                | "handy"
                | "ruf"
                | "mobil"
                | "gsm"
                | "ph"
                | "t"
                | "m"
                | "card"
                | "iban"
                | "ssn"
                | "nino"
                | "number"
                | "no"
                | "nr"
                | "num"
        )
    })
}

/// Cut a value to [`MAX_VALUE_BYTES`] on a character boundary.
pub fn cut(value: &str) -> &str {
    if value.len() <= MAX_VALUE_BYTES {
        return value;
    }
    let mut end = MAX_VALUE_BYTES;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// A column's sampled values as read, each distinct value once with how often it occurred, in
/// the order first seen; values are cut to [`MAX_VALUE_BYTES`] and trimmed, empty ones dropped.
/// Memory is bounded by the sample: rows × `MAX_VALUE_BYTES` at most.
#[derive(Debug, Default, Clone)]
pub struct ColumnValues {
    counts: indexmap::IndexMap<Box<str>, u64>,
}

impl ColumnValues {
    /// Add one sampled value.
    pub fn push(&mut self, raw: &str) {
        let v = cut(raw).trim();
        if v.is_empty() {
            return;
        }
        match self.counts.get_mut(v) {
            Some(c) => *c += 1,
            None => {
                self.counts.insert(v.into(), 1);
            }
        }
    }

    /// Distinct values with their counts, first seen first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.counts.iter().map(|(v, c)| (&**v, *c))
    }

    /// Distinct values.
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// Feed every value to `analyzer` (each distinct value once, with its count).
    pub fn feed(&self, analyzer: &mut ColumnAnalyzer<'_>) {
        for (i, (v, c)) in self.iter().enumerate() {
            analyzer.observe_n(v, c);
            if analyzer.settled() {
                // The rest is only counted.
                let rest = self.counts.values().skip(i + 1).sum();
                analyzer.count_unclassified(rest);
                return;
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    rule: usize,
    naming: Naming,
    mode: Mode,
    hits: u64,
    examples: Vec<String>,
    ages: Vec<f64>,
    weak: u64,
    /// Values of the identifier's form that failed its check (strong names only).
    near: u64,
}

#[derive(Debug, Default, Clone)]
struct HitRows {
    rows: u64,
    /// Rows where the match had telling context (a `+` prefix, a keyword such as "tel" before it).
    strong: u64,
    examples: Vec<String>,
    keys: BTreeMap<String, u64>,
}

/// Accumulates what one column's sampled values show. Memory stays bounded: counters, a few
/// masked examples and (for birth dates without a telling name) one number per value.
#[derive(Debug, Clone)]
pub struct ColumnAnalyzer<'r> {
    rules: Rules<'r>,
    table_words: Vec<String>,
    class: TypeClass,
    candidates: Vec<Candidate>,
    /// Values classified.
    n: u64,
    /// Values seen, classified or not (after the verdict settled, values are only counted).
    read: u64,
    /// Distinct values classified (each call of [`observe_n`](Self::observe_n) is one).
    distinct: u64,
    /// The verdict settled after `n` values (see [`SETTLE_AFTER`]).
    settled: bool,
    /// See [`classify_all`](Self::classify_all).
    never_settle: bool,
    free_text: bool,
    text_hits: BTreeMap<usize, HitRows>,
    any_text_rows: u64,
    json_rows: u64,
    shapes: shape::ShapeCounts,
    /// The column's name says when something happened (`issued_on`, `released`, `hire_date`):
    /// its dates are events, not birth dates, however they spread.
    names_an_event: bool,
    /// Regions whose phone numbering plans fit the language of the schema's names.
    regions: Vec<validate::Region>,
    /// How each JSON key's name stands to each rule, for the keys seen so far (keys repeat on
    /// every row; matching a name against every rule's phrases is the dear part). Bounded.
    key_namings: std::cell::RefCell<std::collections::HashMap<String, std::sync::Arc<Vec<Naming>>>>,
}

/// The rules an analyser reads: borrowed, or shared so the analysis can move to another thread.
#[derive(Debug, Clone)]
enum Rules<'r> {
    Borrowed(&'r RuleSet),
    Shared(Arc<RuleSet>),
}

impl std::ops::Deref for Rules<'_> {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        match self {
            Rules::Borrowed(r) => r,
            Rules::Shared(r) => r,
        }
    }
}

/// JSON keys whose namings are kept per column.
const MAX_KEY_NAMINGS: usize = 512;

/// A column's verdict before table-level resolution (pairs such as latitude/longitude).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Rule that decided (first for free text).
    pub rule_id: String,
    /// Main category.
    pub category: String,
    /// All categories, main first.
    pub categories: Vec<String>,
    /// 0–1.
    pub confidence: f64,
    /// Highest sensitivity among the categories.
    pub sensitivity: Sensitivity,
    /// Non-empty values sampled.
    pub rows_sampled: u64,
    /// Of those, the values the verdict rests on: all of them, or the first values of a column
    /// whose verdict settled early (see [`SETTLE_AFTER`]).
    pub values_decided: u64,
    /// Values (or rows, for free text) of the deciding ones that matched and validated.
    pub values_matched: u64,
    /// Why.
    pub signals: Vec<String>,
    /// Masked examples.
    pub examples: Vec<String>,
    /// A rule id this verdict needs in the same table.
    pub pair: Option<String>,
    /// Masked values were bare unsalted digests (weak password storage).
    pub weak_hashes: u64,
    /// What kind of evidence decided.
    pub evidence: crate::model::Evidence,
}

impl<'r> ColumnAnalyzer<'r> {
    /// Prepare the analysis of one column; the phone regions come from the table's and the
    /// column's names.
    pub fn new(rules: &'r RuleSet, table: &str, column: &str, class: TypeClass) -> Self {
        let regions = rules.regions_for(&names::words(table), &names::words(column));
        Self::with_regions(rules, table, column, class, validate::regions(&regions))
    }

    /// Prepare the analysis of one column of a table whose phone regions are already known
    /// (a scan reads them once from the table's name and all its column names).
    pub fn with_regions(
        rules: &'r RuleSet,
        table: &str,
        column: &str,
        class: TypeClass,
        regions: Vec<validate::Region>,
    ) -> Self {
        Self::build(Rules::Borrowed(rules), table, column, class, regions)
    }

    /// [`with_regions`](Self::with_regions) over shared rules: the analyser owns what it reads,
    /// so a scan can classify on another thread.
    pub fn shared(
        rules: Arc<RuleSet>,
        table: &str,
        column: &str,
        class: TypeClass,
        regions: Vec<validate::Region>,
    ) -> ColumnAnalyzer<'static> {
        ColumnAnalyzer::build(Rules::Shared(rules), table, column, class, regions)
    }

    fn build(
        rules: Rules<'r>,
        table: &str,
        column: &str,
        class: TypeClass,
        regions: Vec<validate::Region>,
    ) -> Self {
        let table_words = names::words(table);
        let name_words = names::words(column);
        let mut candidates = Vec::new();
        for (i, rule) in rules.rules.iter().enumerate() {
            if !rule.types.contains(&class) {
                continue;
            }
            let naming = naming(&rules, rule, &table_words, &name_words);
            if naming == Naming::Excluded {
                continue;
            }
            let strong = matches!(naming, Naming::Strong(_));
            if rule.requires_name && (!strong || names_the_table(&table_words, &name_words)) {
                continue;
            }
            candidates.push(Candidate {
                rule: i,
                mode: if strong { Mode::Named } else { Mode::Strict },
                naming,
                hits: 0,
                examples: Vec::new(),
                ages: Vec::new(),
                weak: 0,
                near: 0,
            });
        }
        let free_text = matches!(class, TypeClass::Text | TypeClass::Other | TypeClass::Json);
        ColumnAnalyzer {
            regions,
            key_namings: Default::default(),
            rules,
            table_words,
            class,
            candidates,
            n: 0,
            read: 0,
            distinct: 0,
            settled: false,
            never_settle: false,
            free_text,
            text_hits: BTreeMap::new(),
            any_text_rows: 0,
            json_rows: 0,
            shapes: shape::ShapeCounts::default(),
            names_an_event: name_words.iter().any(|w| EVENT_WORDS.contains(&w.as_str())),
        }
    }

    /// Whether any rule could find anything in this column (if not, it need not be sampled).
    pub fn needs_values(&self) -> bool {
        !self.candidates.is_empty() || self.free_text
    }

    /// Feed one sampled value (NULLs and empty strings are not samples: don't pass them).
    pub fn observe(&mut self, raw: &str) {
        self.observe_n(raw, 1);
    }

    /// Feed a sampled value that occurred `count` times: counted `count` times, classified once
    /// (a column's values repeat: statuses, countries, first names).
    pub fn observe_n(&mut self, raw: &str, count: u64) {
        let value = cut(raw).trim();
        if value.is_empty() || count == 0 {
            return;
        }
        self.read += count;
        if self.settled {
            return;
        }
        let w = count;
        self.n += w;
        self.distinct += 1;
        if matches!(self.class, TypeClass::Text | TypeClass::Other) {
            self.shapes.observe_n(value, w);
        }
        for c in &mut self.candidates {
            let rule = &self.rules.rules[c.rule];
            let valid = rule.value.as_ref().is_none_or(|re| re.is_match(value))
                && rule.validator.check_in(value, c.mode, "", &self.regions);
            if !valid {
                // Under a name that says what the column is, a value of the right form that
                // fails the check still describes a person (test data, typos).
                if c.mode == Mode::Named && rule.validator.near_miss(value) {
                    c.near += w;
                    if c.examples.len() < MAX_EXAMPLES {
                        c.examples.push(mask::mask(&rule.category, value));
                    }
                }
                continue;
            }
            if rule.validator == Validator::BirthDate
                && c.mode == Mode::Strict
                && let Some(age) = validate::birth_age(value)
            {
                c.ages.extend(std::iter::repeat_n(age, w as usize));
            }
            if rule.validator == Validator::PasswordHash && validate::is_weak_hash(value) {
                c.weak += w;
            }
            c.hits += w;
            if c.examples.len() < MAX_EXAMPLES {
                c.examples.push(mask::mask(&rule.category, value));
            }
        }
        if self.free_text {
            self.scan_free_text(value, w);
        }
        if self.distinct >= SETTLE_AFTER && !self.never_settle {
            self.settled = self.agreed();
        }
    }

    /// Whether every value classified so far told the same story, so the rest of the sample
    /// cannot change the verdict unless it differs from all of them: each rule validated all
    /// values or none (no near misses), at most one shape covers all values or none, and free
    /// text matched in every row or none. A free-text column where nothing was found is never
    /// settled (a phone number in one note of fifty is worth finding), nor are dates whose
    /// spread decides whether they are birth dates.
    fn agreed(&self) -> bool {
        let n = self.n;
        let all_or_none = |k: u64| k == 0 || k == n;
        if !self.candidates.iter().all(|c| {
            c.near == 0
                && all_or_none(c.hits)
                && !(c.hits > 0
                    && c.mode == Mode::Strict
                    && self.rules.rules[c.rule].validator == Validator::BirthDate)
        }) {
            return false;
        }
        if !self.shapes.all_or_none(n) {
            return false;
        }
        if !self.free_text {
            return true;
        }
        let text_agrees = all_or_none(self.any_text_rows)
            && all_or_none(self.json_rows)
            && self.text_hits.values().all(|h| all_or_none(h.rows));
        // Nothing found in text: settled only when every value has a shape that holds no prose.
        text_agrees && (self.any_text_rows > 0 || self.shapes.dominant(n).is_some())
    }

    /// Classify every value, never settling early: for comparing settled verdicts with full
    /// ones (tests, benchmarks).
    pub fn classify_all(mut self) -> Self {
        self.never_settle = true;
        self
    }

    /// Whether the verdict settled before the sample's end.
    pub fn settled(&self) -> bool {
        self.settled
    }

    /// Count `count` more non-empty values that were read but need no classifying (the verdict
    /// settled).
    pub fn count_unclassified(&mut self, count: u64) {
        self.read += count;
    }

    fn scan_free_text(&mut self, value: &str, w: u64) {
        let mut found: Vec<Hit> = Vec::new();
        let looks_json = self.class == TypeClass::Json
            || (value.starts_with('{') && value.ends_with('}'))
            || (value.starts_with('[') && value.ends_with(']'));
        if looks_json && let Ok(doc) = serde_json::from_str::<serde_json::Value>(value) {
            self.json_rows += w;
            let mut leaves = Vec::new();
            json_leaves(&doc, "", &mut leaves, 0);
            for (key, leaf) in leaves {
                self.match_leaf(&key, &leaf, &mut found);
            }
            // Keys are data too: `{"alice@example.com": {...}}` holds an e-mail address.
            let mut keys = Vec::new();
            json_keys(&doc, &mut keys, 0);
            for key in keys {
                self.match_key(&key, &mut found);
            }
        } else {
            self.match_text(value, None, &mut found);
        }
        if found.is_empty() {
            return;
        }
        self.any_text_rows += w;
        let mut seen = Vec::new();
        for (rule, example, key, strong) in found {
            let entry = self.text_hits.entry(rule).or_default();
            if strong {
                entry.strong += w;
            }
            if let Some(k) = key {
                *entry.keys.entry(shown_key(&k)).or_default() += w;
            }
            if seen.contains(&rule) {
                continue;
            }
            seen.push(rule);
            entry.rows += w;
            if entry.examples.len() < MAX_EXAMPLES && !entry.examples.contains(&example) {
                entry.examples.push(example);
            }
        }
    }

    fn match_text(&self, text: &str, key: Option<&str>, found: &mut Vec<Hit>) {
        for (i, rule) in self.rules.rules.iter().enumerate() {
            let Some(re) = &rule.text else {
                continue;
            };
            let digits_rule = DIGIT_CATEGORIES.contains(&rule.category.as_str());
            for m in re.find_iter(text) {
                let (before, after) = (&text[..m.start()], &text[m.end()..]);
                // A digit run that is part of a longer token (a timestamp, a version, a UUID,
                // `POINT(4.47 51.95)`) is not a number of its own.
                if digits_rule && inside_token(before, after) {
                    continue;
                }
                // A value that is nothing but the digit run is no text: the column's own
                // validators judged it whole (a postcode `52268970` is not a phone in text).
                if digits_rule
                    && key.is_none()
                    && before.trim().is_empty()
                    && after.trim().is_empty()
                {
                    continue;
                }
                if rule
                    .validator
                    .check_in(m.as_str(), Mode::InText, before, &self.regions)
                {
                    let strong = if digits_rule {
                        m.as_str().starts_with('+')
                            || m.as_str().starts_with("00")
                            || keyword_before(before)
                    } else {
                        !NEEDS_SHARE_IN_TEXT.contains(&rule.category.as_str())
                    };
                    found.push((
                        i,
                        mask::mask(&rule.category, m.as_str()),
                        key.map(str::to_string),
                        strong,
                    ));
                    break;
                }
            }
        }
    }

    /// A JSON object key that is itself personal data (an e-mail address, a phone number).
    fn match_key(&self, key: &str, found: &mut Vec<Hit>) {
        let key = key.trim();
        if key.len() < 5 || key.len() > 254 {
            return;
        }
        for (i, rule) in self.rules.rules.iter().enumerate() {
            if !matches!(rule.validator, Validator::Email | Validator::Phone) {
                continue;
            }
            if rule.validator.check(key, Mode::Strict, "") {
                found.push((i, mask::mask(&rule.category, key), None, true));
                return;
            }
        }
    }

    fn match_leaf(&self, key: &str, leaf: &str, found: &mut Vec<Hit>) {
        let leaf = leaf.trim();
        if leaf.is_empty() {
            return;
        }
        let cached = self.key_namings.borrow().get(key).cloned();
        let namings = match cached {
            Some(n) => n,
            None => {
                let key_words = names::words(key);
                let n: std::sync::Arc<Vec<Naming>> = std::sync::Arc::new(
                    self.rules
                        .rules
                        .iter()
                        .map(|rule| naming(&self.rules, rule, &self.table_words, &key_words))
                        .collect(),
                );
                let mut cache = self.key_namings.borrow_mut();
                if cache.len() < MAX_KEY_NAMINGS {
                    cache.insert(key.to_string(), n.clone());
                }
                n
            }
        };
        let mut matched = false;
        for (i, rule) in self.rules.rules.iter().enumerate() {
            let Some(naming) = namings.get(i) else {
                continue;
            };
            if *naming == Naming::Excluded {
                continue;
            }
            let strong = matches!(naming, Naming::Strong(_));
            if rule.requires_name && !strong || rule.pair.is_some() {
                continue;
            }
            // A single value can't show a column-wide distribution: undated-name birth dates
            // and dictionary-only names need the key to say so.
            if !strong && matches!(rule.validator, Validator::BirthDate | Validator::PersonName) {
                continue;
            }
            let mode = if strong { Mode::Named } else { Mode::Strict };
            if rule.value.as_ref().is_some_and(|re| !re.is_match(leaf)) {
                continue;
            }
            if rule.validator.check_in(leaf, mode, "", &self.regions) {
                found.push((
                    i,
                    mask::mask(&rule.category, leaf),
                    Some(key.to_string()),
                    true,
                ));
                matched = true;
                break;
            }
        }
        if !matched && leaf.len() > 6 {
            self.match_text(leaf, Some(key), found);
        }
    }

    /// The verdict on what was observed; `None` when the column holds no personal data.
    pub fn verdict(&self) -> Option<Verdict> {
        let mut v = self.verdict_on_classified()?;
        v.values_decided = v.rows_sampled;
        v.rows_sampled = self.read.max(v.rows_sampled);
        if self.settled && self.read > self.n {
            v.signals.push(format!(
                "decided by the first {} of {} values: they all agreed, the rest were not classified",
                self.n, self.read
            ));
        }
        Some(v)
    }

    fn verdict_on_classified(&self) -> Option<Verdict> {
        if let Some((shape, count)) = self.shapes.dominant(self.n) {
            return self.shaped_verdict(shape, count);
        }
        let structured = self.structured_verdict(|_| true);
        if structured.is_some() {
            return structured;
        }
        self.text_verdict()
    }

    /// Most values share one shape (timestamps, versions, UUIDs...): only the categories that
    /// shape can hold are considered, and digit runs inside the values are not free text.
    fn shaped_verdict(&self, shape: shape::Shape, count: u64) -> Option<Verdict> {
        let note = format!(
            "{count}/{} sampled values are {}: only categories such values can hold were considered",
            self.n,
            shape.name()
        );
        if let Some(mut v) = self.structured_verdict(|r| shape.allows(&r.category)) {
            v.signals.push(note);
            return Some(v);
        }
        if shape != shape::Shape::Wkt {
            return None;
        }
        // WKT points are locations by their shape.
        let rule = self
            .rules
            .rules
            .iter()
            .find(|r| r.category == "geolocation" && r.types.contains(&self.class))?;
        let share = count as f64 / self.n as f64;
        Some(Verdict {
            rule_id: rule.id.clone(),
            category: rule.category.clone(),
            categories: vec![rule.category.clone()],
            confidence: round2(0.55 + 0.4 * share),
            sensitivity: rule.sensitivity,
            rows_sampled: self.n,
            values_decided: self.n,
            values_matched: count,
            signals: vec![
                note,
                "values are WKT geometry (points, lines or shapes)".into(),
            ],
            examples: Vec::new(),
            pair: None,
            weak_hashes: 0,
            evidence: crate::model::Evidence::Values,
        })
    }

    /// The best verdict among the candidates `allow` admits (see [`beats`]).
    fn structured_verdict(&self, allow: impl Fn(&Rule) -> bool) -> Option<Verdict> {
        let mut best: Option<(Verdict, bool, bool)> = None;
        for c in &self.candidates {
            let rule = &self.rules.rules[c.rule];
            if !allow(rule) {
                continue;
            }
            let Some(v) = self.judge(c, rule) else {
                continue;
            };
            let identity = matches!(rule.validator, Validator::National(_))
                && c.mode == Mode::Strict
                && v.values_matched as f64 >= rule.min_share * self.n as f64;
            let this = (v, identity, c.mode == Mode::Named);
            if best.as_ref().is_none_or(|b| beats(&this, b)) {
                best = Some(this);
            }
        }
        best.map(|(v, _, _)| v)
    }

    fn judge(&self, c: &Candidate, rule: &Rule) -> Option<Verdict> {
        let n = self.n;
        let mut signals = Vec::new();
        let confidence = match (&c.naming, n) {
            (Naming::Strong(p), 0) => {
                signals.push(format!("name matches \"{p}\""));
                signals.push("name only: no values to sample".into());
                0.5
            }
            (Naming::Strong(p), _) => {
                let share = c.hits as f64 / n as f64;
                let threshold = if rule.requires_name {
                    rule.named_min_share.max(0.7)
                } else {
                    rule.named_min_share
                };
                if share < threshold {
                    return self.near_miss_verdict(c, rule, p, threshold);
                }
                signals.push(format!("name matches \"{p}\""));
                signals.push(format!(
                    "{}/{} sampled values {} as {} ({:.0}%)",
                    c.hits,
                    n,
                    if rule.requires_name {
                        "are plausible"
                    } else {
                        "validate"
                    },
                    rule.category,
                    share * 100.0
                ));
                if rule.requires_name {
                    0.65 + 0.3 * share
                } else {
                    0.80 + 0.19 * share
                }
            }
            (_, 0) => return None,
            (naming, _) => {
                if rule.requires_name {
                    return None;
                }
                let share = c.hits as f64 / n as f64;
                if share < rule.min_share {
                    return None;
                }
                if rule.validator == Validator::BirthDate
                    && (!birth_distribution(&c.ages) || self.names_an_event)
                {
                    return None;
                }
                match naming {
                    Naming::Weak(p) => signals.push(format!(
                        "name mentions \"{p}\" but is about something else; values decide"
                    )),
                    Naming::Contextual(p) => signals.push(format!(
                        "generic name \"{p}\" outside a person table; values decide"
                    )),
                    _ => signals.push("name says nothing; values decide".into()),
                }
                signals.push(format!(
                    "{}/{} sampled values validate as {} ({:.0}%)",
                    c.hits,
                    n,
                    rule.category,
                    share * 100.0
                ));
                if rule.validator == Validator::BirthDate {
                    signals.push("dates without time of day, ages spread like birth dates".into());
                }
                0.55 + 0.4 * share
            }
        };
        let confidence = if n > 0 && n < 5 {
            confidence * 0.9
        } else {
            confidence
        };
        if c.weak > 0 {
            signals.push(format!(
                "{} sampled values are unsalted digests (MD5/SHA-1 style)",
                c.weak
            ));
        }
        Some(Verdict {
            rule_id: rule.id.clone(),
            category: rule.category.clone(),
            categories: vec![rule.category.clone()],
            confidence: round2(confidence),
            sensitivity: rule.sensitivity,
            rows_sampled: n,
            values_decided: n,
            values_matched: c.hits,
            signals,
            examples: c.examples.clone(),
            pair: rule.pair.clone(),
            weak_hashes: c.weak,
            evidence: if n == 0 {
                crate::model::Evidence::NameOnly
            } else {
                crate::model::Evidence::Values
            },
        })
    }

    /// A strongly named column whose values have the identifier's form but fail its check:
    /// reported, at a lower confidence than validated values, with a signal saying so.
    fn near_miss_verdict(
        &self,
        c: &Candidate,
        rule: &Rule,
        name: &str,
        threshold: f64,
    ) -> Option<Verdict> {
        let n = self.n;
        let share = (c.hits + c.near) as f64 / n as f64;
        if c.near == 0 || share < threshold {
            return None;
        }
        let signals = vec![
            format!("name matches \"{name}\""),
            format!(
                "{}/{} sampled values have the form of {} ({}) but fail its check (check \
                 digit, prefix or range): test data or typing errors, still about people",
                c.near, n, rule.category, rule.id
            ),
            format!("{}/{} sampled values validate", c.hits, n),
        ];
        let confidence = 0.6 + 0.15 * share * (if n < 5 { 0.9 } else { 1.0 });
        Some(Verdict {
            rule_id: rule.id.clone(),
            category: rule.category.clone(),
            categories: vec![rule.category.clone()],
            confidence: round2(confidence),
            sensitivity: rule.sensitivity,
            rows_sampled: n,
            values_decided: n,
            values_matched: c.hits + c.near,
            signals,
            examples: c.examples.clone(),
            pair: rule.pair.clone(),
            weak_hashes: 0,
            evidence: crate::model::Evidence::Values,
        })
    }

    fn text_verdict(&self) -> Option<Verdict> {
        let n = self.n;
        if n == 0 || self.any_text_rows == 0 {
            return None;
        }
        // Identifier-like digit runs in free text count only with telling context in some row,
        // or in a share of rows well above chance: a few years in album titles are not phones.
        let mut hits: Vec<(&usize, &HitRows)> = self
            .text_hits
            .iter()
            .filter(|(r, h)| {
                let category = self.rules.rules[**r].category.as_str();
                h.strong > 0
                    || !(DIGIT_CATEGORIES.contains(&category)
                        || NEEDS_SHARE_IN_TEXT.contains(&category))
                    || h.rows * 10 >= n
            })
            .collect();
        // Rows that held a kept hit: all text rows when nothing was dropped, else at most the
        // sum of the kept hits' rows.
        let rows = if hits.len() == self.text_hits.len() {
            self.any_text_rows
        } else {
            hits.iter()
                .map(|(_, h)| h.rows)
                .sum::<u64>()
                .min(self.any_text_rows)
        };
        if rows == 0 || (rows < 2 && n > 20) {
            return None;
        }
        hits.sort_by(|a, b| {
            b.1.rows.cmp(&a.1.rows).then(
                self.rules.rules[*b.0]
                    .sensitivity
                    .cmp(&self.rules.rules[*a.0].sensitivity),
            )
        });
        let mut categories: Vec<String> = Vec::new();
        let mut signals = Vec::new();
        let mut examples = Vec::new();
        let mut sensitivity = Sensitivity::Low;
        let what = if self.json_rows * 2 >= n {
            "JSON"
        } else {
            "free text"
        };
        for (rule_idx, h) in &hits {
            let rule = &self.rules.rules[**rule_idx];
            if !categories.contains(&rule.category) {
                categories.push(rule.category.clone());
            }
            sensitivity = sensitivity.max(rule.sensitivity);
            let keys = if h.keys.is_empty() {
                String::new()
            } else {
                let ks: Vec<&str> = h.keys.keys().map(String::as_str).take(4).collect();
                format!(" (keys: {})", ks.join(", "))
            };
            signals.push(format!(
                "{what}: {} in {}/{} rows ({:.0}%){keys}",
                rule.category,
                h.rows,
                n,
                h.rows as f64 * 100.0 / n as f64
            ));
            for e in &h.examples {
                if examples.len() < MAX_EXAMPLES + 1 {
                    examples.push(e.clone());
                }
            }
        }
        let share = rows as f64 / n as f64;
        let (first_rule, _) = hits.first()?;
        Some(Verdict {
            rule_id: self.rules.rules[**first_rule].id.clone(),
            category: categories.first()?.clone(),
            categories,
            confidence: round2(0.6 + 0.35 * (share * 4.0).min(1.0)),
            sensitivity,
            rows_sampled: n,
            values_decided: n,
            values_matched: rows,
            signals,
            examples,
            pair: None,
            weak_hashes: 0,
            evidence: if what == "JSON" {
                crate::model::Evidence::Json
            } else {
                crate::model::Evidence::FreeText
            },
        })
    }

    /// Values observed so far (classified or, after the verdict settled, only counted).
    pub fn rows_sampled(&self) -> u64 {
        self.read
    }
}

/// Whether verdict `a` wins over `b`; each comes with whether it is a national scheme found by
/// values at its share, and whether the column's name called for it.
///
/// Identity numbers are told apart from phone numbers first: a column of which a national
/// scheme's check digits validate nearly every value (no column of phone numbers passes one
/// scheme's check more than about one time in ten) holds those numbers, whatever numbering plan
/// the digits also fit. Otherwise the higher confidence wins, and at equal confidence a rule the
/// name calls for wins over a phone number the values alone found: digits fit some numbering
/// plan easily, so `codigo_postal` values that also read as phone numbers are postcodes.
/// (E-mail addresses in a `login` column stay e-mail addresses.)
fn beats(a: &(Verdict, bool, bool), b: &(Verdict, bool, bool)) -> bool {
    let ((a, a_identity, a_named), (b, b_identity, b_named)) = (a, b);
    if a.category == "phone" && *b_identity && !a_identity {
        return false;
    }
    if b.category == "phone" && *a_identity && !b_identity {
        return true;
    }
    a.confidence > b.confidence + 1e-9
        || (*a_named && !b_named && b.category == "phone" && a.confidence > b.confidence - 1e-9)
}

fn round2(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// Without a telling name, dates are birth dates only if they spread like birth dates: a median
/// age of 16–100 and a spread over at least ten years (created/updated dates are recent).
fn birth_distribution(ages: &[f64]) -> bool {
    if ages.len() < 5 {
        return false;
    }
    let mut a = ages.to_vec();
    a.sort_by(f64::total_cmp);
    let median = a[a.len() / 2];
    let spread = a[a.len() - 1] - a[0];
    (16.0..=100.0).contains(&median) && spread >= 10.0
}

fn json_leaves(v: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>, depth: usize) {
    if depth > 8 || out.len() > 200 {
        return;
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                json_leaves(child, k, out, depth + 1);
            }
        }
        serde_json::Value::Array(items) => {
            for child in items.iter().take(50) {
                json_leaves(child, key, out, depth + 1);
            }
        }
        serde_json::Value::String(s) => out.push((key.to_string(), s.clone())),
        serde_json::Value::Number(n) => out.push((key.to_string(), n.to_string())),
        serde_json::Value::Bool(_) | serde_json::Value::Null => {}
    }
}

/// The object keys of a JSON document (bounded like [`json_leaves`]).
fn json_keys(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 || out.len() > 200 {
        return;
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                out.push(k.clone());
                json_keys(child, out, depth + 1);
            }
        }
        serde_json::Value::Array(items) => {
            for child in items.iter().take(50) {
                json_keys(child, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Resolve a table's verdicts: a verdict that needs a pair (latitude needs longitude) stands only
/// if its pair is in the same table.
pub fn resolve_table(rules: &RuleSet, table: &str, verdicts: &mut [Option<Verdict>]) {
    let present: Vec<String> = verdicts
        .iter()
        .flatten()
        .map(|v| v.rule_id.clone())
        .collect();
    for slot in verdicts.iter_mut() {
        let keep = match slot {
            Some(v) => match &v.pair {
                Some(p) => present.contains(p),
                None => true,
            },
            None => true,
        };
        if !keep {
            *slot = None;
        } else if let Some(v) = slot
            && let Some(p) = &v.pair
        {
            v.signals
                .push(format!("paired with a {p} column in the same table"));
        }
    }
    // A table of companies, sites or offerings (hotels, cell sites, campaigns, tariffs) with no
    // person in it: its contact data and coordinates are a business's or a building's.
    let words = names::words(table);
    let company = words.iter().any(|w| rules.company_tables.contains(w))
        && !words.iter().any(|w| rules.person_tables.contains(w));
    let person = verdicts
        .iter()
        .flatten()
        .any(|v| v.category == "person_name");
    if company && !person {
        for v in verdicts.iter_mut().flatten() {
            if BUSINESS_CONTACT.contains(&v.category.as_str()) {
                v.confidence = round2(v.confidence * 0.45);
                v.signals.push(
                    "a table of companies, sites or offerings with no person's name in it: \
                     likely a business's contact data or a building's location"
                        .into(),
                );
            }
        }
    }
}

/// Categories a business has as well as a person.
const BUSINESS_CONTACT: &[&str] = &[
    "phone",
    "email",
    "postal_address",
    "postcode",
    "geolocation",
];

#[cfg(test)]
mod tests;
