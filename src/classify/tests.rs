//! Every rule's own examples, and the misfires peers are known for.

use super::validate::Mode;
use super::*;
use crate::rules::RuleSet;

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules compile")
}

#[test]
fn every_rule_example_value_behaves() {
    let set = rules();
    let mut failures = Vec::new();
    for rule in &set.rules {
        // Named mode is the most lenient a value is ever judged in; rules usable without a name
        // must also accept their examples in strict mode unless they require a name.
        for v in &rule.examples_match {
            let ok_named = rule.validator.check(v, Mode::Named, "")
                && rule.value.as_ref().is_none_or(|re| re.is_match(v));
            if !ok_named {
                failures.push(format!("{}: example {v:?} should match", rule.id));
            }
        }
        for v in &rule.examples_no_match {
            if rule.validator.check(v, Mode::Named, "")
                && rule.value.as_ref().is_none_or(|re| re.is_match(v))
            {
                failures.push(format!("{}: example {v:?} should not match", rule.id));
            }
        }
        if rule.examples_match.is_empty() || rule.examples_no_match.is_empty() {
            failures.push(format!(
                "{}: needs examples that match and that must not",
                rule.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_example_name_behaves() {
    let set = rules();
    let mut failures = Vec::new();
    let person_table = names::words("customers");
    for rule in &set.rules {
        for n in &rule.name_examples_match {
            let got = naming(&set, rule, &person_table, &names::words(n));
            if !matches!(got, Naming::Strong(_)) {
                failures.push(format!(
                    "{}: name {n:?} should match strongly, got {got:?}",
                    rule.id
                ));
            }
        }
        for n in &rule.name_examples_no_match {
            let got = naming(&set, rule, &person_table, &names::words(n));
            if matches!(got, Naming::Strong(_)) {
                failures.push(format!("{}: name {n:?} must not match strongly", rule.id));
            }
        }
        if !rule.names.is_empty() && rule.name_examples_match.is_empty() {
            failures.push(format!("{}: has names but no name examples", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn free_text_rules_find_their_examples_in_prose() {
    let set = rules();
    // Names in prose need both a known given name and a known surname: tested on their own in
    // `names_in_prose_need_a_given_name_and_a_surname`.
    for rule in set
        .rules
        .iter()
        .filter(|r| r.text.is_some() && r.validator != Validator::PersonName)
    {
        let re = rule.text.as_ref().expect("filtered");
        for v in &rule.examples_match {
            if !rule.validator.check(v, Mode::Strict, "") {
                continue; // only strict-valid examples are expected in prose
            }
            let prose = format!("Hello, please use {v} from now on. Thanks");
            let found = re.find_iter(&prose).any(|m| {
                rule.validator
                    .check(m.as_str(), Mode::InText, &prose[..m.start()])
            });
            let is_card_without_groups = rule.id == "payment_card" && !v.contains([' ', '-']);
            assert!(
                found || is_card_without_groups,
                "{}: {v:?} not found in prose",
                rule.id
            );
        }
    }
}

fn classify(table: &str, column: &str, class: TypeClass, values: &[&str]) -> Option<Verdict> {
    let set = rules();
    let mut a = ColumnAnalyzer::new(&set, table, column, class);
    for v in values {
        a.observe(v);
    }
    a.verdict()
}

fn many(v: &[&str], times: usize) -> Vec<String> {
    v.iter()
        .cycle()
        .take(v.len() * times)
        .map(|s| s.to_string())
        .collect()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn booleans_named_email_sent_are_not_email() {
    let vals = many(&["true", "false"], 50);
    assert_eq!(
        classify(
            "newsletter_log",
            "email_sent",
            TypeClass::Boolean,
            &refs(&vals)
        ),
        None
    );
    let vals = many(&["1", "0"], 50);
    assert_eq!(
        classify(
            "newsletter_log",
            "email_sent",
            TypeClass::Integer,
            &refs(&vals)
        ),
        None
    );
}

#[test]
fn integer_address_ids_are_not_addresses() {
    let vals: Vec<String> = (1..200).map(|i| i.to_string()).collect();
    assert_eq!(
        classify("orders", "address_id", TypeClass::Integer, &refs(&vals)),
        None
    );
    assert_eq!(
        classify(
            "orders",
            "shipping_address_id",
            TypeClass::Text,
            &refs(&vals)
        ),
        None
    );
}

#[test]
fn product_names_are_not_people() {
    let vals = many(
        &[
            "Wireless Mouse",
            "Grace Hopper Poster",
            "Walnut Desk Organizer",
            "USB-C Cable",
            "Ada Lovelace Mug",
            "Standing Desk",
        ],
        20,
    );
    assert_eq!(
        classify("products", "name", TypeClass::Text, &refs(&vals)),
        None
    );
    // The same values under a person table's `name` are plausible names: the table decides.
    let people = many(&["Jane Doe", "Hans Müller", "Marie Curie"], 20);
    let v = classify("customers", "name", TypeClass::Text, &refs(&people)).expect("person");
    assert_eq!(v.category, "person_name");
}

#[test]
fn sixteen_digit_order_numbers_are_not_cards() {
    // Random 16-digit numbers: about one in ten passes Luhn by chance.
    let mut rng = fastrand::Rng::with_seed(7);
    let vals: Vec<String> = (0..500)
        .map(|_| (0..16).map(|_| char::from(b'0' + rng.u8(0..10))).collect())
        .collect();
    assert_eq!(
        classify("orders", "order_number", TypeClass::Text, &refs(&vals)),
        None
    );
}

#[test]
fn an_email_column_named_c1_is_email() {
    let vals = many(
        &[
            "jane.doe@example.com",
            "hans.m@example.de",
            "pierre@example.fr",
        ],
        30,
    );
    let v = classify("legacy_import", "c1", TypeClass::Text, &refs(&vals)).expect("email");
    assert_eq!(v.category, "email");
    assert!(v.confidence >= 0.9, "{v:?}");
    assert!(
        v.examples.iter().all(|e| !e.contains("jane.doe")),
        "{:?}",
        v.examples
    );
}

#[test]
fn german_and_french_names_are_understood() {
    let v = classify(
        "kunden",
        "telefonnummer",
        TypeClass::Text,
        &["030 12345678", "0170/1234567", "+49 170 1234567"],
    )
    .expect("phone");
    assert_eq!(v.category, "phone");
    let v = classify(
        "kunden",
        "geburtsdatum",
        TypeClass::Date,
        &["1980-01-02", "1975-05-06", "1990-12-24"],
    )
    .expect("dob");
    assert_eq!(v.category, "date_of_birth");
    let v = classify(
        "contacts_fr",
        "courriel",
        TypeClass::Text,
        &["a@example.fr", "b@example.fr"],
    )
    .expect("email");
    assert_eq!(v.category, "email");
    let v = classify(
        "contacts_fr",
        "date_naissance",
        TypeClass::Date,
        &["1980-01-02"],
    )
    .expect("dob");
    assert_eq!(v.category, "date_of_birth");
}

#[test]
fn phone_numbers_inside_support_tickets_are_found() {
    let vals = many(
        &[
            "Hi, my parcel never arrived. Please call me back on +49 170 1234567, thanks!",
            "Order did not arrive, contact me at jane.doe@example.com",
            "Where is my refund? I have been waiting for two weeks.",
            "Bitte rufen Sie mich unter 030 12345678 an.",
        ],
        10,
    );
    let v = classify("support_tickets", "body", TypeClass::Text, &refs(&vals)).expect("free text");
    assert!(v.categories.contains(&"phone".to_string()), "{v:?}");
    assert!(v.categories.contains(&"email".to_string()), "{v:?}");
    assert!(
        v.signals
            .iter()
            .any(|s| s.starts_with("free text: phone in 20/40 rows")),
        "{:?}",
        v.signals
    );
}

#[test]
fn plain_passwords_and_hashes_are_told_apart() {
    let v = classify(
        "employees",
        "password",
        TypeClass::Text,
        &["hunter2", "Summer2024!", "Passw0rd"],
    )
    .expect("pw");
    assert_eq!(v.category, "password");
    let v = classify(
        "customers",
        "password_hash",
        TypeClass::Text,
        &["$2b$12$KIXQJ1xYkOZb7hJ5l6R0bOqJ8s0yqJXG7cVnYx8H9Jv2Sx3kZ1D2e"],
    )
    .expect("hash");
    assert_eq!(v.category, "password_hash");
    // A column called password_hash that holds plain text is a plain-text password column.
    let v = classify(
        "users",
        "password_hash",
        TypeClass::Text,
        &["hunter2", "letmein", "qwerty123"],
    )
    .expect("pw");
    assert_eq!(v.category, "password");
}

#[test]
fn empty_tables_are_judged_by_name_alone_with_modest_confidence() {
    let v = classify("waitlist", "email", TypeClass::Text, &[]).expect("name only");
    assert_eq!(v.category, "email");
    assert!((v.confidence - 0.5).abs() < 1e-9);
}

#[test]
fn latitude_needs_a_longitude() {
    let lat = classify(
        "delivery_locations",
        "latitude",
        TypeClass::Decimal,
        &["52.52", "48.85"],
    );
    let lon = classify(
        "delivery_locations",
        "longitude",
        TypeClass::Decimal,
        &["13.40", "2.35"],
    );
    let mut both = vec![lat.clone(), lon];
    resolve_table(&rules(), "t", &mut both);
    assert!(both.iter().all(Option::is_some));
    let mut alone = vec![lat];
    resolve_table(&rules(), "t", &mut alone);
    assert!(alone[0].is_none());
}

#[test]
fn ip_like_version_strings_are_not_ips() {
    let vals = many(&["4.2.17.1", "4.3.0.2", "5.0.1.0"], 10);
    assert_eq!(
        classify(
            "newsletter_log",
            "build_version",
            TypeClass::Text,
            &refs(&vals)
        ),
        None
    );
}

#[test]
fn huge_and_odd_values_do_not_panic() {
    let big = "é".repeat(5_000_000); // 10 MB of two-byte characters
    let odd = String::from_utf8_lossy(&[0xff, 0xfe, b'a', 0xc3]).into_owned();
    let v = classify("t", "notes", TypeClass::Text, &[&big, &odd, "\u{0}"]);
    assert_eq!(v, None);
    assert_eq!(cut(&big).len(), MAX_VALUE_BYTES);
}

/// Columns of values seen misreported as phones on data we did not write (issue 8).
#[test]
fn timestamps_versions_ids_and_titles_are_not_phones() {
    let set = rules();
    let verdict = |name: &str, class: TypeClass, values: &[&str]| {
        let mut a = ColumnAnalyzer::new(&set, "things", name, class);
        for _ in 0..10 {
            for v in values {
                a.observe(v);
            }
        }
        a.verdict().map(|v| v.category)
    };
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        (
            "logged",
            &["2023-09-18 19:24:13.708663", "2024-01-02 03:04:05.123456"],
            None,
        ),
        ("build", &["4.11.86.829", "5.2.11.1024"], None),
        (
            "value",
            &["211.18.237.66", "84.17.40.222"],
            Some("ip_address"),
        ),
        (
            "ref",
            &[
                "550e8400-e29b-41d4-a716-446655440000",
                "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            ],
            None,
        ),
        (
            "shape",
            &["POINT(4.47 51.95)", "POINT(-0.1276 51.5072)"],
            Some("geolocation"),
        ),
        (
            "title",
            &[
                "Greatest Hits (1993-2008)",
                "Live at the Hall",
                "Anthology 1999/2004",
                "Unplugged",
                "Blue",
                "The Early Years",
                "Remastered",
                "Volume One",
            ],
            None,
        ),
        (
            "log_line",
            &[
                "request 550e8400-e29b-41d4-a716-446655440000 took 12 ms",
                "at 2023-09-18 19:24:13.708663 user logged in",
                "upgraded to 4.11.86.829",
                "client 10.1.2.3 connected",
            ],
            None,
        ),
    ];
    for (name, values, want) in cases {
        assert_eq!(
            verdict(name, TypeClass::Text, values).as_deref(),
            *want,
            "{name}: {values:?}"
        );
    }
    // Real phones in free text still count, with context.
    assert_eq!(
        verdict(
            "note",
            TypeClass::Text,
            &[
                "call me on +44 20 7946 0958 after six",
                "tel. 030 12345678 please"
            ]
        )
        .as_deref(),
        Some("phone")
    );
}

#[test]
fn strong_names_with_values_that_fail_the_check_are_still_reported() {
    let rules = RuleSet::builtin().expect("rules");
    // NINO-shaped values with reserved prefixes (as in staging data), SSNs of area 000,
    // IBANs with a bad check, card numbers that fail Luhn.
    for (column, values, category) in [
        (
            "ni_number",
            vec![
                "QQ123456C",
                "BG 12 34 56 A",
                "ZZ999999D",
                "GB123456A",
                "DQ112233B",
            ],
            "national_id",
        ),
        (
            "ssn",
            vec![
                "000-12-3456",
                "666-45-6789",
                "900-11-2222",
                "123-00-4567",
                "000-99-1111",
            ],
            "national_id",
        ),
        (
            "iban",
            vec![
                "DE00123456781234567890",
                "GB00WEST12345698765432",
                "FR0012345678901234567890123",
                "NL00ABNA0123456789",
                "ES0012345678901234567890",
            ],
            "iban",
        ),
        (
            "card_number",
            vec![
                "4111111111111112",
                "5500 0000 0000 0005",
                "4000-0000-0000-0001",
                "4242424242424241",
                "3782822463100051",
            ],
            "payment_card",
        ),
    ] {
        let mut a = ColumnAnalyzer::new(&rules, "employees", column, TypeClass::Text);
        for v in &values {
            a.observe(v);
        }
        let v = a
            .verdict()
            .unwrap_or_else(|| panic!("{column}: near-miss values not reported"));
        assert_eq!(v.category, category, "{column}: {v:?}");
        assert!(
            v.confidence < 0.8 && v.confidence >= 0.6,
            "{column}: lower confidence than validated values: {v:?}"
        );
        assert!(
            v.signals.iter().any(|s| s.contains("fail its check")),
            "{column}: {:?}",
            v.signals
        );
        for e in &v.examples {
            assert!(
                !values.iter().any(|raw| e == raw),
                "{column}: raw example {e}"
            );
        }
    }
    // Without a telling name, near misses are nothing; a strong name over free text is no
    // near miss either.
    let mut a = ColumnAnalyzer::new(&rules, "imports", "ref", TypeClass::Text);
    for v in [
        "QQ123456C",
        "ZZ999999D",
        "GB123456A",
        "DQ112233B",
        "BG123456A",
    ] {
        a.observe(v);
    }
    assert!(a.verdict().is_none_or(|v| v.category != "national_id"));
    let mut a = ColumnAnalyzer::new(&rules, "employees", "ni_number", TypeClass::Text);
    for v in ["unknown", "n/a", "to follow", "pending", "see HR"] {
        a.observe(v);
    }
    assert!(a.verdict().is_none_or(|v| v.category != "national_id"));
}

#[test]
fn lookup_tables_and_company_names_are_not_people() {
    let rules = RuleSet::builtin().expect("rules");
    let verdict = |table: &str, column: &str, values: &[&str]| {
        let mut a = ColumnAnalyzer::new(&rules, table, column, TypeClass::Text);
        for v in values {
            a.observe(v);
        }
        a.verdict()
    };
    let cities = [
        "Lethbridge",
        "Woodridge",
        "A Coruña (La Coruña)",
        "Abha",
        "Abu Dhabi",
    ];
    assert!(verdict("city", "city", &cities).is_none());
    assert!(verdict("cities", "city", &cities).is_none());
    assert!(verdict("customers", "city", &cities).is_some_and(|v| v.category == "postal_address"));
    let companies = [
        "Alfreds Futterkiste",
        "Ana Trujillo Emparedados",
        "Around the Horn",
    ];
    assert!(verdict("customers", "company_name", &companies).is_none());
    assert!(verdict("customers", "CompanyName", &companies).is_none());
    let people = ["Maria Anders", "Thomas Hardy", "Ana Trujillo"];
    assert!(
        verdict("customers", "contact_name", &people).is_some_and(|v| v.category == "person_name")
    );
    let composers = [
        "Angus Young, Malcolm Young, Brian Johnson",
        "F. Baltes, S. Kaufman, U. Dirkscneider & W. Hoffman",
        "Steven Tyler, Joe Perry",
        "Alanis Morissette & Glenn Ballard",
    ];
    assert!(verdict("track", "composer", &composers).is_some_and(|v| v.category == "person_name"));
}

#[test]
fn names_in_prose_need_a_given_name_and_a_surname() {
    let check = |v: &str| Validator::PersonName.check(v, Mode::InText, "");
    assert!(check("Steven Buchanan"));
    assert!(check("Anna Schmidt"));
    for v in [
        "Colorado State",
        "Sales Manager",
        "Toastmasters International",
        "Burger King",
        "STEVEN BUCHANAN",
        "Steven",
    ] {
        assert!(!check(v), "{v}");
    }
    // One album title in a hundred naming an artist is no personal data; a share of notes that
    // name people is.
    let set = rules();
    let mut titles = ColumnAnalyzer::new(&set, "album", "title", TypeClass::Text);
    for i in 0..100 {
        titles.observe(&format!("Greatest Hits Volume {i}"));
    }
    titles.observe("The Best of Maria Anders");
    assert!(titles.verdict().is_none());
    let mut notes = ColumnAnalyzer::new(&set, "employees", "notes", TypeClass::Text);
    for v in [
        "Steven Buchanan graduated from St. Andrews University in 1976.",
        "Education includes a BA in psychology.",
        "Fluent in French and German.",
        "Joined the company as a sales representative.",
    ] {
        notes.observe(v);
    }
    assert!(notes.verdict().is_some_and(|v| v.category == "person_name"));
}

#[test]
fn contact_data_of_companies_falls_below_the_floor_unless_a_person_is_there() {
    let set = rules();
    let phones = ["(503) 555-9831", "(503) 555-3199", "(503) 555-9931"];
    let verdict = |table: &str, column: &str, values: &[&str]| {
        let mut a = ColumnAnalyzer::new(&set, table, column, TypeClass::Text);
        for v in values {
            a.observe(v);
        }
        a.verdict()
    };
    let mut shippers = vec![verdict("shippers", "phone", &phones)];
    resolve_table(&set, "shippers", &mut shippers);
    let v = shippers[0].as_ref().expect("still reported, lower");
    assert!(v.confidence < 0.5, "{v:?}");
    assert!(v.signals.iter().any(|s| s.contains("business")));
    let mut suppliers = vec![
        verdict("suppliers", "phone", &phones),
        verdict(
            "suppliers",
            "contact_name",
            &["Charlotte Cooper", "Shelley Burke", "Regina Murphy"],
        ),
    ];
    resolve_table(&set, "suppliers", &mut suppliers);
    assert!(
        suppliers[0].as_ref().is_some_and(|v| v.confidence > 0.85),
        "{suppliers:?}"
    );
    let mut shop_customers = vec![verdict("shop_customers", "phone", &phones)];
    resolve_table(&set, "shop_customers", &mut shop_customers);
    assert!(
        shop_customers[0]
            .as_ref()
            .is_some_and(|v| v.confidence > 0.85)
    );
}

#[test]
fn json_keys_that_are_e_mail_addresses_are_found_and_masked() {
    let set = rules();
    let mut a = ColumnAnalyzer::new(&set, "profiles", "data", TypeClass::Json);
    for i in 0..10 {
        a.observe(&format!(
            r#"{{"user{i}.brown@example.com": {{"phone": "+44 20 7946 09{i:02}"}}}}"#
        ));
    }
    let v = a.verdict().expect("verdict");
    assert!(v.categories.contains(&"email".to_string()), "{v:?}");
    let shown = format!("{v:?}");
    assert!(!shown.contains("brown@example.com"), "{shown}");
}

#[test]
fn national_id_groupings_are_not_phones_by_values_alone() {
    let ssns = many(
        &["322-68-6715", "427-93-7357", "672-40-4904", "219-09-9999"],
        10,
    );
    assert!(
        classify("staff", "ref", TypeClass::Text, &refs(&ssns))
            .is_none_or(|v| v.category != "phone")
    );
    // Under a national-id name the same values are what the name says.
    let v = classify("staff", "gov_id", TypeClass::Text, &refs(&ssns)).expect("verdict");
    assert_eq!(v.category, "national_id", "{v:?}");
    // A phone written 3-3-4 still is one.
    assert!(Validator::Phone.check("201-555-0142", Mode::Strict, ""));
}

#[test]
fn phone_extensions_are_part_of_the_number() {
    for v in [
        "717-865-8093x669",
        "(964)804-0474x919",
        "+1-706-635-2673x321",
        "030 12345678 ext. 12",
    ] {
        assert!(Validator::Phone.check(v, Mode::Named, ""), "{v}");
    }
    let vals = many(
        &[
            "717-865-8093x669",
            "853.312.1024",
            "(371)493-7606x6869",
            "7149987877",
        ],
        10,
    );
    let v = classify("dossiers", "telephone", TypeClass::Text, &refs(&vals)).expect("verdict");
    assert_eq!(v.category, "phone");
}

#[test]
fn freephone_and_premium_numbers_are_not_phones_by_values_alone() {
    let vals = many(
        &[
            "0800 100 200",
            "+43 800 664 664",
            "1-800-555-0100",
            "0800 66 77 88",
        ],
        10,
    );
    assert!(
        classify("plans", "hotline", TypeClass::Text, &refs(&vals))
            .is_none_or(|v| v.category != "phone"),
    );
    // Named for a phone, they still count.
    assert!(classify("plans", "phone", TypeClass::Text, &refs(&vals)).is_some());
}

#[test]
fn labelled_digests_are_password_hashes_only_under_a_password_name() {
    let digest = "sha256:925b9392e8703168fdbd4147814e5547b6779cfa28d655b1c2b67b1038790621";
    assert!(!Validator::PasswordHash.check(digest, Mode::Strict, ""));
    assert!(Validator::PasswordHash.check(digest, Mode::Named, ""));
    let vals = many(&[digest], 20);
    assert!(classify("releases", "checksum", TypeClass::Text, &refs(&vals)).is_none());
    let v = classify("users", "password_hash", TypeClass::Text, &refs(&vals)).expect("verdict");
    assert_eq!(v.category, "password_hash");
    assert!(v.weak_hashes > 0, "an unsalted digest is weak storage");
    // Real password-hash formats still count by their values alone.
    for v in [
        "pbkdf2:sha256:600000$Zr2jY9kC$1f0e6a4c9a4d3b2e1f0e6a4c9a4d3b2e1f0e6a4c9a4d3b2e1f0e6a4c9a4d3b2e",
        "sha1$a1b2c$6c9c3f1f6e0a7e0c1b9f7d0e3b2a1c4d5e6f7a8b",
        "$2b$12$KIXQJ1xYkOZb7hJ5l6R0bOqJ8s0yqJXG7cVnYx8H9Jv2Sx3kZ1D2e",
    ] {
        assert!(Validator::PasswordHash.check(v, Mode::Strict, ""), "{v}");
    }
}

#[test]
fn values_that_contradict_a_name_part_rule_it_out() {
    // A key card's hex UID is not a login.
    let uids = many(
        &[
            "93:72:EF:D5:2B:F0:CF",
            "B2:E4:95:F9:2B:14:51",
            "04a3b2c1d2e3f4",
        ],
        10,
    );
    assert!(classify("room_keys", "key_uid", TypeClass::Text, &refs(&uids)).is_none());
    // The condition of an item is not health data.
    let grades = many(&["new", "like new", "good", "fair"], 10);
    assert!(
        classify(
            "listings",
            "item_condition",
            TypeClass::Text,
            &refs(&grades)
        )
        .is_none()
    );
    // Country codes are not where someone lives.
    let codes = many(&["BR", "PL", "MX", "IT"], 10);
    assert!(classify("holders", "tax_residence", TypeClass::Text, &refs(&codes)).is_none());
    assert!(
        classify(
            "holders",
            "residence",
            TypeClass::Text,
            &refs(&many(&["Lisboa", "Porto"], 10))
        )
        .is_some()
    );
}

#[test]
fn genders_in_more_languages() {
    let pl = many(&["K", "M"], 10);
    let v = classify("abonenci", "plec", TypeClass::Text, &refs(&pl)).expect("verdict");
    assert_eq!(v.category, "gender");
    let tr = many(&["Kadın", "Erkek"], 10);
    let v = classify("aboneler", "cinsiyet", TypeClass::Text, &refs(&tr)).expect("verdict");
    assert_eq!(v.category, "gender");
    let v = classify(
        "patients",
        "sex_at_birth",
        TypeClass::Text,
        &refs(&many(&["male", "female", "intersex"], 5)),
    )
    .expect("verdict");
    assert_eq!(v.category, "gender");
}

#[test]
fn sites_and_offerings_hold_a_business_s_contact_data_and_a_building_s_location() {
    let set = rules();
    let verdict = |table: &str, column: &str, values: &[&str]| {
        let mut a = ColumnAnalyzer::new(&set, table, column, TypeClass::Text);
        for v in values {
            a.observe(v);
        }
        a.verdict()
    };
    let lat = ["52.5200", "48.8566", "41.9028"];
    let lng = ["13.4050", "2.3522", "12.4964"];
    let mut hotels = vec![
        verdict("hotels", "lat", &lat),
        verdict("hotels", "lng", &lng),
    ];
    resolve_table(&set, "hotels", &mut hotels);
    assert!(
        hotels.iter().flatten().all(|v| v.confidence < 0.5),
        "{hotels:?}"
    );
    // A person in the table: the coordinates may be where they are.
    let mut guests = vec![
        verdict("hotel_guests", "lat", &lat),
        verdict("hotel_guests", "lng", &lng),
    ];
    resolve_table(&set, "hotel_guests", &mut guests);
    assert!(
        guests.iter().flatten().all(|v| v.confidence > 0.85),
        "{guests:?}"
    );
    let mut deliveries = vec![
        verdict("deliveries", "lat", &lat),
        verdict("deliveries", "lng", &lng),
    ];
    resolve_table(&set, "deliveries", &mut deliveries);
    assert!(deliveries.iter().flatten().all(|v| v.confidence > 0.85));
}

#[test]
fn identity_numbers_are_told_apart_from_phones_first() {
    // Swedish personnummer with their dash, under a name that says nothing: each also reads
    // as a phone number somewhere, but the check digits and dates of all of them validate.
    let pnr = [
        "811218-9876",
        "670919-9530",
        "640823-3234",
        "800101-3294",
        "900115-2389",
        "750621-4563",
        "851203-2395",
        "690527-1117",
    ];
    let v = classify("kunder", "nummer", TypeClass::Text, &pnr).expect("found");
    assert_eq!(v.category, "national_id", "{v:?}");
    // Phone numbers stay phones.
    let phones = [
        "+46 8 123 456 78",
        "+46 70 123 45 67",
        "+46 31 711 22 33",
        "+46 40 12 34 56",
    ];
    let v = classify("kunder", "nummer", TypeClass::Text, &phones).expect("found");
    assert_eq!(v.category, "phone", "{v:?}");
}
