//! One list of the window's commands: the single source of menu text, tooltip and keyboard
//! shortcut.

use crate::schema::labels;
use egui::{Key, KeyboardShortcut, Modifiers};

use strum::EnumIter;

use crate::i18n::Lang;

/// A command the user can give from a menu or the keyboard; `UiCommand::iter()` lists every
/// command in menu order (a new command is listed by being declared here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter)]
pub enum UiCommand {
    New,
    Open,
    Save,
    SaveAs,
    Export,
    Quit,
    Undo,
    Redo,
    RedoAlternative,
    Rebalance,
    LockNegotiated,
    UnlockAll,
    InsertRow,
    DeleteRow,
    ShowValues,
    ShowTargets,
    ShowSensitivity,
    ShowVerification,
    ShowRounds,
    ShowLog,
    ShowScenarios,
    ShowCharts,
    ShowCensus,
    ShowProblems,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ProjectorMode,
    PresenterWindow,
    ShareWithRoom,
    MarkAgreed,
    ChangesSinceMark,
    SwitchLanguage,
    CommandPalette,
    About,
}

impl UiCommand {
    /// Menu text.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UiCommand::New => lang.t("New", "Nuevo"),
            UiCommand::Open => lang.t("Open…", "Abrir…"),
            UiCommand::Save => lang.t("Save", "Guardar"),
            UiCommand::SaveAs => lang.t("Save as…", "Guardar como…"),
            UiCommand::Export => lang.t(
                "Export target sheets (.xlsx)…",
                "Exportar hojas de metas (.xlsx)…",
            ),
            UiCommand::Quit => lang.t("Quit", "Salir"),
            UiCommand::Undo => lang.t("Undo", "Deshacer"),
            UiCommand::Redo | UiCommand::RedoAlternative => lang.t("Redo", "Rehacer"),
            UiCommand::Rebalance => {
                lang.t("Rebalance unlocked rows", "Reequilibrar filas no fijadas")
            }
            UiCommand::LockNegotiated => lang.t(
                "Lock rows with a negotiated target",
                "Fijar filas con meta negociada",
            ),
            UiCommand::UnlockAll => lang.t("Unlock all rows", "Liberar todas las filas"),
            UiCommand::InsertRow => lang.t("Insert a row below", "Insertar una fila debajo"),
            UiCommand::DeleteRow => lang.t("Delete the row", "Borrar la fila"),
            UiCommand::ShowValues => lang.t("Values sheet", "Hoja Valores"),
            UiCommand::ShowTargets => lang.t("Targets sheet", "Hoja Metas"),
            UiCommand::ShowSensitivity => labels::SENSITIVITY_SHEET.get(lang),
            UiCommand::ShowVerification => labels::VERIFICATION_SHEET.get(lang),
            UiCommand::ShowRounds => lang.t("Measurement rounds", "Rondas de medición"),
            UiCommand::ShowLog => lang.t("Audit log", "Bitácora de cambios"),
            UiCommand::ShowScenarios => labels::SCENARIOS.get(lang),
            UiCommand::ShowCharts => labels::CHARTS.get(lang),
            UiCommand::ShowCensus => labels::CENSUS_SHEET.get(lang),
            UiCommand::ShowProblems => lang.t("Problems", "Problemas"),
            UiCommand::ZoomIn => lang.t("Zoom in", "Acercar"),
            UiCommand::ZoomOut => lang.t("Zoom out", "Alejar"),
            UiCommand::ZoomReset => lang.t("Normal size", "Tamaño normal"),
            UiCommand::ProjectorMode => lang.t("Projector mode", "Modo proyector"),
            UiCommand::PresenterWindow => lang.t("Presenter window", "Ventana para proyectar"),
            UiCommand::ShareWithRoom => lang.t("Share with the room…", "Compartir con la sala…"),
            UiCommand::MarkAgreed => lang.t("Mark agreed…", "Marcar como acordado…"),
            UiCommand::ChangesSinceMark => {
                lang.t("Changes since the mark", "Cambios desde la marca")
            }
            UiCommand::SwitchLanguage => lang.t("Español (Spanish)", "English (inglés)"),
            UiCommand::CommandPalette => lang.t("Find a command…", "Buscar un comando…"),
            UiCommand::About => lang.t("About rbf-targets", "Acerca de rbf-targets"),
        }
    }

    /// Tooltip: what the command does.
    pub fn tooltip(self, lang: Lang) -> &'static str {
        match self {
            UiCommand::New => lang.t("Start an empty project", "Empezar un proyecto vacío"),
            UiCommand::Open => lang.t(
                "Open a project file (.ron) or a workbook laid out like the IDB tool (.xlsx)",
                "Abrir un archivo de proyecto (.ron) o un libro con el formato de la herramienta \
                    del BID (.xlsx)",
            ),
            UiCommand::Save => lang.t(
                "Save the project to its file",
                "Guardar el proyecto en su archivo",
            ),
            UiCommand::SaveAs => lang.t(
                "Save the project to a new file",
                "Guardar el proyecto en un archivo nuevo",
            ),
            UiCommand::Export => lang.t(
                "Write the Targets and Values sheets as an Excel workbook with live formulas, \
                    ready to print and sign",
                "Escribir las hojas Metas y Valores como libro de Excel con fórmulas vivas, listo \
                    para imprimir y firmar",
            ),
            UiCommand::Quit => lang.t(
                "Close the window (asks first when there are unsaved changes)",
                "Cerrar la ventana (pregunta antes si hay cambios sin guardar)",
            ),
            UiCommand::Undo => lang.t("Undo the last change", "Deshacer el último cambio"),
            UiCommand::Redo | UiCommand::RedoAlternative => lang.t(
                "Redo the last undone change",
                "Rehacer el último cambio deshecho",
            ),
            UiCommand::Rebalance => lang.t(
                "Keep locked rows; give every other row the common impact that brings benefits to \
                    exactly the required ratio times the cost",
                "Mantener las filas fijadas; dar a las demás el impacto común que lleva los \
                    beneficios exactamente a la relación exigida por el costo",
            ),
            UiCommand::LockNegotiated => lang.t(
                "Lock every row that has a negotiated target, so a rebalance keeps it",
                "Fijar cada fila con meta negociada, para que el reequilibrio la conserve",
            ),
            UiCommand::UnlockAll => lang.t("Unlock every row", "Liberar todas las filas"),
            UiCommand::InsertRow => lang.t(
                "Insert a row below the cell being edited (Values or Targets sheet)",
                "Insertar una fila debajo de la celda en edición (hoja Valores o Metas)",
            ),
            UiCommand::DeleteRow => lang.t(
                "Delete the row of the cell being edited (Values or Targets sheet); undo brings \
                    it back",
                "Borrar la fila de la celda en edición (hoja Valores o Metas); deshacer la \
                    recupera",
            ),
            UiCommand::ShowValues => lang.t(
                "DALYs, populations and the value of one unit of improvement",
                "AVAD, poblaciones y el valor de una unidad de mejora",
            ),
            UiCommand::ShowTargets => lang.t(
                "Indicators, baselines, trends and targets",
                "Indicadores, líneas de base, tendencias y metas",
            ),
            UiCommand::ShowSensitivity => lang.t(
                "d and every target under more or less conservative assumptions, with a tornado \
                    chart and what-if sliders",
                "d y cada meta con supuestos más o menos conservadores, con gráfico de tornado y \
                    controles de simulación",
            ),
            UiCommand::ShowVerification => lang.t(
                "Survey sample sizes, minimum detectable targets and whether each target can be \
                    verified",
                "Tamaños de muestra de las encuestas, metas mínimas detectables y si cada meta \
                    puede verificarse",
            ),
            UiCommand::ShowRounds => lang.t(
                "Survey estimates at each round: targets met, share met and the performance \
                    tranche",
                "Estimaciones de encuesta en cada ronda: metas cumplidas, proporción cumplida y \
                    tramo de desempeño",
            ),
            UiCommand::ShowScenarios => lang.t(
                "Save, compare and restore named sets of negotiated targets",
                "Guardar, comparar y restaurar conjuntos de metas negociadas con nombre",
            ),
            UiCommand::ShowCharts => lang.t(
                "Each indicator's baseline, counterfactual, model and final target, and its share \
                    of the benefit",
                "Línea de base, contrafactual, meta del modelo y meta final de cada indicador, y \
                    su parte del beneficio",
            ),
            UiCommand::ShowLog => lang.t(
                "Who changed which input or target, when, from what to what, and why",
                "Quién cambió qué dato o meta, cuándo, de qué a qué y por qué",
            ),
            UiCommand::ShowCensus => lang.t(
                "Population figures kept from the imported workbook (read-only)",
                "Cifras de población conservadas del libro importado (solo lectura)",
            ),
            UiCommand::ShowProblems => lang.t(
                "Every input the model cannot use, and why",
                "Cada dato que el modelo no puede usar, y por qué",
            ),
            UiCommand::ZoomIn => lang.t("Make everything larger", "Agrandar todo"),
            UiCommand::ZoomOut => lang.t("Make everything smaller", "Achicar todo"),
            UiCommand::ZoomReset => lang.t("Back to the normal size", "Volver al tamaño normal"),
            UiCommand::ProjectorMode => lang.t(
                "Large, high-contrast display for a projector, readable from the back of the \
                    room; again to turn it off",
                "Pantalla grande y de alto contraste para proyector, legible desde el fondo de la \
                    sala; otra vez para quitarla",
            ),
            UiCommand::PresenterWindow => lang.t(
                "A second window for the projector: the ratio, the surplus, d and the targets, \
                    large and light, following every edit; move it to the projector's screen",
                "Una segunda ventana para el proyector: la relación, el excedente, d y las metas, \
                    grandes y claras, al día con cada cambio; llévela a la pantalla del proyector",
            ),
            UiCommand::ShareWithRoom => lang.t(
                "Serve a read-only page of the figures on the meeting's network, for every \
                    participant's laptop (a link, a QR code and an access code)",
                "Servir una página de solo lectura con las cifras en la red de la reunión, para \
                    la computadora de cada participante (enlace, código QR y clave de acceso)",
            ),
            UiCommand::MarkAgreed => lang.t(
                "Name this moment (\"end of day 1\"): what changes from now on is highlighted \
                    and listed; kept in the project file",
                "Nombrar este momento («fin del día 1»): lo que cambie desde ahora se resalta y \
                    se lista; se guarda en el archivo del proyecto",
            ),
            UiCommand::ChangesSinceMark => lang.t(
                "Every change since the mark: who, what, from what to what, and why",
                "Cada cambio desde la marca: quién, qué, de qué a qué y por qué",
            ),
            UiCommand::SwitchLanguage => lang.t(
                "Show the window, its messages and exported workbooks in Spanish (remembered)",
                "Mostrar la ventana, sus mensajes y los libros exportados en inglés (se recuerda)",
            ),
            UiCommand::CommandPalette => lang.t(
                "Type part of a command's name and press Enter to run it",
                "Escriba parte del nombre de un comando y pulse Enter para ejecutarlo",
            ),
            UiCommand::About => lang.t(
                "What the program computes and where the method comes from",
                "Qué calcula el programa y de dónde viene el método",
            ),
        }
    }

    /// The shortcut as the menus show it, in `lang` ("Ctrl+Más", not "Ctrl+Plus", in
    /// Spanish).
    pub fn shortcut_text(self, lang: Lang) -> Option<String> {
        self.shortcut().map(|s| shortcut_text(&s, lang))
    }

    /// Keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let command_shift = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        let command_alt = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT,
                key,
            ))
        };
        match self {
            UiCommand::New => command(Key::N),
            UiCommand::Open => command(Key::O),
            UiCommand::Save => command(Key::S),
            UiCommand::SaveAs => command_shift(Key::S),
            UiCommand::Export => command(Key::E),
            UiCommand::Quit => command(Key::Q),
            UiCommand::Undo => command(Key::Z),
            UiCommand::Redo => command_shift(Key::Z),
            UiCommand::RedoAlternative => command(Key::Y),
            UiCommand::Rebalance => command(Key::R),
            // As in Google Sheets; Ctrl+Plus and Ctrl+Minus are the zoom.
            UiCommand::InsertRow => command_alt(Key::Equals),
            UiCommand::DeleteRow => command_alt(Key::Minus),
            UiCommand::ShowValues => command(Key::Num1),
            UiCommand::ShowTargets => command(Key::Num2),
            UiCommand::ShowSensitivity => command(Key::Num3),
            UiCommand::ShowVerification => command(Key::Num4),
            UiCommand::ShowRounds => command(Key::Num5),
            UiCommand::ShowLog => command(Key::Num6),
            UiCommand::ShowScenarios => command(Key::Num7),
            UiCommand::ShowCharts => command(Key::Num8),
            UiCommand::ShowCensus => command(Key::Num9),
            UiCommand::ZoomIn => command(Key::Plus),
            UiCommand::ZoomOut => command(Key::Minus),
            UiCommand::ZoomReset => command(Key::Num0),
            UiCommand::ProjectorMode => command_shift(Key::P),
            UiCommand::PresenterWindow => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            UiCommand::ShareWithRoom => command_shift(Key::H),
            UiCommand::MarkAgreed => command_shift(Key::M),
            UiCommand::ChangesSinceMark => command_shift(Key::C),
            UiCommand::CommandPalette => command(Key::K),
            UiCommand::LockNegotiated
            | UiCommand::UnlockAll
            | UiCommand::ShowProblems
            | UiCommand::SwitchLanguage
            | UiCommand::About => None,
        }
    }
}

impl UiCommand {
    /// The sheet a "show" command opens.
    pub fn tab(self) -> Option<super::Tab> {
        use super::Tab;
        Some(match self {
            UiCommand::ShowValues => Tab::Values,
            UiCommand::ShowTargets => Tab::Targets,
            UiCommand::ShowSensitivity => Tab::Sensitivity,
            UiCommand::ShowVerification => Tab::Verification,
            UiCommand::ShowRounds => Tab::Rounds,
            UiCommand::ShowLog => Tab::Log,
            UiCommand::ShowScenarios => Tab::Scenarios,
            UiCommand::ShowCharts => Tab::Charts,
            UiCommand::ShowCensus => Tab::Census,
            _ => return None,
        })
    }

    /// The name on the sheet's tab.
    pub fn tab_name(self, lang: Lang) -> &'static str {
        match self {
            UiCommand::ShowValues => labels::VALUES_SHEET.get(lang),
            UiCommand::ShowTargets => labels::TARGETS_SHEET.get(lang),
            UiCommand::ShowSensitivity => labels::SENSITIVITY_SHEET.get(lang),
            UiCommand::ShowVerification => labels::VERIFICATION_SHEET.get(lang),
            UiCommand::ShowRounds => labels::ROUNDS_SHEET.get(lang),
            UiCommand::ShowLog => labels::LOG.get(lang),
            UiCommand::ShowScenarios => labels::SCENARIOS.get(lang),
            UiCommand::ShowCharts => labels::CHARTS.get(lang),
            UiCommand::ShowCensus => labels::CENSUS_SHEET.get(lang),
            _ => self.label(lang),
        }
    }
}

/// A keyboard shortcut in `lang`.
pub fn shortcut_text(shortcut: &KeyboardShortcut, lang: Lang) -> String {
    let m = shortcut.modifiers;
    let mut parts = Vec::new();
    if m.command || m.ctrl {
        parts.push(if cfg!(target_os = "macos") {
            "Cmd"
        } else {
            "Ctrl"
        });
    }
    if m.alt {
        parts.push(if cfg!(target_os = "macos") {
            "Option"
        } else {
            "Alt"
        });
    }
    if m.shift {
        parts.push(lang.t("Shift", "Mayús"));
    }
    let key = match shortcut.logical_key {
        Key::Plus => lang.t("Plus", "Más"),
        Key::Minus => lang.t("Minus", "Menos"),
        Key::Equals => lang.t("Equals", "Igual"),
        Key::Enter => lang.t("Enter", "Intro"),
        Key::Escape => lang.t("Esc", "Esc"),
        other => other.name(),
    };
    parts.push(key);
    parts.join("+")
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn shortcut_names_follow_the_language() {
        let es = Lang::Es;
        assert_eq!(
            UiCommand::ZoomIn.shortcut_text(es).as_deref(),
            Some("Ctrl+Más")
        );
        assert_eq!(
            UiCommand::SaveAs.shortcut_text(es).as_deref(),
            Some("Ctrl+Mayús+S")
        );
        let en = Lang::En;
        assert_eq!(
            UiCommand::ZoomIn.shortcut_text(en).as_deref(),
            Some("Ctrl+Plus")
        );
        assert_eq!(
            UiCommand::InsertRow.shortcut_text(en).as_deref(),
            Some("Ctrl+Alt+Equals")
        );
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts: Vec<_> = UiCommand::iter()
            .filter_map(|c| c.shortcut().map(|s| (c, s)))
            .collect();
        for (i, (a, sa)) in shortcuts.iter().enumerate() {
            for (b, sb) in &shortcuts[i + 1..] {
                assert_ne!(sa, sb, "{a:?} and {b:?} share a shortcut");
            }
        }
    }

    #[test]
    fn every_command_has_words_in_each_language() {
        for command in UiCommand::iter() {
            for lang in Lang::ALL {
                assert!(!command.label(lang).is_empty() && !command.tooltip(lang).is_empty());
            }
        }
    }
}
