//! Access analysis shared by the engines: what the scanner found to hold personal data (the
//! input), and what the engines return (access records, posture checks, findings).
//!
//! Not for: engine SQL (each engine's `access` module holds its own).

use crate::model::{AccessRecord, AccessState, ColumnReport, Finding, PostureCheck, Sensitivity};

/// A table the scan found to hold personal data, with its personal-data columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PdTable {
    /// Schema.
    pub schema: String,
    /// Table.
    pub table: String,
    /// Personal-data columns.
    pub columns: Vec<String>,
    /// Categories found in the table.
    pub categories: Vec<String>,
    /// Highest sensitivity.
    pub sensitivity: Sensitivity,
}

/// Group personal-data columns of one database by table.
pub fn pd_tables(database: &str, columns: &[ColumnReport]) -> Vec<PdTable> {
    let mut out: Vec<PdTable> = Vec::new();
    for c in columns.iter().filter(|c| c.database == database) {
        match out
            .iter_mut()
            .find(|t| t.schema == c.schema && t.table == c.table)
        {
            Some(t) => {
                t.columns.push(c.column.clone());
                for cat in &c.categories {
                    if !t.categories.contains(cat) {
                        t.categories.push(cat.clone());
                    }
                }
                t.sensitivity = t.sensitivity.max(c.sensitivity);
            }
            None => out.push(PdTable {
                schema: c.schema.clone(),
                table: c.table.clone(),
                columns: vec![c.column.clone()],
                categories: c.categories.clone(),
                sensitivity: c.sensitivity,
            }),
        }
    }
    out
}

/// One indeterminate `*` record for a table: who can read it could not be determined.
pub fn unknown_readers(database: &str, t: &PdTable, why: &str) -> AccessRecord {
    AccessRecord {
        database: database.to_string(),
        schema: t.schema.clone(),
        table: t.table.clone(),
        column: None,
        role: "*".into(),
        privilege: "SELECT".into(),
        via: "unknown".into(),
        state: AccessState::Indeterminate,
        note: Some(why.to_string()),
    }
}

/// What an engine's access and posture analysis found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccessOutcome {
    /// Who can read which personal data, and how.
    pub access: Vec<AccessRecord>,
    /// Posture checks.
    pub posture: Vec<PostureCheck>,
    /// Findings (source access or posture).
    pub findings: Vec<Finding>,
    /// What the scanning account could not see (one line each).
    pub warnings: Vec<String>,
}
