//! Retention: how old the rows of a personal-data table are, from its creation or last-activity
//! column. Exact through an index where one exists (the engine's `retention`), otherwise
//! estimated from the sampled rows — and the report says which.

use chrono::{NaiveDate, NaiveDateTime};

use crate::classify::names;
use crate::classify::validate::parse_date;
use crate::db::IndexedRetention;
use crate::model::{AgeBucket, CatalogTable, RetentionReport, TypeClass};

const CREATED: &[&str] = &[
    "created",
    "creation",
    "inserted",
    "registered",
    "registration",
    "signup",
    "joined",
    "angelegt",
    "erstellt",
    "registriert",
    "erfasst",
    "cree",
    "inscription",
    "creado",
    "alta",
    "creato",
    "registrato",
    "aangemaakt",
    "geregistreerd",
    "opened",
    "since",
    "birth",
];
const ACTIVITY: &[&str] = &[
    "login",
    "seen",
    "activity",
    "active",
    "updated",
    "modified",
    "visit",
    "anmeldung",
    "aktualisiert",
];

/// The column that tells a row's age: a creation timestamp first, else a last-activity one.
/// Birth dates are not row ages: columns with `birth` are never chosen.
pub fn column(table: &CatalogTable) -> Option<usize> {
    let dated = |c: &&crate::model::CatalogColumn| {
        matches!(c.class, TypeClass::Date | TypeClass::Timestamp)
    };
    let pick = |words: &[&str]| {
        table.columns.iter().filter(dated).position(|c| {
            let w = names::words(&c.name);
            !w.iter()
                .any(|x| x == "birth" || x == "geburt" || x == "naissance")
                && w.iter().any(|x| words.contains(&x.as_str()))
        })
    };
    let dated_idx: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| dated(c))
        .map(|(i, _)| i)
        .collect();
    pick(CREATED)
        .or_else(|| pick(ACTIVITY))
        .and_then(|p| dated_idx.get(p).copied())
}

/// Ages seen in the sample of one column.
#[derive(Debug, Clone)]
pub struct DateStats {
    cutoffs: Vec<(u32, NaiveDate)>,
    oldest: Option<NaiveDate>,
    n: u64,
    older: Vec<u64>,
}

impl DateStats {
    /// Count against cutoffs of `days` before `today`.
    pub fn new(days: &[u32], today: NaiveDate) -> Self {
        let cutoffs: Vec<(u32, NaiveDate)> = days
            .iter()
            .map(|d| (*d, today - chrono::Duration::days(i64::from(*d))))
            .collect();
        DateStats {
            older: vec![0; cutoffs.len()],
            cutoffs,
            oldest: None,
            n: 0,
        }
    }

    /// Feed one sampled value.
    pub fn observe(&mut self, value: &str) {
        let Some((date, _)) = parse_date(value.trim()) else {
            return;
        };
        self.n += 1;
        self.oldest = Some(self.oldest.map_or(date, |o| o.min(date)));
        for (i, (_, cut)) in self.cutoffs.iter().enumerate() {
            if date < *cut {
                self.older[i] += 1;
            }
        }
    }

    /// The cutoffs as timestamps (for an index query).
    pub fn cutoff_times(&self) -> Vec<NaiveDateTime> {
        self.cutoffs
            .iter()
            .filter_map(|(_, d)| d.and_hms_opt(0, 0, 0))
            .collect()
    }

    /// Build the report, preferring exact index figures where the engine had them.
    pub fn report(
        &self,
        database: &str,
        table: &CatalogTable,
        column: &str,
        rows_read: u64,
        indexed: Option<IndexedRetention>,
        today: NaiveDate,
    ) -> Option<RetentionReport> {
        let estimate = |i: usize| -> Option<u64> {
            if self.n == 0 {
                return None;
            }
            let share = self.older[i] as f64 / self.n as f64;
            let base = table.estimated_rows.unwrap_or(rows_read).max(rows_read);
            Some((share * base as f64).round() as u64)
        };
        let (oldest, method, buckets) = match &indexed {
            Some(ix) => {
                let oldest = ix
                    .oldest
                    .as_deref()
                    .and_then(|s| parse_date(s.trim()))
                    .map(|(d, _)| d);
                let buckets = self
                    .cutoffs
                    .iter()
                    .enumerate()
                    .map(
                        |(i, (days, _))| match ix.older_than.get(i).copied().flatten() {
                            Some(n) => AgeBucket {
                                days: *days,
                                rows: Some(n),
                                estimated: false,
                            },
                            None => AgeBucket {
                                days: *days,
                                rows: estimate(i),
                                estimated: true,
                            },
                        },
                    )
                    .collect();
                (oldest, "index", buckets)
            }
            None => {
                if self.n == 0 {
                    return None;
                }
                let buckets = self
                    .cutoffs
                    .iter()
                    .enumerate()
                    .map(|(i, (days, _))| AgeBucket {
                        days: *days,
                        rows: estimate(i),
                        estimated: true,
                    })
                    .collect();
                (self.oldest, "sample", buckets)
            }
        };
        Some(RetentionReport {
            database: database.to_string(),
            schema: table.schema.clone(),
            table: table.name.clone(),
            column: column.to_string(),
            oldest: oldest.map(|d| d.to_string()),
            oldest_age_days: oldest.map(|d| (today - d).num_days()),
            older_than: buckets,
            method: method.to_string(),
            estimated_rows: table.estimated_rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CatalogColumn, TableKind};

    fn table(cols: &[(&str, TypeClass)]) -> CatalogTable {
        CatalogTable {
            schema: "s".into(),
            name: "t".into(),
            kind: TableKind::Table,
            estimated_rows: Some(1000),
            columns: cols
                .iter()
                .map(|(n, c)| CatalogColumn {
                    name: n.to_string(),
                    data_type: "x".into(),
                    class: *c,
                })
                .collect(),
            integer_key: None,
            unreadable: Vec::new(),
        }
    }

    #[test]
    fn picks_creation_before_activity_and_never_birth() {
        let t = table(&[
            ("date_of_birth", TypeClass::Date),
            ("last_login_at", TypeClass::Timestamp),
            ("created_at", TypeClass::Timestamp),
        ]);
        assert_eq!(column(&t), Some(2));
        let t = table(&[
            ("birth_date", TypeClass::Date),
            ("last_seen", TypeClass::Timestamp),
        ]);
        assert_eq!(column(&t), Some(1));
        let t = table(&[("created_at", TypeClass::Text)]);
        assert_eq!(column(&t), None);
    }

    #[test]
    fn sample_estimates_scale_to_the_table() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let mut s = DateStats::new(&[365, 1825], today);
        for v in [
            "2019-01-01 10:00:00",
            "2025-06-01",
            "2026-11-01",
            "not a date",
        ] {
            s.observe(v);
        }
        let t = table(&[("created_at", TypeClass::Timestamp)]);
        let r = s
            .report("db", &t, "created_at", 3, None, today)
            .expect("report");
        assert_eq!(r.method, "sample");
        assert_eq!(r.oldest.as_deref(), Some("2019-01-01"));
        assert_eq!(r.older_than[0].rows, Some(667)); // 2 of 3 sampled rows × 1000
        assert_eq!(r.older_than[1].rows, Some(333));
        assert!(r.older_than.iter().all(|b| b.estimated));
    }
}
