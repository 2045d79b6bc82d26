//! docs/contract.md and the code agree: the category ids, the exit codes and the report's
//! top-level fields.

fn contract() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/contract.md"))
        .expect("docs/contract.md")
}

#[test]
fn every_category_id_is_documented_and_nothing_else() {
    let doc = contract();
    let section = doc
        .split("## Category ids")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("section");
    let documented: Vec<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect();
    let code: Vec<String> = privaudit::rules::CATEGORIES
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(documented, code);
}

#[test]
fn the_report_fields_are_documented() {
    let doc = contract();
    let report = common_report();
    let json = serde_json::to_value(&report).expect("json");
    for key in json.as_object().expect("object").keys() {
        assert!(
            doc.contains(&format!("`{key}`")),
            "report field {key} undocumented"
        );
    }
}

fn common_report() -> privaudit::model::ScanReport {
    let s: privaudit::session::Session =
        serde_json::from_str(include_str!("golden/session.json")).expect("frozen session");
    s.scan.expect("scan")
}

#[test]
fn exit_codes_are_documented() {
    let doc = contract();
    for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |"] {
        assert!(doc.contains(code), "{code}");
    }
}
