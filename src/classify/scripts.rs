//! Person names by value in scripts other than Latin: Han (Chinese and Japanese), kana, Hangul,
//! Cyrillic, Greek, Arabic and Devanagari.
//!
//! Each script has its own shape of a name: a Chinese name is a family name of one or two
//! characters and a given name of one or two; a Korean one a family syllable and one or two
//! given syllables; Cyrillic and Greek names are capitalised words with known given names and
//! family-name endings; Arabic names join given names with `bin`/`ibn` or open with `Abd`. The
//! word lists are data (`rules/script_names.toml`). A column is judged by the share of its values
//! that fit, so the lists hold the common names only.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

/// The word lists.
pub const SCRIPT_NAMES: &str = include_str!("../rules/script_names.toml");

#[derive(Debug, Default, Deserialize)]
struct Lists {
    han: HanLists,
    japanese: JapaneseLists,
    hangul: HangulLists,
    cyrillic: Alphabetic,
    greek: Alphabetic,
    arabic: ArabicLists,
    devanagari: DevanagariLists,
    latin: LatinLists,
}

#[derive(Debug, Default, Deserialize)]
struct LatinLists {
    titles: String,
    surname_endings: String,
}

#[derive(Debug, Default, Deserialize)]
struct HanLists {
    surnames: String,
    compound_surnames: String,
    not_given: String,
}

#[derive(Debug, Default, Deserialize)]
struct JapaneseLists {
    surnames: String,
    kana_surnames: String,
}

#[derive(Debug, Default, Deserialize)]
struct HangulLists {
    surnames: String,
    given_syllables: String,
}

#[derive(Debug, Default, Deserialize)]
struct Alphabetic {
    given: String,
    surname_endings: String,
}

#[derive(Debug, Default, Deserialize)]
struct ArabicLists {
    given: String,
    particles: String,
}

#[derive(Debug, Default, Deserialize)]
struct DevanagariLists {
    given: String,
    surnames: String,
}

/// The lists as sets, compiled once.
struct Dictionaries {
    han_surnames: HashSet<String>,
    han_not_given: HashSet<char>,
    ja_surnames: HashSet<String>,
    kana_surnames: HashSet<String>,
    ko_surnames: HashSet<String>,
    ko_given: HashSet<char>,
    cyr_given: HashSet<String>,
    cyr_endings: Vec<String>,
    el_given: HashSet<String>,
    el_endings: Vec<String>,
    ar_given: HashSet<String>,
    ar_particles: HashSet<String>,
    hi_names: HashSet<String>,
    latin_titles: HashSet<String>,
    latin_endings: Vec<String>,
}

fn set(s: &str, fold: fn(&str) -> String) -> HashSet<String> {
    s.split_whitespace().map(fold).collect()
}

static DICT: LazyLock<Dictionaries> = LazyLock::new(|| {
    // The lists are compiled into the binary and checked by a test; a broken edit gives empty
    // lists (no names found by value), never a panic in a scan.
    let l: Lists = toml::from_str(SCRIPT_NAMES).unwrap_or_default();
    let same = |s: &str| s.to_string();
    let mut han_surnames = set(&l.han.surnames, same);
    han_surnames.extend(set(&l.han.compound_surnames, same));
    Dictionaries {
        han_surnames,
        han_not_given: l
            .han
            .not_given
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect(),
        ja_surnames: set(&l.japanese.surnames, same),
        kana_surnames: set(&l.japanese.kana_surnames, same),
        ko_surnames: set(&l.hangul.surnames, same),
        ko_given: l
            .hangul
            .given_syllables
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect(),
        cyr_given: set(&l.cyrillic.given, fold),
        cyr_endings: l
            .cyrillic
            .surname_endings
            .split_whitespace()
            .map(fold)
            .collect(),
        el_given: set(&l.greek.given, fold),
        el_endings: l
            .greek
            .surname_endings
            .split_whitespace()
            .map(fold)
            .collect(),
        ar_given: set(&l.arabic.given, fold_arabic),
        ar_particles: set(&l.arabic.particles, fold_arabic),
        hi_names: set(
            &format!("{} {}", l.devanagari.given, l.devanagari.surnames),
            same,
        ),
        latin_titles: l
            .latin
            .titles
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        latin_endings: l
            .latin
            .surname_endings
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
});

/// The writing systems names are recognised in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters (handled by the given-name and surname dictionaries of `validate`).
    Latin,
    /// Han ideographs (Chinese, Japanese kanji), possibly mixed with kana.
    Han,
    /// Hiragana and katakana only.
    Kana,
    /// Hangul.
    Hangul,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic.
    Arabic,
    /// Devanagari.
    Devanagari,
}

/// The script of one letter, among those names are recognised in.
pub fn script_of_char(c: char) -> Option<Script> {
    Some(match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3005 => Script::Han,
        0x3041..=0x309F | 0x30A0..=0x30FA | 0x30FC..=0x30FF | 0xFF66..=0xFF9F => Script::Kana,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
        0x0400..=0x052F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        _ => return None,
    })
}

/// The script of a value's letters when one script (Han with kana counting as Han) writes
/// nearly all of them; `None` for digits, punctuation or a mix.
pub fn script_of(v: &str) -> Option<Script> {
    let mut counts = [0usize; 8];
    let mut letters = 0usize;
    for c in v.chars() {
        if let Some(s) = script_of_char(c) {
            counts[s as usize] += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        return None;
    }
    let han = counts[Script::Han as usize];
    let kana = counts[Script::Kana as usize];
    if han > 0 && han + kana == letters {
        return Some(Script::Han);
    }
    let (i, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, n)| **n)
        .map(|(i, n)| (i, *n))?;
    if n * 10 < letters * 9 {
        return None;
    }
    [
        Script::Latin,
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Devanagari,
    ]
    .get(i)
    .copied()
}

/// Whether a value in a non-Latin script has the shape of a person's name in that script.
/// `None` when the value is not written in one of these scripts.
pub fn is_name(v: &str) -> Option<bool> {
    let v = v.trim();
    if v.chars().count() > 60 || v.chars().any(|c| c.is_ascii_digit()) {
        return script_of(v).filter(|s| *s != Script::Latin).map(|_| false);
    }
    let script = script_of(v)?;
    let d = &*DICT;
    Some(match script {
        Script::Latin => return None,
        Script::Han => han_name(v, d),
        Script::Kana => kana_name(v, d),
        Script::Hangul => hangul_name(v, d),
        Script::Cyrillic => alphabetic_name(v, &d.cyr_given, &d.cyr_endings),
        Script::Greek => alphabetic_name(v, &d.el_given, &d.el_endings),
        Script::Arabic => arabic_name(v, d),
        Script::Devanagari => devanagari_name(v, d),
    })
}

/// Whether a word is a title, form of address or degree (`Dr.`, `pani`, `B.Sc.`).
pub fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']).to_lowercase();
    DICT.latin_titles.contains(&w)
}

/// Whether a Latin-script word ends as family names of one country do (`Stanić`, `Pešková`,
/// `Geraldsdóttir`), with at least three letters before the ending.
pub fn has_surname_ending(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']).to_lowercase();
    DICT.latin_endings
        .iter()
        .any(|e| w.ends_with(e.as_str()) && w.chars().count() >= e.chars().count() + 3)
}

/// Whether the value is written in a script whose names need no spaces and may be one
/// character long (a Chinese or Korean given name).
pub fn unspaced(v: &str) -> bool {
    matches!(
        script_of(v),
        Some(Script::Han | Script::Kana | Script::Hangul)
    )
}

fn separators(c: char) -> bool {
    c.is_whitespace() || matches!(c, '·' | '・' | '•' | '.' | '-')
}

fn han_name(v: &str, d: &Dictionaries) -> bool {
    let tokens: Vec<&str> = v.split(separators).filter(|t| !t.is_empty()).collect();
    let compact: String = tokens.concat();
    let chars: Vec<char> = compact.chars().collect();
    let has_kana = chars
        .iter()
        .any(|c| script_of_char(*c) == Some(Script::Kana));
    // Japanese: a known family name, then a given name (kanji or kana), spaced or not.
    if (2..=7).contains(&chars.len()) {
        for n in (1..=3).rev() {
            if chars.len() > n {
                let head: String = chars[..n].iter().collect();
                let rest = chars.len() - n;
                if d.ja_surnames.contains(&head) && (1..=4).contains(&rest) {
                    return tokens.len() <= 2;
                }
            }
        }
    }
    if has_kana || tokens.len() > 2 || !(2..=4).contains(&chars.len()) {
        return false;
    }
    // Chinese: a family name of one or two characters, a given name of one or two.
    for n in [2, 1] {
        if chars.len() <= n {
            continue;
        }
        let head: String = chars[..n].iter().collect();
        let given = &chars[n..];
        if d.han_surnames.contains(&head)
            && (1..=2).contains(&given.len())
            && !given.iter().any(|c| d.han_not_given.contains(c))
        {
            return true;
        }
    }
    false
}

fn to_katakana(c: char) -> char {
    match c as u32 {
        0x3041..=0x3096 => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

fn kana_name(v: &str, d: &Dictionaries) -> bool {
    let tokens: Vec<String> = v
        .split(separators)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().map(to_katakana).collect())
        .collect();
    if !(1..=2).contains(&tokens.len()) {
        return false;
    }
    let lens_ok = tokens.iter().all(|t| (2..=6).contains(&t.chars().count()));
    let known = tokens.first().is_some_and(|t| d.kana_surnames.contains(t))
        || (tokens.len() == 1
            && d.kana_surnames.iter().any(|s| {
                tokens[0].starts_with(s.as_str())
                    && tokens[0].chars().count() - s.chars().count() >= 2
            }));
    // Two short kana words without a long-vowel mark: a name's reading, not a product.
    let shaped = tokens.len() == 2 && !tokens.iter().any(|t| t.contains('ー'));
    lens_ok && (known || shaped)
}

fn hangul_name(v: &str, d: &Dictionaries) -> bool {
    let tokens: Vec<&str> = v.split(separators).filter(|t| !t.is_empty()).collect();
    if tokens.len() > 2 {
        return false;
    }
    let chars: Vec<char> = tokens.concat().chars().collect();
    if !(2..=5).contains(&chars.len()) {
        return false;
    }
    for n in [2, 1] {
        if chars.len() <= n {
            continue;
        }
        let head: String = chars[..n].iter().collect();
        let given = &chars[n..];
        if d.ko_surnames.contains(&head)
            && (1..=2).contains(&given.len())
            && given.iter().all(|c| d.ko_given.contains(c))
        {
            return true;
        }
    }
    false
}

/// Lower case, accents and Greek final sigma folded (`classify::names::fold`).
fn fold(s: &str) -> String {
    super::names::fold(s)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Cyrillic and Greek: two to four capitalised words, with a known given name among them, or
/// a word ending like family names and patronymics do.
fn alphabetic_name(v: &str, given: &HashSet<String>, endings: &[String]) -> bool {
    const TITLES: &[&str] = &[
        "г-н", "г-жа", "гн", "гжа", "пан", "пані", "д-р", "κ.", "κος", "κα",
    ];
    let words: Vec<&str> = v
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !TITLES.contains(&w.to_lowercase().as_str()))
        .collect();
    if !(2..=4).contains(&words.len())
        || !words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
    {
        return false;
    }
    let all_upper = v
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_upper && !words.iter().all(|w| capitalised(w)) {
        return false;
    }
    let folded: Vec<String> = words
        .iter()
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphabetic())))
        .collect();
    let givens = folded.iter().filter(|w| given.contains(*w)).count();
    let ended = folded
        .iter()
        .filter(|w| {
            endings
                .iter()
                .any(|e| w.ends_with(e.as_str()) && w.chars().count() >= e.chars().count() + 2)
        })
        .count();
    givens >= 1 || ended >= 1
}

/// Arabic letters as names are compared: no vowel marks or tatweel, the alif forms as bare alif.
fn fold_arabic(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0x064B..=0x065F | 0x0670 | 0x0640))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            _ => c,
        })
        .collect()
}

fn arabic_name(v: &str, d: &Dictionaries) -> bool {
    let words: Vec<String> = v
        .split(|c: char| c.is_whitespace() || c == '،' || c == ',')
        .filter(|w| !w.is_empty())
        .map(fold_arabic)
        .collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    // Forms of address and company words: "Mr", "Dr", "company", "office", "street".
    const TITLES: &[&str] = &[
        "السيد",
        "السيده",
        "السيدة",
        "الدكتور",
        "الدكتوره",
        "الدكتورة",
        "د.",
        "الاستاذ",
        "الاستاذه",
        "المهندس",
    ];
    const NOT_NAMES: &[&str] = &[
        "شركه",
        "شركة",
        "مؤسسه",
        "مؤسسة",
        "مصنع",
        "مكتب",
        "فندق",
        "مطعم",
        "بنك",
        "مستشفى",
        "جامعه",
        "جامعة",
        "مدرسه",
        "مدرسة",
        "مركز",
        "شارع",
        "طريق",
        "حي",
        "مدينه",
        "مدينة",
        "وزارة",
        "وزاره",
        "متجر",
    ];
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect();
    if words.len() < 2 || words.iter().any(|w| NOT_NAMES.contains(&w.as_str())) {
        return false;
    }
    // A given name and a family name with the article: "غيداء الجفالي".
    let family = words.len() <= 4
        && !words[0].starts_with("ال")
        && words
            .last()
            .is_some_and(|w| w.starts_with("ال") && w.chars().count() >= 4);
    let given = family
        || words.iter().any(|w| {
            d.ar_given.contains(w)
                || w.strip_prefix("ال")
                    .is_some_and(|rest| d.ar_given.contains(rest))
        });
    let particle = words[1..words.len() - 1]
        .iter()
        .any(|w| d.ar_particles.contains(w))
        || words
            .iter()
            .any(|w| w.starts_with("عبد") && w.chars().count() >= 5);
    given || particle
}

fn devanagari_name(v: &str, d: &Dictionaries) -> bool {
    const TITLES: &[&str] = &["श्री", "श्रीमती", "सुश्री", "डॉ", "डॉ.", "कुमारी"];
    let words: Vec<&str> = v
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !TITLES.contains(w))
        .collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .any(|w| d.hi_names.contains(w.trim_end_matches('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_parse_and_are_not_empty() {
        let l: Lists = toml::from_str(SCRIPT_NAMES).expect("script_names.toml parses");
        assert!(l.han.surnames.split_whitespace().count() > 300);
        let d = &*DICT;
        for (what, n) in [
            ("ja", d.ja_surnames.len()),
            ("kana", d.kana_surnames.len()),
            ("ko", d.ko_surnames.len()),
            ("ru", d.cyr_given.len()),
            ("el", d.el_given.len()),
            ("ar", d.ar_given.len()),
            ("hi", d.hi_names.len()),
        ] {
            assert!(n >= 50 || (what == "ko" && n >= 40), "{what}: {n}");
        }
    }

    #[test]
    fn names_in_each_script() {
        for v in [
            "王秀英",
            "欧阳娜娜",
            "張偉",
            "李 明",
            "佐藤 太郎",
            "高橋美咲",
            "渡辺 さくら",
            "サトウ タロウ",
            "たなか はなこ",
            "김민준",
            "이 서연",
            "남궁민수",
            "Иванов Иван Иванович",
            "Анна Петрова",
            "ПЕТРОВ СЕРГЕЙ",
            "Шевченко Тарас",
            "Γεώργιος Παπαδόπουλος",
            "Μαρία Κωνσταντινίδου",
            "محمد بن سلمان",
            "فاطمة الزهراء",
            "عبدالله العتيبي",
            "राहुल शर्मा",
            "श्रीमती सुनीता देवी",
        ] {
            assert_eq!(is_name(v), Some(true), "{v} is a name");
        }
    }

    #[test]
    fn places_products_and_words_are_not_names() {
        for v in [
            "北京市",
            "王府井大街",
            "有限公司",
            "上海",
            "東京都千代田区",
            "コーヒー カップ",
            "서울",
            "부산",
            "강남구",
            "정보보호",
            "Москва",
            "Молоко Домик",
            "Сыр Российский",
            "Αθήνα",
            "Κέντρο Υγείας",
            "الرياض",
            "شركة الاتصالات",
            "नई दिल्ली",
            "मोबाइल फ़ोन",
            "王秀英 123",
        ] {
            assert_ne!(is_name(v), Some(true), "{v} is not a name");
        }
        assert_eq!(is_name("Jane Doe"), None, "Latin is for the dictionaries");
        assert_eq!(is_name("12345"), None);
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(script_of("佐藤 さくら"), Some(Script::Han));
        assert_eq!(script_of("サトウ"), Some(Script::Kana));
        assert_eq!(script_of("김민준"), Some(Script::Hangul));
        assert_eq!(script_of("Иван"), Some(Script::Cyrillic));
        assert_eq!(script_of("Ελένη"), Some(Script::Greek));
        assert_eq!(script_of("محمد"), Some(Script::Arabic));
        assert_eq!(script_of("राम"), Some(Script::Devanagari));
        assert_eq!(script_of("Jane"), Some(Script::Latin));
        assert_eq!(script_of("Jane 김"), None);
        assert_eq!(script_of("--"), None);
    }
}
