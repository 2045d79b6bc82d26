//! The interactive audit end to end, driven in tmux like a user would: start on the sample with a
//! temporary session, answer questions of several types, wait for the scan, open the findings,
//! export the report, quit; then resume, answer, get killed with SIGKILL, and resume again with
//! every answer there. Skipped (with a printed reason) when tmux is missing, unless CI or
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

    // Findings (Esc first: the next question is a list, whose editor takes `3` as text).
    t.keys(&["Escape", "3"]);
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
