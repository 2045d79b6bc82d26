//! The sample shop scanned on all three engines, every column's verdict checked against the
//! labelled truth in `tests/truth.toml`: precision and recall of "holds personal data" and the
//! share of found columns with the right category must each be at least 0.95.

mod common;

use std::collections::HashMap;

use privaudit::model::ScanReport;
use privaudit::target::EngineKind;
use serde::Deserialize;

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
    #[serde(default)]
    skipped: bool,
}

fn truth() -> Truth {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/truth.toml"))
        .expect("truth file");
    toml::from_str(&text).expect("truth parses")
}

struct Score {
    precision: f64,
    recall: f64,
    category_accuracy: f64,
    problems: Vec<String>,
}

fn score(report: &ScanReport, engine: &str) -> Score {
    let truth = truth();
    let found: HashMap<(String, String), &privaudit::model::ColumnReport> = report
        .columns
        .iter()
        .map(|c| ((c.table.clone(), c.column.clone()), c))
        .collect();
    let (mut tp, mut fp, mut fn_, mut right_cat) = (0u32, 0u32, 0u32, 0u32);
    let mut problems = Vec::new();
    for l in &truth.column {
        let key = (l.table.clone(), l.column.clone());
        if l.skipped {
            let listed = report.skipped.iter().any(|s| {
                s.table.as_deref() == Some(&l.table) && s.column.as_deref() == Some(&l.column)
            });
            if !listed {
                problems.push(format!(
                    "{engine}: {}.{} should be listed as skipped",
                    l.table, l.column
                ));
            }
            continue;
        }
        match (found.get(&key), l.personal) {
            (Some(c), true) => {
                tp += 1;
                let want = l.category.as_deref().unwrap_or("");
                if c.category == want || l.accept.contains(&c.category) {
                    right_cat += 1;
                } else {
                    problems.push(format!(
                        "{engine}: {}.{} category {} (want {want})",
                        l.table, l.column, c.category
                    ));
                }
            }
            (Some(c), false) => {
                fp += 1;
                problems.push(format!(
                    "{engine}: false positive {}.{} as {} ({:?})",
                    l.table, l.column, c.category, c.signals
                ));
            }
            (None, true) => {
                fn_ += 1;
                problems.push(format!(
                    "{engine}: missed {}.{} ({:?})",
                    l.table, l.column, l.category
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
            problems.push(format!(
                "{engine}: {}.{} is not in the truth file",
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

fn check(report: &ScanReport, engine: &str) {
    assert!(
        report.databases.iter().all(|d| d.error.is_none()),
        "{engine}: {:?}",
        report.databases
    );
    let s = score(report, engine);
    println!(
        "{engine}: precision {:.3}, recall {:.3}, category right {:.3} ({} columns found)",
        s.precision,
        s.recall,
        s.category_accuracy,
        report.columns.len()
    );
    for p in &s.problems {
        println!("  {p}");
    }
    assert!(
        s.precision >= 0.95,
        "{engine}: precision {:.3}",
        s.precision
    );
    assert!(s.recall >= 0.95, "{engine}: recall {:.3}", s.recall);
    assert!(
        s.category_accuracy >= 0.95,
        "{engine}: category accuracy {:.3}",
        s.category_accuracy
    );
    // Masked examples only: no raw e-mail address may appear anywhere in the report.
    let json = serde_json::to_string(report).expect("json");
    let raw_email = regex::Regex::new(r"[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}").expect("regex");
    assert!(!raw_email.is_match(&json), "{engine}: raw e-mail in report");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_sample_meets_the_bar() {
    let report = common::scan_urls(&["sample"], &common::options()).await;
    check(&report, "sqlite");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_sample_meets_the_bar() {
    common::with_pg(|url| async move {
        common::load_sample(&url, EngineKind::Postgres).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        check(&report, "postgres");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_sample_meets_the_bar() {
    common::with_mysql(|url| async move {
        common::load_sample(&url, EngineKind::Mysql).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        check(&report, "mariadb");
    })
    .await;
}
