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

/// Who reads what, as a grid: one row per (database, role), one column per personal-data table
/// (`schema.table`), each cell the paths by which that role reads that table. The report's
/// access matrix and the TUI's access screen are both drawn from it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Column headings: `schema.table`, sorted.
    pub tables: Vec<String>,
    /// Rows, sorted by database then role.
    pub rows: Vec<GridRow>,
}

/// One role's row of the [`Grid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// Database id.
    pub database: String,
    /// Role or account (`*` where nobody could be determined).
    pub role: String,
    /// One cell per table of [`Grid::tables`], `None` where the role does not read it.
    pub cells: Vec<Option<GridCell>>,
}

/// How one role reads one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// Each path, with the column first where only some columns are granted (`email: direct
    /// grant`), and whether it is indeterminate; sorted, without repeats.
    pub paths: Vec<(String, bool)>,
}

impl GridCell {
    /// Whether any path is indeterminate.
    pub fn indeterminate(&self) -> bool {
        self.paths.iter().any(|p| p.1)
    }
}

/// The grid of access records.
pub fn grid<'a>(access: impl IntoIterator<Item = &'a AccessRecord>) -> Grid {
    use std::collections::{BTreeMap, BTreeSet};
    let access: Vec<&AccessRecord> = access.into_iter().collect();
    let tables: Vec<String> = access
        .iter()
        .map(|a| format!("{}.{}", a.schema, a.table))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Per (database, role): per table, the (path, indeterminate) pairs.
    type Paths = BTreeSet<(String, bool)>;
    let mut rows: BTreeMap<(&str, &str), Vec<Paths>> = BTreeMap::new();
    for a in &access {
        let Ok(i) = tables.binary_search(&format!("{}.{}", a.schema, a.table)) else {
            continue;
        };
        let row = rows
            .entry((a.database.as_str(), a.role.as_str()))
            .or_insert_with(|| vec![BTreeSet::new(); tables.len()]);
        let col = a
            .column
            .as_deref()
            .map(|c| format!("{c}: "))
            .unwrap_or_default();
        row[i].insert((
            format!("{col}{}", a.via),
            a.state == AccessState::Indeterminate,
        ));
    }
    Grid {
        rows: rows
            .into_iter()
            .map(|((db, role), cells)| GridRow {
                database: db.to_string(),
                role: role.to_string(),
                cells: cells
                    .into_iter()
                    .map(|paths| {
                        (!paths.is_empty()).then(|| GridCell {
                            paths: paths.into_iter().collect(),
                        })
                    })
                    .collect(),
            })
            .collect(),
        tables,
    }
}
