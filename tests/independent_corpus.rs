//! The independent corpus (`tests/corpus/corpus.sql`, generated with Python Faker by
//! `tests/corpus/generate.py`) loaded into SQLite, PostgreSQL and MariaDB, scanned, and every
//! column's verdict checked against `tests/corpus/truth.toml`: precision and recall of "holds
//! personal data" must each be at least 0.97, and the share of found personal columns with the
//! right category at least 0.95, on every engine.

mod common;

use common::corpus::{Bars, Corpus, Engine};

const CORPUS: Corpus = Corpus {
    label: "corpus",
    sql: include_str!("corpus/corpus.sql"),
    truth: include_str!("corpus/truth.toml"),
    bars: Bars::DEFAULT,
};

#[test]
fn truth_covers_every_column_of_the_corpus() {
    CORPUS.check_truth_covers_every_column();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_corpus_meets_the_bar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corpus.db");
    CORPUS.load_sqlite(&path).await;
    let path = path.to_str().expect("utf-8 path").to_string();
    let report = common::scan_urls(&[&path], &common::options()).await;
    CORPUS.check(&report, Engine::Sqlite);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_corpus_meets_the_bar() {
    common::with_pg(|url| async move {
        CORPUS.load_pg(&url).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        CORPUS.check(&report, Engine::Postgres);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_corpus_meets_the_bar() {
    common::with_mysql(|url| async move {
        CORPUS.load_mariadb(&url).await;
        let report = common::scan_urls(&[&url], &common::options()).await;
        CORPUS.check(&report, Engine::Mariadb);
    })
    .await;
}
