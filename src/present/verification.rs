//! Verification in words: the tests, the tranche rule, and why a target was not met.

use crate::i18n::Lang;
use crate::model::verify::Shortfall;
use crate::model::{Direction, TestKind, TrancheRule};
use crate::text::format_percent;
use crate::tr;

/// The name of a test shown next to every sample size.
pub fn test(kind: TestKind, lang: Lang) -> &'static str {
    match kind {
        TestKind::TwoProportions => lang.t(
            "two proportions (pooled, as R's power.prop.test)",
            "dos proporciones (combinadas, como power.prop.test de R)",
        ),
        TestKind::OneSample => lang.t(
            "one sample against a fixed counterfactual",
            "una muestra contra un contrafactual fijo",
        ),
    }
}

/// The short name of a test, for a narrow column.
pub fn test_short(kind: TestKind, lang: Lang) -> &'static str {
    match kind {
        TestKind::TwoProportions => lang.t("two-proportion", "dos proporciones"),
        TestKind::OneSample => lang.t("one-sample", "una muestra"),
    }
}

/// The tranche rule in one sentence.
pub fn tranche(rule: &TrancheRule, lang: Lang) -> String {
    match rule {
        TrancheRule::AllOrNothing { threshold } => tr!(
            lang,
            "all or nothing: paid when at least {} of targets (weighted) are met",
            "todo o nada: se paga cuando se cumple al menos {} de las metas (ponderadas)",
            format_percent(*threshold, 0)
        ),
        TrancheRule::Continuous => lang
            .t(
                "continuous: paid in proportion to weighted achievement",
                "continua: se paga en proporción al logro ponderado",
            )
            .to_owned(),
        TrancheRule::Steps(steps) => {
            let parts: Vec<String> = steps
                .iter()
                .map(|(share, paid)| {
                    tr!(
                        lang,
                        "{} met pays {}",
                        "{} cumplido paga {}",
                        format_percent(*share, 0),
                        format_percent(*paid, 0)
                    )
                })
                .collect();
            tr!(lang, "steps: {}", "escalones: {}", parts.join("; "))
        }
    }
}

/// The message shown when an indicator cannot be verified with its sample (note §4).
pub fn cannot_verify(lang: Lang) -> &'static str {
    lang.t(
        "cannot be verified with this sample: raise the sample or replace the indicator",
        "no se puede verificar con esta muestra: aumente la muestra o reemplace el indicador",
    )
}

/// Why a target was not met, in one line ("" when it was).
pub fn shortfalls(shortfalls: &[Shortfall], lang: Lang) -> String {
    let parts: Vec<String> = shortfalls.iter().map(|s| shortfall(s, lang)).collect();
    parts.join("; ")
}

fn shortfall(shortfall: &Shortfall, lang: Lang) -> String {
    match *shortfall {
        Shortfall::NotMeasured => lang
            .t("not measured in this round", "no medido en esta ronda")
            .to_owned(),
        Shortfall::NoPrecision => lang
            .t(
                "the estimate's precision cannot be computed; check n, DEFF or the interval",
                "no se puede calcular la precisión de la estimación; revise n, DEFF o el \
                 intervalo",
            )
            .to_owned(),
        Shortfall::Target {
            estimate,
            target,
            direction,
        } => {
            let side = match direction {
                Direction::Higher => lang.t("below", "por debajo de"),
                Direction::Lower => lang.t("above", "por encima de"),
            };
            tr!(
                lang,
                "the estimate {} is {side} the target {}",
                "la estimación {} está {side} la meta {}",
                format_percent(estimate, 1),
                format_percent(target, 1)
            )
        }
        Shortfall::Counterfactual {
            low,
            high,
            counterfactual,
            with_its_interval,
        } => {
            let c = format_percent(counterfactual, 1);
            let what = if with_its_interval {
                tr!(
                    lang,
                    "overlaps the counterfactual's interval around {c}",
                    "se superpone al intervalo del contrafactual en torno a {c}"
                )
            } else {
                tr!(
                    lang,
                    "reaches the counterfactual {c}",
                    "alcanza el contrafactual {c}"
                )
            };
            tr!(
                lang,
                "the 95% interval {}–{} {what}",
                "el intervalo del 95% {}–{} {what}",
                format_percent(low, 1),
                format_percent(high, 1)
            )
        }
    }
}
