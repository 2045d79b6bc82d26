//! The evidence each question of the default questionnaire shows, from real scans: the built-in
//! sample (SQLite) and the same shop loaded into PostgreSQL with roles of its own. Every question
//! shows lines that fit it or says why there are none; what contradicts the sample answers comes
//! first.

mod common;

use privaudit::evidence::{self, Facts, Mark};
use privaudit::model::ScanReport;
use privaudit::questionnaire::{self, Loaded};
use privaudit::target::EngineKind;

fn sample_answers(q: &Loaded) -> privaudit::answers::Answers {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/answers.toml");
    let text = std::fs::read_to_string(path).expect("samples/answers.toml");
    privaudit::answers::parse(&text, path, q).expect("the sample answers parse")
}

/// Every question: either lines, or a reason that is a sentence.
fn every_question_fits_or_says_why(q: &Loaded, scan: &ScanReport) {
    let answers = sample_answers(q);
    for id in &q.ids {
        let e = evidence::for_question(q, id, &answers, &Facts::of(scan));
        if e.lines.is_empty() {
            let why = e
                .none
                .unwrap_or_else(|| panic!("{id}: no lines and no reason"));
            assert!(
                why.len() > 30 && why.ends_with('.') || why.ends_with(")."),
                "{id}: reason is not a sentence: {why}"
            );
        } else {
            assert!(e.none.is_none(), "{id}: lines and a reason");
        }
        // Most relevant first: marks never go back up the order.
        let marks: Vec<Mark> = e.lines.iter().map(|l| l.mark).collect();
        let mut sorted = marks.clone();
        sorted.sort();
        assert_eq!(marks, sorted, "{id}: lines are not ordered by relevance");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_shows_evidence_that_fits_each_question() {
    let q = questionnaire::load(None).expect("default questionnaire");
    let scan = common::scan_urls(&["sample"], &common::options()).await;
    every_question_fits_or_says_why(&q, &scan);
    let answers = sample_answers(&q);
    let facts = Facts::of(&scan);
    let ev = |id: &str| evidence::for_question(&q, id, &answers, &facts);

    // Passwords: the plain-text column, contradicting "hashed", before anything else.
    let pw = ev("security.password_storage");
    assert_eq!(pw.lines[0].mark, Mark::Contradicts, "{pw:?}");
    assert!(
        pw.lines[0].text.contains("employees.password") && pw.lines[0].text.contains("plain-text"),
        "{pw:?}"
    );
    assert!(
        pw.lines
            .iter()
            .all(|l| !l.text.contains("encrypted_at_rest")),
        "the password question shows the file-encryption check: {pw:?}"
    );

    // Free text: the support-ticket body with what it holds, against "no".
    let ft = ev("minimisation.free_text");
    assert!(
        ft.lines
            .iter()
            .any(|l| l.mark == Mark::Contradicts && l.text.contains("support_tickets.body")),
        "{ft:?}"
    );
    // Different questions, different evidence: sources are tables, not the category list.
    assert_ne!(ev("data.sources").lines, ev("data.categories").lines);
    assert_ne!(
        ev("data.categories").lines,
        ev("minimisation.free_text").lines
    );

    // Categories: those the answers leave out come first and say so.
    let cats = ev("data.categories");
    assert!(cats.lines[0].text.contains("not ticked"), "{cats:?}");
    assert!(
        cats.lines
            .iter()
            .any(|l| l.text.contains("ticked, not found")),
        "biometric is ticked and not found: {cats:?}"
    );

    // SQLite: no roles, no network. The reason says so instead of an empty list.
    let readers = ev("access.readers");
    assert!(readers.lines.is_empty() && readers.picks.is_empty());
    assert!(
        readers
            .none
            .as_deref()
            .unwrap_or("")
            .contains("no database roles"),
        "{readers:?}"
    );
    let tls = ev("security.tls_in_transit");
    assert!(
        tls.none
            .as_deref()
            .unwrap_or("")
            .contains("no network connection"),
        "{tls:?}"
    );
    // Encryption at rest: the file check, failing against "yes".
    let rest = ev("security.encryption_at_rest");
    assert_eq!(rest.lines[0].mark, Mark::Contradicts, "{rest:?}");
    assert!(rest.lines[0].text.contains("sqlite.encrypted_at_rest"));

    // Retention: the oldest first, past the answered 1095 days, with the count.
    let ret = ev("retention.max_age_days");
    assert_eq!(ret.lines[0].mark, Mark::Contradicts, "{ret:?}");
    assert!(ret.lines[0].text.contains("1095-day limit"), "{ret:?}");

    // A question about contracts has no scan evidence, and says why.
    let contracts = ev("access.processor_contracts");
    assert!(contracts.lines.is_empty());
    assert!(
        contracts
            .none
            .as_deref()
            .unwrap_or("")
            .contains("outside the databases")
    );

    // Nothing scanned yet, or still running: a different reason.
    let none = evidence::for_question(&q, "data.categories", &answers, &Facts::none());
    assert!(
        none.none
            .as_deref()
            .unwrap_or("")
            .starts_with("No scan yet")
    );
    let running = evidence::for_question(
        &q,
        "access.readers",
        &answers,
        &Facts::running(&scan.columns),
    );
    assert!(
        running
            .none
            .as_deref()
            .unwrap_or("")
            .contains("still running")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_readers_are_a_short_list_of_roles_to_pick_from() {
    common::with_pg(|url| async move {
        common::load_sample(&url, EngineKind::Postgres).await;
        let clerk = common::role(&url, "clerk");
        let app_service = common::role(&url, "app_service");
        common::pg_exec(
            &url,
            &[
                &format!("CREATE ROLE {clerk} LOGIN"),
                &format!("CREATE ROLE {app_service} LOGIN"),
                &format!("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {clerk}"),
                &format!("GRANT SELECT ON customers, orders TO {app_service}"),
            ],
        )
        .await;
        let scan = common::scan_urls(&[&url], &common::options()).await;
        let q = questionnaire::load(None).expect("default questionnaire");
        every_question_fits_or_says_why(&q, &scan);
        let mut answers = sample_answers(&q);
        answers.insert(
            "access.readers".into(),
            serde_json::json!([app_service.clone()]),
        );
        let e = evidence::for_question(&q, "access.readers", &answers, &Facts::of(&scan));
        // One line per (database, role), however many tables the role reads.
        let roles: std::collections::BTreeSet<(&str, &str)> = scan
            .access
            .iter()
            .map(|a| (a.database.as_str(), a.role.as_str()))
            .collect();
        assert_eq!(e.lines.len(), roles.len(), "{e:?}");
        assert!(
            scan.access.len() > e.lines.len() * 3,
            "a list of roles, not of tables"
        );
        assert!(
            e.picks.contains(&clerk) && e.picks.contains(&app_service),
            "{e:?}"
        );
        let clerk_line = e
            .lines
            .iter()
            .find(|l| l.text.starts_with(&format!("{clerk} on")))
            .expect("the clerk is listed");
        assert_eq!(clerk_line.mark, Mark::Contradicts, "{clerk_line:?}");
        assert!(clerk_line.text.contains("not on your list"));
        let app_line = e
            .lines
            .iter()
            .find(|l| l.text.starts_with(&format!("{app_service} on")))
            .expect("the app is listed");
        assert_eq!(app_line.mark, Mark::Agrees, "{app_line:?}");
        assert!(app_line.text.contains("2 tables"), "{app_line:?}");

        // TLS on a server: the transport checks, and nothing else.
        let tls =
            evidence::for_question(&q, "security.tls_in_transit", &answers, &Facts::of(&scan));
        assert!(!tls.lines.is_empty(), "{tls:?}");
        assert!(
            tls.lines
                .iter()
                .all(|l| l.text.contains("pg.ssl") || l.text.contains("pg.hba_host_without_ssl")),
            "{tls:?}"
        );
    })
    .await;
}

/// The scan finds health, religion and trade-union data the answers never mention: the question
/// about their legal condition is asked anyway, and left unanswered it is a finding as severe
/// as its worst answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn special_categories_found_bring_in_their_question() {
    let q = questionnaire::load(None).expect("default questionnaire");
    let scan = common::scan_urls(&["sample"], &common::options()).await;
    let mut answers = sample_answers(&q);
    answers.insert(
        "data.categories".into(),
        serde_json::json!(["email", "person_name"]),
    );
    answers.remove("consent.special_category_condition");
    let id = "consent.special_category_condition";
    assert!(
        !privaudit::answers::visible(&q, id, &answers),
        "hidden by the answers alone"
    );
    let found = privaudit::answers::found_categories(&scan.columns);
    assert!(privaudit::answers::visible_given(&q, id, &answers, &found));

    let report = privaudit::audit::compile(&q, &answers, scan, "scripted", true);
    let f = report
        .scan
        .findings
        .iter()
        .find(|f| f.check == "unanswered_on_evidence")
        .expect("an unanswered question the evidence raises is a finding");
    assert_eq!(f.severity, privaudit::model::Severity::Critical, "{f:?}");
    assert!(f.title.contains("Health data"), "{}", f.title);
    assert!(f.evidence.iter().any(|e| e.contains(id)), "{f:?}");

    let mut md = Vec::new();
    privaudit::report::audit::write_markdown(&mut md, &report, &q).expect("markdown");
    let md = String::from_utf8(md).expect("utf-8");
    let line = md
        .lines()
        .find(|l| {
            l.starts_with("- **") && l.contains("specific condition that allows us to process it")
        })
        .expect("the question is in the answers section");
    assert!(line.ends_with("(no answer)"), "{line}");
}
