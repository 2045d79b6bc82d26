//! National identity, social-security and personal tax numbers, one validator per scheme.
//!
//! Each scheme checks the number's published form: its length and alphabet, its check digits
//! (weighted mod-11, Luhn, mod-97, ISO 7064, Verhoeff, ...) and the birth date some numbers
//! embed (a real calendar date in the century the number's rules give, not in the future).
//! Values are accepted as people type them: surrounding space, the separators the scheme is
//! written with (spaces, dashes, dots, slashes) and lower case.
//!
//! Every function here takes arbitrary strings from databases: nothing indexes a string that
//! has not been checked to be ASCII, and nothing panics.
//!
//! The rules that use these validators are in `src/rules/national_ids.toml`; docs/national-ids.md
//! lists every scheme with its source.

use chrono::{Datelike, NaiveDate, Utc};

/// One national number scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Id {
    /// Sweden: personnummer / samordningsnummer (date, Luhn).
    SePersonnummer,
    /// Norway: fødselsnummer / D-nummer (date, two mod-11 digits).
    NoFodselsnummer,
    /// Denmark: CPR-nummer (date and century digit; no check digit since 2007).
    DkCpr,
    /// Finland: henkilötunnus (date, century sign, mod-31 check character).
    FiHetu,
    /// Iceland: kennitala (date, century digit, mod-11).
    IsKennitala,
    /// Poland: PESEL (date with century in the month, mod-10).
    PlPesel,
    /// Poland: NIP tax number (mod-11).
    PlNip,
    /// Czechia: rodné číslo (date, mod-11 for ten-digit numbers).
    CzRodneCislo,
    /// Slovakia: rodné číslo (same rules as Czechia).
    SkRodneCislo,
    /// Hungary: adóazonosító jel, personal tax number (days since 1867, weighted mod-11).
    HuAdoazonosito,
    /// Romania: cod numeric personal (date, county, weighted mod-11).
    RoCnp,
    /// Bulgaria: ЕГН (date with century in the month, weighted mod-11).
    BgEgn,
    /// Croatia: OIB (ISO 7064 MOD 11,10).
    HrOib,
    /// Slovenia: EMŠO (date, weighted mod-11).
    SiEmso,
    /// Estonia: isikukood (century digit, date, two-stage mod-11).
    EeIsikukood,
    /// Latvia: personas kods (date and century digit, or `32…` without date; mod-11).
    LvPersonasKods,
    /// Lithuania: asmens kodas (as Estonia).
    LtAsmensKodas,
    /// Greece: AMKA social security number (date, Luhn).
    GrAmka,
    /// Greece: ΑΦΜ tax number (powers-of-two mod-11).
    GrAfm,
    /// Belgium: rijksregisternummer / numéro de registre national (date, mod-97).
    BeRijksregister,
    /// Luxembourg: matricule, numéro d'identification national (date, Luhn and Verhoeff).
    LuMatricule,
    /// Portugal: NIF of a person (mod-11).
    PtNif,
    /// Portugal: Cartão de Cidadão document number (mod-10 over letters and digits).
    PtCartaoCidadao,
    /// Ireland: PPS number (mod-23 check letter).
    IePps,
    /// Austria: Sozialversicherungsnummer (weighted mod-11 in the fourth digit).
    AtSvnr,
    /// Switzerland: AHV/AVS number (756, EAN-13).
    ChAhv,
    /// Liechtenstein: PEID (no check digit).
    LiPeid,
    /// Malta: identity card number (digits and a letter; no check digit).
    MtIdCard,
    /// Cyprus: tax identification code (check letter).
    CyTin,
    /// US: ITIN (9xx-[70-88…]-xxxx; no check digit).
    UsItin,
    /// Canada: Social Insurance Number (Luhn).
    CaSin,
    /// Mexico: CURP (date, state, mod-10 over letters and digits).
    MxCurp,
    /// Mexico: RFC of a person (letters, date, homoclave; no reliable check digit).
    MxRfc,
    /// Brazil: CPF (two mod-11 digits).
    BrCpf,
    /// Argentina: DNI (7 or 8 digits; no check digit).
    ArDni,
    /// Argentina: CUIL/CUIT of a person (prefix 20/23/24/27, mod-11).
    ArCuil,
    /// India: Aadhaar (Verhoeff).
    InAadhaar,
    /// India: PAN (format only).
    InPan,
    /// China: resident identity card number (date, ISO 7064 MOD 11-2).
    CnRic,
    /// Japan: My Number, individual number (mod-11).
    JpMyNumber,
    /// South Korea: resident registration number (date, century digit, mod-11).
    KrRrn,
    /// Singapore: NRIC / FIN (check letter).
    SgNric,
    /// Australia: tax file number (weighted mod-11).
    AuTfn,
    /// Australia: Medicare card number (weighted mod-10).
    AuMedicare,
    /// South Africa: identity number (date, citizenship digit, Luhn).
    ZaIdnr,
    /// Turkey: T.C. Kimlik No. (two mod-10 digits).
    TrTckimlik,
}

/// Every scheme with its validator name, in the order `strong_match` tries them.
const TABLE: &[(Id, &str)] = &[
    (Id::SePersonnummer, "se_personnummer"),
    (Id::NoFodselsnummer, "no_fodselsnummer"),
    (Id::DkCpr, "dk_cpr"),
    (Id::FiHetu, "fi_hetu"),
    (Id::IsKennitala, "is_kennitala"),
    (Id::PlPesel, "pl_pesel"),
    (Id::PlNip, "pl_nip"),
    (Id::CzRodneCislo, "cz_rodne_cislo"),
    (Id::SkRodneCislo, "sk_rodne_cislo"),
    (Id::HuAdoazonosito, "hu_adoazonosito"),
    (Id::RoCnp, "ro_cnp"),
    (Id::BgEgn, "bg_egn"),
    (Id::HrOib, "hr_oib"),
    (Id::SiEmso, "si_emso"),
    (Id::EeIsikukood, "ee_isikukood"),
    (Id::LvPersonasKods, "lv_personas_kods"),
    (Id::LtAsmensKodas, "lt_asmens_kodas"),
    (Id::GrAmka, "gr_amka"),
    (Id::GrAfm, "gr_afm"),
    (Id::BeRijksregister, "be_rijksregister"),
    (Id::LuMatricule, "lu_matricule"),
    (Id::PtNif, "pt_nif"),
    (Id::PtCartaoCidadao, "pt_cartao_cidadao"),
    (Id::IePps, "ie_pps"),
    (Id::AtSvnr, "at_svnr"),
    (Id::ChAhv, "ch_ahv"),
    (Id::LiPeid, "li_peid"),
    (Id::MtIdCard, "mt_id_card"),
    (Id::CyTin, "cy_tin"),
    (Id::UsItin, "us_itin"),
    (Id::CaSin, "ca_sin"),
    (Id::MxCurp, "mx_curp"),
    (Id::MxRfc, "mx_rfc"),
    (Id::BrCpf, "br_cpf"),
    (Id::ArDni, "ar_dni"),
    (Id::ArCuil, "ar_cuil"),
    (Id::InAadhaar, "in_aadhaar"),
    (Id::InPan, "in_pan"),
    (Id::CnRic, "cn_ric"),
    (Id::JpMyNumber, "jp_my_number"),
    (Id::KrRrn, "kr_rrn"),
    (Id::SgNric, "sg_nric"),
    (Id::AuTfn, "au_tfn"),
    (Id::AuMedicare, "au_medicare"),
    (Id::ZaIdnr, "za_idnr"),
    (Id::TrTckimlik, "tr_tckimlik"),
];

/// Validator names, in the order of [`TABLE`].
const NAME_LIST: [&str; TABLE.len()] = {
    let mut out = [""; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        out[i] = TABLE[i].1;
        i += 1;
    }
    out
};

impl Id {
    /// Every scheme's validator name (as rule files write it).
    pub const NAMES: &'static [&'static str] = &NAME_LIST;

    /// Every scheme.
    pub fn all() -> impl Iterator<Item = Id> {
        TABLE.iter().map(|(id, _)| *id)
    }

    /// Look a scheme up by its validator name.
    pub fn from_name(name: &str) -> Option<Id> {
        TABLE.iter().find(|(_, n)| *n == name).map(|(id, _)| *id)
    }

    /// The validator name.
    pub fn name(self) -> &'static str {
        TABLE
            .iter()
            .find(|(id, _)| *id == self)
            .map_or("", |(_, n)| *n)
    }

    /// Whether the scheme has a check digit (or check letter) that a value must pass.
    pub fn has_check(self) -> bool {
        !matches!(
            self,
            Id::DkCpr | Id::LiPeid | Id::MtIdCard | Id::UsItin | Id::MxRfc | Id::ArDni | Id::InPan
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// Longest value any scheme is written in, with separators.
const MAX_LEN: usize = 40;

/// The value without surrounding space and without the separator characters in `seps`, in
/// upper case; `None` unless what is left is ASCII letters and digits only.
fn clean(v: &str, seps: &str) -> Option<String> {
    clean_keep(v, seps, "")
}

/// As [`clean`], also keeping the ASCII characters in `keep` (`-` in a Finnish number).
fn clean_keep(v: &str, seps: &str, keep: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() || v.len() > MAX_LEN {
        return None;
    }
    let s: String = v
        .chars()
        .filter(|c| !seps.contains(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || keep.as_bytes().contains(&b)))
    .then_some(s)
}

/// Digit values of an all-digit ASCII string of one of the lengths given.
fn digits_of(s: &str, lens: &[usize]) -> Option<Vec<u32>> {
    (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.bytes().map(|b| u32::from(b - b'0')).collect())
}

/// Clean with `seps`, then the digits if the result is all digits of one of `lens`.
fn digits(v: &str, seps: &str, lens: &[usize]) -> Option<Vec<u32>> {
    digits_of(&clean(v, seps)?, lens)
}

/// Σ wᵢ·dᵢ over the shorter of the two.
fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// A number from consecutive digits.
fn num(d: &[u32]) -> u32 {
    d.iter().fold(0, |a, x| a * 10 + x)
}

/// A number from consecutive digits, as u64.
fn num64(d: &[u32]) -> u64 {
    d.iter().fold(0u64, |a, x| a * 10 + u64::from(*x))
}

/// Luhn (ISO/IEC 7812-1) over a sequence whose last digit is the check digit: the card
/// validator's.
pub use super::validate::luhn;

/// The ISO 7064 MOD 11,10 check digit for a payload.
pub fn iso7064_mod11_10(payload: &[u32]) -> u32 {
    let mut p = 10;
    for &d in payload {
        let mut s = (p + d) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    (11 - p) % 10
}

/// The ISO 7064 MOD 11-2 check character (0–9 or 10 for `X`) for a payload.
pub fn iso7064_mod11_2(payload: &[u32]) -> u32 {
    let mut p = 0;
    for &d in payload {
        p = ((p + d) * 2) % 11;
    }
    (12 - p) % 11
}

/// Verhoeff's dihedral check over a sequence whose last digit is the check digit.
pub fn verhoeff(d: &[u32]) -> bool {
    const MUL: [[u8; 10]; 10] = [
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
    const PERM: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0usize;
    for (i, &x) in d.iter().rev().enumerate() {
        let Some(x) = usize::try_from(x).ok().filter(|x| *x < 10) else {
            return false;
        };
        c = usize::from(MUL[c][usize::from(PERM[i % 8][x])]);
    }
    c == 0
}

/// The Verhoeff check digit for a payload.
pub fn verhoeff_digit(payload: &[u32]) -> u32 {
    let mut d = payload.to_vec();
    d.push(0);
    for c in 0..10 {
        if let Some(last) = d.last_mut() {
            *last = c;
        }
        if verhoeff(&d) {
            return c;
        }
    }
    0
}

/// `n mod 97` of a digit string (any length).
fn mod97(d: &[u32]) -> u32 {
    d.iter().fold(0, |r, x| (r * 10 + x) % 97)
}

/// Whether year, month and day are a real calendar date not after today.
fn birth(year: i32, month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(year, month, day).is_some_and(|d| d <= Utc::now().date_naive())
}

/// Whether a two-digit year with month and day is a real past date in one of `centuries`.
fn birth_in_any(centuries: &[i32], yy: u32, month: u32, day: u32) -> bool {
    let Ok(yy) = i32::try_from(yy) else {
        return false;
    };
    centuries.iter().any(|c| birth(c + yy, month, day))
}

/// `YYMMDD` digits with the century from 19xx or 20xx, the most recent that is not in the
/// future (for numbers whose rules give no century).
fn yymmdd_recent(d: &[u32]) -> bool {
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let this = i32::try_from(yy).unwrap_or(0);
    let now = Utc::now().date_naive().year();
    let year = if 2000 + this <= now {
        2000 + this
    } else {
        1900 + this
    };
    birth(year, mm, dd)
}

/// `DDMMYY` digits: day, month and two-digit year.
fn ddmmyy(d: &[u32]) -> (u32, u32, u32) {
    (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]))
}

/// Check character of ISO 7064-like letter alphabets: index of `c` in `alphabet`.
fn index_in(alphabet: &str, c: u8) -> Option<u32> {
    alphabet
        .bytes()
        .position(|a| a == c)
        .and_then(|i| u32::try_from(i).ok())
}

/// Separators most numbers are written with.
const SEPS: &str = " -./\u{a0}";

// ---------------------------------------------------------------------------------------------
// The schemes

/// Whether `v` is a valid number of scheme `id`.
pub fn check(id: Id, v: &str) -> bool {
    use Id::*;
    match id {
        SePersonnummer => se_personnummer(v),
        NoFodselsnummer => no_fodselsnummer(v),
        DkCpr => dk_cpr(v),
        FiHetu => fi_hetu(v),
        IsKennitala => is_kennitala(v),
        PlPesel => pl_pesel(v),
        PlNip => pl_nip(v),
        CzRodneCislo | SkRodneCislo => rodne_cislo(v),
        HuAdoazonosito => hu_adoazonosito(v),
        RoCnp => ro_cnp(v),
        BgEgn => bg_egn(v),
        HrOib => digits(v, SEPS, &[11]).is_some_and(|d| iso7064_mod11_10(&d[..10]) == d[10]),
        SiEmso => si_emso(v),
        EeIsikukood => ee_isikukood(v, false),
        LvPersonasKods => lv_personas_kods(v),
        LtAsmensKodas => ee_isikukood(v, true),
        GrAmka => digits(v, SEPS, &[11]).is_some_and(|d| {
            let (dd, mm, yy) = ddmmyy(&d);
            luhn(&d) && birth_in_any(&[1900, 2000], yy, mm, dd)
        }),
        GrAfm => gr_afm(v),
        BeRijksregister => be_rijksregister(v),
        LuMatricule => lu_matricule(v),
        PtNif => pt_nif(v),
        PtCartaoCidadao => pt_cartao_cidadao(v),
        IePps => ie_pps(v),
        AtSvnr => at_svnr(v),
        // The EAN-13 (GS1) check digit, as on a barcode.
        ChAhv => digits(v, SEPS, &[13])
            .is_some_and(|d| num(&d[0..3]) == 756 && super::validate::gs1_check(&d)),
        LiPeid => clean(v, " .").is_some_and(|s| {
            let t = s.trim_start_matches('0');
            (4..=12).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        }),
        MtIdCard => mt_id_card(v),
        CyTin => cy_tin(v),
        UsItin => digits(v, " -", &[9]).is_some_and(|d| {
            let g = num(&d[3..5]);
            d[0] == 9
                && ((50..=65).contains(&g)
                    || (70..=88).contains(&g)
                    || (90..=92).contains(&g)
                    || (94..=99).contains(&g))
        }),
        CaSin => digits(v, " -", &[9]).is_some_and(|d| d[0] != 0 && d[0] != 8 && luhn(&d)),
        MxCurp => mx_curp(v),
        MxRfc => mx_rfc(v),
        BrCpf => br_cpf(v),
        ArDni => digits(v, " .", &[7, 8]).is_some_and(|d| num(&d) >= 1_000_000),
        ArCuil => ar_cuil(v),
        InAadhaar => digits(v, " -", &[12]).is_some_and(|d| {
            let palindrome = d.iter().eq(d.iter().rev());
            d[0] >= 2 && !palindrome && verhoeff(&d)
        }),
        InPan => clean(v, " ").is_some_and(|s| {
            let b = s.as_bytes();
            b.len() == 10
                && b[..5].iter().all(u8::is_ascii_uppercase)
                && b[5..9].iter().all(u8::is_ascii_digit)
                && &b[5..9] != b"0000"
                && b[9].is_ascii_uppercase()
                && b"ABCFGHLJPTK".contains(&b[3])
        }),
        CnRic => cn_ric(v),
        JpMyNumber => digits(v, " -", &[12]).is_some_and(|d| {
            const W: [u32; 11] = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
            (11 - weighted(&d, &W) % 11) % 11 % 10 == d[11]
        }),
        KrRrn => kr_rrn(v),
        SgNric => sg_nric(v),
        AuTfn => digits(v, " ", &[8, 9]).is_some_and(|d| {
            const W: [u32; 9] = [1, 4, 3, 7, 5, 8, 6, 9, 10];
            weighted(&d, &W).is_multiple_of(11)
        }),
        AuMedicare => digits(v, " ", &[10, 11]).is_some_and(|d| {
            const W: [u32; 8] = [1, 3, 7, 9, 1, 3, 7, 9];
            (2..=6).contains(&d[0]) && weighted(&d[..8], &W) % 10 == d[8] && d[9] != 0
        }),
        ZaIdnr => digits(v, " ", &[13])
            .is_some_and(|d| (d[10] == 0 || d[10] == 1) && yymmdd_recent(&d) && luhn(&d)),
        TrTckimlik => digits(v, " ", &[11]).is_some_and(|d| {
            let odd = d[0] + d[2] + d[4] + d[6] + d[8];
            let even = d[1] + d[3] + d[5] + d[7];
            d[0] != 0
                && (odd * 7 + 10 * 9 - even) % 10 == d[9]
                && d[..10].iter().sum::<u32>() % 10 == d[10]
        }),
    }
}

/// A regex of the scheme's compact form (upper case, separators removed): values of this form
/// that fail [`check`] are near misses (the right form with a wrong check digit or date).
pub fn shape(id: Id) -> &'static str {
    use Id::*;
    match id {
        SePersonnummer => r"^(?:[0-9]{2})?[0-9]{6}\+?[0-9]{4}$",
        NoFodselsnummer | PlPesel | GrAmka | BeRijksregister | HrOib | BrCpf | TrTckimlik => {
            r"^[0-9]{11}$"
        }
        DkCpr | IsKennitala | HuAdoazonosito | BgEgn | AtSvnr => r"^[0-9]{10}$",
        AuMedicare => r"^[0-9]{10,11}$",
        FiHetu => r"^[0-9]{6}[-+A-FU-Y]?[0-9]{3}[0-9A-Y]$",
        PlNip => r"^[0-9]{10}$",
        CzRodneCislo | SkRodneCislo => r"^[0-9]{9,10}$",
        RoCnp | SiEmso | LuMatricule | ChAhv | KrRrn | ZaIdnr => r"^[0-9]{13}$",
        EeIsikukood | LtAsmensKodas | LvPersonasKods | ArCuil => r"^[0-9]{11}$",
        GrAfm | PtNif | UsItin | CaSin => r"^[0-9]{9}$",
        PtCartaoCidadao => r"^[0-9]{9}[A-Z0-9]{2}[0-9]$",
        IePps => r"^[0-9]{7}[A-W][ABHWTX]?$",
        LiPeid => r"^[0-9]{4,12}$",
        MtIdCard => r"^[0-9]{1,7}[MGAPLHBZ]$",
        CyTin => r"^[0-9]{8}[A-Z]$",
        MxCurp => r"^[A-Z]{4}[0-9]{6}[HMX][A-Z]{5}[0-9A-Z][0-9]$",
        MxRfc => r"^[A-Z&]{4}[0-9]{6}[A-Z0-9]{3}$",
        ArDni => r"^[0-9]{7,8}$",
        InAadhaar | JpMyNumber => r"^[0-9]{12}$",
        InPan => r"^[A-Z]{5}[0-9]{4}[A-Z]$",
        CnRic => r"^[0-9]{17}[0-9X]$",
        SgNric => r"^[STFG][0-9]{7}[A-Z]$",
        AuTfn => r"^[0-9]{8,9}$",
    }
}

/// The first scheme with a check digit (or check letter) that `v` passes: tells an identity
/// number from a phone number or an order number. Schemes without a check are never returned.
pub fn strong_match(v: &str) -> Option<Id> {
    Id::all().find(|id| {
        id.has_check()
            && check(*id, v)
            // Nine-digit rodné čísla (before 1954) carry no check digit.
            && !(matches!(id, Id::CzRodneCislo | Id::SkRodneCislo)
                && digits(v, " /", &[9]).is_some())
    })
}

fn se_personnummer(v: &str) -> bool {
    // `+` between date and number: the person is 100 or older (ten-digit form only).
    let plus = v.contains('+');
    let Some(d) = digits(v, " -+", &[10, 12]) else {
        return false;
    };
    let (century, d) = if d.len() == 12 {
        if plus {
            return false;
        }
        // Twelve digits: the century written out (1800s to 2000s).
        match num(&d[0..2]) {
            c @ 18..=20 => (Some(i32::try_from(c * 100).unwrap_or(0)), &d[2..]),
            _ => return false,
        }
    } else {
        (None, &d[..])
    };
    let (yy, mm, mut dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    // Samordningsnummer: day + 60.
    if dd > 60 {
        dd -= 60;
    }
    let date_ok = match century {
        Some(c) => birth(c + i32::try_from(yy).unwrap_or(0), mm, dd),
        None => {
            let now = Utc::now().date_naive();
            let yy = i32::try_from(yy).unwrap_or(0);
            // The most recent year with these two digits, 100 years earlier for `+`.
            let mut year = now.year() - (now.year() - yy).rem_euclid(100);
            if plus {
                year -= 100;
            }
            birth(year, mm, dd) || (!plus && birth(year - 100, mm, dd))
        }
    };
    date_ok && luhn(d)
}

fn no_fodselsnummer(v: &str) -> bool {
    let Some(d) = digits(v, SEPS, &[11]) else {
        return false;
    };
    const K1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const K2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let k1 = (11 - weighted(&d, &K1) % 11) % 11;
    let k2 = (11 - weighted(&d, &K2) % 11) % 11;
    if k1 != d[9] || k2 != d[10] {
        return false;
    }
    let (mut dd, mut mm, yy) = ddmmyy(&d);
    let ind = num(&d[6..9]);
    if dd >= 80 {
        return false;
    }
    if dd > 40 {
        dd -= 40; // D-nummer
    }
    if mm > 40 {
        mm -= 40; // H-nummer
    }
    let century = if ind < 500 {
        1900
    } else if ind < 750 && yy >= 54 {
        1800
    } else if yy < 40 {
        2000
    } else if ind >= 900 {
        1900
    } else {
        return false;
    };
    birth_in_any(&[century], yy, mm, dd)
}

fn dk_cpr(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[10]) else {
        return false;
    };
    let (dd, mm, yy) = ddmmyy(&d);
    // The century from the seventh digit (CPR-kontoret, "Personnummeret i CPR").
    let century = match (d[6], yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (5..=8, 0..=57) => 2000,
        (5..=8, _) => 1800,
        _ => return false,
    };
    birth_in_any(&[century], yy, mm, dd)
}

fn fi_hetu(v: &str) -> bool {
    let Some(t) = clean_keep(v, " ", "-+") else {
        return false;
    };
    let b = t.as_bytes();
    if b.len() != 11 {
        return false;
    }
    let Some(d) = digits_of(&t[..6], &[6]) else {
        return false;
    };
    let Some(z) = digits_of(&t[7..10], &[3]) else {
        return false;
    };
    let century = match b[6] {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A'..=b'F' => 2000,
        _ => return false,
    };
    let (dd, mm, yy) = ddmmyy(&d);
    let serial = num(&z);
    if serial < 2 || !birth_in_any(&[century], yy, mm, dd) {
        return false;
    }
    let n = num(&d) * 1000 + serial;
    let alphabet = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    usize::try_from(n % 31)
        .ok()
        .and_then(|i| alphabet.get(i))
        .is_some_and(|c| *c == b[10])
}

fn is_kennitala(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[10]) else {
        return false;
    };
    const W: [u32; 9] = [3, 2, 7, 6, 5, 4, 3, 2, 1];
    let (dd, mm, yy) = ddmmyy(&d);
    let century = match d[9] {
        9 => 1900,
        0 => 2000,
        8 => 1800,
        _ => return false,
    };
    weighted(&d, &W).is_multiple_of(11) && birth_in_any(&[century], yy, mm, dd)
}

fn pl_pesel(v: &str) -> bool {
    let Some(d) = digits(v, " ", &[11]) else {
        return false;
    };
    const W: [u32; 11] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1];
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let (century, month) = match mm {
        81..=92 => (1800, mm - 80),
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        _ => return false,
    };
    weighted(&d, &W).is_multiple_of(10) && birth_in_any(&[century], yy, month, dd)
}

fn pl_nip(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[10]) else {
        return false;
    };
    const W: [u32; 9] = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    weighted(&d, &W) % 11 == d[9]
}

fn rodne_cislo(v: &str) -> bool {
    let Some(d) = digits(v, " /", &[9, 10]) else {
        return false;
    };
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let (month, extra) = match mm {
        1..=12 => (mm, false),
        51..=62 => (mm - 50, false),
        21..=32 => (mm - 20, true),
        71..=82 => (mm - 70, true),
        _ => return false,
    };
    let year = if d.len() == 9 {
        // Nine digits only before 1954, without check digit.
        match yy {
            0..=53 => 1900 + yy,
            80..=99 => 1800 + yy,
            _ => return false,
        }
    } else if yy < 54 {
        2000 + yy
    } else {
        1900 + yy
    };
    // Months + 20 only since 2004, when a day's serials ran out.
    if extra && year < 2004 {
        return false;
    }
    if !birth(i32::try_from(year).unwrap_or(0), month, dd) {
        return false;
    }
    d.len() == 9 || (num64(&d[..9]) % 11 % 10) == u64::from(d[9])
}

fn hu_adoazonosito(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[10]) else {
        return false;
    };
    if d[0] != 8 {
        return false;
    }
    let days = i64::from(num(&d[1..6]));
    let born = NaiveDate::from_ymd_opt(1867, 1, 1)
        .and_then(|s| s.checked_add_signed(chrono::TimeDelta::days(days)));
    if born.is_none_or(|b| b > Utc::now().date_naive()) {
        return false;
    }
    const W: [u32; 9] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    let c = weighted(&d, &W) % 11;
    c < 10 && c == d[9]
}

fn ro_cnp(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[13]) else {
        return false;
    };
    const W: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
    let (yy, mm, dd) = (num(&d[1..3]), num(&d[3..5]), num(&d[5..7]));
    let centuries: &[i32] = match d[0] {
        1 | 2 => &[1900],
        3 | 4 => &[1800],
        5 | 6 => &[2000],
        // Residents (7, 8) and foreigners (9): no century in the number.
        7..=9 => &[1900, 2000],
        _ => return false,
    };
    let county = num(&d[7..9]);
    let county_ok = (1..=48).contains(&county) || matches!(county, 51 | 52 | 70 | 80..=83);
    let c = weighted(&d, &W) % 11;
    let c = if c == 10 { 1 } else { c };
    county_ok && birth_in_any(centuries, yy, mm, dd) && c == d[12]
}

fn bg_egn(v: &str) -> bool {
    let Some(d) = digits(v, SEPS, &[10]) else {
        return false;
    };
    const W: [u32; 9] = [2, 4, 8, 5, 10, 9, 7, 3, 6];
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (1800, mm - 20),
        41..=52 => (2000, mm - 40),
        _ => return false,
    };
    weighted(&d, &W) % 11 % 10 == d[9] && birth_in_any(&[century], yy, month, dd)
}

fn si_emso(v: &str) -> bool {
    let Some(d) = digits(v, " ", &[13]) else {
        return false;
    };
    const W: [u32; 12] = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let (dd, mm) = (num(&d[0..2]), num(&d[2..4]));
    let yyy = num(&d[4..7]);
    let year = if yyy < 800 { 2000 + yyy } else { 1000 + yyy };
    (11 - weighted(&d, &W) % 11) % 11 % 10 == d[12]
        && birth(i32::try_from(year).unwrap_or(0), mm, dd)
}

/// Estonia's isikukood and (with `lt`) Lithuania's asmens kodas: same structure and check.
fn ee_isikukood(v: &str, lt: bool) -> bool {
    let Some(d) = digits(v, " ", &[11]) else {
        return false;
    };
    let date_ok = if lt && d[0] == 9 {
        true // Lithuanian numbers without a birth date
    } else {
        let century = match d[0] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return false,
        };
        let (yy, mm, dd) = (num(&d[1..3]), num(&d[3..5]), num(&d[5..7]));
        birth_in_any(&[century], yy, mm, dd)
    };
    const W1: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
    const W2: [u32; 10] = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
    let mut c = weighted(&d, &W1) % 11;
    if c == 10 {
        c = weighted(&d, &W2) % 11 % 10;
    }
    date_ok && c == d[10]
}

fn lv_personas_kods(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[11]) else {
        return false;
    };
    const W: [u32; 10] = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let date_ok = if d[0] == 3 && d[1] == 2 {
        true // codes issued since July 2017 carry no birth date
    } else {
        let (dd, mm, yy) = ddmmyy(&d);
        let century = match d[6] {
            0 => 1800,
            1 => 1900,
            2 => 2000,
            _ => return false,
        };
        birth_in_any(&[century], yy, mm, dd)
    };
    // (1101 − Σ wᵢ·dᵢ) mod 11, computed without going negative.
    let c = (1101 + 11 * 200 - weighted(&d, &W)) % 11;
    date_ok && c % 10 == d[10]
}

fn gr_afm(v: &str) -> bool {
    let Some(d) = digits(v, SEPS, &[9]) else {
        return false;
    };
    const W: [u32; 8] = [256, 128, 64, 32, 16, 8, 4, 2];
    weighted(&d, &W) % 11 % 10 == d[8] && d.iter().any(|x| *x != 0)
}

fn be_rijksregister(v: &str) -> bool {
    let Some(d) = digits(v, SEPS, &[11]) else {
        return false;
    };
    let key = num(&d[9..11]);
    let before_2000 = 97 - mod97(&d[..9]) == key;
    let mut with2 = vec![2];
    with2.extend_from_slice(&d[..9]);
    let since_2000 = 97 - mod97(&with2) == key;
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let century = if before_2000 {
        1900
    } else if since_2000 {
        2000
    } else {
        return false;
    };
    // Month + 20 or + 40 for BIS numbers; month or day 0 when unknown or a day's serials ran out.
    let month = mm % 20;
    if mm > 52 || month > 12 {
        return false;
    }
    if month == 0 || dd == 0 {
        return dd <= 31;
    }
    birth_in_any(&[century], yy, month, dd)
}

fn lu_matricule(v: &str) -> bool {
    let Some(d) = digits(v, " ", &[13]) else {
        return false;
    };
    let year = i32::try_from(num(&d[0..4])).unwrap_or(0);
    let (mm, dd) = (num(&d[4..6]), num(&d[6..8]));
    // Month and day are 00 when unknown (règlement grand-ducal du 21 décembre 1987, art. 1er).
    let date_ok = match (mm, dd) {
        (0, 0) => year <= Utc::now().date_naive().year(),
        (1..=12, 0) => birth(year, mm, 1),
        _ => birth(year, mm, dd),
    };
    let mut l = d[..11].to_vec();
    l.push(d[11]);
    let mut h = d[..11].to_vec();
    h.push(d[12]);
    date_ok && year >= 1850 && luhn(&l) && verhoeff(&h)
}

fn pt_nif(v: &str) -> bool {
    let Some(d) = digits(v, " -.", &[9]) else {
        return false;
    };
    // Persons: 1, 2, 3 (and 45 for non-residents).
    if !(matches!(d[0], 1..=3) || (d[0] == 4 && d[1] == 5)) {
        return false;
    }
    const W: [u32; 8] = [9, 8, 7, 6, 5, 4, 3, 2];
    let c = 11 - weighted(&d, &W) % 11;
    (if c >= 10 { 0 } else { c }) == d[8]
}

fn pt_cartao_cidadao(v: &str) -> bool {
    let Some(s) = clean(v, " -") else {
        return false;
    };
    let b = s.as_bytes();
    if b.len() != 12 || !b[..9].iter().all(u8::is_ascii_digit) || !b[11].is_ascii_digit() {
        return false;
    }
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut sum = 0;
    for (i, c) in b.iter().rev().enumerate() {
        let Some(x) = index_in(alphabet, *c) else {
            return false;
        };
        sum += if i % 2 == 1 {
            let y = x * 2;
            if y > 9 { y - 9 } else { y }
        } else {
            x
        };
    }
    sum.is_multiple_of(10)
}

fn ie_pps(v: &str) -> bool {
    let Some(s) = clean(v, " -") else {
        return false;
    };
    let b = s.as_bytes();
    if !(8..=9).contains(&b.len()) || !b[..7].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let alphabet = "WABCDEFGHIJKLMNOPQRSTUV";
    let Some(check) = index_in(alphabet, b[7]) else {
        return false;
    };
    let d: Vec<u32> = b[..7].iter().map(|x| u32::from(x - b'0')).collect();
    const W: [u32; 7] = [8, 7, 6, 5, 4, 3, 2];
    let mut sum = weighted(&d, &W);
    if let Some(&second) = b.get(8) {
        if !b"ABHWTX".contains(&second) {
            return false;
        }
        // Since 2013 the second letter (A, B, H) counts with weight 9; W, T, X did not.
        if b"ABH".contains(&second) {
            sum += 9 * index_in(alphabet, second).unwrap_or(0);
        }
    }
    sum % 23 == check
}

fn at_svnr(v: &str) -> bool {
    let Some(d) = digits(v, " ", &[10]) else {
        return false;
    };
    const W: [u32; 10] = [3, 7, 9, 0, 5, 8, 4, 2, 1, 6];
    d[0] != 0 && weighted(&d, &W) % 11 == d[3]
}

fn mt_id_card(v: &str) -> bool {
    let Some(s) = clean(v, " ") else {
        return false;
    };
    let b = s.as_bytes();
    let Some((last, rest)) = b.split_last() else {
        return false;
    };
    (1..=7).contains(&rest.len())
        && rest.iter().all(u8::is_ascii_digit)
        && rest.iter().any(|x| *x != b'0')
        && b"MGAPLHBZ".contains(last)
}

fn cy_tin(v: &str) -> bool {
    let Some(s) = clean(v, " -") else {
        return false;
    };
    let b = s.as_bytes();
    if b.len() != 9 || !b[..8].iter().all(u8::is_ascii_digit) || &s[..2] == "12" {
        return false;
    }
    const ODD: [u32; 10] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
    let mut sum = 0;
    for (i, x) in b[..8].iter().enumerate() {
        let x = usize::from(x - b'0');
        sum += if i % 2 == 0 {
            ODD[x]
        } else {
            u32::try_from(x).unwrap_or(0)
        };
    }
    u32::from(b[8]) == u32::from(b'A') + sum % 26
}

fn mx_curp(v: &str) -> bool {
    let Some(s) = clean(v, " -") else {
        return false;
    };
    let b = s.as_bytes();
    if b.len() != 18
        || !b[..4].iter().all(u8::is_ascii_uppercase)
        || !b[4..10].iter().all(u8::is_ascii_digit)
        || !b[10..16].iter().all(u8::is_ascii_uppercase)
        || !b[17].is_ascii_digit()
    {
        return false;
    }
    const STATES: &[&str] = &[
        "AS", "BC", "BS", "CC", "CH", "CL", "CM", "CS", "DF", "DG", "GR", "GT", "HG", "JC", "MC",
        "MN", "MS", "NE", "NL", "NT", "OC", "PL", "QR", "QT", "SL", "SP", "SR", "TC", "TL", "TS",
        "VZ", "YN", "ZS",
    ];
    if !matches!(b[10], b'H' | b'M' | b'X') || !STATES.contains(&&s[11..13]) {
        return false;
    }
    let Some(d) = digits_of(&s[4..10], &[6]) else {
        return false;
    };
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    // The 17th character: a digit for births before 2000, a letter after.
    let century = if b[16].is_ascii_digit() { 1900 } else { 2000 };
    if !birth_in_any(&[century], yy, mm, dd) {
        return false;
    }
    let alphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
    let mut sum = 0;
    for (i, c) in b[..17].iter().enumerate() {
        let Some(x) = index_in(alphabet, *c) else {
            return false;
        };
        sum += x * (18 - u32::try_from(i).unwrap_or(0));
    }
    (10 - sum % 10) % 10 == u32::from(b[17] - b'0')
}

fn mx_rfc(v: &str) -> bool {
    clean_keep(v, " -", "&").is_some_and(|s| mx_rfc_compact(&s))
}

fn mx_rfc_compact(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 13
        || !b[..4].iter().all(|c| c.is_ascii_uppercase() || *c == b'&')
        || !b[10..].iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let Some(d) = digits_of(&s[4..10], &[6]) else {
        return false;
    };
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    birth_in_any(&[1900, 2000], yy, mm, dd)
}

fn br_cpf(v: &str) -> bool {
    let Some(d) = digits(v, SEPS, &[11]) else {
        return false;
    };
    if d.iter().all(|x| *x == d[0]) {
        return false;
    }
    const W1: [u32; 9] = [10, 9, 8, 7, 6, 5, 4, 3, 2];
    const W2: [u32; 10] = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
    let c1 = weighted(&d, &W1) * 10 % 11 % 10;
    let c2 = weighted(&d, &W2) * 10 % 11 % 10;
    c1 == d[9] && c2 == d[10]
}

fn ar_cuil(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[11]) else {
        return false;
    };
    if !matches!(num(&d[0..2]), 20 | 23 | 24 | 27) {
        return false;
    }
    const W: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    // 11 − (Σ mod 11); 11 → 0, and 10 → 9 (the number then takes prefix 23).
    let c = match 11 - weighted(&d, &W) % 11 {
        11 => 0,
        10 => 9,
        c => c,
    };
    c == d[10]
}

fn cn_ric(v: &str) -> bool {
    let Some(s) = clean(v, " ") else {
        return false;
    };
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b[..17].iter().map(|x| u32::from(x - b'0')).collect();
    let province = num(&d[0..2]);
    let province_ok = matches!(
        province,
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83
    );
    let year = i32::try_from(num(&d[6..10])).unwrap_or(0);
    let (mm, dd) = (num(&d[10..12]), num(&d[12..14]));
    let c = iso7064_mod11_2(&d);
    let last = match b[17] {
        b'X' => 10,
        x if x.is_ascii_digit() => u32::from(x - b'0'),
        _ => return false,
    };
    province_ok && year >= 1850 && birth(year, mm, dd) && c == last
}

fn kr_rrn(v: &str) -> bool {
    let Some(d) = digits(v, " -", &[13]) else {
        return false;
    };
    let (yy, mm, dd) = (num(&d[0..2]), num(&d[2..4]), num(&d[4..6]));
    let century = match d[6] {
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        _ => 1800,
    };
    if !birth_in_any(&[century], yy, mm, dd) || num(&d[7..9]) > 96 {
        return false;
    }
    const W: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    (11 - weighted(&d, &W) % 11) % 10 == d[12]
}

fn sg_nric(v: &str) -> bool {
    let Some(s) = clean(v, " ") else {
        return false;
    };
    let b = s.as_bytes();
    if b.len() != 9 || !b[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b[1..8].iter().map(|x| u32::from(x - b'0')).collect();
    const W: [u32; 7] = [2, 7, 6, 5, 4, 3, 2];
    let sum = weighted(&d, &W);
    let (offset, letters): (u32, &[u8]) = match b[0] {
        b'S' => (0, b"JZIHGFEDCBA"),
        b'T' => (4, b"JZIHGFEDCBA"),
        b'F' => (0, b"XWUTRQPNMLK"),
        b'G' => (4, b"XWUTRQPNMLK"),
        _ => return false,
    };
    usize::try_from((sum + offset) % 11)
        .ok()
        .and_then(|i| letters.get(i))
        .is_some_and(|c| *c == b[8])
}

#[cfg(test)]
mod tests;
