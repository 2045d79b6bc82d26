//! The labelled Faker corpora (`tests/corpus/`, `tests/corpus_holdout/`, `tests/corpus_world/`,
//! `tests/corpus_world_holdout/`): rendering for each engine, loading, and scoring a scan against
//! the truth file, shared by their tests.

use std::collections::HashMap;

use privaudit::model::{ColumnReport, ScanReport};
use serde::Deserialize;
use sqlx::Connection;

/// A labelled corpus: its portable SQL and its truth file, and the word its figures are
/// printed under.
pub struct Corpus {
    /// `corpus`, `holdout`: the first word of the printed figures.
    pub label: &'static str,
    /// The portable SQL with `{{TIMESTAMP}}`, `{{BOOL}}` and `{{JSON}}` placeholders.
    pub sql: &'static str,
    /// The truth file.
    pub truth: &'static str,
    /// The bars its figures are held to.
    pub bars: Bars,
}

/// The least precision, recall and category accuracy a corpus's scan must reach.
#[derive(Clone, Copy, Debug)]
pub struct Bars {
    pub precision: f64,
    pub recall: f64,
    pub category: f64,
}

impl Bars {
    /// The bars of the first corpora (`tests/corpus/`, `tests/corpus_holdout/`).
    pub const DEFAULT: Bars = Bars {
        precision: 0.97,
        recall: 0.97,
        category: 0.95,
    };
}

#[derive(Debug, Deserialize)]
struct Truth {
    column: Vec<Label>,
}

#[derive(Debug, Deserialize)]
struct Label {
    table: String,
    column: String,
    personal: bool,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    accept: Vec<String>,
    /// The country whose naming and values the column follows (`XX`), where the corpus says;
    /// `--` or absent for country-neutral columns.
    #[serde(default)]
    country: Option<String>,
}

impl Label {
    fn country(&self) -> Option<&str> {
        self.country
            .as_deref()
            .filter(|c| *c != "--" && !c.is_empty())
    }
}

#[derive(Clone, Copy)]
pub enum Engine {
    Sqlite,
    Postgres,
    Mariadb,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
            Engine::Mariadb => "mariadb",
        }
    }
}

impl Corpus {
    /// The corpus with its type placeholders replaced for one engine.
    fn render(&self, engine: Engine) -> String {
        let (ts, b, json) = match engine {
            Engine::Postgres => ("timestamp", "boolean", "jsonb"),
            Engine::Mariadb => ("DATETIME", "BOOLEAN", "JSON"),
            Engine::Sqlite => ("TIMESTAMP", "BOOLEAN", "JSON"),
        };
        let sql = self
            .sql
            .replace("{{TIMESTAMP}}", ts)
            .replace("{{BOOL}}", b)
            .replace("{{JSON}}", json);
        assert!(
            !sql.contains("{{"),
            "placeholder left in the {} corpus",
            self.label
        );
        sql
    }
}

impl Corpus {
    /// Load into a new SQLite file.
    pub async fn load_sqlite(&self, path: &std::path::Path) {
        let opts = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        let mut c = sqlx::SqliteConnection::connect_with(&opts)
            .await
            .expect("create SQLite file");
        for s in statements(&self.render(Engine::Sqlite)) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
                .execute(&mut c)
                .await
                .unwrap_or_else(|e| panic!("SQLite: {e}\n{}", head(&s)));
        }
        sqlx::raw_sql("ANALYZE")
            .execute(&mut c)
            .await
            .expect("analyze");
        c.close().await.expect("close");
    }

    /// Load into a PostgreSQL database.
    pub async fn load_pg(&self, url: &str) {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        for s in statements(&self.render(Engine::Postgres)) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
                .execute(&mut c)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL: {e}\n{}", head(&s)));
        }
        sqlx::raw_sql("ANALYZE")
            .execute(&mut c)
            .await
            .expect("analyze");
    }

    /// Load into a MariaDB database.
    pub async fn load_mariadb(&self, url: &str) {
        let mut c = sqlx::MySqlConnection::connect(url).await.expect("connect");
        if self.quotes_identifiers() {
            // The corpus quotes identifiers the standard way ("Straße"), which MariaDB reads as
            // identifiers only with ANSI_QUOTES (its string literals use single quotes only).
            sqlx::raw_sql("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ANSI_QUOTES')")
                .execute(&mut c)
                .await
                .expect("set ANSI_QUOTES");
        }
        let stmts = statements(&self.render(Engine::Mariadb));
        for s in &stmts {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
                .execute(&mut c)
                .await
                .unwrap_or_else(|e| panic!("MariaDB: {e}\n{}", head(s)));
        }
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "ANALYZE TABLE {}",
            tables(&stmts).join(", ")
        )))
        .execute(&mut c)
        .await
        .expect("analyze");
    }
}

impl Corpus {
    /// Whether the corpus writes its table and column names as `"quoted"` identifiers.
    fn quotes_identifiers(&self) -> bool {
        self.sql.contains("CREATE TABLE \"")
    }
}

/// An identifier as written in a CREATE TABLE, without its double quotes.
fn unquote(ident: &str) -> String {
    match ident.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => ident.to_string(),
    }
}

/// The statements of the corpus, one by one: each ends with `;` at a line end; comment lines
/// between statements are dropped.
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in sql.lines() {
        if cur.trim().is_empty() && (line.trim().is_empty() || line.trim_start().starts_with("--"))
        {
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    assert!(cur.trim().is_empty(), "unterminated statement: {cur}");
    out
}

/// Table names, in the order they are created.
fn tables(stmts: &[String]) -> Vec<String> {
    stmts
        .iter()
        .filter_map(|s| s.strip_prefix("CREATE TABLE "))
        .map(|rest| {
            rest.split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .expect("table name")
                .to_string()
        })
        .collect()
}

/// The start of a statement, for error messages.
fn head(s: &str) -> String {
    s.chars().take(300).collect()
}

struct Score {
    precision: f64,
    recall: f64,
    category_accuracy: f64,
    problems: Vec<String>,
    /// Per country of the labels that carry one: (found, total) personal columns, by country.
    by_country: std::collections::BTreeMap<String, (u32, u32)>,
}

fn score(report: &ScanReport, truth: &Truth) -> Score {
    let found: HashMap<(&str, &str), &ColumnReport> = report
        .columns
        .iter()
        .map(|c| ((c.table.as_str(), c.column.as_str()), c))
        .collect();
    let (mut tp, mut fp, mut fn_, mut right_cat) = (0u32, 0u32, 0u32, 0u32);
    let mut missed = Vec::new();
    let mut false_pos = Vec::new();
    let mut wrong_cat = Vec::new();
    let mut other = Vec::new();
    let mut by_country: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for l in &truth.column {
        if let (true, Some(cc)) = (l.personal, l.country()) {
            let e = by_country.entry(cc.to_string()).or_default();
            e.1 += 1;
            if found.contains_key(&(l.table.as_str(), l.column.as_str())) {
                e.0 += 1;
            }
        }
        match (
            found.get(&(l.table.as_str(), l.column.as_str())),
            l.personal,
        ) {
            (Some(c), true) => {
                tp += 1;
                let want = l.category.as_deref().unwrap_or("");
                if c.category == want || l.accept.contains(&c.category) {
                    right_cat += 1;
                } else {
                    wrong_cat.push(format!(
                        "wrong category {}.{}: {} (want {want}{}), categories {:?}, confidence {:.2}, signals {:?}",
                        l.table,
                        l.column,
                        c.category,
                        if l.accept.is_empty() {
                            String::new()
                        } else {
                            format!(" or {}", l.accept.join("/"))
                        },
                        c.categories,
                        c.confidence,
                        c.signals
                    ));
                }
            }
            (Some(c), false) => {
                fp += 1;
                false_pos.push(format!(
                    "false positive {}.{} as {} ({}), confidence {:.2}, {}/{} values, signals {:?}",
                    l.table,
                    l.column,
                    c.category,
                    c.data_type,
                    c.confidence,
                    c.values_matched,
                    c.rows_sampled,
                    c.signals
                ));
            }
            (None, true) => {
                fn_ += 1;
                missed.push(format!(
                    "missed {}.{} ({})",
                    l.table,
                    l.column,
                    l.category.as_deref().unwrap_or("?")
                ));
            }
            (None, false) => {}
        }
    }
    for c in &report.columns {
        if !truth
            .column
            .iter()
            .any(|l| l.table == c.table && l.column == c.column)
        {
            other.push(format!(
                "{}.{} is not in the truth file (found as {})",
                c.table, c.column, c.category
            ));
        }
    }
    for s in &report.skipped {
        other.push(format!(
            "skipped {}.{}: {}",
            s.table.as_deref().unwrap_or("-"),
            s.column.as_deref().unwrap_or("-"),
            s.reason
        ));
    }
    let mut problems = missed;
    problems.append(&mut false_pos);
    problems.append(&mut wrong_cat);
    problems.append(&mut other);
    Score {
        precision: f64::from(tp) / f64::from((tp + fp).max(1)),
        recall: f64::from(tp) / f64::from((tp + fn_).max(1)),
        category_accuracy: f64::from(right_cat) / f64::from(tp.max(1)),
        problems,
        by_country,
    }
}

impl Corpus {
    /// Score a scan of the corpus against its truth, print the figures and every problem, and hold
    /// them to the bars.
    pub fn check(&self, report: &ScanReport, engine: Engine) {
        let engine = engine.name();
        assert!(
            report.databases.iter().all(|d| d.error.is_none()),
            "{engine}: {:?}",
            report.databases
        );
        // A table left out (a statement timeout on a loaded machine, say) is not a verdict of
        // the classifier: name it, so a failure says which it was.
        for k in &report.skipped {
            println!(
                "  {engine}: skipped {:?}.{:?}.{:?}: {}",
                k.schema, k.table, k.column, k.reason
            );
        }
        for w in &report.warnings {
            println!("  {engine}: warning: {w}");
        }
        let truth: Truth = toml::from_str(self.truth).expect("truth parses");
        let s = score(report, &truth);
        println!(
            "{} {engine}: precision {:.3}, recall {:.3}, category right {:.3} ({} columns found)",
            self.label,
            s.precision,
            s.recall,
            s.category_accuracy,
            report.columns.len()
        );
        for (cc, (found, total)) in &s.by_country {
            println!(
                "{} {engine} {cc}: recall {:.3} ({found}/{total})",
                self.label,
                f64::from(*found) / f64::from((*total).max(1))
            );
        }
        for p in &s.problems {
            println!("  {engine}: {p}");
        }
        let bars = self.bars;
        assert!(
            s.precision >= bars.precision,
            "{engine}: precision {:.3} < {}",
            s.precision,
            bars.precision
        );
        assert!(
            s.recall >= bars.recall,
            "{engine}: recall {:.3} < {}",
            s.recall,
            bars.recall
        );
        assert!(
            s.category_accuracy >= bars.category,
            "{engine}: category accuracy {:.3} < {}",
            s.category_accuracy,
            bars.category
        );
    }

    /// Every CREATE TABLE column has exactly one label, and nothing else is labelled.
    pub fn check_truth_covers_every_column(&self) {
        let truth: Truth = toml::from_str(self.truth).expect("truth parses");
        let mut labelled: HashMap<(String, String), u32> = HashMap::new();
        for l in &truth.column {
            *labelled
                .entry((l.table.clone(), l.column.clone()))
                .or_default() += 1;
            assert!(
                !l.personal || l.category.is_some(),
                "{}.{}: personal without category",
                l.table,
                l.column
            );
        }
        let mut declared = 0;
        for s in statements(self.sql) {
            let Some(rest) = s.strip_prefix("CREATE TABLE ") else {
                continue;
            };
            let table = unquote(rest.split_whitespace().next().expect("name"));
            for line in rest.lines().skip(1) {
                let Some(col) = line.split_whitespace().next() else {
                    continue;
                };
                if col.starts_with(')') {
                    continue;
                }
                let col = unquote(col);
                declared += 1;
                assert_eq!(
                    labelled.get(&(table.clone(), col.clone())),
                    Some(&1),
                    "{table}.{col} must be labelled exactly once"
                );
            }
        }
        assert_eq!(
            declared,
            truth.column.len(),
            "labels for undeclared columns"
        );
    }
}
