//! The audit log in the reader's language: each typed entry as the row the Log tab and the
//! exported "Audit log" sheet show.

use crate::i18n::Lang;
use crate::model::audit::{AuditEntry, Deed, Item, Place, Value, utc_text};
use crate::model::{Direction, Field, Location, Measurement, Spread, Timing};
use crate::text::{format_number, format_percent};
use crate::tr;

use super::problem::field_label;
use crate::schema::labels;

/// The titles of the columns an entry is shown and exported in, matching [`cells`].
pub fn columns(lang: Lang) -> [&'static str; 7] {
    [
        lang.t("Time (UTC)", "Hora (UTC)"),
        lang.t("Who", "Quién"),
        lang.t("Action", "Acción"),
        lang.t("What", "Qué"),
        lang.t("Old", "Antes"),
        lang.t("New", "Después"),
        lang.t("Reason", "Motivo"),
    ]
}

/// The entry's text in the order of [`columns`].
pub fn cells(entry: &AuditEntry, lang: Lang) -> [String; 7] {
    [
        utc_text(entry.at),
        entry.user.clone(),
        deed(&entry.deed, lang),
        what(&entry.place, &entry.item, lang),
        value(&entry.from, lang),
        value(&entry.to, lang),
        entry.reason.clone(),
    ]
}

/// "Values" or "Targets" for a row's location.
fn sheet(at: Location, lang: Lang) -> &'static str {
    super::problem::sheet(at, lang)
}

fn row_of(at: Location) -> usize {
    match at {
        Location::Condition(row) | Location::Indicator(row) => row + 1,
        Location::Program => 0,
    }
}

/// What a step did: "Edit baseline of row 3", "Rebalance unlocked rows", "Undo: …".
pub fn deed(deed: &Deed, lang: Lang) -> String {
    let condition = |at: &Location| matches!(at, Location::Condition(_));
    match deed {
        Deed::Edit { at, field } => {
            let field = field_label(*field, lang);
            match at.row_number() {
                Some(n) => tr!(
                    lang,
                    "Edit {field} of row {n}",
                    "Editar {field} de la fila {n}"
                ),
                None => tr!(lang, "Edit {field}", "Editar {field}"),
            }
        }
        Deed::AddRow(at) if condition(at) => lang.t("Add condition", "Agregar condición").into(),
        Deed::AddRow(_) => lang.t("Add indicator", "Agregar indicador").into(),
        Deed::InsertBelow(at) => {
            let n = row_of(*at);
            if condition(at) {
                tr!(
                    lang,
                    "Insert condition below row {n}",
                    "Insertar condición debajo de la fila {n}"
                )
            } else {
                tr!(
                    lang,
                    "Insert indicator below row {n}",
                    "Insertar indicador debajo de la fila {n}"
                )
            }
        }
        Deed::Duplicate(at) => {
            let n = row_of(*at);
            tr!(
                lang,
                "Duplicate row {n} of {}",
                "Duplicar fila {n} de {}",
                sheet(*at, lang)
            )
        }
        Deed::Move { at, up } => {
            let n = row_of(*at);
            match (condition(at), up) {
                (true, true) => tr!(lang, "Move condition {n} up", "Subir la condición {n}"),
                (true, false) => tr!(lang, "Move condition {n} down", "Bajar la condición {n}"),
                (false, true) => tr!(lang, "Move row {n} up", "Subir la fila {n}"),
                (false, false) => tr!(lang, "Move row {n} down", "Bajar la fila {n}"),
            }
        }
        Deed::Delete(at) => {
            let n = row_of(*at);
            if condition(at) {
                tr!(lang, "Delete condition {n}", "Borrar condición {n}")
            } else {
                tr!(lang, "Delete indicator {n}", "Borrar indicador {n}")
            }
        }
        Deed::AddRound => lang.t("Add round", "Agregar ronda").into(),
        Deed::DeleteRound { name } => tr!(lang, "Delete round {name}", "Borrar la ronda {name}"),
        Deed::Rebalance => lang
            .t("Rebalance unlocked rows", "Reequilibrar filas no fijadas")
            .into(),
        Deed::GoalSeek { row } => {
            tr!(lang, "Goal seek row {}", "Buscar objetivo fila {}", row + 1)
        }
        Deed::Lock { row } => tr!(lang, "Lock row {}", "Fijar fila {}", row + 1),
        Deed::Unlock { row } => tr!(lang, "Unlock row {}", "Liberar fila {}", row + 1),
        Deed::LockNegotiated => lang
            .t(
                "Lock rows with a negotiated target",
                "Fijar filas con meta negociada",
            )
            .into(),
        Deed::UnlockAll => lang.t("Unlock all rows", "Liberar todas las filas").into(),
        Deed::ResetToModel { row } => tr!(
            lang,
            "Reset row {} to the model target",
            "Volver la fila {} a la meta del modelo",
            row + 1
        ),
        Deed::SaveScenario { name } => {
            tr!(lang, "Save scenario {name}", "Guardar escenario {name}")
        }
        Deed::RestoreScenario { name } => {
            tr!(
                lang,
                "Restore scenario {name}",
                "Restaurar escenario {name}"
            )
        }
        Deed::DeleteScenario { name } => {
            tr!(lang, "Delete scenario {name}", "Borrar escenario {name}")
        }
        Deed::ApplyWhatIf => lang
            .t("Apply what-if values", "Aplicar valores simulados")
            .into(),
        Deed::Paste {
            at,
            field,
            rows,
            columns,
        } => paste(*at, *field, *rows, *columns, lang),
        Deed::Undo(done) => {
            let done = self::deed(done, lang);
            tr!(lang, "Undo: {done}", "Deshacer: {done}")
        }
        Deed::Redo(done) => {
            let done = self::deed(done, lang);
            tr!(lang, "Redo: {done}", "Rehacer: {done}")
        }
        Deed::Legacy(text) => text.clone(),
    }
}

/// "Pasted baseline of Targets row 3", "Pasted 2 × 2 cells into Targets rows 1–2 from
/// Baseline".
fn paste(at: Location, field: Field, rows: usize, columns: usize, lang: Lang) -> String {
    let (sheet, n) = (sheet(at, lang), row_of(at));
    let title = crate::schema::title_of(at, field);
    let lower = title.map_or_else(|| field_label(field, lang), |t| t.lower(lang));
    let title = title.map_or_else(|| field_label(field, lang), |t| t.get(lang).to_owned());
    if rows == 1 && columns == 1 {
        tr!(
            lang,
            "Pasted {lower} of {sheet} row {n}",
            "Pegado {lower} de {sheet} fila {n}"
        )
    } else if rows == 1 {
        tr!(
            lang,
            "Pasted {columns} cells into {sheet} row {n} from {title}",
            "Pegadas {columns} celdas en {sheet} fila {n} desde {title}"
        )
    } else {
        tr!(
            lang,
            "Pasted {rows} × {columns} cells into {sheet} rows {n}–{} from {title}",
            "Pegadas {rows} × {columns} celdas en {sheet} filas {n}–{} desde {title}",
            n + rows - 1
        )
    }
}

/// Where and which value: "Targets row 7 (Parasite treatment…), negotiated target".
pub fn what(place: &Place, item: &Item, lang: Lang) -> String {
    let where_ = match place {
        Place::Program => labels::PROGRAM.get(lang).to_owned(),
        Place::Project => labels::PROJECT.get(lang).to_owned(),
        Place::Rounds => labels::ROUNDS_SHEET.get(lang).to_owned(),
        Place::Scenarios => labels::SCENARIOS.get(lang).to_owned(),
        Place::Values { row, name } => {
            row_place(labels::VALUES_SHEET.get(lang), *row, name.as_deref(), lang)
        }
        Place::Targets { row, name } => {
            row_place(labels::TARGETS_SHEET.get(lang), *row, name.as_deref(), lang)
        }
        Place::Legacy(text) => return text.clone(),
    };
    let item = match item {
        Item::Input(field) => field_label(*field, lang).to_owned(),
        Item::Measurement { round } => {
            tr!(lang, "measurement at {round}", "medición en {round}")
        }
        Item::Row => lang.t("row", "fila").to_owned(),
        Item::RowOrder => lang.t("row order", "orden de filas").to_owned(),
        Item::Rounds => lang
            .t("measurement rounds", "rondas de medición")
            .to_owned(),
        Item::Scenarios => lang.t("saved scenarios", "escenarios guardados").to_owned(),
        Item::Legacy => return where_,
    };
    format!("{where_}, {item}")
}

fn row_place(sheet: &str, row: Option<usize>, name: Option<&str>, lang: Lang) -> String {
    match (row, name) {
        (Some(row), Some(name)) => {
            tr!(
                lang,
                "{sheet} row {} ({name})",
                "{sheet} fila {} ({name})",
                row + 1
            )
        }
        (Some(row), None) => tr!(lang, "{sheet} row {}", "{sheet} fila {}", row + 1),
        (None, _) => sheet.to_owned(),
    }
}

fn pct(value: f64) -> String {
    format_percent(value, 2)
}

/// A value before or after a change.
pub fn value(value: &Value, lang: Lang) -> String {
    match value {
        Value::Empty => lang.t("(empty)", "(vacío)").to_owned(),
        Value::Text(text) | Value::Code(text) | Value::Legacy(text) => text.clone(),
        Value::Number(n) => format_number(*n),
        Value::Percent(p) => pct(*p),
        Value::Whole(n) => n.to_string(),
        Value::Locked(true) => lang.t("locked", "fijada").to_owned(),
        Value::Locked(false) => lang.t("unlocked", "libre").to_owned(),
        Value::Direction(Direction::Higher) => {
            lang.t("higher is better", "más es mejor").to_owned()
        }
        Value::Direction(Direction::Lower) => {
            lang.t("lower is better", "menos es mejor").to_owned()
        }
        Value::Timing(Timing::EndOfYear) => lang
            .t("end of each year", "al final de cada año")
            .to_owned(),
        Value::Timing(Timing::StartOfYear) => lang
            .t("start of each year", "al inicio de cada año")
            .to_owned(),
        Value::NotMeasured => lang.t("(none)", "(ninguna)").to_owned(),
        Value::Measurement(m) => measurement(m, lang),
        Value::Rounds(rounds) => rounds
            .iter()
            .map(|r| {
                let months = format_number(r.months);
                tr!(lang, "{} ({months} months)", "{} ({months} meses)", r.name)
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Tranche(rule) => super::verification::tranche(rule, lang),
        Value::NewRow => lang.t("(new)", "(nueva)").to_owned(),
        Value::RemovedRow => lang.t("(removed)", "(eliminada)").to_owned(),
        Value::Row(row) => tr!(lang, "row {}", "fila {}", row + 1),
        Value::Names(names) => names.join(", "),
    }
}

fn measurement(m: &Measurement, lang: Lang) -> String {
    let spread = match m.spread {
        Spread::StandardError(se) => tr!(lang, "SE {}", "EE {}", pct(se)),
        Spread::Sample { n, deff } => {
            format!("n {}, DEFF {}", format_number(n), format_number(deff))
        }
        Spread::Interval { low, high } => {
            tr!(lang, "95% CI {}–{}", "IC 95% {}–{}", pct(low), pct(high))
        }
    };
    format!("{} ({spread})", pct(m.estimate))
}
