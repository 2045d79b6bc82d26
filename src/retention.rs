//! Retention: how old the rows of a personal-data table are, from its creation or last-activity
//! column — declared as a date, or text and numbers whose values are dates (ISO 8601, national
//! forms, epoch seconds or milliseconds, `YYYYMMDD`). Exact through an index where one exists
//! and the column sorts in time order (the engine's `retention`), otherwise estimated from the
//! sampled rows — and the report says which, and how the dates were read.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::classify::names;
use crate::classify::validate::{DateForm, read_date};
use crate::db::IndexedRetention;
use crate::model::{AgeBucket, CatalogColumn, CatalogTable, RetentionReport, TypeClass};

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

/// Names that say only "a point in time"; taken when no creation or activity column exists.
const GENERIC: &[&str] = &["date", "datetime", "timestamp", "ts", "datum", "fecha"];
/// Dates that are not a row's age: birth dates, expiry and end dates.
const NOT_AGE: &[&str] = &[
    "birth",
    "geburt",
    "naissance",
    "nacimiento",
    "nascita",
    "geboorte",
    "expiry",
    "expires",
    "expiration",
    "until",
    "due",
    "end",
    "ends",
    "valid",
];
/// At most this many columns of one table are read as age candidates.
const MAX_CANDIDATES: usize = 4;

/// The columns that may tell a row's age, best first: creation columns, then last-activity
/// columns, then columns named only like a date. Within each, columns declared as dates or
/// timestamps come before text and number columns, which count only if their values read as
/// dates (see [`DateStats::usable`]). Birth, expiry and end dates are never row ages.
pub fn candidates(table: &CatalogTable) -> Vec<usize> {
    let typed = |c: &CatalogColumn| matches!(c.class, TypeClass::Date | TypeClass::Timestamp);
    let readable = |c: &CatalogColumn| {
        typed(c)
            || matches!(
                c.class,
                TypeClass::Text | TypeClass::Integer | TypeClass::Decimal | TypeClass::Other
            )
    };
    let mut out: Vec<usize> = Vec::new();
    for group in [CREATED, ACTIVITY, GENERIC] {
        for want_typed in [true, false] {
            for (i, c) in table.columns.iter().enumerate() {
                if !readable(c) || typed(c) != want_typed || out.contains(&i) {
                    continue;
                }
                let w = names::words(&c.name);
                let not_age = w.iter().any(|x| NOT_AGE.iter().any(|n| x.starts_with(n)));
                if !not_age && w.iter().any(|x| group.contains(&x.as_str())) {
                    out.push(i);
                }
            }
        }
    }
    out.truncate(MAX_CANDIDATES);
    out
}

/// Ages seen in the sample of one column.
#[derive(Debug, Clone)]
pub struct DateStats {
    cutoffs: Vec<(u32, NaiveDate)>,
    oldest: Option<NaiveDate>,
    /// Values fed.
    seen: u64,
    /// Values read as dates.
    n: u64,
    older: Vec<u64>,
    forms: BTreeMap<DateForm, u64>,
    /// The column is declared as a date or timestamp.
    typed: bool,
}

impl DateStats {
    /// Count against cutoffs of `days` before `today`, for a column of type `class`.
    pub fn new(days: &[u32], today: NaiveDate, class: TypeClass) -> Self {
        let cutoffs: Vec<(u32, NaiveDate)> = days
            .iter()
            .map(|d| (*d, today - chrono::Duration::days(i64::from(*d))))
            .collect();
        DateStats {
            older: vec![0; cutoffs.len()],
            cutoffs,
            oldest: None,
            seen: 0,
            n: 0,
            forms: BTreeMap::new(),
            typed: matches!(class, TypeClass::Date | TypeClass::Timestamp),
        }
    }

    /// Feed one sampled value.
    pub fn observe(&mut self, value: &str) {
        self.observe_n(value, 1);
    }

    /// Feed a sampled value that occurred `count` times.
    pub fn observe_n(&mut self, value: &str, count: u64) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.seen += count;
        let Some((date, _, form)) = read_date(value) else {
            return;
        };
        self.n += count;
        *self.forms.entry(form).or_default() += count;
        self.oldest = Some(self.oldest.map_or(date, |o| o.min(date)));
        for (i, (_, cut)) in self.cutoffs.iter().enumerate() {
            if date < *cut {
                self.older[i] += count;
            }
        }
    }

    /// Whether the column's values are dates: any for a date column, at least 80% of the
    /// sampled values for a text or number column.
    pub fn usable(&self) -> bool {
        self.n > 0 && (self.typed || self.n * 10 >= self.seen * 8)
    }

    /// The form most values were written in.
    fn dominant(&self) -> Option<DateForm> {
        self.forms
            .iter()
            .max_by_key(|(f, n)| (**n, std::cmp::Reverse(**f)))
            .map(|(f, _)| *f)
    }

    /// Whether the column sorts in time order as the engine compares it, so an index range
    /// count is exact: date columns, and text in ISO 8601.
    pub fn index_comparable(&self) -> bool {
        self.dominant() == Some(DateForm::Iso)
    }

    /// How the dates were read, for the report.
    pub fn read_as(&self, data_type: &str) -> String {
        let form = self.dominant();
        if self.typed && matches!(form, None | Some(DateForm::Iso)) {
            return format!("declared {data_type}");
        }
        let form = form.map_or("dates", DateForm::describe);
        format!(
            "{form} in a {data_type} column ({} of {} sampled values read as dates)",
            self.n, self.seen
        )
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
        column: &CatalogColumn,
        rows_read: u64,
        indexed: Option<IndexedRetention>,
        today: NaiveDate,
    ) -> Option<RetentionReport> {
        if !self.usable() && indexed.is_none() {
            return None;
        }
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
                    .and_then(|s| read_date(s.trim()))
                    .map(|(d, _, _)| d);
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
            column: column.name.clone(),
            oldest: oldest.map(|d| d.to_string()),
            oldest_age_days: oldest.map(|d| (today - d).num_days()),
            older_than: buckets,
            method: method.to_string(),
            read_as: self.read_as(&column.data_type),
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
            left_out: Vec::new(),
        }
    }

    #[test]
    fn picks_creation_before_activity_and_never_birth() {
        let t = table(&[
            ("date_of_birth", TypeClass::Date),
            ("last_login_at", TypeClass::Timestamp),
            ("created_at", TypeClass::Timestamp),
        ]);
        assert_eq!(candidates(&t).first(), Some(&2));
        let t = table(&[
            ("birth_date", TypeClass::Date),
            ("last_seen", TypeClass::Timestamp),
        ]);
        assert_eq!(candidates(&t).first(), Some(&1));
        // Text and numbers are candidates after declared dates, never birth or expiry dates.
        let t = table(&[
            ("valid_until", TypeClass::Text),
            ("created_at", TypeClass::Text),
            ("updated", TypeClass::Timestamp),
            ("created_on", TypeClass::Integer),
        ]);
        assert_eq!(candidates(&t), vec![1, 3, 2]);
        let t = table(&[("id", TypeClass::Integer), ("ts", TypeClass::Integer)]);
        assert_eq!(candidates(&t), vec![1]);
        let t = table(&[("created_at", TypeClass::Boolean)]);
        assert_eq!(candidates(&t).first(), None);
    }

    fn stats(class: TypeClass, values: &[&str]) -> DateStats {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let mut s = DateStats::new(&[365], today, class);
        for v in values {
            s.observe(v);
        }
        s
    }

    #[test]
    fn text_and_number_dates_are_read_and_said_how() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let col = |n: &str, ty: &str, class| CatalogColumn {
            name: n.into(),
            data_type: ty.into(),
            class,
        };
        for (class, ty, values, form, oldest) in [
            (
                TypeClass::Text,
                "text",
                vec![
                    "2023-09-18 19:24:13.708663",
                    "2023-01-02T08:00:00Z",
                    "2024-02-29",
                ],
                "ISO 8601 text",
                "2023-01-02",
            ),
            (
                TypeClass::Integer,
                "bigint",
                vec!["1695065053", "1672646400", "1709164800"],
                "seconds since 1970",
                "2023-01-02",
            ),
            (
                TypeClass::Integer,
                "bigint",
                vec!["1695065053708", "1672646400000"],
                "milliseconds since 1970",
                "2023-01-02",
            ),
            (
                TypeClass::Integer,
                "integer",
                vec!["20230102", "20240229"],
                "YYYYMMDD",
                "2023-01-02",
            ),
            (
                TypeClass::Text,
                "varchar(20)",
                vec!["02.01.2023", "29.02.2024"],
                "day-first",
                "2023-01-02",
            ),
        ] {
            let s = stats(class, &values);
            assert!(s.usable(), "{values:?}");
            let t = table(&[("created", class)]);
            let r = s
                .report("db", &t, &col("created", ty, class), 3, None, today)
                .expect("report");
            assert_eq!(r.oldest.as_deref(), Some(oldest), "{values:?}");
            assert!(r.read_as.contains(form), "{}", r.read_as);
            assert!(r.older_than[0].rows.is_some_and(|n| n > 0), "{values:?}");
        }
        // A declared timestamp says so.
        let s = stats(TypeClass::Timestamp, &["2023-01-02 10:00:00"]);
        assert_eq!(s.read_as("timestamp"), "declared timestamp");
        assert!(s.index_comparable());
        // Epoch numbers are not comparable with an ISO cutoff.
        assert!(!stats(TypeClass::Integer, &["1695065053"]).index_comparable());
    }

    #[test]
    fn text_that_is_mostly_not_dates_is_no_age() {
        // A "created_by" column of user ids, a status column, a few dates among notes.
        assert!(!stats(TypeClass::Integer, &["17", "42", "1003"]).usable());
        let mixed = ["2023-01-01", "n/a", "later", "unknown", "2023-02-01"];
        assert!(!stats(TypeClass::Text, &mixed).usable());
        // Small numbers are no epoch, and impossible YYYYMMDD are no date.
        assert!(!stats(TypeClass::Integer, &["20231345", "99999999", "123456"]).usable());
        // A declared date column counts even when some values are odd.
        assert!(stats(TypeClass::Date, &["2023-01-01", "n/a"]).usable());
    }

    #[test]
    fn sample_estimates_scale_to_the_table() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let mut s = DateStats::new(&[365, 1825], today, TypeClass::Timestamp);
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
            .report("db", &t, &t.columns[0], 3, None, today)
            .expect("report");
        assert_eq!(r.method, "sample");
        assert_eq!(r.oldest.as_deref(), Some("2019-01-01"));
        assert_eq!(r.older_than[0].rows, Some(667)); // 2 of 3 sampled rows × 1000
        assert_eq!(r.older_than[1].rows, Some(333));
        assert!(r.older_than.iter().all(|b| b.estimated));
    }
}
