//! The scripted audit end to end: answers, scan, findings from every source, reports, sessions,
//! re-rendering, diffs and questionnaire tooling.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn privaudit() -> Command {
    let mut c = Command::cargo_bin("privaudit").expect("binary");
    c.env_remove("PGPASSWORD").env_remove("MYSQL_PWD");
    c
}

fn answers() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/samples/answers.toml").to_string()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_sample_audit_shows_every_kind_of_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report");
    let session = dir.path().join("session.json");
    let o = privaudit()
        .args([
            "audit",
            "--answers",
            &answers(),
            "--fail-on",
            "critical",
            "--out",
        ])
        .arg(&out)
        .arg("--session")
        .arg(&session)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(3),
        "critical findings reach --fail-on critical: {}",
        stderr(&o)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("CRITICAL") && stdout.contains("Overall: critical"),
        "{stdout}"
    );
    for f in [
        "report.md",
        "report.json",
        "findings.csv",
        "inventory.csv",
        "access.csv",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("report.json"))).expect("json");
    let sources: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["source"].as_str())
        .collect();
    for s in ["scan", "posture", "answers", "reconciliation"] {
        assert!(sources.contains(s), "no {s} finding: {sources:?}");
    }
    // Every kind shows, on its own or as a view merged into another finding (`also`).
    let titles: Vec<String> = json["findings"]
        .as_array()
        .expect("f")
        .iter()
        .flat_map(|f| std::iter::once(f).chain(f["also"].as_array().into_iter().flatten()))
        .map(|f| f["title"].as_str().unwrap_or("").to_string())
        .collect();
    // One finding per problem and place: the plain-text password column is one finding that
    // carries the scan's view, the contradicted answer and the undeclared category.
    let at_password: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .expect("f")
        .iter()
        .filter(|f| f["location"] == "sample.main.employees.password")
        .collect();
    assert_eq!(at_password.len(), 1, "{at_password:#?}");
    assert_eq!(at_password[0]["check"], "plaintext_password");
    assert_eq!(at_password[0]["severity"], "critical");
    let views: Vec<&str> = at_password[0]["also"]
        .as_array()
        .expect("also")
        .iter()
        .filter_map(|v| v["check"].as_str())
        .collect();
    assert_eq!(
        views,
        ["hashed_declared_plaintext_found", "undeclared_password"]
    );
    let has = |needle: &str| titles.iter().any(|t| t.contains(needle));
    assert!(has("the team said we do not store it"), "{titles:#?}");
    assert!(has("declared but was not found"), "{titles:#?}");
    assert!(has("plain-text passwords were found"), "{titles:#?}");
    assert!(has("encrypted at rest, but"), "{titles:#?}");
    assert!(has("longer than the declared"), "{titles:#?}");
    assert!(has("free text holds no personal data"), "{titles:#?}");
    assert!(json["answers"]["data.categories"].is_array());
    assert_eq!(json["audit"]["mode"], "scripted");

    let md = read(&out.join("report.md"));
    for section in [
        "# Privacy audit report",
        "## Scope",
        "## Executive summary",
        "## Personal-data inventory",
        "## Access matrix",
        "## Findings",
        "## Risk matrix",
        "## Action plan",
        "## Answers",
        "## Appendix: not scanned",
    ] {
        assert!(md.contains(section), "{section} missing");
    }
    assert!(md.contains("[answers contradict the databases]"));
    assert!(!md.contains("@example.com"), "no raw values in the report");

    // The session renders the same report again without touching a database.
    let again = dir.path().join("again");
    let o = privaudit()
        .arg("report")
        .arg(&session)
        .arg("--out")
        .arg(&again)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&again.join("report.md")), md);

    // A second audit against the first as baseline: the same problems keep their ids.
    let second = dir.path().join("second");
    let o = privaudit()
        .args(["audit", "--answers", &answers(), "--out"])
        .arg(&second)
        .arg("--baseline")
        .arg(out.join("report.json"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md2 = read(&second.join("report.md"));
    assert!(md2.contains("## Changes since the baseline"));
    assert!(
        md2.contains("### New findings (0)"),
        "{}",
        &md2[md2.find("## Changes").unwrap_or(0)..]
    );
    assert!(md2.contains("### Resolved findings (0)"));

    let o = privaudit()
        .arg("diff")
        .arg(out.join("report.json"))
        .arg(&session)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        d["unchanged_findings"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );

    // A file that is not a report is a usage error naming the file and what is wrong, never an
    // empty diff.
    let wrong = dir.path().join("wrong.json");
    std::fs::write(&wrong, r#"{"findings": "none", "hello": 1}"#).expect("write");
    let o = privaudit()
        .arg("diff")
        .arg(out.join("report.json"))
        .arg(&wrong)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wrong.json: not a privaudit report or session"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&wrong, "[1, 2").expect("write");
    let o = privaudit()
        .arg("diff")
        .arg(&wrong)
        .arg(out.join("report.json"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not JSON"), "{}", stderr(&o));
}

#[test]
fn the_scripted_audit_refuses_what_the_interactive_one_refuses_and_keeps_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("a.toml");
    std::fs::write(
        &f,
        "[data]\ncategories = []\n\n[access]\ncopies = [\"none\", \"backups\"]\n\n[policy]\nlast_updated = 2030-01-01\n",
    )
    .expect("write");
    let o = privaudit()
        .args(["audit", "--answers"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("a.toml:2:14: `data.categories`: this question is required"),
        "{e}"
    );
    assert!(
        e.contains("a.toml:5:10: `access.copies`: `none`")
            && e.contains("rules out the other options"),
        "{e}"
    );
    assert!(
        e.contains("a.toml:8:16: `policy.last_updated`: 2030-01-01 is after today"),
        "{e}"
    );
    // A note next to an answer reaches the report and the session.
    let text = read(Path::new(&answers())).replace(
        "mfa_staff = \"no\"",
        "mfa_staff = { answer = \"no\", note = \"contractors use their own laptops\" }",
    );
    std::fs::write(&f, text).expect("write");
    let out = dir.path().join("r");
    let session = dir.path().join("s.json");
    let o = privaudit()
        .args(["audit", "--quiet", "--answers"])
        .arg(&f)
        .arg("--out")
        .arg(&out)
        .arg("--session")
        .arg(&session)
        .output()
        .expect("runs");
    assert!(o.status.code().is_some_and(|c| c != 2), "{}", stderr(&o));
    let md = read(&out.join("report.md"));
    assert!(
        md.contains("— No *(note: contractors use their own laptops)*"),
        "the Answers section shows the note"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("report.json"))).expect("json");
    assert_eq!(
        json["notes"]["security.mfa_staff"],
        "contractors use their own laptops"
    );
    let s: serde_json::Value = serde_json::from_str(&read(&session)).expect("session");
    assert_eq!(s["version"], 5);
    assert_eq!(
        s["notes"]["security.mfa_staff"],
        "contractors use their own laptops"
    );
}

#[test]
fn answer_errors_are_all_listed_with_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("a.toml");
    std::fs::write(&f, "[data]\ncategories = [\"email\", \"shoe_size\"]\nmystery = 1\n\n[security]\ntls_in_transit = 3\n").expect("write");
    let o = privaudit()
        .args(["audit", "--answers"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("a.toml:2:14:") && e.contains("shoe_size"), "{e}");
    assert!(
        e.contains("a.toml:3:1: unknown question `data.mystery`"),
        "{e}"
    );
    assert!(e.contains("a.toml:6:18:"), "{e}");

    std::fs::write(&f, "[data]\ncategories = [\"email\"]\n").expect("write");
    let o = privaudit()
        .args(["audit", "--answers"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("access.readers") && e.contains("retention.max_age_days"),
        "all missing ones listed: {e}"
    );

    let out = dir.path().join("r");
    let o = privaudit()
        .args(["audit", "--allow-unanswered", "--quiet", "--answers"])
        .arg(&f)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(read(&out.join("findings.csv")).contains("Required audit question not answered"));
}

#[test]
fn questionnaire_check_and_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("q.toml");
    std::fs::write(
        &f,
        "id = \"x\"\nversion = \"1\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.question]]\nid = \"c\"\nprompt = \"C\"\ntype = \"multi_choice\"\n[[section.question]]\nid = \"c\"\nprompt = \"D\"\ntype = \"text\"\nshow_if = { all = [ { question = \"a.zzz\", op = \"answered\" } ] }\n",
    )
    .expect("write");
    let o = privaudit()
        .args(["questionnaire", "check"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("q.toml:9:8: question `a.c` is multi_choice but has no options"),
        "{e}"
    );
    assert!(
        e.contains("q.toml:11:6: duplicate question id `a.c`"),
        "{e}"
    );
    assert!(e.contains("unknown question `a.zzz`"), "{e}");

    let o = privaudit()
        .args(["questionnaire", "check", "questionnaires/default.toml"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let o = privaudit()
        .args(["questionnaire", "template"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("[data]") && t.contains("# categories = []"),
        "{t}"
    );
    // Filling in nothing yields a valid (empty) answers file.
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, t.as_bytes()).expect("write");
    let o = privaudit()
        .args(["audit", "--answers"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(2),
        "only unanswered questions: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("required question(s) unanswered"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconciliation_against_postgres_readers_and_retention() {
    common::with_pg(|url| async move {
        let intruder = common::role(&url, "intruder");
        let app = common::role(&url, "app");
        common::pg_exec(
            &url,
            &[
                "CREATE TABLE members (id int, email text, created_at timestamp)",
                "INSERT INTO members SELECT g, 'member' || g || '@example.com', now() - (g || ' days')::interval FROM generate_series(1, 400) g",
                "CREATE INDEX ON members (created_at)",
                &format!("CREATE ROLE {intruder} LOGIN"),
                &format!("CREATE ROLE {app} LOGIN"),
                &format!("GRANT SELECT ON members TO {intruder}, {app}"),
            ],
        )
        .await;
        let dir = tempfile::tempdir().expect("tempdir");
        let answers = dir.path().join("a.toml");
        std::fs::write(
            &answers,
            format!(
                "[data]\ncategories = [\"email\"]\n[access]\nreaders = [\"{app}\", \"postgres\"]\n[retention]\nmax_age_days = 100\n[security]\ntls_in_transit = \"yes\"\npassword_storage = \"hashed\"\nencryption_at_rest = \"yes\"\n"
            ),
        )
        .expect("write");
        let out = dir.path().join("r");
        let (url2, answers2, out2) = (url.clone(), answers.clone(), out.clone());
        let o = tokio::task::spawn_blocking(move || {
            privaudit().args(["audit", "--allow-unanswered", "--quiet", "--db", &url2, "--answers"]).arg(&answers2).arg("--out").arg(&out2).output().expect("runs")
        })
        .await
        .expect("join");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_str(&read(&out.join("report.json"))).expect("json");
        let findings = json["findings"].as_array().expect("findings");
        let titles: Vec<&str> = findings.iter().filter_map(|f| f["title"].as_str()).collect();
        assert!(titles.iter().any(|t| t.starts_with(&format!("{intruder} can read personal data but is not an approved reader"))), "{titles:#?}");
        assert!(!titles.iter().any(|t| t.starts_with(&format!("{app} can read"))), "{titles:#?}");
        let retention = findings.iter().find(|f| f["title"].as_str().is_some_and(|t| t.contains("longer than the declared 100 days"))).expect("retention finding");
        let ev = retention["evidence"].to_string();
        assert!(ev.contains("rows older than that: 300 (exact, through an index)"), "{ev}");
    })
    .await;
}
