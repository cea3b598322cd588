//! The window (egui): one file per sheet or panel. UI functions read the [`Document`] and
//! return [`Action`]s; [`App`] applies them in one place.

mod app;
mod cells;
mod census;
mod charts;
pub mod commands;
mod files;
mod import_preview;
mod log;
mod marked;
mod presenter;
mod program;
mod rounds;
mod scenarios;
mod sensitivity;
mod summary;
mod targets;
mod values;
mod verification;

use std::path::PathBuf;

pub use app::{App, Tab};
pub use summary::{impact_text, ratio_text};

use crate::document::{Document, Edit};
use crate::model::audit::Deed;
use crate::tr;

/// What the user asked for this frame; applied by [`App`] after the frame's widgets ran.
#[must_use]
#[derive(Clone, Debug)]
pub enum Action {
    Command(commands::UiCommand),
    /// A value typed into a cell: checked against the model's validation before it enters
    /// the document; keystrokes in one cell merge into one undo step.
    CellEdit {
        cell: cells::CellKey,
        edit: Edit,
    },
    /// Renaming a condition renames the links of its indicators too.
    RenameCondition {
        cell: cells::CellKey,
        row: usize,
        name: String,
    },
    /// Any other change (row insert, delete, move, combo box), and what the history calls it.
    Edit {
        edit: Edit,
        deed: Deed,
    },
    SetLocked {
        row: usize,
        locked: bool,
    },
    GoalSeek(usize),
    ResetRow(usize),
    /// Open a file from File → Open recent (asks first about unsaved changes).
    OpenRecent(PathBuf),
    /// Save the negotiated targets under a name.
    SaveScenario(String),
    /// Restore a saved scenario (one undo step).
    RestoreScenario(usize),
    /// Show how a computed Targets cell is computed.
    Explain {
        row: usize,
        column: crate::present::explain::Column,
    },
    /// Who makes the changes from now on, and why (the audit log records both).
    Attribution {
        user: String,
        reason: String,
    },
    /// Mark the project as it stands as agreed, under a name ("end of day 1").
    SetMark(String),
    /// The value typed in a cell is committed (the focus moved on).
    CommitTyping,
    /// The value typed in a cell is thrown away (Esc).
    CancelTyping,
    /// A block pasted from the clipboard into a grid.
    Paste {
        edit: Edit,
        deed: Deed,
    },
}

/// When the process started: set by `main`, read for the first-frame time that
/// `RBF_TIMING=1` prints.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Opens the window. `file` is a project to open; without it the last file opened comes back,
/// or the embedded El Salvador sample on a first start. `lang` overrides the language last
/// chosen (and the system's).
pub fn run(
    file: Option<PathBuf>,
    lang: Option<crate::i18n::Lang>,
    share: Option<std::net::SocketAddr>,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("rbf-targets")
            .with_app_id("rbf-targets")
            .with_inner_size([1600.0, 900.0])
            .with_maximized(true)
            .with_min_inner_size([800.0, 500.0])
            .with_icon(std::sync::Arc::new(app_icon())),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "rbf-targets",
        options,
        Box::new(move |cc| {
            let mut app = App::start(cc, file, lang);
            if let Some(address) = share {
                // Printed for whoever started the program from a terminal.
                match app.start_share(address) {
                    Ok(link) => println!("{link}"),
                    Err(error) => eprintln!("rbf-targets: {error}"),
                }
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| {
        let lang = lang.unwrap_or_else(crate::i18n::Lang::from_system);
        anyhow::anyhow!(tr!(
            lang,
            "cannot open the window: {error}",
            "no se puede abrir la ventana: {error}"
        ))
    })
}

/// The window's icon: a target line over rising bars, `assets/icon.png` (also the icon of the
/// desktop entry that `scripts/install-desktop-entry` installs).
pub fn app_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).unwrap_or_default()
}

/// A document on the embedded sample; an empty project if the sample could not be read.
pub fn sample_document() -> Document {
    match crate::io::el_salvador_sample() {
        Ok(project) => Document::new(project, None),
        Err(_) => Document::new(crate::model::Project::default(), None),
    }
}
