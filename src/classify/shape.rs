//! Column shapes: what a text column's values are made of before any value is tried as a phone
//! or an identifier. A column whose values are mostly timestamps, versions, UUIDs, digests,
//! decimals, IP addresses or WKT geometry is that, whatever digit runs a validator could find in
//! it (`2023-09-18 19:24:13.708663` holds an "international number" for some numbering plan).
//!
//! Not for: deciding personal data by itself, except IP addresses and WKT points, which are
//! personal data (`ip_address`, `geolocation`) by their shape.

use std::net::IpAddr;
use std::sync::LazyLock;

use regex::Regex;

/// The shape of one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// A date or a date with a time of day (ISO 8601 and common national forms).
    DateTime,
    /// A dotted version or build number (`4.11.86.829`, `v1.2.3`).
    Version,
    /// A UUID.
    Uuid,
    /// A hex digest (32–128 hex digits).
    Digest,
    /// A plain decimal number (`100.25`, `-3,5`).
    Decimal,
    /// An IPv4 or IPv6 address (with an optional prefix length).
    Ip,
    /// WKT geometry (`POINT(4.47 51.95)`).
    Wkt,
}

impl Shape {
    /// Every shape, in a fixed order (for counters).
    pub const ALL: [Shape; 7] = [
        Shape::DateTime,
        Shape::Version,
        Shape::Uuid,
        Shape::Digest,
        Shape::Decimal,
        Shape::Ip,
        Shape::Wkt,
    ];

    /// Index into [`Shape::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The word used in signals.
    pub fn name(self) -> &'static str {
        match self {
            Shape::DateTime => "dates or timestamps",
            Shape::Version => "version or build numbers",
            Shape::Uuid => "UUIDs",
            Shape::Digest => "hex digests",
            Shape::Decimal => "decimal numbers",
            Shape::Ip => "IP addresses",
            Shape::Wkt => "WKT geometry",
        }
    }

    /// Whether a column of this shape can still hold `category` (a date column can hold birth
    /// dates, a digest column password hashes; none of them phones or identity numbers).
    pub fn allows(self, category: &str) -> bool {
        match self {
            Shape::DateTime => category == "date_of_birth",
            Shape::Digest => matches!(category, "password_hash" | "secret"),
            Shape::Decimal => matches!(category, "geolocation"),
            Shape::Ip => category == "ip_address",
            Shape::Wkt => category == "geolocation",
            // Dotted identity numbers (`756.1234.5678.97`, `123.456.789-09`) read like versions;
            // their check digits tell them apart.
            Shape::Version => matches!(category, "national_id" | "tax_id"),
            Shape::Uuid => false,
        }
    }
}

static DATETIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{8}T\d{4,6})",
        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?",
        r"(?:\s?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?$"
    ))
    .expect("static regex")
});
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[vV]?\d{1,6}(?:\.\d{1,8}){2,5}(?:[-+][0-9A-Za-z.\-]+)?$").expect("static regex")
});
static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$",
    )
    .expect("static regex")
});
static DIGEST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9a-fA-F]{32,128}$").expect("static regex"));
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?\d{1,15}[.,]\d{1,12}$").expect("static regex"));
static WKT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:SRID=\d+;)?\s*(?:POINT|MULTIPOINT|LINESTRING|POLYGON|MULTIPOLYGON)\s*Z?\s*\(\s*\(?\s*-?\d",
    )
    .expect("static regex")
});

/// `ddd.ddd.ddd-dd`.
fn is_cpf_form(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 14
        && b.iter().enumerate().all(|(i, c)| match i {
            3 | 7 => *c == b'.',
            11 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// The shape of one (trimmed) value, if it has one of the known non-identifier shapes.
pub fn shape(v: &str) -> Option<Shape> {
    let v = v.trim();
    if v.is_empty() || v.len() > 200 {
        return None;
    }
    let ip = v.split_once('/').map_or(v, |(a, _)| a);
    if ip.parse::<IpAddr>().is_ok() {
        return Some(Shape::Ip);
    }
    if DATETIME.is_match(v) {
        return Some(Shape::DateTime);
    }
    if UUID.is_match(v) {
        return Some(Shape::Uuid);
    }
    // `123.456.789-09` is a Brazilian CPF written as people write it, not a version.
    if VERSION.is_match(v) && !is_cpf_form(v) {
        return Some(Shape::Version);
    }
    if DIGEST.is_match(v) && v.len().is_multiple_of(8) {
        return Some(Shape::Digest);
    }
    if DECIMAL.is_match(v) {
        return Some(Shape::Decimal);
    }
    if WKT.is_match(v) {
        return Some(Shape::Wkt);
    }
    None
}

/// Counts of shapes over a column's values.
#[derive(Debug, Clone, Default)]
pub struct ShapeCounts {
    counts: [u64; Shape::ALL.len()],
}

impl ShapeCounts {
    /// Count one value.
    pub fn observe(&mut self, v: &str) {
        self.observe_n(v, 1);
    }

    /// Count a value that occurred `count` times.
    pub fn observe_n(&mut self, v: &str, count: u64) {
        if let Some(s) = shape(v) {
            self.counts[s.index()] += count;
        }
    }

    /// Whether each shape covers all of `n` values or none of them.
    pub fn all_or_none(&self, n: u64) -> bool {
        self.counts.iter().all(|&c| c == 0 || c == n)
    }

    /// The shape most of `n` values have (at least 80%), if any.
    pub fn dominant(&self, n: u64) -> Option<(Shape, u64)> {
        if n == 0 {
            return None;
        }
        Shape::ALL
            .iter()
            .map(|s| (*s, self.counts[s.index()]))
            .max_by_key(|(_, c)| *c)
            .filter(|(_, c)| *c as f64 >= 0.8 * n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_the_false_phones_seen_in_the_wild() {
        for (v, s) in [
            ("2023-09-18 19:24:13.708663", Shape::DateTime),
            ("2023-09-18T19:24:13Z", Shape::DateTime),
            ("2023-09-18 19:24:13+02:00", Shape::DateTime),
            ("18.09.2023", Shape::DateTime),
            ("4.11.86.829", Shape::Version),
            ("v2.10.3-beta.1", Shape::Version),
            ("211.18.237.66", Shape::Ip),
            ("2001:db8::1", Shape::Ip),
            ("10.0.0.0/8", Shape::Ip),
            ("550e8400-e29b-41d4-a716-446655440000", Shape::Uuid),
            ("d41d8cd98f00b204e9800998ecf8427e", Shape::Digest),
            ("100.25", Shape::Decimal),
            ("POINT(4.47 51.95)", Shape::Wkt),
            ("SRID=4326;POINT(4.47 51.95)", Shape::Wkt),
        ] {
            assert_eq!(shape(v), Some(s), "{v}");
        }
        for v in [
            "+44 20 7946 0958",
            "(201) 555-0142",
            "alice@example.com",
            "Castelló",
            "12345678Z",
        ] {
            assert_eq!(shape(v), None, "{v}");
        }
    }

    #[test]
    fn a_dominant_shape_needs_most_values() {
        let mut c = ShapeCounts::default();
        for _ in 0..8 {
            c.observe("2023-09-18 19:24:13.708663");
        }
        assert_eq!(c.dominant(10).map(|d| d.0), Some(Shape::DateTime));
        assert_eq!(c.dominant(20), None);
    }
}
