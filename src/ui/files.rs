//! Choosing files: the system's dialog (rfd) on a worker thread so the window never freezes,
//! or, where the system has no dialog service (no desktop portal, no zenity), a file browser
//! inside the window instead of nothing happening. The browser reads a folder once per visit
//! and asks before a save or an export replaces a file that exists.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Context, RichText, Ui};

use crate::i18n::Lang;
use crate::tr;

/// What the file is chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    SaveAs,
    Export,
}

impl FilePurpose {
    fn title(self, lang: Lang) -> &'static str {
        match self {
            FilePurpose::Open => lang.t("Open project", "Abrir proyecto"),
            FilePurpose::SaveAs => lang.t("Save project as", "Guardar proyecto como"),
            FilePurpose::Export => lang.t("Export target sheets", "Exportar hojas de metas"),
        }
    }

    /// Extensions listed, and the one added to a name typed without one.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FilePurpose::Open => &OPEN_EXTENSIONS,
            FilePurpose::SaveAs => &["ron"],
            FilePurpose::Export => &["xlsx"],
        }
    }
}

/// Extensions the program opens.
const OPEN_EXTENSIONS: [&str; 5] = ["ron", "xlsx", "xlsm", "xls", "ods"];

/// True when the system can show a native file dialog. On Linux rfd asks the desktop portal
/// over D-Bus and falls back to zenity; with neither it returns "cancelled" without showing
/// anything, so the in-app browser is used instead.
pub fn native_dialogs_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join(program).is_file())
        })
    };
    let has_portal_session = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        && std::env::var_os("XDG_CURRENT_DESKTOP").is_some_and(|d| !d.is_empty());
    has_portal_session || on_path("zenity")
}

/// The in-app browser's state.
#[derive(Debug)]
struct Browser {
    purpose: FilePurpose,
    folder: PathBuf,
    folder_text: String,
    /// The folder's sub-folders and files, read when the folder is entered.
    listing: (Vec<PathBuf>, Vec<PathBuf>),
    file_name: String,
    error: Option<String>,
    /// A file that exists, chosen to be replaced: waiting for "Replace" or "Cancel".
    replacing: Option<PathBuf>,
}

impl Browser {
    fn new(purpose: FilePurpose, start: &Path, suggested_name: &str) -> Self {
        let mut browser = Self {
            purpose,
            folder: PathBuf::new(),
            folder_text: String::new(),
            listing: (Vec::new(), Vec::new()),
            file_name: suggested_name.to_owned(),
            error: None,
            replacing: None,
        };
        browser.enter(start.to_owned());
        browser
    }

    /// Shows `folder`, reading its entries once.
    fn enter(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.listing = list_folder(&folder, self.purpose.extensions());
        self.folder = folder;
        self.error = None;
    }

    /// Shows the browser; returns `Some(Some(path))` when chosen, `Some(None)` when cancelled.
    fn ui(&mut self, ctx: &Context, lang: Lang) -> Option<Option<PathBuf>> {
        let mut result = None;
        let mut open = true;
        egui::Window::new(self.purpose.title(lang))
            .id(egui::Id::unique("file-browser"))
            .collapsible(false)
            .default_size([620.0, 460.0])
            .open(&mut open)
            .show(ctx, |ui| {
                result = match self.replacing.clone() {
                    Some(path) => self.confirm_replace(ui, lang, path),
                    None => self.contents(ui, lang),
                };
            });
        if !open {
            result = Some(None);
        }
        result
    }

    /// "A file named … already exists. Replace it?"
    fn confirm_replace(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        path: PathBuf,
    ) -> Option<Option<PathBuf>> {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        ui.label(
            RichText::new(tr!(
                lang,
                "{name} already exists in this folder. Replace it?",
                "{name} ya existe en esta carpeta. ¿Reemplazarlo?"
            ))
            .strong(),
        );
        ui.label(lang.t(
            "Its contents are lost if you replace it.",
            "Su contenido se pierde si lo reemplaza.",
        ));
        let mut answer = None;
        ui.horizontal(|ui| {
            if ui.button(lang.t("Replace", "Reemplazar")).clicked() {
                answer = Some(Some(path.clone()));
            }
            if ui.button(lang.t("Cancel", "Cancelar")).clicked() {
                self.replacing = None;
            }
        });
        answer
    }

    fn contents(&mut self, ui: &mut Ui, lang: Lang) -> Option<Option<PathBuf>> {
        ui.label(
            RichText::new(lang.t(
                "No system file dialog is available here; choose the file below.",
                "No hay un diálogo de archivos del sistema disponible aquí; elija el archivo \
                 abajo.",
            ))
            .small(),
        );
        ui.horizontal(|ui| {
            if ui
                .button(lang.t("Up", "Arriba"))
                .on_hover_text(lang.t("Parent folder", "Carpeta superior"))
                .clicked()
                && let Some(parent) = self.folder.parent()
            {
                let parent = parent.to_owned();
                self.enter(parent);
            }
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.folder_text)
                        .desired_width(ui.available_width()),
                )
                .accessible_name(lang.t("Folder", "Carpeta"));
            if response.lost_focus() {
                let typed = PathBuf::from(self.folder_text.trim());
                if typed.is_dir() {
                    self.enter(typed);
                } else {
                    self.error = Some(tr!(
                        lang,
                        "{} is not a folder",
                        "{} no es una carpeta",
                        typed.display()
                    ));
                }
            }
        });
        ui.separator();
        let mut chosen = None;
        let (folders, files) = self.listing.clone();
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for folder in folders {
                    let name = folder
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if ui.selectable_label(false, format!("{name}/")).clicked() {
                        self.enter(folder);
                    }
                }
                for file in files {
                    let name = file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let response = ui.selectable_label(self.file_name == name, name.clone());
                    if response.clicked() {
                        self.file_name = name;
                    }
                    if response.double_clicked() {
                        if self.purpose == FilePurpose::Open {
                            chosen = Some(file);
                        } else {
                            self.replacing = Some(file);
                        }
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(lang.t("File name", "Nombre del archivo"));
            ui.add(egui::TextEdit::singleline(&mut self.file_name).desired_width(300.0))
                .labelled_by(label.id);
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let mut cancelled = false;
        ui.horizontal(|ui| {
            let verb = match self.purpose {
                FilePurpose::Open => lang.t("Open", "Abrir"),
                FilePurpose::SaveAs => lang.t("Save", "Guardar"),
                FilePurpose::Export => lang.t("Export", "Exportar"),
            };
            if ui.button(verb).clicked() {
                let name = self.file_name.trim();
                if name.is_empty() {
                    self.error = Some(
                        lang.t(
                            "Type or pick a file name.",
                            "Escriba o elija un nombre de archivo.",
                        )
                        .to_owned(),
                    );
                } else {
                    let mut path = self.folder.join(name);
                    if self.purpose != FilePurpose::Open && path.extension().is_none() {
                        path.set_extension(self.purpose.extensions()[0]);
                    }
                    if self.purpose == FilePurpose::Open && !path.is_file() {
                        let shown = path.display();
                        self.error = Some(tr!(lang, "{shown} does not exist", "{shown} no existe"));
                    } else if self.purpose != FilePurpose::Open && path.exists() {
                        self.replacing = Some(path);
                    } else {
                        chosen = Some(path);
                    }
                }
            }
            if ui.button(lang.t("Cancel", "Cancelar")).clicked() {
                cancelled = true;
            }
        });
        if cancelled {
            return Some(None);
        }
        chosen.map(Some)
    }
}

/// Sub-folders and project files of `folder`, sorted by name; hidden entries left out.
fn list_folder(folder: &Path, extensions: &[&str]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut folders = Vec::new();
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
            {
                files.push(path);
            }
        }
    }
    folders.sort();
    files.sort();
    (folders, files)
}

/// A file dialog in progress, native or in-app.
#[derive(Debug, Default)]
pub struct FileDialogs {
    native: Option<(FilePurpose, Receiver<Option<PathBuf>>)>,
    browser: Option<Browser>,
    /// False forces the in-app browser (tests, or a system whose dialogs do not show).
    pub use_native: bool,
}

impl FileDialogs {
    pub fn new(use_native: bool) -> Self {
        Self {
            use_native,
            ..Self::default()
        }
    }

    /// True while a dialog is open.
    pub fn is_open(&self) -> bool {
        self.native.is_some() || self.browser.is_some()
    }

    /// Starts choosing a file; `current` is the document's file, if any; the dialog speaks
    /// `lang`.
    pub fn request(&mut self, purpose: FilePurpose, current: Option<&Path>, lang: Lang) {
        if self.is_open() {
            return;
        }
        let folder = current
            .and_then(Path::parent)
            .filter(|p| p.is_dir())
            .map(Path::to_owned)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let stem = current.and_then(Path::file_stem).map_or_else(
            || lang.t("project", "proyecto").to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let name = match purpose {
            FilePurpose::Open => String::new(),
            FilePurpose::SaveAs => format!("{stem}.ron"),
            FilePurpose::Export => tr!(lang, "{stem} targets.xlsx", "{stem} metas.xlsx"),
        };
        if !self.use_native || !native_dialogs_available() {
            self.browser = Some(Browser::new(purpose, &folder, &name));
            return;
        }
        let (sender, receiver) = channel();
        let dialog = rfd::FileDialog::new()
            .set_title(purpose.title(lang))
            .set_directory(&folder)
            .add_filter(purpose.title(lang), purpose.extensions());
        let run = move || {
            let picked = match purpose {
                FilePurpose::Open => dialog.pick_file(),
                FilePurpose::SaveAs | FilePurpose::Export => dialog.set_file_name(name).save_file(),
            };
            let _ = sender.send(picked);
        };
        if cfg!(target_os = "macos") {
            // macOS shows dialogs from the main thread only; its dialog is a sheet anyway.
            run();
        } else {
            std::thread::spawn(run);
        }
        self.native = Some((purpose, receiver));
    }

    /// Shows the in-app browser if open and returns a finished choice:
    /// `(purpose, Some(path))` chosen, `(purpose, None)` cancelled.
    pub fn poll(&mut self, ctx: &Context, lang: Lang) -> Option<(FilePurpose, Option<PathBuf>)> {
        if let Some((purpose, receiver)) = &self.native {
            let purpose = *purpose;
            match receiver.try_recv() {
                Ok(picked) => {
                    self.native = None;
                    return Some((purpose, picked));
                }
                Err(TryRecvError::Disconnected) => {
                    self.native = None;
                    return Some((purpose, None));
                }
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
            }
        }
        if let Some(browser) = &mut self.browser {
            let purpose = browser.purpose;
            if let Some(choice) = browser.ui(ctx, lang) {
                self.browser = None;
                return Some((purpose, choice));
            }
        }
        None
    }
}
