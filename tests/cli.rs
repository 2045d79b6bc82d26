//! The `privaudit` binary as a user runs it: formats, files, exit codes and one-line errors.

mod common;

use assert_cmd::Command;

fn privaudit() -> Command {
    let mut c = Command::cargo_bin("privaudit").expect("binary");
    c.env_remove("PGPASSWORD").env_remove("MYSQL_PWD");
    c
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn scan_of_the_sample_writes_json_when_piped() {
    let o = privaudit().args(["scan"]).output().expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json on stdout");
    for key in [
        "tool",
        "started_at",
        "finished_at",
        "databases",
        "columns",
        "access",
        "posture",
        "skipped",
        "findings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["databases"][0]["url"], "sample");
    assert!(v["columns"].as_array().is_some_and(|c| c.len() > 40));
    assert!(
        stderr(&o).is_empty(),
        "no progress bar when stderr is not a terminal: {}",
        stderr(&o)
    );
}

#[test]
fn every_format_writes_the_inventory() {
    let o = privaudit()
        .args(["scan", "--format", "csv", "--include", "main.legacy_import"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("database,schema,table,column,data_type,category"))
    );
    assert!(
        lines.all(|l| l.starts_with("sample,main,legacy_import,")),
        "{csv}"
    );

    let o = privaudit()
        .args(["scan", "--format", "markdown"])
        .output()
        .expect("runs");
    let md = stdout(&o);
    assert!(
        md.contains("# Personal-data inventory")
            && md.contains("## Not scanned")
            && md.contains("| sample | main.customers | email |"),
        "{md}"
    );

    let o = privaudit()
        .args(["scan", "--format", "table"])
        .output()
        .expect("runs");
    let table = stdout(&o);
    assert!(table.contains("personal-data columns in"), "{table}");
    assert!(!table.contains("@example.com"), "examples are masked");
}

#[test]
fn out_writes_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inventory.json");
    let o = privaudit()
        .args(["scan", "--quiet", "--out"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("file")).expect("json");
    assert!(v["columns"].is_array());
}

#[test]
fn an_unreachable_server_is_one_line_and_the_rest_is_still_scanned() {
    let o = privaudit()
        .args([
            "scan",
            "--db",
            "postgres://auditor:s3cr3t-pw@127.0.0.1:1/shop",
            "--db",
            "sample",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("postgres://auditor@127.0.0.1:1/shop") && err.contains("cannot connect"),
        "{err}"
    );
    assert!(!err.contains("s3cr3t-pw") && !stdout(&o).contains("s3cr3t-pw"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["columns"].as_array().is_some_and(|c| !c.is_empty()),
        "the sample was still scanned"
    );
}

#[test]
fn missing_and_non_sqlite_files_are_clear() {
    let o = privaudit()
        .args(["scan", "--db", "/nonexistent/shop.db"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no such file: /nonexistent/shop.db"),
        "{}",
        stderr(&o)
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("secret.db");
    std::fs::write(&f, b"\x8a\x01 encrypted bytes that are not a SQLite header").expect("write");
    let o = privaudit()
        .args(["scan", "--db"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a plain SQLite 3 database"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2_and_say_what_to_do() {
    let o = privaudit()
        .args(["scan", "--db", "oracle://x@y/z"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unsupported database URL scheme"),
        "{}",
        stderr(&o)
    );
    let o = privaudit()
        .args(["scan", "--exclude", "[oops"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad pattern `[oops`"), "{}", stderr(&o));
    let o = privaudit()
        .args(["scan", "--min-confidence", "2"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"x\"\ncategory = \"email\"\nvalidator = \"nope\"\n",
    )
    .expect("write");
    let o = privaudit()
        .args(["scan", "--rules"])
        .arg(&rules)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown validator `nope`"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_reported_without_the_password() {
    common::with_mysql(|url| async move {
        let user = common::role(&url, "aud");
        let db = common::db_name(&url);
        common::mysql_exec(
            &url,
            &[
                &format!("CREATE USER '{user}'@'%' IDENTIFIED BY 'right-pw'"),
                &format!("GRANT SELECT ON `{db}`.* TO '{user}'@'%'"),
            ],
        )
        .await;
        let bad = common::as_user(&url, &user, Some("wrong-pw-123"));
        let o = tokio::task::spawn_blocking(move || {
            privaudit()
                .args(["scan", "--db", &bad])
                .output()
                .expect("runs")
        })
        .await
        .expect("join");
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains("Access denied"), "{err}");
        assert!(!err.contains("wrong-pw-123"), "{err}");
        // The password may also come from MYSQL_PWD.
        let good = common::as_user(&url, &user, None);
        let o = tokio::task::spawn_blocking(move || {
            privaudit()
                .env("MYSQL_PWD", "right-pw")
                .args(["scan", "--db", &good])
                .output()
                .expect("runs")
        })
        .await
        .expect("join");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    })
    .await;
}

#[test]
fn the_interactive_audit_needs_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [&[][..], &["run"][..]] {
        let o = privaudit()
            .current_dir(dir.path())
            .args(args)
            .write_stdin("")
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("terminal") && err.contains("privaudit audit"),
            "{err}"
        );
        assert!(
            !dir.path().join("privaudit-session.json").exists(),
            "no session file without a terminal"
        );
    }
}

/// Every malformed or stray URL from issue 9: the password never reaches stdout or stderr, and
/// the run stops with a usage error (exit 2) instead of scanning a "SQLite path".
#[test]
fn malformed_and_stray_urls_never_echo_the_password() {
    let urls = [
        "postgres://bob:S3cret",
        "postgres://bob@127.0.0.1:99999/db?password=S3cret",
        "postgresql:/bob:S3cret@127.0.0.1/db",
        "mysql:bob:S3cret@127.0.0.1/db",
        "mysql://bob:S3cret@127.0.0.1:notaport/db",
    ];
    let mut runs: Vec<Vec<String>> = Vec::new();
    for u in urls {
        runs.push(vec![
            "scan".into(),
            "--quiet".into(),
            "--db".into(),
            u.into(),
        ]);
        runs.push(vec!["scan".into(), u.into()]);
        runs.push(vec!["run".into(), u.into()]);
        runs.push(vec![u.into()]);
    }
    for args in runs {
        let o = privaudit()
            .args(&args)
            .env("PGPASSWORD", "EnvS3cret")
            .env("MYSQL_PWD", "EnvS3cret")
            .output()
            .expect("runs");
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            !all.contains("S3cret"),
            "{args:?} printed a password: {all}"
        );
        assert_eq!(o.status.code(), Some(2), "{args:?}: {all}");
    }
}

/// A FIFO used to block the run forever and /dev/null was scanned as an empty database (exit 0):
/// both are refused at once with a clear message (exit 1).
#[test]
fn fifos_and_devices_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.db");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    for path in [fifo.as_path(), std::path::Path::new("/dev/null")] {
        let o = privaudit()
            .args(["scan", "--quiet", "--db"])
            .arg(path)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}: {}",
            path.display(),
            stderr(&o)
        );
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
}

/// A "PostgreSQL server" that accepts the connection and never answers used to hang the run
/// forever; now the connect is bounded and the run fails with a line naming the server (exit 1).
#[test]
fn a_silent_postgres_server_does_not_hang_the_run() {
    let port = silent_server();
    let started = std::time::Instant::now();
    let o = privaudit()
        .args(["scan", "--quiet", "--statement-timeout", "1", "--db"])
        .arg(format!("postgres://nobody@127.0.0.1:{port}/db"))
        .timeout(std::time::Duration::from_secs(40))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("did not answer"), "{}", stderr(&o));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

/// A listener that accepts connections and never writes a byte.
fn silent_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().take(16).flatten() {
            held.push(s);
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    });
    port
}

#[test]
fn hung_servers_are_named_and_the_other_databases_are_reported() {
    let (my, pg) = (silent_server(), silent_server());
    let o = privaudit()
        .args([
            "scan",
            "--quiet",
            "--format",
            "json",
            "--connect-timeout",
            "2",
        ])
        .args(["--db", "sample"])
        .arg("--db")
        .arg(format!("mysql://nobody:S3cretHung@127.0.0.1:{my}/db"))
        .arg("--db")
        .arg(format!("postgres://nobody:S3cretHung@127.0.0.1:{pg}/db"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for port in [my, pg] {
        assert!(
            err.lines().any(|l| l.contains(&format!("127.0.0.1:{port}"))
                && l.contains("did not answer within 2 s")),
            "the hung server on {port} is named: {err}"
        );
    }
    assert!(
        !err.contains("S3cretHung") && !String::from_utf8_lossy(&o.stdout).contains("S3cretHung")
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    let dbs = json["databases"].as_array().expect("databases");
    assert_eq!(dbs.len(), 3);
    assert!(
        dbs.iter()
            .any(|d| d["id"] == "sample" && d["error"].is_null())
    );
    assert!(
        json["columns"].as_array().is_some_and(|c| c.len() > 40),
        "the sample was scanned"
    );
}

/// A proxy to the test PostgreSQL server that goes silent, in both directions, as soon as the
/// client sends the catalog query: a server that hangs after the login.
fn freezing_proxy(upstream: std::net::SocketAddr) -> u16 {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for client in listener.incoming().take(16).flatten() {
            let Ok(server) = std::net::TcpStream::connect(upstream) else {
                continue;
            };
            let frozen = Arc::new(AtomicBool::new(false));
            let pump = |mut from: std::net::TcpStream,
                        mut to: std::net::TcpStream,
                        frozen: Arc<AtomicBool>,
                        watch: bool| {
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        if watch && buf[..n].windows(8).any(|w| w == b"pg_class") {
                            frozen.store(true, Ordering::SeqCst);
                        }
                        if frozen.load(Ordering::SeqCst) {
                            // Hold the connection, answer nothing.
                            std::thread::sleep(std::time::Duration::from_secs(60));
                            break;
                        }
                        if to.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                });
            };
            let (c2, s2) = (
                client.try_clone().expect("clone"),
                server.try_clone().expect("clone"),
            );
            pump(client, server, frozen.clone(), true);
            pump(s2, c2, frozen, false);
        }
    });
    port
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_hangs_after_login_fails_its_database_only() {
    common::with_pg(|url| async move {
        common::pg_exec(&url, &["CREATE TABLE people (id int, email text)"]).await;
        let u = url::Url::parse(&url).expect("url");
        let upstream = format!(
            "{}:{}",
            u.host_str().unwrap_or("127.0.0.1"),
            u.port().unwrap_or(5432)
        )
        .parse()
        .expect("socket address");
        let port = freezing_proxy(upstream);
        let mut proxied = u.clone();
        proxied.set_port(Some(port)).expect("port");
        proxied.set_query(Some("sslmode=disable"));
        let proxied = proxied.to_string();
        let o = tokio::task::spawn_blocking(move || {
            privaudit()
                .args([
                    "scan",
                    "--quiet",
                    "--format",
                    "json",
                    "--statement-timeout",
                    "1",
                ])
                .args(["--db", "sample", "--db", &proxied])
                .timeout(std::time::Duration::from_secs(60))
                .output()
                .expect("runs")
        })
        .await
        .expect("join");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("the catalog read did not finish within 10 s"),
            "{err}"
        );
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert!(
            json["databases"].as_array().is_some_and(|d| d
                .iter()
                .any(|d| d["id"] == "sample" && d["error"].is_null())),
            "the sample is still reported"
        );
    })
    .await;
}

#[test]
fn timings_say_where_the_time_went_on_stderr_and_leave_the_report_alone() {
    let o = privaudit()
        .args(["scan", "--timings", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("privaudit: timings\n"), "{err}");
    let db_line = err
        .lines()
        .find(|l| l.trim_start().starts_with("sample: connect "))
        .unwrap_or_else(|| panic!("a line for the sample database: {err}"));
    for phase in [
        "catalog ",
        "tables ",
        "sampling ",
        "classification ",
        "retention ",
        "access ",
    ] {
        assert!(db_line.contains(phase), "{phase} in {db_line}");
    }
    // The five slowest tables, slowest first, each with its rows; then the report.
    let tables: Vec<&str> = err.lines().filter(|l| l.contains(" rows")).collect();
    assert_eq!(tables.len(), 5, "{err}");
    assert!(
        tables.iter().all(|l| l.trim_start().starts_with("main.")),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.trim_start().starts_with("report: ")),
        "{err}"
    );
    // The report on stdout is the contract's, with no timings in it.
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json on stdout");
    assert!(v.get("timings").is_none());
    assert!(v["columns"].as_array().is_some_and(|c| c.len() > 40));

    // The audit takes the flag too.
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/answers.toml");
    let o = privaudit()
        .args(["audit", "--answers", answers, "--timings", "--out"])
        .arg(dir.path().join("report"))
        .output()
        .expect("runs");
    assert!(matches!(o.status.code(), Some(0 | 3)), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("privaudit: timings\n"),
        "{}",
        stderr(&o)
    );
    // Without the flag, nothing.
    let o = privaudit().args(["scan"]).output().expect("runs");
    assert!(!stderr(&o).contains("timings"), "{}", stderr(&o));
}
