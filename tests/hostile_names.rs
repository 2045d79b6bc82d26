//! Hostile names from a schema we do not control reach no terminal, Markdown renderer or
//! spreadsheet raw: terminal escapes (clipboard-setting OSC 52, screen clearing CSI), bidi
//! overrides, Markdown images and links, CSV formulas. Every scan format and the audit's files
//! are searched byte by byte; the JSON still carries the exact names.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sqlx::Connection;

const NAMES: &[&str] = &[
    "t\u{1b}]52;c;aGVsbG8=\u{7}",
    "x\u{1b}[2J\u{1b}[H",
    "gpj.\u{202e}exe",
    "![x](https://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "=HYPERLINK(\"https://evil.example\")",
    "<img src=x onerror=alert(1)>",
    "a|b\nc\u{9b}31m",
];

/// The statements that build the hostile tables, with an engine's identifier quoting.
fn statements(quote: fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let t = quote(name);
        // The column is hostile too; the table holds e-mail addresses and old rows.
        let col = quote(&format!("email{name}"));
        out.push(format!(
            "CREATE TABLE {t} (id INTEGER PRIMARY KEY, {col} VARCHAR(200), created_at VARCHAR(40))"
        ));
        let rows: Vec<String> = (0..20)
            .map(|r| {
                format!(
                    "({r}, 'user{i}x{r}@example.com', '2019-0{}-1{} 10:00:00')",
                    1 + r % 9,
                    r % 10
                )
            })
            .collect();
        out.push(format!("INSERT INTO {t} VALUES {}", rows.join(", ")));
    }
    out
}

async fn hostile_db(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.db");
    common::sqlite_exec(&path, &statements(privaudit::db::sqlite::quote_ident)).await;
    path
}

fn privaudit() -> Command {
    Command::cargo_bin("privaudit").expect("binary")
}

/// Bytes a terminal must never get raw: C0 controls but tab and newline, DEL, C1, bidi.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && *c != '\t' && privaudit::escape::is_unsafe_char(*c))
        .collect()
}

fn check_bytes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad = unsafe_chars(&text);
    assert!(
        bad.is_empty(),
        "{what}: raw control/bidi characters {bad:?}"
    );
}

fn check_markdown(what: &str, md: &str) {
    check_bytes(what, md.as_bytes());
    // Structure starts only where its first character is not backslash-escaped.
    for raw in ["![x](", "[click](", "<img", "](https://", "](javascript:"] {
        let unescaped = md.match_indices(raw).any(|(i, _)| {
            let first_escaped = md[..i].ends_with('\\');
            let inner_escaped = raw.starts_with('!') && md[i + 1..].starts_with("\\[");
            !first_escaped && !inner_escaped
        });
        assert!(!unescaped, "{what}: raw Markdown {raw:?}");
    }
    assert!(
        md.contains(r"\[click\]") || !md.contains("click"),
        "{what}: names are still shown"
    );
}

fn check_csv(what: &str, csv_text: &str) {
    check_bytes(what, csv_text.as_bytes());
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    for rec in r.records() {
        let rec = rec.expect("csv parses");
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{what}: formula cell {cell:?}"
            );
        }
    }
}

/// Every format, the audit and a re-render of one database, searched byte by byte.
fn check_everything(db: String, out_dir: PathBuf, names: Vec<&'static str>) {
    {
        // JSON: exact names back, safe bytes.
        let o = privaudit()
            .args(["scan", "--quiet", "--format", "json", "--db", &db])
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        check_bytes("scan json", &o.stdout);
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let tables: Vec<&str> = json["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .filter_map(|c| c["table"].as_str())
            .collect();
        for n in &names {
            assert!(
                tables.contains(n),
                "JSON keeps the exact name {n:?}: {tables:?}"
            );
        }
        // `--timings` names the slowest tables on stderr.
        let o = privaudit()
            .args([
                "scan",
                "--quiet",
                "--timings",
                "--format",
                "json",
                "--db",
                &db,
            ])
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(0), "--timings");
        assert!(!o.stderr.is_empty(), "--timings prints to stderr");
        check_bytes("scan --timings stderr", &o.stderr);
        for format in ["table", "markdown", "csv"] {
            let o = privaudit()
                .args(["scan", "--quiet", "--format", format, "--db", &db])
                .output()
                .expect("runs");
            assert_eq!(o.status.code(), Some(0), "{format}");
            check_bytes(&format!("scan {format} stderr"), &o.stderr);
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            match format {
                "markdown" => check_markdown("scan markdown", &text),
                "csv" => check_csv("scan csv", &text),
                _ => {
                    check_bytes("scan table", text.as_bytes());
                    if names.contains(&NAMES[0]) {
                        assert!(text.contains(r"\x1b]52"), "escapes are shown: {text}");
                    }
                    if names.contains(&NAMES[2]) {
                        assert!(text.contains(r"\u{202e}"), "bidi is shown: {text}");
                    }
                }
            }
        }
        // The audit's files and its summary.
        let answers = out_dir.join("a.toml");
        std::fs::write(
            &answers,
            "[data]\ncategories = [\"email\"]\n[retention]\nmax_age_days = 365\n",
        )
        .expect("answers");
        let report = out_dir.join("report");
        let session = out_dir.join("session.json");
        let o = privaudit()
            .args(["audit", "--allow-unanswered", "--db", &db, "--answers"])
            .arg(&answers)
            .arg("--out")
            .arg(&report)
            .arg("--session")
            .arg(&session)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        check_bytes("audit stdout", &o.stdout);
        check_bytes("audit stderr", &o.stderr);
        check_bytes("session", &std::fs::read(&session).expect("session"));
        for entry in std::fs::read_dir(&report).expect("report dir") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("report file");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            match path.extension().and_then(|e| e.to_str()) {
                Some("md") => check_markdown(name, &text),
                Some("csv") => check_csv(name, &text),
                _ => check_bytes(name, text.as_bytes()),
            }
        }
        // Re-rendered from the session: the same rules.
        let o = privaudit()
            .args(["report"])
            .arg(&session)
            .arg("--out")
            .arg(out_dir.join("again"))
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        check_bytes("report stdout", &o.stdout);
        let md = std::fs::read_to_string(out_dir.join("again").join("report.md")).expect("md");
        check_markdown("report again", &md);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_reach_no_output_raw_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = hostile_db(dir.path()).await.display().to_string();
    let out = dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || check_everything(db, out, NAMES.to_vec()))
        .await
        .expect("join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_reach_no_output_raw_postgres() {
    common::with_pg(|url| async move {
        let s = statements(privaudit::db::postgres::quote_ident);
        let refs: Vec<&str> = s.iter().map(String::as_str).collect();
        common::pg_exec(&url, &refs).await;
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().to_path_buf();
        tokio::task::spawn_blocking(move || check_everything(url, out, NAMES.to_vec()))
            .await
            .expect("join");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_reach_no_output_raw_mariadb() {
    common::with_mysql(|url| async move {
        // MariaDB refuses a few of the characters in identifiers; keep those it takes.
        let s = statements(privaudit::db::mysql::quote_ident);
        let mut c = sqlx::MySqlConnection::connect(&url).await.expect("connect");
        let mut taken = Vec::new();
        for (i, pair) in s.chunks(2).enumerate() {
            if sqlx::raw_sql(sqlx::AssertSqlSafe(pair[0].to_string()))
                .execute(&mut c)
                .await
                .is_ok()
            {
                sqlx::raw_sql(sqlx::AssertSqlSafe(pair[1].to_string()))
                    .execute(&mut c)
                    .await
                    .expect("insert");
                taken.push(NAMES[i]);
            }
        }
        assert!(taken.len() >= 5, "MariaDB took only {taken:?}");
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().to_path_buf();
        tokio::task::spawn_blocking(move || check_everything(url, out, taken))
            .await
            .expect("join");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_tables_whose_names_differ_by_an_accent_keep_their_own_columns() {
    common::with_mysql(|url| async move {
        let mut c = sqlx::MySqlConnection::connect(&url).await.expect("connect");
        for sql in [
            "CREATE TABLE pacienti (id INT PRIMARY KEY, email VARCHAR(80))",
            "CREATE TABLE `pacienți` (id INT PRIMARY KEY, nr_client VARCHAR(20), telefon VARCHAR(30))",
            "INSERT INTO pacienti VALUES (1, 'ana.pop@example.com'), (2, 'ion.ene@example.com')",
            "INSERT INTO `pacienți` VALUES (1, 'C-1', '+40 721 234 567'), (2, 'C-2', '+40 722 345 678')",
        ] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&mut c)
                .await
                .expect(sql);
        }
        let report = common::scan_urls(&[&url], &common::options()).await;
        assert!(
            report.skipped.is_empty(),
            "nothing skipped: {:?}",
            report.skipped
        );
        let found = |table: &str, column: &str| {
            report
                .columns
                .iter()
                .any(|col| col.table == table && col.column == column)
        };
        assert!(found("pacienti", "email") && found("pacienți", "telefon"));
        assert!(!found("pacienti", "telefon") && !found("pacienți", "email"));
    })
    .await;
}
