//! The interactive audit end to end, driven in tmux like a user would: start on the sample with a
//! temporary session, answer questions of several types, wait for the scan, open the findings,
//! export the report, quit; then resume, answer, get killed with SIGKILL, and resume again with
//! every answer there. A second test answers every question the default questionnaire shows
//! on the built-in sample, exports, checks that the report's Answers section shows option
//! labels (not ids) and that the action plan has no duplicate row, and prints the keystrokes
//! and time it took. Skipped (with a printed reason) when tmux is missing, unless CI or
//! `PRIVAUDIT_REQUIRE_DB=1` is set.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    name: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn start(&self, dir: &Path, command: &str) {
        let dir = dir.display().to_string();
        let o = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            &self.name,
            "-x",
            "100",
            "-y",
            "30",
            "-c",
            &dir,
            command,
        ]);
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // Keep the pane after the program ends, to tell "exited" from "still running".
        self.cmd(&["set-option", "-t", &self.name, "remain-on-exit", "on"]);
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", &self.name, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, s: &str) {
        self.cmd(&["send-keys", "-t", &self.name, "-l", s]);
        std::thread::sleep(Duration::from_millis(100));
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", &self.name]).stdout)
            .into_owned()
    }

    fn wait_for(&self, what: &str, secs: u64) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "waited {secs}s for {what:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn pane(&self, format: &str) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", &self.name, format])
                .stdout,
        )
        .trim()
        .to_string()
    }

    fn wait_exit(&self, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        while self.pane("#{pane_dead}") != "1" {
            assert!(
                Instant::now() < end,
                "the app did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn kill(&self) {
        self.cmd(&["kill-session", "-t", &self.name]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            !required(),
            "tmux is required (CI / PRIVAUDIT_REQUIRE_DB=1) but not installed"
        );
        println!("skipped: tmux is not installed");
        return false;
    }
    true
}

fn required() -> bool {
    std::env::var("PRIVAUDIT_REQUIRE_DB").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

fn answers(session: &Path) -> serde_json::Value {
    let text = std::fs::read(session).expect("session file");
    let v: serde_json::Value = serde_json::from_slice(&text).expect("session JSON");
    v["answers"].clone()
}

fn wait_answer(session: &Path, id: &str, secs: u64) -> serde_json::Value {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Ok(text) = std::fs::read(session)
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&text)
            && !v["answers"][id].is_null()
        {
            return v["answers"][id].clone();
        }
        assert!(
            Instant::now() < end,
            "{id} never reached {}",
            session.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_interactive_audit_in_tmux_survives_sigkill() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            !required(),
            "tmux is required (CI / PRIVAUDIT_REQUIRE_DB=1) but not installed"
        );
        println!("skipped: tmux is not installed");
        return;
    }
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("privaudit");
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("session.json");
    let out = dir.path().join("report-out");
    let command = format!(
        "exec env -u NO_COLOR {} --session {}",
        bin.display(),
        session.display()
    );
    let t = Tmux {
        socket: format!("privaudit-test-{}", std::process::id()),
        name: "audit".into(),
    };

    // First run: start screen, scan finishes in the background.
    t.start(dir.path(), &command);
    t.wait_for("Audit session", 20);
    t.wait_for("scan finished", 60);
    t.keys(&["Enter"]);
    t.wait_for("Which categories of personal data", 10);
    // Multi choice: e-mail and phone.
    t.keys(&["Space", "Down", "Space", "Enter"]);
    assert_eq!(
        wait_answer(&session, "data.categories", 10),
        serde_json::json!(["email", "phone"])
    );
    // Free text, with characters that are also keys.
    t.wait_for("data.subcategories", 10);
    // Enter opens the text field; in it every character is text.
    t.keys(&["Enter"]);
    t.text("orders; q h / ? 3");
    t.keys(&["Enter"]);
    assert_eq!(
        wait_answer(&session, "data.subcategories", 10),
        "orders; q h / ? 3"
    );
    // Multi choice again (sources), then a list.
    t.wait_for("data.sources", 10);
    t.keys(&["Space", "Enter"]);
    t.wait_for("data.systems", 10);
    t.keys(&["Enter"]);
    t.text("crm");
    t.keys(&["Enter"]);
    t.text("web shop");
    t.keys(&["Enter", "Enter"]);
    assert_eq!(
        wait_answer(&session, "data.systems", 10),
        serde_json::json!(["crm", "web shop"])
    );
    // yes / partly / no.
    t.wait_for("data.inventory", 10);
    t.keys(&["Down", "Space", "Enter"]);
    assert_eq!(wait_answer(&session, "data.inventory", 10), "partly");

    // Findings: outside a text field digits switch screens.
    t.keys(&["3"]);
    let s = t.wait_for("Findings", 10);
    assert!(
        s.contains("RECON") || s.contains("CRIT") || s.contains("HIGH"),
        "{s}"
    );

    // Report export into a directory of our choice.
    t.keys(&["6"]);
    t.wait_for("Report preview", 10);
    t.keys(&["e", "C-u"]);
    t.text(&out.display().to_string());
    t.keys(&["Enter"]);
    t.wait_for("Wrote", 10);
    for f in [
        "report.md",
        "report.json",
        "findings.csv",
        "inventory.csv",
        "access.csv",
    ] {
        assert!(out.join(f).exists(), "{f} not written");
    }
    t.keys(&["Escape", "q"]);
    t.wait_exit(10);
    t.kill();

    // Second run: resumes at the next question; answer it and get SIGKILLed.
    t.start(dir.path(), &command);
    let s = t.wait_for("access.readers", 20);
    assert!(
        s.contains("scan from the session"),
        "the saved scan is shown at once:\n{s}"
    );
    t.keys(&["Enter"]);
    t.text("alice");
    t.keys(&["Enter", "Enter"]);
    assert_eq!(
        wait_answer(&session, "access.readers", 10),
        serde_json::json!(["alice"])
    );
    let pid = t.pane("#{pane_pid}");
    let killed = Command::new("kill")
        .args(["-9", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    t.wait_exit(10);
    t.kill();

    // Third run: every answer is there.
    let a = answers(&session);
    for id in [
        "data.categories",
        "data.subcategories",
        "data.sources",
        "data.systems",
        "data.inventory",
        "access.readers",
    ] {
        assert!(!a[id].is_null(), "{id} lost: {a}");
    }
    t.start(dir.path(), &command);
    t.wait_for("access.grant_process", 20);
    t.keys(&["p"]);
    t.wait_for("saved answer: alice", 10);
    // F-keys switch screens even while a text editor has the keys.
    t.keys(&["F1"]);
    let s = t.wait_for("resumed:", 10);
    assert!(s.contains("resumed: 6 answers"), "{s}");
    t.keys(&["F2", "Escape"]);
    t.keys(&["Up", "Up", "Up", "Up", "Up", "Up", "Up"]);
    let s = t.wait_for("data 5/5", 10);
    assert!(s.contains("✓ subcategories"), "{s}");
    t.keys(&["q"]);
    t.wait_exit(10);
}

/// Counts what a person would press: each key, and each character typed.
struct Counted<'a> {
    t: &'a Tmux,
    keystrokes: usize,
    /// Of those, characters typed as text.
    typed: usize,
}

impl Counted<'_> {
    fn keys(&mut self, keys: &[&str]) {
        self.keystrokes += keys.len();
        self.t.keys(keys);
    }

    fn text(&mut self, s: &str) {
        self.keystrokes += s.chars().count();
        self.typed += s.chars().count();
        self.t.text(s);
    }
}

/// The id on the question pane's head line, "section.question · type".
fn current_question(screen: &str, kinds: &[&str]) -> Option<String> {
    screen.lines().find_map(|line| {
        let line = line.trim_matches(|c: char| c == '│' || c.is_whitespace());
        let parts: Vec<&str> = line.split('│').collect();
        parts.iter().find_map(|p| {
            let (id, kind) = p.trim().split_once(" · ")?;
            let ok = kinds.contains(&kind.trim())
                && id.contains('.')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            ok.then(|| id.to_string())
        })
    })
}

#[test]
fn every_question_of_the_default_questionnaire_is_answered_and_exported() {
    if !have_tmux() {
        return;
    }
    use privaudit::questionnaire::QuestionType;
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("privaudit");
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("session.json");
    let out = dir.path().join("report-out");
    let command = format!(
        "exec env -u NO_COLOR {} --session {}",
        bin.display(),
        session.display()
    );
    let t = Tmux {
        socket: format!("privaudit-full-{}", std::process::id()),
        name: "full".into(),
    };
    let q = privaudit::questionnaire::builtin().expect("questionnaire");
    let kinds = [
        "yes_no",
        "yes_partly_no",
        "single_choice",
        "multi_choice",
        "text",
        "list",
        "number",
        "date",
        "scale",
    ];
    t.start(dir.path(), &command);
    t.wait_for("Audit session", 20);
    t.wait_for("scan finished", 60);
    let started = Instant::now();
    let mut k = Counted {
        t: &t,
        keystrokes: 0,
        typed: 0,
    };
    k.keys(&["Enter"]);
    t.wait_for("data.categories", 10);
    let mut answered: Vec<String> = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for _ in 0..q.len() + 5 {
        let screen = t.screen();
        let Some(id) = current_question(&screen, &kinds) else {
            panic!("no question on the screen:\n{screen}");
        };
        if answered.contains(&id) {
            // The last question stays on screen once answered.
            break;
        }
        let r = q
            .get(&id)
            .unwrap_or_else(|| panic!("unknown question {id}"));
        let kind = *r.question.kind.get_ref();
        *by_kind.entry(kind.name()).or_default() += 1;
        match kind {
            // The first option (for multi choice, ticked with Space), saved with Enter.
            QuestionType::MultiChoice => k.keys(&["Space", "Enter"]),
            // Yes (which shows the questions that depend on it), saved with Enter.
            QuestionType::YesNo => k.keys(&["Enter"]),
            // The second option: so answers are not all the first one.
            QuestionType::YesPartlyNo | QuestionType::SingleChoice => k.keys(&["Down", "Enter"]),
            QuestionType::Text => {
                k.keys(&["Enter"]);
                k.text("as discussed with the team");
                k.keys(&["Enter"]);
            }
            QuestionType::List => {
                k.keys(&["Enter"]);
                k.text("shop database");
                k.keys(&["Enter", "Enter"]);
            }
            QuestionType::Number => {
                k.keys(&["Enter"]);
                k.text("730");
                k.keys(&["Enter"]);
            }
            QuestionType::Date => {
                k.keys(&["Enter"]);
                k.text("2025-03-01");
                k.keys(&["Enter"]);
            }
            QuestionType::Scale => {
                k.keys(&["Right", "Right", "Down"]);
                k.text("two staff share a login");
                k.keys(&["Enter"]);
            }
        }
        wait_answer(&session, &id, 10);
        // The file is saved before the screen is drawn: wait for the next question (or the
        // end) to be on screen.
        let end = Instant::now() + Duration::from_secs(5);
        let mut done = false;
        loop {
            let screen = t.screen();
            if screen.contains("Sections ✓ complete") {
                done = true;
                break;
            }
            if current_question(&screen, &kinds).is_some_and(|c| c != id) {
                break;
            }
            assert!(Instant::now() < end, "stuck at {id}:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
        answered.push(id);
        if done {
            break;
        }
    }
    let s = t.wait_for("Sections ✓ complete", 10);
    let answer_secs = started.elapsed().as_secs_f64();
    let answer_keys = k.keystrokes;
    let answer_typed = k.typed;
    assert!(
        s.contains("Questionnaire complete") || s.contains("✓ complete"),
        "{s}"
    );
    let a = answers(&session);
    assert_eq!(
        a.as_object().map_or(0, |o| o.len()),
        answered.len(),
        "every question answered once: {answered:?}"
    );

    // Export.
    k.keys(&["6"]);
    t.wait_for("Report preview", 10);
    k.keys(&["e", "C-u"]);
    k.text(&out.display().to_string());
    k.keys(&["Enter"]);
    t.wait_for("Wrote", 10);
    let total_secs = started.elapsed().as_secs_f64();
    k.keys(&["Escape", "q"]);
    t.wait_exit(10);
    println!(
        "full audit: {} questions ({by_kind:?}) answered in {answer_keys} keystrokes ({} keys, {answer_typed} characters of text) and {answer_secs:.1} s of tmux time; with the export {} keystrokes, {total_secs:.1} s",
        answered.len(),
        answer_keys - answer_typed,
        k.keystrokes
    );

    // The Answers section shows option labels, never the stored ids.
    let md = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    let section = md
        .split("## Answers")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("an Answers section");
    let mut checked = 0;
    for id in &answered {
        let r = q.get(id).expect("question");
        let question = r.question;
        let prompt = privaudit::escape::markdown(&question.prompt);
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("- **{prompt}** — ")))
            .unwrap_or_else(|| panic!("no Answers line for {id}:\n{section}"));
        let shown = line.split_once("** — ").map_or("", |x| x.1);
        assert!(!shown.starts_with("(no answer)"), "{id}: {line}");
        let picked: Vec<String> = match &a[id.as_str()] {
            serde_json::Value::String(v) => vec![v.clone()],
            serde_json::Value::Array(l) => l
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        for v in picked
            .iter()
            .filter(|_| question.kind.get_ref().is_choice())
        {
            let o = question
                .options
                .iter()
                .find(|o| &o.value == v)
                .unwrap_or_else(|| panic!("{id}: {v} is no option"));
            let label = privaudit::escape::markdown(&o.label);
            assert!(
                shown.contains(&label),
                "{id}: label {label:?} missing: {line}"
            );
            if o.label != o.value {
                let raw = privaudit::escape::markdown(v);
                assert!(
                    !shown.split(", ").any(|part| part == raw),
                    "{id}: the id {v} is shown: {line}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "choice answers checked: {checked}");
    // The action plan has no row twice.
    let plan = md
        .split("## Action plan")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("an action plan");
    let rows: Vec<&str> = plan
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("|:--"))
        .collect();
    assert!(rows.len() > 1, "{plan}");
    let mut seen = std::collections::BTreeSet::new();
    for r in &rows {
        assert!(
            seen.insert(*r),
            "the action plan has a duplicate row: {r}\n{plan}"
        );
    }
}
