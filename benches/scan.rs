//! Scan benchmarks that print figures (run with `cargo bench --bench scan`):
//! - the built-in sample, end to end (load into SQLite, catalog, sample, classify);
//! - classifier throughput on typical values;
//! - sampling cost against table size on PostgreSQL and MariaDB (10 thousand vs 1 million rows),
//!   which must stay flat: the sample is bounded, never a full scan.

use std::sync::Arc;
use std::time::{Duration, Instant};

use privaudit::classify::ColumnAnalyzer;
use privaudit::model::TypeClass;
use privaudit::rules::RuleSet;
use privaudit::scan::{self, ScanOptions};
use privaudit::target::Target;
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn scan_once(targets: &[Target], opts: &ScanOptions) -> (Duration, usize) {
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let t = Instant::now();
    let r = scan::run(targets, opts, tx, CancellationToken::new())
        .await
        .expect("scan");
    (t.elapsed(), r.columns.len())
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let rules = Arc::new(RuleSet::builtin().expect("rules"));
    let opts = ScanOptions::new(rules.clone());

    // 1. The sample, end to end. The first run includes loading phone metadata.
    let sample = [Target::sample()];
    let runs: Vec<(Duration, usize)> = (0..7)
        .map(|_| rt.block_on(scan_once(&sample, &opts)))
        .collect();
    let cols = runs[0].1;
    println!(
        "sample scan (SQLite in memory, 4,060 rows, 14 tables): first {:.0} ms, median of 7 {:.0} ms, {cols} personal-data columns",
        runs[0].0.as_secs_f64() * 1000.0,
        median(runs.iter().map(|r| r.0).collect()).as_secs_f64() * 1000.0
    );

    // 2. Classifier throughput.
    let values: Vec<String> = (0..100_000)
        .map(|i| match i % 5 {
            0 => format!("user{i}@example.com"),
            1 => format!("+49 170 {:07}", i),
            2 => format!("Order {i} did not arrive, please call me back"),
            3 => format!("{}", 1_000_000 + i),
            _ => "Wireless Mouse".to_string(),
        })
        .collect();
    let t = Instant::now();
    let mut a = ColumnAnalyzer::new(&rules, "support_tickets", "body", TypeClass::Text);
    for v in &values {
        a.observe(v);
    }
    let _ = a.verdict();
    let el = t.elapsed();
    println!(
        "classifier, free-text column: {} values in {:.0} ms = {:.0} values/s",
        values.len(),
        el.as_secs_f64() * 1000.0,
        values.len() as f64 / el.as_secs_f64()
    );

    // 3. Sampling cost against table size.
    rt.block_on(size_independence(&opts));
}

async fn size_independence(opts: &ScanOptions) {
    let pg = std::env::var("PRIVAUDIT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sqlx::PgConnection::connect(&pg).await {
        Err(e) => println!("postgres: skipped ({e})"),
        Ok(mut admin) => {
            let name = format!("pat_bench_{}", std::process::id());
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .expect("create");
            let mut u = url::Url::parse(&pg).expect("url");
            u.set_path(&name);
            let url = u.to_string();
            let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
            for (t, n) in [("small", 10_000), ("large", 1_000_000)] {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "CREATE TABLE {t} AS SELECT g AS id, 'user' || g || '@example.com' AS email, 'note ' || g AS note FROM generate_series(1, {n}) g; ANALYZE {t};"
                )))
                .execute(&mut c)
                .await
                .expect("fill");
            }
            for t in ["small", "large"] {
                let mut o = opts.clone();
                o.include = vec![format!("public.{t}")];
                let runs: Vec<Duration> = futures_median(&url, &o).await;
                println!(
                    "postgres {t:>5} table: median sample+classify {:.1} ms",
                    median(runs).as_secs_f64() * 1000.0
                );
            }
            drop(c);
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
        }
    }
    let my = std::env::var("PRIVAUDIT_TEST_MYSQL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    match sqlx::MySqlConnection::connect(&my).await {
        Err(e) => println!("mariadb: skipped ({e})"),
        Ok(mut admin) => {
            let name = format!("pat_bench_{}", std::process::id());
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .expect("create");
            let mut u = url::Url::parse(&my).expect("url");
            u.set_path(&name);
            let url = u.to_string();
            let mut c = sqlx::MySqlConnection::connect(&url).await.expect("connect");
            for (t, n) in [("small", 10_000u32), ("large", 1_000_000)] {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "CREATE TABLE {t} (id INT PRIMARY KEY, email VARCHAR(80), note VARCHAR(40)); \
                     INSERT INTO {t} SELECT seq, CONCAT('user', seq, '@example.com'), CONCAT('note ', seq) FROM seq_1_to_{n}; ANALYZE TABLE {t};"
                )))
                .execute(&mut c)
                .await
                .expect("fill (MariaDB sequence engine)");
            }
            for t in ["small", "large"] {
                let mut o = opts.clone();
                o.include = vec![format!("{name}.{t}")];
                let runs = futures_median(&url, &o).await;
                println!(
                    "mariadb  {t:>5} table: median sample+classify {:.1} ms",
                    median(runs).as_secs_f64() * 1000.0
                );
            }
            drop(c);
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
                .execute(&mut admin)
                .await;
        }
    }
}

async fn futures_median(url: &str, o: &ScanOptions) -> Vec<Duration> {
    let t = [Target::parse(url).expect("url")];
    let mut v = Vec::new();
    for _ in 0..5 {
        v.push(scan_once(&t, o).await.0);
    }
    v
}
