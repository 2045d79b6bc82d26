//! Findings: the shape every source (scan, access, posture, answers, reconciliation) produces,
//! stable ids, and the findings that come from the scanned data itself (plain-text passwords,
//! secrets, full card numbers, unused personal-data columns, retention).
//!
//! Not for: engine-specific checks (they live with their engine and use [`raise`] with entries of
//! their engine's catalog file).

pub mod catalog;

pub use catalog::raise;

use crate::model::{ColumnReport, Finding, Place, RetentionReport, Sensitivity};
use crate::rules::SPECIAL_CATEGORIES;
use crate::vars;

/// A stable id: the check's id and a short hash of where it is, so the same problem at the same
/// place gets the same id in the next audit (`PA-PLAINTEXT-PASSWORD-1a2b3c4d`).
pub fn stable_id(check: &str, location: &str) -> String {
    // FNV-1a 64: small, stable across Rust versions (unlike DefaultHasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in location.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "PA-{}-{:08x}",
        check_in_id(check),
        h as u32 ^ (h >> 32) as u32
    )
}

/// How a check is written in a stable id: upper case, anything but letters and digits as `-`.
pub fn check_in_id(check: &str) -> String {
    check
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Mark findings as about database `id` (those not already about one).
pub fn about_database(findings: &mut [Finding], id: &str) {
    for f in findings.iter_mut().filter(|f| f.database.is_none()) {
        f.database = Some(id.to_string());
    }
}

/// The same finding in database `id` (a database renamed by a rescan): its place moves there and
/// its location and stable id are computed again for it.
pub fn rehome(f: &mut Finding, id: &str) {
    f.place.in_database(id);
    if !matches!(f.place, Place::Legacy { .. }) {
        f.location = f.place.render();
        f.id = stable_id(&f.check, &f.location);
    }
    f.database = Some(id.to_string());
}

/// The place of a column.
pub fn column_place(c: &ColumnReport) -> Place {
    Place::column(&c.database, &c.schema, &c.table, &c.column)
}

/// One finding per problem and place: findings that are views of the same problem (their catalog
/// entries' `problem`) at the same place become one, under the problem's own finding when there
/// is one (else the most severe view), with the strongest severity, every view's evidence and
/// references, and the others listed in `also`.
///
/// Then an answer that denies storing a category (`undeclared_<category>`) is folded into the
/// column findings about holding that category (`holds` in the catalog), when every column it
/// names has one: the columns' findings carry the contradiction instead of a second finding.
pub fn merge_views(findings: Vec<Finding>, columns: &[ColumnReport]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut at: std::collections::HashMap<(String, Place), usize> = Default::default();
    for f in findings {
        let key = (f.problem().to_string(), f.place.clone());
        match at.get(&key) {
            Some(&i) => {
                let mut f = f;
                if out[i].kind() != key.0 && (f.kind() == key.0 || f.severity > out[i].severity) {
                    std::mem::swap(&mut out[i], &mut f);
                }
                absorb(&mut out[i], f);
            }
            None => {
                at.insert(key, out.len());
                out.push(f);
            }
        }
    }
    // Fold "the team said we do not store it" into the column findings about that category.
    let mut folded = vec![false; out.len()];
    for u in 0..out.len() {
        if out[u].kind() != "undeclared" {
            continue;
        }
        let Place::Comparison {
            category: Some(cat),
            ..
        } = &out[u].place
        else {
            continue;
        };
        let cat = cat.clone();
        let places: Vec<Place> = columns
            .iter()
            .filter(|c| c.categories.contains(&cat))
            .map(column_place)
            .collect();
        let holders: Vec<usize> = places
            .iter()
            .filter_map(|p| {
                out.iter().position(|f| {
                    &f.place == p
                        && catalog::entry(f.kind()).is_some_and(|e| e.holds.contains(&cat))
                })
            })
            .collect();
        if places.is_empty() || holders.len() != places.len() {
            continue;
        }
        let mut view = out[u].clone();
        view.evidence = vec![format!(
            "data.categories does not include {cat}: the team said we do not store it"
        )];
        for h in holders {
            absorb(&mut out[h], view.clone());
        }
        folded[u] = true;
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !folded[i - 1]
    });
    out
}

/// `other` merged into `keep` as a view.
fn absorb(keep: &mut Finding, other: Finding) {
    keep.severity = keep.severity.max(other.severity);
    for e in other.evidence {
        if !keep.evidence.contains(&e) {
            keep.evidence.push(e);
        }
    }
    for r in other.references {
        if !keep.references.contains(&r) {
            keep.references.push(r);
        }
    }
    keep.also.push(crate::model::View {
        id: other.id,
        check: other.check,
        source: other.source,
        severity: other.severity,
        title: other.title,
    });
    keep.also.extend(other.also);
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
        c.decided()
    )
}

/// Findings that come from the scanned data itself, on every engine.
pub fn data_findings(columns: &[ColumnReport], retention: &[RetentionReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in columns {
        let at = || column_place(c);
        let has = |cat: &str| c.categories.iter().any(|x| x == cat);
        let (table, column) = (&c.table, &c.column);
        if c.category == "password" && c.rows_sampled > 0 {
            out.push(raise(
                "plaintext_password",
                at(),
                vars!(table = table, column = column),
                vec![
                    counts(c),
                    "values are not bcrypt, scrypt, argon2, PBKDF2 or crypt(3) hashes".into(),
                ],
            ));
        }
        if c.category == "password_hash" && c.weak_hashes > 0 {
            out.push(raise(
                "weak_password_hash",
                at(),
                vars!(),
                vec![
                    counts(c),
                    format!(
                        "{} sampled values are unsalted digests (MD5/SHA-1 style)",
                        c.weak_hashes
                    ),
                ],
            ));
        }
        if has("secret") && c.rows_sampled > 0 {
            out.push(raise("plaintext_secret", at(), vars!(), vec![counts(c)]));
        }
        if has("payment_card") && c.rows_sampled > 0 {
            out.push(raise(
                "full_card_numbers",
                at(),
                vars!(),
                vec![
                    counts(c),
                    "numbers pass the Luhn check and carry issuer prefixes".into(),
                ],
            ));
        }
        let special: Vec<&str> = c
            .categories
            .iter()
            .map(String::as_str)
            .filter(|x| SPECIAL_CATEGORIES.contains(x))
            .collect();
        if !special.is_empty() && c.rows_sampled > 0 {
            out.push(raise(
                "special_category_data",
                at(),
                vars!(
                    categories = special
                        .iter()
                        .map(|c| c.replace('_', " "))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                vec![counts(c)],
            ));
        }
        if c.evidence.in_documents() && c.sensitivity >= Sensitivity::Medium {
            out.push(raise(
                "personal_data_in_free_text",
                at(),
                vars!(),
                c.signals.clone(),
            ));
        }
        // Collected but unused: the table has rows, yet the column is almost always empty.
        if c.rows_read >= 20 && (c.rows_sampled as f64) < 0.05 * c.rows_read as f64 {
            out.push(raise(
                "collected_unused",
                at(),
                vars!(column = column),
                vec![format!(
                    "{}: {} of {} sampled rows hold a value",
                    where_(c),
                    c.rows_sampled,
                    c.rows_read
                )],
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
        out.push(raise(
            "retention_over_5_years",
            Place::table(&r.database, &r.schema, &r.table),
            vars!(table = r.table, column = r.column),
            evidence,
        ));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_rehomed_finding_gets_the_id_it_would_have_had_there() {
        let mut f = raise(
            "plaintext_password",
            Place::column("shop", "public", "users", "password"),
            vars!(table = "users", column = "password"),
            vec![],
        );
        assert_eq!(f.location, "shop.public.users.password");
        assert_eq!(f.database.as_deref(), Some("shop"));
        rehome(&mut f, "shop-2");
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
