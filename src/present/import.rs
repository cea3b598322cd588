//! The import report in words: each table and column found and how, each program input and
//! where it came from, the rows skipped, and the notes, in the reader's language.

use crate::i18n::Lang;
use crate::io::import::report::{
    Difference, DirectionHow, ImportReport, InputReport, LineKind, LinkHow, Note, Source,
};
use crate::model::Direction;
use crate::schema::Column;
use crate::text::{format_count, format_number};
use crate::tr;

/// "Row 3", "Rows 1–10,000" or "Rows 1–4, 6–10" for sorted row indices.
fn rows_text(lang: Lang, rows: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => runs.push((row, row)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|&(first, last)| {
            let n = |r: usize| format_count(r + 1);
            if first == last {
                n(first)
            } else {
                format!("{}–{}", n(first), n(last))
            }
        })
        .collect();
    if rows.len() == 1 {
        tr!(lang, "Row {}", "Fila {}", shown.join(", "))
    } else {
        tr!(lang, "Rows {}", "Filas {}", shown.join(", "))
    }
}

impl ImportReport {
    /// The lines the user should check, in `lang`.
    pub fn warnings(&self, lang: Lang) -> Vec<String> {
        self.lines(lang)
            .into_iter()
            .filter(|(kind, _)| *kind == LineKind::Warning)
            .map(|(_, text)| text)
            .collect()
    }

    /// The report as lines in `lang`: tables and their columns, program inputs, skipped rows,
    /// then the notes, per-row notes that say the same on consecutive rows merged.
    pub fn lines(&self, lang: Lang) -> Vec<(LineKind, String)> {
        let mut lines = Vec::new();
        for table in &self.tables {
            let columns: Vec<String> = table
                .columns
                .iter()
                .filter_map(|c| {
                    let column = c.column?;
                    Some(tr!(
                        lang,
                        "{} \"{}\" is {} ({})",
                        "{} \"{}\" es {} ({})",
                        crate::io::import::formula::column_name(c.col),
                        c.header,
                        column.title(lang),
                        c.how.map_or("", |h| h.describe(lang))
                    ))
                })
                .collect();
            lines.push((
                LineKind::Read,
                tr!(
                    lang,
                    "{} table in sheet \"{}\", header in row {}, {} rows: {}",
                    "Tabla {} en la hoja \"{}\", encabezado en la fila {}, {} filas: {}",
                    table.kind.name(lang),
                    table.sheet,
                    format_count(table.header_row as usize + 1),
                    format_count(table.rows),
                    columns.join("; ")
                ),
            ));
            let ignored: Vec<String> = table
                .columns
                .iter()
                .filter(|c| c.column.is_none())
                .map(|c| {
                    format!(
                        "{} \"{}\"",
                        crate::io::import::formula::column_name(c.col),
                        c.header
                    )
                })
                .collect();
            if !ignored.is_empty() {
                lines.push((
                    LineKind::Read,
                    tr!(
                        lang,
                        "{} table: columns not used: {}",
                        "Tabla {}: columnas no usadas: {}",
                        table.kind.name(lang),
                        ignored.join(", ")
                    ),
                ));
            }
            for skipped in &table.skipped {
                lines.push((
                    LineKind::Inferred,
                    tr!(
                        lang,
                        "{} row {}",
                        "{} fila {}",
                        table.sheet,
                        skipped.describe(lang)
                    ),
                ));
            }
        }
        for input in &self.inputs {
            lines.push(input_line(lang, input));
        }
        lines.extend(self.note_lines(lang));
        lines
    }

    /// The notes as lines in `lang`, per-row notes that say the same on consecutive rows
    /// merged ("Rows 1–10,000: condition from the unit-value formula in column B").
    pub fn note_lines(&self, lang: Lang) -> Vec<(LineKind, String)> {
        let kind = |note: &Note| {
            if note.is_warning() {
                LineKind::Warning
            } else {
                LineKind::Inferred
            }
        };
        let mut lines = Vec::new();
        // Per-row notes that say the same thing, gathered by what they say, in the order each
        // was first said.
        let mut groups: Vec<(String, &Note, Vec<usize>)> = Vec::new();
        for note in &self.notes {
            match note.row_and_key() {
                Some((row, key)) => match groups.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, _, rows)) => rows.push(row),
                    None => groups.push((key, note, vec![row])),
                },
                None => lines.push((kind(note), note_text(note, lang, "", false))),
            }
        }
        for (_, note, mut rows) in groups {
            rows.sort_unstable();
            rows.dedup();
            let several = rows.len() > 1;
            lines.push((
                kind(note),
                note_text(note, lang, &rows_text(lang, &rows), several),
            ));
        }
        lines
    }

    /// The comparison with the workbook's cached results, in one sentence.
    pub fn comparison(&self, lang: Lang) -> String {
        match &self.differences {
            None => lang
                .t(
                    "The workbook held no computed results to compare with.",
                    "El libro no tenía resultados calculados con qué comparar.",
                )
                .to_owned(),
            Some(list) if list.is_empty() => tr!(
                lang,
                "All {} computed results the workbook held agree with this program's within 1e-9.",
                "Los {} resultados calculados del libro coinciden con los de este programa dentro \
                    de 1e-9.",
                format_count(self.compared)
            ),
            Some(list) => tr!(
                lang,
                "{} of {} computed results differ by more than 1e-9:",
                "{} de {} resultados calculados difieren en más de 1e-9:",
                format_count(list.len()),
                format_count(self.compared)
            ),
        }
    }

    /// The report as text, one line each, in `lang` (the command line prints this).
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (kind, text) in self.lines(lang) {
            let kind = match kind {
                LineKind::Read => lang.t("read", "leído"),
                LineKind::Inferred => lang.t("inferred", "inferido"),
                LineKind::Warning => lang.t("warning", "advertencia"),
            };
            out.push_str(&format!("{kind}: {text}\n"));
        }
        out.push_str(&self.comparison(lang));
        out.push('\n');
        for d in self.differences.iter().flatten() {
            out.push_str(&difference_line(lang, d));
            out.push('\n');
        }
        out
    }
}

/// "  Model target of Anemia (Targets!J9): workbook 0.33, this program 0.3301".
pub fn difference_line(lang: Lang, d: &Difference) -> String {
    tr!(
        lang,
        "  {} of {} ({}): workbook {}, this program {}",
        "  {} de {} ({}): libro {}, este programa {}",
        d.column.title(lang),
        d.row,
        d.cell,
        d.workbook,
        d.ours
    )
}

fn input_line(lang: Lang, input: &InputReport) -> (LineKind, String) {
    let what = input.input.title().get(lang);
    let value = input.shown();
    let shown = value.clone().unwrap_or_default();
    match &input.source {
        Source::Label { cell, label } => (
            LineKind::Read,
            if value.is_some() {
                tr!(
                    lang,
                    "{what} = {shown} from {cell} (labelled \"{label}\")",
                    "{what} = {shown} de {cell} (rotulado \"{label}\")"
                )
            } else {
                tr!(
                    lang,
                    "{what} from {cell} (labelled \"{label}\")",
                    "{what} de {cell} (rotulado \"{label}\")"
                )
            },
        ),
        Source::Column { cell } => (
            LineKind::Read,
            tr!(
                lang,
                "{what} = {shown} from {cell}",
                "{what} = {shown} de {cell}"
            ),
        ),
        Source::Formula { cell, formula_cell } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from {cell}, which the formula in {formula_cell} uses as the \
                    tool does",
                "{what} = {shown} de {cell}, que la fórmula de {formula_cell} usa como lo hace la \
                    herramienta"
            ),
        ),
        Source::PvArguments { cell } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from the PV() formula in {cell}",
                "{what} = {shown} de la fórmula PV() en {cell}"
            ),
        ),
        Source::Header { cell, header } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from the header \"{header}\" in {cell}",
                "{what} = {shown} del encabezado \"{header}\" en {cell}"
            ),
        ),
        Source::UnitValues { conditions } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown}, worked out from the unit values, DALYs and populations of \
                    {conditions} conditions",
                "{what} = {shown}, calculado de los valores unitarios, AVAD y poblaciones de \
                    {conditions} condiciones"
            ),
        ),
        Source::Default => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what}: not in the workbook; the default {shown} is used",
                "{what}: no está en el libro; se usa el valor por defecto {shown}"
            ),
        ),
        Source::Unusable { cell, label } => (
            LineKind::Warning,
            tr!(
                lang,
                "{what}: {cell} (labelled \"{label}\") holds no usable number; type it in",
                "{what}: {cell} (rotulado \"{label}\") no tiene un número utilizable; escríbalo"
            ),
        ),
        Source::Missing => (
            LineKind::Warning,
            tr!(
                lang,
                "{what}: not found in the workbook (no label, column or formula gives it); type \
                    it in",
                "{what}: no se encontró en el libro (ninguna etiqueta, columna o fórmula lo da); \
                    escríbalo"
            ),
        ),
    }
}

/// The note as a sentence about `rows` (one row, or `several`).
fn note_text(note: &Note, lang: Lang, rows: &str, several: bool) -> String {
    match note {
        Note::Linked { condition, how, .. } => {
            let how = match how {
                LinkHow::UnitValueFormula { column } => tr!(
                    lang,
                    "from the unit-value formula in column {column}",
                    "por la fórmula del valor unitario en la columna {column}"
                ),
                LinkHow::ConditionColumn => lang
                    .t("from the condition column", "por la columna de condición")
                    .into(),
                LinkHow::EqualUnitValue => lang
                    .t(
                        "because its unit value equals the condition's",
                        "porque su valor unitario es igual al de la condición",
                    )
                    .into(),
            };
            if several {
                tr!(lang, "{rows}: condition {how}", "{rows}: condición {how}")
            } else {
                tr!(
                    lang,
                    "{rows}: condition \"{condition}\" {how}",
                    "{rows}: condición \"{condition}\" {how}"
                )
            }
        }
        Note::NotLinked { text, .. } => match text {
            Some(text) => tr!(
                lang,
                "{rows}: \"{text}\" is not a condition of the Values table; choose one",
                "{rows}: \"{text}\" no es una condición de la tabla Valores; elija una"
            ),
            None => tr!(
                lang,
                "{rows}: no condition found; choose one in the Targets sheet",
                "{rows}: no se encontró la condición; elija una en la hoja Metas"
            ),
        },
        Note::Direction { direction, how, .. } => {
            let word = match direction {
                Direction::Higher => lang.t("higher is better", "más es mejor"),
                Direction::Lower => lang.t("lower is better", "menos es mejor"),
            };
            let how = match how {
                DirectionHow::Column => lang
                    .t("from the direction column", "por la columna de dirección")
                    .into(),
                DirectionHow::TargetFormula { column } => tr!(
                    lang,
                    "from the sign of d in the target formula of column {column}",
                    "por el signo de d en la fórmula de la meta de la columna {column}"
                ),
                DirectionHow::CachedTarget => lang
                    .t(
                        "since the workbook's target lies below the counterfactual",
                        "porque la meta del libro está por debajo del contrafactual",
                    )
                    .into(),
            };
            format!("{rows}: {word}, {how}")
        }
        Note::DirectionAssumed { .. } => tr!(
            lang,
            "{rows}: nothing says whether higher or lower is better; higher is assumed — \
                check it",
            "{rows}: nada indica si más o menos es mejor; se supone más — revíselo"
        ),
        Note::DefaultTrend { .. } => tr!(
            lang,
            "{rows}: no annual change; the default a₀ applies",
            "{rows}: sin cambio anual; se aplica el valor por defecto a₀"
        ),
        Note::NoTrendColumn => lang
            .t(
                "No annual-change column was found: every row uses the default a₀.",
                "No se encontró la columna de cambio anual: todas las filas usan el valor por \
                    defecto a₀.",
            )
            .into(),
        Note::NotANumber { cell, found, what } => tr!(
            lang,
            "{cell}: \"{found}\" is not a number ({}); left empty to be typed in",
            "{cell}: \"{found}\" no es un número ({}); se deja vacío para escribirlo",
            what.title(lang)
        ),
        Note::CachedResult { cell, problem } => tr!(
            lang,
            "{cell}: {}; the result the workbook saved was used",
            "{cell}: {}; se usó el resultado guardado en el libro",
            problem.describe(lang)
        ),
        Note::FormulaFailed { cell, problem } => tr!(
            lang,
            "{cell}: {}, and the workbook saved no result; the value is left empty",
            "{cell}: {}, y el libro no guardó resultado; el valor queda vacío",
            problem.describe(lang)
        ),
        Note::Disagree {
            input,
            first,
            other,
        } => tr!(
            lang,
            "{}: {} holds {} but {} holds {}; the first was used",
            "{}: {} tiene {} pero {} tiene {}; se usó el primero",
            input.title().get(lang),
            first.0,
            format_number(first.1),
            other.0,
            format_number(other.1)
        ),
        Note::MissingColumn { column } => tr!(
            lang,
            "No \"{}\" column was found: each row needs one; type the values in",
            "No se encontró la columna \"{}\": cada fila la necesita; escriba los valores",
            column.title(lang)
        ),
        Note::Census {
            sheet,
            rows,
            columns,
        } => tr!(
            lang,
            "Census data: sheet \"{sheet}\", {rows} rows × {columns} columns, kept as it is",
            "Datos censales: hoja \"{sheet}\", {rows} filas × {columns} columnas, se \
                conservan tal cual"
        ),
        Note::NoValuesTable => lang
            .t(
                "No Values table was found (Condition, DALYs, Population): indicators have no \
                    condition to link to.",
                "No se encontró la tabla Valores (Condición, AVAD, Población): los \
                    indicadores no tienen condición a la cual vincularse.",
            )
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::io::import::report::ImportReport;

    /// The comparison's counts are grouped by thousands, as the window's amounts are.
    #[test]
    fn the_comparison_groups_its_counts() {
        let report = ImportReport {
            differences: Some(Vec::new()),
            compared: 30_101,
            ..ImportReport::default()
        };
        assert_eq!(
            report.comparison(Lang::En),
            "All 30,101 computed results the workbook held agree with this program's within 1e-9."
        );
        assert!(
            report
                .comparison(Lang::Es)
                .starts_with("Los 30,101 resultados calculados"),
            "{}",
            report.comparison(Lang::Es)
        );
    }
}
