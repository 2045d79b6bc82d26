//! Classifier throughput on a realistic mix (`cargo bench --bench classifier`).
//!
//! The mix is data privaudit's authors did not write: the world corpus (Faker and python-stdnum,
//! 45 countries: names in many scripts, addresses, phones, national numbers, IBANs, dates,
//! decoys), the independent corpus (another generator's customers, orders, logs, free text,
//! JSON) and the public sample databases (Chinook, Northwind, Sakila), plus the built-in demo
//! shop, each column with every value its tables hold. Three measures:
//! - `as scanned`: what a scan does with a column's sample — each distinct value classified
//!   once, the column settled once 64 distinct values agree;
//! - `every value`: each value classified on its own, nothing settled (the classifier's raw
//!   per-value speed);
//! - `names only`: preparing the analysers (matching every name against every rule).
//!
//! The phone-number answers a scan remembers are forgotten before every iteration, so no
//! iteration is helped by the one before. Throughput is in bytes of values; the values per
//! second follow from the line printed first.

use std::sync::Arc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use privaudit::classify::{ColumnAnalyzer, ColumnValues, validate};
use privaudit::model::TypeClass;
use privaudit::rules::RuleSet;
use privaudit::target::EngineKind;
use sqlx::{Connection, Row};

struct Column {
    table: String,
    name: String,
    class: TypeClass,
    values: Vec<String>,
}

fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

async fn columns_of(name: &str, sql: &str, out: &mut Vec<Column>) {
    let mut c = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("in-memory SQLite");
    if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut c)
        .await
    {
        println!("{name}: left out of the mix, SQLite cannot load it ({e})");
        return;
    }
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut c)
            .await
            .expect("tables");
    for t in tables {
        let cols = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT name, type FROM pragma_table_info({})",
            format_args!("'{}'", t.replace('\'', "''"))
        )))
        .fetch_all(&mut c)
        .await
        .expect("columns");
        for col in cols {
            let name: String = col.get(0);
            let ty: String = col.get(1);
            let class = TypeClass::from_type_name(EngineKind::Sqlite, &ty);
            if class == TypeClass::Binary {
                continue;
            }
            let values: Vec<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT CAST({} AS TEXT) FROM {}",
                ident(&name),
                ident(&t)
            )))
            .fetch_all(&mut c)
            .await
            .expect("values");
            out.push(Column {
                table: t.clone(),
                name,
                class,
                values: values
                    .into_iter()
                    .flatten()
                    .filter(|v| !v.is_empty())
                    .collect(),
            });
        }
    }
}

fn mix() -> Vec<Column> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    rt.block_on(async {
        for f in [
            "tests/corpus_world/corpus.sql",
            "tests/corpus/corpus.sql",
            "tests/public/chinook.sql",
            "tests/public/northwind.sql",
            "tests/public/sakila.sql",
        ] {
            let sql = std::fs::read_to_string(format!("{root}/{f}")).expect(f);
            columns_of(f, &sql, &mut out).await;
        }
        columns_of(
            "sample",
            &privaudit::sample::render(EngineKind::Sqlite),
            &mut out,
        )
        .await;
    });
    out
}

fn bench(c: &mut Criterion) {
    let rules = Arc::new(RuleSet::builtin().expect("rules"));
    let columns = mix();
    let values: usize = columns.iter().map(|c| c.values.len()).sum();
    let bytes: usize = columns
        .iter()
        .flat_map(|c| &c.values)
        .map(|v| v.len())
        .sum();
    println!(
        "mix: {} columns, {values} values, {:.2} MB",
        columns.len(),
        bytes as f64 / 1e6
    );
    validate::warm_up();
    let prepared: Vec<ColumnValues> = columns
        .iter()
        .map(|c| {
            let mut v = ColumnValues::default();
            for x in &c.values {
                v.push(x);
            }
            v
        })
        .collect();
    let mut g = c.benchmark_group("classifier");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("as scanned", |b| {
        b.iter_batched(
            validate::forget_phone_answers,
            |()| {
                let mut found = 0;
                for (col, vals) in columns.iter().zip(&prepared) {
                    let mut a = ColumnAnalyzer::new(&rules, &col.table, &col.name, col.class);
                    vals.feed(&mut a);
                    found += usize::from(a.verdict().is_some());
                }
                found
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("every value", |b| {
        b.iter_batched(
            validate::forget_phone_answers,
            |()| {
                let mut found = 0;
                for col in &columns {
                    let mut a = ColumnAnalyzer::new(&rules, &col.table, &col.name, col.class)
                        .classify_all();
                    for v in &col.values {
                        a.observe(v);
                    }
                    found += usize::from(a.verdict().is_some());
                }
                found
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("names only", |b| {
        b.iter(|| {
            columns
                .iter()
                .map(|col| ColumnAnalyzer::new(&rules, &col.table, &col.name, col.class))
                .filter(|a| a.needs_values())
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
