//! National identifiers against independent reference implementations.
//!
//! For every scheme with a check digit, a generator builds a random valid payload (a real birth
//! date where the number holds one) and computes the check digit with a straightforward
//! implementation written here from the published algorithm — not the library's helpers —
//! and `national::check` must accept the result. Where the published check detects every
//! single-digit error, changing one digit to another must be rejected. And no string, however
//! hostile or long, may make a validator panic.

use privaudit::classify::national::{self, Id};
use privaudit::classify::validate::{Mode, Validator};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------------
// Reference algorithms, written out the long way

fn s(d: &[u32]) -> String {
    d.iter().map(|x| char::from(b'0' + *x as u8)).collect()
}

fn two(n: u32) -> [u32; 2] {
    [n / 10 % 10, n % 10]
}

/// Luhn check digit for a payload: double every second digit from the right, starting with the
/// rightmost payload digit.
fn luhn_digit(payload: &[u32]) -> u32 {
    let mut total = 0;
    for (i, d) in payload.iter().rev().enumerate() {
        let mut x = *d;
        if i % 2 == 0 {
            x *= 2;
            if x >= 10 {
                x = x / 10 + x % 10;
            }
        }
        total += x;
    }
    (10 - total % 10) % 10
}

/// Verhoeff check digit (tables from Verhoeff 1969, as in the UIDAI specification).
fn verhoeff_digit(payload: &[u32]) -> u32 {
    let d: [[u32; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    let p: [[u32; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let inv = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    let mut c = 0;
    for (i, x) in payload.iter().rev().enumerate() {
        c = d[c as usize][p[(i + 1) % 8][*x as usize] as usize];
    }
    inv[c as usize]
}

/// Σ wᵢ·dᵢ.
fn dot(d: &[u32], w: &[u32]) -> u32 {
    let mut t = 0;
    for i in 0..w.len().min(d.len()) {
        t += d[i] * w[i];
    }
    t
}

/// A birth date between 1930 and 2010 (days up to 28, valid in every month).
fn date() -> impl Strategy<Value = (u32, u32, u32)> {
    (1930u32..=2010, 1u32..=12, 1u32..=28)
}

fn digits(n: usize) -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(0u32..10, n)
}

fn accept(id: Id, v: &str) -> Result<(), TestCaseError> {
    prop_assert!(national::check(id, v), "{:?} rejects {}", id, v);
    Ok(())
}

/// Every way of changing one digit of `v` into another digit.
fn one_digit_changes(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in v.bytes().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        for d in b'0'..=b'9' {
            if d != c {
                let mut b = v.as_bytes().to_vec();
                b[i] = d;
                out.push(String::from_utf8(b).expect("ascii"));
            }
        }
    }
    out
}

/// Valid numbers of the schemes whose check detects every single-digit error, with their id.
fn detecting() -> impl Strategy<Value = (Id, String)> {
    prop_oneof![
        se().prop_map(|v| (Id::SePersonnummer, v)),
        no().prop_filter_map("k=10", |v| v.map(|v| (Id::NoFodselsnummer, v))),
        fi().prop_map(|v| (Id::FiHetu, v)),
        pesel().prop_map(|v| (Id::PlPesel, v)),
        nip().prop_filter_map("c=10", |v| v.map(|v| (Id::PlNip, v))),
        hu().prop_filter_map("c=10", |v| v.map(|v| (Id::HuAdoazonosito, v))),
        oib().prop_map(|v| (Id::HrOib, v)),
        amka().prop_map(|v| (Id::GrAmka, v)),
        lu().prop_map(|v| (Id::LuMatricule, v)),
        pps().prop_map(|v| (Id::IePps, v)),
        at().prop_filter_map("c=10", |v| v.map(|v| (Id::AtSvnr, v))),
        ahv().prop_map(|v| (Id::ChAhv, v)),
        cy().prop_map(|v| (Id::CyTin, v)),
        sin().prop_map(|v| (Id::CaSin, v)),
        aadhaar().prop_filter_map("palindrome", |v| v.map(|v| (Id::InAadhaar, v))),
        cn().prop_map(|v| (Id::CnRic, v)),
        sg().prop_map(|v| (Id::SgNric, v)),
        tfn().prop_filter_map("c=10", |v| v.map(|v| (Id::AuTfn, v))),
        za().prop_map(|v| (Id::ZaIdnr, v)),
        tr().prop_map(|v| (Id::TrTckimlik, v)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Generators of valid numbers

/// SE: YYMMDD-NNNC, Luhn over the nine digits before C (Skatteverket SKV 704).
fn se() -> impl Strategy<Value = String> {
    (date(), digits(3)).prop_map(|((y, m, d), n)| {
        let mut p = Vec::new();
        p.extend(two(y % 100));
        p.extend(two(m));
        p.extend(two(d));
        p.extend(&n);
        let c = luhn_digit(&p);
        format!("{}-{}{}", s(&p[..6]), s(&p[6..]), c)
    })
}

/// NO: DDMMYY, individual number (000-499 for 1900-1999, 500-999 for 2000-2039), two mod-11
/// control digits; `None` when a control digit would be 10 (such numbers are not issued).
fn no() -> impl Strategy<Value = Option<String>> {
    (date(), 0u32..500).prop_map(|((y, m, d), i)| {
        let ind = if y >= 2000 { 500 + i } else { i };
        let mut p = Vec::new();
        p.extend(two(d));
        p.extend(two(m));
        p.extend(two(y % 100));
        p.extend([ind / 100, ind / 10 % 10, ind % 10]);
        let k1 = (11 - dot(&p, &[3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11) % 11;
        if k1 == 10 {
            return None;
        }
        p.push(k1);
        let k2 = (11 - dot(&p, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11) % 11;
        if k2 == 10 {
            return None;
        }
        p.push(k2);
        Some(s(&p))
    })
}

/// DK: DDMMYY-SSSS with the first serial digit 0-3 for 1900-1999 and 4 for 2000-2036.
fn dk() -> impl Strategy<Value = String> {
    (date(), 0u32..4, digits(3)).prop_map(|((y, m, d), first, rest)| {
        let first = if y >= 2000 { 4 } else { first };
        format!("{:02}{:02}{:02}-{}{}", d, m, y % 100, first, s(&rest))
    })
}

/// FI: DDMMYY, `-` (1900s) or `A` (2000s), individual number 002-899, control character
/// (DDMMYYZZZ mod 31) from 0123456789ABCDEFHJKLMNPRSTUVWXY.
fn fi() -> impl Strategy<Value = String> {
    (date(), 2u32..900).prop_map(|((y, m, d), z)| {
        let n = (d * 10_000 + m * 100 + y % 100) as u64 * 1000 + z as u64;
        let table: Vec<char> = "0123456789ABCDEFHJKLMNPRSTUVWXY".chars().collect();
        let sign = if y >= 2000 { 'A' } else { '-' };
        format!(
            "{:02}{:02}{:02}{}{:03}{}",
            d,
            m,
            y % 100,
            sign,
            z,
            table[(n % 31) as usize]
        )
    })
}

/// IS: DDMMYY, two digits, check digit (Σ 3-2-7-6-5-4-3-2 ≡ −c mod 11), century 9 or 0.
fn is() -> impl Strategy<Value = Option<String>> {
    (date(), digits(2)).prop_map(|((y, m, d), r)| {
        let mut p = Vec::new();
        p.extend(two(d));
        p.extend(two(m));
        p.extend(two(y % 100));
        p.extend(&r);
        let c = (11 - dot(&p, &[3, 2, 7, 6, 5, 4, 3, 2]) % 11) % 11;
        if c == 10 {
            return None;
        }
        p.push(c);
        p.push(if y >= 2000 { 0 } else { 9 });
        Some(format!("{}-{}", s(&p[..6]), s(&p[6..])))
    })
}

/// PL PESEL: YYMMDD with month + 20 for the 2000s, four digits, check 10 − (Σ 1-3-7-9 mod 10).
fn pesel() -> impl Strategy<Value = String> {
    (date(), digits(4)).prop_map(|((y, m, d), n)| {
        let mm = if y >= 2000 { m + 20 } else { m };
        let mut p = Vec::new();
        p.extend(two(y % 100));
        p.extend(two(mm));
        p.extend(two(d));
        p.extend(&n);
        let c = (10 - dot(&p, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10;
        p.push(c);
        s(&p)
    })
}

/// PL NIP: nine digits, check Σ 6-5-7-2-3-4-5-6-7 mod 11 (10 never issued).
fn nip() -> impl Strategy<Value = Option<String>> {
    digits(9).prop_map(|mut p| {
        let c = dot(&p, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
        (c != 10).then(|| {
            p.push(c);
            format!(
                "{}-{}-{}-{}",
                s(&p[..3]),
                s(&p[3..6]),
                s(&p[6..8]),
                s(&p[8..])
            )
        })
    })
}

/// CZ/SK: YYMMDD (+ 50 for women) / SSSC, the ten-digit number divisible by 11 (remainder 10
/// gives check digit 0).
fn rc() -> impl Strategy<Value = String> {
    (
        (1954u32..=2010, 1u32..=12, 1u32..=28),
        any::<bool>(),
        digits(3),
    )
        .prop_map(|((y, m, d), woman, n)| {
            let mm = if woman { m + 50 } else { m };
            let head: u64 = format!("{:02}{:02}{:02}{}", y % 100, mm, d, s(&n))
                .parse()
                .unwrap();
            let c = head % 11 % 10;
            format!("{:06}/{:03}{}", head / 1000, head % 1000, c)
        })
}

/// HU: 8, days since 1867-01-01, three digits, check Σ i·dᵢ mod 11 (10 never issued).
fn hu() -> impl Strategy<Value = Option<String>> {
    (20_000u32..50_000, digits(3)).prop_map(|(days, n)| {
        let mut p = vec![8];
        p.extend([
            days / 10_000,
            days / 1000 % 10,
            days / 100 % 10,
            days / 10 % 10,
            days % 10,
        ]);
        p.extend(&n);
        let mut t = 0;
        for (i, x) in p.iter().enumerate() {
            t += (i as u32 + 1) * x;
        }
        let c = t % 11;
        (c != 10).then(|| {
            p.push(c);
            s(&p)
        })
    })
}

/// RO: sex/century digit, YYMMDD, county 01-46, serial, check Σ 279146358279 mod 11 (10 → 1).
fn ro() -> impl Strategy<Value = String> {
    (date(), any::<bool>(), 1u32..=46, digits(3)).prop_map(|((y, m, d), w, county, n)| {
        let sex = match (y >= 2000, w) {
            (false, false) => 1,
            (false, true) => 2,
            (true, false) => 5,
            (true, true) => 6,
        };
        let mut p = vec![sex];
        p.extend(two(y % 100));
        p.extend(two(m));
        p.extend(two(d));
        p.extend(two(county));
        p.extend(&n);
        let r = dot(&p, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
        p.push(if r == 10 { 1 } else { r });
        s(&p)
    })
}

/// BG: YYMMDD with month + 40 for the 2000s, serial, check Σ 2-4-8-5-10-9-7-3-6 mod 11 (10 → 0).
fn bg() -> impl Strategy<Value = String> {
    (date(), digits(3)).prop_map(|((y, m, d), n)| {
        let mm = if y >= 2000 { m + 40 } else { m };
        let mut p = Vec::new();
        p.extend(two(y % 100));
        p.extend(two(mm));
        p.extend(two(d));
        p.extend(&n);
        let r = dot(&p, &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
        p.push(if r == 10 { 0 } else { r });
        s(&p)
    })
}

/// HR OIB: ten digits and ISO 7064 MOD 11,10 (hybrid system, modulus 10 and 11).
fn oib() -> impl Strategy<Value = String> {
    digits(10).prop_map(|mut p| {
        let mut product = 10;
        for x in &p {
            let mut sum = (x + product) % 10;
            if sum == 0 {
                sum = 10;
            }
            product = sum * 2 % 11;
        }
        let c = if product == 1 { 0 } else { 11 - product };
        p.push(c);
        s(&p)
    })
}

/// SI EMŠO: DDMMYYY, register 50, serial, 11 − (Σ 7-6-5-4-3-2-7-6-5-4-3-2 mod 11) (11 → 0, 10
/// never issued).
fn emso() -> impl Strategy<Value = Option<String>> {
    (date(), digits(3)).prop_map(|((y, m, d), n)| {
        let mut p = Vec::new();
        p.extend(two(d));
        p.extend(two(m));
        p.extend([y / 100 % 10, y / 10 % 10, y % 10]);
        p.extend([5, 0]);
        p.extend(&n);
        let r = dot(&p, &[7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        let c = if r == 0 { 0 } else { 11 - r };
        (c != 10).then(|| {
            p.push(c);
            s(&p)
        })
    })
}

/// EE/LT: sex/century digit (3/4 1900s, 5/6 2000s), YYMMDD, serial, check: Σ weights 1…9,1 mod
/// 11; if 10, weights 3…9,1,2,3; if 10 again, 0.
fn ee() -> impl Strategy<Value = String> {
    (date(), any::<bool>(), digits(3)).prop_map(|((y, m, d), w, n)| {
        let first = match (y >= 2000, w) {
            (false, false) => 3,
            (false, true) => 4,
            (true, false) => 5,
            (true, true) => 6,
        };
        let mut p = vec![first];
        p.extend(two(y % 100));
        p.extend(two(m));
        p.extend(two(d));
        p.extend(&n);
        let mut c = dot(&p, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
        if c == 10 {
            c = dot(&p, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
            if c == 10 {
                c = 0;
            }
        }
        p.push(c);
        s(&p)
    })
}

/// LV: DDMMYY-CNNNX, century digit 1 (1900s) or 2 (2000s), X = (1101 − Σ 1-6-3-7-9-10-5-8-4-2)
/// mod 11 (10 never issued).
fn lv() -> impl Strategy<Value = Option<String>> {
    (date(), digits(3)).prop_map(|((y, m, d), n)| {
        let mut p = Vec::new();
        p.extend(two(d));
        p.extend(two(m));
        p.extend(two(y % 100));
        p.push(if y >= 2000 { 2 } else { 1 });
        p.extend(&n);
        let c = (1101 - dot(&p, &[1, 6, 3, 7, 9, 10, 5, 8, 4, 2]) as i64).rem_euclid(11) as u32;
        (c != 10).then(|| {
            p.push(c);
            format!("{}-{}", s(&p[..6]), s(&p[6..]))
        })
    })
}

/// GR AMKA: DDMMYY, four digits, Luhn.
fn amka() -> impl Strategy<Value = String> {
    (date(), digits(4)).prop_map(|((y, m, d), n)| {
        let mut p = Vec::new();
        p.extend(two(d));
        p.extend(two(m));
        p.extend(two(y % 100));
        p.extend(&n);
        let c = luhn_digit(&p);
        p.push(c);
        s(&p)
    })
}

/// GR AFM: eight digits, check (Σ dᵢ·2⁸⁻ⁱ mod 11) mod 10.
fn afm() -> impl Strategy<Value = String> {
    digits(8)
        .prop_filter("not all zero", |p| p.iter().any(|x| *x != 0))
        .prop_map(|mut p| {
            let mut t = 0;
            for (i, x) in p.iter().enumerate() {
                t += x * (1 << (8 - i));
            }
            p.push(t % 11 % 10);
            s(&p)
        })
}

/// BE: YYMMDD, serial, 97 − (n mod 97), n prefixed with 2 for births since 2000.
fn be() -> impl Strategy<Value = String> {
    (date(), 1u32..998).prop_map(|((y, m, d), serial)| {
        let n: u64 = format!("{:02}{:02}{:02}{:03}", y % 100, m, d, serial)
            .parse()
            .unwrap();
        let base = if y >= 2000 { 2_000_000_000 + n } else { n };
        let key = 97 - base % 97;
        format!("{:09}{:02}", n, key)
    })
}

/// LU: YYYYMMDD, three digits, Luhn digit and Verhoeff digit over the first eleven.
fn lu() -> impl Strategy<Value = String> {
    (date(), digits(3)).prop_map(|((y, m, d), n)| {
        let mut p = Vec::new();
        p.extend([y / 1000, y / 100 % 10, y / 10 % 10, y % 10]);
        p.extend(two(m));
        p.extend(two(d));
        p.extend(&n);
        let l = luhn_digit(&p);
        let v = verhoeff_digit(&p);
        format!("{}{}{}", s(&p), l, v)
    })
}

/// PT NIF of a person: first digit 1-3, seven digits, 11 − (Σ 9…2 mod 11), 10 and 11 → 0.
fn nif() -> impl Strategy<Value = String> {
    (1u32..=3, digits(7)).prop_map(|(f, rest)| {
        let mut p = vec![f];
        p.extend(&rest);
        let c = 11 - dot(&p, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
        p.push(if c >= 10 { 0 } else { c });
        s(&p)
    })
}

/// PT Cartão de Cidadão: nine digits, two version characters, check digit: from the right,
/// every second value (starting next to the check digit) doubled, minus 9 above 9, sum ≡ 0.
fn cc() -> impl Strategy<Value = String> {
    (digits(9), "[A-Z]{2}").prop_map(|(p, ver)| {
        let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let body = format!("{}{}", s(&p), ver);
        let values: Vec<u32> = body
            .chars()
            .map(|c| alphabet.find(c).unwrap() as u32)
            .collect();
        let mut total = 0;
        for (i, x) in values.iter().rev().enumerate() {
            let mut y = *x;
            if i % 2 == 0 {
                y *= 2;
                if y > 9 {
                    y -= 9;
                }
            }
            total += y;
        }
        format!("{}{}", body, (10 - total % 10) % 10)
    })
}

/// IE PPS: seven digits, check letter (Σ 8…2 + 9 × second letter) mod 23 → W, A, …, V; the
/// second letter A (2013 format) or none.
fn pps() -> impl Strategy<Value = String> {
    (digits(7), any::<bool>()).prop_map(|(p, new)| {
        let letters: Vec<char> = "WABCDEFGHIJKLMNOPQRSTUV".chars().collect();
        let mut t = dot(&p, &[8, 7, 6, 5, 4, 3, 2]);
        if new {
            t += 9; // 'A' is letter 1
        }
        let c = letters[(t % 23) as usize];
        format!("{}{}{}", s(&p), c, if new { "A" } else { "" })
    })
}

/// AT: serial (first digit not 0), check Σ 3-7-9-·-5-8-4-2-1-6 mod 11 in the fourth place (10
/// never issued), DDMMYY.
fn at() -> impl Strategy<Value = Option<String>> {
    (100u32..1000, date()).prop_map(|(serial, (y, m, d))| {
        let mut p = vec![serial / 100, serial / 10 % 10, serial % 10, 0];
        p.extend(two(d));
        p.extend(two(m));
        p.extend(two(y % 100));
        let c = dot(&p, &[3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11;
        (c != 10).then(|| {
            p[3] = c;
            format!("{} {}", s(&p[..4]), s(&p[4..]))
        })
    })
}

/// CH: 756, nine digits, EAN-13 check digit (weights 1 and 3 from the left).
fn ahv() -> impl Strategy<Value = String> {
    digits(9).prop_map(|rest| {
        let mut p = vec![7, 5, 6];
        p.extend(&rest);
        let mut t = 0;
        for (i, x) in p.iter().enumerate() {
            t += if i % 2 == 0 { *x } else { 3 * x };
        }
        p.push((10 - t % 10) % 10);
        let v = s(&p);
        format!("{}.{}.{}.{}", &v[..3], &v[3..7], &v[7..11], &v[11..])
    })
}

/// CY: eight digits (not starting 12), check letter: digits in odd places (1st, 3rd, …) mapped
/// 0→1 1→0 2→5 3→7 4→9 5→13 6→15 7→17 8→19 9→21, others as they are, sum mod 26 → A-Z.
fn cy() -> impl Strategy<Value = String> {
    digits(8)
        .prop_filter("12 prefix", |p| !(p[0] == 1 && p[1] == 2))
        .prop_map(|p| {
            let map = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
            let mut t = 0;
            for (i, x) in p.iter().enumerate() {
                t += if i % 2 == 0 { map[*x as usize] } else { *x };
            }
            format!("{}{}", s(&p), char::from(b'A' + (t % 26) as u8))
        })
}

/// CA SIN: first digit 1-7 or 9, seven digits, Luhn.
fn sin() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![1u32, 2, 3, 4, 5, 6, 7, 9]),
        digits(7),
    )
        .prop_map(|(f, rest)| {
            let mut p = vec![f];
            p.extend(&rest);
            let c = luhn_digit(&p);
            p.push(c);
            let v = s(&p);
            format!("{} {} {}", &v[..3], &v[3..6], &v[6..])
        })
}

/// MX CURP: four letters, YYMMDD, H/M, state, three consonants, homoclave (digit before 2000,
/// letter since), check digit 10 − (Σ value × (18 − i) mod 10).
fn curp() -> impl Strategy<Value = String> {
    (
        "[A-Z]{4}",
        date(),
        prop::sample::select(vec!["H", "M"]),
        prop::sample::select(vec!["AS", "DF", "JC", "NL", "YN", "NE"]),
        "[B-DF-HJ-NP-TV-Z]{3}",
        "[A-Z]",
        0u32..10,
    )
        .prop_map(|(name, (y, m, d), sex, state, cons, letter, digit)| {
            let homo = if y >= 2000 { letter } else { digit.to_string() };
            let body = format!(
                "{}{:02}{:02}{:02}{}{}{}{}",
                name,
                y % 100,
                m,
                d,
                sex,
                state,
                cons,
                homo
            );
            let alphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
            let mut t = 0;
            for (i, c) in body.chars().enumerate() {
                t += alphabet.find(c).unwrap() as u32 * (18 - i as u32);
            }
            format!("{}{}", body, (10 - t % 10) % 10)
        })
}

/// BR CPF: nine digits (not all equal), two mod-11 digits (Σ × 10 mod 11, 10 → 0).
fn cpf() -> impl Strategy<Value = String> {
    digits(9)
        .prop_filter("all equal", |p| p.iter().any(|x| *x != p[0]))
        .prop_map(|mut p| {
            let w1: Vec<u32> = (2..=10).rev().collect();
            let d1 = dot(&p, &w1) * 10 % 11 % 10;
            p.push(d1);
            let w2: Vec<u32> = (2..=11).rev().collect();
            let d2 = dot(&p, &w2) * 10 % 11 % 10;
            p.push(d2);
            let v = s(&p);
            format!("{}.{}.{}-{}", &v[..3], &v[3..6], &v[6..9], &v[9..])
        })
}

/// AR CUIL: type 20 or 27, DNI, 11 − (Σ 5-4-3-2-7-6-5-4-3-2 mod 11) (11 → 0; 10 is not issued
/// with these types).
fn cuil() -> impl Strategy<Value = Option<String>> {
    (prop::sample::select(vec![20u32, 27]), digits(8)).prop_map(|(t, dni)| {
        let mut p = two(t).to_vec();
        p.extend(&dni);
        let c = 11 - dot(&p, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
        let c = match c {
            11 => 0,
            10 => return None,
            c => c,
        };
        Some(format!("{}-{}-{}", s(&p[..2]), s(&p[2..]), c))
    })
}

/// IN Aadhaar: first digit 2-9, ten digits, Verhoeff.
fn aadhaar() -> impl Strategy<Value = Option<String>> {
    (2u32..10, digits(10)).prop_map(|(f, rest)| {
        let mut p = vec![f];
        p.extend(&rest);
        let c = verhoeff_digit(&p);
        p.push(c);
        let rev: Vec<u32> = p.iter().rev().copied().collect();
        (rev != p).then(|| {
            let v = s(&p);
            format!("{} {} {}", &v[..4], &v[4..8], &v[8..])
        })
    })
}

/// CN: address code (province 11-65), YYYYMMDD, serial, ISO 7064 MOD 11-2: check = (12 − Σ
/// dᵢ·2¹⁷⁻ⁱ mod 11) mod 11, 10 → X.
fn cn() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![11u32, 31, 36, 44, 51, 65]),
        digits(4),
        date(),
        digits(3),
    )
        .prop_map(|(prov, area, (y, m, d), n)| {
            let mut p = two(prov).to_vec();
            p.extend(&area);
            p.extend([y / 1000, y / 100 % 10, y / 10 % 10, y % 10]);
            p.extend(two(m));
            p.extend(two(d));
            p.extend(&n);
            let mut t = 0u64;
            for (i, x) in p.iter().enumerate() {
                t += *x as u64 * (1u64 << (17 - i));
            }
            let c = (12 - t % 11) % 11;
            let last = if c == 10 {
                "X".to_string()
            } else {
                c.to_string()
            };
            format!("{}{}", s(&p), last)
        })
}

/// JP My Number: eleven digits; check 11 − (Σ Pₙ·Qₙ mod 11), 0 if the remainder is 0 or 1,
/// Pₙ the n-th digit from the right, Qₙ = n + 1 for n ≤ 6 and n − 5 for n ≥ 7.
fn my_number() -> impl Strategy<Value = String> {
    digits(11).prop_map(|mut p| {
        let mut t = 0;
        for n in 1..=11usize {
            let pn = p[11 - n];
            let qn = if n <= 6 { n as u32 + 1 } else { n as u32 - 5 };
            t += pn * qn;
        }
        let r = t % 11;
        p.push(if r <= 1 { 0 } else { 11 - r });
        s(&p)
    })
}

/// KR: YYMMDD, sex/century digit (1/2 1900s, 3/4 2000s), place 00-96, three digits, check
/// (11 − Σ 2-3-4-5-6-7-8-9-2-3-4-5 mod 11) mod 10.
fn kr() -> impl Strategy<Value = String> {
    (date(), any::<bool>(), 0u32..=96, digits(3)).prop_map(|((y, m, d), w, place, n)| {
        let sex = match (y >= 2000, w) {
            (false, false) => 1,
            (false, true) => 2,
            (true, false) => 3,
            (true, true) => 4,
        };
        let mut p = Vec::new();
        p.extend(two(y % 100));
        p.extend(two(m));
        p.extend(two(d));
        p.push(sex);
        p.extend(two(place));
        p.extend(&n);
        let c = (11 - dot(&p, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10;
        p.push(c);
        format!("{}-{}", s(&p[..6]), s(&p[6..]))
    })
}

/// SG: S/T/F/G, seven digits, check letter from (Σ 2-7-6-5-4-3-2 + 4 for T and G) mod 11.
fn sg() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!['S', 'T', 'F', 'G']), digits(7)).prop_map(|(pre, p)| {
        let offset = if pre == 'T' || pre == 'G' { 4 } else { 0 };
        let r = (dot(&p, &[2, 7, 6, 5, 4, 3, 2]) + offset) % 11;
        let table = if pre == 'S' || pre == 'T' {
            "JZIHGFEDCBA"
        } else {
            "XWUTRQPNMLK"
        };
        format!("{}{}{}", pre, s(&p), table.chars().nth(r as usize).unwrap())
    })
}

/// AU TFN: eight digits and a ninth such that Σ 1-4-3-7-5-8-6-9-10 ≡ 0 mod 11.
fn tfn() -> impl Strategy<Value = Option<String>> {
    digits(8).prop_map(|p| {
        (0..10).find_map(|c| {
            let mut q = p.clone();
            q.push(c);
            dot(&q, &[1, 4, 3, 7, 5, 8, 6, 9, 10])
                .is_multiple_of(11)
                .then(|| s(&q))
        })
    })
}

/// AU Medicare: first digit 2-6, seven digits, check Σ 1-3-7-9-1-3-7-9 mod 10, issue 1-9.
fn medicare() -> impl Strategy<Value = String> {
    (2u32..=6, digits(7), 1u32..=9).prop_map(|(f, rest, issue)| {
        let mut p = vec![f];
        p.extend(&rest);
        let c = dot(&p, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10;
        format!("{} {}{} {}", s(&p[..4]), s(&p[4..]), c, issue)
    })
}

/// ZA: YYMMDD, four digits, citizenship 0/1, a digit, Luhn.
fn za() -> impl Strategy<Value = String> {
    (date(), digits(4), 0u32..=1, 0u32..10).prop_map(|((y, m, d), g, cit, a)| {
        let mut p = Vec::new();
        p.extend(two(y % 100));
        p.extend(two(m));
        p.extend(two(d));
        p.extend(&g);
        p.push(cit);
        p.push(a);
        let c = luhn_digit(&p);
        p.push(c);
        s(&p)
    })
}

/// TR: first digit 1-9, eight digits, d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10,
/// d11 = (d1 + … + d10) mod 10.
fn tr() -> impl Strategy<Value = String> {
    (1u32..10, digits(8)).prop_map(|(f, rest)| {
        let mut p = vec![f];
        p.extend(&rest);
        let odd = p[0] + p[2] + p[4] + p[6] + p[8];
        let even = p[1] + p[3] + p[5] + p[7];
        let d10 = ((odd * 7) as i64 - even as i64).rem_euclid(10) as u32;
        p.push(d10);
        let d11 = p.iter().sum::<u32>() % 10;
        p.push(d11);
        s(&p)
    })
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_numbers_with_dates_validate(
        se in se(), no in no(), dk in dk(), fi in fi(), is in is(), pesel in pesel(),
        rc in rc(), ro in ro(), bg in bg(), emso in emso(), ee in ee(), lv in lv(),
        amka in amka(), be in be(), lu in lu(),
    ) {
        accept(Id::SePersonnummer, &se)?;
        if let Some(no) = no { accept(Id::NoFodselsnummer, &no)?; }
        accept(Id::DkCpr, &dk)?;
        accept(Id::FiHetu, &fi)?;
        accept(Id::FiHetu, &fi.to_lowercase())?;
        if let Some(is) = is { accept(Id::IsKennitala, &is)?; }
        accept(Id::PlPesel, &pesel)?;
        accept(Id::CzRodneCislo, &rc)?;
        accept(Id::SkRodneCislo, &rc.replace('/', ""))?;
        accept(Id::RoCnp, &ro)?;
        accept(Id::BgEgn, &bg)?;
        if let Some(emso) = emso { accept(Id::SiEmso, &emso)?; }
        accept(Id::EeIsikukood, &ee)?;
        accept(Id::LtAsmensKodas, &ee)?;
        if let Some(lv) = lv { accept(Id::LvPersonasKods, &lv)?; }
        accept(Id::GrAmka, &amka)?;
        accept(Id::BeRijksregister, &be)?;
        accept(Id::LuMatricule, &lu)?;
    }

    #[test]
    fn generated_numbers_without_dates_validate(
        nip in nip(), hu in hu(), oib in oib(), afm in afm(), nif in nif(), cc in cc(),
        pps in pps(), at in at(), ahv in ahv(), cy in cy(), sin in sin(), cpf in cpf(),
        cuil in cuil(), aadhaar in aadhaar(), my in my_number(), sg in sg(), tfn in tfn(),
        medicare in medicare(), tr in tr(),
    ) {
        if let Some(nip) = nip { accept(Id::PlNip, &nip)?; }
        if let Some(hu) = hu { accept(Id::HuAdoazonosito, &hu)?; }
        accept(Id::HrOib, &oib)?;
        accept(Id::GrAfm, &afm)?;
        accept(Id::PtNif, &nif)?;
        accept(Id::PtCartaoCidadao, &cc)?;
        accept(Id::PtCartaoCidadao, &cc.to_lowercase())?;
        accept(Id::IePps, &pps)?;
        accept(Id::IePps, &pps.to_lowercase())?;
        if let Some(at) = at { accept(Id::AtSvnr, &at)?; }
        accept(Id::ChAhv, &ahv)?;
        accept(Id::CyTin, &cy)?;
        accept(Id::CaSin, &sin)?;
        accept(Id::BrCpf, &cpf)?;
        if let Some(cuil) = cuil { accept(Id::ArCuil, &cuil)?; }
        if let Some(aadhaar) = aadhaar { accept(Id::InAadhaar, &aadhaar)?; }
        accept(Id::JpMyNumber, &my)?;
        accept(Id::SgNric, &sg)?;
        accept(Id::SgNric, &sg.to_lowercase())?;
        if let Some(tfn) = tfn { accept(Id::AuTfn, &tfn)?; }
        accept(Id::AuMedicare, &medicare)?;
        accept(Id::TrTckimlik, &tr)?;
    }

    #[test]
    fn generated_numbers_with_letters_validate(curp in curp(), cn in cn(), kr in kr(), za in za()) {
        accept(Id::MxCurp, &curp)?;
        accept(Id::MxCurp, &curp.to_lowercase())?;
        accept(Id::CnRic, &cn)?;
        accept(Id::CnRic, &cn.to_lowercase())?;
        accept(Id::KrRrn, &kr)?;
        accept(Id::ZaIdnr, &za)?;
    }

    /// Luhn, Verhoeff, ISO 7064, mod-23/31 and the mod-11 schemes whose weights are all non-zero
    /// modulo 11 and that never issue a remainder of 10 detect every single-digit error. (Not
    /// here: schemes that fold a remainder of 10 onto 0 or 1 — BG, CZ/SK, EE/LT, LV, RO, SI,
    /// GR AFM, PT NIF, JP, KR, BR, CURP's weight 10 — and BE, where a changed digit can make
    /// the number valid for the other century.)
    #[test]
    fn one_changed_digit_is_rejected((id, v) in detecting()) {
        for m in one_digit_changes(&v) {
            prop_assert!(!national::check(id, &m), "{:?} accepts {} (from {})", id, m, v);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(v in any::<String>()) {
        exercise(&v);
    }

    #[test]
    fn digit_soup_never_panics(v in "[0-9A-Za-z +./\\-&\u{0}-\u{1f}\u{a0}é٣１🦀]{0,40}") {
        exercise(&v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// 10 kB strings of any characters.
    #[test]
    fn long_strings_never_panic(c in any::<char>(), n in 2_500usize..10_000) {
        let v: String = std::iter::repeat_n(c, n).collect();
        let v: String = v.chars().take(10_000).collect();
        exercise(&v);
        exercise(&format!("8803200016{v}"));
    }
}

fn exercise(v: &str) {
    for id in Id::all() {
        let _ = national::check(id, v);
        let validator = Validator::National(id);
        let _ = validator.check(v, Mode::Strict, "");
        let _ = validator.near_miss(v);
    }
    let _ = national::strong_match(v);
}

#[test]
fn every_scheme_has_a_generator_or_is_checkless() {
    // Schemes without a check digit: only their form and date, which the unit tests cover.
    let checkless = [
        Id::DkCpr,
        Id::LiPeid,
        Id::MtIdCard,
        Id::UsItin,
        Id::MxRfc,
        Id::ArDni,
        Id::InPan,
    ];
    for id in Id::all() {
        assert_eq!(id.has_check(), !checkless.contains(&id), "{id:?}");
    }
    assert_eq!(Id::all().count(), 46);
}
