//! The findings catalog: every kind of finding privaudit raises, as data (`catalog.toml`,
//! compiled in): its source, severity, title and recommendation templates and references.
//!
//! Code decides *whether* a finding is raised, *where* (a [`Place`]) and *what shows it* (the
//! evidence, counted from the data); the catalog says what it is called and what to do about it.
//! Templates name the facts they need in braces (`{table}`); the code that raises a finding gives
//! those facts ([`raise`]), and `{{` / `}}` stand for literal braces. Each entry carries an
//! `example` with a value for every placeholder; a test renders every entry with it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::{Finding, FindingSource, Place, Severity};

/// The catalog's source files: the findings every engine can raise, then each engine's own.
pub const CATALOG: &[(&str, &str)] = &[
    (
        "src/findings/catalog/core.toml",
        include_str!("catalog/core.toml"),
    ),
    (
        "src/findings/catalog/postgres.toml",
        include_str!("catalog/postgres.toml"),
    ),
    (
        "src/findings/catalog/mysql.toml",
        include_str!("catalog/mysql.toml"),
    ),
    (
        "src/findings/catalog/sqlite.toml",
        include_str!("catalog/sqlite.toml"),
    ),
];

/// One kind of finding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Which part of the audit raises it.
    pub source: FindingSource,
    /// Its severity, unless the code that raises it chooses one of `severities`.
    pub severity: Severity,
    /// The severities the code may choose instead (by what the evidence shows); empty when the
    /// severity is always `severity`.
    #[serde(default)]
    pub severities: Vec<Severity>,
    /// The problem this finding is a view of: findings of the same problem at the same place are
    /// one problem (a scan's plain-text passwords and the answer that said they were hashed).
    /// Defaults to the entry's own id.
    #[serde(default)]
    pub problem: Option<String>,
    /// The categories this finding is the column-level view of holding (a column of plain-text
    /// passwords is one of `password`): an answer that denies storing the category is merged into
    /// it rather than counted again.
    #[serde(default)]
    pub holds: Vec<String>,
    /// The title template: what is wrong, in words a manager understands.
    pub title: String,
    /// The recommendation template: what to do.
    pub recommendation: String,
    /// The action for the action plan when one row stands for this finding at several places
    /// (the recommendation names one table; the plan's row covers them all). Defaults to the
    /// recommendation.
    #[serde(default)]
    pub action: Option<String>,
    /// The action plan's title for one row standing for several of these findings (their titles
    /// name each place or category). Defaults to the first finding's title.
    #[serde(default)]
    pub plan: Option<String>,
    /// CIS / GDPR / PCI DSS / OWASP references.
    #[serde(default)]
    pub references: Vec<String>,
    /// A value for every placeholder in the templates, for the test that renders each entry.
    #[serde(default)]
    pub example: BTreeMap<String, String>,
}

/// Read the catalog's files into one map; an id defined twice is an error.
pub fn load() -> Result<BTreeMap<String, Entry>, String> {
    let mut all = BTreeMap::new();
    for (file, text) in CATALOG {
        let part: BTreeMap<String, Entry> =
            toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
        for (id, e) in part {
            if all.insert(id.clone(), e).is_some() {
                return Err(format!("{file}: finding {id} is defined twice"));
            }
        }
    }
    Ok(all)
}

static ENTRIES: LazyLock<BTreeMap<String, Entry>> = LazyLock::new(|| {
    // The catalog is compiled in and checked by the tests: a broken one is a build defect.
    #[allow(clippy::expect_used)]
    load().expect("the findings catalog is valid (see the catalog tests)")
});

/// Every entry of the catalog, by id.
pub fn entries() -> &'static BTreeMap<String, Entry> {
    &ENTRIES
}

/// The entry with id `kind`.
pub fn entry(kind: &str) -> Option<&'static Entry> {
    ENTRIES.get(kind)
}

/// The placeholders a template names, in order of appearance.
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        let (c, after) = (rest.as_bytes()[i], &rest[i + 1..]);
        if after.starts_with(c as char) {
            rest = &after[1..];
            continue;
        }
        if c == b'}' {
            return Err(format!("a lone '}}' in {template:?} (write '}}}}')"));
        }
        let Some(end) = after.find('}') else {
            return Err(format!("an unclosed '{{' in {template:?}"));
        };
        let name = &after[..end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "placeholder {{{name}}} in {template:?} is not a lower-case name"
            ));
        }
        out.push(name);
        rest = &after[end + 1..];
    }
    Ok(out)
}

/// A template with its placeholders filled from `vars`. A placeholder without a value is left
/// as it is written (and is a defect the tests catch).
pub fn render(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let (c, after) = (rest.as_bytes()[i] as char, &rest[i + 1..]);
        if let Some(tail) = after.strip_prefix(c) {
            out.push(c);
            rest = tail;
            continue;
        }
        match (c, after.find('}')) {
            ('{', Some(end)) => {
                let name = &after[..end];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        debug_assert!(false, "no value for {{{name}}} in {template:?}");
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push(c);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Values for a template's placeholders: `vars!(table = c.table, n = 3)`.
#[macro_export]
macro_rules! vars {
    ($($k:ident = $v:expr),* $(,)?) => {
        &[$((stringify!($k), ($v).to_string())),*][..]
    };
}

/// A finding of kind `kind` (a catalog id) at `place`, shown by `evidence`, with the catalog's
/// templates filled from `vars`. Its check is `kind`; see [`Finding::for_each`] for kinds raised
/// once per category or question.
pub fn raise(kind: &str, place: Place, vars: &[(&str, String)], evidence: Vec<String>) -> Finding {
    let location = place.render();
    let Some(e) = entry(kind) else {
        debug_assert!(false, "finding kind {kind} is not in the catalog");
        return Finding {
            id: super::stable_id(kind, &location),
            severity: Severity::Medium,
            title: kind.to_string(),
            source: FindingSource::Scan,
            check: kind.to_string(),
            database: place.database_id().map(str::to_string),
            location,
            place,
            evidence,
            recommendation: String::new(),
            references: Vec::new(),
            also: Vec::new(),
        };
    };
    Finding {
        id: super::stable_id(kind, &location),
        severity: e.severity,
        title: render(&e.title, vars),
        source: e.source,
        check: kind.to_string(),
        database: place.database_id().map(str::to_string),
        location,
        place,
        evidence,
        recommendation: render(&e.recommendation, vars),
        references: e.references.clone(),
        also: Vec::new(),
    }
}

impl Finding {
    /// The same finding with severity `s`, one of the severities its catalog entry allows.
    pub fn with_severity(mut self, s: Severity) -> Finding {
        debug_assert!(
            entry(self.kind()).is_some_and(|e| e.severity == s || e.severities.contains(&s)),
            "severity {s:?} is not allowed for {}",
            self.check
        );
        self.severity = s;
        self
    }

    /// The same finding raised for one of many things (a category, a question, a scenario): its
    /// check becomes `<kind>_<what>`, and its id follows.
    pub fn for_each(mut self, what: &str) -> Finding {
        self.check = format!("{}_{what}", self.check);
        self.id = super::stable_id(&self.check, &self.location);
        self
    }

    /// The same finding with references of its own (an answer's, from the questionnaire) instead
    /// of the catalog's.
    pub fn with_references(mut self, references: &[String]) -> Finding {
        self.references = references.to_vec();
        self
    }

    /// The catalog entry's id: the check without a [`Finding::for_each`] suffix.
    pub fn kind(&self) -> &str {
        let mut k = self.check.as_str();
        while entry(k).is_none() {
            match k.rsplit_once('_') {
                Some((head, _)) => k = head,
                None => return &self.check,
            }
        }
        k
    }

    /// The problem this finding is a view of (its catalog entry's `problem`, else its kind).
    pub fn problem(&self) -> &str {
        let kind = self.kind();
        entry(kind)
            .and_then(|e| e.problem.as_deref())
            .unwrap_or(kind)
    }
}

/// Assert that a finding was raised from its catalog entry at a typed place: its location is
/// the place's text, its id follows from both, and its severity and source are the entry's.
#[cfg(test)]
pub(crate) fn assert_raised_from_the_catalog(f: &Finding) {
    assert!(!matches!(f.place, Place::Legacy { .. }), "{f:?}");
    assert_eq!(f.location, f.place.render());
    assert_eq!(f.id, super::stable_id(&f.check, &f.location));
    assert_eq!(f.database.as_deref(), f.place.database_id());
    let entry = entry(&f.check).expect("a catalog entry");
    assert!(entry.severity == f.severity || entry.severities.contains(&f.severity));
    assert_eq!(entry.source, f.source);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_parses_and_every_entry_renders_from_its_example() {
        let entries = load().unwrap_or_else(|e| panic!("{e}"));
        let year = regex::Regex::new(r"\b20\d\d\b").expect("regex");
        assert!(entries.len() >= 20, "{} entries", entries.len());
        for (id, e) in &entries {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'),
                "{id}: ids are lower-case"
            );
            assert!(!e.title.trim().is_empty(), "{id}: empty title");
            assert!(
                !e.recommendation.trim().is_empty(),
                "{id}: empty recommendation"
            );
            assert!(
                e.severities.is_empty()
                    || (e.severities.len() > 1 && e.severities.contains(&e.severity)),
                "{id}: `severities` lists at least two, including `severity`"
            );
            let mut named = Vec::new();
            for t in [&e.title, &e.recommendation] {
                let p = placeholders(t).unwrap_or_else(|err| panic!("{id}: {err}"));
                named.extend(p.into_iter().map(str::to_string));
            }
            for n in &named {
                assert!(
                    e.example.contains_key(n),
                    "{id}: the example has no value for {{{n}}}"
                );
            }
            for k in e.example.keys() {
                assert!(named.contains(k), "{id}: example value {k} is used nowhere");
            }
            let vars: Vec<(&str, String)> = e
                .example
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            for t in [&e.title, &e.recommendation] {
                let out = render(t, &vars);
                assert!(!out.contains('{') || t.contains("{{"), "{id}: {out}");
            }
            if let Some(p) = &e.problem {
                assert!(entries.contains_key(p), "{id}: problem {p} is not an entry");
            }
            for t in [&e.action, &e.plan].into_iter().flatten() {
                assert!(
                    placeholders(t).is_ok_and(|p| p.is_empty()),
                    "{id}: the plan's action and title name no single place: {t:?}"
                );
            }
            for c in &e.holds {
                assert!(
                    crate::rules::RuleSet::builtin()
                        .is_ok_and(|r| r.rules.iter().any(|x| x.category == *c)),
                    "{id}: holds unknown category {c}"
                );
            }
            // No date, year or account name written into a template: they come from the audit.
            for t in [&e.title, &e.recommendation] {
                assert!(
                    !year.is_match(t),
                    "{id}: a year is written into {t:?}; fill it from the audit"
                );
            }
        }
    }

    #[test]
    fn every_kind_the_code_raises_is_in_the_catalog_and_every_entry_is_raised() {
        // The code raises findings with `raise("<kind>"`, or passes the kind to a helper that
        // does: every kind raised directly must be in the catalog (kinds passed through helpers
        // are checked when raised, by the debug assertion in `raise`), and every entry's id
        // must appear in the code as a string literal.
        fn walk(dir: &std::path::Path, out: &mut String) {
            for e in std::fs::read_dir(dir).expect("src") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("catalog.rs") {
                    out.push_str(&std::fs::read_to_string(&p).expect("source"));
                }
            }
        }
        let mut src = String::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut src,
        );
        let re = regex::Regex::new(r#"raise\(\s*"([a-z_.0-9]+)""#).expect("regex");
        let raised: Vec<&str> = re
            .captures_iter(&src)
            .filter_map(|c| c.get(1))
            .map(|m| m.as_str())
            .collect();
        assert!(raised.len() >= 20, "{raised:?}");
        for k in &raised {
            assert!(
                entry(k).is_some(),
                "the code raises {k}, which is not in the catalog"
            );
        }
        for id in entries().keys() {
            assert!(
                src.contains(&format!("\"{id}\"")),
                "catalog entry {id} is raised nowhere in src/"
            );
        }
    }

    #[test]
    fn templates_fill_and_escape() {
        assert_eq!(
            render(
                "drop {table}.{column} {{x}}",
                vars!(table = "t", column = 'c')
            ),
            "drop t.c {x}"
        );
        assert_eq!(
            placeholders("a {b} {{c}} {d_e}").expect("ok"),
            vec!["b", "d_e"]
        );
        assert!(placeholders("a {B}").is_err());
        assert!(placeholders("a {b").is_err());
        assert!(placeholders("a }").is_err());
    }
}
