//! The document's files: open (a project, or a workbook through the import preview), save,
//! export, recent files, and "save changes?" before the document is replaced. Reading and
//! writing run on a worker thread (`jobs`).

use std::path::{Path, PathBuf};

use egui::Modal;

use super::autosave::Autosave;
use super::jobs::{Done, Work};
use super::{App, Pending};
use crate::document::Document;
use crate::i18n::Lang;
use crate::io::{ExportOptions, export_xlsx};
use crate::model::{Condition, Indicator, Project};
use crate::tr;
use crate::ui::files::FilePurpose;
use crate::ui::import_preview::{ImportPreview, PreviewAnswer};

impl App {
    pub(super) fn replace_document(&mut self, document: Document) {
        let _ = self.autosave.finish();
        self.document = document;
        self.document.set_user(&self.user);
        self.document.set_reason(&self.reason);
        self.buffers.clear();
        self.autosave = Autosave::default();
    }

    /// Opens `path` as File → Open does once a file is chosen (without asking about unsaved
    /// changes first).
    pub fn open_file(&mut self, path: &Path) {
        self.open_path(path);
    }

    /// Opens a project; a workbook first shows the import preview. On failure the open
    /// document stays as it was and the reason is shown.
    pub(super) fn open_path(&mut self, path: &Path) {
        let owned = path.to_owned();
        if crate::io::is_workbook(path) {
            let choices = self.import_choices.clone();
            self.start_job(Work::Open, owned.clone(), move || {
                Done::Previewed(Box::new(ImportPreview::open(&owned, &choices)))
            });
        } else {
            self.start_job(Work::Open, owned.clone(), move || {
                Done::Opened(Box::new(crate::io::load(&owned)))
            });
        }
    }

    /// A finished job: the document, the status line or an error message follow.
    pub(super) fn finish(&mut self, path: PathBuf, done: Done) {
        let lang = self.lang;
        match done {
            Done::Opened(result) => match *result {
                Ok(project) => {
                    self.replace_document(Document::new(project, Some(path.clone())));
                    let shown = path.display();
                    self.set_status(tr!(lang, "Opened {shown}.", "Abierto {shown}."), true);
                    self.remember(&path);
                }
                Err(error) => self.refused(error.message(lang)),
            },
            Done::Previewed(result) => match *result {
                Ok(preview) => self.preview = Some(preview),
                Err(error) => self.refused(error.message(lang)),
            },
            Done::Saved {
                point,
                then,
                result: Ok(()),
            } => {
                self.set_status(tr!(lang, "Saved {}.", "Guardado {}.", path.display()), true);
                self.remember(&path);
                self.discard_recovery();
                self.document.mark_saved_at(path, point);
                if let Some(pending) = then {
                    let ctx = self.ctx.clone();
                    self.proceed(pending, &ctx);
                }
            }
            Done::Saved {
                result: Err(error), ..
            } => self.error = Some(error.message(lang)),
            Done::Exported(Ok(())) => self.set_status(
                tr!(
                    lang,
                    "Exported the target sheets to {}.",
                    "Hojas de metas exportadas a {}.",
                    path.display()
                ),
                true,
            ),
            Done::Exported(Err(error)) => self.error = Some(error.message(lang)),
        }
    }

    fn refused(&mut self, message: String) {
        let lang = self.lang;
        self.error = Some(tr!(
            lang,
            "{message}\n\nThe open document was not changed.",
            "{message}\n\nEl documento abierto no cambió."
        ));
    }

    /// The import preview, while a workbook waits for Open or Cancel.
    pub(super) fn preview_window(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let Some(preview) = &mut self.preview else {
            return;
        };
        let Some(answer) = preview.show(ctx, lang) else {
            return;
        };
        let path = preview.path().to_owned();
        self.preview = None;
        match answer {
            PreviewAnswer::Open(import, made) => {
                // A workbook becomes a new, unsaved project: Save asks where to write it.
                self.replace_document(Document::new(import.project, None));
                self.set_status(tr!(lang, "Opened {}.", "Abierto {}.", path.display()), true);
                self.remember(&path);
                self.import_choices.extend(&made);
                self.import_report = Some((path, import.report));
            }
            PreviewAnswer::Cancel => self.set_status(
                lang.t(
                    "Import cancelled: the open document was not changed.",
                    "Importación cancelada: el documento abierto no cambió.",
                ),
                true,
            ),
        }
    }

    /// Saves the project as it is now to `path`, then runs `then`.
    pub(super) fn save_to(&mut self, path: PathBuf, then: Option<Pending>) {
        let project = self.document.project().clone();
        let point = self.document.save_point();
        let target = path.clone();
        self.start_job(Work::Save, path, move || Done::Saved {
            point,
            then,
            result: crate::io::save(&project, &target),
        });
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

    fn export_to(&mut self, path: PathBuf) {
        let project = self.document.project().clone();
        let options = ExportOptions {
            lang: self.lang,
            ..ExportOptions::default()
        };
        let target = path.clone();
        self.start_job(Work::Export, path, move || {
            Done::Exported(export_xlsx(&project, &target, options))
        });
    }

    /// Runs `pending` now, or asks first when there are unsaved changes.
    pub(super) fn guarded(&mut self, pending: Pending, ctx: &egui::Context) {
        self.commit_typing();
        if self.document.is_dirty() {
            self.guard = Some(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending, ctx: &egui::Context) {
        let lang = self.lang;
        match pending {
            Pending::New => {
                self.replace_document(Document::new(new_project(lang), None));
                self.set_status(
                    lang.t(
                        "New project: fill in the Values and Targets sheets.",
                        "Proyecto nuevo: complete las hojas Valores y Metas.",
                    ),
                    true,
                );
            }
            Pending::Open => {
                self.dialogs
                    .request(FilePurpose::Open, self.document.path(), self.lang)
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// "Save changes?", an error message, and the file dialogs' answers.
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        self.recovery_modal(ctx);
        self.unsaved_modal(ctx);
        self.error_modal(ctx);
        if let Some((purpose, choice)) = self.dialogs.poll(ctx, self.lang) {
            match (purpose, choice) {
                (FilePurpose::Open, Some(path)) => self.open_path(&path),
                (FilePurpose::Export, Some(path)) => self.export_to(path),
                (FilePurpose::SaveAs, Some(path)) => {
                    let then = self.after_save.take();
                    self.save_to(path, then);
                }
                (_, None) => self.after_save = None,
            }
        }
    }

    fn unsaved_modal(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.guard.clone() else {
            return;
        };
        let lang = self.lang;
        let name = self.display_name();
        let mut answer = None;
        Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading(lang.t("Unsaved changes", "Cambios sin guardar"));
            ui.label(tr!(
                lang,
                "Save the changes to {name} first?",
                "¿Guardar antes los cambios en {name}?"
            ));
            ui.horizontal(|ui| {
                if ui.button(lang.t("Save", "Guardar")).clicked() {
                    answer = Some(Answer::Save);
                }
                if ui.button(lang.t("Don't save", "No guardar")).clicked() {
                    answer = Some(Answer::Discard);
                }
                if ui.button(lang.t("Cancel", "Cancelar")).clicked() {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        match answer {
            Some(Answer::Save) => {
                self.guard = None;
                match self.document.path().map(Path::to_owned) {
                    Some(path) => self.save_to(path, Some(pending)),
                    None => {
                        self.after_save = Some(pending);
                        self.dialogs.request(FilePurpose::SaveAs, None, self.lang);
                    }
                }
            }
            Some(Answer::Discard) => {
                self.guard = None;
                self.discard_recovery();
                self.proceed(pending, ctx);
            }
            Some(Answer::Cancel) => self.guard = None,
            None => {}
        }
    }

    fn error_modal(&mut self, ctx: &egui::Context) {
        let Some(message) = self.error.clone() else {
            return;
        };
        let lang = self.lang;
        let mut close = false;
        Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(lang.t("Could not do that", "No se pudo hacer"));
            ui.label(message);
            if ui.button("OK").clicked() {
                close = true;
            }
        });
        if close {
            self.error = None;
        }
    }

    /// The name shown in the title bar: the file name, or the program's name before the
    /// first save.
    pub(super) fn display_name(&self) -> String {
        let lang = self.lang;
        if let Some(name) = self.document.file_name() {
            return name;
        }
        let program = self.document.project().metadata.program_name.trim();
        if program.is_empty() {
            lang.t("Untitled", "Sin título").to_owned()
        } else {
            tr!(
                lang,
                "{program} (not saved to a file)",
                "{program} (no guardado en un archivo)"
            )
        }
    }
}

/// The answers to "save changes?".
enum Answer {
    Save,
    Discard,
    Cancel,
}

/// The document "New" starts with: one condition and one indicator linked to it.
fn new_project(lang: Lang) -> Project {
    let condition = lang.t("Condition 1", "Condición 1");
    Project {
        metadata: crate::model::Metadata {
            currency: crate::model::DEFAULT_CURRENCY.to_owned(),
            ..Default::default()
        },
        conditions: vec![Condition {
            name: condition.to_owned(),
            ..Condition::default()
        }],
        indicators: vec![Indicator {
            name: lang.t("Indicator 1", "Indicador 1").to_owned(),
            condition: condition.to_owned(),
            ..Indicator::default()
        }],
        ..Project::default()
    }
}
