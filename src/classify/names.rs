//! Column-name normalisation and whole-word phrase matching.
//!
//! `customerEmail`, `customer_email`, `Customer E-Mail` and `KUNDEN_EMAIL` all become word lists
//! (`customer email`, `kunden email`); accents are folded (`prénom` → `prenom`, `Straße` →
//! `strasse`) so a rule written in one spelling matches the others.

/// Fold one lower-case character to ASCII where a common European accent is involved.
fn fold_char(c: char, out: &mut String) {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ắ' | 'ằ' => {
            out.push('a')
        }
        'ı' => out.push('i'),
        'ğ' => out.push('g'),
        'ț' | 'ť' | 'ţ' => out.push('t'),
        'đ' | 'ď' => out.push('d'),
        'ő' | 'ơ' | 'ộ' | 'ồ' | 'ố' => out.push('o'),
        'ű' | 'ư' => out.push('u'),
        '’' | '‘' | 'ʼ' => out.push('\''),
        '\u{307}' => {} // the dot of a lower-cased Turkish İ
        'æ' => out.push_str("ae"),
        'ç' | 'č' | 'ć' => out.push('c'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
        'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
        'ñ' | 'ń' | 'ň' => out.push('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
        'œ' => out.push_str("oe"),
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => out.push('u'),
        'ý' | 'ÿ' => out.push('y'),
        'ß' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ł' => out.push('l'),
        'ś' | 'š' | 'ş' | 'ș' => out.push('s'),
        'ź' | 'ż' | 'ž' => out.push('z'),
        'ř' => out.push('r'),
        'ð' => out.push('d'),
        'þ' => out.push_str("th"),
        _ => out.push(c),
    }
}

/// Whether `c` is a letter of a script whose accents fold away (Latin, Greek, Cyrillic): in
/// other scripts (Devanagari vowel signs, kana voicing marks, Arabic vowel marks) a combining
/// mark is part of the letter and is kept.
fn accents_fold(c: char) -> bool {
    matches!(c as u32, 0x0041..=0x024F | 0x1E00..=0x1EFF | 0x0370..=0x03FF | 0x1F00..=0x1FFF | 0x0400..=0x052F)
}

/// Lower-case and fold accents. The text is normalised by compatibility first (NFKD: full-width
/// `ＡＢＣ` and half-width `ｶﾅ` become `abc` and `カナ`), accents of Latin, Greek and Cyrillic
/// letters are dropped, and everything else is recomposed (NFC), so other scripts keep their
/// letters: `電話番号`, `전화번호` and `फ़ोन` stay as they are. Greek final sigma folds to σ.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut kept = String::with_capacity(s.len());
    let mut base_folds = false;
    for c in s.nfkd() {
        if is_combining_mark(c) {
            if !base_folds {
                kept.push(c);
            }
            continue;
        }
        base_folds = accents_fold(c);
        kept.push(c);
    }
    let mut out = String::with_capacity(kept.len());
    for c in kept.nfc().flat_map(char::to_lowercase) {
        fold_char(c, &mut out);
    }
    out
}

/// Whether a word is written in a script without spaces between words (Han, kana, Hangul),
/// where a pattern matches anywhere inside a column word: `顧客電話番号` holds `電話`.
pub fn unspaced_script(w: &str) -> bool {
    use super::scripts::Script;
    w.chars().any(|c| {
        matches!(
            super::scripts::script_of_char(c),
            Some(Script::Han | Script::Kana | Script::Hangul)
        )
    })
}

/// Split an identifier into lower-case, accent-folded words: separators, camelCase humps and
/// letter/digit boundaries all split.
pub fn words(name: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut words = Vec::new();
    let mut cur = String::new();
    // Composed (NFC), so a letter and its combining accent are one character; a mark that
    // composes with nothing still belongs to its word.
    let chars: Vec<char> = name.nfc().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c) {
            flush(&mut cur, &mut words);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|j| chars.get(j)) {
            let next = chars.get(i + 1).copied();
            let hump = prev.is_lowercase() && c.is_uppercase();
            // "HTTPServer" → HTTP Server: an upper-case letter followed by lower case ends an acronym.
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digit_edge = prev.is_ascii_digit() != c.is_ascii_digit() && prev.is_alphanumeric();
            if hump || acronym_end || digit_edge {
                flush(&mut cur, &mut words);
            }
        }
        cur.push(c);
    }
    flush(&mut cur, &mut words);
    words
}

fn flush(cur: &mut String, words: &mut Vec<String>) {
    if !cur.is_empty() {
        words.push(fold(cur));
        cur.clear();
    }
}

/// One word of a pattern: exact, or with a `*` wildcard at its start or end (for compounds).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum WordPat {
    Exact(String),
    Prefix(String),
    Suffix(String),
    /// Anywhere inside the word (unspaced scripts).
    Contains(String),
}

impl WordPat {
    /// The word without its wildcard.
    pub(crate) fn core(&self) -> &str {
        match self {
            WordPat::Exact(p) | WordPat::Prefix(p) | WordPat::Suffix(p) | WordPat::Contains(p) => p,
        }
    }

    fn matches(&self, w: &str) -> bool {
        match self {
            WordPat::Exact(p) => w == p,
            WordPat::Prefix(p) => w.len() > p.len() && w.starts_with(p.as_str()),
            WordPat::Suffix(p) => w.len() > p.len() && w.ends_with(p.as_str()),
            WordPat::Contains(p) => w.contains(p.as_str()),
        }
    }
}

/// A phrase of whole words that a column name may contain (`first name`, `telefon*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    words: Vec<WordPat>,
    /// The phrase as written (normalised), for signals.
    pub text: String,
}

impl Phrase {
    /// Parse a phrase as written in a rule file.
    pub fn parse(raw: &str) -> Option<Phrase> {
        let mut pats = Vec::new();
        for part in raw.split(|c: char| c.is_whitespace() || c == '_' || c == '-') {
            if part.is_empty() {
                continue;
            }
            let (prefix, core, suffix) = (
                part.starts_with('*'),
                part.trim_matches('*'),
                part.ends_with('*') && part.len() > 1,
            );
            let core_words = words(core);
            if core_words.is_empty() {
                continue;
            }
            let n = core_words.len();
            for (i, w) in core_words.into_iter().enumerate() {
                // One Han character or Hangul syllable (`姓`, `성`) is a word of its own: inside
                // a longer word it is part of something else (`성별` is gender, `百姓` people).
                let pat = if unspaced_script(&w) && w.chars().count() == 1 {
                    WordPat::Exact(w)
                } else if unspaced_script(&w) {
                    WordPat::Contains(w)
                } else if prefix && i == 0 {
                    WordPat::Suffix(w)
                } else if suffix && i == n - 1 {
                    WordPat::Prefix(w)
                } else {
                    WordPat::Exact(w)
                };
                pats.push(pat);
            }
        }
        if pats.is_empty() {
            return None;
        }
        Some(Phrase {
            text: raw.trim().to_string(),
            words: pats,
        })
    }

    /// Where the phrase occurs in `name` (start index), as consecutive whole words.
    pub fn find(&self, name: &[String]) -> Option<usize> {
        let n = self.words.len();
        if n > name.len() {
            return None;
        }
        (0..=name.len() - n).find(|&start| {
            self.words
                .iter()
                .zip(&name[start..start + n])
                .all(|(p, w)| p.matches(w))
        })
    }

    /// The phrase's word patterns.
    pub(crate) fn pats(&self) -> &[WordPat] {
        &self.words
    }

    /// Number of words in the phrase.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the phrase has no words (never true for a parsed phrase).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A set of single-word patterns (modifiers, person-table words).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    pats: Vec<WordPat>,
}

impl WordSet {
    /// Build from rule-file words (`customer*`).
    pub fn new<S: AsRef<str>>(items: &[S]) -> WordSet {
        let pats = items
            .iter()
            .filter_map(|s| Phrase::parse(s.as_ref()))
            .flat_map(|p| p.words)
            .collect();
        WordSet { pats }
    }

    /// A set of these patterns.
    pub(crate) fn from_pats(pats: Vec<WordPat>) -> WordSet {
        WordSet { pats }
    }

    /// Add rule-file words.
    pub fn extend<S: AsRef<str>>(&mut self, items: &[S]) {
        self.pats.extend(WordSet::new(items).pats);
    }

    /// Whether `w` is in the set. In a word set `customer*` means the word and its longer
    /// forms: `customer`, `customers`, `customerdata`.
    pub fn contains(&self, w: &str) -> bool {
        self.pats.iter().any(|p| match p {
            WordPat::Exact(x) | WordPat::Prefix(x) | WordPat::Suffix(x) | WordPat::Contains(x)
                if x == w =>
            {
                true
            }
            p => p.matches(w),
        })
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        // "Geburtsdatum für Prénom" typed on a system that writes accents as combining marks.
        assert_eq!(fold("pre\u{301}nom"), fold("prénom"));
        assert_eq!(fold("pre\u{301}nom"), "prenom");
        assert_eq!(words("Stra\u{df}e_Nu\u{308}mmer"), words("Straße_Nümmer"));
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        // Greek and Cyrillic lose their accents; final sigma is sigma.
        assert_eq!(fold("Όνομα"), "ονομα");
        assert_eq!(fold("ΔΙΕΥΘΥΝΣΗΣ"), fold("διεύθυνσης"));
        assert_eq!(fold("Фамилия"), "фамилия");
        assert_eq!(fold("ё"), "е");
        // Devanagari vowel signs, kana voicing marks and Hangul syllables survive.
        assert_eq!(fold("फ़ोन"), "फ़ोन");
        assert_eq!(fold("ガス"), "ガス");
        assert_eq!(fold("전화번호"), "전화번호");
        // Full- and half-width forms fold to their usual ones.
        assert_eq!(fold("ＴＥＬ"), "tel");
        assert_eq!(fold("ﾃﾞﾝﾜ"), "デンワ");
        // Turkish dotted capital I.
        assert_eq!(fold("İSİM"), "isim");
    }

    #[test]
    fn unspaced_scripts_match_inside_words() {
        let p = Phrase::parse("電話").expect("phrase");
        assert!(p.find(&w("顧客電話番号")).is_some());
        assert!(p.find(&w("customer_電話")).is_some());
        let p = Phrase::parse("전화").expect("phrase");
        assert!(p.find(&w("고객_전화번호")).is_some());
        // A single character or syllable is a whole word only.
        let p = Phrase::parse("성").expect("phrase");
        assert!(p.find(&w("성")).is_some() && p.find(&w("고객_성")).is_some());
        assert!(p.find(&w("성별")).is_none() && p.find(&w("성명")).is_none());
        assert!(
            Phrase::parse("telefon")
                .expect("p")
                .find(&w("telefonas"))
                .is_none()
        );
    }
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn splits_snake_camel_spaces_digits_and_folds() {
        assert_eq!(w("customerEmail"), ["customer", "email"]);
        assert_eq!(w("CUSTOMER_EMAIL"), ["customer", "email"]);
        assert_eq!(w("Customer E-Mail"), ["customer", "e", "mail"]);
        assert_eq!(w("address_line1"), ["address", "line", "1"]);
        assert_eq!(w("Prénom"), ["prenom"]);
        assert_eq!(w("Straße"), ["strasse"]);
        assert_eq!(w("HTTPServerIP"), ["http", "server", "ip"]);
        assert_eq!(w("c1"), ["c", "1"]);
        assert!(w("___").is_empty());
        assert_eq!(w("名前"), ["名前"]);
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let p = Phrase::parse("first name").expect("phrase");
        assert_eq!(p.find(&w("customer_first_name")), Some(1));
        assert_eq!(p.find(&w("firstname")), None);
        let mail = Phrase::parse("mail").expect("phrase");
        assert_eq!(
            mail.find(&w("email")),
            None,
            "whole words: mail is not in email"
        );
        let compound = Phrase::parse("telefon*").expect("phrase");
        assert!(compound.find(&w("telefonnummer")).is_some());
        assert!(
            compound.find(&w("telefon")).is_none(),
            "prefix needs more letters"
        );
        let suffix = Phrase::parse("*strasse").expect("phrase");
        assert!(suffix.find(&w("Hauptstraße")).is_some());
        // In a word set (person tables, modifiers) the bare word counts too.
        let set = WordSet::new(&["customer*", "staff"]);
        assert!(set.contains("customer") && set.contains("customers") && set.contains("staff"));
        assert!(!set.contains("custom") && !set.contains("staffing"));
    }
}
