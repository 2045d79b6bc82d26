//! Findings: the shape every source (scan, access, posture, answers, reconciliation) produces,
//! stable ids, and the findings that come from the scanned data itself (plain-text passwords,
//! secrets, full card numbers, unused personal-data columns, retention).
//!
//! Not for: engine-specific checks (they live with their engine and use [`finding`]).

use crate::model::{ColumnReport, Finding, FindingSource, RetentionReport, Sensitivity, Severity};
use crate::rules::SPECIAL_CATEGORIES;

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
        database: None,
    }
}

/// Mark findings as about database `id` (those not already about one).
pub fn about_database(findings: &mut [Finding], id: &str) {
    for f in findings.iter_mut().filter(|f| f.database.is_none()) {
        f.database = Some(id.to_string());
    }
}

/// The same finding under another location (a database renamed by a rescan): the location's
/// prefix `old` becomes `new` and the stable id is recomputed for it.
pub fn rehome(f: &mut Finding, old: &str, new: &str) {
    if let Some(rest) = f.location.strip_prefix(old) {
        let location = format!("{new}{rest}");
        // The id is `PA-<CHECK>-<hash of location>`: keep the check, hash the new location.
        let check =
            f.id.strip_prefix("PA-")
                .and_then(|s| s.rsplit_once('-'))
                .map(|(c, _)| c.to_string());
        if let Some(check) = check {
            f.id = stable_id(&check, &location);
        }
        f.location = location;
    }
    f.database = Some(new.to_string());
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

fn where_(c: &ColumnReport) -> String {
    format!("{}.{}.{}", c.schema, c.table, c.column)
}

fn counts(c: &ColumnReport) -> String {
    let rows = c
        .estimated_rows
        .map(|n| format!(", table holds about {n} rows"))
        .unwrap_or_default();
    format!(
        "{}: {}/{} sampled values{rows}",
        where_(c),
        c.values_matched,
        c.rows_sampled
    )
}

/// Findings that come from the scanned data itself, on every engine.
pub fn data_findings(columns: &[ColumnReport], retention: &[RetentionReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in columns {
        let loc = column_location(c);
        let has = |cat: &str| c.categories.iter().any(|x| x == cat);
        if c.category == "password" && c.rows_sampled > 0 {
            out.push(finding(
                "plaintext_password",
                Severity::Critical,
                "Passwords are stored in plain text",
                FindingSource::Scan,
                &loc,
                vec![counts(c), "values are not bcrypt, scrypt, argon2, PBKDF2 or crypt(3) hashes".into()],
                format!(
                    "Replace the column with a salted, slow hash (argon2id or bcrypt), hash on the next login or force a password reset for every account, then drop the plain-text column (e.g. ALTER TABLE {} DROP COLUMN {}). Check backups and logs for copies.",
                    c.table, c.column
                ),
                &["GDPR Art. 32", "OWASP ASVS 2.4.1", "PCI DSS 8.3.2", "CIS Controls 3.11"],
            ));
        }
        if c.category == "password_hash" && c.weak_hashes > 0 {
            out.push(finding(
                "weak_password_hash",
                Severity::High,
                "Passwords are hashed with a fast, unsalted algorithm",
                FindingSource::Scan,
                &loc,
                vec![
                    counts(c),
                    format!(
                        "{} sampled values are unsalted digests (MD5/SHA-1 style)",
                        c.weak_hashes
                    ),
                ],
                "Move to argon2id or bcrypt: rehash on next login and expire the old digests.",
                &["GDPR Art. 32", "OWASP ASVS 2.4.1"],
            ));
        }
        if has("secret") && c.rows_sampled > 0 {
            out.push(finding(
                "plaintext_secret",
                Severity::High,
                "API keys or access tokens are stored in plain text",
                FindingSource::Scan,
                &loc,
                vec![counts(c)],
                "Move secrets to a secrets manager or encrypt them with a key kept outside the database; rotate every key that was readable.",
                &["GDPR Art. 32", "CIS Controls 3.11", "OWASP ASVS 6.4.1"],
            ));
        }
        if has("payment_card") && c.rows_sampled > 0 {
            out.push(finding(
                "full_card_numbers",
                Severity::Critical,
                "Full payment card numbers are stored",
                FindingSource::Scan,
                &loc,
                vec![counts(c), "numbers pass the Luhn check and carry issuer prefixes".into()],
                "Do not store full card numbers: use the payment provider's tokens, keep at most the last four digits, or render them unreadable (PCI DSS 3.5.1). Purge existing numbers and check backups.",
                &["PCI DSS 3.3", "PCI DSS 3.5.1", "GDPR Art. 32"],
            ));
        }
        if c.categories
            .iter()
            .any(|x| SPECIAL_CATEGORIES.contains(&x.as_str()))
            && c.rows_sampled > 0
        {
            out.push(finding(
                "special_category_data",
                Severity::Medium,
                format!("Special-category data ({}) is stored", c.categories.iter().filter(|x| SPECIAL_CATEGORIES.contains(&x.as_str())).cloned().collect::<Vec<_>>().join(", ")),
                FindingSource::Scan,
                &loc,
                vec![counts(c)],
                "Confirm an Art. 9 legal basis, restrict access to the people who need it, encrypt the column and record it in the record of processing activities.",
                &["GDPR Art. 9", "GDPR Art. 30", "GDPR Art. 35"],
            ));
        }
        if c.evidence.in_documents() && c.sensitivity >= Sensitivity::Medium {
            out.push(finding(
                "personal_data_in_free_text",
                Severity::Low,
                "Personal data is written into free-text fields",
                FindingSource::Scan,
                &loc,
                c.signals.clone(),
                "Free text is hard to find, export and erase on request: capture contact data in structured fields, and cover free-text fields in deletion and access-request procedures.",
                &["GDPR Art. 5(1)(c)", "GDPR Art. 17"],
            ));
        }
        // Collected but unused: the table has rows, yet the column is almost always empty.
        if c.rows_read >= 20 && (c.rows_sampled as f64) < 0.05 * c.rows_read as f64 {
            out.push(finding(
                "collected_unused",
                Severity::Low,
                "Personal data is collected but almost never filled in",
                FindingSource::Scan,
                &loc,
                vec![format!("{}: {} of {} sampled rows hold a value", where_(c), c.rows_sampled, c.rows_read)],
                format!("If {} is not needed, stop collecting it and drop the column (data minimisation).", c.column),
                &["GDPR Art. 5(1)(c)", "GDPR Art. 25"],
            ));
        }
    }
    for r in retention {
        let Some(age) = r.oldest_age_days else {
            continue;
        };
        let five = r
            .older_than
            .iter()
            .find(|b| b.days >= 1825)
            .and_then(|b| b.rows)
            .unwrap_or(0);
        if age < 1825 || five == 0 {
            continue;
        }
        let loc = format!("{}.{}.{}", r.database, r.schema, r.table);
        let mut evidence = vec![format!(
            "oldest row: {} ({:.1} years, {}, {})",
            r.oldest.as_deref().unwrap_or("?"),
            age as f64 / 365.25,
            r.column_note(),
            if r.method == "index" {
                "exact, through an index"
            } else {
                "in the sampled rows"
            }
        )];
        for b in &r.older_than {
            if let Some(n) = b.rows {
                evidence.push(format!(
                    "rows older than {} year(s): {}{n}",
                    b.days / 365,
                    if b.estimated { "about " } else { "" }
                ));
            }
        }
        out.push(finding(
            "retention_over_5_years",
            Severity::Medium,
            "Personal data is kept for more than five years",
            FindingSource::Scan,
            loc,
            evidence,
            format!(
                "Set a retention period for {} and delete or anonymise rows past it on a schedule (e.g. DELETE FROM {} WHERE {} < now() - interval '…').",
                r.table, r.table, r.column
            ),
            &["GDPR Art. 5(1)(e)", "GDPR Art. 17"],
        ));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_rehomed_finding_gets_the_id_it_would_have_had_there() {
        let mut f = finding(
            "plaintext_password",
            Severity::Critical,
            "t",
            FindingSource::Scan,
            "shop.public.users.password",
            vec![],
            "r",
            &[],
        );
        rehome(&mut f, "shop", "shop-2");
        assert_eq!(f.location, "shop-2.public.users.password");
        assert_eq!(
            f.id,
            stable_id("plaintext_password", "shop-2.public.users.password")
        );
        assert_eq!(f.database.as_deref(), Some("shop-2"));
    }
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
