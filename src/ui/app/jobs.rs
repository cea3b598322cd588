//! File work off the window's thread: opening a project or a workbook (up to 100 MiB), saving
//! and exporting run on a worker thread while the window repaints and shows what it is doing.
//! A job that ends within a frame's wait is handled in that frame, so small files never flash
//! a progress window.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use egui::{Modal, RichText};

use super::{App, Pending};
use crate::io::{ExportError, ImportError, ProjectFileError};
use crate::model::Project;
use crate::tr;
use crate::ui::import_preview::ImportPreview;

/// How long a frame waits for a job before it shows the progress window instead.
const INLINE_WAIT: Duration = Duration::from_millis(60);

/// What a finished job gives back.
pub(super) enum Done {
    /// A project file read.
    Opened(Box<Result<Project, ProjectFileError>>),
    /// A workbook read and imported, for the preview.
    Previewed(Box<Result<ImportPreview, ImportError>>),
    /// The project as it was at history point `point` written; then `then` runs.
    Saved {
        point: u64,
        then: Option<Pending>,
        result: Result<(), ProjectFileError>,
    },
    Exported(Result<(), ExportError>),
}

/// What a job does, for the progress window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Work {
    Open,
    Save,
    Export,
}

/// A job running on a worker thread.
pub(super) struct Job {
    work: Work,
    path: PathBuf,
    started: Instant,
    receiver: Receiver<Done>,
}

impl App {
    /// Runs `work` on `path` on a worker thread; waits a moment for it so that small files
    /// are done in this frame.
    pub(super) fn start_job(
        &mut self,
        work: Work,
        path: PathBuf,
        job: impl FnOnce() -> Done + Send + 'static,
    ) {
        if let Some(running) = &self.job {
            let lang = self.lang;
            let name = running.path.display().to_string();
            let text = tr!(
                lang,
                "Still working on {name}; try again when it is done.",
                "Todavía trabajando con {name}; intente de nuevo cuando termine."
            );
            self.set_status(text, false);
            return;
        }
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then nobody waits for the result.
            let _ = sender.send(job());
        });
        self.job = Some(Job {
            work,
            path,
            started: Instant::now(),
            receiver,
        });
        self.poll_job();
    }

    /// True while a file is being opened, saved or exported.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Handles the job if it has finished (waiting up to a frame's wait for it), else shows
    /// its progress and asks for the next frame.
    pub(super) fn poll_job(&mut self) {
        let Some(job) = &self.job else {
            return;
        };
        match job.receiver.recv_timeout(INLINE_WAIT) {
            Ok(done) => {
                let Some(job) = self.job.take() else {
                    return;
                };
                self.finish(job.path, done);
            }
            Err(RecvTimeoutError::Timeout) => {
                self.ctx.request_repaint_after(Duration::from_millis(100));
            }
            Err(RecvTimeoutError::Disconnected) => {
                let job = self.job.take();
                let lang = self.lang;
                let path = job
                    .map(|j| j.path.display().to_string())
                    .unwrap_or_default();
                self.error = Some(tr!(
                    lang,
                    "The work on {path} stopped unexpectedly; nothing was changed.",
                    "El trabajo con {path} se detuvo inesperadamente; no se cambió nada."
                ));
            }
        }
    }

    /// The window that says what is being done while a job runs.
    pub(super) fn progress_window(&self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        let lang = self.lang;
        let name = job.path.file_name().map_or_else(
            || job.path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let doing = match job.work {
            Work::Open => tr!(lang, "Opening {name}…", "Abriendo {name}…"),
            Work::Save => tr!(lang, "Saving {name}…", "Guardando {name}…"),
            Work::Export => tr!(lang, "Exporting {name}…", "Exportando {name}…"),
        };
        let seconds = job.started.elapsed().as_secs();
        Modal::new(egui::Id::unique("file-job")).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(RichText::new(doing).strong());
            });
            ui.label(tr!(
                lang,
                "{seconds} s; the document stays as it is until this is done.",
                "{seconds} s; el documento sigue igual hasta que termine."
            ));
        });
    }
}
