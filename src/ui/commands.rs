//! One list of the window's commands: the single source of menu text, tooltip and keyboard
//! shortcut.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    CommandPalette,
    About,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 28] = [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Export,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::RedoAlternative,
        UiCommand::Rebalance,
        UiCommand::LockNegotiated,
        UiCommand::UnlockAll,
        UiCommand::ShowValues,
        UiCommand::ShowTargets,
        UiCommand::ShowSensitivity,
        UiCommand::ShowVerification,
        UiCommand::ShowRounds,
        UiCommand::ShowLog,
        UiCommand::ShowScenarios,
        UiCommand::ShowCharts,
        UiCommand::ShowCensus,
        UiCommand::ShowProblems,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::ProjectorMode,
        UiCommand::CommandPalette,
        UiCommand::About,
    ];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::New => "New",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::Export => "Export target sheets (.xlsx)…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo | UiCommand::RedoAlternative => "Redo",
            UiCommand::Rebalance => "Rebalance unlocked rows",
            UiCommand::LockNegotiated => "Lock rows with a negotiated target",
            UiCommand::UnlockAll => "Unlock all rows",
            UiCommand::ShowValues => "Values sheet",
            UiCommand::ShowTargets => "Targets sheet",
            UiCommand::ShowSensitivity => "Sensitivity",
            UiCommand::ShowVerification => "Verification",
            UiCommand::ShowRounds => "Measurement rounds",
            UiCommand::ShowLog => "Audit log",
            UiCommand::ShowScenarios => "Scenarios",
            UiCommand::ShowCharts => "Charts",
            UiCommand::ShowCensus => "Census data",
            UiCommand::ShowProblems => "Problems",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::ZoomReset => "Normal size",
            UiCommand::ProjectorMode => "Projector mode",
            UiCommand::CommandPalette => "Find a command…",
            UiCommand::About => "About rbf-targets",
        }
    }

    /// Tooltip: what the command does.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty project",
            UiCommand::Open => {
                "Open a project file (.ron) or a workbook laid out like the IDB tool (.xlsx)"
            }
            UiCommand::Save => "Save the project to its file",
            UiCommand::SaveAs => "Save the project to a new file",
            UiCommand::Export => {
                "Write the Targets and Values sheets as an Excel workbook with live formulas, ready to print and sign"
            }
            UiCommand::Quit => "Close the window (asks first when there are unsaved changes)",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo | UiCommand::RedoAlternative => "Redo the last undone change",
            UiCommand::Rebalance => {
                "Keep locked rows; give every other row the common impact that brings benefits to exactly the required ratio times the cost"
            }
            UiCommand::LockNegotiated => {
                "Lock every row that has a negotiated target, so a rebalance keeps it"
            }
            UiCommand::UnlockAll => "Unlock every row",
            UiCommand::ShowValues => "DALYs, populations and the value of one unit of improvement",
            UiCommand::ShowTargets => "Indicators, baselines, trends and targets",
            UiCommand::ShowSensitivity => {
                "d and every target under more or less conservative assumptions, with a tornado chart and what-if sliders"
            }
            UiCommand::ShowVerification => {
                "Survey sample sizes, minimum detectable targets and whether each target can be verified"
            }
            UiCommand::ShowRounds => {
                "Survey estimates at each round: targets met, share met and the performance tranche"
            }
            UiCommand::ShowScenarios => {
                "Save, compare and restore named sets of negotiated targets"
            }
            UiCommand::ShowCharts => {
                "Each indicator's baseline, counterfactual, model and final target, and its share of the benefit"
            }
            UiCommand::ShowLog => {
                "Who changed which input or target, when, from what to what, and why"
            }
            UiCommand::ShowCensus => {
                "Population figures kept from the imported workbook (read-only)"
            }
            UiCommand::ShowProblems => "Every input the model cannot use, and why",
            UiCommand::ZoomIn => "Make everything larger",
            UiCommand::ZoomOut => "Make everything smaller",
            UiCommand::ZoomReset => "Back to the normal size",
            UiCommand::ProjectorMode => {
                "Large, high-contrast display for a projector, readable from the back of the room; again to turn it off"
            }
            UiCommand::CommandPalette => "Type part of a command's name and press Enter to run it",
            UiCommand::About => "What the program computes and where the method comes from",
        }
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
            UiCommand::CommandPalette => command(Key::K),
            UiCommand::LockNegotiated
            | UiCommand::UnlockAll
            | UiCommand::ShowProblems
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
    pub fn tab_name(self) -> &'static str {
        match self {
            UiCommand::ShowValues => "Values",
            UiCommand::ShowTargets => "Targets",
            UiCommand::ShowSensitivity => "Sensitivity",
            UiCommand::ShowVerification => "Verification",
            UiCommand::ShowRounds => "Rounds",
            UiCommand::ShowLog => "Log",
            UiCommand::ShowScenarios => "Scenarios",
            UiCommand::ShowCharts => "Charts",
            UiCommand::ShowCensus => "Census data",
            _ => self.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts: Vec<_> = UiCommand::ALL
            .iter()
            .filter_map(|c| c.shortcut().map(|s| (c, s)))
            .collect();
        for (i, (a, sa)) in shortcuts.iter().enumerate() {
            for (b, sb) in &shortcuts[i + 1..] {
                assert_ne!(sa, sb, "{a:?} and {b:?} share a shortcut");
            }
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        for (i, a) in UiCommand::ALL.iter().enumerate() {
            assert!(!UiCommand::ALL[i + 1..].contains(a), "{a:?} listed twice");
            assert!(!a.label().is_empty() && !a.tooltip().is_empty());
        }
    }
}
