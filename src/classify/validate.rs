//! Value validators: the checks that turn "looks like" into "is".
//!
//! Each validator answers for one value in one of three modes:
//! - `Strict`: the column's name says nothing; the value alone must be convincing.
//! - `Named`: the column is named for the category; the value must be plausible for it.
//! - `InText`: the value is a candidate cut out of free text by the rule's `text` regex.
//!
//! Real checks, not regexes alone: Luhn and issuer prefixes for cards, ISO 13616 mod-97 for
//! IBANs, the SSA rules for SSNs, HMRC prefixes for NI numbers, the INSEE key, ISO 7064 for the
//! Steuer-ID, the eleven-proof for the BSN, check letters for DNI/NIE and the codice fiscale,
//! numbering plans (libphonenumber metadata) for phones, `std::net` for IP addresses.

use std::net::IpAddr;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// How much a value must prove on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No telling column name: the value alone must be convincing.
    Strict,
    /// The column is named for the category: the value must be plausible.
    Named,
    /// A candidate found inside free text.
    InText,
}

/// The validators a rule can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    /// RFC 5322-shaped address with a real-looking domain.
    Email,
    /// Phone numbers against libphonenumber's numbering plans.
    Phone,
    /// Card numbers: length, issuer prefix, Luhn.
    PaymentCard,
    /// IBAN: country length and mod-97.
    Iban,
    /// US SSN.
    UsSsn,
    /// UK National Insurance number.
    UkNino,
    /// French NIR with key.
    FrInsee,
    /// Dutch BSN.
    NlBsn,
    /// Spanish DNI/NIE.
    EsDni,
    /// German Steuer-ID.
    DeSteuerId,
    /// Italian codice fiscale.
    ItCodiceFiscale,
    /// Generic identity-document number (letters and digits).
    IdNumber,
    /// IPv4/IPv6.
    Ip,
    /// Birth dates (no time of day, age 0–120).
    BirthDate,
    /// Latitude in degrees.
    Latitude,
    /// Longitude in degrees.
    Longitude,
    /// "lat, lon" in one value.
    GeoPoint,
    /// Password hash formats.
    PasswordHash,
    /// Plain-text passwords (anything in a password column that is not a hash).
    PlainPassword,
    /// API keys and tokens.
    Secret,
    /// A person's name.
    PersonName,
    /// Login names.
    Username,
    /// Address parts (street, city) in a column named for them.
    Address,
    /// Street addresses recognised by shape.
    Street,
    /// Postal codes.
    Postcode,
    /// Gender and salutations.
    Gender,
    /// Special-category values: any word, or a yes/no flag.
    Special,
    /// A national identity, social-security or personal tax number (see `national`).
    National(super::national::Id),
}

impl Validator {
    /// Look a validator up by the name used in rule files.
    pub fn from_name(name: &str) -> Option<Validator> {
        use Validator::*;
        Some(match name {
            "email" => Email,
            "phone" => Phone,
            "payment_card" => PaymentCard,
            "iban" => Iban,
            "us_ssn" => UsSsn,
            "uk_nino" => UkNino,
            "fr_insee" => FrInsee,
            "nl_bsn" => NlBsn,
            "es_dni" => EsDni,
            "de_steuer_id" => DeSteuerId,
            "it_codice_fiscale" => ItCodiceFiscale,
            "id_number" => IdNumber,
            "ip" => Ip,
            "birth_date" => BirthDate,
            "latitude" => Latitude,
            "longitude" => Longitude,
            "geo_point" => GeoPoint,
            "password_hash" => PasswordHash,
            "plain_password" => PlainPassword,
            "secret" => Secret,
            "person_name" => PersonName,
            "username" => Username,
            "address" => Address,
            "street" => Street,
            "postcode" => Postcode,
            "gender" => Gender,
            "special" => Special,
            _ => return super::national::Id::from_name(name).map(National),
        })
    }

    /// Every validator name, for error messages: the general ones and the national schemes'.
    pub const NAMES: &'static [&'static str] = &ALL_NAMES;
}

/// The validator names other than the national schemes'.
const BASE_NAMES: &[&str] = &[
    "email",
    "phone",
    "payment_card",
    "iban",
    "us_ssn",
    "uk_nino",
    "fr_insee",
    "nl_bsn",
    "es_dni",
    "de_steuer_id",
    "it_codice_fiscale",
    "id_number",
    "ip",
    "birth_date",
    "latitude",
    "longitude",
    "geo_point",
    "password_hash",
    "plain_password",
    "secret",
    "person_name",
    "username",
    "address",
    "street",
    "postcode",
    "gender",
    "special",
];

/// [`BASE_NAMES`] followed by [`super::national::Id::NAMES`].
const ALL_NAMES: [&str; BASE_NAMES.len() + super::national::Id::NAMES.len()] = {
    let national = super::national::Id::NAMES;
    let mut out = [""; BASE_NAMES.len() + super::national::Id::NAMES.len()];
    let mut i = 0;
    while i < BASE_NAMES.len() {
        out[i] = BASE_NAMES[i];
        i += 1;
    }
    let mut j = 0;
    while j < national.len() {
        out[i + j] = national[j];
        j += 1;
    }
    out
};

impl Validator {
    /// Like `check`, with the regions the schema's language suggests for national phone
    /// numbers (`rules::RuleSet::regions_for`).
    pub fn check_in(self, value: &str, mode: Mode, context: &str, regions: &[Region]) -> bool {
        if self == Validator::Phone && !regions.is_empty() {
            let v = value.trim();
            return !v.is_empty() && is_phone(v, mode, regions);
        }
        self.check(value, mode, context)
    }

    /// Whether `value` passes in `mode`. `context` is the text before an in-text candidate.
    pub fn check(self, value: &str, mode: Mode, context: &str) -> bool {
        let v = value.trim();
        if v.is_empty() {
            return false;
        }
        use Validator::*;
        match self {
            Email => is_email(v),
            Phone => is_phone(v, mode, &[]),
            PaymentCard => is_card(v, mode, context),
            Iban => is_iban(v),
            UsSsn => is_us_ssn(v, mode),
            UkNino => is_uk_nino(v),
            FrInsee => is_fr_insee(v),
            NlBsn => is_nl_bsn(v),
            EsDni => is_es_dni(v),
            DeSteuerId => is_de_steuer_id(v),
            ItCodiceFiscale => is_codice_fiscale(v),
            IdNumber => is_id_number(v),
            Ip => v.parse::<IpAddr>().is_ok(),
            BirthDate => birth_age(v).is_some(),
            Latitude => degrees(v).is_some_and(|d| (-90.0..=90.0).contains(&d)),
            Longitude => degrees(v).is_some_and(|d| (-180.0..=180.0).contains(&d)),
            GeoPoint => is_geo_point(v),
            PasswordHash => is_password_hash(v, mode),
            PlainPassword => is_plain_password(v),
            Secret => is_secret(v, mode),
            PersonName => match mode {
                Mode::Named => is_plausible_name(v),
                Mode::InText => is_name_in_text(v),
                _ => is_dictionary_name(v),
            },
            Username => is_username(v),
            Address => is_address_part(v),
            Street => is_street(v),
            Postcode => is_postcode(v),
            Gender => is_gender(v),
            Special => is_special(v),
            National(id) => super::national::check(id, v),
        }
    }
}

impl Validator {
    /// Whether `value` has the form of this validator's identifier but fails its check digit,
    /// prefix or range rule — the test data and typos of a column whose name says what it is.
    /// Only identifiers with such a check have near misses.
    pub fn near_miss(self, value: &str) -> bool {
        static SHAPES: LazyLock<Vec<(Validator, Regex)>> = LazyLock::new(|| {
            use Validator::*;
            [
                (Iban, r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$"),
                (UsSsn, r"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$"),
                (UkNino, r"^[A-Z]{2}[0-9]{6}[A-Z]?$"),
                (FrInsee, r"^[12378][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$"),
                (NlBsn, r"^[0-9]{8,9}$"),
                (EsDni, r"^[XYZ]?[0-9]{7,8}-?[A-Z]$"),
                (DeSteuerId, r"^[0-9]{11}$"),
                (ItCodiceFiscale, r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$"),
                (PaymentCard, r"^[0-9]{13,19}$"),
            ]
            .into_iter()
            .map(|(v, re)| (v, Regex::new(re).expect("static regex")))
            .collect()
        });
        let v = value.trim();
        if v.len() > 64 || !v.is_ascii() {
            return false;
        }
        static NATIONAL: LazyLock<Vec<(super::national::Id, Regex)>> = LazyLock::new(|| {
            super::national::Id::all()
                .map(|id| {
                    (
                        id,
                        Regex::new(super::national::shape(id)).expect("static regex"),
                    )
                })
                .collect()
        });
        let re = match self {
            Validator::National(id) => NATIONAL.iter().find(|(k, _)| *k == id).map(|(_, re)| re),
            _ => SHAPES.iter().find(|(k, _)| *k == self).map(|(_, re)| re),
        };
        let Some(re) = re else {
            return false;
        };
        // Separators as people type them: spaces everywhere, dashes and dots in card numbers.
        let compact: String = v
            .chars()
            .filter(|c| match self {
                Validator::UsSsn | Validator::EsDni => *c != ' ',
                Validator::National(_) => !" -./".contains(*c),
                _ => !" -.".contains(*c),
            })
            .collect::<String>()
            .to_ascii_uppercase();
        re.is_match(&compact) && !self.check(v, Mode::Named, "")
    }
}

// ---------------------------------------------------------------------------------------------
// Contact data

/// RFC 5322-shaped (dot-atom) address with a domain of at least two labels and an alphabetic TLD.
pub fn is_email(v: &str) -> bool {
    if v.len() > 254 {
        return false;
    }
    let Some((local, domain)) = v.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.len() < 4 {
        return false;
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    if !local_ok {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let labels_ok = labels.iter().all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let tld = labels.last().copied().unwrap_or("");
    labels_ok && tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
}

const PHONE_REGIONS: &[phonenumber::country::Id] = {
    use phonenumber::country::Id::*;
    &[
        US, GB, DE, FR, ES, IT, NL, BE, AT, CH, IE, PT, PL, SE, DK, NO, FI, CA, AU,
    ]
};

/// A trailing extension as people write it (`x669`, `ext. 12`, `poste 22`, `#4`, `Durchwahl 3`):
/// part of a phone number, not of its digits.
static EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:x|ext\.?|extn\.?|extension|poste|p\.|#|dw\.?|durchwahl|int\.?|interno)\s*\d{1,6}$")
        .expect("static regex")
});

/// National-identifier groupings no numbering plan writes phones in: `ddd-dd-dddd` (a US SSN).
static ID_GROUPING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{3}-\d{2}-\d{4}$").expect("static regex"));

/// A region of a numbering plan (ISO 3166 alpha-2).
pub type Region = phonenumber::country::Id;

/// The regions among `codes` (ISO 3166 alpha-2) that have numbering plans.
pub fn regions(codes: &[String]) -> Vec<Region> {
    codes
        .iter()
        .filter_map(|c| c.parse::<Region>().ok())
        .collect()
}

fn is_phone(v: &str, mode: Mode, hinted: &[Region]) -> bool {
    size_phone_cache();
    // No phone with its extension is this long: do not search a long text for one.
    if v.len() > 64 {
        return false;
    }
    let v = match EXTENSION.find(v) {
        Some(m) if m.start() > 0 => v[..m.start()].trim_end(),
        _ => v,
    };
    if v.len() > 40
        || !v
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-./".contains(c))
    {
        return false;
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    let international = v.starts_with('+') || v.starts_with("00");
    let separated = v
        .trim_start_matches('+')
        .contains([' ', '-', '.', '/', '(', ')']);
    if v.matches('+').count() > 1 || (v.contains('+') && !v.starts_with('+')) {
        return false;
    }
    // Dates (2024-01-15, 15.01.2024, 15/01/2024, 4. 7. 1984) share the shape of separated
    // digits.
    if DATE_LIKE.is_match(v) || national_date(v).is_some() {
        return false;
    }
    match mode {
        // The column says "phone": phone-number length and characters are enough (test
        // ranges and internal extensions included), so no numbering plan need be asked.
        Mode::Named => true,
        Mode::Strict | Mode::InText => {
            if !(international || separated) || ID_GROUPING.is_match(v) {
                return false;
            }
            // `(1993-2008)`, `1999/2004`: year ranges, not numbers.
            if YEAR_RANGE.is_match(v) || v.parse::<IpAddr>().is_ok() {
                return false;
            }
            // Only dots between digits: a version or an address unless it is written like a
            // phone (a trunk prefix 0, or French/US grouping).
            if !international
                && !v.contains([' ', '-', '/', '(', ')'])
                && v.contains('.')
                && !DOTTED_PHONE.is_match(v)
            {
                return false;
            }
            if mode == Mode::InText && digits < 8 {
                return false;
            }
            // Numbers with a check digit written in their own grouping are barcodes, book
            // numbers and device ids, whatever numbering plan they happen to fit.
            if !international && is_grouped_code(v) {
                return false;
            }
            valid_personal_number(v, international, hinted)
        }
    }
}

/// Whether a number is valid in some region and not a freephone, premium-rate, shared-cost or
/// company (UAN) line in every region it is valid in: those are a business's hotline, never a
/// person's number, and count only under a name that says "phone". One parse per region.
///
/// Numbers repeat (the same customer's phone in several tables, a column scanned again), and
/// asking the numbering plans is the dearest check there is: answers are remembered, for up to
/// [`PHONE_MEMO`] numbers at a time.
fn valid_personal_number(v: &str, international: bool, hinted: &[Region]) -> bool {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hinted.hash(&mut h);
    let key = (Box::<str>::from(v), h.finish());
    if let Some(known) = PHONE_MEMO_MAP
        .lock()
        .ok()
        .and_then(|m| m.get(&key).copied())
    {
        return known;
    }
    let answer = ask_numbering_plans(v, international, hinted);
    if let Ok(mut m) = PHONE_MEMO_MAP.lock() {
        if m.len() >= PHONE_MEMO {
            m.clear();
        }
        m.insert(key, answer);
    }
    answer
}

/// Numbers whose validity is remembered at most (about 64 bytes each).
const PHONE_MEMO: usize = 50_000;

/// Forget the remembered phone answers (benchmarks measure the classifier without them).
pub fn forget_phone_answers() {
    if let Ok(mut m) = PHONE_MEMO_MAP.lock() {
        m.clear();
    }
}

type PhoneMemo = std::collections::HashMap<(Box<str>, u64), bool>;
static PHONE_MEMO_MAP: LazyLock<std::sync::Mutex<PhoneMemo>> = LazyLock::new(Default::default);

fn ask_numbering_plans(v: &str, international: bool, hinted: &[Region]) -> bool {
    use phonenumber::Type;
    let db = &*phonenumber::metadata::DATABASE;
    let service = |n: &phonenumber::PhoneNumber| {
        matches!(
            n.number_type(db),
            Type::TollFree | Type::PremiumRate | Type::SharedCost | Type::Uan
        )
    };
    let valid = valid_numbers(v, international, hinted);
    !valid.is_empty() && !valid.iter().all(service)
}

/// Every valid reading of a number: the international one, or one per region it is valid in.
fn valid_numbers(v: &str, international: bool, hinted: &[Region]) -> Vec<phonenumber::PhoneNumber> {
    let s = plus_form(v);
    if international {
        return phonenumber::parse(None, &s)
            .into_iter()
            .filter(phonenumber::is_valid)
            .collect();
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    region_list(hinted)
        .filter(|r| length_fits(*r, &digits))
        .filter_map(|r| phonenumber::parse(Some(r), &s).ok())
        .filter(phonenumber::is_valid)
        .collect()
}

/// Whether `digits`, written nationally, can have the length of a number of region `r` (with or
/// without its trunk prefix): a parse and a validation per region cost far more than this, and
/// most regions' plans rule most numbers out by length alone. Regions whose trunk prefix is a
/// pattern rather than a fixed string, and plans without lengths, are always asked.
fn length_fits(r: Region, digits: &str) -> bool {
    let Some(meta) = phonenumber::metadata::DATABASE.by_id(r.as_ref()) else {
        return true;
    };
    let lengths = meta.descriptors().general().possible_length();
    if lengths.is_empty() || meta.national_prefix_for_parsing().is_some() {
        return true;
    }
    let fits = |n: usize| lengths.contains(&(n as u16));
    fits(digits.len())
        || meta
            .national_prefix()
            .is_some_and(|p| digits.starts_with(p) && fits(digits.len() - p.len()))
}

/// The default regions, then the hinted ones not among them.
fn region_list(hinted: &[Region]) -> impl Iterator<Item = Region> + '_ {
    PHONE_REGIONS.iter().copied().chain(
        hinted
            .iter()
            .copied()
            .filter(|r| !PHONE_REGIONS.contains(r)),
    )
}

/// `00` as an international prefix written as `+`.
fn plus_form(v: &str) -> String {
    match v.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => v.to_string(),
    }
}

/// Load the numbering-plan metadata now (it takes a few hundred milliseconds on first use), so a
/// scan can do it on another thread while it connects and reads catalogs.
pub fn warm_up() {
    size_phone_cache();
    let _ = phonenumber::parse(None, "+14155550100").map(|n| phonenumber::is_valid(&n));
}

/// The numbering-plan library compiles its regular expressions on use and keeps the last 100:
/// every value tried against twenty regions or more evicted them all, and a scan spent most of
/// its time compiling the same expressions again. Room for the regions a scan tries (a few
/// hundred expressions) keeps each compiled once: the world corpus scans in 3.1 s instead of
/// 60 s (debug build), for 146 MB peak instead of 81 MB.
fn size_phone_cache() {
    static SIZED: std::sync::Once = std::sync::Once::new();
    SIZED.call_once(|| {
        let cache = phonenumber::metadata::DATABASE.cache();
        if let Ok(mut c) = cache.lock() {
            c.set_capacity(300);
        }
    });
}

/// GS1 (EAN/UPC/GTIN) and ISBN-13 check: weights 3 and 1 from the right, sum divisible by 10.
pub fn gs1_check<D: Copy + Into<u32>>(d: &[D]) -> bool {
    d.len() >= 8
        && d.iter()
            .rev()
            .enumerate()
            .map(|(i, x)| (*x).into() * if i % 2 == 1 { 3 } else { 1 })
            .sum::<u32>()
            % 10
            == 0
}

/// ISBN-10 check: weights 10..1, sum divisible by 11 (`X` is 10, last place only).
pub fn isbn10_check(s: &str) -> bool {
    let chars: Vec<char> = s.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if chars.len() != 10 {
        return false;
    }
    let mut sum = 0u32;
    for (i, c) in chars.iter().enumerate() {
        let d = match c {
            '0'..='9' => *c as u32 - '0' as u32,
            'X' | 'x' if i == 9 => 10,
            _ => return false,
        };
        sum += d * (10 - i as u32);
    }
    sum.is_multiple_of(11)
}

/// A barcode, book number or device id in the grouping it is printed in, with its check digit:
/// ISBN-13 `978-3-16-148410-0` and ISBN-10 `3-16-148410-X`, EAN-13 `4 006381 333931`, UPC-A
/// `0 36000 29145 2`, IMEI `35-209900-176148-1`. Phone numbers are not written like these.
pub fn is_grouped_code(v: &str) -> bool {
    let groups: Vec<&str> = v.split(['-', ' ']).filter(|g| !g.is_empty()).collect();
    if groups.len() < 2
        || !groups.iter().all(|g| {
            g.chars()
                .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
        })
    {
        return false;
    }
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let digits: Vec<u8> = v
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let total: usize = lens.iter().sum();
    let isbn13 = total == 13 && groups.len() >= 4 && (v.starts_with("978") || v.starts_with("979"));
    let ean13 = total == 13 && lens == [1, 6, 6];
    let upc = total == 12 && lens == [1, 5, 5, 1];
    let imei = total == 15
        && (lens == [2, 6, 6, 1] || lens == [6, 2, 6, 1] || lens == [8, 6, 1])
        && luhn(&digits);
    (isbn13 || ean13 || upc) && digits.len() == total && gs1_check(&digits)
        || imei
        || (total == 10 && groups.len() == 4 && isbn10_check(v))
}

static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?\s*(?:1[5-9]|20)\d\d\s*[-/–]\s*(?:(?:1[5-9]|20)\d\d|\d\d)\s*\)?$")
        .expect("static regex")
});
static DOTTED_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:0\d{1,4}(?:\.\d{2,4}){1,4}|\d{3}\.\d{3}\.\d{4})$").expect("static regex")
});

static DATE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
        .expect("static regex")
});

// ---------------------------------------------------------------------------------------------
// Financial

/// Luhn checksum over ASCII digits.
pub fn luhn<D: Copy + Into<u32>>(digits: &[D]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut x: u32 = (*d).into();
        if i % 2 == 1 {
            x *= 2;
            if x > 9 {
                x -= 9;
            }
        }
        sum += x;
    }
    sum.is_multiple_of(10)
}

fn card_issuer_ok(d: &[u8]) -> bool {
    let len = d.len();
    let prefix = |n: usize| -> u32 { d.iter().take(n).fold(0u32, |a, x| a * 10 + u32::from(*x)) };
    let p1 = prefix(1);
    let p2 = prefix(2);
    let p3 = prefix(3);
    let p4 = prefix(4);
    let p6 = prefix(6);
    match p1 {
        4 => matches!(len, 13 | 16 | 19), // Visa
        5 => {
            (51..=55).contains(&p2) && len == 16
                || (56..=59).contains(&p2) && (12..=19).contains(&len)
        } // MC, Maestro
        2 => (2221..=2720).contains(&p4) && len == 16, // Mastercard 2-series
        3 => {
            (p2 == 34 || p2 == 37) && len == 15                             // Amex
                || (3528..=3589).contains(&p4) && (16..=19).contains(&len)  // JCB
                || ((300..=305).contains(&p3) || p2 == 36 || p2 == 38 || p2 == 39) && (14..=19).contains(&len) // Diners
        }
        6 => {
            (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 || (622126..=622925).contains(&p6))
                && (16..=19).contains(&len)                                 // Discover
                || p2 == 62 && (16..=19).contains(&len)                     // UnionPay
                || (p2 == 63 || p2 == 67) && (12..=19).contains(&len) // Maestro
        }
        _ => false,
    }
}

static CARD_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:card|cc|credit|debit|visa|master ?card|amex|american express|karte|kreditkarte|carte|tarjeta|carta|kaart|pan)\b")
        .expect("static regex")
});

fn is_card(v: &str, mode: Mode, context: &str) -> bool {
    if !v
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return false;
    }
    let d: Vec<u8> = v
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if !(12..=19).contains(&d.len()) || d.iter().all(|x| *x == d[0]) {
        return false;
    }
    if !(luhn(&d) && card_issuer_ok(&d)) {
        return false;
    }
    if mode == Mode::InText {
        // Order and invoice numbers are long digit runs too: in prose a card needs the grouping
        // people write cards in, or a word about cards just before it.
        let grouped = v.contains(' ') || v.contains('-');
        let tail: String = context
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return grouped || CARD_CONTEXT.is_match(&tail);
    }
    true
}

fn iban_length(country: &str) -> Option<usize> {
    Some(match country {
        "AD" => 24,
        "AE" => 23,
        "AL" => 28,
        "AT" => 20,
        "AZ" => 28,
        "BA" => 20,
        "BE" => 16,
        "BG" => 22,
        "BH" => 22,
        "BR" => 29,
        "BY" => 28,
        "CH" => 21,
        "CR" => 22,
        "CY" => 28,
        "CZ" => 24,
        "DE" => 22,
        "DK" => 18,
        "DO" => 28,
        "EE" => 20,
        "EG" => 29,
        "ES" => 24,
        "FI" => 18,
        "FO" => 18,
        "FR" => 27,
        "GB" => 22,
        "GE" => 22,
        "GI" => 23,
        "GL" => 18,
        "GR" => 27,
        "GT" => 28,
        "HR" => 21,
        "HU" => 28,
        "IE" => 22,
        "IL" => 23,
        "IQ" => 23,
        "IS" => 26,
        "IT" => 27,
        "JO" => 30,
        "KW" => 30,
        "KZ" => 20,
        "LB" => 28,
        "LC" => 32,
        "LI" => 21,
        "LT" => 20,
        "LU" => 20,
        "LV" => 21,
        "MC" => 27,
        "MD" => 24,
        "ME" => 22,
        "MK" => 19,
        "MR" => 27,
        "MT" => 31,
        "MU" => 30,
        "NL" => 18,
        "NO" => 15,
        "PK" => 24,
        "PL" => 28,
        "PS" => 29,
        "PT" => 25,
        "QA" => 29,
        "RO" => 24,
        "RS" => 22,
        "SA" => 24,
        "SC" => 31,
        "SE" => 24,
        "SI" => 19,
        "SK" => 24,
        "SM" => 27,
        "ST" => 25,
        "SV" => 28,
        "TL" => 23,
        "TN" => 24,
        "TR" => 26,
        "UA" => 29,
        "VA" => 22,
        "VG" => 24,
        "XK" => 20,
        _ => return None,
    })
}

/// ISO 13616: the country's length and the mod-97 check.
pub fn is_iban(v: &str) -> bool {
    let s: String = v
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    if s.len() < 15 || s.len() > 34 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let (country, check) = (&s[..2], &s[2..4]);
    if !country.chars().all(|c| c.is_ascii_uppercase())
        || !check.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    if iban_length(country) != Some(s.len()) {
        return false;
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let n = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - 'A' as u32 + 10
        };
        rem = if n >= 10 {
            (rem * 100 + n) % 97
        } else {
            (rem * 10 + n) % 97
        };
    }
    rem == 1
}

// ---------------------------------------------------------------------------------------------
// National identifiers

fn is_us_ssn(v: &str, mode: Mode) -> bool {
    static DASHED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{3})-(\d{2})-(\d{4})$").expect("static regex"));
    static LOOSE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{3})[ -]?(\d{2})[ -]?(\d{4})$").expect("static regex"));
    let re = if mode == Mode::Named {
        &*LOOSE
    } else {
        &*DASHED
    };
    let Some(c) = re.captures(v) else {
        return false;
    };
    let (area, group, serial) = (&c[1], &c[2], &c[3]);
    area != "000" && area != "666" && !area.starts_with('9') && group != "00" && serial != "0000"
}

fn is_uk_nino(v: &str) -> bool {
    let s: String = v
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_ascii_uppercase();
    let b = s.as_bytes();
    if b.len() != 9
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..8].iter().all(u8::is_ascii_digit)
        || !(b'A'..=b'D').contains(&b[8])
    {
        return false;
    }
    let (a, c) = (b[0], b[1]);
    !b"DFIQUV".contains(&a)
        && !b"DFIQUVO".contains(&c)
        && !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&&s[..2])
}

fn is_fr_insee(v: &str) -> bool {
    let s: String = v
        .chars()
        .filter(|c| *c != ' ' && *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    // Byte offsets below are only character boundaries in ASCII text.
    if s.len() != 15 || !s.is_ascii() {
        return false;
    }
    let b = s.as_bytes();
    if !b"123478".contains(&b[0]) {
        return false;
    }
    let month: u32 = s[3..5].parse().unwrap_or(0);
    if !((1..=12).contains(&month) || (20..=42).contains(&month) || (50..=99).contains(&month)) {
        return false;
    }
    // Corsica: 2A and 2B count as 19 and 18 for the key.
    let body = match &s[5..7] {
        "2A" => format!("{}19{}", &s[..5], &s[7..13]),
        "2B" => format!("{}18{}", &s[..5], &s[7..13]),
        _ => s[..13].to_string(),
    };
    let (Ok(n), Ok(key)) = (body.parse::<u64>(), s[13..].parse::<u64>()) else {
        return false;
    };
    97 - n % 97 == key
}

fn is_nl_bsn(v: &str) -> bool {
    let s: String = v
        .chars()
        .filter(|c| *c != ' ' && *c != '.' && *c != '-')
        .collect();
    if !(8..=9).contains(&s.len()) || !s.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let s = format!("{s:0>9}");
    let d: Vec<i64> = s.bytes().map(|b| i64::from(b - b'0')).collect();
    if d.iter().all(|x| *x == 0) {
        return false;
    }
    let sum: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
    sum % 11 == 0
}

fn is_es_dni(v: &str) -> bool {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let s: String = v
        .chars()
        .filter(|c| *c != ' ' && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    // Byte offsets below are only character boundaries in ASCII text.
    if s.len() != 9 || !s.is_ascii() {
        return false;
    }
    let mut digits = s[..8].to_string();
    match digits.as_bytes()[0] {
        b'X' => digits.replace_range(0..1, "0"),
        b'Y' => digits.replace_range(0..1, "1"),
        b'Z' => digits.replace_range(0..1, "2"),
        _ => {}
    }
    let (Ok(n), Some(letter)) = (digits.parse::<u64>(), s.as_bytes().get(8)) else {
        return false;
    };
    digits.chars().all(|c| c.is_ascii_digit()) && LETTERS[(n % 23) as usize] == *letter
}

fn is_de_steuer_id(v: &str) -> bool {
    let s: String = v.chars().filter(|c| *c != ' ' && *c != '/').collect();
    if s.len() != 11 || !s.chars().all(|c| c.is_ascii_digit()) || s.starts_with('0') {
        return false;
    }
    let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut counts = [0u8; 10];
    for x in &d[..10] {
        counts[*x as usize] += 1;
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|c| *c > 1).collect();
    if repeated.len() != 1 || repeated[0] > 3 {
        return false;
    }
    let mut product = 10;
    for x in &d[..10] {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == d[10]
}

fn is_codice_fiscale(v: &str) -> bool {
    static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")
            .expect("static regex")
    });
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let s = v.trim().to_ascii_uppercase();
    if !SHAPE.is_match(&s) {
        return false;
    }
    let b = s.as_bytes();
    let mut sum = 0;
    for (i, c) in b[..15].iter().enumerate() {
        let idx = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A')
        };
        sum += if i % 2 == 0 { ODD[idx as usize] } else { idx };
    }
    b[15] == b'A' + (sum % 26) as u8
}

fn is_id_number(v: &str) -> bool {
    let s: String = v.chars().filter(|c| !" -./".contains(*c)).collect();
    (5..=20).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().filter(char::is_ascii_digit).count() >= 3
}

// ---------------------------------------------------------------------------------------------
// Dates and places

/// Parse a date in the common formats; returns the date and whether a non-midnight time of day
/// came with it.
pub fn parse_date(v: &str) -> Option<(NaiveDate, bool)> {
    // National spellings of a plain date, read as the forms below: `4. 7. 1984` (Czech,
    // Slovak), `22.06.1987.` (Croatian, Serbian), `2004. 11. 12.` (Hungarian), `1984年7月4日`
    // (Japanese, Chinese), `1984년 7월 4일` (Korean), `04.07.1984 г.` (Russian, Bulgarian).
    if let Some(norm) = national_date(v) {
        return parse_date(&norm);
    }
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
            .expect("static regex")
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
            .expect("static regex")
    });
    let has_time = |h: Option<regex::Match>, m: Option<regex::Match>, s: Option<regex::Match>| {
        [h, m, s]
            .iter()
            .flatten()
            .any(|x| x.as_str().bytes().any(|b| b != b'0'))
    };
    if let Some(c) = ISO.captures(v) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((date, has_time(c.get(4), c.get(5), c.get(6))));
    }
    if let Some(c) = DMY.captures(v) {
        let (a, b, y): (u32, u32, i32) =
            (c[1].parse().ok()?, c[3].parse().ok()?, c[4].parse().ok()?);
        let time = has_time(c.get(5), c.get(6), c.get(7));
        // Dots are day-first (German); slashes may be either: take whichever is a real date.
        let date = if &c[2] == "." {
            NaiveDate::from_ymd_opt(y, b, a)
        } else {
            NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b))
        }?;
        return Some((date, time));
    }
    None
}

fn national_date(v: &str) -> Option<String> {
    static SPACED_DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?(?:\s?(?:г\.?|год[а]?|r\.|god\.))?$")
            .expect("static regex")
    });
    static SPACED_YMD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?$").expect("static regex")
    });
    static CJK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]?$")
            .expect("static regex")
    });
    if v.len() > 40 || !v.bytes().any(|b| b == b'.' || b >= 0x80) {
        return None;
    }
    if let Some(c) = SPACED_DMY.captures(v) {
        let norm = format!("{}.{}.{}", &c[1], &c[2], &c[3]);
        return (norm != v).then_some(norm);
    }
    if let Some(c) = SPACED_YMD.captures(v) {
        let norm = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
        return Some(norm);
    }
    CJK.captures(v)
        .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

/// How a date value was written, as [`read_date`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateForm {
    /// ISO 8601 (`2023-09-18`, `2023-09-18T19:24:13.708663Z`, `2023/09/18 19:24`).
    Iso,
    /// Day- or month-first national forms (`18.09.2023`, `18/09/2023`).
    National,
    /// RFC 2822 (`Mon, 18 Sep 2023 19:24:13 +0000`).
    Rfc2822,
    /// Seconds since 1970 (`1695065053`, `1695065053.708`).
    EpochSeconds,
    /// Milliseconds since 1970 (`1695065053708`).
    EpochMillis,
    /// Eight digits `YYYYMMDD` (`19560229`).
    Yyyymmdd,
}

impl DateForm {
    /// Words for a report: how the dates were read.
    pub fn describe(self) -> &'static str {
        match self {
            DateForm::Iso => "ISO 8601 text",
            DateForm::National => "day-first or month-first text dates",
            DateForm::Rfc2822 => "RFC 2822 text dates",
            DateForm::EpochSeconds => "seconds since 1970 (epoch)",
            DateForm::EpochMillis => "milliseconds since 1970 (epoch)",
            DateForm::Yyyymmdd => "YYYYMMDD numbers",
        }
    }
}

/// Eight digits read as `YYYYMMDD` (years 1870–2100).
pub fn parse_yyyymmdd(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y: i32 = v[..4].parse().ok()?;
    if !(1870..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, v[4..6].parse().ok()?, v[6..8].parse().ok()?)
}

/// Epoch seconds (9–10 digits, optional fraction) or milliseconds (12–13 digits), between 1990
/// and 2100: the range where a number is far more likely a timestamp than a count.
pub fn parse_epoch(v: &str) -> Option<(NaiveDate, DateForm)> {
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 9
    {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    let (secs, form) = match whole.len() {
        9 | 10 => (n, DateForm::EpochSeconds),
        12 | 13 if frac.is_empty() => (n / 1000, DateForm::EpochMillis),
        _ => return None,
    };
    // 1990-01-01 .. 2100-01-01
    if !(631_152_000..=4_102_444_800).contains(&secs) {
        return None;
    }
    let t = chrono::DateTime::from_timestamp(secs, 0)?;
    Some((t.date_naive(), form))
}

/// Read a date or timestamp in any form a database keeps one: ISO 8601 and national text,
/// RFC 2822, epoch seconds or milliseconds, `YYYYMMDD`. Returns the date, whether a time of
/// day came with it, and the form.
pub fn read_date(v: &str) -> Option<(NaiveDate, bool, DateForm)> {
    let v = v.trim();
    if v.is_empty() || v.len() > 64 {
        return None;
    }
    if let Some(d) = parse_yyyymmdd(v) {
        return Some((d, false, DateForm::Yyyymmdd));
    }
    if let Some((d, form)) = parse_epoch(v) {
        return Some((d, true, form));
    }
    if let Some((d, t)) = parse_date(v) {
        let form = if v.as_bytes().get(4).is_some_and(|b| !b.is_ascii_digit()) {
            DateForm::Iso
        } else {
            DateForm::National
        };
        return Some((d, t, form));
    }
    if v.is_ascii()
        && let Ok(t) = chrono::DateTime::parse_from_rfc2822(v)
    {
        return Some((t.date_naive(), true, DateForm::Rfc2822));
    }
    None
}

/// The age in years of a plausible birth date (no time of day, 0–120 years ago); `YYYYMMDD`
/// numbers count.
pub fn birth_age(v: &str) -> Option<f64> {
    let (date, has_time) = parse_date(v).or_else(|| parse_yyyymmdd(v).map(|d| (d, false)))?;
    if has_time {
        return None;
    }
    let today = chrono::Utc::now().date_naive();
    if date > today {
        return None;
    }
    let age = f64::from(today.year() - date.year())
        + (f64::from(today.ordinal()) - f64::from(date.ordinal())) / 365.25;
    (0.0..=120.0).contains(&age).then_some(age)
}

fn degrees(v: &str) -> Option<f64> {
    let v = v.trim();
    if v.is_empty() || v.len() > 24 {
        return None;
    }
    v.parse::<f64>().ok().filter(|d| d.is_finite())
}

fn is_geo_point(v: &str) -> bool {
    static POINT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?\s*(-?\d{1,3}\.\d{2,})\s*[,; ]\s*(-?\d{1,3}\.\d{2,})\s*\)?$")
            .expect("static regex")
    });
    let Some(c) = POINT.captures(v) else {
        return false;
    };
    let (Ok(a), Ok(b)) = (c[1].parse::<f64>(), c[2].parse::<f64>()) else {
        return false;
    };
    (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b)
}

static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        // 42 Elm Street / 221B Baker St / Flat 3, 10 Downing St
        r"(?:(?:flat|apt|apartment|unit|suite)\s*\w+,?\s+)?\d{1,5}[a-z]?,?\s+(?:[\p{L}'.\-]+\s+){1,4}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace|close|crescent|square|sq|highway|hwy|parkway|pkwy|gardens|row|mews)\b",
        // Hauptstraße 12 / Kerkstraat 5 / Am Markt 3 does not count (too vague)
        r"|[\p{L}.\-]+(?:stra(?:ss|ß)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|straat|laan|gracht|plein|steeg|kade|dijk)\s+\d{1,4}\s?[a-z]?\b",
        r"|[\p{L}.\-]+\s+(?:stra(?:ss|ß)e|weg|platz|allee|gasse|straat|laan)\s+\d{1,4}\s?[a-z]?\b",
        // 12 rue de la Paix / 5 bis avenue Foch
        r"|\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|quai|route|cours)\s+\p{L}",
        // Calle Mayor 5 / Via Roma 1 / Piazza Navona 2
        r"|(?:calle|avenida|av\.|plaza|paseo|carrer|via|viale|piazza|corso|largo)\s+[\p{L}'.\s]{2,40}?,?\s*\d{1,4}\b",
        r")",
    ))
    .expect("static regex")
});

/// Street addresses in the forms of other countries: the street word after the name (Nordic
/// `-gatan`, `-vej`, `-katu`, Hungarian `utca`, Latvian `iela`, Turkish `Cad.`), before it (Polish
/// `ul.`, Romanian `Strada`, Portuguese `Rua`, Greek `Οδός`, Cyrillic `ул.`), and CJK addresses
/// written without spaces (`東京都千代田区丸の内1-2-3`, `北京市朝阳区建国路88号`,
/// `서울특별시 강남구 테헤란로 123`).
static STREET_WORLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:",
        // Kungsgatan 5 / Nørregade 12 / Storgata 3 / Mannerheimintie 12 / Laugavegur 7 / Lizapad 9
        r"[\p{L}.\-]+(?:gatan|gata|gate|gaten|gade|vägen|vagen|veien|vegen|vej|vegur|stræde|straede|stræti|gränd|stigen|stig|backen|torget|torg|tie|katu|kuja|polku|bulevardi|väylä|tänav|iela|cesta|pad|dreef|singel|boulevard|straatweg)\s+\d{1,4}\s?[a-z]?\b",
        // Karl Johans gate 5 / Váci utca 12 / Brīvības iela 12 / Gedimino pr. 5 / Atatürk Cad. No: 12
        r"|[\p{L}.'\-]+(?:\s+[\p{L}.'\-]+){0,3}\s+(?:gate|gata|gade|vej|vei|veg|allé|alle|plads|vænge|tie|katu|utca|út|u\.|tér|körút|krt\.|iela|gatvė|gatve|g\.|pr\.|prospektas|al\.|aleja|cesta|ulica|ul\.|vijenac|trg|put|obala|cad\.|caddesi|cd\.|sok\.|sokak|sokağı|sk\.|bulvarı|blv\.|mah\.|mahallesi|mnt\.?|maantee|tn\.?|tee)\s*,?\s*(?:no[:.]?\s*)?\d{1,4}\s?[a-z]?\b",
        // ul. Marszałkowska 12 / Strada Victoriei 12 / Rua Augusta, 123 / Οδός Ερμού 12 / ул. Ленина, д. 5
        r"|(?:ul\.|ulica|ulice|ulitsa|plac|pl\.|aleja|al\.|os\.|osiedle|strada|str\.|bulevardul|bd\.|b-dul|calea|aleea|intrarea|drumul|splaiul|șoseaua|soseaua|piața|piata|rua|r\.|avenida|av\.|avda\.|travessa|tv\.|viela|praça|praca|largo|alameda|rodovia|estrada|c/|c\.|cl\.|pasaje|camino|ronda|travesía|travesia|glorieta|urbanización|carrer|vicolo|contrada|borgo|piazzale|lungomare|rotonda|triq|sráid|sraid|cesta|οδός|οδος|οδ\.|λεωφόρος|λεωφορος|λεωφ\.|πλ\.|πλατεία|ул\.|улица|пр\.|пр-т|проспект|просп\.|пер\.|переулок|бул\.|булевард|бульвар|пл\.|площадь|ш\.|шоссе|наб\.|набережная|вул\.|вулиця|пров\.|náměstí|namesti|nábřeží|trieda|námestie|jalan|jl\.)\s+[\p{L}\d'.\- ]{2,40}?,?\s*(?:д\.\s*|дом\s*|буд\.\s*|no\.?\s*|nr\.?\s*|n[º°o]\.?\s*)?\d{1,4}\b",
        // A street and number, then postcode and town, with no street word (Czech, Slovak,
        // Croatian, Norwegian): `Mongolská 26, 218 60 Žacléř`, `Knudsenmoen 9, 0913 Oslo`.
        r"|\p{L}[\p{L}.'\- ]{1,40}\s\d{1,4}[a-z]?(?:/\d{1,4}[a-z]?)?,\s*(?:[A-Z]{1,2}-)?\d{3,5}(?:\s\d{2})?\s+\p{Lu}",
        // A Greek street in the genitive and its number: `Βλαχερωνιτίσσης 90`, `Ερμού 12-14`.
        r"|\p{Greek}[\p{Greek}.'\- ]{2,40}\s\d{1,4}(?:-\d{1,4})?\b",
        // India: `H.No. 661, …`, `Flat No. 3, …`, `37/86, Shroff Path`.
        r"|(?:h\.?\s?no\.?|house\s+no\.?|flat\s+no\.?|plot\s+no\.?)\s*\d{1,5}",
        r"|\d{1,5}/\d{1,5},?\s+\p{L}{2,}",
        r")",
    ))
    .expect("static regex")
});

/// Cyrillic addresses anywhere in the value, with their house marker: `г. Рязань, ул.
/// Слободская, д. 186`, `вулиця Бодаревського, буд. 61`.
static CYRILLIC_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|[\s,])(?:ул|улица|пр|пр-т|проспект|пер|переулок|бул|бульвар|алл|аллея|наб|набережная|ш|шоссе|пл|площадь|вул|вулиця|просп|набережна|сквер|провулок|бульвар)\.?\s+",
        r"[\p{Cyrillic}\d'.\- ]{2,40}?,?\s*(?:д|дом|буд)\.?\s*\d{1,4}",
    ))
    .expect("static regex")
});

static CJK_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // Japan: prefecture, city or ward, then block numbers (〒 and postcode may come first).
        r"(?:^|\s)\p{Han}{1,4}[都道府県]\p{Han}{1,6}[市区町村郡]\S{0,24}?[0-9０-９]",
        r"|(?:^|\s)\p{Han}{1,6}[市区]\p{Han}{1,8}[0-9０-９]{1,4}(?:[-－−]|丁目|番地?)",
        // China and Taiwan: province or city, then a road; or a road, its number and 号/號/座.
        r"|\p{Han}{2,}(?:省|市|自治区|特别行政区)\S{0,20}?(?:路|街|道|巷|弄|村)",
        r"|\p{Han}{2,8}(?:路|街|大街|大道|巷|段|弄)\S{0,8}?[0-9]{1,5}(?:号|號)",
        r"|\p{Han}{2,8}(?:路|街)[0-9A-Za-z]{1,4}座",
        // Korea: city or province and district; or a road and a building number.
        r"|\p{Hangul}{1,6}(?:특별시|광역시|특별자치시|특별자치도|시|도)\s+\p{Hangul}{1,6}(?:구|군|시)(?:\s|$)",
        r"|\p{Hangul}[\p{Hangul}0-9]{0,10}(?:로|길)\s*[0-9]{1,4}(?:-[0-9]{1,4})?(?:번길\s*[0-9]{1,4})?(?:\s|$|,)",
    ))
    .expect("static regex")
});

/// Devanagari addresses: a house number, a street or locality, a town and a six-digit PIN.
static DEVANAGARI_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,5}(?:/\d{1,5})?,?\s+\p{Devanagari}.*\b\d{6}\b").expect("static regex")
});

fn is_street(v: &str) -> bool {
    if v.len() > 400 {
        return false;
    }
    // Every form but a CJK city-and-district one has a house number: most values (names,
    // words, codes) are ruled out before any of the large expressions runs.
    let digit = v.bytes().any(|b| b.is_ascii_digit());
    if !digit {
        return !v.is_ascii() && CJK_ADDRESS.is_match(v);
    }
    STREET.is_match(v)
        || STREET_WORLD.is_match(v)
        || (!v.is_ascii()
            && (CJK_ADDRESS.is_match(v)
                || CYRILLIC_ADDRESS.is_match(v)
                || DEVANAGARI_ADDRESS.is_match(v)))
}

fn is_address_part(v: &str) -> bool {
    // `DE`, `USA`: a country or state code, not where someone lives.
    let code = (2..=3).contains(&v.len()) && v.chars().all(|c| c.is_ascii_uppercase());
    !code
        && v.chars().count() <= 300
        && v.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !v.contains('@')
        && !v.contains("://")
        && !["true", "false", "yes", "no", "null", "none", "n/a"]
            .contains(&v.to_ascii_lowercase().as_str())
}

fn is_postcode(v: &str) -> bool {
    static FORMS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:[A-Z]{1,2}-)?(?:",
            r"\d{5}(?:-\d{4})?",                  // US, DE, FR, ES, IT
            r"|\d{4}",                            // AT, CH, BE, DK, NO, AU
            r"|\d{4} ?[A-Z]{2}",                  // NL
            r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", // UK
            r"|[A-Z]\d[A-Z] ?\d[A-Z]\d",          // CA
            r"|\d{2}-\d{3}",                      // PL
            r"|\d{3}-\d{4}|\d{4}-\d{3}",          // JP, PT
            r"|\d{3} ?\d{2}",                     // SE, CZ, GR
            r"|\d{6}",                            // IN, RU, CN
            r"|\d{5}-?\d{3}",                     // BR (CEP)
            r"|\d{3}",                            // IS, FO
            r"|\d{3} \d{3}",                      // IN (written with a space)
            r"|[A-Z]{3} ?\d{4}",                  // MT
            r"|[A-Z]\d{2} ?[A-Z\d]{4}",           // IE (Eircode)
            r"|[A-Z]\d{4}[A-Z]{3}",               // AR (CPA)
            r")$",
        ))
        .expect("static regex")
    });
    // Prefixes written before the code: 〒 (Japan), ΤΚ / Τ.Κ. (Greece), PSČ (Czechia,
    // Slovakia), CEP (Brazil), CP (Spain, Mexico).
    let mut v = v.trim_start_matches('〒').trim();
    for prefix in ["ΤΚ", "Τ.Κ.", "T.K.", "TK", "PSČ", "CEP", "CP", "C.P."] {
        if let Some(rest) = v.strip_prefix(prefix)
            && rest.starts_with([' ', ':', '\u{a0}'])
        {
            v = rest.trim_start_matches([' ', ':', '\u{a0}']);
            break;
        }
    }
    FORMS.is_match(v)
}

// ---------------------------------------------------------------------------------------------
// Credentials

static HASH_PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}",
        r"|\$argon2(?:id|i|d)\$[^\s]{20,}",
        r"|\$scrypt\$[^\s]{20,}|\$7\$[./A-Za-z0-9]{20,}",
        r"|\$pbkdf2(?:-sha\d+)?\$[^\s]{20,}",
        r"|\$(?:1|5|6|md5|sha1|y|gy)\$(?:rounds=\d+\$)?[^\s$]{1,64}\$[./A-Za-z0-9]{20,}",
        r"|(?:pbkdf2_sha256|pbkdf2_sha1|bcrypt_sha256|bcrypt|argon2|scrypt|sha1|md5|unsalted_md5|unsalted_sha1)\$[^\s]{10,}",
        r"|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|CRYPT|MD5|SMD5|PBKDF2[^}]*)\}[^\s]{8,}",
        // Werkzeug: `pbkdf2:sha256:600000$salt$hash`, `scrypt:32768:8:1$salt$hash`.
        r"|(?:pbkdf2:sha(?:1|256|512)(?::\d+)?|scrypt(?::\d+){0,3})\$[^\s$]+\$[0-9a-fA-F]{20,}",
        // Salted `sha256$salt$hash` / `sha1:salt:hash` (Django, legacy frameworks).
        r"|sha(?:1|256|512)[:$][^\s:$]{1,64}[:$][^\s]{20,}",
        r")$",
    ))
    .expect("static regex")
});

/// A digest labelled with its algorithm and nothing else (`sha256:<hex>`, `md5:<hex>`): the
/// form of file checksums and content addresses as much as of unsalted password hashes. It
/// counts only in a column named for passwords.
static LABELLED_DIGEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:sha(?:1|224|256|384|512)|sha3-\d+|md5|blake2b?)[:$=][0-9a-fA-F]{32,128}$")
        .expect("static regex")
});

static HEX_DIGEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})$")
        .expect("static regex")
});

static BASE64_BLOB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9+/]{27,}={0,2}$|^[A-Za-z0-9_\-]{43,}$").expect("static regex")
});

/// A password hash by its format. Bare hex digests and base64 blobs count only in a column named
/// for passwords (elsewhere they are checksums and ids).
pub fn is_password_hash(v: &str, mode: Mode) -> bool {
    if HASH_PREFIXED.is_match(v) {
        return true;
    }
    mode == Mode::Named
        && (HEX_DIGEST.is_match(v)
            || LABELLED_DIGEST.is_match(v)
            || (BASE64_BLOB.is_match(v) && entropy(v) > 3.5))
}

/// Whether a bare hex digest is the only hashing (unsalted MD5/SHA): weak storage.
pub fn is_weak_hash(v: &str) -> bool {
    HEX_DIGEST.is_match(v)
        || LABELLED_DIGEST.is_match(v)
        || v.starts_with("$1$")
        || v.starts_with("unsalted_")
        || v.starts_with("md5$")
        || v.starts_with("{MD5}")
        || v.starts_with("{SHA}")
}

fn is_plain_password(v: &str) -> bool {
    if v.chars().count() > 128 || is_password_hash(v, Mode::Named) {
        return false;
    }
    // Masked placeholders ("********") are not passwords.
    !v.chars()
        .all(|c| c == '*' || c == '•' || c == 'x' || c == 'X')
}

static SECRET_KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}",
        r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}",
        r"|xox[abprs]-[A-Za-z0-9\-]{10,}",
        r"|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}",
        r"|AIza[0-9A-Za-z_\-]{35}",
        r"|glpat-[A-Za-z0-9_\-]{20}",
        r"|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}",
        r"|eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}",
        r"|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*",
        r")$",
    ))
    .expect("static regex")
});

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

fn is_secret(v: &str, mode: Mode) -> bool {
    if SECRET_KNOWN.is_match(v) {
        return true;
    }
    if mode != Mode::Named || v.chars().any(char::is_whitespace) || v.len() < 16 || v.len() > 4096 {
        return false;
    }
    let classes = [
        v.chars().any(|c| c.is_ascii_lowercase()),
        v.chars().any(|c| c.is_ascii_uppercase()),
        v.chars().any(|c| c.is_ascii_digit()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    (HEX_DIGEST.is_match(v) || classes >= 2) && entropy(v) >= 3.0
}

// ---------------------------------------------------------------------------------------------
// People

static GIVEN_NAMES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    include_str!("../rules/given_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(super::names::fold)
        .collect()
});

static SURNAMES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    include_str!("../rules/surnames.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(super::names::fold)
        .collect()
});

/// Whether `word` is a given name in the built-in dictionary (case and accents ignored).
pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(&super::names::fold(word))
}

/// Whether `words` (one or more, e.g. `da silva`) is a surname in the built-in dictionary.
pub fn is_surname(words: &str) -> bool {
    SURNAMES.contains(&super::names::fold(words))
}

fn is_plausible_name(v: &str) -> bool {
    // Lists of names, as in credits: "Angus Young, Malcolm Young & Brian Johnson".
    if v.contains(['&', '/', ';']) {
        let parts: Vec<&str> = v
            .split([',', '&', '/', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        return v.len() <= 200
            && (2..=8).contains(&parts.len())
            && parts.iter().all(|p| is_one_plausible_name(p));
    }
    if v.contains(',') && v.split_whitespace().count() > 6 {
        return v.len() <= 200
            && v.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .all(is_one_plausible_name);
    }
    is_one_plausible_name(v)
}

fn is_one_plausible_name(v: &str) -> bool {
    use unicode_normalization::char::is_combining_mark;
    // A Chinese or Korean given name may be one character.
    let min = if super::scripts::unspaced(v) { 1 } else { 2 };
    let len = v.chars().count();
    if !(min..=80).contains(&len) {
        return false;
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    // Vowel signs and viramas (Devanagari), vowel marks (Arabic), middle dots (`·`, `・`) and
    // joiners belong to names as much as letters do.
    v.chars().all(|c| {
        c.is_alphabetic() || is_combining_mark(c) || " '-.,’·・\u{3000}\u{200c}\u{200d}".contains(c)
    }) && v.chars().filter(|c| c.is_alphabetic()).count() >= min
}

fn is_dictionary_name(v: &str) -> bool {
    if let Some(script_name) = super::scripts::is_name(v) {
        return script_name;
    }
    // Titles and degrees around a name ("Dr. …", "pani …", "… B.Sc.") are not part of it.
    let words: Vec<&str> = v.split_whitespace().collect();
    let start = words
        .iter()
        .take_while(|w| super::scripts::is_title(w))
        .count();
    let end = words.len()
        - words[start..]
            .iter()
            .rev()
            .take_while(|w| super::scripts::is_title(w))
            .count();
    let words = &words[start..end.max(start)];
    let v = words.join(" ");
    if !is_plausible_name(&v) {
        return false;
    }
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    // Particles of family names stay lower case: "Joana de Lima", "Rosa van den Brand".
    const PARTICLES: &[&str] = &[
        "da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ten",
        "ter", "le", "la", "du", "y", "e", "zu", "af",
    ];
    let capitalised = words.iter().enumerate().all(|(i, w)| {
        w.chars().next().is_some_and(char::is_uppercase)
            || (i > 0 && i + 1 < words.len() && PARTICLES.contains(w))
    });
    if !capitalised
        && !v
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return false;
    }
    // "Last, First" puts the given name at the end.
    if words[0].ends_with(',') {
        return words.last().is_some_and(|w| is_given_name(w))
            || is_surname(words[0].trim_end_matches(','))
            || super::scripts::has_surname_ending(words[0]);
    }
    // Family name first (Hungarian order, or a register): "Horváth Szabolcs József".
    if is_surname(words[0]) && words[1..].iter().any(|w| is_given_name(w)) {
        return true;
    }
    let first = words[0];
    let last_two = if words.len() >= 3 {
        words[words.len() - 2..].join(" ")
    } else {
        String::new()
    };
    is_given_name(first)
        || words.last().is_some_and(|w| is_surname(w))
        || (!last_two.is_empty() && is_surname(&last_two))
        || words.iter().any(|w| super::scripts::has_surname_ending(w))
}

/// A full name inside prose: a known given name followed by a known surname, both capitalised
/// as names are ("Steven Buchanan", not "Colorado State").
fn is_name_in_text(v: &str) -> bool {
    let words: Vec<&str> = v.split_whitespace().collect();
    let cased = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.all(|x| x.is_lowercase() || x == '-')
    };
    (2..=3).contains(&words.len())
        && words.iter().all(|w| w.chars().count() >= 2 && cased(w))
        && is_given_name(words[0])
        && words.last().is_some_and(|w| is_surname(w))
        && !is_given_name(words.last().copied().unwrap_or_default())
}

fn is_username(v: &str) -> bool {
    let n = v.chars().count();
    (2..=64).contains(&n)
        && !v.chars().any(char::is_whitespace)
        && v.chars().any(char::is_alphabetic)
        && !is_hex_identifier(v)
}

/// A hardware or record identifier written in hex (`93:72:EF:D5:2B:F0:CF`, `04a3b2c1d2e3`):
/// a key card's, a device's or a row's id, not a login a person chose.
fn is_hex_identifier(v: &str) -> bool {
    static GROUPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[0-9A-Fa-f]{2,4}(?:[:\-][0-9A-Fa-f]{2,4}){3,}$").expect("static regex")
    });
    GROUPED.is_match(v)
        || (v.len() >= 8
            && v.chars().all(|c| c.is_ascii_hexdigit())
            && v.chars().filter(char::is_ascii_digit).count() >= 2)
}

fn is_gender(v: &str) -> bool {
    const WORDS: &[&str] = &[
        "m",
        "f",
        "w",
        "d",
        "x",
        "u",
        "n",
        "o",
        "male",
        "female",
        "man",
        "woman",
        "men",
        "women",
        "mann",
        "frau",
        "herr",
        "mannlich",
        "weiblich",
        "divers",
        "diverse",
        "other",
        "non-binary",
        "nonbinary",
        "non binary",
        "nb",
        "unknown",
        "prefer not to say",
        "not specified",
        "unspecified",
        "n/a",
        "homme",
        "femme",
        "masculin",
        "feminin",
        "autre",
        "hombre",
        "mujer",
        "masculino",
        "femenino",
        "otro",
        "maschio",
        "femmina",
        "uomo",
        "donna",
        "altro",
        "vrouw",
        // Single-letter codes and words of other languages: V (vrouw), Z (žena, folded), K
        // (kobieta, kvinde, kadın), N (nő, naine, nainen), and the words themselves.
        "v",
        "h",
        "z",
        "k",
        "e",
        "vrouwelijk",
        "mannelijk",
        "muz",
        "zena",
        "muzsky",
        "zensky",
        "muski",
        "zenski",
        "moski",
        "zenska",
        "mezczyzna",
        "kobieta",
        "mand",
        "kvinde",
        "kvinne",
        "kvinna",
        "karl",
        "kona",
        "karlkyns",
        "kvenkyns",
        "mies",
        "nainen",
        "mees",
        "naine",
        "vyras",
        "moteris",
        "virietis",
        "sieviete",
        "ferfi",
        "no",
        "erkek",
        "kadin",
        "homem",
        "mulher",
        "feminino",
        "barbat",
        "femeie",
        "м",
        "ж",
        "мужской",
        "женский",
        "муж",
        "жен",
        "мъж",
        "жена",
        "чоловік",
        "жінка",
        "чоловіча",
        "жіноча",
        "чоловічий",
        "жіночий",
        "мушки",
        "женски",
        "α",
        "θ",
        "ανδρας",
        "γυναικα",
        "αρρεν",
        "θηλυ",
        "男",
        "女",
        "男性",
        "女性",
        "남",
        "여",
        "남성",
        "여성",
        "남자",
        "여자",
        "ذكر",
        "انثى",
        "أنثى",
        "ذ",
        "ا",
        "पुरुष",
        "महिला",
        "स्त्री",
        "पु",
        "म",
        "זכר",
        "נקבה",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        // Titles that go with any gender still belong in a salutation column.
        "dr",
        "dr.",
        "prof",
        "prof.",
        "mme",
        "mlle",
        "m.",
        "sr",
        "sra",
        "srta",
        "sig",
        "sig.ra",
        "dhr",
        "mevr",
        "dhr.",
        "mevr.",
        "mr.",
        "mrs.",
        "ms.",
        "0",
        "1",
        "2",
        "9",
        "genderqueer",
        "agender",
        "trans",
        "transgender",
        "intersex",
        "männlich",
        "männl.",
        "weibl.",
        "mannl.",
        // Other EU languages and Turkish (after accent folding): `K`/`M` for kobieta/mężczyzna,
        // `E`/`K` for erkek/kadın.
        "femenina",
    ];
    let f = super::names::fold(v.trim());
    WORDS.contains(&f.as_str())
}

fn is_special(v: &str) -> bool {
    // The grades of a thing's condition (`item_condition`, `vehicle_condition`): nobody's health.
    const CONDITION_GRADES: &[&str] = &[
        "new",
        "like new",
        "as new",
        "used",
        "good",
        "very good",
        "fair",
        "poor",
        "excellent",
        "mint",
        "near mint",
        "refurbished",
        "damaged",
        "worn",
        "broken",
        "for parts",
        "open box",
    ];
    let f = v.trim().to_ascii_lowercase();
    !CONDITION_GRADES.contains(&f.as_str())
        && (v.chars().any(char::is_alphabetic)
            || ["0", "1", "t", "f", "true", "false", "yes", "no", "y", "n"].contains(&f.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_issuers() {
        assert!(Validator::PaymentCard.check("4242 4242 4242 4242", Mode::Strict, ""));
        assert!(!Validator::PaymentCard.check("4242 4242 4242 4241", Mode::Strict, ""));
        // An order number that happens to pass Luhn but has no issuer prefix.
        assert!(!Validator::PaymentCard.check("9000000000000008", Mode::Strict, ""));
        // In prose, an ungrouped number needs card words before it.
        assert!(!Validator::PaymentCard.check("4111111111111111", Mode::InText, "order number "));
        assert!(Validator::PaymentCard.check("4111111111111111", Mode::InText, "my visa card is "));
    }

    #[test]
    fn dates_tell_birth_from_timestamps() {
        assert!(birth_age("1985-04-12").is_some());
        assert!(birth_age("1985-04-12 00:00:00").is_some());
        assert!(birth_age("2024-03-01 14:22:05").is_none());
        assert!(birth_age("1890-01-01").is_none());
        assert!(birth_age("12.04.1985").is_some());
        assert!(birth_age("31/12/1985").is_some());
    }

    #[test]
    fn street_shapes_and_postcodes_of_other_countries() {
        for street in [
            "Kungsgatan 5",
            "Nørregade 12",
            "Karl Johans gate 5",
            "Mannerheimintie 12 A",
            "Váci utca 12",
            "Brīvības iela 12",
            "Atatürk Cad. No: 12",
            "ul. Marszałkowska 12",
            "Strada Victoriei 12",
            "Rua Augusta, 123",
            "Οδός Ερμού 12",
            "ул. Ленина, д. 5",
            "東京都千代田区丸の内1-2-3",
            "〒100-0005 東京都千代田区丸の内1丁目",
            "北京市朝阳区建国路88号",
            "서울특별시 강남구 테헤란로 123",
        ] {
            assert!(is_street(street), "{street}");
        }
        for not in [
            "Stockholm",
            "東京都",
            "北京市",
            "서울특별시",
            "version 12",
            "Ленина",
        ] {
            assert!(!is_street(not), "{not}");
        }
        for pc in [
            "〒100-0005",
            "VLT 1117",
            "D02 X285",
            "C1043AAZ",
            "101",
            "110 001",
        ] {
            assert!(is_postcode(pc), "{pc}");
        }
    }

    #[test]
    fn phones_in_strict_mode_need_shape() {
        // Barcodes, book numbers and IMEIs in their printed grouping are not phones.
        for code in [
            "978-3-16-148410-0",
            "4 006381 333931",
            "0 36000 29145 2",
            "35-209900-176148-1",
            "3-16-148410-X",
        ] {
            assert!(is_grouped_code(code), "{code}");
            assert!(!Validator::Phone.check(code, Mode::Strict, ""), "{code}");
        }
        assert!(!is_grouped_code("030 1234 5678") && !is_grouped_code("+49 30 123456"));
        // A Tokyo number needs the schema's hint: it is valid in no default region.
        let jp = regions(&["JP".to_string()]);
        assert!(Validator::Phone.check_in("03-1234-5678", Mode::Strict, "", &jp));
        assert!(Validator::Phone.check_in("090-1234-5678", Mode::Strict, "", &jp));
        assert!(!Validator::Phone.check("2015550123", Mode::Strict, ""));
        assert!(Validator::Phone.check("2015550123", Mode::Named, ""));
        assert!(!Validator::Phone.check("2024-01-15", Mode::Named, ""));
    }

    #[test]
    fn entropy_is_sane() {
        assert!(entropy("aaaa") < 0.01);
        assert!(entropy("sk_live_4eC39HqLyjWDarjtT1zdp7dc") > 4.0);
    }
}
