//! Dates by their values: creation dates kept as TEXT (ISO 8601 with fractional seconds), as
//! epoch seconds and as `YYYYMMDD` numbers count for retention, and `YYYYMMDD` birth dates are
//! birth dates, on PostgreSQL, MariaDB and SQLite. The audit with a one-year retention over
//! 2023 rows kept as text raises the reconciliation finding on each engine.

mod common;

use assert_cmd::Command;
use chrono::{Duration, NaiveDate};

/// 300 rows created in 2023 and 100 in the last 100 days; every value fictional.
fn statements(text_type: &str, today: NaiveDate) -> Vec<String> {
    let mut members = Vec::new();
    let mut accounts = Vec::new();
    let mut patients = Vec::new();
    for i in 0..400u32 {
        let day = if i < 300 {
            NaiveDate::from_ymd_opt(2023, 1, 1).expect("date") + Duration::days(i64::from(i))
        } else {
            today - Duration::days(i64::from(i - 299))
        };
        let ts = day
            .and_hms_micro_opt(i % 24, i % 60, (i * 7) % 60, 100_000 + i * 13)
            .expect("time");
        members.push(format!(
            "({i}, 'member{i}@example.com', '{}')",
            ts.format("%Y-%m-%d %H:%M:%S%.6f")
        ));
        accounts.push(format!(
            "({i}, 'acct{i}@example.org', {})",
            ts.and_utc().timestamp()
        ));
        let birth =
            NaiveDate::from_ymd_opt(1940 + (i % 60) as i32, 1 + i % 12, 1 + i % 28).expect("birth");
        patients.push(format!(
            "({i}, 'patient{i}@example.net', {}, {})",
            day.format("%Y%m%d"),
            birth.format("%Y%m%d")
        ));
    }
    vec![
        format!(
            "CREATE TABLE members (id INTEGER PRIMARY KEY, email VARCHAR(120), created_at {text_type})"
        ),
        format!("INSERT INTO members VALUES {}", members.join(", ")),
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email VARCHAR(120), signup_ts BIGINT)"
            .into(),
        format!("INSERT INTO accounts VALUES {}", accounts.join(", ")),
        "CREATE TABLE patients (id INTEGER PRIMARY KEY, email VARCHAR(120), registered INTEGER, birth_yyyymmdd INTEGER)".into(),
        format!("INSERT INTO patients VALUES {}", patients.join(", ")),
    ]
}

fn audit(db: &str) -> (serde_json::Value, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("a.toml");
    std::fs::write(
        &answers,
        "[data]\ncategories = [\"email\", \"date_of_birth\"]\n[retention]\nmax_age_days = 365\n",
    )
    .expect("write");
    let out = dir.path().join("r");
    let o = Command::cargo_bin("privaudit")
        .expect("binary")
        .args(["audit", "--allow-unanswered", "--quiet", "--db", db])
        .arg("--answers")
        .arg(&answers)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("report.json")).expect("report.json"),
    )
    .expect("json");
    let scan = Command::cargo_bin("privaudit")
        .expect("binary")
        .args(["scan", "--quiet", "--format", "json", "--db", db])
        .output()
        .expect("runs");
    let scan: serde_json::Value = serde_json::from_slice(&scan.stdout).expect("scan json");
    (report, scan)
}

fn check(engine: &str, report: &serde_json::Value, scan: &serde_json::Value) {
    let retention = scan["retention"].as_array().expect("retention");
    let by_table = |t: &str| {
        retention
            .iter()
            .find(|r| r["table"] == t)
            .unwrap_or_else(|| panic!("{engine}: no retention record for {t}: {retention:#?}"))
    };
    for (table, column, read_as) in [
        ("members", "created_at", "ISO 8601 text"),
        ("accounts", "signup_ts", "seconds since 1970"),
        ("patients", "registered", "YYYYMMDD numbers"),
    ] {
        let r = by_table(table);
        assert_eq!(r["column"], column, "{engine}: {r}");
        assert_eq!(r["oldest"], "2023-01-01", "{engine}: {r}");
        assert!(
            r["read_as"].as_str().is_some_and(|s| s.contains(read_as)),
            "{engine}: {r}"
        );
        // 300 of 400 rows are older than a year; the sample sees them all.
        let year = &r["older_than"][0];
        assert_eq!(year["days"], 365, "{engine}: {r}");
        let rows = year["rows"].as_u64().expect("rows");
        assert!((290..=310).contains(&rows), "{engine}: {r}");
    }
    let birth = scan["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["column"] == "birth_yyyymmdd")
        .unwrap_or_else(|| panic!("{engine}: YYYYMMDD birth dates missed"));
    assert_eq!(birth["category"], "date_of_birth", "{engine}: {birth}");
    let findings = report["findings"].as_array().expect("findings");
    let exceeded: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| {
            f["id"]
                .as_str()
                .is_some_and(|i| i.starts_with("PA-RETENTION-EXCEEDED-"))
        })
        .collect();
    let members = exceeded
        .iter()
        .find(|f| {
            f["location"]
                .as_str()
                .is_some_and(|l| l.ends_with(".members"))
        })
        .unwrap_or_else(|| panic!("{engine}: no retention finding for members: {findings:#?}"));
    let ev = members["evidence"].to_string();
    assert!(ev.contains("ISO 8601 text"), "{engine}: {ev}");
    assert_eq!(exceeded.len(), 3, "{engine}: {exceeded:#?}");
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_epoch_and_yyyymmdd_dates_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dates.db");
    common::sqlite_exec(&path, &statements("TEXT", today())).await;
    let db = path.display().to_string();
    let (report, scan) = tokio::task::spawn_blocking(move || audit(&db))
        .await
        .expect("join");
    check("sqlite", &report, &scan);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_epoch_and_yyyymmdd_dates_on_postgres() {
    common::with_pg(|url| async move {
        let s = statements("TEXT", today());
        let refs: Vec<&str> = s.iter().map(String::as_str).collect();
        common::pg_exec(&url, &refs).await;
        // An index on the text column: the count is exact, compared as text.
        common::pg_exec(&url, &["CREATE INDEX ON members (created_at)", "ANALYZE"]).await;
        let (report, scan) = tokio::task::spawn_blocking(move || audit(&url))
            .await
            .expect("join");
        check("postgres", &report, &scan);
        let members = scan["retention"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["table"] == "members"))
            .expect("members");
        assert_eq!(members["method"], "index", "{members}");
        assert_eq!(members["older_than"][0]["rows"], 300, "{members}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_epoch_and_yyyymmdd_dates_on_mariadb() {
    common::with_mysql(|url| async move {
        let s = statements("VARCHAR(40)", today());
        let refs: Vec<&str> = s.iter().map(String::as_str).collect();
        common::mysql_exec(&url, &refs).await;
        common::mysql_exec(
            &url,
            &["CREATE INDEX members_created ON members (created_at)"],
        )
        .await;
        let (report, scan) = tokio::task::spawn_blocking(move || audit(&url))
            .await
            .expect("join");
        check("mariadb", &report, &scan);
        let members = scan["retention"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["table"] == "members"))
            .expect("members");
        assert_eq!(members["method"], "index", "{members}");
        assert_eq!(members["older_than"][0]["rows"], 300, "{members}");
    })
    .await;
}
