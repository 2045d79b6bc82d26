//! Every function that takes a value or a name from a database must survive any string: arbitrary
//! Unicode, multi-byte characters at every position, combining marks, RTL and zero-width
//! characters, emoji, NUL and control characters, and very long strings. A panic here once ended a
//! whole scan (`is_es_dni` sliced `Castelló` inside the `ó`).
//!
//! Regressions found by these properties are kept in `hostile_regressions` below, so they run on
//! every build whatever the random seed.

use std::process::Command;

use privaudit::classify::validate::{Mode, Validator};
use privaudit::classify::{ColumnAnalyzer, mask, names, resolve_table};
use privaudit::model::TypeClass;
use privaudit::rules::RuleSet;
use proptest::prelude::*;

/// Pieces that break byte-length assumptions or confuse parsers, mixed with the characters
/// validators look for (digits, letters, separators).
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "7",
    "9",
    "A",
    "B",
    "X",
    "Z",
    "a",
    "z",
    "é",
    "ó",
    "ß",
    "€",
    "東",
    "京",
    "都",
    "\u{301}",  // combining acute accent
    "\u{202e}", // right-to-left override
    "\u{200b}", // zero-width space
    "\u{200d}", // zero-width joiner
    "\u{feff}",
    "😀",
    "👩‍👩‍👧",
    "\0",
    "\x1b",
    "\x07",
    "\r",
    "\n",
    "\t",
    " ",
    "-",
    ".",
    "/",
    "@",
    "+",
    "$",
    "{",
    "}",
    ":",
    ",",
    ";",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "\\",
    "%",
    "_",
    "=",
    "ı",
    "İ",
    "ǅ",
    "ﬁ",
    "Ⅻ",
    "٣",
    "߀",
    "𝟘",
    // Other scripts, with the marks that belong to their letters.
    "김",
    "ᄀ",
    "\u{1161}",
    "्",
    "ा",
    "\u{64e}",
    "ـ",
    "ال",
    "\u{3099}",
    "ｶ",
    "ﾞ",
    "ς",
    "Σ",
    "ё",
    "·",
    "・",
    "\u{3000}",
    "〒",
    "号",
    "\u{200c}",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        // Pieces at every position, lengths around the validators' byte-length checks.
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),
        // Anything at all.
        any::<String>(),
        // A valid-looking identifier with one multi-byte character spliced in.
        (
            prop::sample::select(
                &[
                    "12345678Z",
                    "X1234567L",
                    "1 84 12 76 451 089 46",
                    "184127645108946",
                    "AB123456C",
                    "GB82WEST12345698765432",
                    "4111111111111111",
                    "123-45-6789",
                    "86095742719",
                    "RSSMRA85T10A562S",
                    "+44 20 7946 0958",
                    "2023-09-18 19:24:13.708663",
                    "alice@example.com",
                    "$2b$12$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
                ][..]
            ),
            0usize..30,
            prop::sample::select(&["é", "€", "東", "\u{301}", "😀", "\0"][..]),
        )
            .prop_map(|(s, at, c)| {
                let mut s = s.to_string();
                let mut at = at.min(s.len());
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.insert_str(at, c);
                s
            }),
    ]
}

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

const CLASSES: &[TypeClass] = &[
    TypeClass::Text,
    TypeClass::Integer,
    TypeClass::Decimal,
    TypeClass::Date,
    TypeClass::Timestamp,
    TypeClass::Json,
    TypeClass::Other,
];

/// Everything one value goes through in a scan.
fn exercise(value: &str) {
    for name in Validator::NAMES {
        let v = Validator::from_name(name).expect("listed validator");
        for mode in [Mode::Strict, Mode::Named, Mode::InText] {
            let _ = v.check(value, mode, value);
        }
    }
    for rule in &rules().rules {
        let _ = mask::mask(&rule.category, value);
    }
    let _ = mask::mask("unknown_category", value);
    let _ = names::words(value);
    let _ = names::fold(value);
    let _ = privaudit::classify::scripts::is_name(value);
    let _ = privaudit::classify::scripts::script_of(value);
    let _ = privaudit::classify::validate::is_grouped_code(value);
    let regions = privaudit::classify::validate::regions(&["JP".into(), "KR".into(), "CN".into()]);
    for mode in [Mode::Strict, Mode::Named, Mode::InText] {
        let _ = Validator::Phone.check_in(value, mode, value, &regions);
    }
    let _ = rules().regions_for(&names::words(value), &names::words(value));
    let _ = privaudit::classify::cut(value);
    let _ = privaudit::classify::validate::parse_date(value);
    let _ = privaudit::classify::validate::birth_age(value);
}

/// A value observed by columns named like every rule, plus a column named by the value itself.
fn analyze(value: &str) {
    let rules = rules();
    let mut names: Vec<String> = rules
        .rules
        .iter()
        .filter_map(|r| r.name_examples_match.first().cloned())
        .collect();
    names.push(value.to_string());
    for class in CLASSES {
        let mut verdicts = Vec::new();
        for name in &names {
            let mut a = ColumnAnalyzer::new(rules, value, name, *class);
            for _ in 0..3 {
                a.observe(value);
            }
            verdicts.push(a.verdict());
        }
        resolve_table(rules, value, &mut verdicts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn validators_maskers_and_names_never_panic(value in hostile()) {
        exercise(&value);
    }

    #[test]
    fn the_column_analyzer_never_panics(value in hostile()) {
        analyze(&value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// 100 KB strings of hostile pieces.
    #[test]
    fn huge_values_never_panic(piece in prop::sample::select(PIECES), n in 20_000usize..30_000) {
        let value = piece.repeat(n.max(100_000 / piece.len().max(1)));
        exercise(&value);
        analyze(&value);
    }
}

#[test]
fn hostile_regressions() {
    for v in [
        "Castelló",
        "Ferrandé",
        "100,00 €",
        "東京都",
        "1234567é",
        "12345678é",
        "1 84 12 é6 451 089",
        "18412764510894é",
        "ABé23456C",
        "\u{202e}12345678Z",
        "0\u{301}0000000000000",
    ] {
        exercise(v);
        analyze(v);
    }
}

/// A scan of an SQLite file full of hostile Unicode, in columns named like every rule, exits 0.
#[test]
fn scan_of_hostile_sqlite_exits_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.db");
    let rules = rules();
    let mut cols: Vec<String> = rules
        .rules
        .iter()
        .filter_map(|r| r.name_examples_match.first().cloned())
        .collect();
    cols.sort();
    cols.dedup();
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut sql = format!(
        "CREATE TABLE {} ({});\n",
        quote("customers"),
        cols.iter()
            .map(|c| format!("{} TEXT", quote(c)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let values = [
        "Castelló",
        "Ferrandé",
        "100,00 €",
        "東京都",
        "12345678é",
        "18412764510894é",
        "ABé23456C",
        "\u{202e}evil",
        "a\u{301}\u{301}\u{301}",
        "😀👩‍👩‍👧",
        "\u{200b}\u{feff}",
    ];
    for i in 0..200 {
        let row: Vec<String> = (0..cols.len())
            .map(|j| lit(values[(i + j) % values.len()]))
            .collect();
        sql.push_str(&format!(
            "INSERT INTO {} VALUES ({});\n",
            quote("customers"),
            row.join(", ")
        ));
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let mut conn = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("create sqlite file");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut conn)
            .await
            .expect("load hostile rows");
        conn.close().await.expect("close");
    });
    let out = Command::new(env!("CARGO_BIN_EXE_privaudit"))
        .args(["scan", "--quiet", "--format", "json", "--db"])
        .arg(&path)
        .output()
        .expect("run privaudit");
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let skipped = report["skipped"].as_array().expect("skipped list");
    assert!(
        !skipped.iter().any(|s| s["reason"]
            .as_str()
            .unwrap_or("")
            .contains("internal error")),
        "a table hit the classifier's panic backstop: {skipped:?}"
    );
}
