//! sqlite: "access" is the file system. (Being written: returns nothing yet.)

use crate::access::{AccessOutcome, PdTable};

/// Analyse who can read the database file.
pub async fn analyze(_db: &super::Sqlite, _database: &str, _pd: &[PdTable]) -> AccessOutcome {
    AccessOutcome::default()
}
