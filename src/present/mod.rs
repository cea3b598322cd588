//! The words of the model's results: problems, negotiation outcomes, verification, the audit
//! log and explanations, each rendered in the language passed in. The model itself
//! (`crate::model`) holds only typed values; everything a person reads is made here or in
//! the window, the command-line report and the export, which call these functions.

pub mod audit;
pub mod explain;
pub mod import;
pub mod negotiation;
pub mod problem;
pub mod room;
pub mod verification;

use crate::i18n::Lang;
use crate::model::Parameter;

/// A sensitivity parameter's label, with the note's symbol.
pub fn parameter(parameter: Parameter, lang: Lang) -> &'static str {
    match parameter {
        Parameter::DiscountRate => lang.t("Discount rate r", "Tasa de descuento r"),
        Parameter::Horizon => lang.t("Horizon H (years)", "Horizonte H (años)"),
        Parameter::DalyMultiple => {
            lang.t("Value of a DALY k (× GNI)", "Valor de un AVAD k (× INB)")
        }
        Parameter::ProgramYears => {
            lang.t("Program length L (years)", "Duración del programa L (años)")
        }
        Parameter::Cost => lang.t("Total cost C", "Costo total C"),
        Parameter::Gni => lang.t("GNI per capita G", "INB per cápita G"),
        Parameter::DefaultAnnualChange => {
            lang.t("Default annual change a₀", "Cambio anual por defecto a₀")
        }
    }
}

/// Why the document's gate refused a change, without where (the cell says that).
pub fn why(why: &crate::document::Why, lang: Lang) -> String {
    use crate::document::Why;
    match why {
        Why::Locked { row } => negotiation::locked(*row, lang),
        Why::Problem(problem) => problem::reason(problem, lang),
        Why::Unreadable(error) => error.message(lang),
    }
}

/// A refused change with where it was: "Targets row 5, negotiated target: 150.0% is outside
/// 0%–100%".
pub fn refusal(refusal: &crate::document::Refusal, lang: Lang) -> String {
    let why = why(&refusal.why, lang);
    match refusal.at {
        Some((location, field)) => {
            let place = problem::place(location, lang);
            format!("{place}, {}: {why}", problem::field_label(field, lang))
        }
        None => why,
    }
}
