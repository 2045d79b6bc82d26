//! Per-scheme examples: published numbers pass, one-digit changes fail, typed forms are read.

use super::*;

/// Published examples per scheme (authority documents or python-stdnum's tests), in the forms
/// people write them.
const VALID: &[(Id, &[&str])] = &[
    (
        Id::SePersonnummer,
        &[
            "880320-0016",
            "8803200016",
            "19880320-0016",
            "670919-9530",
            "811228-9874",
        ],
    ),
    (
        Id::NoFodselsnummer,
        &[
            "15108695088",
            "151086 95088",
            "10048745364",
            "18-06-15-92527",
        ],
    ),
    (Id::DkCpr, &["211062-5629", "2110625629"]),
    (
        Id::FiHetu,
        &[
            "131052-308T",
            "131052+308T",
            "131052-308t",
            "010594Y9032",
            "020502E902X",
        ],
    ),
    (Id::IsKennitala, &["120174-3399", "1201743399"]),
    (Id::PlPesel, &["44051401458", "02070803628", "44051401359"]),
    (Id::PlNip, &["123-456-32-18", "8567346215", "5260250274"]),
    (
        Id::CzRodneCislo,
        &["710319/2745", "7103192745", "8801251680", "991231123"],
    ),
    (Id::SkRodneCislo, &["710319/2745", "8801251680"]),
    (Id::HuAdoazonosito, &["8071592153"]),
    (Id::RoCnp, &["1630615123457", "1800101221144"]),
    (
        Id::BgEgn,
        &["7523169263", "752316 926 3", "8032056031", "0010100100"],
    ),
    (Id::HrOib, &["33392005961", "69435151530", "94577403194"]),
    (
        Id::SiEmso,
        &["0101006500006", "1211981500126", "1508995500237"],
    ),
    (
        Id::EeIsikukood,
        &["36805280109", "49403136526", "37605030299"],
    ),
    (
        Id::LvPersonasKods,
        &["161175-19997", "16117519997", "328673-00679"],
    ),
    (
        Id::LtAsmensKodas,
        &["33309240064", "35002125431", "48504140959"],
    ),
    (Id::GrAmka, &["01013099997", "01015734500", "01017902501"]),
    (Id::GrAfm, &["094259216"]),
    (
        Id::BeRijksregister,
        &["85073003328", "85.07.30-033.28", "17073003384"],
    ),
    (Id::LuMatricule, &["1983010112374", "1983 0101 123 74"]),
    (Id::PtNif, &["123456789", "123 456 789"]),
    (
        Id::PtCartaoCidadao,
        &[
            "00000000 0 ZZ4",
            "054546796ZY7",
            "04521224 4 ZZ 7",
            "101490801zy0",
        ],
    ),
    (
        Id::IePps,
        &[
            "6433435F",
            "6433435FT",
            "6433435OA",
            "1234567FA",
            "6433435f",
        ],
    ),
    (Id::AtSvnr, &["1237010180", "1237 010180"]),
    (
        Id::ChAhv,
        &["756.9217.0769.85", "7569217076985", "756 9217 0769 85"],
    ),
    (Id::LiPeid, &["1234567", "00001234567"]),
    (Id::MtIdCard, &["1234567M", "0012345G", "789A"]),
    (Id::CyTin, &["10259033P", "10259033-P"]),
    (Id::UsItin, &["912-90-3456", "912903456"]),
    (Id::CaSin, &["130 692 544", "130-692-544", "130692544"]),
    (
        Id::MxCurp,
        &[
            "BOXW310820HNERXN09",
            "AAMG890608HDFLJL00",
            "boxw310820hnerxn09",
        ],
    ),
    (
        Id::MxRfc,
        &["GODE561231GR8", "gode 561231 gr8", "BOXW310820L44"],
    ),
    (
        Id::BrCpf,
        &[
            "390.533.447-05",
            "39053344705",
            "111.444.777-35",
            "529.982.247-25",
        ],
    ),
    (Id::ArDni, &["20.123.456", "20123456"]),
    (Id::ArCuil, &["20-05536168-2", "20055361682"]),
    (
        Id::InAadhaar,
        &["234123412346", "9999 4105 7058", "499118665246"],
    ),
    (Id::InPan, &["ACUPA7085R", "acupa7085r"]),
    (
        Id::CnRic,
        &[
            "360426199101010071",
            "44011320141005001x",
            "44011320141005001X",
        ],
    ),
    (
        Id::JpMyNumber,
        &["6214 9832 0257", "621498320257", "123456789018"],
    ),
    (
        Id::KrRrn,
        &["971013-9019902", "741213-6670511", "7503131852815"],
    ),
    (
        Id::SgNric,
        &[
            "S1234567D",
            "T0000001E",
            "F1234567N",
            "s1234567d",
            "G5001234X",
        ],
    ),
    (Id::AuTfn, &["123 456 782", "123456782", "112474082"]),
    (
        Id::AuMedicare,
        &["2123 45670 1", "2123456701", "21234567011"],
    ),
    (
        Id::ZaIdnr,
        &["7503305044089", "750330 5044 08 9", "5306060050180"],
    ),
    (
        Id::TrTckimlik,
        &["17291716060", "10010405214", "10036951702"],
    ),
];

#[test]
fn every_scheme_has_published_examples() {
    for id in Id::all() {
        assert!(
            VALID.iter().any(|(k, _)| *k == id),
            "{id:?} has no examples here"
        );
    }
}

#[test]
fn published_examples_pass() {
    let mut bad = Vec::new();
    for (id, list) in VALID {
        for v in *list {
            if !check(*id, v) {
                bad.push(format!("{id:?}: {v:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "rejected: {}", bad.join(", "));
}

/// Where the check digit (or letter) sits in the compact form: the last character except in
/// the Austrian number (fourth digit).
fn check_position(id: Id, compact_len: usize) -> Option<usize> {
    match id {
        Id::AtSvnr => Some(3),
        Id::AuMedicare => Some(8),
        // The last digit of a kennitala is the century; the check digit is before it.
        Id::IsKennitala => Some(8),
        Id::CzRodneCislo | Id::SkRodneCislo if compact_len == 9 => None,
        id if !id.has_check() => None,
        Id::IePps if compact_len == 9 => Some(7),
        _ => compact_len.checked_sub(1),
    }
}

#[test]
fn another_check_digit_fails() {
    let mut bad = Vec::new();
    for (id, list) in VALID {
        for v in *list {
            let compact: Vec<u8> = v
                .bytes()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_uppercase())
                .collect();
            let Some(pos) = check_position(*id, compact.len()) else {
                continue;
            };
            let alphabet: &[u8] = if compact[pos].is_ascii_digit() && *id != Id::CnRic {
                b"0123456789"
            } else {
                b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            };
            for &c in alphabet {
                if c == compact[pos] {
                    continue;
                }
                let mut m = compact.clone();
                m[pos] = c;
                let m = String::from_utf8(m).expect("ascii");
                if check(*id, &m) {
                    bad.push(format!("{id:?}: {m} (from {v})"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "accepted: {}", bad.join(", "));
}

#[test]
fn one_digit_changes_fail_where_the_check_detects_them() {
    // Schemes whose published check detects every single-digit error (see tests/national_ids.rs
    // for why the others do not).
    let detecting = [
        Id::SePersonnummer,
        Id::NoFodselsnummer,
        Id::FiHetu,
        Id::PlPesel,
        Id::PlNip,
        Id::HuAdoazonosito,
        Id::HrOib,
        Id::GrAmka,
        Id::BeRijksregister,
        Id::LuMatricule,
        Id::IePps,
        Id::AtSvnr,
        Id::ChAhv,
        Id::CyTin,
        Id::CaSin,
        Id::InAadhaar,
        Id::CnRic,
        Id::SgNric,
        Id::AuTfn,
        Id::ZaIdnr,
        Id::TrTckimlik,
    ];
    let mut bad = Vec::new();
    for (id, list) in VALID.iter().filter(|(id, _)| detecting.contains(id)) {
        for v in *list {
            let b = v.as_bytes();
            // A twelve-digit personnummer writes the century outside the Luhn check.
            let skip = if *id == Id::SePersonnummer && b.len() >= 12 {
                2
            } else {
                0
            };
            for (i, &c) in b.iter().enumerate().skip(skip) {
                if !c.is_ascii_digit() {
                    continue;
                }
                for d in b'0'..=b'9' {
                    if d == c {
                        continue;
                    }
                    let mut m = b.to_vec();
                    m[i] = d;
                    let m = String::from_utf8(m).expect("ascii");
                    if check(*id, &m) {
                        bad.push(format!("{id:?}: {m} (from {v})"));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "accepted: {}", bad.join(", "));
}

#[test]
fn impossible_dates_fail() {
    for (id, v) in [
        (Id::SePersonnummer, "880230-0014"),
        (Id::NoFodselsnummer, "32108695088"),
        (Id::DkCpr, "290201-0001"), // 1901 was no leap year
        (Id::DkCpr, "3104624017"),
        (Id::FiHetu, "310252-308T"),
        (Id::PlPesel, "44053201458"),
        (Id::CzRodneCislo, "7113192745"),
        (Id::BgEgn, "7533169263"),
        (Id::EeIsikukood, "36813280109"),
        (Id::BeRijksregister, "85073103328"),
        (Id::LuMatricule, "1983130112374"),
        (Id::MxCurp, "BOXW311320HNERXN09"),
        (Id::MxRfc, "GODE561331GR8"),
        (Id::CnRic, "360426199113010071"),
        (Id::KrRrn, "971313-9019902"),
        (Id::ZaIdnr, "7513305044086"),
    ] {
        assert!(!check(id, v), "{id:?} {v}");
    }
}

#[test]
fn future_birth_dates_fail() {
    // Estonian century digit 7 is the 2100s; a Polish month 41-52 is 2100-2199.
    assert!(!check(Id::EeIsikukood, "76805280104"));
    assert!(!check(Id::PlPesel, "44451401454"));
}

#[test]
fn centuries_follow_the_numbers_rules() {
    // Danish seventh digit 4 with year 36 is 2036 (future), with year 37 it is 1937.
    assert!(!check(Id::DkCpr, "0101364000"));
    assert!(check(Id::DkCpr, "0101374000"));
    // Czech nine-digit numbers end in 1953.
    assert!(check(Id::CzRodneCislo, "530101123"));
    assert!(!check(Id::CzRodneCislo, "540101123"));
    // Month + 20 in a rodné číslo only since 2004.
    assert!(!check(Id::CzRodneCislo, "0321010009"));
}

#[test]
fn wrong_lengths_and_forms_fail() {
    for (id, list) in VALID {
        for v in *list {
            let longer = format!("{v}1");
            let shorter: String = v
                .chars()
                .take(v.chars().count().saturating_sub(2))
                .collect();
            if matches!(
                id,
                Id::LiPeid | Id::MtIdCard | Id::ArDni | Id::AuTfn | Id::AuMedicare
            ) {
                continue; // variable length by design
            }
            assert!(!check(*id, &longer), "{id:?} {longer}");
            assert!(!check(*id, &shorter), "{id:?} {shorter}");
        }
    }
}

#[test]
fn garbage_and_unicode_never_panic() {
    let samples = [
        "",
        " ",
        "\0",
        "é",
        "٣٤٥٦٧٨٩٠١٢٣",
        "１２３４５６７８９０１",
        "8803200016é",
        "880320\u{301}0016",
        "\u{202e}8803200016",
        "🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀",
        "ＳＳ1234567D",
        "S1234567Ä",
        "131052-308Ω",
        "----------",
        "++++++++++",
        "&&&&&&&&&&&&&",
        "99999999999999999999999999999999999999",
        "0000000000000",
        "44011320141005001ẋ",
    ];
    let long = "9".repeat(10_000);
    for id in Id::all() {
        for s in samples.iter().copied().chain([long.as_str()]) {
            let _ = check(id, s);
        }
    }
    // Digits outside ASCII are not digits of these numbers.
    assert!(!check(Id::TrTckimlik, "١٧٢٩١٧١٦٠٦٠"));
    assert!(strong_match("🦀").is_none());
}

#[test]
fn names_round_trip() {
    assert_eq!(Id::NAMES.len(), Id::all().count());
    for id in Id::all() {
        assert_eq!(Id::from_name(id.name()), Some(id));
        assert!(regex::Regex::new(shape(id)).is_ok(), "{id:?}");
    }
    assert_eq!(Id::from_name("se_personnummer"), Some(Id::SePersonnummer));
    assert_eq!(Id::from_name("nope"), None);
}

#[test]
fn shapes_cover_the_compact_form_of_every_example() {
    for (id, list) in VALID {
        let re = regex::Regex::new(shape(*id)).expect("shape");
        for v in *list {
            let compact: String = v
                .chars()
                .filter(|c| !" -./".contains(*c))
                .collect::<String>()
                .to_ascii_uppercase();
            assert!(re.is_match(&compact), "{id:?}: {compact}");
        }
    }
}

#[test]
fn strong_match_tells_identity_numbers_from_phones() {
    assert_eq!(strong_match("880320-0016"), Some(Id::SePersonnummer));
    assert_eq!(strong_match("756.9217.0769.85"), Some(Id::ChAhv));
    assert_eq!(strong_match("S1234567D"), Some(Id::SgNric));
    // Schemes without a check are never the answer.
    assert_eq!(strong_match("GODE561231GR8"), None);
    assert_eq!(strong_match("ACUPA7085R"), None);
    assert_eq!(strong_match("530101123"), None);
    assert_eq!(strong_match("hello"), None);
}

#[test]
fn helpers_match_their_standards() {
    // ISO 7064 MOD 11,10: the Steuer-ID example 86095742719 and the OIB 33392005961.
    let d = |s: &str| s.bytes().map(|b| u32::from(b - b'0')).collect::<Vec<_>>();
    assert_eq!(iso7064_mod11_10(&d("8609574271")), 9);
    assert_eq!(iso7064_mod11_10(&d("3339200596")), 1);
    // ISO 7064 MOD 11-2: ISO's example 079 → X; GB 11643 example.
    assert_eq!(iso7064_mod11_2(&d("079")), 10);
    assert_eq!(iso7064_mod11_2(&d("36042619910101007")), 1);
    // Verhoeff: 236 → 3.
    assert_eq!(verhoeff_digit(&d("236")), 3);
    assert!(verhoeff(&d("2363")));
    assert!(!verhoeff(&d("2364")));
    assert!(luhn(&d("79927398713")));
    assert!(!luhn(&d("79927398710")));
}

// ---------------------------------------------------------------------------------------------
// Columns: identity numbers found by value, look-alikes not

fn column_verdict(
    column: &str,
    class: crate::model::TypeClass,
    values: &[String],
) -> Option<String> {
    let set = crate::rules::RuleSet::builtin().expect("built-in rules");
    let mut a = crate::classify::ColumnAnalyzer::new(&set, "records", column, class);
    for v in values {
        a.observe(v);
    }
    a.verdict().map(|v| format!("{} {}", v.rule_id, v.category))
}

/// Which national rule (if any) claims a column of `values` named `c1`.
fn national_claim(values: &[String]) -> Option<String> {
    column_verdict("c1", crate::model::TypeClass::Text, values)
        .filter(|v| v.ends_with("national_id") || v.ends_with("tax_id"))
}

fn random_digits(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

/// Luhn check digit for a digit string (test-local).
fn luhn_complete(payload: &str) -> String {
    let mut sum = 0;
    for (i, c) in payload.bytes().rev().enumerate() {
        let mut x = u32::from(c - b'0');
        if i % 2 == 0 {
            x *= 2;
            if x > 9 {
                x -= 9;
            }
        }
        sum += x;
    }
    format!("{payload}{}", (10 - sum % 10) % 10)
}

#[test]
fn identity_numbers_are_found_by_value_alone() {
    let se: Vec<String> = VALID[0]
        .1
        .iter()
        .cycle()
        .take(60)
        .map(|s| s.to_string())
        .collect();
    let got = national_claim(&se);
    assert!(
        got.as_deref()
            .is_some_and(|g| g.starts_with("se_personnummer")),
        "{got:?}"
    );
    let ahv: Vec<String> = ["756.9217.0769.85", "7569217076985"]
        .iter()
        .cycle()
        .take(40)
        .map(|s| s.to_string())
        .collect();
    let got = national_claim(&ahv);
    assert!(
        got.as_deref().is_some_and(|g| g.starts_with("ch_ahv")),
        "{got:?}"
    );
}

#[test]
fn look_alike_columns_are_not_identity_numbers() {
    let mut rng = fastrand::Rng::with_seed(7);
    let columns: Vec<(&str, Vec<String>)> = vec![
        // Card numbers: 16 digits passing Luhn.
        (
            "cards",
            (0..200)
                .map(|_| luhn_complete(&format!("4{}", random_digits(&mut rng, 14))))
                .collect(),
        ),
        // EAN-13 barcodes with a valid check digit.
        (
            "ean13",
            (0..200)
                .map(|_| {
                    let p = format!("40{}", random_digits(&mut rng, 10));
                    let s: u32 = p
                        .bytes()
                        .enumerate()
                        .map(|(i, c)| u32::from(c - b'0') * if i % 2 == 0 { 1 } else { 3 })
                        .sum();
                    format!("{p}{}", (10 - s % 10) % 10)
                })
                .collect(),
        ),
        // Mobile numbers without separators (DE, SE, US, IN, BR).
        (
            "phones",
            (0..200)
                .map(|i| match i % 5 {
                    0 => format!("0151{}", random_digits(&mut rng, 7)),
                    1 => format!("07{}", random_digits(&mut rng, 8)),
                    2 => format!("415{}", random_digits(&mut rng, 7)),
                    3 => format!("9{}", random_digits(&mut rng, 9)),
                    _ => format!("119{}", random_digits(&mut rng, 8)),
                })
                .collect(),
        ),
        // Timestamps and dates written as digits.
        (
            "timestamps",
            (0..200)
                .map(|i| {
                    format!(
                        "2024{:02}{:02}{:02}{:02}00",
                        1 + i % 12,
                        1 + i % 28,
                        i % 24,
                        i % 60
                    )
                })
                .collect(),
        ),
        (
            "yyyymmdd",
            (0..200)
                .map(|i| format!("19{:02}{:02}{:02}", 50 + i % 50, 1 + i % 12, 1 + i % 28))
                .collect(),
        ),
        // Sequential ids of every common width.
        (
            "seq9",
            (0..200).map(|i| format!("{}", 100_000_000 + i)).collect(),
        ),
        (
            "seq10",
            (0..200)
                .map(|i| format!("{}", 1_000_000_000 + i * 7))
                .collect(),
        ),
        (
            "seq11",
            (0..200)
                .map(|i| format!("{}", 10_000_000_000u64 + i * 13))
                .collect(),
        ),
        (
            "seq13",
            (0..200)
                .map(|i| format!("{}", 1_700_000_000_000u64 + i * 1000))
                .collect(),
        ),
        // Random digit strings of identity-number lengths.
        (
            "rand10",
            (0..200).map(|_| random_digits(&mut rng, 10)).collect(),
        ),
        (
            "rand11",
            (0..200).map(|_| random_digits(&mut rng, 11)).collect(),
        ),
        (
            "rand12",
            (0..200).map(|_| random_digits(&mut rng, 12)).collect(),
        ),
        (
            "rand13",
            (0..200).map(|_| random_digits(&mut rng, 13)).collect(),
        ),
    ];
    for (what, values) in &columns {
        let got = national_claim(values);
        assert!(got.is_none(), "{what}: claimed as {got:?}");
    }
}

#[test]
fn near_misses_are_the_right_form_with_a_wrong_check() {
    use crate::classify::validate::{Mode, Validator};
    let v = |id| Validator::National(id);
    assert_eq!(Validator::from_name("pl_pesel"), Some(v(Id::PlPesel)));
    assert!(Validator::NAMES.contains(&"tr_tckimlik") && Validator::NAMES.contains(&"email"));
    assert!(v(Id::PlPesel).check("44051401458", Mode::Strict, ""));
    assert!(v(Id::PlPesel).near_miss("44051401459"));
    assert!(v(Id::PlPesel).near_miss("4405 1401 459"));
    assert!(!v(Id::PlPesel).near_miss("44051401458"));
    assert!(!v(Id::PlPesel).near_miss("4405140145"));
    assert!(v(Id::FiHetu).near_miss("131052-308U"));
    assert!(v(Id::ChAhv).near_miss("756.9217.0769.86"));
    assert!(v(Id::SgNric).near_miss("S1234567A"));
    assert!(!v(Id::SgNric).near_miss("hello"));
}
