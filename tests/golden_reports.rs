//! Golden files: the report writers rendering a frozen session of the sample audit
//! (`tests/golden/session.json`). Set UPDATE_GOLDEN=1 to rewrite the expected files after an
//! intended change, then review the diff.

use std::path::PathBuf;

use privaudit::audit;
use privaudit::report::{self, audit as audit_report};
use privaudit::session::Session;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).join(name)
}

fn check(name: &str, actual: &[u8]) {
    let path = golden(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = e
            .lines()
            .zip(a.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(e.lines().count().min(a.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  expected: {:?}\n  actual:   {:?}\n(UPDATE_GOLDEN=1 cargo test --test golden_reports to accept)",
            line + 1,
            e.lines().nth(line),
            a.lines().nth(line)
        );
    }
}

#[test]
fn the_sample_audit_renders_as_the_golden_files() {
    let s = Session::load(&golden("session.json")).expect("frozen session");
    let q = privaudit::questionnaire::builtin().expect("questionnaire");
    let mut r = audit::compile(
        &q,
        &s.answers,
        s.scan.clone().expect("scan"),
        &s.mode,
        false,
    );
    // As `privaudit report` does: the session's own times.
    audit::stamp(&mut r, &s.created_at, &s.updated_at);
    let render = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut b = Vec::new();
        f(&mut b).expect("render");
        b
    };
    check(
        "report.md",
        &render(&|w| audit_report::write_markdown(w, &r, &q)),
    );
    check("report.json", &render(&|w| report::write_json_value(w, &r)));
    check(
        "findings.csv",
        &render(&|w| report::write_findings_csv(w, &r.scan.findings)),
    );
    check(
        "inventory.csv",
        &render(&|w| report::write_inventory_csv(w, &r.scan.columns)),
    );
    check(
        "access.csv",
        &render(&|w| report::write_access_csv(w, &r.scan.access)),
    );
    check("scan.md", &render(&|w| report::write_markdown(w, &r.scan)));
}
