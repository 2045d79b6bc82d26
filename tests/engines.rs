//! Engine behaviour against the real servers: hostile identifiers, odd and huge values,
//! read-only sessions, statement timeouts, permission-denied columns, materialized views,
//! include/exclude, and a failed target next to a good one.

mod common;

use std::time::Duration;

use privaudit::db::{ConnectOptions, Database};
use privaudit::model::{ScanReport, TableKind};
use privaudit::target::Target;
use sqlx::Connection;

const EMAILS: &str = "('jane.doe@example.com'), ('hans.m@example.de'), ('p.durand@example.fr'), ('ann.lee@example.org'), ('li.wei@example.net')";

fn found<'a>(
    r: &'a ScanReport,
    table: &str,
    column: &str,
) -> Option<&'a privaudit::model::ColumnReport> {
    r.columns
        .iter()
        .find(|c| c.table == table && c.column == column)
}

const HOSTILE: &[&str] = &[
    "we\"ird",
    "back`tick",
    "with space",
    "ünïcödé",
    "select",
    "a;drop table x--",
    "it's",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_hostile_identifiers_are_quoted() {
    common::with_pg(|url| async move {
        for name in HOSTILE {
            let q = privaudit::db::postgres::quote_ident(name);
            common::pg_exec(
                &url,
                &[
                    &format!("CREATE TABLE {q} ({q} text)"),
                    &format!("INSERT INTO {q} VALUES {EMAILS}"),
                ],
            )
            .await;
        }
        let r = common::scan_urls(&[&url], &common::options()).await;
        for name in HOSTILE {
            let c = found(&r, name, name)
                .unwrap_or_else(|| panic!("{name} not found: {:?}", r.skipped));
            assert_eq!(c.category, "email");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_hostile_identifiers_are_quoted() {
    common::with_mysql(|url| async move {
        for name in HOSTILE {
            let q = privaudit::db::mysql::quote_ident(name);
            common::mysql_exec(
                &url,
                &[
                    &format!("CREATE TABLE {q} ({q} text)"),
                    &format!("INSERT INTO {q} VALUES {EMAILS}"),
                ],
            )
            .await;
        }
        let r = common::scan_urls(&[&url], &common::options()).await;
        for name in HOSTILE {
            let c = found(&r, name, name)
                .unwrap_or_else(|| panic!("{name} not found: {:?}", r.skipped));
            assert_eq!(c.category, "email");
        }
    })
    .await;
}

async fn sqlite_file(statements: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    common::sqlite_exec(&path, statements).await;
    (dir, path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_hostile_names_invalid_utf8_huge_values_and_no_writes() {
    let mut stmts: Vec<String> = Vec::new();
    for name in HOSTILE {
        let q = privaudit::db::sqlite::quote_ident(name);
        stmts.push(format!("CREATE TABLE {q} ({q} text)"));
        stmts.push(format!("INSERT INTO {q} VALUES {EMAILS}"));
    }
    stmts.push("CREATE TABLE odd (id INTEGER PRIMARY KEY, notes TEXT, mixed)".into());
    stmts.push("INSERT INTO odd (notes, mixed) VALUES (CAST(X'fffe61c3' AS TEXT), X'00ff'), (printf('%.10000000c', 'x') || ' write to a.b@example.com', 42), ('ok', 'text')".into());
    let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
    let (_dir, path) = sqlite_file(&refs).await;
    let before = std::fs::read(&path).expect("read db");
    let r = common::scan_urls(&[path.to_str().expect("utf-8 path")], &common::options()).await;
    for name in HOSTILE {
        assert_eq!(
            found(&r, name, name).map(|c| c.category.as_str()),
            Some("email"),
            "{name}"
        );
    }
    // The 10 MB value was cut before matching (its e-mail lies past the cut): no panic, no find.
    assert!(found(&r, "odd", "notes").is_none());
    assert!(r.databases[0].error.is_none());
    assert_eq!(
        std::fs::read(&path).expect("read db"),
        before,
        "the scan must not change the file"
    );
    let fresh = path.with_extension("db-wal");
    assert!(!fresh.exists(), "no WAL file may be created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_session_is_read_only_and_values_are_cut() {
    common::with_pg(|url| async move {
        common::pg_exec(
            &url,
            &["CREATE TABLE big (id int, body text)", "INSERT INTO big SELECT g, repeat('y', 10000000) || ' a.b@example.com' FROM generate_series(1, 2) g"],
        )
        .await;
        let t = Target::parse(&url).expect("url");
        let db = Database::connect(&t, &ConnectOptions::default()).await.expect("connect");
        let Database::Postgres(pg) = &db else { panic!("postgres") };
        let err = sqlx::query("CREATE TABLE nope (x int)").execute(pg.pool()).await.expect_err("writes must fail");
        assert!(err.to_string().contains("read-only"), "{err}");
        let r = common::scan_urls(&[&url], &common::options()).await;
        assert!(found(&r, "big", "body").is_none(), "the e-mail lies past the cut");
        assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_session_is_read_only() {
    common::with_mysql(|url| async move {
        common::mysql_exec(
            &url,
            &[
                "CREATE TABLE t (id int primary key, email text)",
                "INSERT INTO t (id, email) VALUES (1, 'jane.doe@example.com')",
            ],
        )
        .await;
        let t = Target::parse(&url).expect("url");
        let db = Database::connect(&t, &ConnectOptions::default())
            .await
            .expect("connect");
        let Database::Mysql(my) = &db else {
            panic!("mysql")
        };
        let err = sqlx::query("INSERT INTO t (id, email) VALUES (2, 'x')")
            .execute(my.pool())
            .await
            .expect_err("writes must fail");
        assert!(
            err.to_string().to_lowercase().contains("read only")
                || err.to_string().contains("READ ONLY"),
            "{err}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_locked_table_times_out_and_the_scan_goes_on() {
    common::with_pg(|url| async move {
        common::pg_exec(
            &url,
            &[
                "CREATE TABLE locked (email text)",
                &format!("INSERT INTO locked VALUES {EMAILS}"),
                "CREATE TABLE free (email text)",
                &format!("INSERT INTO free VALUES {EMAILS}"),
            ],
        )
        .await;
        let mut holder = sqlx::PgConnection::connect(&url).await.expect("connect");
        sqlx::raw_sql("BEGIN; LOCK TABLE locked IN ACCESS EXCLUSIVE MODE")
            .execute(&mut holder)
            .await
            .expect("lock");
        let mut opts = common::options();
        opts.statement_timeout = Duration::from_secs(1);
        let r = common::scan_urls(&[&url], &opts).await;
        sqlx::raw_sql("ROLLBACK")
            .execute(&mut holder)
            .await
            .expect("unlock");
        assert!(found(&r, "free", "email").is_some());
        let s = r
            .skipped
            .iter()
            .find(|s| s.table.as_deref() == Some("locked"))
            .expect("locked table skipped");
        assert!(s.reason.contains("timeout"), "{}", s.reason);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_locked_table_times_out_and_the_scan_goes_on() {
    common::with_mysql(|url| async move {
        common::mysql_exec(
            &url,
            &[
                "CREATE TABLE locked (email text)",
                &format!("INSERT INTO locked VALUES {EMAILS}"),
                "CREATE TABLE free (email text)",
                &format!("INSERT INTO free VALUES {EMAILS}"),
            ],
        )
        .await;
        let mut holder = sqlx::MySqlConnection::connect(&url).await.expect("connect");
        sqlx::raw_sql("LOCK TABLES locked WRITE")
            .execute(&mut holder)
            .await
            .expect("lock");
        let mut opts = common::options();
        opts.statement_timeout = Duration::from_secs(1);
        let r = common::scan_urls(&[&url], &opts).await;
        sqlx::raw_sql("UNLOCK TABLES")
            .execute(&mut holder)
            .await
            .expect("unlock");
        assert!(found(&r, "free", "email").is_some());
        let s = r
            .skipped
            .iter()
            .find(|s| s.table.as_deref() == Some("locked"))
            .expect("locked table skipped");
        assert!(s.reason.contains("timeout"), "{}", s.reason);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_column_grants_materialized_views_and_invalid_utf8() {
    common::with_pg(|url| async move {
        let reader = common::role(&url, "reader");
        common::pg_exec(
            &url,
            &[
                "CREATE TABLE people (id int, email text, phone text)",
                "INSERT INTO people VALUES (1, 'jane.doe@example.com', '+49 170 1234567'), (2, 'hans.m@example.de', '+44 7946 012345')",
                "CREATE MATERIALIZED VIEW contact_list AS SELECT email FROM people",
                &format!("CREATE ROLE {reader} LOGIN"),
                &format!("GRANT SELECT (id, email) ON people TO {reader}"),
            ],
        )
        .await;
        let as_reader = common::as_user(&url, &reader, None);
        let r = common::scan_urls(&[&as_reader], &common::options()).await;
        assert!(found(&r, "people", "email").is_some(), "{r:?}");
        let denied = r.skipped.iter().find(|s| s.column.as_deref() == Some("phone")).expect("phone skipped");
        assert!(denied.reason.contains("permission denied"), "{}", denied.reason);
        // The materialized view is in the catalog; this reader may not read it, and says so.
        let mv = r.skipped.iter().find(|s| s.table.as_deref() == Some("contact_list"));
        assert!(mv.is_some(), "{:?}", r.skipped);
        // As the owner, the materialized view is scanned like a table.
        let r = common::scan_urls(&[&url], &common::options()).await;
        assert!(found(&r, "contact_list", "email").is_some());
        let t = Target::parse(&url).expect("url");
        let db = Database::connect(&t, &ConnectOptions::default()).await.expect("connect");
        let Database::Postgres(pg) = &db else { panic!("postgres") };
        use privaudit::db::Engine;
        let cat = pg.catalog().await.expect("catalog");
        assert!(cat.iter().any(|t| t.name == "contact_list" && t.kind == TableKind::MaterializedView));
    })
    .await;

    // Invalid UTF-8 can only exist in a SQL_ASCII database.
    let admin = common::pg_url();
    let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await else {
        return;
    };
    let name = common::unique("ascii");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
    )))
    .execute(&mut conn)
    .await
    .expect("create SQL_ASCII database");
    let url = common::with_db(&admin, &name);
    let outcome = async {
        common::pg_exec(&url, &["CREATE TABLE raw (notes text)", "INSERT INTO raw VALUES (E'\\xff\\xfe bytes'), (E'caf\\xe9 jane.doe@example.com'), (E'mail b.c@example.org')"]).await;
        common::scan_urls(&[&url], &common::options()).await
    }
    .await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await;
    assert!(
        outcome.databases[0].error.is_none(),
        "{:?}",
        outcome.databases
    );
    assert!(found(&outcome, "raw", "notes").is_some(), "{outcome:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn include_exclude_and_a_failed_target_beside_a_good_one() {
    let mut opts = common::options();
    opts.exclude = vec!["main.customers".into(), "main.kunden.telefon".into()];
    let r = common::scan_urls(&["sample", "postgres://nobody@127.0.0.1:1/none"], &opts).await;
    assert!(found(&r, "customers", "email").is_none());
    assert!(found(&r, "kunden", "telefon").is_none());
    assert!(found(&r, "kunden", "vorname").is_some());
    assert!(
        r.skipped
            .iter()
            .any(|s| s.table.as_deref() == Some("customers")
                && s.column.is_none()
                && s.reason == "excluded")
    );
    assert!(
        r.skipped
            .iter()
            .any(|s| s.column.as_deref() == Some("telefon") && s.reason == "excluded")
    );
    let failed = r
        .databases
        .iter()
        .find(|d| d.error.is_some())
        .expect("failed target listed");
    assert_eq!(failed.url, "postgres://nobody@127.0.0.1:1/none");
    assert!(
        failed
            .error
            .as_deref()
            .unwrap_or("")
            .contains("cannot connect"),
        "{failed:?}"
    );

    let mut opts = common::options();
    opts.include = vec!["main.legacy_import".into()];
    let r = common::scan_urls(&["sample"], &opts).await;
    assert!(r.columns.iter().all(|c| c.table == "legacy_import"));
    assert!(
        r.skipped
            .iter()
            .any(|s| s.table.as_deref() == Some("customers") && s.reason.contains("--include"))
    );
}

/// Names, types and mtimes of the files in a directory.
fn listing(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let e = e.expect("entry");
            let m = e.metadata().expect("meta");
            (
                e.file_name().to_string_lossy().into_owned(),
                m.len(),
                m.modified().expect("mtime"),
            )
        })
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_bad_names_and_extreme_rowids_cost_only_their_table() {
    let (dir, path) = sqlite_file(&[
        "CREATE TABLE good (id INTEGER PRIMARY KEY, email TEXT)",
        "INSERT INTO good VALUES (1, 'jane.doe@example.com'), (2, 'max.mustermann@example.de'), (3, 'ann.lee@example.org')",
        "CREATE TABLE bad_x (id INTEGER PRIMARY KEY, email TEXT)",
        "INSERT INTO bad_x VALUES (1, 'hidden.one@example.com')",
        "CREATE TABLE colbad (id INTEGER PRIMARY KEY, c_x TEXT, email TEXT)",
        "INSERT INTO colbad VALUES (1, 'x', 'eva.berg@example.com'), (2, 'y', 'tom.wolf@example.net')",
        "CREATE TABLE wide (id INTEGER PRIMARY KEY, email TEXT)",
        "INSERT INTO wide VALUES (-9223372036854775808, 'first.row@example.com'), (9223372036854775807, 'last.row@example.com'), (0, 'mid.row@example.com')",
        // Names that are not UTF-8, written straight into the schema as another tool might.
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET name = CAST(X'6261645fff' AS TEXT), tbl_name = CAST(X'6261645fff' AS TEXT), sql = 'CREATE TABLE \"' || CAST(X'6261645fff' AS TEXT) || '\" (id INTEGER PRIMARY KEY, email TEXT)' WHERE name = 'bad_x'",
        "UPDATE sqlite_schema SET sql = 'CREATE TABLE colbad (id INTEGER PRIMARY KEY, \"' || CAST(X'635fff' AS TEXT) || '\" TEXT, email TEXT)' WHERE name = 'colbad'",
        "PRAGMA writable_schema = OFF",
    ])
    .await;
    let r = common::scan_urls(&[path.to_str().expect("utf-8 path")], &common::options()).await;
    assert!(r.databases[0].error.is_none(), "{:?}", r.databases[0].error);
    for (t, c) in [("good", "email"), ("colbad", "email"), ("wide", "email")] {
        assert_eq!(
            found(&r, t, c).map(|c| c.category.as_str()),
            Some("email"),
            "{t}.{c}: {:?}",
            r.skipped
        );
    }
    let bad_table = r
        .skipped
        .iter()
        .find(|s| s.table.as_deref() == Some("bad_\u{fffd}") && s.column.is_none())
        .unwrap_or_else(|| panic!("bad table listed as skipped: {:?}", r.skipped));
    assert!(
        bad_table.reason.contains("not valid UTF-8"),
        "{bad_table:?}"
    );
    assert!(
        r.skipped
            .iter()
            .any(|s| s.table.as_deref() == Some("colbad")
                && s.column.as_deref() == Some("c_\u{fffd}")
                && s.reason.contains("not valid UTF-8")),
        "{:?}",
        r.skipped
    );
    drop(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_wal_database_is_read_without_a_trace() {
    let (dir, path) = sqlite_file(&[
        "PRAGMA journal_mode = WAL",
        "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT)",
        "INSERT INTO people VALUES (1, 'jane.doe@example.com'), (2, 'ann.lee@example.org')",
    ])
    .await;
    // Closed cleanly: the log is checkpointed and removed; the file stays in WAL mode.
    let before = listing(dir.path());
    assert_eq!(before.len(), 1, "{before:?}");
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(bytes[18], 2, "the file is in WAL mode");
    // Let a changed mtime show.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = common::scan_urls(&[path.to_str().expect("utf-8 path")], &common::options()).await;
    assert_eq!(
        found(&r, "people", "email").map(|c| c.category.as_str()),
        Some("email")
    );
    assert_eq!(
        listing(dir.path()),
        before,
        "no -wal/-shm, same size and mtime"
    );
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "same bytes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_database_twice_is_scanned_once_within_the_connection_cap() {
    common::with_pg(|url| async move {
        common::load_sample(&url, privaudit::target::EngineKind::Postgres).await;
        let db = common::db_name(&url);
        // Watch the server's own view of privaudit's sessions on this database while it runs.
        let admin = common::pg_url();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop_watch = stop.clone();
        let watch = tokio::spawn(async move {
            let mut c = sqlx::PgConnection::connect(&admin).await.expect("connect");
            let mut max = 0i64;
            while !stop_watch.load(std::sync::atomic::Ordering::SeqCst) {
                let n: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'privaudit'",
                )
                .bind(&db)
                .fetch_one(&mut c)
                .await
                .expect("pg_stat_activity");
                max = max.max(n);
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            max
        });
        let (u1, u2) = (url.clone(), url.replace("postgres://", "postgresql://"));
        let o = tokio::task::spawn_blocking(move || {
            assert_cmd::Command::cargo_bin("privaudit")
                .expect("binary")
                .args(["scan", "--quiet", "--format", "json", "--max-connections", "2"])
                .args(["--db", &u1, "--db", &u2])
                .output()
                .expect("runs")
        })
        .await
        .expect("join");
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let max = watch.await.expect("watcher");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(err.contains("scanned once"), "{err}");
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(json["databases"].as_array().map(Vec::len), Some(1));
        let mut cols: Vec<String> = json["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| format!("{}.{}", c["table"], c["column"]))
            .collect();
        let n = cols.len();
        cols.sort();
        cols.dedup();
        assert_eq!(cols.len(), n, "every column once");
        assert!(max >= 1, "the watcher saw the scan");
        assert!(max <= 2, "at most --max-connections sessions at once, saw {max}");
    })
    .await;
}
