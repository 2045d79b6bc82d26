//! The JSON report's schema, generated from the Rust types, is checked in as
//! `docs/report.schema.json` (an audit's report.json) and `docs/scan.schema.json`
//! (`privaudit scan --format json`); the golden report and a fresh scan validate against them.
//! `UPDATE_SCHEMA=1 cargo test --test schema` rewrites them after a change to the types.

use std::path::PathBuf;

fn doc(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).join(name)
}

fn generated(name: &str) -> serde_json::Value {
    let schema = match name {
        "report.schema.json" => schemars::schema_for!(privaudit::audit::AuditReport),
        _ => schemars::schema_for!(privaudit::model::ScanReport),
    };
    serde_json::to_value(&schema).expect("schema as JSON")
}

fn checked_in(name: &str) -> serde_json::Value {
    let path = doc(name);
    let fresh = generated(name);
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        let text = serde_json::to_string_pretty(&fresh).expect("pretty") + "\n";
        std::fs::write(&path, text).expect("write schema");
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (UPDATE_SCHEMA=1 cargo test --test schema)",
            path.display()
        )
    });
    let on_disk: serde_json::Value = serde_json::from_str(&text).expect("schema parses");
    assert_eq!(
        on_disk, fresh,
        "{name} is out of date with the Rust types: UPDATE_SCHEMA=1 cargo test --test schema"
    );
    on_disk
}

fn validate(schema: &serde_json::Value, instance: &serde_json::Value, what: &str) {
    let v = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_golden_audit_report_validates() {
    let schema = checked_in("report.schema.json");
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/report.json"
        ))
        .expect("golden report"),
    )
    .expect("json");
    validate(&schema, &report, "tests/golden/report.json");
    // And a wrong document does not.
    let mut broken = report.clone();
    broken["findings"] = serde_json::json!("none");
    let v = jsonschema::validator_for(&schema).expect("schema");
    assert!(
        !v.is_valid(&broken),
        "the schema must reject findings that are not a list"
    );
}

#[test]
fn a_fresh_scan_validates() {
    let schema = checked_in("scan.schema.json");
    let o = assert_cmd::Command::cargo_bin("privaudit")
        .expect("binary")
        .args(["scan", "--quiet", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let scan: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    validate(&schema, &scan, "privaudit scan --format json");
}
