use super::*;
use crate::model::{AccessRecord, AccessState, ColumnReport, DatabaseReport, Limits, ScanReport};

fn q() -> Loaded {
    crate::questionnaire::parse(crate::questionnaire::DEFAULT, "default.toml").expect("default")
}

fn db(id: &str, engine: EngineKind) -> DatabaseReport {
    DatabaseReport {
        id: id.into(),
        url: id.into(),
        engine,
        server_version: Some("PostgreSQL 15".into()),
        scanned_as: None,
        limits: Limits {
            sample_rows: 1000,
            statement_timeout_secs: 10,
            max_connections: 4,
            max_value_bytes: 4096,
            sampling: String::new(),
        },
        tables: 1,
        columns: 1,
        error: None,
    }
}

fn col(table: &str, column: &str, category: &str) -> ColumnReport {
    ColumnReport {
        database: "shop".into(),
        schema: "public".into(),
        table: table.into(),
        column: column.into(),
        category: category.into(),
        categories: vec![category.into()],
        data_type: "text".into(),
        confidence: 0.9,
        sensitivity: crate::model::Sensitivity::Medium,
        rows_sampled: 10,
        values_decided: 10,
        values_matched: 10,
        signals: Vec::new(),
        examples: Vec::new(),
        estimated_rows: None,
        rows_read: 10,
        evidence: crate::model::Evidence::Values,
        weak_hashes: 0,
    }
}

fn read(role: &str, table: &str, via: &str) -> AccessRecord {
    AccessRecord {
        database: "shop".into(),
        schema: "public".into(),
        table: table.into(),
        column: None,
        role: role.into(),
        privilege: "SELECT".into(),
        via: via.into(),
        state: AccessState::Confirmed,
        note: None,
    }
}

fn scan() -> ScanReport {
    ScanReport {
        databases: vec![db("shop", EngineKind::Postgres)],
        columns: vec![
            col("customers", "email", "email"),
            col("customers", "health_note", "health"),
        ],
        access: (0..40)
            .map(|i| read("analyst", &format!("t{i}"), "inherited from role readers"))
            .chain([read("app", "customers", "direct grant")])
            .collect(),
        posture: Vec::new(),
        retention: Vec::new(),
        ..ScanReport::default()
    }
}

#[test]
fn a_role_reading_forty_tables_is_one_line_and_unlisted_roles_come_first() {
    let q = q();
    let s = scan();
    let mut a = Answers::new();
    a.insert("access.readers".into(), serde_json::json!(["app"]));
    let e = for_question(&q, "access.readers", &a, &Facts::of(&s));
    assert_eq!(e.lines.len(), 2, "{e:?}");
    assert_eq!(e.lines[0].mark, Mark::Contradicts);
    assert!(
        e.lines[0].text.starts_with("analyst on shop: 40 tables"),
        "{e:?}"
    );
    assert!(e.lines[0].text.contains("not on your list"));
    assert_eq!(e.lines[1].mark, Mark::Agrees);
    assert_eq!(e.picks, vec!["analyst".to_string(), "app".to_string()]);
}

#[test]
fn unticked_categories_come_first_and_ticked_ones_not_found_are_named() {
    let q = q();
    let s = scan();
    let mut a = Answers::new();
    a.insert(
        "data.categories".into(),
        serde_json::json!(["email", "iban"]),
    );
    let e = for_question(&q, "data.categories", &a, &Facts::of(&s));
    let texts: Vec<(Mark, &str)> = e.lines.iter().map(|l| (l.mark, l.text.as_str())).collect();
    assert_eq!(texts[0].0, Mark::Contradicts, "{texts:?}");
    assert!(texts[0].1.starts_with("Health data"), "{texts:?}");
    assert!(texts.iter().any(|(m, t)| *m == Mark::Attention
        && t.contains("Bank account numbers")
        && t.contains("ticked, not found")));
    // The special-category question shows only the special category.
    let sc = for_question(&q, "consent.special_category_condition", &a, &Facts::of(&s));
    assert_eq!(sc.lines.len(), 1, "{sc:?}");
    assert!(sc.lines[0].text.contains("not ticked"));
}

#[test]
fn every_declared_kind_has_a_reason_for_none() {
    let q = q();
    let empty = ScanReport {
        databases: vec![db("shop", EngineKind::Postgres)],
        ..ScanReport::default()
    };
    for id in &q.ids {
        let e = for_question(&q, id, &Answers::new(), &Facts::of(&empty));
        // Only the kinds about the databases themselves have something to say.
        let about_databases = q.get(id).is_some_and(|r| {
            r.question
                .evidence
                .iter()
                .any(|k| matches!(k, EvidenceKind::Systems | EvidenceKind::Versions))
        });
        assert!(e.lines.is_empty() || about_databases, "{id}: {e:?}");
        if e.lines.is_empty() {
            let why = e.none.unwrap_or_default();
            assert!(why.len() > 20, "{id}: {why:?}");
        }
    }
}

#[test]
fn the_default_questionnaire_declares_evidence_where_the_scan_can_speak() {
    let q = q();
    for id in [
        "data.categories",
        "access.readers",
        "security.tls_in_transit",
        "security.password_storage",
        "minimisation.free_text",
        "retention.max_age_days",
        "consent.special_category_condition",
    ] {
        let r = q.get(id).expect(id);
        assert!(!r.question.evidence.is_empty(), "{id} declares no evidence");
    }
    // An unknown kind is an error with its place, like any other questionnaire mistake.
    let bad = crate::questionnaire::DEFAULT.replacen(
        "evidence = [\"readers\"]",
        "evidence = [\"mind_reading\"]",
        1,
    );
    let err = crate::questionnaire::parse(&bad, "bad.toml").expect_err("unknown evidence kind");
    assert!(
        err.contains("bad.toml:") && err.contains("mind_reading"),
        "{err}"
    );
}
