//! The import preview: what a workbook will give before the open document is replaced — each
//! table found and the field each column was read as (with how), the rows skipped, the program
//! inputs and where they came from, and the problems. A combo box per column reassigns it;
//! Open replaces the document, Cancel leaves it untouched.

use std::path::{Path, PathBuf};

use egui::{ComboBox, RichText, Ui};
use strum::IntoEnumIterator;

use crate::i18n::Lang;
use crate::io::import::book::Book;
use crate::io::import::report::{AnyColumn, Evidence, MappedColumn, TableKind, TableReport};
use crate::io::import::{Choices, Import, ImportError, LineKind, import_book};
use crate::model::{Outcome, compute};
use crate::schema::{Column, TargetsColumn, ValuesColumn};
use crate::tr;

/// A workbook read and imported, waiting for Open or Cancel.
pub struct ImportPreview {
    path: PathBuf,
    book: Book,
    /// Every choice in force: remembered ones and those made here.
    choices: Choices,
    /// The choices made in this preview, to remember for later imports.
    made: Choices,
    import: Import,
    outcome: Outcome,
}

/// What the user answered.
pub enum PreviewAnswer {
    Open(Box<Import>, Choices),
    Cancel,
}

impl ImportPreview {
    /// Reads `path` and imports it with the columns remembered from earlier imports.
    pub fn open(path: &Path, remembered: &Choices) -> Result<Self, ImportError> {
        let book = crate::io::read_book(path)?;
        let import = import_book(&book, &path.display().to_string(), remembered)?;
        let outcome = compute(&import.project);
        Ok(Self {
            path: path.to_owned(),
            book,
            choices: remembered.clone(),
            made: Choices::default(),
            import,
            outcome,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the column headed `header` as `key` (`None`: not used), and imports again.
    fn choose(&mut self, header: &str, key: Option<&str>) {
        self.choices.choose(header, key);
        self.made.choose(header, key);
        if let Ok(import) = import_book(&self.book, &self.path.display().to_string(), &self.choices)
        {
            self.outcome = compute(&import.project);
            self.import = import;
        }
    }

    /// The preview window; returns the answer once given.
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) -> Option<PreviewAnswer> {
        let mut answer = None;
        let mut choice = None;
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        egui::Window::new(lang.t("Import preview", "Vista previa de la importación"))
            .collapsible(false)
            .resizable(true)
            .default_size([980.0, 620.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.heading(tr!(lang, "Open {name}?", "¿Abrir {name}?"));
                let report = &self.import.report;
                let project = &self.import.project;
                let errors = self.outcome.errors().count();
                ui.label(tr!(
                    lang,
                    "{} indicators and {} conditions read; {} to fix after opening. Nothing \
                        changes until you press Open.",
                    "{} indicadores y {} condiciones leídos; {} por corregir después de abrir. \
                        Nada cambia hasta que pulse Abrir.",
                    crate::text::format_count(project.indicators.len()),
                    crate::text::format_count(project.conditions.len()),
                    if errors == 1 {
                        lang.t("1 problem", "1 problema").to_owned()
                    } else {
                        tr!(lang, "{errors} problems", "{errors} problemas")
                    }
                ));
                ui.label(report.comparison(lang));
                ui.horizontal(|ui| {
                    let size = egui::vec2(120.0, 30.0);
                    let open = egui::Button::new(
                        RichText::new(lang.t("Open", "Abrir")).strong().size(16.0),
                    )
                    .min_size(size);
                    if ui.add(open).clicked() {
                        answer = Some(true);
                    }
                    let cancel =
                        egui::Button::new(RichText::new(lang.t("Cancel", "Cancelar")).size(16.0))
                            .min_size(size);
                    if ui.add(cancel).clicked() {
                        answer = Some(false);
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for table in &report.tables {
                            if let Some(c) = table_ui(ui, table, lang) {
                                choice = Some(c);
                            }
                            ui.add_space(8.0);
                        }
                        ui.label(
                            RichText::new(lang.t("Program inputs", "Datos del programa")).strong(),
                        );
                        let lines = report.note_lines(lang);
                        egui::Grid::new("preview-inputs")
                            .striped(true)
                            .num_columns(3)
                            .show(ui, |ui| {
                                for input in &report.inputs {
                                    let missing = matches!(
                                        input.source,
                                        crate::io::import::report::Source::Missing
                                            | crate::io::import::report::Source::Unusable { .. }
                                    );
                                    let title = input.input.title().get(lang);
                                    let text = if missing {
                                        RichText::new(title)
                                            .color(ui.visuals().error_fg_color)
                                            .strong()
                                    } else {
                                        RichText::new(title)
                                    };
                                    ui.label(text);
                                    ui.label(input.shown().unwrap_or_else(|| "—".to_owned()));
                                    ui.label(input.source.describe(lang));
                                    ui.end_row();
                                }
                            });
                        ui.add_space(8.0);
                        ui.label(
                            RichText::new(lang.t(
                                "What was inferred, and what to check",
                                "Lo que se infirió, \
                        y lo que hay que revisar",
                            ))
                            .strong(),
                        );
                        for (kind, line) in lines {
                            let color = match kind {
                                LineKind::Warning => ui.visuals().warn_fg_color,
                                _ => ui.visuals().text_color(),
                            };
                            ui.add(egui::Label::new(RichText::new(line).color(color)).wrap());
                        }
                        if errors > 0 {
                            ui.add_space(8.0);
                            ui.label(
                                RichText::new(lang.t(
                                    "Problems to fix after opening",
                                    "Problemas por \
                            corregir después de abrir",
                                ))
                                .strong(),
                            );
                            for problem in self.outcome.errors() {
                                let sentence = crate::present::problem::sentence(problem, lang);
                                let color = ui.visuals().error_fg_color;
                                ui.add(
                                    egui::Label::new(RichText::new(sentence).color(color)).wrap(),
                                );
                            }
                        }
                    });
            });
        if let Some((header, key)) = choice {
            self.choose(&header, key);
        }
        match answer {
            Some(true) => Some(PreviewAnswer::Open(
                Box::new(self.import.clone()),
                self.made.clone(),
            )),
            Some(false) => Some(PreviewAnswer::Cancel),
            None => None,
        }
    }
}

/// One table: its columns, each with a combo box of what it is read as. Returns a choice made.
fn table_ui(
    ui: &mut Ui,
    table: &TableReport,
    lang: Lang,
) -> Option<(String, Option<&'static str>)> {
    let mut choice = None;
    ui.label(
        RichText::new(tr!(
            lang,
            "{} table: sheet \"{}\", header in row {}, {} rows",
            "Tabla {}: hoja \"{}\", encabezado en la fila {}, {} filas",
            table.kind.name(lang),
            table.sheet,
            crate::text::format_count(table.header_row as usize + 1),
            crate::text::format_count(table.rows)
        ))
        .strong(),
    );
    egui::Grid::new(("preview-columns", table.kind == TableKind::Targets))
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for title in [
                lang.t("Column", "Columna"),
                lang.t("Header in the workbook", "Encabezado en el libro"),
                lang.t("Read as", "Leída como"),
                lang.t("How", "Cómo"),
                lang.t("Sure", "Certeza"),
            ] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for column in &table.columns {
                let letter = crate::io::import::formula::column_name(column.col);
                ui.label(&letter);
                ui.label(&column.header).on_hover_text(&column.header);
                if let Some(key) = column_combo(ui, table.kind, column, &letter, lang) {
                    choice = Some((column.header.clone(), key));
                }
                let how = match column.how {
                    Some(Evidence::Chosen) if column.column.is_none() => {
                        lang.t("ignored by hand", "ignorada a mano")
                    }
                    Some(how) => how.describe(lang),
                    None => lang.t("not recognised", "no reconocida"),
                };
                ui.label(how);
                let sure = if column.column.is_some() {
                    format!("{:.0}%", column.confidence * 100.0)
                } else {
                    String::new()
                };
                ui.label(sure);
                ui.end_row();
            }
        });
    for skipped in &table.skipped {
        ui.label(tr!(lang, "Row {}", "Fila {}", skipped.describe(lang)));
    }
    choice
}

/// The combo box of one column: "(not used)" or a column of the table. Returns the machine name
/// chosen (`Some(None)`: not used) when it changed.
fn column_combo(
    ui: &mut Ui,
    kind: TableKind,
    column: &MappedColumn,
    letter: &str,
    lang: Lang,
) -> Option<Option<&'static str>> {
    let options: Vec<(Option<&'static str>, &'static str)> =
        std::iter::once((None, lang.t("(not used)", "(no se usa)")))
            .chain(match kind {
                TableKind::Targets => TargetsColumn::iter()
                    .map(|c| (Some(c.key()), c.title().get(lang)))
                    .collect::<Vec<_>>(),
                TableKind::Values => ValuesColumn::iter()
                    .map(|c| (Some(c.key()), c.title().get(lang)))
                    .collect(),
            })
            .collect();
    let current = column.column.map(AnyColumn::key);
    let mut chosen = current;
    let shown = options
        .iter()
        .find(|(k, _)| *k == current)
        .map_or("", |(_, title)| *title);
    ComboBox::from_id_salt(("read-as", kind == TableKind::Targets, column.col))
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            for (key, title) in &options {
                ui.selectable_value(&mut chosen, *key, *title);
            }
        })
        .response
        .accessible_name(tr!(
            lang,
            "Read column {letter} as",
            "Leer la columna {letter} como"
        ));
    (chosen != current).then_some(chosen)
}
