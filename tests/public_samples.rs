//! Public sample databases written by others (Chinook, Sakila, Northwind; see
//! `tests/public/README.md`) scanned on all three engines, every column's verdict checked against
//! the labelled truth in `tests/public/truth.toml`: per database and engine, precision and recall
//! of "holds personal data" must each be at least 0.97 and the share of found columns with the
//! right category at least 0.95.
//!
//! Each database is one portable SQL file (`tests/public/<db>.sql`, made by
//! `tests/public/convert.py`) with `{{TIMESTAMP}}`, `{{BOOL}}` and `{{BLOB}}` type placeholders,
//! loaded statement by statement into its own database: a SQLite file in a temporary directory,
//! or a fresh PostgreSQL / MariaDB test database.

mod common;

use std::collections::HashMap;
use std::path::Path;

use privaudit::model::{ColumnReport, ScanReport};
use privaudit::target::EngineKind;
use serde::Deserialize;
use sqlx::Connection;

const DATABASES: [&str; 3] = ["chinook", "sakila", "northwind"];

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.97;
const MIN_CATEGORY: f64 = 0.95;

#[derive(Debug, Deserialize)]
struct Truth {
    column: Vec<Label>,
}

#[derive(Debug, Deserialize)]
struct Label {
    db: String,
    table: String,
    column: String,
    personal: bool,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    skipped: bool,
}

fn public_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/public"))
}

fn truth() -> Truth {
    let text = std::fs::read_to_string(public_dir().join("truth.toml")).expect("truth file");
    toml::from_str(&text).expect("truth parses")
}

/// `tests/public/<db>.sql` with its type placeholders filled in for one engine.
fn render(db: &str, engine: EngineKind) -> String {
    let sql = std::fs::read_to_string(public_dir().join(format!("{db}.sql"))).expect("sql file");
    let (ts, b, blob) = match engine {
        EngineKind::Postgres => ("timestamp", "boolean", "bytea"),
        EngineKind::Mysql => ("DATETIME", "BOOLEAN", "LONGBLOB"),
        EngineKind::Sqlite => ("TIMESTAMP", "BOOLEAN", "BLOB"),
    };
    let sql = sql
        .replace("{{TIMESTAMP}}", ts)
        .replace("{{BOOL}}", b)
        .replace("{{BLOB}}", blob);
    assert!(!sql.contains("{{"), "{db}: placeholder left over");
    sql
}

/// The statements of a rendered file (each ends with `;` at a line end).
fn statements(sql: &str) -> Vec<String> {
    privaudit::sample::statements(sql)
}

/// The tables a rendered file creates, in order.
fn tables(sql: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?m)^CREATE TABLE (\w+) \(").expect("regex");
    re.captures_iter(sql).map(|c| c[1].to_string()).collect()
}

/// Load one database into a new SQLite file in `dir`; returns its path.
async fn load_sqlite(dir: &Path, db: &str) -> String {
    let sql = render(db, EngineKind::Sqlite);
    let path = dir.join(format!("{db}.db"));
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let mut c = sqlx::SqliteConnection::connect_with(&opts)
        .await
        .expect("create sqlite file");
    sqlx::raw_sql("BEGIN").execute(&mut c).await.expect("begin");
    for s in statements(&sql) {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("sqlite {db}: {e}: {}", head(&s)));
    }
    sqlx::raw_sql("COMMIT")
        .execute(&mut c)
        .await
        .expect("commit");
    sqlx::raw_sql("ANALYZE")
        .execute(&mut c)
        .await
        .expect("analyze");
    c.close().await.expect("close");
    path.to_str().expect("utf-8 temp path").to_string()
}

async fn load_pg(url: &str, db: &str) {
    let sql = render(db, EngineKind::Postgres);
    let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
    for s in statements(&sql) {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("postgres {db}: {e}: {}", head(&s)));
    }
    // Fresh statistics, as a real database would have.
    sqlx::raw_sql("ANALYZE")
        .execute(&mut c)
        .await
        .expect("analyze");
}

async fn load_mysql(url: &str, db: &str) {
    let sql = render(db, EngineKind::Mysql);
    let mut c = sqlx::MySqlConnection::connect(url).await.expect("connect");
    // Backslashes in the data are literal (as in PostgreSQL and SQLite).
    sqlx::raw_sql("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')")
        .execute(&mut c)
        .await
        .expect("sql_mode");
    for s in statements(&sql) {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("mariadb {db}: {e}: {}", head(&s)));
    }
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "ANALYZE TABLE {}",
        tables(&sql).join(", ")
    )))
    .execute(&mut c)
    .await
    .expect("analyze");
}

fn head(s: &str) -> String {
    s.chars().take(160).collect()
}

struct Score {
    precision: f64,
    recall: f64,
    category_accuracy: f64,
    problems: Vec<String>,
}

fn key(table: &str, column: &str) -> (String, String) {
    (table.to_ascii_lowercase(), column.to_ascii_lowercase())
}

/// Score one database's scan; `diag` is a second scan of it with no confidence floor, to show
/// what the scanner thought of the columns it missed.
fn score(db: &str, engine: &str, report: &ScanReport, diag: &ScanReport) -> Score {
    let truth = truth();
    let labels: Vec<&Label> = truth.column.iter().filter(|l| l.db == db).collect();
    assert!(!labels.is_empty(), "no truth for {db}");
    let found: HashMap<(String, String), &ColumnReport> = report
        .columns
        .iter()
        .map(|c| (key(&c.table, &c.column), c))
        .collect();
    let below: HashMap<(String, String), &ColumnReport> = diag
        .columns
        .iter()
        .map(|c| (key(&c.table, &c.column), c))
        .collect();
    let (mut tp, mut fp, mut fn_, mut right_cat) = (0u32, 0u32, 0u32, 0u32);
    let mut problems = Vec::new();
    for l in &labels {
        let k = key(&l.table, &l.column);
        if l.skipped {
            let listed = report.skipped.iter().any(|s| {
                s.table.as_deref().map(str::to_ascii_lowercase).as_deref() == Some(k.0.as_str())
                    && s.column.as_deref().map(str::to_ascii_lowercase).as_deref()
                        == Some(k.1.as_str())
            });
            if !listed {
                problems.push(format!(
                    "{db} {engine}: {}.{} should be listed as skipped",
                    l.table, l.column
                ));
            }
            if let Some(c) = found.get(&k) {
                problems.push(format!(
                    "{db} {engine}: skipped column {}.{} reported as {} ({:?})",
                    l.table, l.column, c.category, c.signals
                ));
            }
            continue;
        }
        match (found.get(&k), l.personal) {
            (Some(c), true) => {
                tp += 1;
                let want = l.category.as_deref().unwrap_or("");
                if c.category == want || l.accept.contains(&c.category) {
                    right_cat += 1;
                } else {
                    problems.push(format!(
                        "{db} {engine}: {}.{} ({}) category {} (want {want}), confidence {:.2}, {}/{} values matched, signals {:?}",
                        l.table,
                        l.column,
                        c.data_type,
                        c.category,
                        c.confidence,
                        c.values_matched,
                        c.rows_sampled,
                        c.signals
                    ));
                }
            }
            (Some(c), false) => {
                fp += 1;
                problems.push(format!(
                    "{db} {engine}: false positive {}.{} ({}) as {}, confidence {:.2}, {}/{} values matched, signals {:?}, examples {:?}",
                    l.table,
                    l.column,
                    c.data_type,
                    c.category,
                    c.confidence,
                    c.values_matched,
                    c.rows_sampled,
                    c.signals,
                    c.examples
                ));
            }
            (None, true) => {
                fn_ += 1;
                let why = match below.get(&k) {
                    Some(c) => format!(
                        "below the confidence floor as {} at {:.2}, {}/{} values matched, signals {:?}",
                        c.category, c.confidence, c.values_matched, c.rows_sampled, c.signals
                    ),
                    None => "no candidate at all".to_string(),
                };
                problems.push(format!(
                    "{db} {engine}: missed {}.{} (want {}): {why}",
                    l.table,
                    l.column,
                    l.category.as_deref().unwrap_or("?")
                ));
            }
            (None, false) => {}
        }
    }
    for c in &report.columns {
        let k = key(&c.table, &c.column);
        if !labels.iter().any(|l| key(&l.table, &l.column) == k) {
            problems.push(format!(
                "{db} {engine}: {}.{} is not in the truth file",
                c.table, c.column
            ));
        }
    }
    Score {
        precision: f64::from(tp) / f64::from((tp + fp).max(1)),
        recall: f64::from(tp) / f64::from((tp + fn_).max(1)),
        category_accuracy: f64::from(right_cat) / f64::from(tp.max(1)),
        problems,
    }
}

/// Scan one loaded database twice (default options; no confidence floor) and score it. Returns
/// the failures against the thresholds, so every database is printed before the test fails.
async fn scan_and_score(db: &str, engine: &str, url: &str) -> Vec<String> {
    let report = common::scan_urls(&[url], &common::options()).await;
    assert!(
        report.databases.iter().all(|d| d.error.is_none()),
        "{db} {engine}: {:?}",
        report.databases
    );
    let mut floorless = common::options();
    floorless.min_confidence = 0.0;
    floorless.access = false;
    let diag = common::scan_urls(&[url], &floorless).await;
    let s = score(db, engine, &report, &diag);
    println!(
        "public {db} {engine}: precision {:.3}, recall {:.3}, category right {:.3} ({} columns found)",
        s.precision,
        s.recall,
        s.category_accuracy,
        report.columns.len()
    );
    for p in &s.problems {
        println!("  {p}");
    }
    // Masked examples only: no raw e-mail address may appear anywhere in the report.
    let json = serde_json::to_string(&report).expect("json");
    let raw_email = regex::Regex::new(r"[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}").expect("regex");
    let mut failures = Vec::new();
    if raw_email.is_match(&json.to_ascii_lowercase()) {
        failures.push(format!("{db} {engine}: raw e-mail in report"));
    }
    if s.precision < MIN_PRECISION {
        failures.push(format!("{db} {engine}: precision {:.3}", s.precision));
    }
    if s.recall < MIN_RECALL {
        failures.push(format!("{db} {engine}: recall {:.3}", s.recall));
    }
    if s.category_accuracy < MIN_CATEGORY {
        failures.push(format!(
            "{db} {engine}: category accuracy {:.3}",
            s.category_accuracy
        ));
    }
    failures
}

fn finish(failures: Vec<String>) {
    assert!(failures.is_empty(), "{}", failures.join("; "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_samples_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for db in DATABASES {
        let path = load_sqlite(dir.path(), db).await;
        failures.extend(scan_and_score(db, "sqlite", &path).await);
    }
    finish(failures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_samples_postgres() {
    let mut failures = Vec::new();
    for db in DATABASES {
        let out = &mut failures;
        common::with_pg(|url| async move {
            load_pg(&url, db).await;
            out.extend(scan_and_score(db, "postgres", &url).await);
        })
        .await;
    }
    finish(failures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_samples_mariadb() {
    let mut failures = Vec::new();
    for db in DATABASES {
        let out = &mut failures;
        common::with_mysql(|url| async move {
            load_mysql(&url, db).await;
            out.extend(scan_and_score(db, "mariadb", &url).await);
        })
        .await;
    }
    finish(failures);
}
