//! The window: a shell that lays out the sheets and windows and holds their state. Every
//! change to the document is an [`Action`] applied in one place (`dispatch`); the document's
//! files (`files`, `autosave`), the chrome (`chrome`: menus, status line, title) and each
//! window (`palette`, `problems`, `explain`, `import_report`, `about`, `recovery`) have their
//! own file, and so does each sheet (`crate::ui::targets`, `values`, …, `census`).

mod about;
mod autosave;
mod chrome;
mod dispatch;
mod explain;
mod files;
mod grid;
mod import_report;
mod jobs;
mod palette;
mod problems;
mod recovery;
mod room;

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::{Color32, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::Action;
use super::cells::{CellBuffers, merge_key};
use super::commands::UiCommand;
use super::files::FileDialogs;
use super::{
    census, charts, log, rounds, sample_document, scenarios, sensitivity, summary, targets, values,
    verification,
};
use crate::document::Document;
use crate::i18n::Lang;
use crate::io::ImportReport;
use crate::io::recovery::Recovery;
use crate::model::audit::Change;
use autosave::Autosave;
use strum::IntoEnumIterator;

/// The sheet shown in the central panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    Values,
    #[default]
    Targets,
    Sensitivity,
    Verification,
    Rounds,
    /// The audit log.
    Log,
    Scenarios,
    Charts,
    /// Population figures kept from an imported workbook, read-only.
    Census,
}

/// What comes back after a restart (the window's size and position are kept by eframe).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Persisted {
    last_file: Option<PathBuf>,
    tab: Tab,
    /// The name the audit log records.
    user: String,
    /// Files opened or saved lately, newest first.
    recent: Vec<PathBuf>,
    /// The language chosen in the View menu; `None` follows the system's locale.
    #[serde(default)]
    lang: Option<Lang>,
    /// Workbook columns assigned by hand in the import preview, by header text.
    #[serde(default)]
    import_choices: crate::io::Choices,
    /// Projector mode was on: the next start comes back in it (its light theme with its zoom).
    #[serde(default)]
    projector: bool,
}

/// Something that replaces or closes the document, waiting for "save changes?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open,
    /// Open this file (dropped on the window).
    OpenPath(PathBuf),
    Quit,
}

/// The line at the bottom of the window.
#[derive(Clone, Debug)]
struct Status {
    text: String,
    good: bool,
}

/// The rbf-targets window.
pub struct App {
    /// The window's egui context, to ask for frames from outside one.
    ctx: egui::Context,
    document: Document,
    /// A file being opened, saved or exported on a worker thread.
    job: Option<jobs::Job>,
    tab: Tab,
    buffers: CellBuffers,
    dialogs: FileDialogs,
    status: Option<Status>,
    /// An action that waits for the answer to "save changes?".
    guard: Option<Pending>,
    /// An action to finish once "Save as" has saved.
    after_save: Option<Pending>,
    error: Option<String>,
    show_problems: bool,
    show_about: bool,
    allow_close: bool,
    title: String,
    last_focus: Option<egui::Id>,
    /// The report of the last workbook imported, shown until closed.
    import_report: Option<(PathBuf, ImportReport)>,
    /// A workbook read and waiting for Open or Cancel in the import preview.
    preview: Option<super::import_preview::ImportPreview>,
    /// Workbook columns assigned by hand, remembered for later imports.
    import_choices: crate::io::Choices,
    /// The computed Targets cell whose formula is shown, recomputed every frame.
    explaining: Option<(usize, crate::present::explain::Column)>,
    sensitivity: sensitivity::SensitivityState,
    rounds: rounds::RoundsState,
    log: log::LogState,
    scenarios: scenarios::ScenariosState,
    verification: verification::VerificationState,
    /// Who the audit log names, and why (typed in the Log tab and the status line).
    user: String,
    reason: String,
    /// Where recovery files of never-saved documents go; `None` turns autosave off.
    recovery_dir: Option<PathBuf>,
    autosave: Autosave,
    /// A recovery file found at start, with what it changes, waiting for "restore?".
    recovered: Option<(Recovery, Vec<Change>)>,
    /// The theme in use before projector mode, while projector mode is on.
    projector: Option<egui::Visuals>,
    /// The command palette's filter text, while the palette is open.
    palette: Option<String>,
    /// Files opened or saved lately, newest first.
    recent: Vec<PathBuf>,
    /// The language of the window and of what it exports.
    lang: Lang,
    /// Input events held over to the next frame, so that each reaches the cell that had the
    /// focus when it arrived.
    held_events: Vec<egui::Event>,
    /// The summary shows its other figures (cost, Σ N·V, total benefit, rows at a bound).
    summary_more: bool,
    targets_view: targets::TargetsView,
    /// The presenter window, the share with the room, the mark's dialog and changes.
    room: room::RoomState,
    /// `RBF_TIMING=1` prints the first frame's time and the CPU time of frames that changed
    /// the document, for the Performance figures.
    timing: Option<Timing>,
}

/// Timing printed with `RBF_TIMING=1`.
#[derive(Debug, Default)]
struct Timing {
    frames: u64,
    revision: u64,
    started: Option<Instant>,
}

impl App {
    /// A window on `document`.
    pub fn new(cc: &eframe::CreationContext<'_>, mut document: Document) -> Self {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let lang = persisted.lang.unwrap_or_else(Lang::from_system);
        // The name the log records: the one typed last time, else the computer's user name.
        let user = match persisted.user.trim() {
            "" => document.user().to_owned(),
            typed => typed.to_owned(),
        };
        document.set_user(&user);
        Self {
            ctx: cc.egui_ctx.clone(),
            job: None,
            lang,
            document,
            tab: persisted.tab,
            buffers: CellBuffers::new(lang),
            dialogs: FileDialogs::new(true),
            status: None,
            guard: None,
            after_save: None,
            error: None,
            show_problems: false,
            show_about: false,
            allow_close: false,
            title: String::new(),
            last_focus: None,
            import_report: None,
            preview: None,
            import_choices: persisted.import_choices.clone(),
            explaining: None,
            sensitivity: sensitivity::SensitivityState::default(),
            rounds: rounds::RoundsState::default(),
            log: log::LogState::default(),
            scenarios: scenarios::ScenariosState::default(),
            verification: verification::VerificationState::default(),
            user,
            reason: String::new(),
            recovery_dir: None,
            autosave: Autosave::default(),
            recovered: None,
            timing: std::env::var_os("RBF_TIMING").map(|_| Timing::default()),
            projector: None,
            palette: None,
            recent: persisted.recent.clone(),
            held_events: Vec::new(),
            summary_more: false,
            room: room::RoomState::default(),
            // The window opens scrolled to the first columns, whatever it was left at.
            targets_view: targets::TargetsView {
                scroll_home: true,
                open_inputs: None,
            },
        }
        .restore_projector(&cc.egui_ctx, persisted.projector)
    }

    /// The window in `lang`, whatever was chosen before (`--lang`).
    pub fn with_language(mut self, lang: Lang) -> Self {
        self.set_language(lang);
        self
    }

    /// The language of the window.
    pub fn language(&self) -> Lang {
        self.lang
    }

    fn set_language(&mut self, lang: Lang) {
        if lang == self.lang {
            return;
        }
        self.lang = lang;
        self.buffers.clear();
        self.buffers.lang = lang;
    }

    /// The window as the program starts it: `file` if given, else the last file opened, else
    /// the embedded El Salvador sample; in `lang` if given.
    pub fn start(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        lang: Option<Lang>,
    ) -> Self {
        let last_file = cc
            .storage
            .and_then(|s| eframe::get_value::<Persisted>(s, eframe::APP_KEY))
            .and_then(|p| p.last_file)
            .filter(|p| p.is_file());
        let mut app = Self::new(cc, sample_document());
        if let Some(lang) = lang {
            app.set_language(lang);
        }
        if let Some(path) = file.or(last_file) {
            app.open_path(&path);
        } else {
            app.set_status(
                app.lang.t(
                    "Opened the El Salvador sample (its Values are illustrative).",
                    "Se abrió el ejemplo de El Salvador (sus Valores son ilustrativos).",
                ),
                true,
            );
        }
        if let Some(dir) = eframe::storage_dir("rbf-targets").map(|d| d.join("recovery")) {
            app = app.with_recovery_dir(dir);
        }
        app
    }

    /// Uses the in-app file browser even where a system dialog exists.
    pub fn without_native_dialogs(mut self) -> Self {
        self.dialogs = FileDialogs::new(false);
        self
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The sheet shown.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The message on the status line.
    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    fn set_status(&mut self, text: impl Into<String>, good: bool) {
        self.status = Some(Status {
            text: text.into(),
            good,
        });
    }

    /// The title the window shows: the file name and a dirty marker.
    pub fn title(&self) -> &str {
        &self.title
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        if let Some(timing) = &mut self.timing {
            timing.frames += 1;
            if timing.frames == 2
                && let Some(started) = super::STARTED.get()
            {
                eprintln!(
                    "timing: first frame shown {:.0} ms after start",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            // cpu_usage is the CPU time of the previous frame, painting included (with a software
            // renderer such as Mesa's llvmpipe under Xvfb, painting is most of it).
            if let Some(cpu) = frame.info().cpu_usage {
                eprintln!(
                    "timing: frame {} took {:.2} ms of CPU with painting",
                    timing.frames - 1,
                    cpu * 1000.0
                );
            }
            timing.revision = self.document.revision();
            timing.started = Some(Instant::now());
        }
        let lang = self.lang;
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();

        if ctx.input(|i| i.viewport().close_requested()) {
            self.commit_typing();
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard = Some(Pending::Quit);
        }
        self.order_events(&ctx);
        self.shortcuts(&ctx, &mut actions);
        let dropped = ctx
            .input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()))
            .filter(|p| !p.as_os_str().is_empty());
        if let Some(path) = dropped {
            self.guarded(Pending::OpenPath(path), &ctx);
        }

        self.grid_keys(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut actions));
        egui::Panel::top("summary").show(ui, |ui| {
            ui.add_space(4.0);
            summary::summary_ui(
                ui,
                lang,
                &self.document,
                &mut self.summary_more,
                &mut actions,
            );
            ui.add_space(4.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui, &mut actions));
        self.explain_panel(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                let census = self.document.project().census.is_some();
                // The sheets' tabs, in the order the command list gives them.
                for command in UiCommand::iter() {
                    let Some(tab) = command.tab() else { continue };
                    if tab == Tab::Census && !census {
                        continue;
                    }
                    let text = RichText::new(command.tab_name(lang)).size(16.0).strong();
                    if ui
                        .selectable_label(self.tab == tab, text)
                        .on_hover_text(command.tooltip(lang))
                        .clicked()
                    {
                        actions.push(Action::Command(command));
                    }
                }
                ui.separator();
                let heading = self.document.project().metadata.title();
                ui.label(RichText::new(heading).color(Color32::GRAY));
            });
            ui.separator();
            match self.tab {
                Tab::Values => {
                    values::values_ui(ui, lang, &self.document, &mut self.buffers, &mut actions)
                }
                Tab::Targets => targets::targets_ui(
                    ui,
                    lang,
                    &self.document,
                    &mut self.buffers,
                    &mut self.targets_view,
                    &mut actions,
                ),
                Tab::Census => match &self.document.project().census {
                    Some(census) => census::census_ui(ui, census, lang),
                    None => self.tab = Tab::Targets,
                },
                Tab::Sensitivity => sensitivity::sensitivity_ui(
                    ui,
                    lang,
                    &self.document,
                    &mut self.buffers,
                    &mut self.sensitivity,
                    &mut actions,
                ),
                Tab::Verification => verification::verification_ui(
                    ui,
                    lang,
                    &self.document,
                    &mut self.buffers,
                    &mut self.verification,
                    &mut actions,
                ),
                Tab::Scenarios => {
                    let scenarios = &mut self.scenarios;
                    scenarios::scenarios_ui(ui, lang, &self.document, scenarios, &mut actions)
                }
                Tab::Charts => charts::charts_ui(ui, lang, &self.document),
                Tab::Log => log::log_ui(
                    ui,
                    lang,
                    &self.document,
                    &mut self.log,
                    (&mut self.user, &mut self.reason),
                    &mut actions,
                ),
                Tab::Rounds => rounds::rounds_ui(
                    ui,
                    lang,
                    &self.document,
                    &mut self.buffers,
                    &mut self.rounds,
                    &mut actions,
                ),
            }
        });

        self.poll_job();
        self.progress_window(&ctx);
        self.palette_window(&ctx, &mut actions);
        self.problems_window(&ctx);
        self.import_window(&ctx);
        self.preview_window(&ctx);
        self.about_window(&ctx);
        self.room_windows(&ctx, &mut actions);
        self.modals(&ctx);

        if let Some((cell, error)) = self.buffers.take_unreadable() {
            self.document.typing_refused(&merge_key(cell), cell, error);
        }
        let applying = Instant::now();
        let had_actions = !actions.is_empty();
        for action in actions {
            self.apply(action, &ctx);
        }
        if had_actions && self.timing.is_some() {
            eprintln!(
                "timing: applying the frame's actions took {:.2} ms",
                applying.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        if let Some(timing) = &self.timing
            && let Some(started) = timing.started
        {
            // Developer output (RBF_TIMING), in English only.
            let edited = timing.revision != self.document.revision();
            eprintln!(
                "timing: frame {} ran the app's update and layout in {:.2} ms (edit: {edited})",
                timing.frames,
                started.elapsed().as_secs_f64() * 1000.0,
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            last_file: self.document.path().map(Path::to_owned),
            tab: self.tab,
            user: self.user.clone(),
            recent: self.recent.clone(),
            lang: Some(self.lang),
            import_choices: self.import_choices.clone(),
            projector: self.projector.is_some(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &persisted);
    }
}
