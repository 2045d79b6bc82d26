//! Findings: the shape every source (scan, access, posture, answers, reconciliation) produces,
//! stable ids, and the findings that come from the scanned data itself (plain-text passwords,
//! secrets, full card numbers, unused personal-data columns, retention).
//!
//! Not for: engine-specific checks (they live with their engine and use [`finding`]).

use crate::model::{ColumnReport, Finding, FindingSource, Severity};

/// A stable id: the check's id and a short hash of where it is, so the same problem at the same
/// place gets the same id in the next audit (`PA-PLAINTEXT-PASSWORD-1a2b3c4d`).
pub fn stable_id(check: &str, location: &str) -> String {
    // FNV-1a 64: small, stable across Rust versions (unlike DefaultHasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in location.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let check: String = check
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("PA-{check}-{:08x}", h as u32 ^ (h >> 32) as u32)
}

/// Build a finding with a stable id from its check id and location.
#[allow(clippy::too_many_arguments)]
pub fn finding(
    check: &str,
    severity: Severity,
    title: impl Into<String>,
    source: FindingSource,
    location: impl Into<String>,
    evidence: Vec<String>,
    recommendation: impl Into<String>,
    references: &[&str],
) -> Finding {
    let location = location.into();
    Finding {
        id: stable_id(check, &location),
        severity,
        title: title.into(),
        source,
        location,
        evidence,
        recommendation: recommendation.into(),
        references: references.iter().map(|s| s.to_string()).collect(),
    }
}

/// `database.schema.table.column`, the location of a column.
pub fn column_location(c: &ColumnReport) -> String {
    format!("{}.{}.{}.{}", c.database, c.schema, c.table, c.column)
}

/// Sort findings most severe first, then by location, and drop exact duplicate ids.
pub fn normalise(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.location.cmp(&b.location))
            .then(a.id.cmp(&b.id))
    });
    findings.dedup_by(|a, b| a.id == b.id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = stable_id("plaintext_password", "shop.public.users.password");
        assert_eq!(
            a,
            stable_id("plaintext_password", "shop.public.users.password")
        );
        assert_ne!(a, stable_id("plaintext_password", "shop.public.users.pw"));
        assert!(a.starts_with("PA-PLAINTEXT-PASSWORD-"), "{a}");
        // Pinned: the id must not change between versions.
        assert_eq!(stable_id("x", ""), "PA-X-4fd0bfc1");
    }
}
