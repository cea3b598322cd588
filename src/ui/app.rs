//! The application: layout, menus, shortcuts, files, and the one place where actions are
//! applied to the document.

mod grid;

use std::path::{Path, PathBuf};

use egui::{Color32, Modal, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::Action;
use super::cells::{CellBuffers, merge_key};
use super::commands::UiCommand;
use super::files::{FileDialogs, FilePurpose};
use super::{
    charts, log, rounds, sample_document, scenarios, sensitivity, summary, targets, values,
    verification,
};
use std::time::{Duration, Instant};

use crate::document::Document;
use crate::i18n::{Lang, set_lang, t};
use crate::io::import::LineKind;
use crate::io::recovery::{
    Recovery, read_recovery, recovery_path, remove_recovery, write_recovery,
};
use crate::io::{ExportOptions, ImportReport, export_xlsx};
use crate::model::audit::{Change, changes};
use crate::model::{Condition, Indicator, Location, Project, Severity};
use crate::tf;

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
    document: Document,
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
    explaining: Option<(usize, crate::model::explain::Column)>,
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

/// The state of autosave.
#[derive(Debug, Default)]
struct Autosave {
    /// The document revision last written to the recovery file.
    written: Option<u64>,
    /// The revision last seen, when it was first seen, and when the unwritten changes began.
    seen: Option<u64>,
    last_change: Option<Instant>,
    first_change: Option<Instant>,
    /// The recovery file written for the current document.
    path: Option<PathBuf>,
    /// A write in progress on a worker thread (serializing a large project takes a while).
    pending: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Autosave {
    /// Waits for a write in progress; returns its error, if any.
    fn finish(&mut self) -> Option<std::io::Error> {
        let handle = self.pending.take()?;
        match handle.join() {
            Ok(result) => result.err(),
            Err(_) => Some(std::io::Error::other(t(
                "the autosave thread stopped",
                "el hilo de guardado automático se detuvo",
            ))),
        }
    }
}

/// A change is written once edits pause this long…
const AUTOSAVE_PAUSE: Duration = Duration::from_millis(250);
/// …and never later than this after the first unwritten change.
const AUTOSAVE_INTERVAL: Duration = Duration::from_millis(1000);

impl App {
    /// A window on `document`.
    pub fn new(cc: &eframe::CreationContext<'_>, mut document: Document) -> Self {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let lang = persisted.lang.unwrap_or_else(Lang::from_system);
        // The document's messages are in this thread's language; redo them only if it changes.
        if lang != crate::i18n::lang() {
            set_lang(lang);
            document.recompute_messages();
        }
        Self {
            lang,
            document,
            tab: persisted.tab,
            buffers: CellBuffers::default(),
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
            user: persisted.user.clone(),
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
            // The window opens scrolled to the first columns, whatever it was left at.
            targets_view: targets::TargetsView {
                scroll_home: true,
                open_inputs: None,
            },
        }
        .restore_projector(&cc.egui_ctx, persisted.projector)
    }

    /// Projector mode as the last session left it: its theme and zoom together, so that a
    /// restart is never at the projector's zoom in the other theme.
    fn restore_projector(mut self, ctx: &egui::Context, on: bool) -> Self {
        if on {
            self.projector = Some(ctx.global_style().visuals.clone());
            ctx.set_visuals(projector_visuals());
            ctx.set_zoom_factor(PROJECTOR_ZOOM);
            self.targets_view.open_inputs = Some(false);
        } else if ctx.zoom_factor() >= PROJECTOR_ZOOM {
            ctx.set_zoom_factor(1.0);
        }
        self
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
        set_lang(lang);
        self.document.recompute_messages();
        self.buffers.clear();
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
                t(
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

    /// Turns autosave on, with recovery files of never-saved documents in `dir`, and offers to
    /// restore a recovery file left by a session that did not close normally.
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery_dir = Some(dir);
        self.check_recovery();
        self
    }

    fn recovery_file(&self) -> Option<PathBuf> {
        let dir = self.recovery_dir.as_ref()?;
        Some(recovery_path(self.document.path(), dir))
    }

    /// Offers the recovery file of the current document, if one is there and differs from it.
    fn check_recovery(&mut self) {
        let Some(path) = self.recovery_file() else {
            return;
        };
        if !path.is_file() {
            return;
        }
        match read_recovery(&path) {
            Ok(recovery) => {
                let changes = changes(self.document.project(), &recovery.project);
                if changes.is_empty() {
                    remove_recovery(&path);
                } else {
                    self.recovered = Some((recovery, changes));
                }
            }
            Err(error) => {
                self.set_status(
                    tf!(
                        "A recovery file could not be read and was left as it is: {error}",
                        "No se pudo leer un archivo de recuperación; se dejó como estaba: {error}"
                    ),
                    false,
                );
            }
        }
    }

    /// Writes the recovery file when the document has changed since the last write, at most
    /// once per interval; asks for a repaint so that the last change is written too.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(path) = self.recovery_file() else {
            return;
        };
        if self.recovered.is_some() {
            return; // Do not overwrite a recovery file the user has not answered for.
        }
        if self.autosave.path.as_ref().is_some_and(|p| *p != path) {
            // Saved under another name: the old recovery file is obsolete.
            if let Some(old) = self.autosave.path.take() {
                remove_recovery(&old);
            }
        }
        if !self.document.is_dirty() {
            if self.autosave.path.is_some() {
                self.discard_recovery();
            }
            self.autosave.written = None;
            return;
        }
        // A value still being typed is not a change yet: autosave writes committed changes.
        let revision = self.document.committed_revision();
        if self.autosave.written == Some(revision) {
            return;
        }
        // Note when the unsaved changes started and when the last one came.
        let now = Instant::now();
        if self.autosave.seen != Some(revision) {
            self.autosave.seen = Some(revision);
            self.autosave.last_change = Some(now);
            self.autosave.first_change.get_or_insert(now);
        }
        // Write once typing pauses (so that a keystroke's frame does not also copy the
        // project), but never later than AUTOSAVE_INTERVAL after the first unwritten change.
        let quiet = self
            .autosave
            .last_change
            .map_or(AUTOSAVE_PAUSE, |t| now - t);
        let waiting = self
            .autosave
            .first_change
            .map_or(Duration::ZERO, |t| now - t);
        if quiet < AUTOSAVE_PAUSE && waiting < AUTOSAVE_INTERVAL {
            ctx.request_repaint_after((AUTOSAVE_PAUSE - quiet).min(AUTOSAVE_INTERVAL - waiting));
            return;
        }
        if self
            .autosave
            .pending
            .as_ref()
            .is_some_and(|h| !h.is_finished())
        {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        if let Some(error) = self.autosave.finish() {
            self.set_status(
                tf!("Autosave failed ({error}); save the project to keep your changes.", "Falló el guardado automático ({error}); guarde el proyecto para conservar sus cambios."),
                false,
            );
        }
        let recovery = Recovery {
            original: self.document.path().map(Path::to_owned),
            written: crate::model::audit::now_utc(),
            project: self.document.committed_project().into_owned(),
        };
        let target = path.clone();
        self.autosave.pending = Some(std::thread::spawn(move || {
            write_recovery(&target, &recovery)
        }));
        self.autosave.written = Some(revision);
        self.autosave.path = Some(path);
        self.autosave.first_change = None;
        ctx.request_repaint_after(AUTOSAVE_PAUSE);
    }

    /// Forgets the recovery file of changes the user chose to discard.
    fn discard_recovery(&mut self) {
        // A write still in progress would bring the file back after it is removed.
        let _ = self.autosave.finish();
        if let Some(path) = self.autosave.path.take().or_else(|| self.recovery_file()) {
            remove_recovery(&path);
        }
        self.autosave.written = None;
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

    fn replace_document(&mut self, document: Document) {
        let _ = self.autosave.finish();
        self.document = document;
        self.document.set_user(&self.user);
        self.document.set_reason(&self.reason);
        self.buffers.clear();
        self.autosave = Autosave::default();
    }

    /// Opens a project; a workbook first shows the import preview. On failure the open
    /// document stays as it was and the reason is shown.
    fn open_path(&mut self, path: &Path) {
        if crate::io::is_workbook(path) {
            match super::import_preview::ImportPreview::open(path, &self.import_choices) {
                Ok(preview) => self.preview = Some(preview),
                Err(error) => self.refused(&error),
            }
            return;
        }
        match crate::io::load(path) {
            Ok(project) => {
                self.replace_document(Document::new(project, Some(path.to_owned())));
                self.set_status(tf!("Opened {}.", "Abierto {}.", path.display()), true);
                self.remember(path);
            }
            Err(error) => self.refused(&error),
        }
    }

    fn refused(&mut self, error: &dyn std::fmt::Display) {
        self.error = Some(tf!(
            "{error:#}\n\nThe open document was not changed.",
            "{error:#}\n\nEl documento abierto no cambió."
        ));
    }

    /// The import preview, while a workbook waits for Open or Cancel.
    fn preview_window(&mut self, ctx: &egui::Context) {
        let Some(preview) = &mut self.preview else {
            return;
        };
        let Some(answer) = preview.show(ctx, self.lang) else {
            return;
        };
        let path = preview.path().to_owned();
        self.preview = None;
        match answer {
            super::import_preview::PreviewAnswer::Open(import, made) => {
                // A workbook becomes a new, unsaved project: Save asks where to write it.
                self.replace_document(Document::new(import.project, None));
                self.set_status(tf!("Opened {}.", "Abierto {}.", path.display()), true);
                self.remember(&path);
                self.import_choices.extend(&made);
                self.import_report = Some((path, import.report));
            }
            super::import_preview::PreviewAnswer::Cancel => self.set_status(
                t(
                    "Import cancelled: the open document was not changed.",
                    "Importación cancelada: el documento abierto no cambió.",
                ),
                true,
            ),
        }
    }

    fn save_to(&mut self, path: PathBuf) -> bool {
        match crate::io::save(self.document.project(), &path) {
            Ok(()) => {
                self.set_status(tf!("Saved {}.", "Guardado {}.", path.display()), true);
                self.remember(&path);
                self.discard_recovery();
                self.document.mark_saved(path);
                true
            }
            Err(error) => {
                self.error = Some(error.to_string());
                false
            }
        }
    }

    /// Puts `path` first in the recent files (at most eight), as a full path: one given on
    /// the command line relative to where the program was started would not open from the
    /// menu later.
    fn remember(&mut self, path: &Path) {
        let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(8);
    }

    /// The palette: a filter box and the commands whose name contains what is typed.
    fn palette_window(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(filter) = self.palette.as_mut() else {
            return;
        };
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(t("Commands", "Comandos"))
            .open(&mut open)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(filter)
                            .hint_text(t(
                                "type part of a command, then Enter",
                                "escriba parte de un comando y pulse Enter",
                            ))
                            .desired_width(420.0),
                    )
                    .accessible_name(t("Find a command", "Buscar un comando"));
                response.request_focus();
                let needle = filter.to_lowercase();
                let matching: Vec<UiCommand> = UiCommand::ALL
                    .iter()
                    .copied()
                    .filter(|c| {
                        *c != UiCommand::CommandPalette
                            && c.label().to_lowercase().contains(&needle)
                    })
                    .collect();
                for command in &matching {
                    let shortcut = command.shortcut_text().unwrap_or_default();
                    if ui
                        .add(egui::Button::new(command.label()).shortcut_text(shortcut))
                        .on_hover_text(command.tooltip())
                        .clicked()
                    {
                        chosen = Some(*command);
                    }
                }
                if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    chosen = matching.first().copied();
                }
            });
        if chosen.is_some() || !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.palette = None;
        }
        if let Some(command) = chosen {
            actions.push(Action::Command(command));
        }
    }

    fn export_to(&mut self, path: &Path) {
        match export_xlsx(self.document.project(), path, ExportOptions::default()) {
            Ok(()) => self.set_status(
                tf!(
                    "Exported the target sheets to {}.",
                    "Hojas de metas exportadas a {}.",
                    path.display()
                ),
                true,
            ),
            Err(error) => self.error = Some(error.to_string()),
        }
    }

    /// Runs `pending` now, or asks first when there are unsaved changes.
    fn guarded(&mut self, pending: Pending, ctx: &egui::Context) {
        self.commit_typing();
        if self.document.is_dirty() {
            self.guard = Some(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    fn proceed(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => {
                self.replace_document(Document::new(new_project(), None));
                self.set_status(
                    t(
                        "New project: fill in the Values and Targets sheets.",
                        "Proyecto nuevo: complete las hojas Valores y Metas.",
                    ),
                    true,
                );
            }
            Pending::Open => self
                .dialogs
                .request(FilePurpose::Open, self.document.path()),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::New => self.guarded(Pending::New, ctx),
            UiCommand::Open => self.guarded(Pending::Open, ctx),
            UiCommand::Save => match self.document.path().map(Path::to_owned) {
                Some(path) => {
                    self.save_to(path);
                }
                None => self.dialogs.request(FilePurpose::SaveAs, None),
            },
            UiCommand::SaveAs => self
                .dialogs
                .request(FilePurpose::SaveAs, self.document.path()),
            UiCommand::Export => self
                .dialogs
                .request(FilePurpose::Export, self.document.path()),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => {
                if let Some(label) = self.document.undo() {
                    self.buffers.clear();
                    self.set_status(tf!("Undone: {label}.", "Deshecho: {label}."), true);
                }
            }
            UiCommand::Redo | UiCommand::RedoAlternative => {
                if let Some(label) = self.document.redo() {
                    self.buffers.clear();
                    self.set_status(tf!("Redone: {label}.", "Rehecho: {label}."), true);
                }
            }
            UiCommand::Rebalance => {
                let result = self.document.rebalance();
                self.buffers.clear();
                match result {
                    Ok(report) => self.set_status(report.message, report.reached),
                    Err(error) => self.set_status(error.to_string(), false),
                }
            }
            UiCommand::LockNegotiated => {
                self.document.lock_negotiated();
            }
            UiCommand::UnlockAll => {
                self.document.unlock_all();
            }
            UiCommand::ShowValues
            | UiCommand::ShowTargets
            | UiCommand::ShowSensitivity
            | UiCommand::ShowVerification
            | UiCommand::ShowRounds
            | UiCommand::ShowLog
            | UiCommand::ShowScenarios
            | UiCommand::ShowCharts
            | UiCommand::ShowCensus => {
                if let Some(tab) = command.tab() {
                    self.tab = tab;
                }
            }
            UiCommand::ShowProblems => self.show_problems = !self.show_problems,
            UiCommand::About => self.show_about = true,
            UiCommand::InsertRow => self.insert_or_delete_row(true, ctx),
            UiCommand::DeleteRow => self.insert_or_delete_row(false, ctx),
            UiCommand::SwitchLanguage => {
                let other = match self.lang {
                    Lang::En => Lang::Es,
                    Lang::Es => Lang::En,
                };
                self.set_language(other);
                self.set_status(
                    t(
                        "The window, its messages and exported workbooks are now in English.",
                        "La ventana, sus mensajes y los libros exportados están ahora en español.",
                    ),
                    true,
                );
            }
            UiCommand::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            UiCommand::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            UiCommand::ZoomReset => ctx.set_zoom_factor(if self.projector.is_some() {
                PROJECTOR_ZOOM
            } else {
                1.0
            }),
            UiCommand::ProjectorMode => match self.projector.take() {
                Some(saved) => {
                    ctx.set_visuals(saved);
                    ctx.set_zoom_factor(1.0);
                    self.targets_view.open_inputs = Some(true);
                }
                None => {
                    self.projector = Some(ctx.global_style().visuals.clone());
                    ctx.set_visuals(projector_visuals());
                    ctx.set_zoom_factor(PROJECTOR_ZOOM);
                    // The rows need the room on a projector; the inputs' header still says them.
                    self.targets_view.open_inputs = Some(false);
                }
            },
            UiCommand::CommandPalette => self.palette = Some(String::new()),
        }
    }

    /// Commits the value being typed in a cell, if any; a value the model refused leaves the
    /// cell as it was before typing, and the status line says why.
    fn commit_typing(&mut self) {
        if let Some(Err(refused)) = self.document.commit_typing() {
            self.buffers.clear();
            let place = refused.at.map_or_else(String::new, |(location, field)| {
                let place = match location.row_number() {
                    Some(row) => tf!("{} row {row}", "{} fila {row}", location.sheet()),
                    None => location.sheet().to_owned(),
                };
                format!("{place}, {}: ", field.label())
            });
            let reason = refused.reason;
            self.set_status(
                tf!(
                    "{place}{reason} — the cell keeps the value it held before typing.",
                    "{place}{reason} — la celda conserva el valor que tenía antes de escribir."
                ),
                false,
            );
        }
    }

    /// The one place where the frame's actions change the document.
    fn apply(&mut self, action: Action, ctx: &egui::Context) {
        // Anything but typing commits the cell being typed first (Undo then undoes it, and
        // Redo brings it back).
        if !matches!(
            action,
            Action::CellEdit { .. } | Action::RenameCondition { .. }
        ) {
            self.commit_typing();
        }
        match action {
            Action::Command(command) => self.run_command(command, ctx),
            Action::CellEdit { cell, edit, label } => {
                match self
                    .document
                    .type_value(&merge_key(cell), cell, edit, &label)
                {
                    Ok(()) => self.buffers.accept(cell),
                    Err(reason) => self.buffers.reject(cell, reason),
                }
            }
            Action::RenameCondition { cell, row, name } => {
                let duplicate = self
                    .document
                    .project()
                    .conditions
                    .iter()
                    .enumerate()
                    .any(|(j, c)| j != row && c.name.trim() == name.trim());
                if duplicate {
                    self.buffers.reject(
                        cell,
                        tf!(
                            "another condition is already called \"{}\"; names must be unique",
                            "otra condición ya se llama \"{}\"; los nombres deben ser únicos",
                            name.trim()
                        ),
                    );
                } else if let Some(edit) = self.document.rename_condition_edit(row, name) {
                    let label = tf!("Rename condition {}", "Renombrar condición {}", row + 1);
                    if let Err(reason) =
                        self.document
                            .type_value(&merge_key(cell), cell, edit, &label)
                    {
                        self.buffers.reject(cell, reason);
                    }
                }
            }
            Action::Edit { edit, label } => {
                if !self.document.apply(edit, &label, None)
                    && let Some(refusal) = self.document.take_refusal()
                {
                    self.set_status(refusal, false);
                }
                self.buffers.clear();
            }
            Action::SetLocked { row, locked } => {
                self.document.set_locked(row, locked);
            }
            Action::GoalSeek(row) => {
                let result = self.document.goal_seek(row);
                self.buffers.clear();
                match result {
                    Ok(report) => self.set_status(report.message, report.reached),
                    Err(error) => self.set_status(error.to_string(), false),
                }
            }
            Action::OpenRecent(path) => self.guarded(Pending::OpenPath(path), ctx),
            Action::SaveScenario(name) => {
                if self.document.save_scenario(&name) {
                    self.set_status(
                        tf!(
                            "Saved the current targets as the scenario \"{name}\".",
                            "Metas actuales guardadas como el escenario \"{name}\"."
                        ),
                        true,
                    );
                }
            }
            Action::RestoreScenario(index) => {
                let name = self
                    .document
                    .project()
                    .scenarios
                    .get(index)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                self.document.restore_scenario(index);
                self.buffers.clear();
                self.set_status(
                    tf!(
                        "Restored the scenario \"{name}\".",
                        "Escenario \"{name}\" restaurado."
                    ),
                    true,
                );
            }
            Action::Explain { row, column } => self.explaining = Some((row, column)),
            Action::ResetRow(row) => {
                self.document.reset_to_model(row);
                self.buffers.clear();
            }
        }
    }

    fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        // Most specific first, so that Ctrl+Shift+Z is not taken for Ctrl+Z.
        let mut commands: Vec<_> = UiCommand::ALL
            .iter()
            .filter_map(|&c| c.shortcut().map(|s| (c, s)))
            .collect();
        commands.sort_by_key(|(_, s)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        for (command, shortcut) in commands {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Command(command));
            }
        }
    }

    fn menu_item(&self, ui: &mut Ui, command: UiCommand, enabled: bool, actions: &mut Vec<Action>) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(super::commands::shortcut_text(&shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            actions.push(Action::Command(command));
        }
    }

    fn menu_bar(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t("File", "Archivo"), |ui| {
                for command in [
                    UiCommand::New,
                    UiCommand::Open,
                    UiCommand::Save,
                    UiCommand::SaveAs,
                    UiCommand::Export,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                ui.menu_button(t("Open recent", "Abrir reciente"), |ui| {
                    if self.recent.is_empty() {
                        ui.label(t("No files yet", "Aún no hay archivos"));
                    }
                    for path in &self.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, UiCommand::Quit, true, actions);
            });
            ui.menu_button(t("Edit", "Editar"), |ui| {
                let undo = self
                    .document
                    .undo_label()
                    .map(|l| tf!("Undo: {l}", "Deshacer: {l}"));
                let redo = self
                    .document
                    .redo_label()
                    .map(|l| tf!("Redo: {l}", "Rehacer: {l}"));
                self.menu_item(ui, UiCommand::Undo, self.document.can_undo(), actions);
                if let Some(undo) = undo {
                    ui.label(RichText::new(undo).small().weak());
                }
                self.menu_item(ui, UiCommand::Redo, self.document.can_redo(), actions);
                if let Some(redo) = redo {
                    ui.label(RichText::new(redo).small().weak());
                }
                ui.separator();
                for command in [
                    UiCommand::Rebalance,
                    UiCommand::LockNegotiated,
                    UiCommand::UnlockAll,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                for command in [UiCommand::InsertRow, UiCommand::DeleteRow] {
                    self.menu_item(ui, command, true, actions);
                }
            });
            ui.menu_button(t("View", "Ver"), |ui| {
                for command in [
                    UiCommand::ShowValues,
                    UiCommand::ShowTargets,
                    UiCommand::ShowProblems,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                for command in [
                    UiCommand::ZoomIn,
                    UiCommand::ZoomOut,
                    UiCommand::ZoomReset,
                    UiCommand::ProjectorMode,
                    UiCommand::CommandPalette,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                self.menu_item(ui, UiCommand::SwitchLanguage, true, actions);
            });
            ui.menu_button(t("Help", "Ayuda"), |ui| {
                self.menu_item(ui, UiCommand::About, true, actions);
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(rejection) = self.buffers.rejection_message() {
                ui.label(
                    RichText::new(rejection)
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
            } else if let Some(status) = &self.status {
                let color = if status.good {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().error_fg_color
                };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(label) = self.document.undo_label() {
                    ui.label(RichText::new(tf!("Undo: {label}", "Deshacer: {label}")).weak());
                }
                ui.separator();
                ui.add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .hint_text(t(
                            "optional: why (kept in the log)",
                            "opcional: por qué (queda en la bitácora)",
                        ))
                        .desired_width(260.0),
                )
                .accessible_name(t("Reason for the changes", "Motivo de los cambios"));
                ui.label(t("Reason", "Motivo"));
            });
        });
    }

    fn problems_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_problems;
        let mut go_to = None;
        egui::Window::new(t("Problems", "Problemas"))
            .open(&mut open)
            .default_size([640.0, 320.0])
            .show(ctx, |ui| {
                let problems = &self.document.outcome().problems;
                if problems.is_empty() {
                    ui.label(t(
                        "No problems: every input is usable.",
                        "Sin problemas: todos los datos son utilizables.",
                    ));
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for problem in problems {
                        let color = match problem.severity {
                            Severity::Error => ui.visuals().error_fg_color,
                            Severity::Warning => ui.visuals().warn_fg_color,
                        };
                        let kind = if problem.is_error() {
                            t("Error", "Error")
                        } else {
                            t("Warning", "Advertencia")
                        };
                        let text = RichText::new(format!("{kind}: {problem}")).color(color);
                        if ui
                            .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                            .clicked()
                        {
                            go_to = Some(match problem.location {
                                Location::Condition(_) => Tab::Values,
                                _ => Tab::Targets,
                            });
                        }
                    }
                });
            });
        self.show_problems = open;
        if let Some(tab) = go_to {
            self.tab = tab;
        }
    }

    /// The formula of the computed cell last clicked, with its numbers and their sources; it
    /// follows every edit while open.
    /// Docked below the grid, so that it never covers the row it explains nor the ratio.
    fn explain_panel(&mut self, ui: &mut Ui) {
        let Some((row, column)) = self.explaining else {
            return;
        };
        let explanation = crate::model::explain::explain(
            self.document.project(),
            self.document.outcome(),
            row,
            column,
        );
        let mut open = true;
        egui::Panel::bottom("explain")
            .resizable(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(t(
                            "How this number is computed",
                            "Cómo se calcula este número",
                        ))
                        .strong(),
                    );
                    if ui.button(t("Close", "Cerrar")).clicked() {
                        open = false;
                    }
                });
                match &explanation {
                    Some(explanation) => {
                        ui.label(RichText::new(&explanation.title).strong());
                        ui.add(
                            egui::Label::new(
                                RichText::new(&explanation.formula)
                                    .monospace()
                                    .strong()
                                    .size(ui.text_style_height(&egui::TextStyle::Monospace) * 1.4),
                            )
                            .wrap(),
                        );
                        ui.label(t(
                            "Where the numbers come from:",
                            "De dónde vienen los números:",
                        ));
                        for source in &explanation.sources {
                            ui.add(egui::Label::new(format!("• {source}")).wrap());
                        }
                    }
                    None => {
                        ui.label(t(
                            "This number is not computed: an input it depends on has an error \
                             (see View, Problems).",
                            "Este número no se calcula: un dato del que depende tiene un error \
                             (vea Ver, Problemas).",
                        ));
                    }
                }
            });
        if !open {
            self.explaining = None;
        }
    }

    fn import_window(&mut self, ctx: &egui::Context) {
        let Some((path, report)) = &self.import_report else {
            return;
        };
        let lang = self.lang;
        let mut open = true;
        egui::Window::new(t("Import report", "Informe de importación"))
            .open(&mut open)
            .default_size([760.0, 420.0])
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(tf!("How {} was read", "Cómo se leyó {}", path.display()))
                        .strong(),
                );
                let agrees = report.differences.as_ref().is_none_or(Vec::is_empty);
                let color = if agrees {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().warn_fg_color
                };
                ui.label(RichText::new(report.comparison(lang)).color(color));
                for d in report.differences.iter().flatten() {
                    ui.label(crate::io::import::report::difference_line(lang, d));
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (kind, text) in report.lines(lang) {
                        let (kind, color) = match kind {
                            LineKind::Read => (t("Read", "Leído"), ui.visuals().text_color()),
                            LineKind::Inferred => {
                                (t("Inferred", "Inferido"), ui.visuals().text_color())
                            }
                            LineKind::Warning => {
                                (t("Warning", "Advertencia"), ui.visuals().warn_fg_color)
                            }
                        };
                        ui.add(
                            egui::Label::new(RichText::new(format!("{kind}: {text}")).color(color))
                                .wrap(),
                        );
                    }
                });
            });
        if !open {
            self.import_report = None;
        }
    }

    fn about_window(&mut self, ctx: &egui::Context) {
        egui::Window::new(t("About rbf-targets", "Acerca de rbf-targets"))
            .open(&mut self.show_about)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("rbf-targets {}", env!("CARGO_PKG_VERSION")));
                ui.label(t(
                    "Sets performance targets for results-based-financing health programs with the cost-benefit \
                     method of IDB technical note IDB-TN-983 (2016): the program must cause at least \
                     d = R·C / Σ w·N·V points of change on every indicator so that benefits cover the cost.",
                    "Fija metas de desempeño para programas de salud con financiamiento basado en resultados con el \
                     método de costo-beneficio de la nota técnica del BID IDB-TN-983 (2016): el programa debe causar al \
                     menos d = R·C / Σ w·N·V puntos de cambio en cada indicador para que los beneficios cubran el costo.",
                ));
                ui.label(t(
                    "The El Salvador sample follows Table 1 of the note; its Values (DALYs, populations, GNI per \
                     capita) are illustrative, chosen to reproduce the note's published results.",
                    "El ejemplo de El Salvador sigue el Cuadro 1 de la nota; sus Valores (AVAD, poblaciones, INB per \
                     cápita) son ilustrativos, elegidos para reproducir los resultados publicados de la nota.",
                ));
            });
    }

    fn recovery_modal(&mut self, ctx: &egui::Context) {
        let Some((recovery, changes)) = &self.recovered else {
            return;
        };
        let mut answer = None;
        Modal::new(egui::Id::unique("recovered")).show(ctx, |ui| {
            ui.set_max_width(720.0);
            ui.heading(t("Unsaved changes were recovered", "Se recuperaron cambios sin guardar"));
            let file = recovery.original.as_ref().map_or_else(|| t("a project never saved", "un proyecto nunca guardado").to_owned(), |p| p.display().to_string());
            ui.label(tf!(
                "rbf-targets did not close normally. Changes to {file}, kept at {} (UTC), differ from the last saved version in {}:", "rbf-targets no se cerró normalmente. Los cambios en {file}, guardados a las {} (UTC), difieren de la última versión guardada en {}:",
                recovery.written,
                if changes.len() == 1 { t("one place", "un lugar").to_owned() } else { tf!("{} places", "{} lugares", changes.len()) }
            ));
            egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                for change in changes.iter().take(200) {
                    ui.label(tf!("{}: {} to {}", "{}: {} a {}", change.what, change.old, change.new));
                }
            });
            ui.horizontal(|ui| {
                if ui.button(t("Restore them", "Restaurarlos")).clicked() {
                    answer = Some(true);
                }
                if ui.button(t("Discard them", "Descartarlos")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some((recovery, _)) = self.recovered.take() {
                    let original = recovery.original.clone();
                    self.replace_document(Document::restored(recovery.project, original));
                    self.set_status(
                        t(
                            "Restored the recovered changes; save to keep them.",
                            "Cambios recuperados restaurados; guarde para conservarlos.",
                        ),
                        true,
                    );
                }
            }
            Some(false) => {
                self.recovered = None;
                self.discard_recovery();
            }
            None => {}
        }
    }

    fn modals(&mut self, ctx: &egui::Context) {
        self.recovery_modal(ctx);
        if let Some(pending) = self.guard.clone() {
            let mut answer = None;
            Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading(t("Unsaved changes", "Cambios sin guardar"));
                ui.label(tf!(
                    "Save the changes to {} first?",
                    "¿Guardar antes los cambios en {}?",
                    self.document.display_name()
                ));
                ui.horizontal(|ui| {
                    if ui.button(t("Save", "Guardar")).clicked() {
                        answer = Some("save");
                    }
                    if ui.button(t("Don't save", "No guardar")).clicked() {
                        answer = Some("discard");
                    }
                    if ui.button(t("Cancel", "Cancelar")).clicked() {
                        answer = Some("cancel");
                    }
                });
            });
            match answer {
                Some("save") => {
                    self.guard = None;
                    match self.document.path().map(Path::to_owned) {
                        Some(path) => {
                            if self.save_to(path) {
                                self.proceed(pending, ctx);
                            }
                        }
                        None => {
                            self.after_save = Some(pending);
                            self.dialogs.request(FilePurpose::SaveAs, None);
                        }
                    }
                }
                Some("discard") => {
                    self.guard = None;
                    self.discard_recovery();
                    self.proceed(pending, ctx);
                }
                Some(_) => self.guard = None,
                None => {}
            }
        }
        if let Some(message) = self.error.clone() {
            let mut close = false;
            Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(t("Could not do that", "No se pudo hacer"));
                ui.label(message);
                if ui.button("OK").clicked() {
                    close = true;
                }
            });
            if close {
                self.error = None;
            }
        }
        if let Some((purpose, choice)) = self.dialogs.poll(ctx) {
            match (purpose, choice) {
                (FilePurpose::Open, Some(path)) => self.open_path(&path),
                (FilePurpose::Export, Some(path)) => self.export_to(&path),
                (FilePurpose::SaveAs, Some(path)) => {
                    if self.save_to(path)
                        && let Some(pending) = self.after_save.take()
                    {
                        self.proceed(pending, ctx);
                    }
                }
                (_, None) => self.after_save = None,
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        // A value still being typed is an unsaved change too.
        let changed = self.document.is_dirty() || self.document.is_typing();
        let dirty = if changed { " •" } else { "" };
        let title = format!("{}{dirty} — rbf-targets", self.document.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The title the window shows: the file name and a dirty marker.
    pub fn title(&self) -> &str {
        &self.title
    }
}

/// How much projector mode enlarges everything.
const PROJECTOR_ZOOM: f32 = 1.5;

/// Black on white with strong strokes, for a projector in a lit room.
fn projector_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::BLACK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_gray(235);
    visuals.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, Color32::BLACK);
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, Color32::from_gray(60));
    visuals
}

/// The census sheet of an imported workbook, read-only.
fn census_ui(ui: &mut Ui, census: &crate::model::CensusTable) {
    use crate::model::TableCell;
    ui.label(tf!(
        "Sheet \"{}\" as the workbook held it; it is written back on export. The model does not compute with it.", "Hoja \"{}\" tal como estaba en el libro; se vuelve a escribir al exportar. El modelo no calcula con ella.",
        census.sheet_name
    ));
    let columns = census.rows.iter().map(Vec::len).max().unwrap_or(0);
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("census").striped(true).show(ui, |ui| {
            for row in &census.rows {
                for c in 0..columns {
                    match row.get(c) {
                        Some(TableCell::Number(n)) => ui.label(crate::text::format_number(*n)),
                        Some(TableCell::Text(t)) => ui.label(t.as_str()),
                        _ => ui.label(""),
                    };
                }
                ui.end_row();
            }
        });
    });
}

/// The document "New" starts with: one condition and one indicator linked to it.
fn new_project() -> Project {
    Project {
        metadata: crate::model::Metadata {
            currency: "US$".to_owned(),
            ..Default::default()
        },
        conditions: vec![Condition {
            name: t("Condition 1", "Condición 1").to_owned(),
            ..Condition::default()
        }],
        indicators: vec![Indicator {
            name: t("Indicator 1", "Indicador 1").to_owned(),
            condition: t("Condition 1", "Condición 1").to_owned(),
            ..Indicator::default()
        }],
        ..Project::default()
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
        // The language is per thread; the window's is set on the thread that draws it.
        set_lang(self.lang);
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
            summary::summary_ui(ui, &self.document, &mut self.summary_more, &mut actions);
            ui.add_space(4.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        self.explain_panel(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                let census = self.document.project().census.is_some();
                // The sheets' tabs, in the order the command list gives them.
                for command in UiCommand::ALL {
                    let Some(tab) = command.tab() else { continue };
                    if tab == Tab::Census && !census {
                        continue;
                    }
                    let text = RichText::new(command.tab_name()).size(16.0).strong();
                    if ui
                        .selectable_label(self.tab == tab, text)
                        .on_hover_text(command.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Command(command));
                    }
                }
                ui.separator();
                let metadata = &self.document.project().metadata;
                let heading = [metadata.program_name.as_str(), metadata.country.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" — ");
                ui.label(RichText::new(heading).color(Color32::GRAY));
            });
            ui.separator();
            match self.tab {
                Tab::Values => {
                    values::values_ui(ui, &self.document, &mut self.buffers, &mut actions)
                }
                Tab::Targets => targets::targets_ui(
                    ui,
                    &self.document,
                    &mut self.buffers,
                    &mut self.targets_view,
                    &mut actions,
                ),
                Tab::Census => match &self.document.project().census {
                    Some(census) => census_ui(ui, census),
                    None => self.tab = Tab::Targets,
                },
                Tab::Sensitivity => sensitivity::sensitivity_ui(
                    ui,
                    &self.document,
                    &mut self.buffers,
                    &mut self.sensitivity,
                    &mut actions,
                ),
                Tab::Verification => verification::verification_ui(
                    ui,
                    &self.document,
                    &mut self.buffers,
                    &mut self.verification,
                    &mut actions,
                ),
                Tab::Scenarios => {
                    scenarios::scenarios_ui(ui, &self.document, &mut self.scenarios, &mut actions)
                }
                Tab::Charts => charts::charts_ui(ui, &self.document),
                Tab::Log => log::log_ui(
                    ui,
                    &self.document,
                    &mut self.log,
                    &mut self.user,
                    &mut self.reason,
                ),
                Tab::Rounds => rounds::rounds_ui(
                    ui,
                    &self.document,
                    &mut self.buffers,
                    &mut self.rounds,
                    &mut actions,
                ),
            }
        });

        self.palette_window(&ctx, &mut actions);
        self.problems_window(&ctx);
        self.import_window(&ctx);
        self.preview_window(&ctx);
        self.about_window(&ctx);
        self.modals(&ctx);

        if let Some((cell, reason)) = self.buffers.take_unreadable() {
            self.document.typing_refused(&merge_key(cell), cell, reason);
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
        if self.document.user() != self.user.trim() || self.document.reason() != self.reason.trim()
        {
            self.document.set_user(&self.user);
            self.document.set_reason(&self.reason);
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
