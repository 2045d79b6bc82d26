//! The event loop: terminal setup and teardown, crossterm key events, scan events from a tokio
//! task, and the execution of the commands `update` returns. Redraws only when something changed
//! (or on the spinner tick while scanning).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use ratatui::crossterm::execute;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio_util::sync::CancellationToken;

use super::app::{Action, App, Command, update};
use super::view;
use crate::scan::{self, ScanEvent, ScanOptions};
use crate::target::Target;

/// Everything the interactive audit starts from.
pub struct Options {
    /// Targets to scan.
    pub targets: Vec<Target>,
    /// Scan options.
    pub scan: ScanOptions,
    /// The app (questionnaire, session).
    pub app: App,
    /// Capture the mouse.
    pub mouse: bool,
}

/// Whether both standard input and output are terminals.
pub fn is_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Whether colours are wanted: not with `--no-color` or a non-empty `NO_COLOR`.
pub fn want_color(no_color_flag: bool) -> bool {
    !no_color_flag && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

struct Scanner {
    cancel: Option<CancellationToken>,
    tx: UnboundedSender<Action>,
    /// One scan at a time: a rescan waits until the cancelled scan has closed its connections,
    /// so the two never hold connections together.
    one_at_a_time: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Scanner {
    fn start(
        &mut self,
        rt: &tokio::runtime::Runtime,
        generation: u64,
        targets: &[Target],
        only: Option<usize>,
        opts: &ScanOptions,
    ) {
        self.stop();
        let cancel = CancellationToken::new();
        self.cancel = Some(cancel.clone());
        let tx = self.tx.clone();
        let targets = match only {
            Some(i) => targets.get(i).cloned().into_iter().collect(),
            None => targets.to_vec(),
        };
        let opts = opts.clone();
        let one_at_a_time = self.one_at_a_time.clone();
        // `scan::run`'s future is not `Send` for every lifetime, so it runs on its own thread
        // driven by the runtime's handle rather than as a spawned task.
        let handle = rt.handle().clone();
        let inner = handle.clone();
        std::thread::spawn(move || {
            handle.block_on(async move {
                let (etx, mut erx) = unbounded_channel();
                let forward = tx.clone();
                let pump = inner.spawn(async move {
                    while let Some(ev) = erx.recv().await {
                        let ev = match only {
                            Some(i) => retarget(ev, i),
                            None => ev,
                        };
                        if forward.send(Action::Scan(generation, ev)).is_err() {
                            break;
                        }
                    }
                });
                // Held until this scan has returned, which is after it closed its pools.
                let _turn = one_at_a_time.acquire().await;
                let result = scan::run(&targets, &opts, etx, cancel).await;
                // Deliver every event before the result.
                let _ = pump.await;
                let _ = tx.send(Action::ScanDone(generation, result.map(Box::new)));
            })
        });
    }

    fn stop(&mut self) {
        if let Some(c) = self.cancel.take() {
            c.cancel();
        }
    }
}

/// Events of a one-target scan name target 0: name the target's index in the full list.
fn retarget(ev: ScanEvent, i: usize) -> ScanEvent {
    match ev {
        ScanEvent::TargetStarted { database, .. } => ScanEvent::TargetStarted {
            target: i,
            database,
        },
        ScanEvent::CatalogRead { tables, .. } => ScanEvent::CatalogRead { target: i, tables },
        ScanEvent::TableStarted { table, .. } => ScanEvent::TableStarted { target: i, table },
        ScanEvent::TableDone { table, found, .. } => ScanEvent::TableDone {
            target: i,
            table,
            found,
        },
        ScanEvent::ColumnClassified { column, .. } => {
            ScanEvent::ColumnClassified { target: i, column }
        }
        ScanEvent::Warning { message, .. } => ScanEvent::Warning { target: i, message },
        ScanEvent::TargetFailed { error, .. } => ScanEvent::TargetFailed { target: i, error },
        ScanEvent::TargetFinished { .. } => ScanEvent::TargetFinished { target: i },
    }
}

/// Run the interactive audit until the user quits. Errors come back after the terminal is
/// restored.
pub fn run(opts: Options) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let Options {
        targets,
        scan: scan_opts,
        mut app,
        mouse,
    } = opts;
    let (tx, mut rx): (UnboundedSender<Action>, UnboundedReceiver<Action>) = unbounded_channel();
    let mut scanner = Scanner {
        cancel: None,
        tx,
        one_at_a_time: std::sync::Arc::new(tokio::sync::Semaphore::new(1)),
    };
    // The session file exists from the first moment, so a kill loses nothing.
    app.perform(&Command::SaveSession)?;
    let mut terminal = ratatui::init();
    if mouse {
        let _ = execute!(std::io::stdout(), event::EnableMouseCapture);
    }
    let result = (|| -> Result<(), String> {
        let mut pending = app.initial_command();
        let mut dirty = true;
        let mut last_tick = Instant::now();
        loop {
            while let Some(cmd) = pending.take() {
                dirty = true;
                match cmd {
                    Command::Quit => return Ok(()),
                    Command::StartScan(generation, only) => {
                        // The same settings the scripted audit derives from the answers.
                        let opts = crate::audit::scan_options(&app.session.answers, &scan_opts);
                        scanner.start(&rt, generation, &targets, only, &opts)
                    }
                    Command::CancelScan => scanner.stop(),
                    other => match app.perform(&other) {
                        Ok(m) => {
                            if matches!(other, Command::Export(_)) {
                                app.message = Some(m);
                            }
                        }
                        Err(e) => app.message = Some(format!("error: {e}")),
                    },
                }
            }
            if app.quit {
                return Ok(());
            }
            if dirty {
                terminal
                    .draw(|f| view::draw(f, &app))
                    .map_err(|e| format!("cannot draw: {e}"))?;
                dirty = false;
            }
            // Scan events first: they are cheap and keep the status line live.
            let mut n = 0;
            while let Ok(action) = rx.try_recv() {
                dirty = true;
                if let Some(cmd) = update(&mut app, action) {
                    pending = Some(cmd);
                    break;
                }
                n += 1;
                if n > 500 {
                    break;
                }
            }
            if pending.is_some() {
                continue;
            }
            if event::poll(Duration::from_millis(50))
                .map_err(|e| format!("cannot read the terminal: {e}"))?
            {
                let action =
                    match event::read().map_err(|e| format!("cannot read the terminal: {e}"))? {
                        Event::Key(k) if k.kind == KeyEventKind::Press => Some(Action::Key(k)),
                        Event::Mouse(m) => match m.kind {
                            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
                            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
                            _ => None,
                        },
                        Event::Resize(..) => {
                            dirty = true;
                            None
                        }
                        _ => None,
                    };
                if let Some(a) = action {
                    dirty = true;
                    pending = update(&mut app, a);
                }
            }
            if app.scanning() && last_tick.elapsed() >= Duration::from_millis(150) {
                last_tick = Instant::now();
                update(&mut app, Action::Tick);
                dirty = true;
            }
        }
    })();
    scanner.stop();
    if mouse {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    }
    ratatui::restore();
    // Leave the session as it is on disk (answers were saved when given).
    let _ = app.perform(&Command::SaveSession);
    rt.shutdown_timeout(Duration::from_millis(500));
    result
}

/// The default session file.
pub fn default_session() -> PathBuf {
    PathBuf::from("privaudit-session.json")
}
