//! Rebalance and goal seek in words: why they cannot run, and what they did.

use crate::document::Report;
use crate::i18n::Lang;
use crate::model::{NegotiationError, RowBlock, TargetPrecision};
use crate::text::{format_amount, format_number, format_ratio, format_target};
use crate::tr;

/// Why a negotiation action cannot run.
pub fn error(error: &NegotiationError, lang: Lang) -> String {
    match error {
        NegotiationError::NotComputable(problems) => {
            let reasons: Vec<String> = problems
                .iter()
                .map(|p| super::problem::sentence(p, lang))
                .collect();
            tr!(
                lang,
                "the model cannot compute d until the problems are fixed: {}",
                "el modelo no puede calcular d hasta que se corrijan los problemas: {}",
                reasons.join("; ")
            )
        }
        NegotiationError::RowNotComputable { row, why } => {
            let reason = match why {
                RowBlock::Problems(problems) => problems
                    .iter()
                    .map(|p| super::problem::reason(p, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
                RowBlock::Condition => lang
                    .t(
                        "its condition has a problem",
                        "su condición tiene un problema",
                    )
                    .to_owned(),
                RowBlock::NoBenefit => lang
                    .t(
                        "it carries no benefit (N·V is zero)",
                        "no aporta beneficio (N·V es cero)",
                    )
                    .to_owned(),
            };
            tr!(
                lang,
                "row {row} cannot be goal-sought: {reason}",
                "no se puede buscar objetivo en la fila {row}: {reason}"
            )
        }
        NegotiationError::NoSuchRow(row) => tr!(
            lang,
            "there is no indicator in row {row}",
            "no hay indicador en la fila {row}"
        ),
    }
}

/// What "at the precision" adds to a message.
fn precision(precision: TargetPrecision, lang: Lang) -> &'static str {
    match precision {
        TargetPrecision::Tenth => lang.t(
            " (targets to the nearest 0.1 point)",
            " (metas al 0.1 punto más cercano)",
        ),
        TargetPrecision::Whole => lang.t(
            " (targets to the nearest point)",
            " (metas al punto más cercano)",
        ),
        TargetPrecision::Exact => "",
    }
}

fn ratio(ratio: Option<f64>, required: f64) -> String {
    ratio.map_or_else(|| "—".to_owned(), |r| format_ratio(r, required))
}

/// What a negotiation action did, for the status line.
pub fn report(report: &Report, lang: Lang) -> String {
    match report {
        Report::Rebalanced {
            precision: p,
            ratio: r,
            required,
        } => tr!(
            lang,
            "Rebalanced{}: the benefit-cost ratio is {} (required {}).",
            "Reequilibrado{}: la relación beneficio-costo es {} (exigida {}).",
            precision(*p, lang),
            ratio(*r, *required),
            format_number(*required)
        ),
        Report::LockedExceed { surplus, currency } => tr!(
            lang,
            "The locked rows alone exceed the requirement by {currency} {}; the free rows were \
             set to their counterfactual.",
            "Las filas fijadas solas superan lo exigido en {currency} {}; las filas libres \
             quedaron en su contrafactual.",
            format_amount(*surplus)
        ),
        Report::CannotBalance {
            shortfall,
            currency,
            locked,
        } => {
            let advice = if *locked {
                lang.t(
                    " Unlock a row or lower the locked targets.",
                    " Libere una fila o baje las metas fijadas.",
                )
            } else {
                lang.t(
                    " Lower the cost, raise a bound, or add indicators.",
                    " Baje el costo, suba un límite o agregue indicadores.",
                )
            };
            tr!(
                lang,
                "Cannot balance: even with every unlocked row at its bound, benefits fall short \
                 by {currency} {}. Nothing was changed.{advice}",
                "No se puede equilibrar: aun con cada fila libre en su límite, a los beneficios \
                 les faltan {currency} {}. No se cambió nada.{advice}",
                format_amount(*shortfall)
            )
        }
        Report::GoalReached {
            row,
            target,
            precision: p,
            ratio: r,
            required,
        } => tr!(
            lang,
            "Row {}: a target of {}{} brings the benefit-cost ratio to {}.",
            "Fila {}: una meta de {}{} lleva la relación beneficio-costo a {}.",
            row + 1,
            format_target(*target),
            precision(*p, lang),
            ratio(*r, *required)
        ),
        Report::GoalShort {
            row,
            target,
            shortfall,
            currency,
        } => tr!(
            lang,
            "Row {}: even at its bound ({}) benefits fall short by {currency} {}.",
            "Fila {}: aun en su límite ({}) a los beneficios les faltan {currency} {}.",
            row + 1,
            format_target(*target),
            format_amount(*shortfall)
        ),
        Report::GoalOver {
            row,
            target,
            surplus,
            currency,
        } => tr!(
            lang,
            "Row {}: even at {} the other rows exceed the requirement by {currency} {}.",
            "Fila {}: aun en {} las demás filas superan lo exigido en {currency} {}.",
            row + 1,
            format_target(*target),
            format_amount(*surplus)
        ),
        Report::RowLocked { row } => format!(
            "{}: {}",
            tr!(lang, "Row {}", "Fila {}", row + 1),
            locked(*row, lang)
        ),
    }
}

/// Why a locked row refuses a change.
pub fn locked(row: usize, lang: Lang) -> String {
    tr!(
        lang,
        "row {} is locked: its target was agreed. Unlock it to change it.",
        "la fila {} está fijada: su meta fue acordada. Libérela para cambiarla.",
        row + 1
    )
}

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// [`error`] in their language.
impl std::fmt::Display for NegotiationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&error(self, Lang::En))
    }
}

impl std::error::Error for NegotiationError {}
