//! The words of the model's results: problems, negotiation outcomes, verification, the audit
//! log and explanations, each rendered in the language passed in. The model itself
//! (`crate::model`) holds only typed values; everything a person reads is made here or in
//! the window, the command-line report and the export, which call these functions.

pub mod audit;
pub mod explain;
pub mod import;
pub mod mark;
pub mod negotiation;
pub mod problem;
pub mod room;
pub mod verification;

use crate::i18n::Lang;
use crate::model::Parameter;

/// The ratio's verdict: "meets the required 1" or "below the required 1".
pub fn verdict(meets: bool, required: f64, lang: Lang) -> String {
    let required = crate::text::format_number(required);
    if meets {
        crate::tr!(
            lang,
            "meets the required {required}",
            "cumple la exigida {required}"
        )
    } else {
        crate::tr!(
            lang,
            "below the required {required}",
            "por debajo de la exigida {required}"
        )
    }
}

/// "Surplus" or "Shortfall" and its amount (never negative), or the neutral label and `None`
/// when it cannot be computed.
pub fn surplus(surplus: Option<f64>, lang: Lang) -> (&'static str, Option<f64>) {
    match surplus {
        Some(s) if s < 0.0 => (lang.t("Shortfall", "Déficit"), Some(-s)),
        Some(s) => (lang.t("Surplus", "Excedente"), Some(s)),
        None => (lang.t("Surplus / shortfall", "Excedente / déficit"), None),
    }
}

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
