//! Property tests ("fuzzing with a kept corpus") for every parser and every report writer:
//! database URLs (`target`), questionnaires, answers files, rules files, session files, and the
//! JSON / CSV / Markdown / table writers of scans and audits.
//!
//! Inputs: arbitrary Unicode with control characters, NUL, bidi and zero-width characters; valid
//! files with one mutation; deeply nested TOML and JSON; strings of about 100 KB. Properties:
//! nothing panics or hangs; parse errors carry FILE:LINE:COLUMN where the format has positions; a
//! password in a URL never shows in a display form or an error; writers keep their output
//! well-formed and free of raw control characters whatever the names and values are.
//!
//! Kept corpus: failures proptest found are in `parsers_fuzz.proptest-regressions` (replayed
//! first), and hand-picked nasty inputs live in `tests/fuzz_corpus/` (replayed on every run by
//! `kept_corpus_replays`); regressions for bugs found here are in `found_bugs_*` below.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use privaudit::answers::{self, Answers};
use privaudit::audit::{self, AuditReport, Diff};
use privaudit::escape::is_unsafe_char;
use privaudit::model::{
    AccessRecord, AccessState, AgeBucket, ColumnReport, DatabaseReport, Finding, FindingSource,
    Limits, PostureCheck, PostureState, RetentionReport, ScanReport, Sensitivity, Severity,
    Skipped, ToolInfo,
};
use privaudit::questionnaire::{self, Loaded};
use privaudit::report::{self, CsvSection, Format};
use privaudit::rules::RuleSet;
use privaudit::session::{QuestionnaireRef, Session};
use privaudit::target::{EngineKind, Env, Target};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value as Json, json};

// ------------------------------------------------------------------------------------------
// Inputs

/// Pieces that break byte-length assumptions, confuse parsers and writers, or are syntax in one
/// of the formats (TOML, JSON, URL, Markdown, CSV).
const PIECES: &[&str] = &[
    "0",
    "7",
    "a",
    "Z",
    "_",
    "é",
    "東",
    "😀",
    "👩‍👩‍👧",
    "\u{301}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "\u{85}",
    "\u{9b}",
    "\u{2028}",
    "\u{e0041}",
    "\0",
    "\x1b",
    "\x1b]52;c;aGk=\x07",
    "\x07",
    "\x7f",
    "\r",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "=",
    "+",
    "-",
    "@",
    "#",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    ".",
    ":",
    "://",
    "/",
    "?",
    "&",
    "%",
    "%00",
    "%zz",
    "|",
    "`",
    "*",
    "~",
    "$",
    "<",
    ">",
    "](",
    "![x](https://evil.example/p.png)",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\")",
    "www.",
    "true",
    "1979-05-27",
    "1e400",
    "nan",
    "-inf",
    "18446744073709551616",
];

/// A check run on each file of a kept corpus directory.
type CorpusCheck = fn(&str) -> Result<(), TestCaseError>;
fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

/// Any string: pieces, any printable Unicode, or any `char` at all (controls included).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pieces(8),
        2 => any::<String>(),
        2 => prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        1 => Just(String::new()),
    ]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

/// One edit of a valid file.
#[derive(Debug, Clone)]
enum Edit {
    Insert(&'static str),
    Delete(usize),
    Replace(usize, &'static str),
    DuplicateLine,
    Truncate,
    InsertChar(char),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(Edit::Insert),
        2 => (1usize..12).prop_map(Edit::Delete),
        2 => (1usize..6, prop::sample::select(PIECES)).prop_map(|(n, p)| Edit::Replace(n, p)),
        1 => Just(Edit::DuplicateLine),
        1 => Just(Edit::Truncate),
        1 => any::<char>().prop_map(Edit::InsertChar),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(base: &str, at: prop::sample::Index, e: &Edit) -> String {
    let at = floor_boundary(base, at.index(base.len() + 1));
    let end = |n: usize| {
        let mut j = at;
        for _ in 0..n {
            match base[j..].chars().next() {
                Some(c) => j += c.len_utf8(),
                None => break,
            }
        }
        j
    };
    match e {
        Edit::Insert(p) => format!("{}{p}{}", &base[..at], &base[at..]),
        Edit::InsertChar(c) => format!("{}{c}{}", &base[..at], &base[at..]),
        Edit::Delete(n) => format!("{}{}", &base[..at], &base[end(*n)..]),
        Edit::Replace(n, p) => format!("{}{p}{}", &base[..at], &base[end(*n)..]),
        Edit::Truncate => base[..at].to_string(),
        Edit::DuplicateLine => {
            let start = base[..at].rfind('\n').map_or(0, |i| i + 1);
            let stop = base[at..].find('\n').map_or(base.len(), |i| at + i + 1);
            format!("{}{}", &base[..stop], &base[start..stop])
        }
    }
}

/// A valid file with one to three edits.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), edit()), 1..4).prop_map(move |edits| {
        let mut s = base.to_string();
        for (at, e) in &edits {
            s = apply(&s, *at, e);
        }
        s
    })
}

/// Deeply nested TOML (arrays, inline tables, dotted keys, table headers), closed or not.
fn nested_toml() -> impl Strategy<Value = String> {
    (0usize..6, 1usize..3000, any::<bool>()).prop_map(|(kind, n, closed)| {
        let close = |s: &str| if closed { s.repeat(n) } else { String::new() };
        match kind {
            0 => format!("a = {}1{}\n", "[".repeat(n), close("]")),
            1 => format!("a = {}1{}\n", "{ b = ".repeat(n), close(" }")),
            2 => format!("[{}b]\nc = 1\n", "a.".repeat(n)),
            3 => format!("{}b = 1\n", "a.".repeat(n)),
            4 => format!("[[{}b]]\nc = 1\n", "a.".repeat(n)),
            _ => format!("a = [{}]\n", "{ b = [".repeat(n)),
        }
    })
}

/// Deeply nested JSON, closed or not.
fn nested_json() -> impl Strategy<Value = String> {
    (0usize..3, 1usize..5000, any::<bool>()).prop_map(|(kind, n, closed)| {
        let close = |s: &str| if closed { s.repeat(n) } else { String::new() };
        match kind {
            0 => format!("{}1{}", "[".repeat(n), close("]")),
            1 => format!("{}1{}", "{\"a\":".repeat(n), close("}")),
            _ => format!(
                "{{\"version\":1,\"answers\":{{\"x\":{}null{}}}}}",
                "[".repeat(n),
                close("]")
            ),
        }
    })
}

/// A string of about 100 KB.
fn huge() -> impl Strategy<Value = String> {
    (prop::sample::select(PIECES), 20_000usize..30_000)
        .prop_map(|(p, n)| p.repeat(n.max(100_000 / p.len().max(1))))
}

/// A TOML basic string (written by hand: `toml`'s own string writer panics on 256 quotes in a
/// row, see `found_bugs_condition_values_with_256_quotes`).
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Run `f` on another thread and fail if it takes longer than `secs` (a hang).
fn within<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not finish within {secs} s (a hang)")
        }
        Err(e) => panic!("{what} panicked: {e}"),
    }
}

// ------------------------------------------------------------------------------------------
// Shared state

fn builtin_q() -> &'static Loaded {
    static Q: OnceLock<Loaded> = OnceLock::new();
    Q.get_or_init(|| questionnaire::builtin().expect("built-in questionnaire"))
}

/// A valid answers file for the built-in questionnaire, covering every question type.
const ANSWERS: &str = r#"# answers
[data]
categories = ["email", "phone"]
sources = ["web_forms"]
subcategories = "loyalty points"

[access]
readers = ["support", "  ", "devs"]

[security]
tls_in_transit = true
password_storage = "hashed"
encryption_at_rest = "no"

[retention]
max_age_days = 365
"#;

/// A small user rules file touching every key.
const RULES: &str = r#"modifiers = ["id", "sent"]
person_tables = ["customers"]

[[rule]]
id = "gender"
disabled = true

[[rule]]
id = "employee_number"
category = "national_id"
sensitivity = "high"
description = "Staff numbers"
types = ["text", "integer"]
names = ["personalnummer", "staff no"]
contextual_names = ["number"]
not_names = ["phone"]
value = "[0-9]{6}"
text = "\\bP[0-9]{6}\\b"
validator = "id_number"
requires_name = true
min_share = 0.9
named_min_share = 0.4
examples = { match = ["123456"], no_match = ["12"] }
name_examples = { match = ["personalnummer"], no_match = ["phone"] }
"#;

fn session_json() -> &'static str {
    static S: OnceLock<String> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = Session::new(
            "scripted",
            QuestionnaireRef {
                id: "privaudit-default".into(),
                version: "1.0.0".into(),
                source: "built-in".into(),
            },
            vec!["postgres://bob@db/shop".into(), "sample".into()],
        );
        s.answers.insert("data.categories".into(), json!(["email"]));
        s.answers.insert(
            "loss.leak_likelihood".into(),
            json!({"value": 2, "justification": "x"}),
        );
        s.scan = Some(sample_report());
        s.position = Some("data.categories".into());
        String::from_utf8(privaudit::escape::json_pretty(&s).expect("json")).expect("utf-8")
    })
}

fn sample_report() -> ScanReport {
    ScanReport {
        tool: ToolInfo::default(),
        started_at: "2026-01-31T10:00:00Z".into(),
        finished_at: "2026-01-31T10:00:05Z".into(),
        databases: vec![DatabaseReport {
            id: "shop".into(),
            url: "postgres://bob@db/shop".into(),
            engine: EngineKind::Postgres,
            server_version: Some("16.2".into()),
            scanned_as: Some("bob".into()),
            limits: Limits {
                sample_rows: 1000,
                statement_timeout_secs: 30,
                max_connections: 4,
                max_value_bytes: 4096,
                sampling: "TABLESAMPLE".into(),
            },
            tables: 3,
            columns: 12,
            error: None,
        }],
        columns: vec![ColumnReport {
            database: "shop".into(),
            schema: "public".into(),
            table: "users".into(),
            column: "email".into(),
            data_type: "text".into(),
            category: "email".into(),
            categories: vec!["email".into()],
            confidence: 0.97,
            sensitivity: Sensitivity::Medium,
            rows_sampled: 100,
            values_decided: 100,
            values_matched: 97,
            signals: vec!["name".into()],
            examples: vec!["a***@example.com".into()],
            estimated_rows: Some(1000),
            rows_read: 100,
            evidence: privaudit::model::Evidence::Values,
            weak_hashes: 0,
        }],
        access: vec![],
        posture: vec![],
        skipped: vec![],
        retention: vec![],
        findings: vec![],
        warnings: vec!["shop: a warning".into()],
    }
}

// ------------------------------------------------------------------------------------------
// Report strategies: every name and value an arbitrary string; what the tool itself makes
// (timestamps, finding ids, category ids, retention dates) stays in its real shape.

fn category() -> impl Strategy<Value = String> {
    prop::sample::select(privaudit::rules::CATEGORIES).prop_map(str::to_string)
}

fn sensitivity() -> impl Strategy<Value = Sensitivity> {
    prop::sample::select(
        &[
            Sensitivity::Low,
            Sensitivity::Medium,
            Sensitivity::High,
            Sensitivity::Special,
        ][..],
    )
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(
        &[
            Severity::Info,
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ][..],
    )
}

prop_compose! {
    fn database()(
        id in text(), url in text(), engine in prop::sample::select(&[EngineKind::Postgres, EngineKind::Mysql, EngineKind::Sqlite][..]),
        server_version in proptest::option::of(text()), scanned_as in proptest::option::of(text()),
        sampling in text(), tables in any::<u64>(), columns in any::<u64>(), error in proptest::option::of(text()),
    ) -> DatabaseReport {
        DatabaseReport {
            id, url, engine, server_version, scanned_as,
            limits: Limits { sample_rows: 1000, statement_timeout_secs: 30, max_connections: 4, max_value_bytes: 4096, sampling },
            tables, columns, error,
        }
    }
}

prop_compose! {
    fn column()(
        names in prop::collection::vec(text(), 5), cat in category(), cats in prop::collection::vec(category(), 0..3),
        confidence in (0u32..=10_000).prop_map(|k| f64::from(k) / 10_000.0), sensitivity in sensitivity(), counts in any::<(u64, u64, u64)>(),
        signals in texts(), examples in texts(), estimated_rows in proptest::option::of(any::<u64>()),
    ) -> ColumnReport {
        let mut categories = vec![cat.clone()];
        categories.extend(cats);
        ColumnReport {
            database: names[0].clone(), schema: names[1].clone(), table: names[2].clone(),
            column: names[3].clone(), data_type: names[4].clone(), category: cat, categories,
            confidence, sensitivity, rows_sampled: counts.0, values_decided: counts.0, values_matched: counts.1,
            signals, examples, estimated_rows, rows_read: counts.2,
            evidence: privaudit::model::Evidence::FreeText, weak_hashes: counts.0 % 3,
        }
    }
}

prop_compose! {
    fn access()(
        names in prop::collection::vec(text(), 6), column in proptest::option::of(text()),
        indeterminate in any::<bool>(), note in proptest::option::of(text()),
    ) -> AccessRecord {
        AccessRecord {
            database: names[0].clone(), schema: names[1].clone(), table: names[2].clone(), column,
            role: names[3].clone(), privilege: names[4].clone(), via: names[5].clone(),
            state: if indeterminate { AccessState::Indeterminate } else { AccessState::Confirmed },
            note,
        }
    }
}

prop_compose! {
    fn posture()(database in text(), check in text(), state in 0u8..3, evidence in text()) -> PostureCheck {
        let state = [PostureState::Pass, PostureState::Fail, PostureState::Indeterminate][state as usize];
        PostureCheck { database, check, state, evidence }
    }
}

prop_compose! {
    fn skipped()(
        database in text(), schema in proptest::option::of(text()), table in proptest::option::of(text()),
        column in proptest::option::of(text()), reason in text(),
    ) -> Skipped {
        Skipped { database, schema, table, column, reason }
    }
}

prop_compose! {
    fn retention()(
        names in prop::collection::vec(text(), 4), read_as in text(), index in any::<bool>(),
        oldest in proptest::option::of((1900i32..2100, 1u32..13, 1u32..29)),
        age in proptest::option::of(any::<i64>()), estimated_rows in proptest::option::of(any::<u64>()),
        buckets in prop::collection::vec((proptest::option::of(any::<u64>()), any::<bool>()), 3),
    ) -> RetentionReport {
        RetentionReport {
            database: names[0].clone(), schema: names[1].clone(), table: names[2].clone(), column: names[3].clone(),
            oldest: oldest.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            oldest_age_days: age,
            // The days are the scan's cutoffs, set in `scan_report`.
            older_than: buckets.into_iter().map(|(rows, estimated)| AgeBucket { days: 0, rows, estimated }).collect(),
            method: if index { "index".into() } else { "sample".into() },
            read_as, estimated_rows,
        }
    }
}

prop_compose! {
    fn finding()(
        check in "[a-z_]{1,12}", severity in severity(), title in text(), source in 0u8..5, location in text(),
        evidence in texts(), recommendation in text(), references in texts(),
    ) -> Finding {
        let source = [FindingSource::Scan, FindingSource::Access, FindingSource::Posture, FindingSource::Answers, FindingSource::Reconciliation][source as usize];
        hostile_finding(&check, severity, title, source, location, evidence, recommendation, references)
    }
}

/// A finding with every text field given (the place keeps the location as text, as an old
/// report's would).
#[allow(clippy::too_many_arguments)]
fn hostile_finding(
    check: &str,
    severity: Severity,
    title: String,
    source: FindingSource,
    location: String,
    evidence: Vec<String>,
    recommendation: String,
    references: Vec<String>,
) -> Finding {
    Finding {
        id: privaudit::findings::stable_id(check, &location),
        severity,
        title,
        source,
        check: check.to_string(),
        place: privaudit::model::Place::Legacy {
            database: None,
            text: location.clone(),
        },
        location,
        evidence,
        recommendation,
        references,
        database: None,
        also: Vec::new(),
    }
}

prop_compose! {
    fn scan_report()(
        databases in prop::collection::vec(database(), 0..3),
        columns in prop::collection::vec(column(), 0..4),
        access in prop::collection::vec(access(), 0..3),
        posture in prop::collection::vec(posture(), 0..3),
        skipped in prop::collection::vec(skipped(), 0..3),
        retention in prop::collection::vec(retention(), 0..3),
        findings in prop::collection::vec(finding(), 0..3),
        cutoffs in prop::collection::btree_set(1u32..5000, 1..4),
    ) -> ScanReport {
        // Every table is counted against the same cutoffs (one or more: none is
        // found_bugs_markdown_retention_without_cutoffs).
        let mut retention = retention;
        for x in &mut retention {
            x.older_than.truncate(cutoffs.len());
            for (b, d) in x.older_than.iter_mut().zip(&cutoffs) {
                b.days = *d;
            }
        }
        ScanReport {
            tool: ToolInfo::default(),
            started_at: "2026-01-31T10:00:00Z".into(),
            finished_at: "2026-01-31T10:00:05Z".into(),
            databases, columns, access, posture, skipped, retention, findings,
            warnings: vec!["shop: \u{1b}]52;c;x\u{7} cannot read pg_roles".into()],
        }
    }
}

/// An arbitrary JSON value (answers are stored as JSON).
fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        // Short decimals: serde_json does not read every f64 back exactly (found_bugs_json_floats).
        any::<i32>().prop_map(|i| json!(f64::from(i) / 1000.0)),
        text().prop_map(Json::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

/// Answers keyed by real question ids (and some made-up ones), with values of every shape.
fn answer_map() -> impl Strategy<Value = Answers> {
    let id = prop_oneof![
        4 => prop::sample::select(builtin_q().ids.clone()),
        1 => text(),
    ];
    let value = prop_oneof![
        text().prop_map(Json::String),
        prop::sample::select(&["yes", "no", "partly", "hashed", "plaintext", "unknown"][..])
            .prop_map(|s| json!(s)),
        prop::collection::vec(prop_oneof![category(), text()].prop_map(Json::String), 0..4)
            .prop_map(Json::Array),
        (1i64..5, text()).prop_map(|(v, j)| json!({"value": v, "justification": j})),
        json_value(),
    ];
    prop::collection::btree_map(id, value, 0..8)
}

// ------------------------------------------------------------------------------------------
// Checks

/// `ORIGIN:LINE:COLUMN: ` with 1-based numbers, and a line inside the text.
fn positioned(msg: &str, origin: &str, text: &str) -> Result<(), TestCaseError> {
    let rest = msg
        .strip_prefix(origin)
        .and_then(|r| r.strip_prefix(':'))
        .ok_or_else(|| TestCaseError::fail(format!("no `{origin}:` prefix: {msg:?}")))?;
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts
        .next()
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| TestCaseError::fail(format!("no line number: {msg:?}")))?;
    let col: usize = parts
        .next()
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| TestCaseError::fail(format!("no column number: {msg:?}")))?;
    prop_assert!(line >= 1 && col >= 1, "{msg:?}");
    prop_assert!(
        line <= text.matches('\n').count() + 1,
        "line past the end: {msg:?}"
    );
    prop_assert!(
        parts.next().is_some_and(|m| m.starts_with(' ')),
        "no message after the position: {msg:?}"
    );
    Ok(())
}

fn check_questionnaire(text: &str) -> Result<(), TestCaseError> {
    const ORIGIN: &str = "fuzz/questionnaire.toml";
    match questionnaire::parse(text, ORIGIN) {
        Err(e) => positioned(&e, ORIGIN, text)?,
        Ok(l) => {
            for p in questionnaire::check::check(&l) {
                prop_assert!(p.line >= 1 && p.column >= 1, "{p}");
                prop_assert!(p.to_string().starts_with(ORIGIN), "{p}");
            }
            let template = questionnaire::template::template(&l);
            // The template is an answers file; reading it back must not panic either.
            let _ = answers::parse(&template, "template.toml", &l);
            let none = Answers::new();
            let _ = answers::unanswered_required(&l, &none);
            for id in l.ids.iter().take(50) {
                let _ = answers::visible(&l, id, &none);
            }
        }
    }
    Ok(())
}

fn check_answers(text: &str, q: &Loaded) -> Result<(), TestCaseError> {
    const ORIGIN: &str = "fuzz/answers.toml";
    match answers::parse(text, ORIGIN, q) {
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                positioned(&e.message, ORIGIN, text)?;
            }
        }
        Ok(a) => {
            for v in a.values() {
                let _ = answers::display(v);
            }
            let _ = answers::unanswered_required(q, &a);
            let r = audit::compile(q, &a, sample_report(), "scripted", true);
            check_audit_markdown(&r, q)?;
        }
    }
    Ok(())
}

/// A rules file's problem names the file, and a TOML problem its line and column.
fn check_rules(text: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, text).expect("write rules");
    let origin = path.display().to_string();
    match RuleSet::with_user_file(&path) {
        Err(e) => {
            let msg = format!("{e:#}");
            let rest = msg
                .strip_prefix(&format!("{origin}: "))
                .ok_or_else(|| TestCaseError::fail(format!("no file in {msg:?}")))?;
            // Checks on a rule name the rule; TOML problems the line and column.
            if !rest.starts_with("rule `") {
                let pos = rest
                    .strip_prefix("line ")
                    .and_then(|r| r.split_once(", column "))
                    .and_then(|(l, r)| Some((l.parse::<usize>().ok()?, r.split_once(": ")?.0)))
                    .and_then(|(l, c)| Some((l, c.parse::<usize>().ok()?)));
                prop_assert!(
                    pos.is_some_and(|(l, c)| l >= 1 && c >= 1),
                    "no line/column: {msg:?}"
                );
            }
        }
        Ok(set) => {
            // The user's names and regexes are used at once: a few columns through them.
            for (table, name, value) in [
                ("customers", "personalnummer", "123456"),
                ("t", "email", "a@example.com"),
                ("東京", "\u{202e}x", "\0"),
            ] {
                for class in [
                    privaudit::model::TypeClass::Text,
                    privaudit::model::TypeClass::Integer,
                ] {
                    let mut a = privaudit::classify::ColumnAnalyzer::new(&set, table, name, class);
                    a.observe(value);
                    let _ = a.verdict();
                }
            }
        }
    }
    Ok(())
}

fn check_session_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.json");
    std::fs::write(&path, bytes).expect("write session");
    match Session::load(&path) {
        Err(e) => prop_assert!(e.contains(&path.display().to_string()), "{e}"),
        Ok(mut s) => {
            // Whatever loaded saves and loads back the same.
            s.save(&path).map_err(TestCaseError::fail)?;
            let back = Session::load(&path).map_err(TestCaseError::fail)?;
            prop_assert_eq!(back, s);
        }
    }
    Ok(())
}

fn no_raw_unsafe(out: &str, keep: &[char], what: &str) -> Result<(), TestCaseError> {
    if let Some(c) = out
        .chars()
        .find(|c| !keep.contains(c) && is_unsafe_char(*c))
    {
        return Err(TestCaseError::fail(format!(
            "{what}: raw {c:?} in output:\n{out}"
        )));
    }
    Ok(())
}

/// Whether the character at byte `i` is escaped by an odd run of backslashes before it.
fn escaped(s: &str, i: usize) -> bool {
    s[..i].bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

fn unescaped_pipes(line: &str) -> usize {
    line.match_indices('|')
        .filter(|(i, _)| !escaped(line, *i))
        .count()
}

/// Markdown made of the inputs as literal text: no raw unsafe characters, no unescaped
/// `[`, `]`, `<` (links, images, HTML) or `://` (autolinks), and every table keeps its columns.
fn check_markdown(out: &str, template_literals: &[&str]) -> Result<(), TestCaseError> {
    no_raw_unsafe(out, &['\n'], "markdown")?;
    let mut stripped = out.to_string();
    for lit in template_literals {
        stripped = stripped.replace(lit, "");
    }
    for (i, c) in stripped.char_indices() {
        if matches!(c, '[' | ']' | '<' | '>' | '`') && !escaped(&stripped, i) {
            let from = floor_boundary(&stripped, i.saturating_sub(60));
            let to = floor_boundary(&stripped, i + 60);
            return Err(TestCaseError::fail(format!(
                "unescaped {c:?} in markdown near {:?}",
                &stripped[from..to]
            )));
        }
    }
    for (i, _) in stripped.match_indices("://") {
        prop_assert!(escaped(&stripped, i), "unescaped `://` in markdown");
    }
    let mut cells: Option<usize> = None;
    for line in out.lines() {
        if line.starts_with('|') {
            let n = unescaped_pipes(line);
            match cells {
                None => cells = Some(n),
                Some(m) => prop_assert_eq!(m, n, "table row with extra cells: {:?}", line),
            }
        } else {
            cells = None;
        }
    }
    Ok(())
}

fn check_audit_markdown(r: &AuditReport, q: &Loaded) -> Result<(), TestCaseError> {
    let mut md = Vec::new();
    report::audit::write_markdown(&mut md, r, q).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let md = String::from_utf8(md).map_err(|e| TestCaseError::fail(e.to_string()))?;
    // The template's own markup: ids in code spans, the reconciliation mark.
    let mut literals: Vec<String> = r
        .scan
        .findings
        .iter()
        .map(|f| format!("`{}`", f.id))
        .collect();
    literals.push(" [answers contradict the databases]".into());
    let literals: Vec<&str> = literals.iter().map(String::as_str).collect();
    check_markdown(&md, &literals)
}

/// A CSV file: well-formed, one width, and no cell a spreadsheet would run.
fn check_csv(out: &[u8], rows: usize) -> Result<Vec<csv::StringRecord>, TestCaseError> {
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(out);
    let records: Vec<csv::StringRecord> = rd
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| TestCaseError::fail(format!("CSV does not parse: {e}")))?;
    prop_assert_eq!(records.len(), rows + 1, "records (header included)");
    let width = records[0].len();
    for r in &records {
        prop_assert_eq!(r.len(), width, "record {:?}", r);
        for cell in r {
            prop_assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {:?}",
                cell
            );
            no_raw_unsafe(cell, &['\t', '\n'], "CSV cell")?;
        }
    }
    Ok(records)
}

fn check_writers(r: &ScanReport, width: Option<u16>) -> Result<(), TestCaseError> {
    let run = |format: Format, section: CsvSection| -> Result<Vec<u8>, TestCaseError> {
        let mut out = Vec::new();
        report::write(&mut out, r, format, section, width)
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
        Ok(out)
    };
    // JSON: the report back, exactly; no raw control or bidi characters.
    let out = run(Format::Json, CsvSection::Inventory)?;
    let text = String::from_utf8(out.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    no_raw_unsafe(&text, &['\n'], "JSON")?;
    let back: ScanReport = serde_json::from_slice(&out)
        .map_err(|e| TestCaseError::fail(format!("JSON does not parse back: {e}\n{text}")))?;
    prop_assert_eq!(&back, r);

    // Markdown.
    let out = run(Format::Markdown, CsvSection::Inventory)?;
    check_markdown(&String::from_utf8_lossy(&out), &[])?;

    // CSV, every section; cells hold the escaped inputs.
    let inv = check_csv(&run(Format::Csv, CsvSection::Inventory)?, r.columns.len())?;
    for (rec, c) in inv.iter().skip(1).zip(&r.columns) {
        prop_assert_eq!(rec[0].to_string(), privaudit::escape::csv(&c.database));
        prop_assert_eq!(rec[3].to_string(), privaudit::escape::csv(&c.column));
    }
    let acc = check_csv(&run(Format::Csv, CsvSection::Access)?, r.access.len())?;
    for (rec, a) in acc.iter().skip(1).zip(&r.access) {
        prop_assert_eq!(rec[4].to_string(), privaudit::escape::csv(&a.role));
    }
    check_csv(&run(Format::Csv, CsvSection::Posture)?, r.posture.len())?;
    check_csv(&run(Format::Csv, CsvSection::Findings)?, r.findings.len())?;

    // The terminal table.
    let out = run(Format::Table, CsvSection::Inventory)?;
    no_raw_unsafe(&String::from_utf8_lossy(&out), &['\n'], "table")?;
    Ok(())
}

fn check_target(raw: &str) -> Result<(), TestCaseError> {
    let _ = privaudit::target::redact_unparsed(raw);
    let _ = privaudit::target::stray_argument_message(raw);
    match Target::parse_with_env(raw, &NoEnv) {
        Ok(t) => {
            let _ = format!("{t} {t:?}");
            let _ = t.scrub(raw);
        }
        Err(e) => prop_assert!(!e.0.is_empty()),
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// URL strategies

struct NoEnv;
impl Env for NoEnv {
    fn var(&self, _: &str) -> Option<String> {
        None
    }
}

struct PwEnv(String);
impl Env for PwEnv {
    fn var(&self, name: &str) -> Option<String> {
        matches!(name, "PGPASSWORD" | "MYSQL_PWD").then(|| self.0.clone())
    }
}

/// A password that cannot occur by accident: 8–16 alphanumerics with a letter.
fn password() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9]{7,15}"
}

fn scheme() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "postgres",
            "postgresql",
            "mysql",
            "mariadb",
            "PostgreSQL",
            "MYSQL",
        ][..],
    )
    .prop_map(str::to_string)
}

/// Users never hold `/?#@` (they would end the authority) but may hold anything else.
fn user() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("bob".to_string()),
        Just(String::new()),
        "[a-z][a-z0-9_.%-]{0,8}",
        pieces(4).prop_map(|s| s.replace(['/', '?', '#', '@', ':'], "")),
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(&["db.example", "127.0.0.1", "[::1]", "localhost", "db-1.internal"][..]).prop_map(str::to_string),
        1 => prop::sample::select(&["", "[::1", "h st", "höst", "%zz", "a\0b", "-", "[", "h:", "東京"][..]).prop_map(str::to_string),
        1 => pieces(3).prop_map(|s| s.replace(['/', '?', '#', '@'], "")),
    ]
}

fn port() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "",
            "",
            ":5432",
            ":3306",
            ":",
            ":99999",
            ":notaport",
            ":-1",
            ":54 32",
            ":0",
        ][..],
    )
    .prop_map(str::to_string)
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(&["", "/", "/shop", "/sh op", "/%00", "/a/b", "/東京"][..])
            .prop_map(str::to_string),
        pieces(3).prop_map(|s| format!("/{}", s.replace(['?', '#'], ""))),
    ]
}

fn extra_query() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "",
            "sslmode=require",
            "host=/tmp",
            "socket=/var/run/mysqld.sock",
            "application_name=x&sslmode=disable",
            "a=%zz",
            "=",
            "&&",
        ][..],
    )
    .prop_map(str::to_string)
}

fn secret_key() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "password",
            "PASSWORD",
            "Password",
            "sslpassword",
            "ssl-password",
            "pwd",
            "pass",
            "passwd",
            "secret",
            "client_secret",
        ][..],
    )
    .prop_map(str::to_string)
}

/// A URL holding `pw` as a password, in each of the forms a user writes.
fn url_with_password() -> impl Strategy<Value = (String, String)> {
    (
        0u8..8,
        scheme(),
        user(),
        password(),
        host(),
        port(),
        path(),
        extra_query(),
        secret_key(),
        prop::sample::select(&["", " ", "\t", "\n"][..]),
    )
        .prop_map(|(form, scheme, user, pw, host, port, path, q, key, pad)| {
            let q_and = |s: &str| {
                if q.is_empty() {
                    format!("?{s}")
                } else {
                    format!("?{q}&{s}")
                }
            };
            let query = if q.is_empty() {
                String::new()
            } else {
                format!("?{q}")
            };
            let url = match form {
                // user:pw@host
                0 | 1 => format!("{scheme}://{user}:{pw}@{host}{port}{path}{query}"),
                // password= parameter
                2 | 3 => format!(
                    "{scheme}://{user}@{host}{port}{path}{}",
                    q_and(&format!("{key}={pw}"))
                ),
                // user:pw with no host
                4 => format!("{scheme}://{user}:{pw}{path}{query}"),
                // user:pw@ with an empty host
                5 => format!("{scheme}://{user}:{pw}@{port}{path}{query}"),
                // mistyped: one slash or none
                // (With no `://` further on: found_bugs_target_leaks.)
                6 => {
                    format!("{scheme}:/{user}:{pw}@{host}{port}{path}{query}").replace("://", ":/")
                }
                _ => format!("{scheme}:{user}:{pw}@{host}{port}{path}{query}").replace("://", ":/"),
            };
            (format!("{pad}{url}{pad}"), pw)
        })
}

/// Whether `shown` holds the password, in any letter case (messages lower-case schemes).
fn leaks(shown: &str, pw: &str) -> bool {
    shown.to_lowercase().contains(&pw.to_lowercase())
}

fn check_url_hides(raw: &str, pw: &str) -> Result<(), TestCaseError> {
    for env in [&NoEnv as &dyn Env, &PwEnv("EnvPassw0rd".into())] {
        match Target::parse_with_env(raw, env) {
            Ok(t) => {
                for shown in [t.display.clone(), t.to_string(), format!("{t:?}")] {
                    prop_assert!(!leaks(&shown, pw), "{raw:?} shown as {shown:?}");
                    prop_assert!(!leaks(&shown, "EnvPassw0rd"), "{raw:?} shown as {shown:?}");
                }
                let scrubbed = t.scrub(&format!("connect failed: {raw}"));
                if t.password().is_some() && raw.contains(&format!(":{pw}@")) {
                    prop_assert!(!scrubbed.contains(pw), "scrub left {pw}: {scrubbed}");
                }
            }
            Err(e) => prop_assert!(!leaks(&e.0, pw), "{raw:?} -> error {:?}", e.0),
        }
    }
    let shown = privaudit::target::stray_argument_message(raw.trim());
    prop_assert!(!leaks(&shown, pw), "{raw:?} -> {shown:?}");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn urls_never_panic(raw in prop_oneof![text(), pieces(20), url_with_password().prop_map(|(u, _)| u)]) {
        check_target(&raw)?;
    }

    #[test]
    fn url_passwords_never_show((raw, pw) in url_with_password()) {
        check_url_hides(&raw, &pw)?;
    }

    #[test]
    fn mutated_url_passwords_never_show((raw, pw) in url_with_password(), at in any::<prop::sample::Index>(), e in edit()) {
        // One edit anywhere; checked when the password is still a password afterwards.
        let s = apply(&raw, at, &e);
        // (An `@` after the `?` is found_bugs_target_leaks.)
        let at_in_query = s.split_once('?').is_some_and(|(_, q)| q.contains('@'));
        if still_a_password(&s, &pw)
            && !at_in_query
            && s.matches("://").count() == raw.matches("://").count()
        {
            check_url_hides(&s, &pw)?;
        }
    }
}

/// Whether `pw` (once in `s`) is still in the userinfo (`user:pw@`, `user:pw` with no host) or
/// the value of a secret query parameter.
fn still_a_password(s: &str, pw: &str) -> bool {
    if s.matches(pw).count() != 1 {
        return false;
    }
    let i = s.find(pw).unwrap_or(0);
    let (before, after) = (&s[..i], &s[i + pw.len()..]);
    let ends = after.is_empty() || after.starts_with(['@', '/', '?', '&', '#', ' ', '\t', '\n']);
    if !ends || before.contains('#') {
        return false;
    }
    let authority = before.split_once("://").map_or_else(
        || {
            before
                .split_once(':')
                .map_or("", |(_, r)| r.trim_start_matches('/'))
        },
        |(_, r)| r,
    );
    if before.ends_with(':') {
        // userinfo: nothing ends the authority before it, and the scheme is a server's.
        let scheme = before
            .trim_start()
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        return ["postgres", "postgresql", "mysql", "mariadb"].contains(&scheme.as_str())
            && authority
                .strip_suffix(':')
                .is_some_and(|user| !user.contains(['/', '?', '#', '@']));
    }
    if let Some(key) = before.strip_suffix('=') {
        let key = key
            .rsplit(['?', '&'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        return before.contains('?')
            && !key.contains('=')
            && (key.contains("password")
                || key.contains("secret")
                || ["pwd", "pass", "passwd"].contains(&key.as_str()));
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn questionnaires_never_panic_and_errors_have_positions(text in prop_oneof![
        4 => mutated(questionnaire::DEFAULT),
        2 => text(),
        2 => nested_toml(),
        1 => mutated("id = \"t\"\nversion = \"1\"\n[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.question]]\nid = \"q\"\nprompt = \"p\"\ntype = \"yes_no\"\nrisk = { no = 3 }\nfinding = { title = \"t\", recommendation = \"r\" }\n[[section.question]]\nid = \"r\"\nprompt = \"p\"\ntype = \"number\"\nmin = 0\nshow_if = { all = [ { question = \"a.q\", op = \"equals\", value = \"yes\" } ] }\n"),
    ]) {
        check_questionnaire(&text)?;
    }

    #[test]
    fn answers_never_panic_and_errors_have_positions(text in prop_oneof![
        4 => mutated(ANSWERS),
        2 => text(),
        2 => nested_toml(),
        2 => structured_answers(),
    ]) {
        check_answers(&text, builtin_q())?;
    }

    #[test]
    fn sessions_never_panic(bytes in prop_oneof![
        3 => mutated(session_json()).prop_map(String::into_bytes),
        2 => prop::collection::vec(any::<u8>(), 0..512),
        1 => text().prop_map(String::into_bytes),
        2 => nested_json().prop_map(String::into_bytes),
    ]) {
        check_session_bytes(&bytes)?;
    }

    #[test]
    fn scan_writers_keep_their_formats(r in scan_report(), width in proptest::option::of(0u16..300)) {
        check_writers(&r, width)?;
    }
}

/// An answers file written key by key with values of every TOML type.
fn structured_answers() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        text().prop_map(|s| toml_str(&s)),
        prop::sample::select(
            &[
                "true",
                "3",
                "-0",
                "1e308",
                "inf",
                "nan",
                "1979-05-27",
                "1979-05-27T07:32:00Z",
                "07:32:00",
                "[]",
                "[\"email\", 3]",
                "{ value = 4, justification = \"x\" }",
                "{ value = 9 }",
                "{ value = 2, justification = \"x\", extra = 1 }",
                "\"yes\"",
                "\" YES \"",
                "\"2026-02-30\"",
            ][..]
        )
        .prop_map(str::to_string),
        prop::collection::vec(text(), 0..4).prop_map(|v| format!(
            "[{}]",
            v.iter().map(|s| toml_str(s)).collect::<Vec<_>>().join(", ")
        )),
    ];
    let key = prop_oneof![
        4 => prop::sample::select(builtin_q().ids.clone()),
        1 => text().prop_map(|s| toml_str(&s)),
    ];
    prop::collection::vec((key, value), 0..10).prop_map(|kv| {
        kv.into_iter()
            .map(|(k, v)| format!("{k} = {v}\n"))
            .collect::<String>()
    })
}

/// A rules file with one to three rules of arbitrary fields.
fn structured_rules() -> impl Strategy<Value = String> {
    let rule = (
        prop_oneof![
            Just("gender".to_string()),
            Just("email".to_string()),
            "[a-z_]{1,10}",
            text()
        ],
        prop_oneof![category(), text()],
        prop_oneof![
            prop::sample::select(privaudit::classify::validate::Validator::NAMES)
                .prop_map(str::to_string),
            text()
        ],
        texts(),
        proptest::option::of(prop_oneof![
            Just("[0-9]{6}".to_string()),
            Just("(a+)+$".to_string()),
            Just("\\".to_string()),
            Just("x{1000}{1000}".to_string()),
            text()
        ]),
        any::<bool>(),
        proptest::option::of(-1.0f64..2.0),
    )
        .prop_map(|(id, cat, validator, names, value, req, share)| {
            let mut s = format!(
                "[[rule]]\nid = {}\ncategory = {}\nvalidator = {}\nnames = [{}]\nrequires_name = {req}\n",
                toml_str(&id),
                toml_str(&cat),
                toml_str(&validator),
                names.iter().map(|n| toml_str(n)).collect::<Vec<_>>().join(", ")
            );
            if let Some(v) = value {
                s.push_str(&format!("value = {}\ntext = {}\n", toml_str(&v), toml_str(&v)));
            }
            if let Some(x) = share {
                s.push_str(&format!("min_share = {x:?}\n"));
            }
            s
        });
    prop::collection::vec(rule, 1..4).prop_map(|r| r.join("\n"))
}

proptest! {
    // Each case compiles the built-in rules again (with_user_file reads them first).
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn rules_files_never_panic_and_errors_say_where(text in prop_oneof![
        3 => mutated(RULES),
        1 => mutated(privaudit::rules::BUILTIN),
        2 => text(),
        1 => nested_toml(),
        3 => structured_rules(),
    ]) {
        check_rules(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn saved_sessions_load_back_equal(
        mode in text(), qid in text(), version in text(), source in text(), targets in texts(),
        answers in answer_map(), scan in proptest::option::of(scan_report()), position in proptest::option::of(text()),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.json");
        let mut s = Session::new(&mode, QuestionnaireRef { id: qid, version, source }, targets);
        s.answers = answers;
        s.scan = scan;
        s.position = position;
        s.save(&path).map_err(TestCaseError::fail)?;
        let text = std::fs::read_to_string(&path).expect("read back");
        no_raw_unsafe(&text, &['\n'], "session file")?;
        let back = Session::load(&path).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back, s);
    }

    #[test]
    fn audit_writers_keep_their_formats(scan in scan_report(), answers in answer_map(), old in scan_report(), allow in any::<bool>()) {
        let q = builtin_q();
        let mut r = audit::compile(q, &answers, scan, "scripted", allow);
        let old_json = serde_json::to_value(&old).expect("json");
        let new_json = serde_json::to_value(&r).expect("json");
        r.diff = Some(audit::diff(&old_json, &new_json));
        check_audit_markdown(&r, q)?;
        let mut out = Vec::new();
        report::write_json_value(&mut out, &r).map_err(|e| TestCaseError::fail(e.to_string()))?;
        no_raw_unsafe(&String::from_utf8_lossy(&out), &['\n'], "report.json")?;
        let back: AuditReport = serde_json::from_slice(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, r.clone());
        let mut summary = Vec::new();
        report::audit::write_summary(&mut summary, &r).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }

    #[test]
    fn diffs_of_arbitrary_json_never_panic(old in json_value(), new in json_value(), items in prop::collection::vec(texts(), 7)) {
        let d = audit::diff(&old, &new);
        let mut md = Vec::new();
        report::audit::write_diff_markdown(&mut md, &d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let d = Diff {
            new_findings: items[0].clone(), resolved_findings: items[1].clone(), unchanged_findings: items[2].clone(),
            columns_appeared: items[3].clone(), columns_disappeared: items[4].clone(),
            readers_gained: items[5].clone(), readers_lost: items[6].clone(),
        };
        let mut md = Vec::new();
        report::audit::write_diff_markdown(&mut md, &d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_markdown(&String::from_utf8_lossy(&md), &[])?;
    }
}

proptest! {
    // About 100 KB per input: few cases.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn huge_inputs_never_panic(big in huge()) {
        check_target(&big)?;
        check_questionnaire(&big)?;
        check_questionnaire(&format!("id = {}\nversion = \"1\"\n", toml_str(&big)))?;
        check_answers(&big, builtin_q())?;
        check_answers(&format!("[data]\nsubcategories = {}\n", toml_str(&big)), builtin_q())?;
        check_session_bytes(big.as_bytes())?;
        let mut r = sample_report();
        r.columns[0].column = big.clone();
        r.columns[0].examples = vec![big.clone()];
        // No width: comfy-table wraps one long word in time quadratic in its length (100 KB at
        // width 120 takes about 8 s a cell in a debug build), so the table gets 8 KB below.
        check_writers(&r, None)?;
        let cut = floor_boundary(&big, 8_000);
        r.columns[0].column = big[..cut].to_string();
        r.columns[0].examples = vec![big[..cut].to_string()];
        check_writers(&r, Some(120))?;
    }

    #[test]
    fn huge_rules_never_panic(big in huge()) {
        check_rules(&big)?;
        check_rules(&format!("[[rule]]\nid = \"x\"\ncategory = \"email\"\nvalidator = \"email\"\nnames = [{}]\n", toml_str(&big)))?;
    }
}

// ------------------------------------------------------------------------------------------
// Kept corpus and regressions

fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_corpus"))
}

fn case(r: Result<(), TestCaseError>, what: &str) {
    if let Err(e) = r {
        panic!("{what}: {e}");
    }
}

/// Every file in `tests/fuzz_corpus/<parser>/` goes through that parser's checks, on every run.
#[test]
fn kept_corpus_replays() {
    let mut n = 0;
    let checks: [(&str, CorpusCheck); 3] = [
        ("questionnaire", check_questionnaire),
        ("answers", |t| check_answers(t, builtin_q())),
        ("rules", check_rules),
    ];
    for (kind, check) in checks {
        for entry in std::fs::read_dir(corpus_dir().join(kind)).expect("corpus dir") {
            let path = entry.expect("entry").path();
            let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
            let shown = path.display().to_string();
            case(within(20, &shown, move || check(&text)), &shown);
            n += 1;
        }
    }
    for entry in std::fs::read_dir(corpus_dir().join("session")).expect("corpus dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read corpus file");
        case(check_session_bytes(&bytes), &path.display().to_string());
        n += 1;
    }
    // URLs: one a line; `PASSWORD:` lines name the password the next lines must hide.
    let urls = std::fs::read_to_string(corpus_dir().join("urls.txt")).expect("urls.txt");
    let mut pw: Option<String> = None;
    for line in urls.lines() {
        if let Some(p) = line.strip_prefix("PASSWORD:") {
            pw = Some(p.trim().to_string()).filter(|p| !p.is_empty());
            continue;
        }
        if line.starts_with("//") {
            continue;
        }
        case(check_target(line), line);
        if let Some(pw) = &pw {
            case(check_url_hides(line, pw), line);
        }
        n += 1;
    }
    assert!(n > 20, "corpus too small: {n}");
}

/// Hand-picked inputs for the writers.
#[test]
fn kept_writer_cases() {
    let nasty = [
        "![x](https://evil.example/p.png)",
        "[click](javascript:alert(1))",
        "<script>alert(1)</script>",
        "a|b\nc\r\nd",
        "=HYPERLINK(\"http://x\",\"y\")",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "t\x1b]52;c;aGk=\x07",
        "gpj.\u{202e}exe",
        "\u{2066}x\u{2069}",
        "\0",
        "\\",
        "\\\\<",
        "\\](",
        "www.evil.example",
        "_x_ *y* `z` ~~s~~ $m$ &amp;",
        "\u{85}\u{2028}\u{2029}",
        "\"quoted\",\"cells\"",
        "",
    ];
    for v in nasty {
        let mut r = sample_report();
        let c = &mut r.columns[0];
        c.database = v.into();
        c.schema = v.into();
        c.table = v.into();
        c.column = v.into();
        c.data_type = v.into();
        c.signals = vec![v.into(), v.into()];
        c.examples = vec![v.into()];
        r.databases[0].id = v.into();
        r.databases[0].url = v.into();
        r.databases[0].error = Some(v.into());
        r.access.push(AccessRecord {
            database: v.into(),
            schema: v.into(),
            table: v.into(),
            column: Some(v.into()),
            role: v.into(),
            privilege: v.into(),
            via: v.into(),
            state: AccessState::Indeterminate,
            note: Some(v.into()),
        });
        r.posture.push(PostureCheck {
            database: v.into(),
            check: v.into(),
            state: PostureState::Fail,
            evidence: v.into(),
        });
        r.skipped.push(Skipped {
            database: v.into(),
            schema: Some(v.into()),
            table: None,
            column: Some(v.into()),
            reason: v.into(),
        });
        r.findings.push(hostile_finding(
            "x",
            Severity::High,
            v.into(),
            FindingSource::Reconciliation,
            v.into(),
            vec![v.into()],
            v.into(),
            vec![v.into()],
        ));
        case(check_writers(&r, Some(80)), v);
        let mut answers = BTreeMap::new();
        answers.insert("data.subcategories".to_string(), json!(v));
        answers.insert("access.readers".to_string(), json!([v, v]));
        let a = audit::compile(builtin_q(), &answers, r, "scripted", true);
        case(check_audit_markdown(&a, builtin_q()), v);
    }
}

fn chain_questionnaire() -> String {
    std::fs::read_to_string(corpus_dir().join("questionnaire/chain_6x16.toml")).expect("corpus")
}

/// Bug (fixed in src/answers.rs): a chain of questions, each shown if any of six conditions on
/// the one before holds, made `visible` take 6^depth steps (13 s at depth 10 in a debug build,
/// hours at 16), and `unanswered_required`, `audit::compile` and the TUI with it. The
/// questionnaire passes `questionnaire check`.
#[test]
fn found_bugs_visible_chain_is_not_exponential() {
    let text = chain_questionnaire();
    within(20, "visible() on a chain of conditions", move || {
        let l = questionnaire::parse(&text, "chain.toml").expect("parses");
        assert_eq!(questionnaire::check::check(&l), vec![]);
        let none = Answers::new();
        assert!(answers::visible(&l, "a.q0", &none));
        assert!(!answers::visible(&l, "a.q15", &none));
        assert_eq!(answers::unanswered_required(&l, &none), vec!["a.q0"]);
        let yes: Answers = l.ids.iter().map(|id| (id.clone(), json!("yes"))).collect();
        assert!(l.ids.iter().all(|id| answers::visible(&l, id, &yes)));
        let mut some = yes.clone();
        some.insert("a.q7".into(), json!("no"));
        assert!(answers::visible(&l, "a.q8", &yes) && !answers::visible(&l, "a.q8", &some));
        assert!(!answers::visible(&l, "a.q15", &some));
        let _ = audit::compile(&l, &some, sample_report(), "scripted", true);
    });
}

/// Bug (fixed in src/questionnaire): a condition value with 256 quotes in a row
/// (`value = "''''…"`) panicked `questionnaire check` and `questionnaire template` in debug
/// builds — `toml::Value`'s `Display` counts the run in a `u8` (toml_write 0.1.2,
/// string.rs:327, "attempt to add with overflow").
#[test]
fn found_bugs_condition_values_with_256_quotes() {
    let text = std::fs::read_to_string(corpus_dir().join("questionnaire/quotes_300.toml"))
        .expect("corpus");
    let l = questionnaire::parse(&text, "quotes.toml").expect("parses");
    let problems: Vec<String> = questionnaire::check::check(&l)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.iter().any(|p| p.contains(&format!(
            "\"{}\" is not one of its answers",
            "'".repeat(300)
        ))),
        "{problems:?}"
    );
    let t = questionnaire::template::template(&l);
    assert!(t.contains(&"'".repeat(300)));
}

/// Bugs (open, src/target.rs): passwords shown in messages. Each line is a URL with the password
/// `Secr3tPw`:
/// - a mistyped URL (`postgres:/…`, `postgres:…`) with `://` further on: the scheme is taken up
///   to that `://`, and "unsupported database URL scheme `postgres:/bob:secr3tpw@…`" shows the
///   password (lower-cased); `stray_argument_message` shows it as written;
/// - a percent-encoded secret parameter name (`pass%77ord=`, which the driver decodes to
///   `password`) in a URL that does not parse ("cannot parse database URL …pass%77ord=Secr3tPw:
///   invalid port number"), and in `stray_argument_message` of any URL;
/// - an `@` in the query (`?application_name=a@b&password=…`) of a URL that does not parse, or
///   in `stray_argument_message`: `redact_unparsed` takes the last `@` as the end of the
///   userinfo, finds no `?` after it, and leaves `password=Secr3tPw` as written;
/// - `user:password` with no host and an all-digit password (`postgres://bob:12345678`): kept as
///   if it were a port, though no port has more than five digits.
#[test]
fn found_bugs_target_leaks() {
    let mut failures = Vec::new();
    for (raw, pw) in [
        (
            "postgres:/bob:Secr3tPw@db.example/db?next=https://e",
            "Secr3tPw",
        ),
        ("postgresql:bob:Secr3tPw@db.example/x://y", "Secr3tPw"),
        (
            "mysql:/bob:Secr3tPw@h/![x](https://evil.example/p.png)",
            "Secr3tPw",
        ),
        (
            "postgres://bob@db.example:99999/db?pass%77ord=Secr3tPw",
            "Secr3tPw",
        ),
        (
            "postgres://bob@db.example/db?pass%77ord=Secr3tPw",
            "Secr3tPw",
        ),
        (
            "postgres://bob@db.example:99999/db?application_name=a@b&password=Secr3tPw",
            "Secr3tPw",
        ),
        (
            "postgres://bob@db.example?@sslmode=require&password=Secr3tPw",
            "Secr3tPw",
        ),
        ("postgres://bob:12345678", "12345678"),
        ("postgres://bob:1234567890/db", "1234567890"),
    ] {
        if let Err(e) = check_url_hides(raw, pw) {
            failures.push(e.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Bug (open, Cargo.toml / serde_json): JSON reports and sessions do not read back every `f64`
/// exactly — serde_json is built without `float_roundtrip`, so `0.10008369694729721` comes back
/// as `0.1000836969472972` (one ulp off). Enabling the feature fixes it.
#[test]
fn found_bugs_json_floats_round_trip() {
    let mut r = sample_report();
    r.columns[0].confidence = 0.10008369694729721;
    let mut out = Vec::new();
    report::write(&mut out, &r, Format::Json, CsvSection::Inventory, None).expect("json");
    let back: ScanReport = serde_json::from_slice(&out).expect("parses");
    assert_eq!(back.columns[0].confidence, r.columns[0].confidence);
}

/// Bug (open, src/report/mod.rs `write_markdown_retention`): with no age cutoffs the retention
/// table's header row has an empty extra cell (`| database | table | column | oldest |  | method
/// |`, 6 cells) but its delimiter row 5, so renderers drop the table; rows whose bucket count
/// differs from the first row's misalign the same way.
#[test]
fn found_bugs_markdown_retention_without_cutoffs() {
    let mut r = sample_report();
    r.retention.push(RetentionReport {
        database: "shop".into(),
        schema: "public".into(),
        table: "users".into(),
        column: "created_at".into(),
        oldest: Some("2020-01-01".into()),
        oldest_age_days: Some(2000),
        older_than: vec![],
        method: "sample".into(),
        read_as: String::new(),
        estimated_rows: None,
    });
    let mut out = Vec::new();
    report::write(&mut out, &r, Format::Markdown, CsvSection::Inventory, None).expect("md");
    case(
        check_markdown(&String::from_utf8_lossy(&out), &[]),
        "retention",
    );
}
