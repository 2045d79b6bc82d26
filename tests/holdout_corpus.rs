//! The HELD-OUT corpus (`tests/corpus_holdout/corpus.sql`, generated with Python Faker by
//! `tests/corpus_holdout/generate.py`) loaded into SQLite, PostgreSQL and MariaDB, scanned, and
//! every column's verdict checked against `tests/corpus_holdout/truth.toml`: precision and recall
//! of "holds personal data" must each be at least 0.97, and the share of found personal columns
//! with the right category at least 0.95, on every engine.
//!
//! Unlike `tests/independent_corpus.rs`, the classifier was not tuned on this corpus: its figures
//! measure generalisation. Do not tune rules against it (see tests/corpus_holdout/README.md).

mod common;

use common::corpus::{Bars, Corpus, Engine};

const CORPUS: Corpus = Corpus {
    label: "holdout",
    sql: include_str!("corpus_holdout/corpus.sql"),
    truth: include_str!("corpus_holdout/truth.toml"),
    bars: Bars::DEFAULT,
};

#[test]
fn truth_covers_every_column_of_the_holdout_corpus() {
    CORPUS.check_truth_covers_every_column();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_holdout_meets_the_bar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("holdout.db");
    CORPUS.load_sqlite(&path).await;
    let path = path.to_str().expect("utf-8 path").to_string();
    let report = common::scan_urls(&[&path], &common::options()).await;
    CORPUS.check(&report, Engine::Sqlite);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_holdout_meets_the_bar() {
    common::with_pg(|url| async move {
        CORPUS.load_pg(&url).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        CORPUS.check(&report, Engine::Postgres);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_holdout_meets_the_bar() {
    common::with_mysql(|url| async move {
        CORPUS.load_mariadb(&url).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        CORPUS.check(&report, Engine::Mariadb);
    })
    .await;
}
