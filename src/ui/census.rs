//! The Census sheet: population figures kept from an imported workbook, read-only.

use egui::Ui;

use crate::i18n::Lang;
use crate::model::{CensusTable, TableCell};
use crate::tr;

/// The census sheet of an imported workbook, read-only.
pub fn census_ui(ui: &mut Ui, census: &CensusTable, lang: Lang) {
    let name = &census.sheet_name;
    ui.label(tr!(
        lang,
        "Sheet \"{name}\" as the workbook held it; it is written back on export. The model \
         does not compute with it.",
        "Hoja \"{name}\" tal como estaba en el libro; se vuelve a escribir al exportar. El \
         modelo no calcula con ella."
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
