//! The built-in sample: a fictional shop, from `samples/shop.sql` compiled into the binary, so
//! `privaudit scan` works from any directory. The same SQL loads into PostgreSQL and MariaDB for
//! the integration tests.

use std::sync::LazyLock;

use regex::Regex;

use crate::target::EngineKind;

/// The portable SQL with `{{PLACEHOLDER}}` types.
pub const SHOP_SQL: &str = include_str!("../samples/shop.sql");

/// The sample SQL rendered for one engine's dialect.
pub fn render(engine: EngineKind) -> String {
    static HEX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{\{HEX:([0-9a-f]*)\}\}").expect("static regex"));
    let (b, json, blob, ts) = match engine {
        EngineKind::Postgres => ("boolean", "jsonb", "bytea", "timestamp"),
        EngineKind::Mysql => ("BOOLEAN", "JSON", "LONGBLOB", "DATETIME"),
        EngineKind::Sqlite => ("BOOLEAN", "JSON", "BLOB", "TIMESTAMP"),
    };
    let sql = SHOP_SQL
        .replace("{{BOOL}}", b)
        .replace("{{JSON}}", json)
        .replace("{{BLOB}}", blob)
        .replace("{{TIMESTAMP}}", ts);
    HEX.replace_all(&sql, |c: &regex::Captures| match engine {
        EngineKind::Postgres => format!("'\\x{}'::bytea", &c[1]),
        _ => format!("X'{}'", &c[1]),
    })
    .into_owned()
}

/// The statements of the rendered SQL, one by one (each ends with `;` at a line end).
pub fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in sql.lines() {
        if line.trim_start().starts_with("--") && cur.trim().is_empty() {
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        if line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_without_leftover_placeholders() {
        for e in [EngineKind::Postgres, EngineKind::Mysql, EngineKind::Sqlite] {
            let sql = render(e);
            assert!(!sql.contains("{{"), "{e}");
            assert!(statements(&sql).len() > 20);
        }
    }
}
