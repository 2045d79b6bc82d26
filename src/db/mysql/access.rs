//! mysql: effective read access to personal data, and the security posture behind it.
//! (Being written: returns nothing yet.)

use crate::access::{AccessOutcome, PdTable};

/// Analyse who can read the personal-data tables and columns, and check the server's posture.
pub async fn analyze(_db: &super::Mysql, _database: &str, _pd: &[PdTable]) -> AccessOutcome {
    AccessOutcome::default()
}
