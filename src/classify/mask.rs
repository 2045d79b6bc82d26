//! Masking: how an example value is shown. Never the raw value: enough shape for an auditor to
//! recognise the kind of data (`j•••@e•••.com`, `•••• •••• •••• 4242`), nothing to identify anyone.

const DOT: char = '•';

/// Mask a value of a category for display.
pub fn mask(category: &str, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        return String::new();
    }
    match category {
        "email" => mask_email(v),
        "payment_card" => mask_card(v),
        "password" | "secret" | "biometric" => "••••••••".into(),
        "password_hash" => mask_hash(v),
        "phone" | "iban" | "national_id" | "passport_number" | "tax_id" => mask_keep_last(v, 2),
        "person_name" | "username" => mask_words(v),
        "date_of_birth" => mask_digits_all(v),
        "ip_address" => mask_ip(v),
        "geolocation" => mask_digits_all(v),
        "postal_address" | "postcode" => mask_words(v),
        "gender" => "•".into(),
        // Special categories (biometric is masked like a secret above).
        c if crate::rules::SPECIAL_CATEGORIES.contains(&c) => "•••".into(),
        _ => mask_words(v),
    }
}

fn first_char(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

fn mask_email(v: &str) -> String {
    match v.rsplit_once('@') {
        Some((local, domain)) => {
            let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
            let tld = if tld.is_empty() {
                String::new()
            } else {
                format!(".{tld}")
            };
            format!("{}•••@{}•••{tld}", first_char(local), first_char(host))
        }
        None => mask_words(v),
    }
}

fn mask_card(v: &str) -> String {
    let digits: Vec<char> = v.chars().filter(char::is_ascii_digit).collect();
    let last4: String = digits.iter().skip(digits.len().saturating_sub(4)).collect();
    let hidden = digits.len().saturating_sub(4);
    let mut groups = Vec::new();
    let mut left = hidden;
    while left > 0 {
        let g = left.min(4);
        groups.push(DOT.to_string().repeat(g));
        left -= g;
    }
    groups.push(last4);
    groups.join(" ")
}

fn mask_hash(v: &str) -> String {
    // The scheme ($2b$12$, pbkdf2_sha256$) is not secret and is what an auditor needs to see.
    let scheme_end = if v.starts_with('$') {
        v.match_indices('$')
            .nth(2)
            .map(|(i, _)| i + 1)
            .or_else(|| v.match_indices('$').nth(1).map(|(i, _)| i + 1))
    } else if v.starts_with('{') {
        v.find('}').map(|i| i + 1)
    } else {
        v.find('$').map(|i| i + 1)
    };
    match scheme_end {
        Some(i) if i < 24 && i < v.len() => format!("{}••••••", &v[..i]),
        _ => "••••••".into(),
    }
}

fn mask_keep_last(v: &str, keep: usize) -> String {
    let total = v.chars().filter(char::is_ascii_alphanumeric).count();
    let mut seen = 0;
    v.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                seen += 1;
                if seen + keep > total { c } else { DOT }
            } else {
                c
            }
        })
        .collect()
}

fn mask_words(v: &str) -> String {
    let shown: Vec<String> = v
        .split_whitespace()
        .take(6)
        .map(|w| format!("{}•••", first_char(w)))
        .collect();
    shown.join(" ")
}

fn mask_digits_all(v: &str) -> String {
    v.chars()
        .take(40)
        .map(|c| if c.is_alphanumeric() { DOT } else { c })
        .collect()
}

fn mask_ip(v: &str) -> String {
    if v.contains('.') {
        let mut parts = v.split('.');
        let first = parts.next().unwrap_or("");
        format!("{first}.•••.•••.•••")
    } else {
        let first = v.split(':').next().unwrap_or("");
        format!("{first}:••••:••••")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_issue() {
        assert_eq!(mask("email", "jane.doe@example.com"), "j•••@e•••.com");
        assert_eq!(
            mask("payment_card", "4242 4242 4242 4242"),
            "•••• •••• •••• 4242"
        );
        assert_eq!(
            mask("payment_card", "4242424242424242"),
            "•••• •••• •••• 4242"
        );
    }

    #[test]
    fn nothing_raw_leaks() {
        let cases = [
            ("phone", "+49 170 1234567"),
            ("person_name", "Jane Doe"),
            ("password", "hunter2"),
            ("secret", "sk_live_abcdef"),
            ("date_of_birth", "1985-04-12"),
            ("iban", "DE89370400440532013000"),
            ("national_id", "123-45-6789"),
            ("ip_address", "192.0.2.10"),
        ];
        for (cat, raw) in cases {
            let m = mask(cat, raw);
            assert_ne!(m, raw, "{cat}");
            assert!(!m.contains(raw), "{cat}: {m}");
        }
        assert_eq!(mask("phone", "+49 170 1234567"), "+•• ••• •••••67");
        assert_eq!(
            mask("password_hash", "$2b$12$abcdefghijklmnopqrstuv"),
            "$2b$12$••••••"
        );
    }
}
